"""Issue #3: a worker ingests a batch of stored messages with the same outcome as one by one,
reading what cannot change meanwhile once per batch and handing the queued e-mails to the queue in
one task."""

from __future__ import annotations

import pytest

from goodwill.care.services import service_levels_ensure_defaults
from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.services import email_ingest_many
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.outbox import services as outbox
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.memo import after_batch, batch_memo, memoized
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User

# How the cases these stories close ended (a person closing a case says so).
SETTLED = OutcomeGiven(done="Settled with the client", done_by="Anna Schmid", fixed=True)


@pytest.mark.django_db(transaction=True)  # real commits: deliveries are handed over after them
def test_it_ingests_a_batch_with_every_side_effect_and_one_delivery_task(
    case_t: Case,
    paris_client: Client,
    advisor: User,
    foreign_dealer: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handed: list[list[int]] = []
    monkeypatch.setattr(outbox, "_enqueue_deliveries", lambda ids: handed.append(list(ids)))
    # a transactional test before this one flushed the seeded levels
    service_levels_ensure_defaults()
    # Given Mr. T's case was resolved, and Pierre gets his notifications by e-mail too
    User.objects.filter(pk=foreign_dealer.pk).update(email="pierre.martin@aurelis.example")
    case_change_status(actor=advisor, case=case_t, status=Case.Status.RESOLVED, outcome=SETTLED)
    before = set(OutboundMessage.objects.values_list("pk", flat=True))
    # When the worker ingests, in one batch, Mr. T's answer on that case, another mail of his and
    # a new problem of a Paris client
    raws = [
        make_mail(
            subject=f"Re: {case_t.reference}",
            body="The tyre is flat again, the same one as last week.",
        ),
        make_mail(
            subject="Still flat",
            body="Hello, could someone call me back about the tyre today please?",
        ),
        make_mail(
            sender=f"Camille Bernard <{paris_client.contact_points.get(kind='email').value}>",
            subject="Window stuck",
            body="Bonjour, la vitre du conducteur reste bloquée depuis hier.",
        ),
    ]
    inbound = email_ingest_many(raws=raws)
    # Then his answer reopened his case (he hears of it) and his next mail landed on it too;
    # the Paris mail opened a case with its clocks, Pierre notified with an e-mail copy
    assert [m.status for m in inbound] == [InboundMessage.Status.PROCESSED] * 3
    case_t.refresh_from_db()
    assert [inbound[0].case_id, inbound[1].case_id] == [case_t.pk, case_t.pk]
    assert case_t.status == Case.Status.OPEN
    opened = Case.objects.get(pk=inbound[2].case_id)
    assert opened.client_id == paris_client.pk
    assert opened.clocks.count() == 3
    assert Notification.objects.filter(
        case=opened, recipient=foreign_dealer, kind=Notification.Kind.CASE_OPENED
    ).exists()
    queued = set(OutboundMessage.objects.values_list("pk", flat=True)) - before
    assert OutboundMessage.objects.filter(
        pk__in=queued,
        purpose=OutboundMessage.Purpose.STAFF,
        to_address="pierre.martin@aurelis.example",
    ).exists()
    assert OutboundMessage.objects.filter(
        pk__in=queued, purpose=OutboundMessage.Purpose.NOTIFICATION, case=case_t
    ).exists()
    # His answer came while the news that his case was resolved still waited to leave: the
    # acknowledgement and the news that it is taken up again go in that same e-mail (one
    # automatic e-mail per window)
    merged = OutboundMessage.objects.filter(pk__in=queued, status=OutboundMessage.Status.MERGED)
    assert {m.reason for m in merged} == {"reopened", "status_news"}
    held = {m.pk for m in merged}
    # And the e-mails to send went to the queue once, after the batch, all of them
    during = [ids for ids in handed if not set(ids) <= before]
    assert len(during) == 1
    assert set(during[0]) == queued - held


def test_it_reads_again_outside_a_batch_and_once_inside() -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert memoized("k", compute) == 1
    assert memoized("k", compute) == 2  # no batch: nothing is kept
    with batch_memo():
        assert memoized("k", compute) == 3
        assert memoized("k", compute) == 3
    assert memoized("k", compute) == 4


def test_it_hands_over_follow_up_work_even_when_the_batch_fails() -> None:
    flushed: list[list[int]] = []
    with pytest.raises(RuntimeError), batch_memo():
        after_batch("x", 1, flushed.append)
        after_batch("x", 2, flushed.append)
        raise RuntimeError("a database failure mid-batch")
    assert flushed == [[1, 2]]
    after_batch("x", 3, flushed.append)  # outside a batch: at once
    assert flushed == [[1, 2], [3]]
