"""Launching: one case per owner naming all their affected cars, owned by their advisor, each
told once in their language with a link to book the fix; launching again adds nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.recalls.models import Campaign, CampaignCase, CampaignVehicle
from goodwill.recalls.services import campaign_launch
from goodwill.recalls.sweeps import campaigns_due
from goodwill.timeline.models import Entry


def _launch(campaign: Campaign, manager: User) -> None:
    campaign_launch(actor=manager, campaign=campaign)
    campaigns_due(timezone.now())  # the worker (the task does the same at once)


def test_launch_opens_one_case_per_owner_naming_both_cars(
    affected: Campaign, manager: User, client_t: Client, advisor: User
) -> None:
    _launch(affected, manager)

    cases = Case.objects.filter(client=client_t)
    assert cases.count() == 1
    case = cases.get()
    assert case.owner == advisor  # the client's advisor, as for any new case
    assert case.category == "service_booking"
    assert set(CampaignVehicle.objects.filter(case=case).values_list("code", flat=True)) == {
        "ZAR12345678901234",
        "ZAR99999999999999",
    }
    entry = Entry.objects.get(case=case, kind="recall")
    assert entry.payload["campaign"] == "RC-24-07"
    assert len(entry.payload["vehicles"]) == 2
    assert CampaignCase.objects.filter(campaign=affected).count() == 3  # Mr T, Layla, Camille


def test_each_owner_is_told_in_their_language_with_a_booking_link(
    affected: Campaign, manager: User, client_t: Client, layla: Client
) -> None:
    _launch(affected, manager)

    german = OutboundMessage.objects.get(client=client_t)
    assert german.language == "de"
    assert "Rückruf Airbag-Gasgenerator" in german.subject
    assert "Gasgenerator des Beifahrerairbags" in german.body_text
    assert "ZAR12345678901234" in german.body_text and "ZAR99999999999999" in german.body_text
    assert re.search(r"/book/[A-Za-z0-9_-]+/", german.body_text)
    arabic = OutboundMessage.objects.get(client=layla)
    assert arabic.language == "ar"
    assert "استدعاء" in arabic.subject and "يجب استبدال" in arabic.body_text
    assert CampaignVehicle.objects.filter(told_at__isnull=False).count() == 4


def test_a_language_without_the_campaigns_words_goes_wholly_in_english(
    affected: Campaign, manager: User, paris_client: Client
) -> None:
    _launch(affected, manager)

    french = OutboundMessage.objects.get(client=paris_client)
    assert french.language == "en"
    assert french.subject.startswith("Airbag inflator recall")


def test_launching_again_adds_nothing(
    affected: Campaign, manager: User, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        campaign_launch(actor=manager, campaign=affected)
    campaign_launch(actor=manager, campaign=affected)
    campaigns_due(timezone.now())
    campaigns_due(timezone.now())

    assert Case.objects.count() == 3
    assert OutboundMessage.objects.filter(reason="recall_notice").count() == 3
    assert Entry.objects.filter(kind="recall").count() == 3


def test_a_vehicle_found_after_the_launch_joins_the_owners_open_case(
    affected: Campaign, manager: User, client_t: Client, advisor: User
) -> None:
    from goodwill.clients.services import product_add
    from goodwill.recalls.services import campaign_import
    from goodwill.recalls.tests.conftest import csv_bytes

    _launch(affected, manager)
    product_add(
        actor=advisor,
        client=client_t,
        kind="car",
        brand="Aurelis",
        model="Spider",
        vin="ZAR55555555555555",
    )
    campaign_import(actor=manager, campaign=affected, stream=csv_bytes("VIN", "ZAR55555555555555"))
    campaigns_due(timezone.now())

    assert Case.objects.filter(client=client_t).count() == 1
    assert OutboundMessage.objects.filter(client=client_t).count() == 2


def test_the_page_launch_runs_in_the_worker_not_the_request(
    affected: Campaign, manager: User
) -> None:
    browser = Browser()
    browser.force_login(manager)
    response = browser.post(f"/recalls/{affected.code}/launch/")

    assert response.status_code == 302
    affected.refresh_from_db()
    assert affected.status == "launched"
    assert not Case.objects.exists()  # nothing opened in the request: the task's and sweep's


def test_the_owners_case_page_shows_the_recall(
    affected: Campaign, manager: User, client_t: Client, advisor: User
) -> None:
    _launch(affected, manager)
    case = Case.objects.get(client=client_t)
    browser = Browser()
    browser.force_login(advisor)

    page = browser.get(f"/cases/{case.reference}/").content.decode()

    assert "RC-24-07" in page and "ZAR12345678901234" in page


def test_an_owner_without_e_mail_gets_a_case_for_their_advisor_to_call(
    campaign: Campaign, manager: User, advisor: User
) -> None:
    from goodwill.clients.services import client_create, product_add
    from goodwill.recalls.services import campaign_import
    from goodwill.recalls.tests.conftest import csv_bytes

    client = client_create(
        actor=advisor,
        last_name="Ohnemail",
        phone="+49 171 9999999",
        site=advisor.site,
        advisor=advisor,
        language="de",
    )
    product_add(
        actor=advisor,
        client=client,
        kind="car",
        brand="Aurelis",
        model="GT",
        vin="ZAR77777777777777",
    )
    campaign_import(actor=manager, campaign=campaign, stream=csv_bytes("VIN", "ZAR77777777777777"))
    _launch(campaign, manager)

    vehicle = CampaignVehicle.objects.get()
    assert vehicle.case is not None and vehicle.told_at is None
    assert not OutboundMessage.objects.filter(client=client).exists()
    campaigns_due(timezone.now())
    assert Case.objects.filter(client=client).count() == 1


def test_a_recall_is_safety_service_not_marketing_so_the_suppression_list_holds_nothing(
    affected: Campaign, manager: User, client_t: Client, advisor: User
) -> None:
    from goodwill.cases.services import case_open
    from goodwill.journeys.suppression import suppressed_reason

    # Mr T has an open complaint and gave no consent to marketing: on the suppression list.
    case_open(actor=advisor, client=client_t, category="complaint", summary="Still broken")
    assert suppressed_reason(client=client_t)

    _launch(affected, manager)

    notice = OutboundMessage.objects.get(client=client_t, reason="recall_notice")
    assert "Rückruf Airbag-Gasgenerator" in notice.subject
    # Counted apart from the booking links staff send.
    assert not OutboundMessage.objects.filter(reason="booking_invite").exists()
