"""Signals by meaning: what a client's message is (a chaser, new information, thanks, a
complaint) and how they feel, in any of the brand's languages; only a chaser counts as one, and a
complaint or an angry or desperate message raises the case's priority and tells the managers.

The encoder loads once per test session (intake.signals keeps it for the process)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.email.services import email_ingest
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.intake.signals import classify
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


@pytest.fixture(autouse=True)
def _data_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    ["Thank you so much, all good now.", "Merci beaucoup !", "Vielen Dank!", "ありがとう。"],
)
def test_a_thank_you_is_not_a_chaser(text: str) -> None:
    assert classify(text).kind == "thanks"


@pytest.mark.parametrize(
    "text", ["Invoice attached.", "Anbei die Rechnung.", "In allegato la fattura.", "附件是发票。"]
)
def test_invoice_attached_is_new_information(text: str) -> None:
    assert classify(text).kind == "information"


@pytest.mark.parametrize(
    "text", ["Any news?", "Des nouvelles ?", "¿Alguna novedad?", "有消息了吗？", "هل من جديد؟"]
)
def test_a_short_any_news_is_a_chaser(text: str) -> None:
    assert classify(text).kind == "chaser"


@pytest.mark.parametrize(
    "text",
    [
        "This is a disgrace, I am furious!!!",
        "C'est inadmissible, personne ne me répond depuis trois semaines !",
        "Eine absolute Frechheit! Niemand ruft zurück!",
        "Vi prego, sono bloccato con i bambini e nessuno arriva, aiutatemi.",
    ],
)
def test_an_angry_or_desperate_message_is_flagged(text: str) -> None:
    assert classify(text).alarming


def _mail(case: Case, body: str, subject: str = "") -> Entry:
    inbound = email_ingest(raw=make_mail(subject=subject or f"{case.reference}", body=body))
    assert inbound.case == case
    return Entry.objects.filter(case=case, kind="message_in").latest("id")


def _heard_nothing_since(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(
        last_client_contact_at=timezone.now() - dt.timedelta(hours=2)
    )


def test_a_thank_you_on_an_open_case_does_not_count_as_a_chaser(case_t: Case) -> None:
    _heard_nothing_since(case_t)

    entry = _mail(case_t, "Thanks a lot for your help, much appreciated.")

    case_t.refresh_from_db()
    assert case_t.chaser_count == 0
    assert entry.payload["signal"]["kind"] == "thanks"
    assert not Entry.objects.filter(case=case_t, kind="chaser").exists()


def test_the_chaser_alert_quotes_the_client(case_t: Case, manager: User) -> None:
    _heard_nothing_since(case_t)
    _mail(case_t, "Any news on my car? I have heard nothing since Monday.")
    _mail(case_t, "Still waiting for an update, could someone get back to me?")

    case_t.refresh_from_db()
    assert case_t.chaser_count == 2
    chaser = Entry.objects.filter(case=case_t, kind="chaser").latest("id")
    assert "Still waiting for an update" in chaser.body
    alert = Notification.objects.get(kind=Notification.Kind.CHASER, recipient=manager)
    assert "Still waiting for an update, could someone get back to me?" in alert.body


def test_an_angry_mail_raises_the_priority_and_tells_the_manager_once(
    case_t: Case, manager: User
) -> None:
    assert case_t.priority == 3

    entry = _mail(case_t, "This is absolutely unacceptable!!! Three weeks and NO ANSWER AT ALL.")
    # The same message fetched again adds nothing.
    email_ingest(raw=make_mail(subject=case_t.reference, body="This is absolutely unacceptable!!!"))

    case_t.refresh_from_db()
    assert case_t.priority == 1
    assert entry.payload["signal"]["mood"] == "angry"
    raised = Entry.objects.get(case=case_t, kind="note", payload__changes__has_key="priority")
    assert raised.payload["changes"]["priority"] == [3, 1]
    told = Notification.objects.filter(recipient=manager, key__startswith=f"signal:{entry.pk}:")
    assert told.count() == 1
    assert "absolutely unacceptable" in told.get().body


def test_a_calm_message_changes_no_priority_and_tells_no_manager(
    case_t: Case, manager: User
) -> None:
    _mail(case_t, "Could I bring the car in on Friday instead of Thursday?")

    case_t.refresh_from_db()
    assert case_t.priority == 3
    assert not Notification.objects.filter(recipient=manager, key__startswith="signal:").exists()


def test_the_case_page_shows_the_signal_as_a_badge(case_t: Case, advisor: User) -> None:
    from django.test import Client as HttpClient

    _mail(case_t, "Vielen Dank, alles bestens!")
    browser = HttpClient()
    browser.force_login(advisor)

    html = browser.get(f"/cases/{case_t.reference}/").content.decode()

    assert "signal-thanks" in html


def test_the_stored_model_was_fitted_on_the_current_data_phrases_and_rules() -> None:
    from goodwill.intake import signal_model

    # Stale after a change to the training messages, the phrases or the rules: run
    # `python -m goodwill.intake.signal_model` and commit data/signals_model.npz.
    assert signal_model.stored_fingerprint() == signal_model.fingerprint()


def test_no_evaluation_message_is_in_the_training_data() -> None:
    import json

    from goodwill.intake import signal_model

    bench = Path(__file__).resolve().parents[3] / "bench" / "data"
    if not bench.exists():
        pytest.skip("the benchmark's data is not here")
    training = {row["text"].strip().casefold() for row in signal_model.training_messages()}
    for path in bench.glob("signals*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                assert json.loads(line)["text"].strip().casefold() not in training, path.name
