"""Every write of recalls and service campaigns.

A campaign is created by a brand manager, filled from the brand's CSV of affected VINs or
serials (`campaign_import`, streamed and written in batches; a dry run reads the same way and
writes nothing), then launched (`campaign_launch`). Launching only marks the campaign: telling
thousands of owners is the worker's (`recalls.tasks.tell`, enqueued on commit, and the sweep
`recalls.sweeps.campaigns_due` as the safety net), one owner at a time by `campaign_tell_owner`:
their one case naming every affected vehicle, owned as any new case is (the advisor, or whoever
covers), and one e-mail in their language with a private link to book the fix at their site.

Nothing happens twice: a code is once in a campaign and an owner has one case in it (database
constraints), and each owner is claimed by the vehicles still without a case, so a re-import, a
second launch or two workers add nothing twice. A vehicle added after the launch is told by the
next sweep, on the owner's existing case when it is still open.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.appointments.models import Booking, BookingLink
from goodwill.appointments.models import Kind as AppointmentKind
from goodwill.appointments.services import booking_invite, booking_link_url
from goodwill.appointments.wording import kind_words
from goodwill.cases.models import Case
from goodwill.cases.services import case_open, owner_least_busy
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import client_notice_queue
from goodwill.channels.outbox.templates import (
    client_context,
    staff_name,
    template_language,
)
from goodwill.clients.models import Client, Identifier, Product
from goodwill.clients.normalize import code_normalized
from goodwill.clients.selectors import client_email, client_time_zone
from goodwill.clients.services import ensure_visible
from goodwill.languages import client_language, client_languages
from goodwill.organisation.models import User
from goodwill.recalls.models import Campaign, CampaignCase, CampaignVehicle
from goodwill.recalls.reading import Layout, Problem, Row, read_codes
from goodwill.timeline import services as timeline

log = logging.getLogger("goodwill.recalls")

BATCH = 1000
CODE = re.compile(r"[A-Z0-9][A-Z0-9._-]{1,31}")
# Problems listed back to whoever imports (all are counted); a file of 100,000 bad lines would
# otherwise make a page nobody reads.
PROBLEMS_SHOWN = 200


def can_run_campaigns(user: User) -> bool:
    """Campaigns are the brand's: its managers (and admins) create, fill, launch and close them.
    A dealer's staff follow their own site's vehicles."""
    return user.sees_all_clients and (
        user.is_superuser or user.role in (User.Role.MANAGER, User.Role.ADMIN)
    )


def _ensure_runs(actor: User) -> None:
    if not can_run_campaigns(actor):
        raise PermissionDenied("Only the brand's managers run campaigns.")


# --- Creating ----------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    actor: User,
    code: str,
    title: str,
    words: Mapping[str, tuple[str, str]],
    kind: str = Campaign.Kind.RECALL,
    appointment_kind: str = AppointmentKind.WORKSHOP,
    reminder_days: int = 14,
    at: dt.datetime | None = None,
) -> Campaign:
    """A draft campaign. `words` is the client's title and text per language; English is
    required, as the words every client without their own language's reads."""
    _ensure_runs(actor)
    # Kept as the brand writes it ("RC-24-07"), upper case; it is a path in /recalls/<code>/.
    code = code.strip().upper()
    errors: dict[str, str] = {}
    if not CODE.fullmatch(code):
        errors["code"] = _(
            "Give the brand's campaign code: 2 to 32 letters, digits, dots or dashes."
        )
    elif Campaign.objects.filter(code=code).exists():
        errors["code"] = _("A campaign with this code exists already.")
    if not title.strip():
        errors["title"] = _("Give the campaign a title.")
    if kind not in Campaign.Kind.values:
        errors["kind"] = _("Choose recall or service campaign.")
    if appointment_kind not in AppointmentKind.values:
        errors["appointment_kind"] = _("Choose a kind of appointment.")
    if not 1 <= reminder_days <= 365:
        errors["reminder_days"] = _("From 1 to 365 days.")
    kept: dict[str, dict[str, str]] = {}
    for language, (client_title, text) in words.items():
        language = client_language(language)
        if language not in client_languages():
            continue
        if client_title.strip() and text.strip():
            kept[language] = {"title": " ".join(client_title.split())[:200], "text": text.strip()}
        elif client_title.strip() or text.strip():
            errors[f"title_{language}"] = _("Give both the title and the text, or neither.")
    if "en" not in kept:
        errors.setdefault("title_en", _("The English title and text are required."))
    if errors:
        raise ValidationError(errors)
    return Campaign.objects.create(
        code=code,
        title=" ".join(title.split())[:200],
        kind=kind,
        words=kept,
        appointment_kind=appointment_kind,
        reminder_days=reminder_days,
        created_by=actor,
        created_at=at or timezone.now(),
    )


