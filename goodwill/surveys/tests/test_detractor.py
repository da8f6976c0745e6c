"""The loop closed: a low score or an angry comment asks the advisor to call the client, with its
own clock, and tells the managers; the call's outcome (won back or not, what was offered) is
recorded on the survey and the story."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as Browser

from goodwill.care.models import CallTask
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User
from goodwill.surveys import selectors
from goodwill.surveys.models import Survey
from goodwill.surveys.services import detractor_outcome_record, survey_submit
from goodwill.surveys.tests.conftest import BERLIN
from goodwill.timeline.models import Entry


def test_a_low_score_asks_the_advisor_to_call_with_a_clock_and_tells_the_manager(
    sent: Survey, advisor: User, manager: User
) -> None:
    survey = survey_submit(survey=sent, score=2, comment="Zu lange gewartet.")
    assert survey.detractor and survey.call_task is not None
    task = survey.call_task
    assert (task.kind, task.state, task.assignee) == ("detractor", "open", advisor)
    # Its own clock: by the end of the next business day of Anna's site (Friday, Munich).
    assert task.due_at.astimezone(BERLIN).date() == dt.date(2026, 12, 11)
    assert Notification.objects.filter(recipient=advisor, kind="call_task").exists()
    told = Notification.objects.get(recipient=manager, kind="detractor")
    assert "Lefèvre" in told.title and "Zu lange gewartet" in told.body
    entry = Entry.objects.get(case=sent.case, kind="survey_answered")
    assert entry.payload["detractor"] is True and entry.payload["score"] == 2


def test_an_angry_comment_is_heard_whatever_the_score(sent: Survey, manager: User) -> None:
    survey = survey_submit(
        survey=sent,
        score=4,
        comment="Das ist eine Frechheit! Niemand hat zurückgerufen, ich bin wütend.",
    )
    assert survey.detractor and survey.signal["kind"] == "complaint"
    assert CallTask.objects.filter(kind="detractor", case=sent.case).count() == 1
    assert Notification.objects.filter(recipient=manager, kind="detractor").exists()


def test_a_happy_client_is_left_in_peace(sent: Survey, manager: User) -> None:
    survey = survey_submit(survey=sent, score=4, comment="Alles gut, danke.")
    assert not survey.detractor and survey.call_task is None
    assert not CallTask.objects.filter(kind="detractor").exists()
    assert not Notification.objects.filter(kind="detractor").exists()


@pytest.mark.parametrize(("score", "detractor"), [(6, True), (7, False)])
def test_a_recommendation_of_six_or_less_is_a_detractor(
    sent: Survey, score: int, detractor: bool
) -> None:
    Survey.objects.filter(pk=sent.pk).update(kind="recommendation")
    sent.refresh_from_db()
    assert survey_submit(survey=sent, score=score).detractor is detractor


def test_the_outcome_of_the_call_is_recorded_from_the_case_page(
    sent: Survey, advisor: User, manager: User, client: Browser
) -> None:
    survey = survey_submit(survey=sent, score=1, comment="Never again.")
    client.force_login(advisor)
    page = client.get(f"/cases/{sent.case.reference}/").content.decode()
    assert "Record the outcome" in page

    answer = client.post(
        f"/surveys/{survey.pk}/outcome/",
        {"recovered": "yes", "offered": "Apology and a free service"},
    )
    assert answer.status_code == 302
    survey.refresh_from_db()
    assert survey.recovered is True and survey.offered == "Apology and a free service"
    assert survey.outcome_by == advisor
    task = CallTask.objects.get(pk=survey.call_task_id)
    assert task.state == "done" and task.done_by == advisor
    outcome = Entry.objects.get(case=sent.case, kind="survey_outcome")
    assert outcome.payload["recovered"] is True and outcome.actor == advisor
    assert Entry.objects.filter(case=sent.case, kind="call_task_done").count() == 1

    # Once: a second form changes nothing.
    client.post(f"/surveys/{survey.pk}/outcome/", {"recovered": "no", "offered": "x"})
    survey.refresh_from_db()
    assert survey.recovered is True
    assert Entry.objects.filter(case=sent.case, kind="survey_outcome").count() == 1


def test_another_dealer_cannot_record_an_outcome(
    sent: Survey, foreign_dealer: User, client: Browser
) -> None:
    survey = survey_submit(survey=sent, score=1)
    client.force_login(foreign_dealer)
    answer = client.post(f"/surveys/{survey.pk}/outcome/", {"recovered": "yes"})
    assert answer.status_code == 404
    survey.refresh_from_db()
    assert survey.recovered is None


def test_a_bad_outcome_form_is_said_not_crashed(
    sent: Survey, advisor: User, client: Browser
) -> None:
    survey = survey_submit(survey=sent, score=1)
    client.force_login(advisor)
    answer = client.post(f"/surveys/{survey.pk}/outcome/", {"recovered": "maybe"})
    assert answer.status_code == 302
    survey.refresh_from_db()
    assert survey.recovered is None


def test_no_outcome_without_a_call(sent: Survey, advisor: User) -> None:
    survey = survey_submit(survey=sent, score=5)
    with pytest.raises(ValidationError):
        detractor_outcome_record(actor=advisor, survey=survey, recovered=True, offered="")


def test_the_dashboards_read_scores_and_detractors_won_back(
    sent: Survey, advisor: User, munich: object
) -> None:
    survey = survey_submit(survey=sent, score=2, effort=2)
    detractor_outcome_record(actor=advisor, survey=survey, recovered=True, offered="A visit")
    now = survey.final_at
    assert now is not None
    since, until = now - dt.timedelta(days=1), now + dt.timedelta(days=1)
    [row] = selectors.scores(since=since, until=until)
    assert (row.case_id, row.client_id, row.site_id, row.owner_id) == (
        sent.case_id,
        sent.client_id,
        sent.site_id,
        advisor.pk,
    )
    assert (row.kind, row.score, row.effort, row.category, row.tier) == (
        "satisfaction",
        2,
        2,
        "breakdown",
        "vip",
    )
    assert row.detractor and row.recovered is True
    assert selectors.scores(since=since, until=until, sites=[sent.site_id + 999]) == []
    counts = selectors.detractor_counts(since=since, until=until)
    assert (counts.detractors, counts.called, counts.recovered, counts.not_recovered) == (
        1,
        1,
        1,
        0,
    )
