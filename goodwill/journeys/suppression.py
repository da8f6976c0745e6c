"""Who must not receive marketing right now, each with why and until when (issue 15, part 5;
story 001: "no sales e-mail to a client with an open case or a fresh purchase").

The reasons:

* an open incident or complaint: an open case whose category is a complaint or an assistance
  category, or on which a message from the client carries the intake's complaint signal
  (until the case closes);
* a purchase in the last GOODWILL_SUPPRESS_AFTER_PURCHASE_DAYS days (until that many days after
  it);
* a recent low score in a survey (GOODWILL_SUPPRESS_AFTER_LOW_SCORE_DAYS, until that many days
  after the answer);
* no marketing consent (until the client says yes);
* whatever the apps named by GOODWILL_SUPPRESSION_SOURCES add: each is a dotted path to
  `reasons(*, at, client_ids) -> Iterable[Suppression]`.

Every rule is one set-based query, never a loop per client, so the list of 100,000 clients is a
handful of queries. The same rules answer for one client (`suppressed_reason`): a touchpoint of
a journey (an anniversary, an invitation) is held while the client has an open incident or
complaint, or a source's reason (not for want of marketing consent: it is not a sales message).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from goodwill.cases.models import Case
from goodwill.clients.models import Client, ContactPoint, Product
from goodwill.surveys.models import Survey
from goodwill.timeline.models import Entry

INCIDENT = "open_incident"
COMPLAINT = "open_complaint"
PURCHASE = "recent_purchase"
NO_CONSENT = "no_consent"
LOW_SCORE = "low_score"

# What each reason reads as in the download (a source adds its own words).
REASONS = {
    INCIDENT: _("Open incident"),
    COMPLAINT: _("Open complaint"),
    PURCHASE: _("Recent purchase"),
    NO_CONSENT: _("No marketing consent"),
    LOW_SCORE: _("Recent low score"),
}
# Touchpoints of a journey are held for these, and for every source's reason.
TOUCHPOINT_HOLDS = frozenset({INCIDENT, COMPLAINT})

# A complaint's case categories; an assistance case is an incident.
COMPLAINT_CATEGORIES = (Case.Category.COMPLAINT,)


@dataclasses.dataclass(frozen=True)
class Suppression:
    """One reason one client is on the list; `until` None: until it changes (a case closes,
    consent is given). `detail` names the case or the purchase."""

    client_id: int
    reason: str
    why: str
    until: dt.date | None
    detail: str = ""


Source = Callable[..., Iterable[Suppression]]


@cache
def _sources(paths: tuple[str, ...]) -> list[Source]:
    return [import_string(path) for path in paths]


def extra_sources() -> list[Source]:
    """The hook: reasons other apps add (settings.GOODWILL_SUPPRESSION_SOURCES)."""
    return _sources(tuple(settings.GOODWILL_SUPPRESSION_SOURCES))


def _scoped(qs: QuerySet, client_ids: Sequence[int] | None, field: str = "client_id") -> QuerySet:
    return qs if client_ids is None else qs.filter(**{f"{field}__in": client_ids})


def _incidents(client_ids: Sequence[int] | None) -> Iterator[Suppression]:
    open_cases = _scoped(Case.objects.filter(status__in=Case.OPEN_STATUSES), client_ids)
    flagged = set(
        _scoped(
            Entry.objects.filter(
                case__in=open_cases.values("pk"),
                kind__in=[Entry.Kind.MESSAGE_IN, Entry.Kind.CALL],
                payload__signal__kind="complaint",
            ),
            client_ids,
        ).values_list("case_id", flat=True)
    )
    by_category = open_cases.filter(
        category__in=[*COMPLAINT_CATEGORIES, *Case.ASSISTANCE_CATEGORIES]
    )
    rows = (by_category | open_cases.filter(pk__in=flagged)).values_list(
        "pk", "client_id", "reference", "category"
    )
    for pk, client_id, reference, category in rows.order_by():
        reason = INCIDENT if category in Case.ASSISTANCE_CATEGORIES else COMPLAINT
        if pk in flagged and category not in Case.ASSISTANCE_CATEGORIES:
            reason = COMPLAINT
        yield Suppression(client_id, reason, str(REASONS[reason]), None, reference)


def _purchases(at: dt.datetime, client_ids: Sequence[int] | None) -> Iterator[Suppression]:
    days = settings.GOODWILL_SUPPRESS_AFTER_PURCHASE_DAYS
    if days <= 0:
        return
    today = timezone.localdate(at)
    since = today - dt.timedelta(days=days)
    rows = _scoped(
        Product.objects.filter(purchase_date__gt=since, purchase_date__lte=today), client_ids
    ).values_list("client_id", "purchase_date", "model")
    for client_id, bought, model in rows.order_by():
        until = bought + dt.timedelta(days=days)
        yield Suppression(client_id, PURCHASE, str(REASONS[PURCHASE]), until, model)


def _low_scores(at: dt.datetime, client_ids: Sequence[int] | None) -> Iterator[Suppression]:
    """A survey answered as a detractor (goodwill.surveys: satisfaction ≤ 2, recommendation
    ≤ 6, or an angry comment) in the last GOODWILL_SUPPRESS_AFTER_LOW_SCORE_DAYS days: no sales
    message to someone who just told us we let them down, called back or not."""
    days = settings.GOODWILL_SUPPRESS_AFTER_LOW_SCORE_DAYS
    if days <= 0:
        return
    rows = _scoped(
        Survey.objects.filter(
            state=Survey.State.FINAL,
            detractor=True,
            answered_at__gt=at - dt.timedelta(days=days),
        ),
        client_ids,
    ).values_list("client_id", "answered_at", "kind", "score")
    for client_id, answered, kind, score in rows.order_by():
        until = timezone.localdate(answered + dt.timedelta(days=days))
        yield Suppression(client_id, LOW_SCORE, str(REASONS[LOW_SCORE]), until, f"{kind} {score}")


def _no_consent(client_ids: Sequence[int] | None) -> Iterator[Suppression]:
    rows = _scoped(Client.objects.filter(marketing_consent=False), client_ids, "pk")
    for client_id in rows.order_by().values_list("pk", flat=True).iterator(chunk_size=5000):
        yield Suppression(client_id, NO_CONSENT, str(REASONS[NO_CONSENT]), None)


def suppressions(
    *, at: dt.datetime | None = None, client_ids: Sequence[int] | None = None
) -> Iterator[Suppression]:
    """Every reason, for every client (or those of `client_ids`), right now."""
    at = at or timezone.now()
    yield from _incidents(client_ids)
    yield from _purchases(at, client_ids)
    yield from _low_scores(at, client_ids)
    for source in extra_sources():
        yield from source(at=at, client_ids=client_ids)
    yield from _no_consent(client_ids)


def suppressed_reason(*, client: Client, at: dt.datetime | None = None) -> str:
    """Why a touchpoint to `client` is held now ("" when it may go): an open incident or
    complaint, or a source's reason."""
    for entry in suppressions(at=at, client_ids=[client.pk]):
        if entry.reason in TOUCHPOINT_HOLDS or entry.reason not in REASONS:
            return f"{entry.why} {entry.detail}".strip()
    return ""


