"""The factory and logistics feed moves journeys: a CSV file, or the JSON API."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client as Browser
from django.utils import timezone

from goodwill.appointments.models import BookingLink
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.journeys.models import Journey, JourneyStep


def _feed(tmp_path: Path, text: str, *args: str) -> str:
    path = tmp_path / "feed.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("journey_feed", str(path), *args, stdout=out)
    return out.getvalue()


def test_a_feed_moves_good_rows_and_keeps_bad_ones_aside(tmp_path: Path, order: Journey) -> None:
    today = timezone.localdate().isoformat()
    out = _feed(
        tmp_path,
        "vin,stage,at\n"
        f"war4-vc40n5p031988,built,{today}\n"
        f"WAR4VC40N5P031988,arrived,{today}T09:00:00+00:00\n"
        f"NOSUCHVIN,arrived,{today}\n"
        f"WAR4VC40N5P031988,teleported,{today}\n"
        "WAR4VC40N5P031988,shipped,yesterday\n"
        f"WAR4VC40N5P031988,shipped,{today}T09:00:00\n"
        ",arrived,2026-01-01\n",
    )
    assert "2 moved" in out and "5 kept aside" in out
    assert "line 4: NOSUCHVIN arrived: kept aside: No product with this VIN or serial." in out
    assert "has no stage “teleported”" in out
    assert "not a date" in out and "no time zone" in out and "No VIN or serial" in out
    order.refresh_from_db()
    assert order.stage.code == "arrived"
    # The arrival told in his language, with a private link to choose his delivery slot.
    arrival = OutboundMessage.objects.get(key=f"journey:{order.pk}:{order.stage_id}")
    assert arrival.language == "de" and "beim Händler angekommen" in arrival.body_text
    assert "/book/" in arrival.body_text
    assert BookingLink.objects.get(client=order.client).kind == "delivery"


def test_running_the_same_feed_again_changes_nothing(tmp_path: Path, order: Journey) -> None:
    text = f"vin,stage,at\nWAR4VC40N5P031988,shipped,{timezone.localdate()}\n"
    _feed(tmp_path, text)
    steps, sent = JourneyStep.objects.count(), OutboundMessage.objects.count()
    assert "1 already" in _feed(tmp_path, text)
    assert (JourneyStep.objects.count(), OutboundMessage.objects.count()) == (steps, sent)


def test_a_dry_run_reports_and_changes_nothing(tmp_path: Path, order: Journey) -> None:
    out = _feed(
        tmp_path, f"vin,stage,at\nWAR4VC40N5P031988,built,{timezone.localdate()}\n", "--dry-run"
    )
    assert out.startswith("dry run: 1 moved")
    assert not JourneyStep.objects.filter(journey=order, stage__code="built").exists()


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe not utf-8", b"name,colour\nx,y\n", b"vin,stage,at\n\x00\n"],
)
def test_a_file_that_is_not_a_feed_is_refused_with_why(
    tmp_path: Path, data: bytes, db: None
) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError):
        call_command("journey_feed", str(path), stdout=io.StringIO())


URL = "/api/journeys/milestones"


def test_the_api_answers_401_without_the_token(settings, order: Journey) -> None:
    settings.GOODWILL_JOURNEY_FEED_TOKEN = "s3cret"
    browser = Browser()
    body = {"milestones": [{"vin": "WAR4VC40N5P031988", "stage": "built", "at": "2026-01-01"}]}
    assert browser.post(URL, body, content_type="application/json").status_code == 401
    wrong = browser.post(
        URL, body, content_type="application/json", headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401


def test_the_api_answers_400_to_a_bad_body(settings, order: Journey) -> None:
    settings.GOODWILL_JOURNEY_FEED_TOKEN = "s3cret"
    auth = {"Authorization": "Bearer s3cret"}
    browser = Browser()
    for body in (
        "not json",
        '{"milestones": "x"}',
        '{"milestones": []}',
        "[1, 2]",
        '{"milestones": [{"vin": "X", "stage": "built"}]}',
        '{"milestones": [{"vin": "' + "X" * 500 + '", "stage": "built", "at": "2026-01-01"}]}',
    ):
        response = browser.post(URL, body, content_type="application/json", headers=auth)
        assert response.status_code == 400, body


def test_the_api_moves_a_journey_and_says_what_it_did(settings, order: Journey) -> None:
    settings.GOODWILL_JOURNEY_FEED_TOKEN = "s3cret"
    today = timezone.localdate().isoformat()
    body = {
        "milestones": [
            {"vin": "WAR4VC40N5P031988", "stage": "shipped", "at": today},
            {"serial": "NOPE", "stage": "shipped", "at": today},
        ]
    }
    response = Browser().post(
        URL, body, content_type="application/json", headers={"Authorization": "Bearer s3cret"}
    )
    assert response.status_code == 200
    outcomes = [r["outcome"] for r in response.json()["results"]]
    assert outcomes == ["moved", "kept aside"]
    order.refresh_from_db()
    assert order.stage.code == "shipped"