# --- Importing the list ------------------------------------------------------------------------


@dataclasses.dataclass
class ImportReport:
    """What an import did (or, dry, would do)."""

    dry_run: bool
    layout: Layout = dataclasses.field(default_factory=Layout)
    lines: int = 0
    added: int = 0
    matched: int = 0
    owners: int = 0
    unknown: int = 0
    several: int = 0
    already: int = 0
    duplicates: int = 0
    problems: int = 0
    shown: list[Problem] = dataclasses.field(default_factory=list)

    def keep(self, problem: Problem) -> None:
        self.problems += 1
        if len(self.shown) < PROBLEMS_SHOWN:
            self.shown.append(problem)


def campaign_import(
    *,
    actor: User,
    campaign: Campaign,
    stream: BinaryIO,
    dry_run: bool = False,
    progress: Callable[[ImportReport], None] | None = None,
    at: dt.datetime | None = None,
) -> ImportReport:
    """Add the affected vehicles of a CSV to `campaign`, each matched to the client whose
    product it is (by the search index's VINs and serials) or kept unmatched with why. Lines
    that are no code, a formula or a repeat are kept aside with their reason; a code already in
    the campaign is left as it is. Streamed and written `BATCH` lines a transaction, so a file of
    any length runs in constant memory (but the codes seen) and a failure keeps what was done
    (importing again completes it). `dry_run` reports the same and writes nothing.

    Raises UnreadableFile (reading.py) when the file as a whole cannot be read."""
    _ensure_runs(actor)
    if campaign.status == Campaign.Status.CLOSED:
        raise ValidationError({"file": _("This campaign is closed.")})
    at = at or timezone.now()
    report = ImportReport(dry_run=dry_run)
    seen: dict[str, int] = {}
    owners: set[int] = set()
    rows = read_codes(stream, layout=report.layout)
    for batch in _batches(rows, BATCH):
        fresh: list[Row] = []
        for item in batch:
            report.lines += 1
            if isinstance(item, Problem):
                report.keep(item)
            elif item.code in seen:
                report.duplicates += 1
                report.keep(
                    Problem(
                        item.line,
                        item.raw,
                        _("Listed already on line %(line)s.") % {"line": seen[item.code]},
                    )
                )
            else:
                seen[item.code] = item.line
                fresh.append(item)
        _import_batch(campaign, fresh, report, owners, at=at)
        if progress is not None:
            progress(report)
    report.owners = len(owners)
    log.info(
        "campaign %s import%s: %s lines, %s added, %s matched, %s problems",
        campaign.code,
        " (dry run)" if dry_run else "",
        report.lines,
        report.added,
        report.matched,
        report.problems,
    )
    return report


