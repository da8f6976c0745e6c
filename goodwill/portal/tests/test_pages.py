"""What the client reads on their portal: their products and cover, their cases with the title,
status and next step meant for them, promises with their dates, the conversation, in their
language; never the internal summary, status, notes or a partner's message."""

from __future__ import annotations

import pytest
from django.utils import translation

from goodwill.cases.models import Case
from goodwill.cases.services import case_add_note
from goodwill.cases.wording import client_status, client_title
from goodwill.channels.outbox.services import case_write_message
from goodwill.clients.models import Client
from goodwill.organisation.models import User
from goodwill.portal.tests.conftest import portal_open
from goodwill.promises.models import Promise
from goodwill.timeline import services as timeline

SUMMARY_MARK = "INTERNAL-SUMMARY-7f3a"
NOTE_MARK = "INTERNAL-NOTE-91c2"
PARTNER_MARK = "PARTNER-WORDS-44aa"


@pytest.fixture
def marked_case(case_t: Case, advisor: User) -> Case:
    Case.objects.filter(pk=case_t.pk).update(
        summary=f"{SUMMARY_MARK} flat tyre, client angry", status=Case.Status.WAITING_PARTNER
    )
    case_t.refresh_from_db()
    case_add_note(actor=advisor, case=case_t, text=f"{NOTE_MARK}: he shouted at the dealer")
    timeline.record_message_in(
        client=case_t.client,
        case=case_t,
        subject="Re: task",
        body=f"{PARTNER_MARK} ETA 45",
        sender="tow@example.com",
        channel="email",
        extra={"threaded_by": "partner_task"},
    )
    return case_t


def test_home_shows_products_cover_cases_and_promises_in_the_clients_words(
    client_t: Client, marked_case: Case, promise_t: Promise
) -> None:
    page = portal_open(client_t).get("/portal/").content.decode()

    assert 'lang="de"' in page
    assert "Aurelis GT Spyder" in page and "Aurelis Insurance" in page
    assert client_title(case=marked_case, language="de") in page
    assert client_status(status=marked_case.status, language="de") in page
    assert marked_case.reference in page
    assert "Replacement car delivered to your hotel" in page


@pytest.mark.parametrize("page", ["/portal/", "/portal/cases/{ref}/", "/portal/settings/"])
def test_nothing_internal_appears_on_any_portal_page(
    page: str, client_t: Client, marked_case: Case, promise_t: Promise
) -> None:
    with translation.override("de"):
        staff_status = str(Case.Status.WAITING_PARTNER.label)
    content = portal_open(client_t).get(page.format(ref=marked_case.reference)).content.decode()

    leaks = [m for m in (SUMMARY_MARK, NOTE_MARK, PARTNER_MARK, staff_status) if m in content]
    assert leaks == []


def test_the_case_page_shows_the_conversation_meant_for_the_client(
    client_t: Client, marked_case: Case, advisor: User
) -> None:
    case_write_message(
        actor=advisor,
        case=marked_case,
        subject="Ihr Auto",
        body="Der Abschleppwagen ist unterwegs.",
    )

    page = portal_open(client_t).get(f"/portal/cases/{marked_case.reference}/").content.decode()

    assert "Der Abschleppwagen ist unterwegs." in page
    assert PARTNER_MARK not in page


def test_arabic_is_laid_out_right_to_left(client_t: Client, case_t: Case) -> None:
    Client.objects.filter(pk=client_t.pk).update(language="ar")

    page = portal_open(client_t).get("/portal/").content.decode()

    assert 'lang="ar" dir="rtl"' in page
