"""The e-mail's links: only the token's hash is kept; a wrong, tampered or off-scale link is a
404 that changes nothing; an expired or answered survey's page says so and changes nothing; a
mail scanner opening every link records no score."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client as Browser

from goodwill.surveys.models import Survey
from goodwill.surveys.tests.conftest import links, page_path, survey_mail


def test_only_the_hash_of_the_token_is_kept(sent: Survey) -> None:
    token = page_path(survey_mail(sent.case)).split("/")[2]
    assert token not in (sent.token_hash or "") and len(token) >= 43
    assert len(sent.token_hash or "") == 64


def test_a_tampered_or_unknown_token_is_a_404_that_records_nothing(
    sent: Survey, client: Browser
) -> None:
    path = links(survey_mail(sent.case))[5]
    token = path.split("/")[2]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for wrong in (
        f"/s/{tampered}/5/",
        "/s/nothing/5/",
        f"/s/{'x' * 500}/5/",
        f"/s/{tampered}/",
        f"/s/{tampered}/stop/",
    ):
        assert client.get(wrong).status_code == 404, wrong
    assert client.post(f"/s/{tampered}/", {"score": "1"}).status_code == 404
    sent.refresh_from_db()
    assert sent.state == "sent" and sent.score is None


def test_a_score_off_the_scale_is_a_404_and_a_bad_form_a_400(sent: Survey, client: Browser) -> None:
    token = links(survey_mail(sent.case))[5].split("/")[2]
    assert client.get(f"/s/{token}/6/").status_code == 404
    assert client.get(f"/s/{token}/0/").status_code == 404
    assert client.get(f"/s/{token}/-1/").status_code == 404
    assert client.post(f"/s/{token}/", {"score": "9"}).status_code == 400
    assert client.post(f"/s/{token}/", {"score": "abc", "effort": "7"}).status_code == 400
    assert client.post(f"/s/{token}/", {"score": "3", "comment": "x" * 5000}).status_code == 400
    sent.refresh_from_db()
    assert sent.state == "sent"


def test_an_answered_survey_takes_no_second_answer(sent: Survey, client: Browser) -> None:
    mail = survey_mail(sent.case)
    assert client.post(page_path(mail), {"score": "2"}).status_code == 302
    again = client.post(page_path(mail), {"score": "5"})
    assert again.status_code == 400
    assert client.get(links(mail)[5]).status_code == 200
    sent.refresh_from_db()
    assert sent.state == "final" and sent.score == 2


def test_an_expired_link_says_the_survey_is_closed_and_records_nothing(
    sent: Survey, client: Browser, traveller: time_machine.Coordinates
) -> None:
    traveller.shift(dt.timedelta(days=31))
    page = client.get(links(survey_mail(sent.case))[3])
    assert page.status_code == 200
    sent.refresh_from_db()
    assert sent.score is None and sent.state == "sent"
    assert client.post(page_path(survey_mail(sent.case)), {"score": "3"}).status_code == 400


def test_a_mail_scanner_opening_every_link_records_no_score(
    sent: Survey, client: Browser, traveller: time_machine.Coordinates
) -> None:
    mail = survey_mail(sent.case)
    for _score, path in sorted(links(mail).items()):
        assert client.get(path).status_code == 200
        assert client.head(path).status_code == 200
        traveller.shift(dt.timedelta(seconds=1))
    sent.refresh_from_db()
    assert sent.score is None and sent.state == "sent"

    # The client's own click, later, counts.
    traveller.shift(dt.timedelta(minutes=5))
    client.get(links(mail)[2])
    sent.refresh_from_db()
    assert sent.score == 2 and sent.state == "answered"


def test_a_head_request_records_nothing(sent: Survey, client: Browser) -> None:
    assert client.head(links(survey_mail(sent.case))[1]).status_code == 200
    sent.refresh_from_db()
    assert sent.score is None