@dataclasses.dataclass(frozen=True)
class Row:
    """One line of the download."""

    client_ref: str
    name: str
    email: str
    reason: str
    why: str
    until: str
    detail: str


def suppression_rows(*, at: dt.datetime | None = None, batch: int = 2000) -> Iterator[Row]:
    """The list as rows, clients read by batch (with their primary e-mail in the same query)."""
    pending: list[Suppression] = []
    for entry in suppressions(at=at):
        pending.append(entry)
        if len(pending) >= batch:
            yield from _rows(pending)
            pending = []
    if pending:
        yield from _rows(pending)


def _rows(entries: list[Suppression]) -> Iterator[Row]:
    email = (
        ContactPoint.objects.filter(client=OuterRef("pk"), kind=ContactPoint.Kind.EMAIL)
        .order_by("-is_primary", "id")
        .values("value")[:1]
    )
    clients = {
        pk: (ref, first, last, address or "")
        for pk, ref, first, last, address in Client.objects.filter(
            Q(pk__in={e.client_id for e in entries})
        )
        .annotate(email=Subquery(email))
        .values_list("pk", "ref", "first_name", "last_name", "email")
    }
    for entry in entries:
        ref, first, last, address = clients.get(entry.client_id, ("", "", "", ""))
        yield Row(
            client_ref=ref,
            name=f"{first} {last}".strip(),
            email=address,
            reason=entry.reason,
            why=entry.why,
            until=entry.until.isoformat() if entry.until else "",
            detail=entry.detail,
        )


FIELDS = ("client_ref", "name", "email", "reason", "why", "until", "detail")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (=, +, -, @, tab, CR)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def suppression_csv_lines(*, at: dt.datetime | None = None) -> Iterator[str]:
    """The list as CSV lines, streamed (the staff download, the API, the command), each cell
    safe in a spreadsheet."""
    writer = csv.writer(_Echo())
    yield writer.writerow(FIELDS)
    for row in suppression_rows(at=at):
        yield writer.writerow([csv_cell(str(v)) for v in dataclasses.astuple(row)])


def suppression_document(*, at: dt.datetime | None = None) -> dict[str, object]:
    """The list as one JSON document: when it was made and every row."""
    at = at or timezone.now()
    return {
        "at": at.isoformat(),
        "suppressions": [dataclasses.asdict(row) for row in suppression_rows(at=at)],
    }
