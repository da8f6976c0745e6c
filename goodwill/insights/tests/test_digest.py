"""The weekly digest: its figures and worst stories, once a week to each reader in their
language, on the web for the reader's sites, and printed by the command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client as HttpClient

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.experience.models import CaseExperience
from goodwill.experience.selectors import case_score
from goodwill.insights.filters import Filters
from goodwill.insights.models import DigestSent
from goodwill.insights.selectors import digest, worst_stories
from goodwill.insights.sweeps import digests_due
from goodwill.insights.tests.conftest import W47, Stories, at
from goodwill.organisation.models import User

MONDAY_AFTER = W47 + dt.timedelta(days=7)


def test_it_compares_the_week_with_the_one_before(manager: User, stories: Stories) -> None:
    found = digest(reader=manager, week=W47)
    assert (found.this_week.opened, found.week_before.opened) == (2, 1)
    assert (found.this_week.promises_kept, found.this_week.promises_broken) == (1, 1)
    assert found.this_week.first_response_hours == 1.5
    assert found.this_week.chasers >= 1
    assert found.worst[0].case == stories.tyre
    assert [promise.text for promise in found.broken_promises] == ["A car by noon"]
    assert found.low_scores == []


def test_worst_stories_rank_by_the_experience_score(manager: User, stories: Stories) -> None:
    week = Filters(start=W47, end=W47 + dt.timedelta(days=6))
    found = worst_stories(filters=week)
    expected = sorted(
        CaseExperience.objects.filter(score__lt=100),
        key=lambda row: (row.score, -row.last_at.timestamp()),
    )
    assert [story.case for story in found] == [
        row.case for row in expected if row.opened_at < at(W47 + dt.timedelta(days=7), 0)
    ]
    assert found[0].case == stories.tyre
    assert found[0].score == case_score(stories.tyre).score < 100
    assert 0 < len(found[0].reasons) <= 3
    assert found[0].reasons == case_score(stories.tyre).reasons[:3]


def test_a_dealers_digest_holds_their_site_only(
    munich_manager: User,
    foreign_dealer: User,
    stories: Stories,
) -> None:
    paris_view = digest(reader=munich_manager, week=W47)
    assert paris_view.this_week.opened == 1  # the tyre, not the Paris strap
    assert all(story.case.site_id == munich_manager.site_id for story in paris_view.worst)


def test_it_is_sent_once_a_week_in_each_readers_language(
    manager: User,
    munich_manager: User,
    stories: Stories,
) -> None:
    manager.email, manager.language = "margaux@example.com", "fr"
    manager.save()
    assert digests_due(at(MONDAY_AFTER, 5)) == 0  # too early on Monday
    assert digests_due(at(MONDAY_AFTER, 7)) == 2
    assert digests_due(at(MONDAY_AFTER, 8)) == 0
    assert digests_due(at(MONDAY_AFTER + dt.timedelta(days=2), 8)) == 0
    assert DigestSent.objects.filter(week=W47).count() == 2
    mails = OutboundMessage.objects.filter(purpose="staff", subject__contains="2026-W47")
    by_reader = {mail.to_address: mail for mail in mails}
    assert set(by_reader) == {"margaux@example.com", "max@example.com"}
    assert by_reader["margaux@example.com"].language == "fr"
    assert stories.tyre.reference in by_reader["max@example.com"].body_text
    assert stories.strap.reference not in by_reader["max@example.com"].body_text


def test_the_digest_page_shows_the_readers_sites(
    client: HttpClient,
    munich_manager: User,
    stories: Stories,
) -> None:
    client.force_login(munich_manager)
    html = client.get("/insights/digest/", {"week": "2026-W47"}).content.decode()
    assert f"/cases/{stories.tyre.reference}/" in html
    assert stories.strap.reference not in html
    assert "Low survey scores" in html


def test_the_command_prints_a_week(manager: User, stories: Stories) -> None:
    out = StringIO()
    call_command("digest_weekly", "--print", "--week", "2026-W47", stdout=out)
    text = out.getvalue()
    assert "2026-W47" in text and stories.tyre.reference in text and "A car by noon" in text
    with pytest.raises(CommandError):
        call_command("digest_weekly", "--print", "--week", "47")


def test_the_rebuild_command_says_what_it_wrote(stories: Stories) -> None:
    out = StringIO()
    call_command("insights_rebuild", "--no-progress", stdout=out)
    assert "case-day rows written" in out.getvalue()
