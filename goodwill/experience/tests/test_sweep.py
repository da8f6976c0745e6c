"""The worker keeps the scores up to date, reading only what was written since its last round."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_add_note, case_open, case_reassign
from goodwill.clients.models import Client
from goodwill.experience import selectors
from goodwill.experience.models import CaseExperience, ClientHealth
from goodwill.experience.sweeps import experience_due
from goodwill.organisation.models import User
from goodwill.timeline.services import record_message_in


def _angry_message(case: Case) -> None:
    record_message_in(
        client=case.client,
        case=case,
        subject="Still nothing",
        body="This is a disgrace.",
        sender=case.client.name,
        channel="email",
        extra={"signal": {"kind": "complaint", "mood": "angry", "score": 0.9}},
    )


def test_the_sweep_is_registered() -> None:
    assert "goodwill.experience.sweeps.experience_due" in settings.GOODWILL_SWEEPS


def test_it_scores_new_cases_then_only_the_ones_whose_story_moved(
    advisor: User, backup: User, client_t: Client, case_t: Case
) -> None:
    quiet = case_open(actor=advisor, client=client_t, summary="Second key")
    first = timezone.now()
    assert experience_due(first) == 2
    assert experience_due(first) == 0  # nothing new: nothing read again

    _angry_message(case_t)
    case_reassign(actor=advisor, case=case_t, new_owner=backup, handoff_note="Over to you")
    later = timezone.now()
    assert experience_due(later) == 1
    assert CaseExperience.objects.get(case=quiet).computed_at == first
    scored = selectors.case_score(case_t)
    assert scored.computed_at == later
    assert {r.code for r in scored.reasons} == {"complaint", "angry", "reassigned"}
    assert scored.score == 100 - 12 - 10 - 6


def test_a_late_entry_behind_the_cursor_is_still_read(
    advisor: User, client_t: Client, case_t: Case
) -> None:
    experience_due(timezone.now())
    CaseExperience.objects.filter(case=case_t).update(last_entry_id=0)  # as if committed late
    case_add_note(actor=advisor, case=case_t, text="A note on another day")
    assert experience_due(timezone.now()) == 1


def test_client_health_follows_their_cases(advisor: User, client_t: Client, case_t: Case) -> None:
    _angry_message(case_t)
    experience_due(timezone.now())
    health = ClientHealth.objects.get(client=client_t)
    assert health.score == selectors.case_score(case_t).score
    assert health.worst_open_case_id == case_t.pk
    assert health.trend < 0 and health.direction == "worse"


def test_the_worst_stories_of_the_week_come_first(
    advisor: User, client_t: Client, case_t: Case, paris_client: Client, foreign_dealer: User
) -> None:
    fine = case_open(actor=advisor, client=client_t, summary="Fine")
    paris_case = case_open(actor=foreign_dealer, client=paris_client, summary="Paris")
    _angry_message(case_t)
    _angry_message(paris_case)
    _angry_message(paris_case)
    now = timezone.now()
    experience_due(now)
    week = {"since": now - timezone.timedelta(days=7), "until": now + timezone.timedelta(hours=1)}
    worst = selectors.worst_cases(**week)
    assert [w.case for w in worst] == [paris_case, case_t]  # the flawless one is no story
    assert worst[0].reasons[0].phrase == "2 complaints"
    assert [w.case for w in selectors.worst_cases(**week, sites=[client_t.site])] == [case_t]
    assert selectors.worst_cases(**week, limit=1)[0].case == paris_case
    assert fine not in [w.case for w in worst]
    last_month = {
        "since": now - timezone.timedelta(days=40),
        "until": now - timezone.timedelta(days=30),
    }
    assert selectors.worst_cases(**last_month) == []


def test_a_rounds_queries_do_not_grow_with_the_cases_it_scores(
    advisor: User, client_t: Client, case_t: Case, munich
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goodwill.clients.services import client_create

    def one_round(n: int) -> int:
        for i in range(n):
            other = client_create(actor=advisor, last_name=f"C{n}-{i}", site=munich)
            _angry_message(case_open(actor=advisor, client=other, summary="Question"))
        with CaptureQueriesContext(connection) as captured:
            assert experience_due(timezone.now()) == n
        return len(captured)

    experience_due(timezone.now())
    assert one_round(2) == one_round(12)