def _batches(items: Iterable[Row | Problem], size: int) -> Iterator[list[Row | Problem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _import_batch(
    campaign: Campaign,
    rows: list[Row],
    report: ImportReport,
    owners: set[int],
    *,
    at: dt.datetime,
) -> None:
    if not rows:
        return
    codes = [row.code for row in rows]
    already = set(
        CampaignVehicle.objects.filter(campaign=campaign, code__in=codes).values_list(
            "code", flat=True
        )
    )
    report.already += len(already)
    rows = [row for row in rows if row.code not in already]
    matches = _owners_of([row.code for row in rows])
    vehicles = []
    for row in rows:
        found = matches.get(row.code, [])
        vehicle = CampaignVehicle(
            campaign=campaign, code=row.code, raw=row.raw[:64], line=row.line, created_at=at
        )
        if len(found) == 1:
            product, client_id, site_id = found[0]
            vehicle.product_id, vehicle.client_id, vehicle.site_id = product, client_id, site_id
            report.matched += 1
            owners.add(client_id)
        elif found:
            vehicle.unmatched = CampaignVehicle.Unmatched.SEVERAL
            report.several += 1
        else:
            vehicle.unmatched = CampaignVehicle.Unmatched.UNKNOWN
            report.unknown += 1
        vehicles.append(vehicle)
    if report.dry_run:
        return
    with transaction.atomic():
        # Another import of the same file at once: the unique constraint keeps the first.
        CampaignVehicle.objects.bulk_create(vehicles, ignore_conflicts=True)
    report.added += len(vehicles)


def _owners_of(codes: list[str]) -> dict[str, list[tuple[int, int, int]]]:
    """code → [(product id, client id, site id)] of every client owning a product with that VIN
    or serial: the index finds the clients (one query), their products say which one (one
    more). A product sold on and kept on both clients' books is two owners: left to staff."""
    if not codes:
        return {}
    clients = defaultdict(set)
    for value, client_id in Identifier.objects.filter(
        kind__in=[Identifier.Kind.VIN, Identifier.Kind.SERIAL], value__in=codes
    ).values_list("value", "client_id"):
        clients[value].add(client_id)
    wanted = {client_id for ids in clients.values() for client_id in ids}
    products: dict[tuple[int, str], int] = {}
    sites: dict[int, int] = {}
    for pk, client_id, vin, serial, site_id in Product.objects.filter(
        client_id__in=wanted
    ).values_list("pk", "client_id", "vin", "serial", "client__site_id"):
        sites[client_id] = site_id
        for raw in (vin, serial):
            if raw:
                products.setdefault((client_id, code_normalized(raw)), pk)
    found: dict[str, list[tuple[int, int, int]]] = {}
    for code, ids in clients.items():
        owners = [
            (products[client_id, code], client_id, sites[client_id])
            for client_id in sorted(ids)
            if (client_id, code) in products
        ]
        if owners:
            found[code] = owners
    return found


# --- Launching and telling ---------------------------------------------------------------------


@transaction.atomic
def campaign_launch(*, actor: User, campaign: Campaign, at: dt.datetime | None = None) -> Campaign:
    """Launch a draft campaign: its owners are told by the worker (a task enqueued on commit;
    the sweep catches what it misses). Launching again changes nothing."""
    _ensure_runs(actor)
    at = at or timezone.now()
    launched = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.DRAFT).update(
        status=Campaign.Status.LAUNCHED, launched_at=at, launched_by=actor
    )
    if not launched:
        if campaign.status == Campaign.Status.CLOSED:
            raise ValidationError(_("This campaign is closed."))
        return campaign
    campaign.status, campaign.launched_at, campaign.launched_by = (
        Campaign.Status.LAUNCHED,
        at,
        actor,
    )
    pk = campaign.pk
    transaction.on_commit(lambda: _enqueue_tell(pk))
    return campaign


def _enqueue_tell(campaign_id: int) -> None:
    from goodwill.recalls.tasks import tell

    tell.enqueue(campaign_id)


@transaction.atomic
def campaign_close(*, actor: User, campaign: Campaign, at: dt.datetime | None = None) -> Campaign:
    """Close a campaign: nobody more is told or reminded; its cases stay with their owners."""
    _ensure_runs(actor)
    at = at or timezone.now()
    Campaign.objects.filter(pk=campaign.pk).exclude(status=Campaign.Status.CLOSED).update(
        status=Campaign.Status.CLOSED, closed_at=at
    )
    campaign.refresh_from_db()
    return campaign


def owners_to_tell(*, campaign: Campaign, limit: int) -> list[int]:
    """Clients of `campaign` with a matched vehicle and no case for it yet (the partial index
    campaign_vehicle_to_tell)."""
    return list(
        CampaignVehicle.objects.filter(campaign=campaign, client__isnull=False, case__isnull=True)
        .order_by("client_id")
        .values_list("client_id", flat=True)
        .distinct()[:limit]
    )


def campaign_tell_due(*, campaign: Campaign, at: dt.datetime, limit: int = 10_000) -> int:
    """Tell up to `limit` owners still waiting, each in their own transaction (a worker dying
    midway leaves the others for the next run). Returns how many were told."""
    told = 0
    while told < limit and campaign.status == Campaign.Status.LAUNCHED:
        owners = owners_to_tell(campaign=campaign, limit=min(BATCH, limit - told))
        if not owners:
            break
        for client_id in owners:
            try:
                told += campaign_tell_owner(campaign=campaign, client_id=client_id, at=at)
            except ValidationError as error:
                # No one can own the case (no advisor, nobody at the site): left for staff, the
                # vehicle stays "matched, not told" on the campaign page.
                log.warning("campaign %s: client %s not told: %s", campaign.code, client_id, error)
                _set_aside(campaign, client_id)
        campaign.refresh_from_db(fields=["status"])
    return told


def _set_aside(campaign: Campaign, client_id: int) -> None:
    # Without this the sweep would retry the same owner for ever; nothing else marks these.
    CampaignVehicle.objects.filter(
        campaign=campaign, client_id=client_id, case__isnull=True
    ).update(client=None, product=None, site=None, unmatched=CampaignVehicle.Unmatched.UNOWNED)


def _vehicle_lines(vehicles: Iterable[CampaignVehicle]) -> str:
    lines = []
    for vehicle in vehicles:
        product = vehicle.product
        name = f"{product.brand} {product.model}" if product is not None else ""
        lines.append(f"- {name} {vehicle.code}".replace("-  ", "- "))
    return "\n".join(lines)


def _words(campaign: Campaign, client: Client, template: str) -> tuple[str, dict[str, str]]:
    """The language of the message and the campaign's words in it: the client's when the brand
    has both the template and the campaign's words in it, else wholly English (never half and
    half)."""
    language = template_language(name=template, language=client.language)
    if language not in campaign.words:
        language = "en"
    return language, campaign.words.get(language) or campaign.words.get("en") or {}


@transaction.atomic
def campaign_tell_owner(*, campaign: Campaign, client_id: int, at: dt.datetime) -> int:
    """Tell one owner of the campaign's vehicles still without a case: open their one case
    (category service booking, owned as any new case is) or, when they have one already and it
    is open, add these vehicles to it; then one e-mail in their language with a private link to
    book the fix at their site. Returns 1 when told, 0 when there was nothing to do."""
    vehicles = list(
        # Only the vehicles' rows: PostgreSQL locks no nullable side of an outer join.
        CampaignVehicle.objects.select_for_update(of=("self",))
        .filter(campaign=campaign, client_id=client_id, case__isnull=True)
        .select_related("product")
        .order_by("line", "id")
    )
    if not vehicles:
        return 0
    client = Client.objects.select_related("site", "advisor").get(pk=client_id)
    existing = (
        CampaignCase.objects.filter(campaign=campaign, client=client).select_related("case").first()
    )
    case = existing.case if existing is not None else None
    if case is None or case.status not in Case.OPEN_STATUSES:
        case = _open_case(campaign, client, vehicles, at=at, reopen=existing is not None)
    codes = [vehicle.code for vehicle in vehicles]
    timeline.record_recall(
        case=case,
        campaign=campaign.code,
        event="affected",
        vehicles=codes,
        summary=_("%(code)s: %(title)s — %(vehicles)s")
        % {"code": campaign.code, "title": campaign.title, "vehicles": ", ".join(codes)},
        actor=None,
        at=at,
    )
    message = _send(campaign, client, case, vehicles, template="recall_notice", at=at)
    CampaignVehicle.objects.filter(pk__in=[vehicle.pk for vehicle in vehicles]).update(
        case=case, told_at=at if message is not None else None
    )
    return 1


def _open_case(
    campaign: Campaign,
    client: Client,
    vehicles: list[CampaignVehicle],
    *,
    at: dt.datetime,
    reopen: bool,
) -> Case:
    owner = None
    if client.advisor is None or not client.advisor.is_active:
        owner = owner_least_busy(site=client.site)
    products = {vehicle.product_id for vehicle in vehicles}
    case = case_open(
        actor=None,
        client=client,
        summary=f"{campaign.code}: {campaign.title}"[:300],
        category=Case.Category.SERVICE_BOOKING,
        channel=Case.Channel.EMAIL,
        # One vehicle: the case is about it; several: the timeline entry names each.
        product=vehicles[0].product if len(products) == 1 else None,
        owner=owner,
        opened_at=at,
    )
    if reopen:
        # The owner's earlier case of this campaign is closed: this one takes its place.
        CampaignCase.objects.filter(campaign=campaign, client=client).update(case=case)
    else:
        CampaignCase.objects.create(campaign=campaign, client=client, case=case, created_at=at)
    return case


def _send(
    campaign: Campaign,
    client: Client,
    case: Case,
    vehicles: list[CampaignVehicle],
    *,
    template: str,
    at: dt.datetime,
) -> OutboundMessage | None:
    """The notice or reminder with a fresh booking link (booking_invite, worded here); None when
    the client has no e-mail address (their case's owner calls them, and sends the link from the
    case page if they wish)."""
    email = client_email(client=client)
    if email is None:
        return None
    link: BookingLink = booking_invite(
        actor=case.owner,
        client=client,
        site=client.site,
        kind=campaign.appointment_kind,
        case=case,
        at=at,
        send=False,
    )
    language, words = _words(campaign, client, template)
    with translation.override(language), timezone.override(client_time_zone(client=client)):
        expires = formats.date_format(timezone.localtime(link.expires_at), "DATE_FORMAT")
    context = client_context(
        client=client,
        language=language,
        campaign_title=words.get("title", campaign.title),
        campaign_text=words.get("text", ""),
        vehicles=_vehicle_lines(vehicles),
        appointment=kind_words(kind=campaign.appointment_kind, language=language),
        site=client.site.name,
        link=booking_link_url(link=link),
        expires=expires,
    )
    # Signed by the case's owner, who answers if the client replies.
    context.update(reference=case.reference, advisor=staff_name(case.owner))
    first = min(vehicle.pk for vehicle in vehicles)
    return client_notice_queue(
        name=template,
        language=language,
        context=context,
        key=f"{template}:{campaign.pk}:{client.pk}:{first}",
        # Its own reason, counted apart from booking links: not held to the limits on automatic
        # mail (a safety recall must not wait behind a status e-mail), nor by the suppression
        # list (journeys.suppression holds marketing; a recall is safety service).
        reason=OutboundMessage.Reason.RECALL_NOTICE,
        client=client,
        to_address=email,
        case=case,
        at=at,
    )


# --- Following: booked, reminded, fixed --------------------------------------------------------


def bookings_found(*, campaign: Campaign) -> int:
    """Record the booking of each told vehicle whose owner booked the campaign's kind of
    appointment on its case (through the link, or staff for them). Appointments announces no
    event: the sweep finds them, and the selectors count them live meanwhile."""
    bookings = Booking.objects.filter(
        case_id=OuterRef("case_id"),
        status=Booking.Status.BOOKED,
        slot__kind=campaign.appointment_kind,
    )
    found = 0
    for vehicle_id, case_id in (
        CampaignVehicle.objects.filter(campaign=campaign, case__isnull=False, fixed_at__isnull=True)
        # Not recorded yet, or recorded and cancelled since (then the new one is recorded).
        .filter(Q(booking__isnull=True) | Q(booking__status=Booking.Status.CANCELLED))
        .filter(Exists(bookings))
        .values_list("pk", "case_id")[:BATCH]
    ):
        booking_id = (
            Booking.objects.filter(
                case_id=case_id,
                status=Booking.Status.BOOKED,
                slot__kind=campaign.appointment_kind,
            )
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
            .first()
        )
        found += CampaignVehicle.objects.filter(pk=vehicle_id).update(booking_id=booking_id)
    return found


@transaction.atomic
def campaign_remind_owner(
    *, campaign: Campaign, client_id: int, vehicle_ids: list[int], at: dt.datetime
) -> int:
    """One reminder to an owner for their told vehicles neither booked nor fixed, each reminded
    once: claimed by `reminded_at` in this transaction. Returns how many vehicles it named."""
    claimed = CampaignVehicle.objects.filter(
        pk__in=vehicle_ids,
        reminded_at__isnull=True,
        booking__isnull=True,
        fixed_at__isnull=True,
    )
    vehicles = list(claimed.select_related("product", "case", "case__owner").order_by("line"))
    if not vehicles or not claimed.update(reminded_at=at):
        return 0
    case = vehicles[0].case
    assert case is not None
    client = Client.objects.select_related("site", "advisor").get(pk=client_id)
    codes = [vehicle.code for vehicle in vehicles]
    timeline.record_recall(
        case=case,
        campaign=campaign.code,
        event="reminded",
        vehicles=codes,
        summary=_("%(code)s: reminded to book — %(vehicles)s")
        % {"code": campaign.code, "vehicles": ", ".join(codes)},
        actor=None,
        at=at,
    )
    _send(campaign, client, case, vehicles, template="recall_reminder", at=at)
    return len(vehicles)


def vehicle_fixed(
    *, actor: User | None, vehicle: CampaignVehicle, at: dt.datetime | None = None
) -> bool:
    """Mark one vehicle fixed (staff who may see its owner, or the system when its case closes);
    marking it again changes nothing. Recorded on the owner's case."""
    if vehicle.client is None or vehicle.case is None:
        raise ValidationError(_("Only a vehicle whose owner was told can be marked fixed."))
    ensure_visible(actor=actor, client=vehicle.client)
    at = at or timezone.now()
    with transaction.atomic():
        done = CampaignVehicle.objects.filter(pk=vehicle.pk, fixed_at__isnull=True).update(
            fixed_at=at, fixed_by=actor
        )
        if not done:
            return False
        timeline.record_recall(
            case=vehicle.case,
            campaign=vehicle.campaign.code,
            event="fixed",
            vehicles=[vehicle.code],
            summary=_("%(code)s: fixed — %(vehicle)s")
            % {"code": vehicle.campaign.code, "vehicle": vehicle.code},
            actor=actor,
            at=at,
        )
    vehicle.fixed_at, vehicle.fixed_by = at, actor
    return True


def case_closed_fixes(*, case: Case, actor: User | None, at: dt.datetime) -> int:
    """A campaign's case closed as fixed fixes its vehicles (an outcome saying it was not fixed
    leaves them to staff). Returns how many were marked."""
    vehicles = list(
        CampaignVehicle.objects.filter(case=case, fixed_at__isnull=True).select_related(
            "campaign", "client", "case"
        )
    )
    if not vehicles:
        return 0
    outcome = case.outcomes.order_by("-id").first()
    if outcome is not None and not outcome.fixed:
        return 0
    return sum(vehicle_fixed(actor=actor, vehicle=vehicle, at=at) for vehicle in vehicles)
