"""Importing the brand's list: each code matched to its owner or kept with why; a dry run
writes nothing; importing again adds nothing twice."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from goodwill.cases.models import Case
from goodwill.clients.models import Client, Product
from goodwill.organisation.models import User
from goodwill.recalls.models import Campaign, CampaignVehicle
from goodwill.recalls.services import campaign_import
from goodwill.recalls.tests.conftest import UNKNOWN_VIN, csv_bytes

LIST = (
    "VIN,Model,Dealer",
    "ZAR12345678901234,GT Spyder,MUC",
    "ZAR11111111111111,GT Spyder,MUC",
    "ZAR 1234 5678 9012 34,GT Spyder,MUC",  # the first again, written otherwise
    f"{UNKNOWN_VIN},GT Spyder,?",
    "=cmd|' /C calc'!A0,,",
)


def test_a_dry_run_reports_and_changes_nothing(
    campaign: Campaign, manager: User, car: Product, layla: Client
) -> None:
    report = campaign_import(
        actor=manager, campaign=campaign, stream=csv_bytes(*LIST), dry_run=True
    )

    assert (report.lines, report.matched, report.owners, report.unknown) == (5, 2, 2, 1)
    assert (report.duplicates, report.problems, report.added) == (1, 2, 0)
    assert [p.line for p in report.shown] == [4, 6]
    assert "line 2" in report.shown[0].reason
    assert report.layout.ignored == ["Model", "Dealer"]
    assert not CampaignVehicle.objects.exists()
    assert not Case.objects.exists()


def test_it_matches_owners_and_keeps_unknown_codes_with_why(
    campaign: Campaign, manager: User, car: Product, layla: Client
) -> None:
    report = campaign_import(actor=manager, campaign=campaign, stream=csv_bytes(*LIST))

    assert report.added == 3
    vehicles = {v.code: v for v in CampaignVehicle.objects.filter(campaign=campaign)}
    assert vehicles["ZAR12345678901234"].product == car
    assert vehicles["ZAR12345678901234"].client == car.client
    assert vehicles["ZAR12345678901234"].site == car.client.site
    assert vehicles["ZAR11111111111111"].client == layla
    assert vehicles[UNKNOWN_VIN].client is None
    assert vehicles[UNKNOWN_VIN].unmatched == CampaignVehicle.Unmatched.UNKNOWN


def test_importing_again_adds_nothing_twice(
    campaign: Campaign, manager: User, car: Product, layla: Client
) -> None:
    campaign_import(actor=manager, campaign=campaign, stream=csv_bytes(*LIST))
    again = campaign_import(actor=manager, campaign=campaign, stream=csv_bytes(*LIST))

    assert (again.added, again.already) == (0, 3)
    assert CampaignVehicle.objects.filter(campaign=campaign).count() == 3


def test_a_car_on_two_clients_books_is_left_to_staff(
    campaign: Campaign, manager: User, car: Product, paris_client: Client, foreign_dealer: User
) -> None:
    from goodwill.clients.services import product_add

    product_add(
        actor=foreign_dealer,
        client=paris_client,
        kind="car",
        brand="Aurelis",
        model="GT",
        vin=car.vin,
    )
    report = campaign_import(actor=manager, campaign=campaign, stream=csv_bytes("VIN", car.vin))

    assert report.several == 1
    vehicle = CampaignVehicle.objects.get()
    assert (vehicle.client, vehicle.unmatched) == (None, "several")


def test_only_the_brands_managers_import(campaign: Campaign, advisor: User) -> None:
    with pytest.raises(PermissionDenied):
        campaign_import(actor=advisor, campaign=campaign, stream=csv_bytes(*LIST))
