"""A survey waiting for the client is offered on their portal's home and answered there: the
session proves who answers, so the answer is final at once."""

from __future__ import annotations

from goodwill.clients.models import Client
from goodwill.portal.tests.conftest import portal_open, post
from goodwill.surveys.models import Survey
from goodwill.timeline.models import Entry


def test_the_pending_survey_is_answered_on_the_portal(sent: Survey) -> None:
    browser = portal_open(sent.client)
    home = browser.get("/portal/").content.decode()
    assert 'id="survey-title"' in home and f"/portal/survey/{sent.pk}/" in home

    answer = post(
        browser, f"/portal/survey/{sent.pk}/", {"score": "5", "effort": "5", "comment": "Top"}
    )
    assert getattr(answer, "status_code", None) == 302
    sent.refresh_from_db()
    assert (sent.state, sent.score, sent.channel) == ("final", 5, "portal")
    assert Entry.objects.get(case=sent.case, kind="survey_answered").channel == "portal"
    assert 'id="survey-title"' not in browser.get("/portal/").content.decode()


def test_a_bad_answer_is_said_on_the_page(sent: Survey) -> None:
    browser = portal_open(sent.client)
    browser.get("/portal/")
    answer = post(browser, f"/portal/survey/{sent.pk}/", {"score": "9"})
    assert getattr(answer, "status_code", None) == 400
    sent.refresh_from_db()
    assert sent.state == "sent"


def test_another_clients_survey_is_a_404(sent: Survey, paris_client: Client) -> None:
    browser = portal_open(paris_client)
    assert 'id="survey-title"' not in browser.get("/portal/").content.decode()
    answer = post(browser, f"/portal/survey/{sent.pk}/", {"score": "1"})
    assert getattr(answer, "status_code", None) == 404
    sent.refresh_from_db()
    assert sent.state == "sent"
