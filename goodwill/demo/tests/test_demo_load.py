"""manage.py demo_load: the brand Aurelis on day one, the five stories, and nothing twice."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.clients.models import (
    Client,
    ContactPoint,
    Cover,
    Identifier,
    Product,
    ReferenceCounter,
)
from goodwill.clients.selectors import client_search
from goodwill.demo.cast import DEMO_PASSWORD, LOGINS
from goodwill.demo.stories import STORY_CLIENTS
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

pytestmark = pytest.mark.django_db

# Enough generated clients for every site to own a few, few enough for a quick test.
CLIENTS = 12


def demo_load() -> str:
    out = io.StringIO()
    call_command("demo_load", clients=CLIENTS, stdout=out)
    return out.getvalue()


def story_client(email: str) -> Client:
    return Client.objects.get(contact_points__normalized=email)


def row_counts() -> dict[str, int]:
    models = (
        Site,
        User,
        Client,
        ContactPoint,
        Product,
        Cover,
        Identifier,
        ReferenceCounter,
        Case,
        Entry,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_demo_load_creates_the_five_story_clients_with_their_cases_and_timelines() -> None:
    output = demo_load()

    for story in STORY_CLIENTS:
        client = story_client(story.email)
        assert client.cases.exists(), story.seed
        assert (
            client.timeline.filter(kind__in=["call", "message_in", "message_out"]).count() >= 3
        ), story.seed
    # + the new client who writes in for the first time in the demo inbox (goodwill/demo/mail.py)
    assert Client.objects.count() == CLIENTS + len(STORY_CLIENTS) + 1
    assert "http://127.0.0.1:8000" in output and DEMO_PASSWORD in output
    assert all(login.username in output for login in LOGINS)


def test_mr_t_called_eleven_times_and_spoke_to_eleven_people() -> None:
    demo_load()
    tauber = story_client("thomas.tauber@example.com")
    breakdown = tauber.cases.get(category=Case.Category.BREAKDOWN)

    calls = breakdown.timeline.filter(kind=Entry.Kind.CALL)
    assert calls.count() == 11
    assert calls.values("actor").distinct().count() == 11
    first = calls.order_by("at").first()
    assert first is not None and "M-AR 1500" in first.body and "4471093826" in first.body
    assert breakdown.selling_advisor == User.objects.get(username="anna")
    assert not breakdown.timeline.filter(actor__username="anna").exists()  # never told
    assert set(tauber.products.get(plate="M-AR 1500").covers.values_list("kind", flat=True)) == {
        "warranty",
        "insurance",
        "assistance",
    }


def test_mr_ts_complaint_is_waiting_for_the_advisor_who_sold_him_the_car() -> None:
    output = demo_load()
    complaint = story_client("thomas.tauber@example.com").cases.get(
        category=Case.Category.COMPLAINT
    )

    assert complaint.status in Case.OPEN_STATUSES
    assert complaint.owner.username == "anna"
    assert complaint.reference in output


def test_the_lost_maps_took_three_months_of_emails() -> None:
    demo_load()
    case = story_client("denise.lefevre@example.com").cases.get(
        summary="Cartes Europe disparues de mon compte"
    )

    messages = case.timeline.filter(kind__in=[Entry.Kind.MESSAGE_IN, Entry.Kind.MESSAGE_OUT])
    assert messages.count() >= 12
    assert case.closed_at is not None and (case.closed_at - case.opened_at).days >= 80
    # Sent long ago, or tracked by the outbox (news sent when the demo resolved it): none left
    # "outbox".
    assert (
        not messages.filter(kind=Entry.Kind.MESSAGE_OUT)
        .exclude(payload__status="sent")
        .exclude(payload__has_key="outbound_id")
        .exists()
    )


def test_demo_load_is_idempotent() -> None:
    demo_load()
    before = row_counts()

    output = demo_load()

    assert row_counts() == before
    assert "already loaded" in output
    assert "anna" in output  # the logins are printed again


def test_story_clients_are_found_by_plate_or_serial() -> None:
    demo_load()
    admin = User.objects.get(username="admin")

    for story in STORY_CLIENTS:
        client = story_client(story.email)
        hits = client_search(user=admin, query=story.plate_or_serial, country="CH")
        assert [hit.client.pk for hit in hits] == [client.pk], story.seed
        advisor = client.advisor
        assert advisor is not None
        assert [
            hit.client.pk
            for hit in client_search(
                user=advisor, query=story.plate_or_serial, country=advisor.site.country
            )
        ] == [client.pk]


def test_a_dealer_from_another_country_finds_nothing_of_munich() -> None:
    demo_load()
    james = User.objects.get(username="james")

    assert client_search(user=james, query="M-AR 1500", country="GB") == []
    assert client_search(user=james, query="tauber", country="GB") == []


def test_the_search_hints_find_what_they_promise() -> None:
    demo_load()
    chiara = User.objects.get(username="chiara")

    lefevre = story_client("denise.lefevre@example.com")
    assert [hit.client for hit in client_search(user=chiara, query="lefevre", country="CH")] == [
        lefevre
    ]
    assert [
        hit.client for hit in client_search(user=chiara, query="079 412 35 08", country="CH")
    ] == [lefevre]


def test_nothing_in_the_demo_happens_in_the_future() -> None:
    demo_load()
    now = timezone.now()

    assert not Entry.objects.filter(at__gt=now).exists()
    assert not Case.objects.filter(opened_at__gt=now).exists()
    assert not Case.objects.filter(closed_at__gt=now).exists()


def test_every_demo_login_signs_in_with_the_demo_password() -> None:
    demo_load()

    for login in LOGINS:
        assert Browser().login(username=login.username, password=DEMO_PASSWORD), login.username
    assert not User.objects.get(username="lucia.fernandez").has_usable_password()


def test_the_munich_advisors_own_generated_clients_too() -> None:
    demo_load()
    anna = User.objects.get(username="anna")

    generated = Client.objects.filter(advisor=anna).exclude(
        contact_points__normalized__endswith="example.com"
    )
    assert generated.exists()
    assert all(
        client.backup_advisor and client.backup_advisor.username == "jonas" for client in generated
    )


def test_the_demo_has_promises_kept_and_open_and_one_for_herr_tauber(db: None) -> None:
    from goodwill.promises.models import Promise

    demo_load()

    statuses = set(Promise.objects.values_list("status", flat=True))
    assert {"kept", "open"} <= statuses
    assert Promise.objects.filter(case__client__last_name="Tauber", status="open").exists()


def test_the_demo_inbox_shows_good_and_bad_mail_through_the_real_intake(db: None) -> None:
    from goodwill.channels.email.models import InboundMessage

    demo_load()

    statuses = sorted(InboundMessage.objects.values_list("status", flat=True))
    # Four processed: Madame Lefèvre, Mr de Vries, Mr Ashworth and Herr Tauber's taxi receipt.
    assert statuses == [
        "ignored",
        "processed",
        "processed",
        "processed",
        "processed",
        "quarantined",
    ]
    newcomer = Client.objects.get(contact_points__normalized="pieter.devries@example.nl")
    assert not newcomer.verified
    assert newcomer.cases.get().timeline.filter(kind="message_in").exists()
    # Answered in Dutch, by the acknowledgement and by his advisor.
    assert newcomer.language == "nl"
    sent = OutboundMessage.objects.filter(client=newcomer).exclude(status="merged")
    assert {(m.purpose, m.language) for m in sent} >= {("acknowledgement", "nl"), ("reply", "nl")}
    reply = sent.get(purpose="reply")
    assert reply.body_text.startswith("Geachte") and "dinsdagochtend" in reply.body_text
    # Mr de Vries, not Mr Vries: the particle stays with his family name, capitalised in Dutch.
    assert (newcomer.first_name, newcomer.last_name) == ("Pieter", "de Vries")
    assert reply.body_text.splitlines()[0] == "Geachte Pieter de Vries,"


def test_herr_tauber_has_a_class_s_car_on_its_way_and_was_told_in_german(db: None) -> None:
    from goodwill.assistance.models import Partner, PartnerTask, ServicePolicy
    from goodwill.channels.outbox.models import OutboundMessage

    demo_load()

    assert Partner.objects.count() >= 5 and ServicePolicy.objects.filter(tier="vip").exists()
    tasks = PartnerTask.objects.filter(case__client__last_name="Tauber")
    car = tasks.get(kind="rental")
    assert car.status == "on_the_way" and car.service_class == "S" and not car.below_policy
    assert tasks.get(kind="tow").status == "requested"
    # The hotel of the policy's class and nights, confirmed through its link.
    hotel = tasks.get(kind="hotel")
    assert (hotel.service_class, hotel.nights, hotel.status) == ("5", 2, "accepted")
    assert not hotel.below_policy
    told = OutboundMessage.objects.filter(case=car.case, reason="partner_update")
    assert told.count() == 3 and {m.language for m in told} == {"de"}
    assert any("unterwegs" in m.body_text for m in told)
    # The partners' links are in their e-mails, which the demo's Outbox shows.
    assert OutboundMessage.objects.filter(purpose="partner", body_text__contains="/p/").count() == 3


def test_mr_ashworths_angry_mail_raises_his_case_and_tells_the_managers(db: None) -> None:
    from goodwill.notifications.models import Notification

    demo_load()

    case = Case.objects.get(client__last_name="Ashworth")
    entry = case.timeline.filter(kind="message_in").order_by("-at").first()
    assert case.status == "open"  # taken up again
    signal = entry.payload["signal"] if entry is not None else {}
    assert signal["kind"] == "complaint" or signal["mood"] in {"angry", "desperate"}
    # Raised (a complaint: high; anger or despair: urgent), the managers told at once, quoting him.
    assert case.priority <= 2
    alerts = Notification.objects.filter(case=case, kind="message_in", recipient__role="manager")
    assert alerts.exists() and any("It is NOT" in n.body for n in alerts)


def test_herr_tauber_s_taxi_receipt_was_reimbursed_within_policy_and_he_was_told_in_german(
    db: None,
) -> None:
    from goodwill.assistance.models import ExpenseClaim
    from goodwill.channels.email.models import Attachment
    from goodwill.channels.outbox.models import OutboundMessage
    from goodwill.documents.models import Document

    demo_load()

    claim = ExpenseClaim.objects.get(case__client__last_name="Tauber", what="taxi")
    assert claim.status == "approved" and claim.within_policy
    receipt = Attachment.objects.get(pk=claim.receipt_attachment_id)
    assert receipt.filename == claim.receipt_name == "Taxi-Quittung-Taormina.pdf"
    assert receipt.inbound.case_id == claim.case_id
    # A real receipt, read like any other: its text and kind are among the client's documents.
    document = Document.objects.get(client=claim.case.client, filename="Taxi-Quittung-Taormina.pdf")
    assert document.status == Document.Status.READ, document.error
    assert document.kind == Document.Kind.PROOF_OF_PURCHASE
    assert "Taormina - Catania" in document.text
    (told,) = OutboundMessage.objects.filter(case=claim.case, reason="claim_decision")
    assert told.language == "de" and "86,50 EUR in voller Höhe" in told.body_text


def test_herr_tauber_s_breakdown_closed_with_its_outcome_and_a_follow_up_call_on_monday(
    db: None,
) -> None:
    from goodwill.care.models import CallTask

    demo_load()

    breakdown = story_client("thomas.tauber@example.com").cases.get(category="breakdown")
    assert breakdown.status == Case.Status.RESOLVED
    outcome = breakdown.outcomes.get()
    assert outcome.fixed and outcome.done_by == "Aurelis Catania"
    assert breakdown.closed_at is not None
    assert timezone.localtime(breakdown.closed_at, ZoneInfo("Europe/Berlin")).weekday() == 4
    call = CallTask.objects.get(case=breakdown, kind=CallTask.Kind.FOLLOW_UP)
    assert timezone.localtime(call.due_at, ZoneInfo("Europe/Berlin")).weekday() == 0
    assert call.assignee.username == "anna"


def test_madame_lefevres_receipt_is_read_found_by_its_order_number_and_not_asked_for_again(
    db: None, settings: object, tmp_path: object
) -> None:
    from goodwill.checks.selectors import message_review
    from goodwill.documents.models import Document
    from goodwill.documents.selectors import document_search

    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    demo_load()

    lefevre = story_client("denise.lefevre@example.com")
    receipt = Document.objects.get(client=lefevre, filename="capture-ecran-commande-GPS.png")
    assert receipt.mime_type == "image/png"  # a screenshot: read by OCR, not a PDF's text
    assert receipt.kind == "proof_of_purchase" and receipt.facts["number"] == "TT-4471-2093"
    chiara = User.objects.get(username="chiara")
    assert [hit.client for hit in document_search(user=chiara, query="TT-4471-2093")] == [lefevre]
    # Asking her for it once more is warned before it leaves
    case = lefevre.cases.order_by("-opened_at").first()
    assert case is not None
    review = message_review(
        actor=chiara,
        case=case,
        subject="",
        body="Madame, pourriez-vous nous envoyer votre justificatif d'achat ?",
        language="fr",
    )
    assert any(
        f.code == "document_on_file" and f.document_id == receipt.pk for f in review.findings
    )


def test_steve_books_his_collection_slot_from_his_portal(db: None) -> None:
    from goodwill.appointments.models import Booking, Slot

    demo_load()

    steve = story_client("steve.marsh@example.com")
    booking = Booking.objects.select_related("slot", "case").get(client=steve)
    # Booked by him through the portal's path: no booking link, no staff actor.
    assert booking.status == "booked" and booking.link is None
    assert booking.slot.kind == "delivery" and booking.slot.starts_at.weekday() == 5
    assert booking.case is not None and booking.case.category == "delivery"
    invite = OutboundMessage.objects.get(client=steve, reason="portal_link")
    assert "/portal/open/" in invite.body_text and invite.language == "en"
    assert Slot.objects.filter(site=booking.slot.site, kind="delivery").count() > 50
    assert Entry.objects.get(client=steve, kind="booking_made").actor is None


def test_steve_scored_his_delivery_low_and_james_called_him_back_and_won_him_back(
    db: None,
) -> None:
    from goodwill.care.models import CallTask
    from goodwill.surveys.models import Survey

    demo_load()

    steve = story_client("steve.marsh@example.com")
    survey = Survey.objects.get(client=steve)
    assert (survey.kind, survey.state, survey.score, survey.detractor) == (
        "recommendation",
        "final",
        3,
        True,
    )
    assert survey.recovered is True and survey.outcome_by is not None
    assert survey.call_task is not None and survey.call_task.state == CallTask.State.DONE
    kinds = set(Entry.objects.filter(client=steve).values_list("kind", flat=True))
    assert {"survey_sent", "survey_answered", "survey_outcome"} <= kinds
    assert OutboundMessage.objects.filter(client=steve, reason="survey").exists()
    assert Survey.objects.filter(state="final").count() >= 2


def test_steves_portal_link_from_the_command_shows_his_booking(db: None) -> None:
    from goodwill.appointments.models import Booking

    said = demo_load()
    steve = story_client("steve.marsh@example.com")
    # demo_load says how to open his page.
    assert f"python manage.py portal_link {steve.ref}" in said
    booking = Booking.objects.select_related("slot").get(client=steve)
    out = io.StringIO()

    call_command("portal_link", steve.ref.lower(), stdout=out)

    url = out.getvalue().strip()
    assert "/portal/open/" in url
    browser = Browser()
    opened = browser.get(url[url.index("/portal/open/") :])
    assert opened.status_code == 302
    home = browser.get("/portal/").content.decode()
    assert f"/portal/appointments/{booking.pk}/" in home
    page = browser.get("/portal/appointments/").content.decode()
    assert "Handover of your purchase" in page and "10:00" in page
    assert browser.get(f"/portal/appointments/{booking.pk}/").status_code == 200


def test_the_demo_recall_shows_owners_told_one_fixed_and_an_unknown_vin(db: None) -> None:
    from goodwill.recalls.models import Campaign, CampaignVehicle

    demo_load()

    campaign = Campaign.objects.get(code="RC-24-07")
    assert campaign.status == "launched"
    vehicles = CampaignVehicle.objects.filter(campaign=campaign)
    assert vehicles.filter(unmatched="unknown").count() == 1
    assert vehicles.filter(case__isnull=False).count() >= 1
    assert vehicles.filter(fixed_at__isnull=False).count() == 1
    margaux = User.objects.get(username="margaux")
    browser = Browser()
    browser.force_login(margaux)
    assert browser.get("/recalls/").status_code == 200
    assert browser.get("/recalls/RC-24-07/").status_code == 200


def test_the_demo_ends_with_every_story_scored_and_the_dashboards_filled(db: None) -> None:
    import datetime as dt

    from goodwill.experience.models import CaseExperience, ClientHealth
    from goodwill.insights.filters import Filters
    from goodwill.insights.metrics import BY_KEY
    from goodwill.insights.models import SummaryCursor
    from goodwill.insights.selectors import dashboard

    demo_load()

    assert CaseExperience.objects.count() == Case.objects.count()
    tauber = story_client("thomas.tauber@example.com")
    assert ClientHealth.objects.filter(client=tauber, score__lt=100).exists()
    cursor = SummaryCursor.objects.get()
    assert cursor.entry_id == Entry.objects.order_by("-pk").values_list("pk", flat=True).first()
    today = timezone.now().date()
    months = Filters(start=today - dt.timedelta(days=180), end=today, grain="month")
    keys = ("opened", "recommendation", "detractors_recovered", "experience")
    charts = dashboard(filters=months, metrics=[BY_KEY[key] for key in keys])
    assert all(chart.has_data for chart in charts), [c.metric.key for c in charts if not c.has_data]


def test_the_digest_tells_herr_taubers_and_steves_stories(db: None) -> None:
    import datetime as dt

    from goodwill.demo.selectors import demo_digests
    from goodwill.insights.selectors import digest
    from goodwill.insights.services import last_full_week

    out = demo_load()
    margaux = User.objects.get(username="margaux")
    tauber = story_client("thomas.tauber@example.com")
    steve = story_client("steve.marsh@example.com")
    pages = demo_digests()
    assert all(page.query in out for page in pages)

    def week_of(page: str) -> dt.date:
        name = page.rsplit("=", 1)[1]
        return dt.date.fromisocalendar(int(name[:4]), int(name[6:]), 1)

    _last_week, tyre_page, steve_page = pages
    tyre = Case.objects.get(client=tauber, closed_at__isnull=False)
    worst = digest(reader=margaux, week=week_of(tyre_page.query)).worst
    assert worst[0].case == tyre and worst[0].score < 70 and worst[0].reasons
    lows = digest(reader=margaux, week=week_of(steve_page.query)).low_scores
    (steves,) = [low for low in lows if low.case.client == steve]
    assert (steves.score, steves.called, steves.recovered) == (3, True, True)
    # The page's default, last week: his letter to the President, still open, among the worst.
    recent = digest(reader=margaux, week=last_full_week(today=timezone.localdate())).worst
    assert any(story.case.client == tauber and story.case.closed_at is None for story in recent)
    # A London manager's digest of that week holds London's stories only: Steve, never Tauber.
    james_site = User.objects.get(username="james").site
    london = User(username="london", role=User.Role.MANAGER, site=james_site)
    assert all(
        s.case.site_id == james_site.pk
        for s in digest(reader=london, week=week_of(tyre_page.query)).worst
    )
