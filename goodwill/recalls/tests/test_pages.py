"""/recalls/: the brand's managers run campaigns; a dealer sees only its own site's vehicles and
clients; a hostile upload is a 400 with the reason, never a 500. And the command."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client as Browser
from django.utils import timezone

from goodwill.organisation.models import User
from goodwill.recalls.models import Campaign, CampaignVehicle
from goodwill.recalls.selectors import campaign_list, campaign_progress
from goodwill.recalls.services import campaign_launch
from goodwill.recalls.sweeps import campaigns_due


def _browser(user: User) -> Browser:
    browser = Browser()
    browser.force_login(user)
    return browser


def test_the_list_shows_progress_to_a_manager(affected: Campaign, manager: User) -> None:
    campaign_launch(actor=manager, campaign=affected)
    campaigns_due(timezone.now())

    response = _browser(manager).get("/recalls/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "RC-24-07" in body and "New campaign" in body
    [(_, progress)] = campaign_list(user=manager)
    assert (progress.affected, progress.matched, progress.told) == (5, 4, 4)


def test_the_campaign_page_and_its_drill_downs_render(affected: Campaign, manager: User) -> None:
    browser = _browser(manager)
    for show in ("all", "unmatched", "not_told", "told", "not_booked", "booked", "fixed", "x"):
        response = browser.get(f"/recalls/{affected.code}/?show={show}&page=1")
        assert response.status_code == 200, show
    unmatched = browser.get(f"/recalls/{affected.code}/?show=unmatched").content.decode()
    assert "ZAR00000000000000" in unmatched and "ZAR11111111111111" not in unmatched


def test_a_dealer_sees_only_its_own_sites_vehicles(
    affected: Campaign, manager: User, advisor: User, foreign_dealer: User
) -> None:
    campaign_launch(actor=manager, campaign=affected)

    munich = campaign_progress(user=advisor, campaign=affected)
    paris = campaign_progress(user=foreign_dealer, campaign=affected)
    assert (munich.affected, paris.affected) == (3, 1)
    page = _browser(foreign_dealer).get(f"/recalls/{affected.code}/").content.decode()
    assert "Camille" in page
    assert "Lefèvre" not in page and "Layla" not in page and "ZAR00000000000000" not in page
    assert "New campaign" not in _browser(foreign_dealer).get("/recalls/").content.decode()


def test_a_dealer_cannot_mark_another_sites_vehicle(
    affected: Campaign, manager: User, foreign_dealer: User
) -> None:
    campaign_launch(actor=manager, campaign=affected)
    campaigns_due(timezone.now())
    munich_car = CampaignVehicle.objects.get(code="ZAR12345678901234")

    response = _browser(foreign_dealer).post(
        f"/recalls/{affected.code}/vehicles/{munich_car.pk}/fixed/"
    )

    assert response.status_code == 404
    munich_car.refresh_from_db()
    assert munich_car.fixed_at is None


def test_drafts_and_running_campaigns_are_for_the_brands_managers(
    campaign: Campaign, advisor: User
) -> None:
    browser = _browser(advisor)
    assert browser.get(f"/recalls/{campaign.code}/").status_code == 404  # a draft
    assert browser.post(f"/recalls/{campaign.code}/launch/").status_code == 404
    assert browser.post("/recalls/new/", {"code": "X1"}).status_code == 403


def test_a_manager_creates_a_campaign_from_the_page(manager: User) -> None:
    response = _browser(manager).post(
        "/recalls/new/",
        {
            "code": "sc-2026-01",
            "title": "Software update",
            "kind": "service",
            "appointment_kind": "workshop",
            "reminder_days": "10",
            "title_en": "Software update",
            "text_en": "Your car needs a software update.",
        },
    )

    assert response.status_code == 302
    assert Campaign.objects.get().code == "SC-2026-01"


def test_a_campaign_without_english_words_is_refused_on_the_form(manager: User) -> None:
    response = _browser(manager).post(
        "/recalls/new/",
        {
            "code": "SC1",
            "title": "x",
            "kind": "recall",
            "appointment_kind": "workshop",
            "reminder_days": "14",
            "title_de": "Nur Deutsch",
            "text_de": "Text",
        },
    )
    assert response.status_code == 400
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"\x00\x01\x02binary", 400),
        (b"Name;Model\nTom;GT\n", 400),
        (b"", 400),
        # Not UTF-8 at all: read as Windows-1252, the line kept aside as no code.
        (b"VIN\n" + b"A" * 100 + b"\xff\xfe", 200),
    ],
)
def test_a_hostile_upload_is_a_400_with_the_reason(
    campaign: Campaign, manager: User, content: bytes, status: int
) -> None:
    upload = SimpleUploadedFile("list.csv", content, content_type="text/csv")
    response = _browser(manager).post(f"/recalls/{campaign.code}/import/", {"file": upload})

    assert response.status_code == status
    assert not CampaignVehicle.objects.filter(client__isnull=False).exists()


def test_an_upload_through_the_page_reports_what_was_kept_aside(
    campaign: Campaign, manager: User, car: object
) -> None:
    upload = SimpleUploadedFile(
        "list.csv", b"\xef\xbb\xbfVIN;x\r\nZAR12345678901234;a\r\n=1+1;b\r\n", "text/csv"
    )
    response = _browser(manager).post(
        f"/recalls/{campaign.code}/import/", {"file": upload, "dry_run": "on"}
    )

    assert response.status_code == 200
    assert "formula" in response.content.decode()
    assert not CampaignVehicle.objects.exists()


def test_the_command_dry_run_then_import(
    campaign: Campaign, manager: User, car: object, tmp_path: object
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "list.csv"
    path.write_bytes(b"VIN\nZAR12345678901234\nZAR00000000000000\nZAR12345678901234\n")
    out = io.StringIO()

    call_command("recall_import", campaign.code.lower(), str(path), "--dry-run", stdout=out)
    assert "1 vehicles of 1 owners matched, 1 unknown" in out.getvalue()
    assert "line 4" in out.getvalue()
    assert not CampaignVehicle.objects.exists()

    call_command("recall_import", campaign.code, str(path), stdout=io.StringIO())
    assert CampaignVehicle.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("recall_import", "NOPE", str(path), stdout=io.StringIO())


def test_the_pages_queries_do_not_grow_with_the_vehicles(affected: Campaign, manager: User) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goodwill.recalls.services import campaign_import
    from goodwill.recalls.tests.conftest import csv_bytes

    campaign_launch(actor=manager, campaign=affected)
    campaigns_due(timezone.now())
    browser = _browser(manager)

    def counted() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as listing:
            browser.get("/recalls/")
        with CaptureQueriesContext(connection) as detail:
            browser.get(f"/recalls/{affected.code}/")
        return len(listing), len(detail)

    before = counted()
    campaign_import(
        actor=manager,
        campaign=affected,
        stream=csv_bytes("VIN", *(f"ZAR8888888888{n:04d}" for n in range(40))),
    )
    assert counted() == before
