"""What happened flows up: reactions that notify run after the commit, through the task queue."""

from __future__ import annotations

from typing import Any

import pytest

from goodwill.care.models import Clock
from goodwill.cases.events import CaseOpened
from goodwill.cases.services import case_open
from goodwill.clients.models import Client
from goodwill.events import reactions_to
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User


@pytest.fixture
def deferred(settings: Any) -> None:
    settings.GOODWILL_REACTIONS_EAGER = False  # as in the demo and in production


def test_a_new_case_starts_its_clocks_at_once_and_tells_the_advisor_after_commit(
    deferred: None,
    client_t: Client,
    advisor: User,
    agent: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
        # In the same transaction: the clocks (they must commit or roll back with the case)...
        assert Clock.objects.filter(case=case).exists()
        # ...but nobody is told of a case that could still roll back.
        assert not Notification.objects.filter(case=case).exists()
    assert callbacks  # the notification waits for the commit

    for callback in callbacks:  # the commit: the queue (immediate under pytest) runs the reaction
        callback()

    assert (
        Notification.objects.filter(case=case, recipient=advisor, kind="case_opened").count() == 1
    )


def test_a_reaction_run_twice_tells_once(
    deferred: None,
    client_t: Client,
    advisor: User,
    agent: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = case_open(actor=agent, client=client_t, summary="Flat tyre", channel="phone")
    for callback in callbacks:  # a retried task
        callback()
    assert Notification.objects.filter(case=case, recipient=advisor).count() == 1


def test_the_registry_lists_the_reactions_of_a_new_case() -> None:
    names = [reaction.path.rsplit(".", 1)[-1] for reaction in reactions_to(CaseOpened)]
    assert names == [
        "start_clocks",
        "note_stand_in",
        "start_for_case",
        "tell_of_new_case",
        "case_opened",
    ]
    # The last one records the webhook deliveries (goodwill.integrations), after commit.
    assert reactions_to(CaseOpened)[-1].after_commit
