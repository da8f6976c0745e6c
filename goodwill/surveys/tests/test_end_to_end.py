"""A case closes; a day later the sweep sends the survey in the client's language; one click
records the score; the comment makes it final; the story tells it all."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.surveys.models import Survey
from goodwill.surveys.services import detractor_outcome_record, survey_submit
from goodwill.surveys.tests.conftest import a_day_later, close, links, page_path, survey_mail
from goodwill.timeline.models import Entry


def test_a_closed_case_is_surveyed_a_day_later_in_the_clients_language_and_answered_in_one_click(
    closed: Case, traveller: time_machine.Coordinates, client: Browser
) -> None:
    survey = Survey.objects.get(case=closed)
    assert survey.state == "scheduled" and survey.kind == "satisfaction"

    # Not before its day: the client is not asked while the tyre is still on their mind.
    assert a_day_later(traveller, hours=2) == 0
    assert a_day_later(traveller, hours=23) == 1

    mail = survey_mail(closed)
    assert mail.language == "de" and mail.to_address == "thomas.lefevre@example.com"
    assert "Wie zufrieden" in mail.body_text and "Herr Lefèvre" in mail.body_text
    assert sorted(links(mail)) == [1, 2, 3, 4, 5]
    assert Entry.objects.filter(case=closed, kind="survey_sent").count() == 1

    # One click: the score is recorded at once, and the page offers a comment.
    page = client.get(links(mail)[4])
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store" and page["X-Robots-Tag"] == "noindex"
    survey.refresh_from_db()
    assert survey.state == "answered" and survey.score == 4
    assert 'lang="de"' in page.content.decode()

    traveller.shift(dt.timedelta(minutes=3))
    sent = client.post(
        page_path(mail), {"score": "5", "effort": "4", "comment": "Sehr freundlich, danke!"}
    )
    assert sent.status_code == 302
    survey.refresh_from_db()
    assert (survey.state, survey.score, survey.effort) == ("final", 5, 4)
    assert survey.comment == "Sehr freundlich, danke!" and not survey.detractor

    answered = Entry.objects.get(case=closed, kind="survey_answered")
    assert answered.payload["score"] == 5 and answered.body == "Sehr freundlich, danke!"
    # The page now thanks the client and changes nothing more.
    again = client.get(links(mail)[1])
    assert again.status_code == 200
    survey.refresh_from_db()
    assert survey.score == 5


def test_a_score_clicked_and_left_alone_is_made_final_by_the_sweep(
    sent: Survey, traveller: time_machine.Coordinates, client: Browser
) -> None:
    client.get(links(survey_mail(sent.case))[5])
    a_day_later(traveller, hours=1)
    sent.refresh_from_db()
    assert sent.state == "answered"
    a_day_later(traveller, hours=2)
    sent.refresh_from_db()
    assert sent.state == "final" and sent.score == 5 and sent.channel == "email"
    assert Entry.objects.filter(case=sent.case, kind="survey_answered").count() == 1


def test_a_delivery_asks_whether_the_client_would_recommend_us(
    case_t: Case, advisor: User, traveller: time_machine.Coordinates, client: Browser
) -> None:
    case_t.category = "delivery"
    case_t.save(update_fields=["category"])
    close(case_t, advisor)
    assert a_day_later(traveller) == 1
    survey = Survey.objects.get(case=case_t)
    assert survey.kind == "recommendation"
    assert sorted(links(survey_mail(case_t))) == list(range(11))
    assert "empfehlen" in survey_mail(case_t).body_text
    page = client.get(links(survey_mail(case_t))[0])
    assert page.status_code == 200 and 'value="10"' in page.content.decode()
    survey.refresh_from_db()
    assert survey.score == 0


def test_the_case_and_client_pages_show_the_result(
    sent: Survey, client: Browser, advisor: User
) -> None:
    survey_submit(survey=sent, score=5, comment="Perfekt")
    client.force_login(advisor)
    case_page = client.get(f"/cases/{sent.case.reference}/").content.decode()
    assert 'id="survey"' in case_page and "5/5" in case_page and "Perfekt" in case_page
    client_page = client.get(f"/clients/{sent.client.ref}/").content.decode()
    assert 'id="surveys"' in client_page and "5/5" in client_page


def test_an_arabic_client_is_asked_in_arabic_and_reads_the_page_right_to_left(
    case_t: Case, advisor: User, traveller: time_machine.Coordinates, client: Browser
) -> None:
    Client.objects.filter(pk=case_t.client_id).update(language="ar")
    case_t.refresh_from_db()
    close(case_t, advisor)
    assert a_day_later(traveller) == 1
    mail = survey_mail(case_t)
    assert mail.language == "ar" and "ما مدى رضاكم" in mail.body_text
    page = client.get(links(mail)[5]).content.decode()
    assert 'dir="rtl"' in page and 'lang="ar"' in page


def test_the_survey_card_reads_the_same_queries_with_its_call_and_outcome(
    sent: Survey, advisor: User, client: Browser
) -> None:
    survey = survey_submit(survey=sent, score=1, comment="Nobody called.")
    client.force_login(advisor)
    case_page, client_page = f"/cases/{sent.case.reference}/", f"/clients/{sent.client.ref}/"
    client.get(case_page)
    before = (_count(client, case_page), _count(client, client_page))
    detractor_outcome_record(actor=advisor, survey=survey, recovered=False, offered="Nothing")
    after = (_count(client, case_page), _count(client, client_page))
    # No query a row: the call, its assignee and who recorded the outcome come with the survey.
    assert after[0] <= before[0] and after[1] == before[1]


def _count(client: Browser, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)
