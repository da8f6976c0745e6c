"""Stages that come back: the anniversary every year, the service by age or by mileage,
whichever comes first; the worker reaches each once, on time, over years of a moving clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import Client, Product
from goodwill.clients.services import mileage_record, product_add
from goodwill.journeys.models import Journey, JourneyStep
from goodwill.journeys.sweeps import journeys_due
from goodwill.organisation.models import User

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def consenting(client_t: Client) -> Client:
    # Touchpoints go only to a client who said yes to them (journeys.suppression).
    Client.objects.filter(pk=client_t.pk).update(marketing_consent=True)
    client_t.refresh_from_db()
    return client_t


def _sweep(traveller: time_machine.Coordinates, when: dt.datetime, runs: int = 3) -> None:
    traveller.move_to(when)
    for _ in range(runs):  # as the worker runs every minute: a second run changes nothing
        journeys_due(when)


def test_the_anniversary_comes_every_year_once(consenting: Client, advisor: User) -> None:
    with time_machine.travel(dt.datetime(2027, 1, 10, 9, 0, tzinfo=BERLIN), tick=False) as t:
        necklace = product_add(
            actor=advisor,
            client=consenting,
            kind="jewel",
            brand="Aurelis",
            model="Rivière",
            serial="RV-1001",
            purchase_date=dt.date(2027, 1, 10),
            price=Decimal("24000"),
            currency="EUR",
        )
        journey = Journey.objects.get(product=necklace)
        assert journey.template.kind == "ownership"
        for year in (1, 2, 3, 4):
            _sweep(t, dt.datetime(2027 + year, 1, 9, 18, 0, tzinfo=BERLIN))
            assert (
                JourneyStep.objects.filter(journey=journey, stage__code="one_year").count()
                == year - 1
            ), f"year {year} came early"
            _sweep(t, dt.datetime(2027 + year, 1, 10, 14, 0, tzinfo=BERLIN))
            steps = JourneyStep.objects.filter(journey=journey, stage__code="one_year")
            assert sorted(steps.values_list("occurrence", flat=True)) == list(range(1, year + 1))
        mails = OutboundMessage.objects.filter(
            client=consenting, reason="journey_stage", key__startswith=f"journey:{journey.pk}:"
        )
        anniversaries = [m for m in mails if "gemeinsam" in m.body_text]
        assert len(anniversaries) == 4  # one a year, in German, never twice
        assert any("Schon 3 Jahre gemeinsam" in m.body_text for m in anniversaries)
        journey.refresh_from_db()
        assert journey.state == "active" and journey.next_occurrence == 5


def test_years_missed_while_the_worker_was_stopped_pass_quietly_once(
    consenting: Client, advisor: User
) -> None:
    with time_machine.travel(dt.datetime(2030, 6, 1, 10, 0, tzinfo=BERLIN), tick=False) as t:
        ring = product_add(
            actor=advisor,
            client=consenting,
            kind="jewel",
            brand="Aurelis",
            model="Solitaire",
            serial="SO-7",
            purchase_date=dt.date(2026, 6, 20),  # bought four years ago, recorded today
        )
        journey = Journey.objects.get(product=ring)
        _sweep(t, dt.datetime(2030, 6, 1, 10, 5, tzinfo=BERLIN), runs=8)
        passed = JourneyStep.objects.filter(journey=journey, stage__code="one_year")
        assert passed.count() == 3 and all("long gone" in s.note for s in passed.all())
        _sweep(t, dt.datetime(2030, 6, 20, 14, 0, tzinfo=BERLIN))
        assert passed.count() == 4
        told = OutboundMessage.objects.filter(key__startswith=f"journey:{journey.pk}:")
        assert [m for m in told if "Schon 4 Jahre gemeinsam" in m.body_text]
        assert not [m for m in told if "Schon 3 Jahre" in m.body_text]


def _delivered_car(client: Client, advisor: User, day: dt.date) -> Product:
    return product_add(
        actor=advisor,
        client=client,
        kind="car",
        brand="Aurelis",
        model="Veloce 4.0 Coupé",
        vin="WAR4VC40N5P031988",
        purchase_date=day - dt.timedelta(days=30),
        delivered_on=day,
        price=Decimal("128500"),
        currency="EUR",
    )


def test_the_service_comes_first_by_mileage_then_again_by_mileage(
    consenting: Client, advisor: User
) -> None:
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=BERLIN), tick=False) as t:
        car = _delivered_car(consenting, advisor, dt.date(2027, 3, 1))
        journey = Journey.objects.get(product=car)
        _sweep(t, dt.datetime(2027, 3, 2, 15, 0, tzinfo=BERLIN))  # the day after
        journey.refresh_from_db()
        assert journey.next_stage is not None and journey.next_stage.code == "service_reminder"
        by_age = journey.next_due_at
        assert by_age is not None and by_age.date() == dt.date(2028, 1, 30)  # 335 days

        # Forty days on, 4,000 km: 100 km a day, 15,000 km by the end of July.
        t.move_to(dt.datetime(2027, 4, 10, 11, 0, tzinfo=BERLIN))
        mileage_record(actor=advisor, product=car, km=4000, read_on=dt.date(2027, 4, 10))
        journey.refresh_from_db()
        assert journey.next_due_at is not None
        assert journey.next_due_at.date() == dt.date(2027, 7, 29)

        _sweep(t, dt.datetime(2027, 7, 28, 15, 0, tzinfo=BERLIN))
        service = JourneyStep.objects.filter(journey=journey, stage__code="service_reminder")
        assert not service.exists()
        _sweep(t, dt.datetime(2027, 7, 29, 15, 0, tzinfo=BERLIN))
        assert service.count() == 1
        assert OutboundMessage.objects.filter(
            key=f"journey:{journey.pk}:{journey.next_stage_id}",
            body_text__contains="Bald ist die Wartung fällig",
        ).exists()

        # The client reads 20,000 km in October, in the portal: the next in about 100 days,
        # long before a year.
        t.move_to(dt.datetime(2027, 10, 1, 11, 0, tzinfo=BERLIN))
        mileage_record(
            actor=None, product=car, km=20000, read_on=dt.date(2027, 10, 1), source="client"
        )
        journey.refresh_from_db()
        assert journey.next_stage is not None and journey.next_stage.code == "service_reminder"
        assert journey.next_occurrence == 2
        assert journey.next_due_at is not None
        assert dt.date(2027, 12, 15) < journey.next_due_at.date() < dt.date(2028, 2, 1)
        _sweep(t, journey.next_due_at + dt.timedelta(hours=2))
        assert sorted(service.values_list("occurrence", flat=True)) == [1, 2]
        assert OutboundMessage.objects.filter(key__endswith=f":{journey.next_stage_id}:2").exists()


def test_without_mileage_the_service_comes_every_year_by_age(
    consenting: Client, advisor: User
) -> None:
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=BERLIN), tick=False) as t:
        car = _delivered_car(consenting, advisor, dt.date(2027, 3, 1))
        journey = Journey.objects.get(product=car)
        service = JourneyStep.objects.filter(journey=journey, stage__code="service_reminder")
        for year, day in ((1, dt.date(2028, 1, 30)), (2, dt.date(2029, 1, 30))):
            _sweep(t, dt.datetime.combine(day, dt.time(9), tzinfo=BERLIN))
            assert service.count() == year - 1
            _sweep(t, dt.datetime.combine(day, dt.time(14), tzinfo=BERLIN))
            assert service.count() == year


def test_a_reading_that_cannot_be_true_is_refused_with_the_reason(
    car: Product, advisor: User
) -> None:
    mileage_record(actor=advisor, product=car, km=42000, read_on=dt.date(2025, 5, 1))
    for km, day, field in (
        (-5, dt.date(2025, 6, 1), "km"),
        (2_000_000, dt.date(2025, 6, 1), "km"),
        (41000, dt.date(2025, 6, 1), "km"),  # odometers do not go back
        (43000, dt.date(2099, 1, 1), "read_on"),
        (100, dt.date(2020, 1, 1), "read_on"),  # before the purchase
    ):
        with pytest.raises(ValidationError) as refused:
            mileage_record(actor=advisor, product=car, km=km, read_on=day)
        assert field in refused.value.message_dict
    car.refresh_from_db()
    assert car.mileage_km == 42000 and car.mileage_read_on == dt.date(2025, 5, 1)


def test_the_database_refuses_a_negative_mileage(car: Product) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=car.pk).update(mileage_km=-1, mileage_read_on=dt.date(2025, 1, 1))


def test_the_migration_starts_again_a_journey_done_before_stages_came_back(
    consenting: Client, advisor: User
) -> None:
    from importlib import import_module

    from django.apps import apps

    from goodwill.journeys.models import Stage

    migration = import_module("goodwill.journeys.migrations.0003_recurring_stages")
    # An installation from before: nothing comes back, so the ownership journey ends.
    Stage.objects.update(repeat_months=0, repeat_km=0)
    with time_machine.travel(dt.datetime(2030, 6, 1, 10, 0, tzinfo=BERLIN), tick=False) as t:
        ring = product_add(
            actor=advisor,
            client=consenting,
            kind="jewel",
            brand="Aurelis",
            model="Solitaire",
            serial="SO-8",
            purchase_date=dt.date(2028, 6, 20),
        )
        journey = Journey.objects.get(product=ring)
        _sweep(t, dt.datetime(2030, 6, 1, 10, 5, tzinfo=BERLIN))
        journey.refresh_from_db()
        assert journey.state == "done"

        migration.recur(apps, None)

        journey.refresh_from_db()
        assert journey.state == "active" and journey.next_stage is not None
        assert journey.next_stage.code == "one_year" and journey.next_occurrence == 2
        _sweep(t, dt.datetime(2030, 6, 20, 14, 0, tzinfo=BERLIN))
        years = JourneyStep.objects.filter(journey=journey, stage__code="one_year")
        assert sorted(years.values_list("occurrence", flat=True)) == [1, 2]


def test_a_reading_of_almost_nothing_gives_no_mileage_date_and_no_error(
    consenting: Client, advisor: User
) -> None:
    # 1 km in nine months: 15,000 km would be thousands of years away (no date holds it).
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=BERLIN), tick=False) as t:
        car = _delivered_car(consenting, advisor, dt.date(2027, 3, 1))
        journey = Journey.objects.get(product=car)
        _sweep(t, dt.datetime(2027, 3, 2, 15, 0, tzinfo=BERLIN))
        t.move_to(dt.datetime(2027, 12, 1, 11, 0, tzinfo=BERLIN))
        mileage_record(actor=None, product=car, km=1, read_on=dt.date(2027, 12, 1), source="client")
        journey.refresh_from_db()
        assert journey.next_stage is not None and journey.next_stage.code == "service_reminder"
        assert journey.next_due_at is not None
        assert journey.next_due_at.date() == dt.date(2028, 1, 30)  # by age alone
        _sweep(t, dt.datetime(2028, 1, 30, 15, 0, tzinfo=BERLIN))
        assert JourneyStep.objects.filter(journey=journey, stage__code="service_reminder").exists()


def test_one_journey_failing_never_stops_the_others(
    consenting: Client,
    advisor: User,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from goodwill.journeys import sweeps

    with time_machine.travel(dt.datetime(2027, 1, 10, 9, 0, tzinfo=BERLIN), tick=False) as t:
        first, second = (
            product_add(
                actor=advisor,
                client=consenting,
                kind="jewel",
                brand="Aurelis",
                model="Rivière",
                serial=serial,
                purchase_date=dt.date(2027, 1, 10),
            )
            for serial in ("RV-1", "RV-2")
        )
        broken = Journey.objects.get(product=first)
        sound = Journey.objects.get(product=second)
        reach = sweeps.journey_reach

        def failing(*, journey: Journey, **kwargs: object) -> object:
            if journey.pk == broken.pk:
                raise OverflowError("date value out of range")
            return reach(journey=journey, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(sweeps, "journey_reach", failing)
        t.move_to(dt.datetime(2028, 1, 10, 14, 0, tzinfo=BERLIN))
        Journey.objects.filter(pk=broken.pk).update(
            next_due_at=dt.datetime(2028, 1, 1, tzinfo=BERLIN)
        )
        with caplog.at_level("ERROR", logger="goodwill.journeys"):
            assert journeys_due(dt.datetime(2028, 1, 10, 14, 0, tzinfo=BERLIN)) == 1
        assert JourneyStep.objects.filter(journey=sound, stage__code="one_year").exists()
        assert not JourneyStep.objects.filter(journey=broken, stage__code="one_year").exists()
        assert any("sweep failed" in r.message and r.exc_info for r in caplog.records)


def test_a_mileage_that_says_due_today_reminds_once_not_at_every_sweep(
    consenting: Client, advisor: User
) -> None:
    from goodwill.clients.models import MileageReading
    from goodwill.journeys.services import journeys_replan_for_product

    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=BERLIN), tick=False) as t:
        car = _delivered_car(consenting, advisor, dt.date(2027, 3, 1))
        journey = Journey.objects.get(product=car)
        _sweep(t, dt.datetime(2027, 3, 2, 15, 0, tzinfo=BERLIN))
        t.move_to(dt.datetime(2027, 3, 3, 11, 0, tzinfo=BERLIN))
        # Past mileage_record's check (an import, an old row): 15,000 km every few minutes.
        for day, km in ((2, 1_000), (3, 999_999)):
            MileageReading.objects.create(
                product=car,
                km=km,
                read_on=dt.date(2027, 3, day),
                source="staff",
                recorded_at=dt.datetime(2027, 3, day, 11, 0, tzinfo=BERLIN),
            )
        journeys_replan_for_product(product=car)
        for hour in range(5):
            _sweep(t, dt.datetime(2027, 3, 3, 12 + hour, 0, tzinfo=BERLIN), runs=1)
        service = JourneyStep.objects.filter(journey=journey, stage__code="service_reminder")
        assert service.count() == 1
        mails = OutboundMessage.objects.filter(key__startswith=f"journey:{journey.pk}:")
        assert len([m for m in mails if "Wartung" in m.body_text]) == 1
        journey.refresh_from_db()
        assert journey.next_due_at is not None
        assert journey.next_due_at >= dt.datetime(2027, 4, 2, 12, 0, tzinfo=BERLIN)


def test_a_reading_too_far_for_the_days_since_is_refused(consenting: Client, advisor: User) -> None:
    with time_machine.travel(dt.datetime(2027, 3, 4, 10, 0, tzinfo=BERLIN), tick=False):
        car = _delivered_car(consenting, advisor, dt.date(2027, 3, 1))
        # A first reading is taken as it is: a used car comes with its odometer.
        mileage_record(actor=advisor, product=car, km=63_000, read_on=dt.date(2027, 3, 3))
        with pytest.raises(ValidationError) as refused:  # since the previous reading, a day
            mileage_record(actor=advisor, product=car, km=999_999, read_on=dt.date(2027, 3, 4))
        assert "km a day since the previous reading" in str(refused.value.message_dict["km"])
        mileage_record(actor=advisor, product=car, km=63_900, read_on=dt.date(2027, 3, 4))
        car.refresh_from_db()
        assert car.mileage_km == 63_900


def test_a_used_cars_first_reading_is_where_it_starts_not_a_rate(
    consenting: Client, advisor: User
) -> None:
    from goodwill.journeys.services import _mileage_date

    with time_machine.travel(dt.datetime(2027, 3, 4, 10, 0, tzinfo=BERLIN), tick=False):
        car = _delivered_car(consenting, advisor, dt.date(2027, 3, 1))
        mileage_record(actor=advisor, product=car, km=63_000, read_on=dt.date(2027, 3, 3))
        # 31,500 km a day since the handover is no car's pace: no mileage date until a second
        # reading gives the rate, and the age rule decides meanwhile.
        assert _mileage_date(car, None, 15_000) is None
    with time_machine.travel(dt.datetime(2027, 6, 1, 10, 0, tzinfo=BERLIN), tick=False):
        mileage_record(actor=advisor, product=car, km=66_000, read_on=dt.date(2027, 6, 1))
        due = _mileage_date(car, dt.datetime(2027, 3, 3, 12, 0, tzinfo=BERLIN), 15_000)
        # About 33 km a day: 15,000 km after the first reading, 450 days on: late May 2028.
        assert due is not None and dt.date(2028, 5, 15) < due < dt.date(2028, 6, 15)


def test_the_anniversary_counts_the_years_whatever_its_code(
    consenting: Client, advisor: User
) -> None:
    from goodwill.journeys.models import Stage

    Stage.objects.filter(template__kind="ownership", code="one_year").update(code="together")
    with time_machine.travel(dt.datetime(2027, 1, 10, 9, 0, tzinfo=BERLIN), tick=False) as t:
        necklace = product_add(
            actor=advisor,
            client=consenting,
            kind="jewel",
            brand="Aurelis",
            model="Rivière",
            serial="RV-1002",
            purchase_date=dt.date(2027, 1, 10),
        )
        journey = Journey.objects.get(product=necklace)
        for year in (1, 2):
            _sweep(t, dt.datetime(2027 + year, 1, 10, 14, 0, tzinfo=BERLIN))
        told = OutboundMessage.objects.filter(key__startswith=f"journey:{journey.pk}:")
        assert [m for m in told if "Schon 2 Jahre gemeinsam" in m.body_text]


def test_the_second_service_is_not_an_anniversary(consenting: Client, advisor: User) -> None:
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=BERLIN), tick=False) as t:
        car = _delivered_car(consenting, advisor, dt.date(2027, 3, 1))
        journey = Journey.objects.get(product=car)
        _sweep(t, dt.datetime(2029, 1, 30, 14, 0, tzinfo=BERLIN), runs=6)
        _sweep(t, dt.datetime(2029, 1, 30, 14, 0, tzinfo=BERLIN))
        service = JourneyStep.objects.filter(journey=journey, stage__code="service_reminder")
        assert 2 in set(service.values_list("occurrence", flat=True))
        stage_id = service.values_list("stage_id", flat=True)[0]
        second = OutboundMessage.objects.get(key=f"journey:{journey.pk}:{stage_id}:2")
        assert "gemeinsam" not in second.body_text
