"""Who must not receive marketing now, why and until when; the downloads are for managers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

import pytest
from django.core.management import call_command
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.cases.services import case_open
from goodwill.clients.models import Client, Product
from goodwill.clients.services import client_create
from goodwill.intake.services import Inbound, intake_receive
from goodwill.journeys.models import Journey, Stage
from goodwill.journeys.services import journey_reach
from goodwill.journeys.suppression import Suppression, suppression_rows, suppressions
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry


def _reasons(client: Client) -> dict[str, Suppression]:
    return {s.reason: s for s in suppressions(client_ids=[client.pk])}


@pytest.fixture
def consenting(advisor: User, munich: Site) -> Client:
    client = client_create(
        actor=advisor,
        first_name="=HYPERLINK(evil)",
        last_name="Weber",
        email="weber@example.com",
        site=munich,
    )
    Client.objects.filter(pk=client.pk).update(marketing_consent=True)
    return client


def test_a_client_without_consent_is_on_the_list_until_they_say_yes(client_t: Client) -> None:
    entry = _reasons(client_t)["no_consent"]
    assert entry.until is None


def test_a_fresh_purchase_keeps_marketing_away_for_28_days(new_car: Product) -> None:
    entry = _reasons(new_car.client)["recent_purchase"]
    assert entry.until == timezone.localdate() + dt.timedelta(days=28)


def test_the_purchase_window_is_a_setting(settings, new_car: Product) -> None:
    settings.GOODWILL_SUPPRESS_AFTER_PURCHASE_DAYS = 7
    assert _reasons(new_car.client)["recent_purchase"].until == (
        timezone.localdate() + dt.timedelta(days=7)
    )


def test_an_open_assistance_case_is_an_incident_until_it_closes(case_t: Case) -> None:
    entry = _reasons(case_t.client)["open_incident"]
    assert entry.detail == case_t.reference and entry.until is None


def test_a_complaint_is_on_the_list_by_category(consenting: Client, advisor: User) -> None:
    case = case_open(actor=advisor, client=consenting, summary="Rude", category="complaint")
    assert _reasons(consenting)["open_complaint"].detail == case.reference


def test_a_message_the_intake_read_as_a_complaint_counts(consenting: Client, advisor: User) -> None:
    case = case_open(actor=advisor, client=consenting, summary="Brochure", category="information")
    assert "open_complaint" not in _reasons(consenting)
    intake_receive(
        inbound=Inbound(
            channel="email",
            address="weber@example.com",
            subject="Unacceptable",
            text="This is unacceptable. I want to make a formal complaint about your service.",
            own_words="This is unacceptable. I want to make a formal complaint about your service.",
            at=timezone.now(),
        )
    )
    assert Entry.objects.get(case=case, kind="message_in").payload["signal"]["kind"] == "complaint"
    assert _reasons(consenting)["open_complaint"].detail == case.reference


def test_other_apps_add_reasons_through_the_setting(settings, consenting: Client) -> None:
    settings.GOODWILL_SUPPRESSION_SOURCES = ["goodwill.journeys.tests.test_suppression.low_scores"]
    entry = _reasons(consenting)["low_score"]
    assert entry.until == dt.date(2030, 1, 1)


def low_scores(*, at: dt.datetime, client_ids: Iterable[int] | None) -> Iterable[Suppression]:
    for pk in Client.objects.filter(last_name="Weber").values_list("pk", flat=True):
        yield Suppression(pk, "low_score", "Low score (3/10)", dt.date(2030, 1, 1))


def test_a_touchpoint_is_held_while_a_complaint_is_open(order: Journey, advisor: User) -> None:
    case_open(actor=advisor, client=order.client, summary="Nobody called", category="complaint")
    stage = Stage.objects.get(template=order.template, code="one_year")
    step = journey_reach(journey=order, stage=stage, source="staff", actor=advisor)
    assert step is not None and step.note.startswith("Held: Open complaint")


def test_the_csv_is_for_managers_and_safe_in_a_spreadsheet(
    consenting: Client, advisor: User, manager: User, client_t: Client
) -> None:
    case_open(actor=advisor, client=consenting, summary="Rude", category="complaint")
    browser = Browser()
    assert browser.get("/journeys/suppressions.csv").status_code == 302  # to the login page
    browser.force_login(advisor)
    assert browser.get("/journeys/suppressions.csv").status_code == 403
    assert browser.get("/journeys/suppressions.json").status_code == 403
    browser.force_login(manager)
    response = browser.get("/journeys/suppressions.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    weber = [r for r in rows if r["email"] == "weber@example.com"]
    assert {r["reason"] for r in weber} == {"open_complaint"}
    assert weber[0]["name"].startswith("'=")  # never a formula
    data = browser.get("/journeys/suppressions.json").json()
    assert {"client_ref", "reason", "why", "until"} <= set(data["suppressions"][0])


def test_the_command_prints_the_same_list(client_t: Client) -> None:
    out = io.StringIO()
    call_command("suppression_list", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["client_ref"] == client_t.ref and rows[0]["reason"] == "no_consent"


def test_the_list_takes_a_handful_of_queries_whatever_the_clients(
    django_assert_max_num_queries, client_t: Client, consenting: Client, case_t: Case
) -> None:
    with django_assert_max_num_queries(8):
        list(suppressions())


def test_the_query_count_does_not_grow_with_the_clients(
    django_assert_max_num_queries, client_t: Client, munich: Site
) -> None:
    now = timezone.now()
    many = Client.objects.bulk_create(
        Client(ref=f"CL-BULK{i:05}", last_name=f"Bulk{i}", site=munich, client_since=now)
        for i in range(3000)
    )
    Product.objects.bulk_create(
        Product(client=c, kind="watch", brand="Aurelis", model="Tide", purchase_date=now.date())
        for c in many[:1000]
    )
    with django_assert_max_num_queries(4 + 2 * 4001 // 2000 + 2):
        rows = list(suppression_rows())
    assert len(rows) == 3001 + 1000


def test_a_low_survey_score_keeps_marketing_away_for_90_days(
    settings, consenting: Client, advisor: User
) -> None:
    from goodwill.surveys.models import Survey

    case = case_open(actor=advisor, client=consenting, summary="Service")
    answered = timezone.now() - dt.timedelta(days=10)
    Survey.objects.create(
        kind=Survey.Kind.SATISFACTION,
        case=case,
        client=consenting,
        site_id=case.site_id,
        owner_id=case.owner_id,
        category=case.category,
        tier=consenting.tier,
        made_at=answered,
        due_at=answered,
        state=Survey.State.FINAL,
        sent_at=answered,
        token_hash="0" * 64,
        score=1,
        detractor=True,
        answered_at=answered,
        final_at=answered,
    )

    entry = _reasons(consenting)["low_score"]

    assert entry.until == timezone.localdate(answered + dt.timedelta(days=90))
    settings.GOODWILL_SUPPRESS_AFTER_LOW_SCORE_DAYS = 7
    assert "low_score" not in _reasons(consenting)
