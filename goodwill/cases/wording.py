"""What a client reads about their case: its client-facing title and its status in their words.

A case has two faces. Staff work with the internal summary ("Flat tyre, hotel booked, client
angry") and the internal statuses ("Waiting on partner"); the client reads a title written for
them, in their language ("Ihre Pannenhilfe"), and a status phrase ("Bei unserem Partner"). Every
message to a client takes its words from here (channels.outbox.templates.case_context), never
from the internal fields.

The phrases carry the gettext context "client" so that a translator can word them for the
client, apart from the staff interface's labels of the same categories and statuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import pgettext_lazy

from goodwill.cases.models import Case

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The title a case has for the client until staff write their own (Case.client_title).
CLIENT_TITLES: dict[str, StrOrPromise] = {
    Case.Category.BREAKDOWN: pgettext_lazy("client", "Your breakdown assistance"),
    Case.Category.WARRANTY_CLAIM: pgettext_lazy("client", "Your warranty request"),
    Case.Category.DELIVERY: pgettext_lazy("client", "Your delivery"),
    Case.Category.BILLING: pgettext_lazy("client", "Your question about an invoice"),
    Case.Category.COMPLAINT: pgettext_lazy("client", "Your concern"),
    Case.Category.SERVICE_BOOKING: pgettext_lazy("client", "Your service appointment"),
    Case.Category.INFORMATION: pgettext_lazy("client", "Your request"),
    Case.Category.ACCIDENT: pgettext_lazy("client", "Your accident assistance"),
    Case.Category.THEFT: pgettext_lazy("client", "Your theft assistance"),
}

# Each status as the client reads it: where their case stands, never our bookkeeping.
CLIENT_STATUSES: dict[str, StrOrPromise] = {
    Case.Status.NEW: pgettext_lazy("client", "received"),
    Case.Status.OPEN: pgettext_lazy("client", "in progress"),
    Case.Status.WAITING_CLIENT: pgettext_lazy("client", "waiting for your reply"),
    Case.Status.WAITING_PARTNER: pgettext_lazy("client", "in the hands of our partner"),
    Case.Status.RESOLVED: pgettext_lazy("client", "resolved"),
    Case.Status.CLOSED: pgettext_lazy("client", "closed"),
}


def client_title_default(*, category: str, language: str) -> str:
    """The title a case of `category` has for a client reading `language`."""
    phrase = CLIENT_TITLES.get(category, CLIENT_TITLES[Case.Category.INFORMATION])
    with translation.override(language):
        return str(phrase)


def client_title(*, case: Case, language: str) -> str:
    """The case's title for the client: what staff wrote for them, else its category's."""
    return case.client_title.strip() or client_title_default(
        category=case.category, language=language
    )


def client_status(*, status: str, language: str) -> str:
    """The status phrase a client reading `language` gets for `status`."""
    phrase = CLIENT_STATUSES.get(status, CLIENT_STATUSES[Case.Status.OPEN])
    with translation.override(language):
        return str(phrase)
