"""What clients said and how their stories went, on the dashboards and in the digest: the survey
and experience metrics agree with a direct computation, the sweep picks up an answer, a call's
outcome and a recomputed score, and the digest lists the week's unhappy clients site by site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client as HttpClient

from goodwill.cases.models import Case
from goodwill.cases.services import OutcomeGiven, case_change_status, case_open
from goodwill.clients.models import Client
from goodwill.clients.services import client_create
from goodwill.experience.models import CaseExperience
from goodwill.experience.sweeps import experience_due
from goodwill.insights.filters import Filters
from goodwill.insights.metrics import BY_KEY
from goodwill.insights.models import CaseDay
from goodwill.insights.selectors import dashboard, digest, drill_down
from goodwill.insights.services import summaries_rebuild, summaries_refresh
from goodwill.insights.tests.conftest import W47, Stories, at, scores_all
from goodwill.organisation.models import Site, User
from goodwill.surveys.models import Survey
from goodwill.surveys.services import detractor_outcome_record, survey_send, survey_submit
from goodwill.timeline.services import record_message_in

WEEK = Filters(start=W47, end=W47 + dt.timedelta(days=6))
SUNDAY = at(W47 + dt.timedelta(days=6), 12)
FIXED = OutcomeGiven(done="Done", done_by="Workshop", fixed=True)
NEW_METRICS = (
    "satisfaction", "recommendation", "effort", "detractors_called", "detractors_recovered",
    "experience",
)  # fmt: skip


@dataclass
class Answers:
    greta: Case  # a delivery: recommendation 3, effort 2, called back and won back
    hans: Case  # a repair: satisfaction 1, nobody has called yet
    ines: Case  # a delivery: recommendation 10, effort 5
    strap: Case  # Paris: satisfaction 2, called, not won back


def _client(advisor: User, site: Site, name: str) -> Client:
    return client_create(
        actor=advisor, first_name=name, last_name="Muster", email=f"{name.lower()}@example.com",
        site=site, advisor=advisor,
    )  # fmt: skip


def _closed_case(advisor: User, client: Client, category: str, day: int) -> Case:
    with time_machine.travel(at(W47 + dt.timedelta(days=day), 9), tick=False):
        case = case_open(actor=advisor, client=client, summary=f"{category} of {client}",
                         category=category)  # fmt: skip
        return case_change_status(actor=advisor, case=case, status="resolved", outcome=FIXED)


def _sent(case: Case) -> Survey:
    survey = Survey.objects.get(case=case)  # scheduled when the case closed
    assert survey_send(survey_id=survey.pk, at=survey.due_at)
    return Survey.objects.get(pk=survey.pk)


def _answer(case: Case, score: int, effort: int | None = None) -> Survey:
    survey = _sent(case)
    assert survey.sent_at is not None
    return survey_submit(
        survey=survey, score=score, effort=effort, at=survey.sent_at + dt.timedelta(hours=2)
    )


def _outcome(survey: Survey, actor: User, *, recovered: bool) -> None:
    assert survey.final_at is not None
    detractor_outcome_record(
        actor=actor, survey=survey, recovered=recovered, offered="An apology",
        at=survey.final_at + dt.timedelta(hours=3),
    )  # fmt: skip


@pytest.fixture
def answers(stories: Stories, advisor: User, foreign_dealer: User, munich: Site) -> Answers:
    greta = _closed_case(advisor, _client(advisor, munich, "Greta"), "delivery", 0)
    hans = _closed_case(advisor, _client(advisor, munich, "Hans"), "service_booking", 1)
    ines = _closed_case(advisor, _client(advisor, munich, "Ines"), "delivery", 2)
    _outcome(_answer(greta, 3, effort=2), advisor, recovered=True)
    _answer(hans, 1)
    _answer(ines, 10, effort=5)
    _outcome(_answer(stories.strap, 2, effort=4), foreign_dealer, recovered=False)
    scores_all(SUNDAY)
    summaries_rebuild()
    return Answers(greta=greta, hans=hans, ines=ines, strap=stories.strap)


def _direct(filters: Filters, site_id: int | None = None) -> dict[str, float | None]:
    """Each new metric computed straight from the live tables."""
    start = at(filters.start, 0)
    end = at(filters.end + dt.timedelta(days=1), 0)
    final = Survey.objects.filter(state="final", final_at__gte=start, final_at__lt=end)
    closed = Case.objects.filter(closed_at__gte=start, closed_at__lt=end)
    if site_id is not None:
        final, closed = final.filter(site_id=site_id), closed.filter(site_id=site_id)
    satisfaction = [s.score for s in final if s.kind == "satisfaction"]
    recommendation = [s.score for s in final if s.kind == "recommendation"]
    effort = [s.effort for s in final if s.effort is not None]
    unhappy = [s for s in final if s.detractor]
    scores = [row.score for row in CaseExperience.objects.filter(case__in=closed)]

    def share(part: int, whole: int) -> float | None:
        return round(part / whole * 100, 1) if whole else None

    def mean(values: list[int]) -> float | None:
        return round(sum(values) / len(values), 2) if values else None

    promoters = sum(score >= 9 for score in recommendation if score is not None)
    critics = sum(score <= 6 for score in recommendation if score is not None)
    return {
        "satisfaction": mean([s for s in satisfaction if s is not None]),
        "recommendation": share(promoters - critics, len(recommendation)),
        "effort": mean(effort),
        "detractors_called": share(sum(s.recovered is not None for s in unhappy), len(unhappy)),
        "detractors_recovered": share(sum(s.recovered is True for s in unhappy), len(unhappy)),
        "experience": mean(scores),
    }


def _charted(filters: Filters) -> dict[str, float | None]:
    charts = dashboard(filters=filters, metrics=[BY_KEY[key] for key in NEW_METRICS])
    return {chart.metric.key: chart.points[0].value for chart in charts}


def test_the_new_metrics_agree_with_a_direct_computation(answers: Answers) -> None:
    found = _charted(WEEK)
    assert found == _direct(WEEK)
    # The story set means something: (3 + 10 answers: one promoter, one detractor) → NPS 0.
    assert found["recommendation"] == 0.0
    assert found["satisfaction"] == 1.5  # 1 and 2
    assert (found["detractors_called"], found["detractors_recovered"]) == (
        round(2 / 3 * 100, 1),
        round(1 / 3 * 100, 1),
    )
    assert found["experience"] is not None


def test_they_break_down_by_site(answers: Answers, munich: Site) -> None:
    munich_only = Filters(start=WEEK.start, end=WEEK.end, only_site_ids=(munich.pk,))
    assert _charted(munich_only) == _direct(WEEK, site_id=munich.pk)
    by_site = dashboard(
        filters=Filters(start=WEEK.start, end=WEEK.end, by="site"), metrics=[BY_KEY["satisfaction"]]
    )
    assert {point.label: point.value for point in by_site[0].points}[munich.name] == 1.0


def test_a_bar_lists_its_cases(answers: Answers) -> None:
    rows = drill_down(filters=WEEK, metric=BY_KEY["detractors_recovered"])
    assert {row.case for row in rows} == {answers.greta, answers.hans, answers.strap}
    by_case = {row.case: row.figures for row in rows}
    assert by_case[answers.greta] == {"detractors_recovered": 1, "detractors": 1}
    nps = drill_down(filters=WEEK, metric=BY_KEY["recommendation"])
    assert {row.case for row in nps} == {answers.greta, answers.ines}


def test_the_csv_export_has_the_new_metric(
    client: HttpClient, manager: User, answers: Answers
) -> None:
    client.force_login(manager)
    response = client.get(
        "/insights/export.csv",
        {"metric": "recommendation", "from": "2026-11-16", "to": "2026-11-22"},
    )
    assert response.status_code == 200
    assert "2026-W47,0.0,0.0,2.0" in response.content.decode()


def test_the_sweep_picks_up_an_answer_its_call_and_a_new_score(
    stories: Stories, advisor: User, munich: Site
) -> None:
    greta = _closed_case(advisor, _client(advisor, munich, "Greta"), "delivery", 0)
    survey = _sent(greta)
    scores_all(SUNDAY)
    summaries_rebuild()
    assert _charted(WEEK)["recommendation"] is None  # asked, not answered yet

    assert survey.sent_at is not None
    final = survey_submit(survey=survey, score=2, at=survey.sent_at + dt.timedelta(hours=2))
    assert summaries_refresh(now=SUNDAY)
    assert _charted(WEEK)["recommendation"] == -100.0
    assert _charted(WEEK)["detractors_called"] == 0.0

    _outcome(final, advisor, recovered=True)
    summaries_refresh(now=SUNDAY)
    assert _charted(WEEK)["detractors_recovered"] == 100.0

    # The answer and the call moved Greta's story: the summaries read the score as it was, and
    # pick up the new one once the experience sweep has recomputed it.
    with time_machine.travel(SUNDAY, tick=False):
        record_message_in(
            client=greta.client, case=greta, subject="Still cross", body="Unacceptable.",
            sender="greta@example.com", channel="email",
            extra={"signal": {"kind": "complaint", "mood": "angry", "score": 0.9}},
        )  # fmt: skip
    summaries_refresh(now=SUNDAY)
    stale = CaseDay.objects.get(case=greta, experience_cases=1).experience_points
    assert experience_due(SUNDAY + dt.timedelta(minutes=1))
    fresh = CaseExperience.objects.get(case=greta).score
    assert fresh < stale
    assert summaries_refresh(now=SUNDAY + dt.timedelta(minutes=2))
    assert CaseDay.objects.get(case=greta, experience_cases=1).experience_points == fresh
    assert _charted(WEEK) == _direct(WEEK)
    assert summaries_refresh(now=SUNDAY + dt.timedelta(minutes=3)) == set()


def test_the_digest_lists_the_weeks_unhappy_clients(manager: User, answers: Answers) -> None:
    found = digest(reader=manager, week=W47)
    lows = {low.case: low for low in found.low_scores}
    assert set(lows) == {answers.greta, answers.hans, answers.strap}
    assert (lows[answers.greta].kind, lows[answers.greta].score, lows[answers.greta].top) == (
        "recommendation",
        3,
        10,
    )
    assert (lows[answers.greta].called, lows[answers.greta].recovered) == (True, True)
    assert (lows[answers.hans].called, lows[answers.hans].recovered) == (False, None)
    assert (lows[answers.strap].called, lows[answers.strap].recovered) == (True, False)


def test_a_dealers_manager_sees_their_sites_unhappy_clients_only(
    munich_manager: User, answers: Answers, client: HttpClient
) -> None:
    found = digest(reader=munich_manager, week=W47)
    assert {low.case for low in found.low_scores} == {answers.greta, answers.hans}
    assert all(story.case.site_id == munich_manager.site_id for story in found.worst)
    client.force_login(munich_manager)
    html = client.get("/insights/digest/", {"week": "2026-W47"}).content.decode()
    assert f"/cases/{answers.greta.reference}/" in html
    assert answers.strap.reference not in html
    assert "3/10" in html


def test_the_printed_digest_says_who_was_won_back(manager: User, answers: Answers) -> None:
    out = StringIO()
    call_command("digest_weekly", "--print", "--week", "2026-W47", stdout=out)
    text = out.getvalue()
    greta = next(line for line in text.splitlines() if answers.greta.reference in line)
    assert "3/10" in greta and "won back: yes" in greta
    assert "experience score" in text


def test_the_digest_reads_a_fixed_number_of_queries(
    manager: User, answers: Answers, django_assert_num_queries: Any
) -> None:
    # The week's figures (two weeks: sums and first responses), the broken promises, the worst
    # stories, the low answers with their cases and calls: however many there are.
    with django_assert_num_queries(7):
        found = digest(reader=manager, week=W47)
        assert [low.case.client.name for low in found.low_scores]
        assert [story.case.owner for story in found.worst]
