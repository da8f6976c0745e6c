"""The client writes from the portal: the message goes through the one intake, onto their case,
as any message does (recorded as theirs, the owner told, the chaser rule, a closed case
reopened)."""

from __future__ import annotations

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.portal.tests.conftest import portal_open, post
from goodwill.timeline.models import Entry


def test_a_reply_lands_on_the_case_through_the_intake(
    client_t: Client, case_t: Case, advisor: User
) -> None:
    browser = portal_open(client_t)
    url = f"/portal/cases/{case_t.reference}/"

    sent = post(browser, url, {"text": "Der Reifen ist jetzt gewechselt, danke für alles."})

    assert sent.status_code == 302  # type: ignore[attr-defined]
    entry = Entry.objects.get(case=case_t, kind=Entry.Kind.MESSAGE_IN)
    assert entry.client_id == client_t.pk and entry.channel == "web"
    assert entry.payload["portal"] is True and entry.payload["threaded_by"] == "portal"
    assert "signal" in entry.payload
    assert Notification.objects.filter(recipient=advisor, case=case_t).exists()
    page = browser.get(url + "?sent=1").content.decode()
    assert "Der Reifen ist jetzt gewechselt" in page


def test_asking_twice_for_news_is_a_chaser(client_t: Client, case_t: Case) -> None:
    browser = portal_open(client_t)
    url = f"/portal/cases/{case_t.reference}/"

    post(browser, url, {"text": "Gibt es schon etwas Neues zu meinem Auto?"})
    post(browser, url, {"text": "Wann bekomme ich endlich eine Antwort zu meinem Auto?"})

    assert Entry.objects.filter(case=case_t, kind=Entry.Kind.CHASER).exists()


def test_writing_on_a_closed_case_takes_it_up_again(client_t: Client, case_t: Case) -> None:
    Case.objects.filter(pk=case_t.pk).update(status=Case.Status.RESOLVED)
    browser = portal_open(client_t)

    post(
        browser,
        f"/portal/cases/{case_t.reference}/",
        {"text": "Das Problem ist leider wieder aufgetreten."},
    )

    case_t.refresh_from_db()
    assert case_t.status == Case.Status.OPEN


def test_an_empty_reply_is_refused_and_nothing_recorded(client_t: Client, case_t: Case) -> None:
    browser = portal_open(client_t)

    refused = post(browser, f"/portal/cases/{case_t.reference}/", {"text": "   "})

    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert not Entry.objects.filter(case=case_t, kind=Entry.Kind.MESSAGE_IN).exists()
