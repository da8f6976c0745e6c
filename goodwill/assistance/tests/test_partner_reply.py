"""A partner who answers the task's e-mail instead of opening its link: "ETA 40" on the first
line moves the task on and the client is told; anything else reaches the owner. Never is the
partner taken for the client: no chaser, no acknowledgement, no reopened case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from goodwill.assistance.models import Partner, PartnerTask
from goodwill.assistance.services import partner_task_request, reply_command
from goodwill.cases.models import Case
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


@pytest.fixture(autouse=True)
def _data_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def tow_task(advisor: User, case_t: Case, tow: Partner) -> PartnerTask:
    return partner_task_request(actor=advisor, case=case_t, partner=tow, title="Tow to the dealer")


def _reply(task: PartnerTask, body: str) -> InboundMessage:
    sent = OutboundMessage.objects.get(
        purpose="partner", key__startswith=f"partner_task:{task.pk}:"
    )
    assert "ETA 45" in sent.body_text  # the e-mail says how to answer
    return email_ingest(
        raw=make_mail(
            sender=f"Dispo Huber <{task.partner.email}>",
            subject=f"Re: {sent.subject}",
            body=body,
            in_reply_to=sent.message_id,
        )
    )


def test_the_first_line_reads_as_a_command() -> None:
    at = dt.datetime(2026, 6, 6, 8, 0, tzinfo=dt.UTC)

    assert reply_command("ETA 40\n\nGruß, Sepp", at=at) == (
        "on_the_way",
        at + dt.timedelta(minutes=40),
    )
    assert reply_command("  Angenommen, wir kommen", at=at) == ("accepted", None)
    assert reply_command("\nDONE", at=at) == ("done", None)
    assert reply_command("Wir rufen zurück", at=at) is None


def test_a_partner_accepts_then_gives_an_eta_by_replying(
    tow_task: PartnerTask, advisor: User
) -> None:
    chasers = tow_task.case.chaser_count
    first = _reply(tow_task, "OK\n\nSepp Huber")
    second = _reply(tow_task, "ETA 40\nFahrer unterwegs")

    assert first.status == second.status == InboundMessage.Status.PROCESSED
    assert first.case == tow_task.case
    tow_task.refresh_from_db()
    assert tow_task.status == "on_the_way" and tow_task.eta is not None
    told = OutboundMessage.objects.filter(reason="partner_update", language="de")
    assert told.count() == 2
    # The partner is not the client: no chaser, no acknowledgement to the partner.
    assert not Entry.objects.filter(case=tow_task.case, kind="chaser").exists()
    assert (
        not OutboundMessage.objects.filter(to_address=tow_task.partner.email)
        .exclude(purpose="partner")
        .exists()
    )
    assert Case.objects.get(pk=tow_task.case_id).chaser_count == chasers


def test_a_reply_it_cannot_act_on_reaches_the_owner(tow_task: PartnerTask, advisor: User) -> None:
    inbound = _reply(tow_task, "Wir haben erst ab 14 Uhr einen Wagen frei, passt das?")

    assert inbound.status == InboundMessage.Status.PROCESSED
    tow_task.refresh_from_db()
    assert tow_task.status == "requested"
    told = Notification.objects.get(recipient=advisor, title__contains="replied")
    assert "ab 14 Uhr" in told.body
    assert not OutboundMessage.objects.filter(reason="partner_update").exists()
