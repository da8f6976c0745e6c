"""Story 000 through a partner's eyes: the tow company gets a private link, accepts, gives its
ETA; the client is told in German without anyone typing it; a tampered or expired link opens
nothing and changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client as Browser

from goodwill.assistance.models import Partner, PartnerTask
from goodwill.assistance.services import partner_task_request
from goodwill.assistance.tests.conftest import SATURDAY, link_token
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


@pytest.fixture
def tow_task(saturday, advisor: User, case_t: Case, tow: Partner) -> PartnerTask:
    return partner_task_request(
        actor=advisor,
        case=case_t,
        partner=tow,
        title="Abschleppen zum Händler München",
        details="A8 Rastplatz Holzkirchen, Herr Lefèvre wartet am Auto.",
    )


def test_the_partner_is_sent_a_private_link_whose_token_is_not_stored(
    tow_task: PartnerTask, tow: Partner
) -> None:
    message = OutboundMessage.objects.get(purpose="partner", to_address=tow.email)
    token = link_token(tow_task)

    assert message.reason == "partner_task" and message.language == "de"
    assert "Abschleppen zum Händler München" in message.subject
    assert len(token) >= 40  # 256 random bits
    tow_task.refresh_from_db()
    assert tow_task.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(PartnerTask.objects.filter(pk=tow_task.pk).values().get())
    assert tow_task.token_expires_at == SATURDAY + dt.timedelta(days=7)
    assert tow_task.accept_by == SATURDAY + dt.timedelta(minutes=15)
    assert Entry.objects.filter(case=tow_task.case, kind="partner_task").count() == 1


def test_the_partner_accepts_then_gives_an_eta_and_the_client_hears_it_in_german(
    tow_task: PartnerTask, advisor: User
) -> None:
    browser = Browser(enforce_csrf_checks=True)
    url = f"/p/{link_token(tow_task)}/"
    page = browser.get(url)
    assert page.status_code == 200
    assert page["Content-Language"] == "de" and page["Referrer-Policy"] == "same-origin"
    assert b'lang="de"' in page.content and b"Abschleppen" in page.content
    csrf = browser.cookies["csrftoken"].value

    accepted = browser.post(url, {"action": "accepted", "csrfmiddlewaretoken": csrf})
    assert accepted.status_code == 302
    on_the_way = browser.post(
        url, {"action": "on_the_way", "eta_minutes": "45", "csrfmiddlewaretoken": csrf}
    )
    assert on_the_way.status_code == 302

    tow_task.refresh_from_db()
    assert tow_task.status == "on_the_way"
    assert tow_task.eta == SATURDAY + dt.timedelta(minutes=45)
    told = list(
        OutboundMessage.objects.filter(reason="partner_update")
        .order_by("id")
        .values_list("language", "to_address", "body_text")
    )
    assert [language for language, _to, _body in told] == ["de", "de"]
    assert all(to == "thomas.lefevre@example.com" for _language, to, _body in told)
    assert "hat den Auftrag bestätigt" in told[0][2]
    # 08:45 UTC is 10:45 in Munich, the client's time.
    assert "ist unterwegs und voraussichtlich um 10:45 bei Ihnen" in told[1][2]
    updates = Entry.objects.filter(case=tow_task.case, kind="partner_update")
    assert updates.count() == 2 and all(e.actor is None for e in updates)
    # The case stays with its owner.
    tow_task.case.refresh_from_db()
    assert tow_task.case.owner == advisor


def test_a_post_without_the_csrf_token_is_refused(tow_task: PartnerTask) -> None:
    browser = Browser(enforce_csrf_checks=True)
    response = browser.post(f"/p/{link_token(tow_task)}/", {"action": "accepted"})

    assert response.status_code == 403
    tow_task.refresh_from_db()
    assert tow_task.status == "requested"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:-4],
        lambda token: token + "x",
        lambda token: hashlib.sha256(token.encode()).hexdigest(),
        lambda token: "x" * 500,
    ],
)
def test_a_tampered_link_answers_404_and_changes_nothing(tow_task: PartnerTask, tamper) -> None:
    browser = Browser()
    url = f"/p/{tamper(link_token(tow_task))}/"

    assert browser.get(url).status_code == 404
    assert browser.post(url, {"action": "accepted"}).status_code == 404
    tow_task.refresh_from_db()
    assert tow_task.status == "requested"
    assert not Entry.objects.filter(kind="partner_update").exists()


def test_an_expired_link_answers_404_and_changes_nothing(saturday, tow_task: PartnerTask) -> None:
    token = link_token(tow_task)
    saturday.shift(dt.timedelta(days=7, seconds=1))
    browser = Browser()

    assert browser.get(f"/p/{token}/").status_code == 404
    assert browser.post(f"/p/{token}/", {"action": "accepted"}).status_code == 404
    tow_task.refresh_from_db()
    assert tow_task.status == "requested"


def test_a_link_opens_only_its_own_task(
    tow_task: PartnerTask, advisor: User, case_t: Case, tow: Partner
) -> None:
    other = partner_task_request(actor=advisor, case=case_t, partner=tow, title="Second tow")
    Browser().post(f"/p/{link_token(tow_task)}/", {"action": "accepted"})

    tow_task.refresh_from_db()
    other.refresh_from_db()
    assert tow_task.status == "accepted" and other.status == "requested"


def test_a_renewed_link_replaces_the_old_one(tow_task: PartnerTask) -> None:
    from goodwill.assistance.services import partner_task_link_renew

    old = link_token(tow_task)
    partner_task_link_renew(actor=tow_task.requested_by, task=tow_task)
    new = link_token(tow_task)

    assert new != old
    assert Browser().get(f"/p/{old}/").status_code == 404
    assert Browser().get(f"/p/{new}/").status_code == 200


def test_a_step_out_of_order_is_refused_and_changes_nothing(tow_task: PartnerTask) -> None:
    url = f"/p/{link_token(tow_task)}/"
    response = Browser().post(url, {"action": "done"})

    assert response.status_code == 400
    tow_task.refresh_from_db()
    assert tow_task.status == "requested"
    assert not OutboundMessage.objects.filter(reason="partner_update").exists()


def test_on_the_way_needs_an_eta(tow_task: PartnerTask) -> None:
    url = f"/p/{link_token(tow_task)}/"
    Browser().post(url, {"action": "accepted"})
    response = Browser().post(url, {"action": "on_the_way"})

    assert response.status_code == 400
    tow_task.refresh_from_db()
    assert tow_task.status == "accepted"


def test_a_refusal_alerts_the_owner_at_once_and_tells_the_client(
    tow_task: PartnerTask, advisor: User
) -> None:
    url = f"/p/{link_token(tow_task)}/"
    Browser().post(url, {"action": "refused", "note": "Kein Fahrzeug frei"})

    alert = Notification.objects.get(kind="partner_refused")
    assert alert.recipient == advisor and "Kein Fahrzeug frei" in alert.body
    told = OutboundMessage.objects.get(reason="partner_update")
    assert "organisiert sofort eine andere Lösung" in told.body_text
    # The link still opens, with nothing left to do.
    page = Browser().get(url)
    assert page.status_code == 200 and b'name="action"' not in page.content


def test_a_link_stops_writing_to_the_client_after_too_many_updates(
    tow_task: PartnerTask,
) -> None:
    from goodwill.assistance.services import LINK_UPDATES_PER_HOUR

    url = f"/p/{link_token(tow_task)}/"
    Browser().post(url, {"action": "accepted"})
    for minutes in range(LINK_UPDATES_PER_HOUR - 1):
        Browser().post(url, {"action": "on_the_way", "eta_minutes": str(30 + minutes)})
    response = Browser().post(url, {"action": "on_the_way", "eta_minutes": "90"})

    # The partner reads it in their own language (German here).
    assert response.status_code == 400 and "Zu viele Aktualisierungen" in response.content.decode()
    sent = OutboundMessage.objects.filter(reason="partner_update").count()
    assert sent == LINK_UPDATES_PER_HOUR
