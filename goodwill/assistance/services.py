"""Writes to assistance: the partner directory and the service policy (managers), partner tasks
requested on a case (staff), approved below the policy (managers), and moved on by the partner
through their private link.

A task's every step is on the client's timeline; the client is told each change and ETA in
their language through the outbox (`partner_update` template), and the owner is alerted at once
when a partner refuses or fails (the clock alerts them when one is late: assistance.sweeps)."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.assistance import rules
from goodwill.assistance.models import (
    ApproverRole,
    ExpenseClaim,
    GoodwillPolicy,
    Partner,
    PartnerKind,
    PartnerTask,
    ServicePolicy,
)
from goodwill.assistance.selectors import (
    approved_total,
    case_policy,
    goodwill_policy_for,
    is_manager,
    may_decide,
    token_hash,
)
from goodwill.cases.models import Case
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.templates import case_context, render_message, template_language
from goodwill.clients.models import Tier
from goodwill.clients.selectors import client_email, client_time_zone
from goodwill.clients.services import ensure_visible
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import managers_for
from goodwill.text import one_line
from goodwill.timeline import services as timeline
from goodwill.timeline.models import Entry

# A partner's link works this long after it was sent: long enough for a hotel stay, short
# enough that an old e-mail opens nothing.
TOKEN_LIFETIME = dt.timedelta(days=7)
# An ETA further out than this is a typing slip.
LONGEST_ETA = dt.timedelta(days=3)
# Each update through a link writes to the client: past this many an hour on one task (a stuck
# button, a script), the link refuses more and says to call the case's owner.
LINK_UPDATES_PER_HOUR = 8


def ensure_manager(*, actor: User) -> None:
    if not is_manager(actor):
        raise PermissionDenied("Only managers keep the partner directory and the policy.")


# --- The directory ----------------------------------------------------------------------------


@transaction.atomic
def partner_save(
    *,
    actor: User,
    partner: Partner | None = None,
    name: str,
    kind: str,
    site: Site | None = None,
    region: str = "",
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    languages: list[str] | None = None,
    hours: str = "",
    classes: list[str] | None = None,
    accept_minutes: int = 30,
    arrive_minutes: int = 90,
    active: bool = True,
) -> Partner:
    """Add a partner to the directory, or change one. Managers only; a dealer's manager keeps
    only their own site's partners (brand-wide ones are the care centre's)."""
    ensure_manager(actor=actor)
    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name:
        errors["name"] = [_("Give the partner's name.")]
    if kind not in PartnerKind.values:
        errors["kind"] = [_("Unknown kind of partner.")]
    if not actor.sees_all_clients and (site is None or not actor.sees_site(site.pk)):
        errors["site"] = [_("You keep only your own site's partners.")]
    offered = [code.strip() for code in classes or [] if code.strip()]
    unknown = [code for code in offered if code not in rules.class_codes(kind)]
    if unknown:
        errors["classes"] = [
            _("Not a class of this kind of service: %(codes)s") % {"codes": ", ".join(unknown)}
        ]
    if accept_minutes <= 0 or arrive_minutes <= 0:
        errors["accept_minutes"] = [_("Agreed times are at least a minute.")]
    if errors:
        raise ValidationError(errors)
    partner = partner or Partner()
    partner.name, partner.kind, partner.site, partner.region = name, kind, site, region.strip()
    partner.contact_name, partner.email, partner.phone = contact_name.strip(), email, phone
    partner.languages = [code for code in languages or [] if code] or ["en"]
    partner.hours, partner.classes, partner.active = hours.strip(), offered, active
    partner.accept_minutes, partner.arrive_minutes = accept_minutes, arrive_minutes
    partner.save()
    return partner


@transaction.atomic
def service_policy_set(
    *,
    actor: User,
    tier: str,
    min_value: Decimal,
    car_class: str,
    hotel_class: str,
    transport_class: str,
    nights: int,
) -> ServicePolicy:
    """Set the policy row for a tier from a product value (replacing that row). It applies to
    every site, so only brand-wide managers set it."""
    ensure_manager(actor=actor)
    if not actor.sees_all_clients:
        raise PermissionDenied("The policy is the brand's: care-centre managers set it.")
    errors: dict[str, list[str]] = {}
    if tier not in Tier.values:
        errors["tier"] = [_("Unknown tier.")]
    if min_value < 0:
        errors["min_value"] = [_("A value is zero or more.")]
    for field, kind, code in (
        ("car_class", "rental", car_class),
        ("hotel_class", "hotel", hotel_class),
        ("transport_class", "taxi", transport_class),
    ):
        if code not in rules.class_codes(kind):
            errors[field] = [_("Unknown class.")]
    if not 0 <= nights <= 14:
        errors["nights"] = [_("Between 0 and 14 nights.")]
    if errors:
        raise ValidationError(errors)
    policy, _created = ServicePolicy.objects.update_or_create(
        tier=tier,
        min_value=min_value,
        defaults={
            "car_class": car_class,
            "hotel_class": hotel_class,
            "transport_class": transport_class,
            "nights": nights,
        },
    )
    return policy


def policy_class(*, policy: ServicePolicy | None, kind: str) -> str:
    """What the policy gives for a task of `kind` ("" for a kind without classes)."""
    if policy is None:
        return ""
    return {
        "rental": policy.car_class,
        "hotel": policy.hotel_class,
        "taxi": policy.transport_class,
    }.get(kind, "")


def policy_nights(*, policy: ServicePolicy | None, kind: str) -> int | None:
    return policy.nights if policy is not None and kind == "hotel" else None


# --- Tasks ------------------------------------------------------------------------------------


@transaction.atomic
def partner_task_request(
    *,
    actor: User,
    case: Case,
    partner: Partner,
    title: str,
    details: str = "",
    service_class: str = "",
    nights: int | None = None,
    due_at: dt.datetime | None = None,
    at: dt.datetime | None = None,
) -> PartnerTask:
    """Ask a partner to do their part of a case. The case stays with its owner, who follows the
    task. The class of service follows the brand's policy for the client's tier and product
    value (no class or nights given: the policy's): below it, the task waits for a manager's
    approval (managers are told), unless the one asking is a manager, whose choice is the
    approval. A task the partner may act on is sent
    to them with its private link (`task.issued_token`, the only copy of the raw token)."""
    ensure_visible(actor=actor, client=case.client)
    at = at or timezone.now()
    errors: dict[str, list[str]] = {}
    title = title.strip()
    kind = partner.kind
    if not title:
        errors["title"] = [_("Say what the partner is to do.")]
    if case.status not in Case.OPEN_STATUSES:
        errors["case"] = [_("The case is closed: reopen it first.")]
    if not partner.active or (partner.site_id is not None and partner.site_id != case.site_id):
        errors["partner"] = [_("This partner does not serve this case's site.")]
    codes = rules.class_codes(kind)
    policy = case_policy(case=case)
    wanted_class = policy_class(policy=policy, kind=kind)
    wanted_nights = policy_nights(policy=policy, kind=kind)
    # Nothing chosen: what the policy proposes.
    service_class = service_class or wanted_class
    if nights is None:
        nights = wanted_nights
    if service_class and service_class not in codes:
        errors["service_class"] = [_("Not a class of this kind of service.")]
    if codes and not service_class:
        errors["service_class"] = [_("Choose the class of service: no policy applies.")]
    if due_at is not None and due_at <= at:
        errors["due_at"] = [_("The task falls due in the future.")]
    if nights is not None and not 0 < nights <= 30:
        errors["nights"] = [_("Between 1 and 30 nights.")]
    if errors:
        raise ValidationError(errors)
    below = rules.is_below_policy(
        kind=kind,
        chosen_class=service_class,
        policy_class=wanted_class,
        chosen_nights=nights,
        policy_nights=wanted_nights,
    )
    approved = below and is_manager(actor)
    task = PartnerTask.objects.create(
        case=case,
        partner=partner,
        kind=kind,
        title=title,
        details=details.strip(),
        service_class=service_class,
        policy_class=wanted_class,
        nights=nights,
        policy_nights=wanted_nights,
        status=PartnerTask.Status.APPROVAL
        if below and not approved
        else PartnerTask.Status.REQUESTED,
        requested_by=actor,
        requested_at=at,
        accept_by=at + dt.timedelta(minutes=partner.accept_minutes),
        due_at=due_at or at + dt.timedelta(minutes=partner.arrive_minutes),
        updated_at=at,
        below_policy=below,
        approved_by=actor if approved else None,
        approved_at=at if approved else None,
    )
    extra: dict[str, Any] = {}
    if below:
        extra = {
            "policy_class": wanted_class,
            "policy_nights": wanted_nights,
            "nights": nights,
            "approved_by": actor.pk if approved else None,
        }
    timeline.record_partner_task(task=task, actor=actor, at=at, extra=extra)
    if task.status == PartnerTask.Status.APPROVAL:
        _ask_approval(task, at)
    else:
        _send_to_partner(task, at)
    return task


@transaction.atomic
def partner_task_approve(
    *, actor: User, task: PartnerTask, at: dt.datetime | None = None
) -> PartnerTask:
    """A manager approves a task chosen below the policy: it is recorded (who, when, on the
    timeline) and sent to the partner, its agreed time to accept counted from now."""
    ensure_manager(actor=actor)
    ensure_visible(actor=actor, client=task.case.client)
    at = at or timezone.now()
    changed = PartnerTask.objects.filter(pk=task.pk, status=PartnerTask.Status.APPROVAL).update(
        status=PartnerTask.Status.REQUESTED,
        approved_by=actor,
        approved_at=at,
        accept_by=at + dt.timedelta(minutes=task.partner.accept_minutes),
        updated_at=at,
    )
    if not changed:
        raise ValidationError({"task": [_("This task is not waiting for an approval.")]})
    task.refresh_from_db()
    timeline.record_partner_task(
        task=task,
        actor=actor,
        at=at,
        extra={"approved_by": actor.pk, "policy_class": task.policy_class},
    )
    _send_to_partner(task, at)
    return task


@transaction.atomic
def partner_task_link_renew(
    *, actor: User, task: PartnerTask, at: dt.datetime | None = None
) -> PartnerTask:
    """Send the partner a fresh link (the old one stops working): a lost or expired e-mail."""
    ensure_visible(actor=actor, client=task.case.client)
    if not task.is_open or task.status == PartnerTask.Status.APPROVAL:
        raise ValidationError({"task": [_("This task is not with the partner.")]})
    _send_to_partner(task, at or timezone.now())
    return task


@transaction.atomic
def partner_task_update(
    *,
    task: PartnerTask,
    status: str,
    eta: dt.datetime | None = None,
    note: str = "",
    actor: User | None = None,
    at: dt.datetime | None = None,
) -> PartnerTask:
    """Move a task on: the partner through their link (no actor) or staff on their word.
    requested → accepted or refused; accepted → on the way (with an ETA), done or failed; on
    the way → a new ETA, done or failed. The client is told each step and ETA in their language;
    a refusal or failure alerts the owner at once."""
    if actor is not None:
        ensure_visible(actor=actor, client=task.case.client)
    at = at or timezone.now()
    old = task.status
    errors: dict[str, list[str]] = {}
    if status not in PartnerTask.NEXT.get(old, ()):
        errors["status"] = [
            _("This task cannot go from %(old)s to %(new)s.")
            % {"old": _status_label(old), "new": _status_label(status)}
        ]
    if status == PartnerTask.Status.ON_THE_WAY:
        if eta is None:
            errors["eta"] = [_("Give the time you expect to be there.")]
        elif eta <= at or eta - at > LONGEST_ETA:
            errors["eta"] = [_("Give a time in the next three days.")]
    if len(note) > 500:
        errors["note"] = [_("Keep the note under 500 characters.")]
    if actor is None and _link_updates(task, at) >= LINK_UPDATES_PER_HOUR:
        errors["status"] = [
            _("Too many updates on this task in the last hour: please call %(owner)s.")
            % {"owner": task.case.owner.get_full_name() or task.case.owner}
        ]
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {"status": status, "updated_at": at}
    if note.strip():
        values["partner_note"] = note.strip()
    if status == PartnerTask.Status.ON_THE_WAY:
        # A new ETA is a new promise: the sweep may alert once more if it passes too.
        values.update(eta=eta, eta_alerted=False)
    # Conditional: a double click, or the partner and staff at once, move it only once.
    if not PartnerTask.objects.filter(pk=task.pk, status=old).update(**values):
        raise ValidationError({"status": [_("This task was changed meanwhile: reload the page.")]})
    for field, value in values.items():
        setattr(task, field, value)
    entry = timeline.record_partner_update(task=task, actor=actor, old=old, at=at)
    _tell_client(task, key=f"partner:{task.pk}:{entry.pk}", at=at)
    if status in (PartnerTask.Status.REFUSED, PartnerTask.Status.FAILED):
        _alert_owner(task, at)
    return task


# A partner's e-mail reply moves its task on when its first line starts with one of these words
# (the task's e-mail says so); anything else reaches the owner to read.
REPLY_WORDS: dict[str, str] = {
    word: status
    for status, words in {
        "accepted": ("accept", "accepted", "ok", "annehmen", "angenommen", "accepte", "accetto"),
        "refused": ("refuse", "refused", "ablehnen", "abgelehnt", "refusé", "rifiuto"),
        "done": ("done", "erledigt", "fait", "terminé", "fatto"),
        "failed": ("failed", "gescheitert", "échec", "fallito"),
    }.items()
    for word in words
}
_ETA_REPLY = re.compile(r"^\s*eta\W*(\d{1,4})\b", re.IGNORECASE)


def reply_command(text: str, *, at: dt.datetime) -> tuple[str, dt.datetime | None] | None:
    """(status, eta) a partner's reply asks for on its first line ("ACCEPT", "ETA 45" in
    minutes, "DONE"…), else None."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    eta = _ETA_REPLY.match(first)
    if eta:
        return PartnerTask.Status.ON_THE_WAY, at + dt.timedelta(minutes=int(eta.group(1)))
    word = re.match(r"^\s*([^\W\d_]+)", first)
    status = REPLY_WORDS.get(word.group(1).casefold()) if word else None
    return (status, None) if status else None


@transaction.atomic
def partner_task_reply(
    *, task: PartnerTask, text: str, entry_id: int, at: dt.datetime | None = None
) -> bool:
    """A partner answered the task's e-mail (the intake recorded it on the case as entry
    `entry_id`). Its first line moves the task on as the link would; a reply it cannot act on
    (no command, a step out of order) is for the owner to read. Returns whether it moved."""
    at = at or timezone.now()
    command = reply_command(text, at=at)
    if command is not None and task.status in PartnerTask.NEXT:
        status, eta = command
        try:
            partner_task_update(task=task, status=status, eta=eta, at=at)
        except ValidationError:
            pass
        else:
            return True
    owner = task.case.owner
    with translation.override(owner.language):
        title = _("%(partner)s replied about %(title)s (%(reference)s)") % {
            "partner": task.partner.name,
            "title": task.title,
            "reference": task.case.reference,
        }
    notify(
        recipient=owner,
        kind=Notification.Kind.MESSAGE_IN,
        title=title,
        body=text.strip()[:2000],
        case=task.case,
        at=at,
        key=f"partner_reply:{entry_id}",
    )
    return False


def _status_label(code: str) -> str:
    return str(PartnerTask.Status(code).label) if code in PartnerTask.Status.values else code


def _link_updates(task: PartnerTask, at: dt.datetime) -> int:
    return Entry.objects.filter(
        case_id=task.case_id,
        kind=Entry.Kind.PARTNER_UPDATE,
        actor__isnull=True,
        at__gt=at - dt.timedelta(hours=1),
        payload__task_id=task.pk,
    ).count()


def _ask_approval(task: PartnerTask, at: dt.datetime) -> None:
    case = task.case
    for manager in managers_for(site=case.site):
        with translation.override(manager.language):
            title = _("Approve %(title)s below the policy for %(client)s (%(reference)s)") % {
                "title": task.title,
                "client": case.client.name,
                "reference": case.reference,
            }
            body = _("Asked by %(who)s: class %(chosen)s where the policy gives %(policy)s.") % {
                "who": task.requested_by,
                "chosen": task.service_class or "-",
                "policy": task.policy_class or "-",
            }
        notify(
            recipient=manager,
            kind=Notification.Kind.APPROVAL_NEEDED,
            title=title,
            body=body,
            case=case,
            at=at,
            key=f"partner_approval:{task.pk}:{manager.pk}",
        )


def _send_to_partner(task: PartnerTask, at: dt.datetime) -> None:
    """Issue the task's private link (only its hash is kept) and e-mail it to the partner, in
    their language. Without an address, the owner reads the link on the case page once, to give
    it by phone."""
    token = secrets.token_urlsafe(32)
    PartnerTask.objects.filter(pk=task.pk).update(
        token_hash=token_hash(token), token_expires_at=at + TOKEN_LIFETIME
    )
    task.token_hash, task.token_expires_at = token_hash(token), at + TOKEN_LIFETIME
    task.issued_token = token
    partner, case = task.partner, task.case
    if not partner.email:
        return
    url = settings.GOODWILL_PUBLIC_URL + reverse("partner-link", args=[token])
    product = case.product
    with translation.override(partner.language):
        accept_by = formats.date_format(timezone.localtime(task.accept_by), "SHORT_DATETIME_FORMAT")
        lines = [
            _("%(brand)s asks you: %(title)s")
            % {"brand": settings.GOODWILL_BRAND_NAME, "title": task.title},
            "",
            _("For: %(client)s") % {"client": case.client.name},
        ]
        if product is not None:
            lines.append(
                _("Vehicle or product: %(product)s %(plate)s")
                % {"product": f"{product.brand} {product.model}", "plate": product.plate}
            )
        if task.service_class:
            lines.append(_("Class: %(code)s") % {"code": task.service_class})
        if task.nights:
            lines.append(_("Nights: %(nights)s") % {"nights": task.nights})
        if task.details:
            lines += ["", task.details]
        lines += [
            "",
            _("Please accept or refuse by %(time)s, then give your ETA, on this page:")
            % {"time": accept_by},
            url,
            "",
            _("The link is for this task only and works for 7 days."),
            _(
                "Or reply to this e-mail, its first line one of: ACCEPT, REFUSE, ETA 45 (minutes "
                "from now), DONE, FAILED."
            ),
        ]
        subject = _("Task %(reference)s: %(title)s") % {
            "reference": case.reference,
            "title": task.title,
        }
    outbound_queue(
        key=f"partner_task:{task.pk}:{task.token_hash}",
        purpose=OutboundMessage.Purpose.PARTNER,
        reason=OutboundMessage.Reason.PARTNER_TASK,
        to_address=partner.email,
        to_name=partner.name,
        subject=subject,
        body_text="\n".join(lines) + "\n",
        language=partner.language,
        case=case,
        at=at,
    )


def _client_language(case: Case, *, template: str) -> str:
    """The language `template` goes to this client in: theirs, or wholly English (recorded) when
    the brand has no such template in it, as for every automatic message."""
    return template_language(name=template, language=case.language or case.client.language)


def _tell_client(task: PartnerTask, *, key: str, at: dt.datetime) -> None:
    """The client hears each step and ETA in their language, times in their time zone."""
    case = task.case
    email = client_email(client=case.client)
    if email is None:
        return
    language = _client_language(case, template="partner_update")
    eta = ""
    if task.status == PartnerTask.Status.ON_THE_WAY and task.eta is not None:
        with translation.override(language):
            eta = formats.date_format(timezone.localtime(task.eta, timezone=_zone(case)), "H:i")
    done = "yes" if task.status == PartnerTask.Status.DONE else ""
    refused = (
        "yes" if task.status in (PartnerTask.Status.REFUSED, PartnerTask.Status.FAILED) else ""
    )
    subject, body = render_message(
        name="partner_update",
        language=language,
        context=case_context(
            case=case,
            language=language,
            task=task.title,
            partner=task.partner.name,
            eta=eta,
            done=done,
            refused=refused,
        ),
    )
    outbound_queue(
        key=key,
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=OutboundMessage.Reason.PARTNER_UPDATE,
        to_address=email,
        to_name=case.client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=case.client,
        case=case,
        at=at,
    )


def _zone(case: Case) -> ZoneInfo:
    return ZoneInfo(client_time_zone(client=case.client))


def _alert_owner(task: PartnerTask, at: dt.datetime) -> None:
    owner = task.case.owner
    with translation.override(owner.language):
        title = _("%(partner)s %(status)s: %(title)s (%(reference)s)") % {
            "partner": task.partner.name,
            "status": task.get_status_display().lower(),
            "title": task.title,
            "reference": task.case.reference,
        }
        body = task.partner_note or _("Find another partner now: the client has been told.")
    notify(
        recipient=owner,
        kind=Notification.Kind.PARTNER_REFUSED,
        title=title,
        body=body,
        case=task.case,
        at=at,
        key=f"partner_refused:{task.pk}:{task.status}",
    )


# --- Goodwill by policy: expense claims --------------------------------------------------------

# An approver's clock: a claim above the policy is decided within a day (a stranded client
# paid it out of their pocket), then the sweep alerts once (sweeps.expense_claims_due).
APPROVAL_WITHIN = dt.timedelta(hours=24)


@transaction.atomic
def goodwill_policy_set(
    *,
    actor: User,
    tier: str,
    category: str = "",
    currency: str = "EUR",
    reimburse_limit: Decimal,
    service_credit: Decimal = Decimal(0),
    extra_rental_days: int = 0,
    advisor_limit: Decimal = Decimal(0),
    manager_limit: Decimal = Decimal(0),
    brand_limit: Decimal = Decimal(0),
) -> GoodwillPolicy:
    """Set what the brand gives a tier for a category of case without being asked, and each
    role's approval limit above it. Brand-wide managers only: it is the brand's promise."""
    ensure_manager(actor=actor)
    if not actor.sees_all_clients:
        raise PermissionDenied("The goodwill policy is the brand's: its managers set it.")
    errors: dict[str, list[str]] = {}
    if tier not in Tier.values:
        errors["tier"] = [_("Unknown tier.")]
    if category and category not in Case.Category.values:
        errors["category"] = [_("Unknown category.")]
    currency = currency.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        errors["currency"] = [_("A three-letter currency code: EUR, GBP, CHF.")]
    amounts = [reimburse_limit, service_credit, advisor_limit, manager_limit, brand_limit]
    if any(amount < 0 for amount in amounts):
        errors["reimburse_limit"] = [_("Amounts are zero or more.")]
    if not advisor_limit <= manager_limit <= brand_limit:
        errors["manager_limit"] = [
            _("Each role approves at least what the one below may: advisor ≤ manager ≤ brand.")
        ]
    if not 0 <= extra_rental_days <= 30:
        errors["extra_rental_days"] = [_("Between 0 and 30 days.")]
    if errors:
        raise ValidationError(errors)
    policy, _created = GoodwillPolicy.objects.update_or_create(
        tier=tier,
        category=category,
        defaults={
            "currency": currency,
            "reimburse_limit": reimburse_limit,
            "service_credit": service_credit,
            "extra_rental_days": extra_rental_days,
            "advisor_limit": advisor_limit,
            "manager_limit": manager_limit,
            "brand_limit": brand_limit,
        },
    )
    return policy


def _approver_role(
    *, policy: GoodwillPolicy | None, amount: Decimal, currency: str
) -> ApproverRole:
    """The first role whose limit covers the claim. Without a policy, in another currency than
    the policy's, or above every limit, it is the brand's to decide."""
    if policy is None or currency != policy.currency:
        return ApproverRole.BRAND
    for role in ApproverRole:
        if amount <= policy.limit_of(role):
            return role
    return ApproverRole.BRAND


@transaction.atomic
def expense_claim_add(
    *,
    actor: User,
    case: Case,
    what: str,
    amount: Decimal,
    currency: str,
    description: str = "",
    receipt_attachment_id: int | None = None,
    receipt_name: str = "",
    at: dt.datetime | None = None,
) -> ExpenseClaim:
    """A cost the client asks back becomes a line on the case. Within the goodwill policy for
    the client's tier and the case's category (what was approved on the case so far plus this,
    in the policy's currency) it is approved at once, recorded as within policy, and the client
    is told in their language. Above it, it waits for the first role whose limit covers it, who
    is told, with a clock (APPROVAL_WITHIN)."""
    ensure_visible(actor=actor, client=case.client)
    at = at or timezone.now()
    currency = currency.strip().upper()
    errors: dict[str, list[str]] = {}
    if what not in ExpenseClaim.What.values:
        errors["what"] = [_("Unknown kind of cost.")]
    if amount <= 0:
        errors["amount"] = [_("The amount is more than zero.")]
    if not re.fullmatch(r"[A-Z]{3}", currency):
        errors["currency"] = [_("A three-letter currency code: EUR, GBP, CHF.")]
    if errors:
        raise ValidationError(errors)
    amount = amount.quantize(Decimal("0.01"))
    policy = goodwill_policy_for(tier=case.client.tier, category=case.category)
    within = (
        policy is not None
        and currency == policy.currency
        and approved_total(case=case, currency=currency) + amount <= policy.reimburse_limit
    )
    role = None if within else _approver_role(policy=policy, amount=amount, currency=currency)
    claim = ExpenseClaim.objects.create(
        case=case,
        what=what,
        description=description.strip()[:200],
        amount=amount,
        currency=currency,
        receipt_attachment_id=receipt_attachment_id,
        receipt_name=one_line(receipt_name)[:255],
        status=ExpenseClaim.Status.APPROVED if within else ExpenseClaim.Status.PENDING,
        within_policy=within,
        approver_role=role or "",
        claimed_by=actor,
        claimed_at=at,
        due_at=None if within else at + APPROVAL_WITHIN,
        decided_at=at if within else None,
    )
    timeline.record_expense_claim(claim=claim, actor=actor, at=at)
    if within:
        _tell_claim_decision(claim, at)
    else:
        _ask_claim_approval(claim, at)
    return claim


def _decide(*, actor: User, claim: ExpenseClaim) -> None:
    ensure_visible(actor=actor, client=claim.case.client)
    if claim.status != ExpenseClaim.Status.PENDING:
        raise ValidationError({"claim": [_("This claim is already decided.")]})
    if not may_decide(user=actor, claim=claim):
        raise PermissionDenied("This claim is above your approval limit.")


@transaction.atomic
def expense_claim_approve(
    *, actor: User, claim: ExpenseClaim, at: dt.datetime | None = None
) -> ExpenseClaim:
    """The approver (the claim's role or one above it) approves: recorded who and when, and the
    client is told in their language."""
    _decide(actor=actor, claim=claim)
    at = at or timezone.now()
    return _close_claim(actor=actor, claim=claim, status=ExpenseClaim.Status.APPROVED, at=at)


@transaction.atomic
def expense_claim_decline(
    *, actor: User, claim: ExpenseClaim, reason: str, at: dt.datetime | None = None
) -> ExpenseClaim:
    """The approver declines, saying why: the client reads the reason, in their language's
    message."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why: the client will read it.")]})
    if len(reason) > 500:
        raise ValidationError({"reason": [_("Keep the reason under 500 characters.")]})
    _decide(actor=actor, claim=claim)
    at = at or timezone.now()
    return _close_claim(
        actor=actor, claim=claim, status=ExpenseClaim.Status.DECLINED, at=at, reason=reason
    )


def _close_claim(
    *, actor: User, claim: ExpenseClaim, status: str, at: dt.datetime, reason: str = ""
) -> ExpenseClaim:
    # Conditional: two approvers clicking at once decide it once.
    changed = ExpenseClaim.objects.filter(pk=claim.pk, status=ExpenseClaim.Status.PENDING).update(
        status=status, decided_by=actor, decided_at=at, decline_reason=reason
    )
    if not changed:
        raise ValidationError({"claim": [_("This claim was decided meanwhile: reload the page.")]})
    claim.status, claim.decided_by, claim.decided_at = status, actor, at
    claim.decline_reason = reason
    timeline.record_expense_claim(claim=claim, actor=actor, at=at)
    _tell_claim_decision(claim, at)
    return claim


def claim_approvers(*, claim: ExpenseClaim) -> list[User]:
    """Who is asked to decide: the case's owner for an advisor's claim, the site's managers
    (managers_for), or the brand's managers at the care centre."""
    case = claim.case
    if claim.approver_role == ApproverRole.ADVISOR:
        return [case.owner]
    if claim.approver_role == ApproverRole.MANAGER:
        return managers_for(site=case.site)
    return list(
        User.objects.filter(
            role=User.Role.MANAGER, is_active=True, site__kind=Site.Kind.CARE_CENTRE
        ).select_related("site", "backup")
    )


def _ask_claim_approval(claim: ExpenseClaim, at: dt.datetime) -> None:
    case = claim.case
    for approver in claim_approvers(claim=claim):
        with translation.override(approver.language):
            title = _("Approve %(amount)s %(currency)s of costs for %(client)s (%(reference)s)") % {
                "amount": claim.amount,
                "currency": claim.currency,
                "client": case.client.name,
                "reference": case.reference,
            }
            body = _("%(what)s, above the goodwill policy. Decide by %(due)s.") % {
                "what": claim.get_what_display(),
                "due": formats.date_format(
                    timezone.localtime(claim.due_at or at), "SHORT_DATETIME_FORMAT"
                ),
            }
        notify(
            recipient=approver,
            kind=Notification.Kind.APPROVAL_NEEDED,
            title=title,
            body=body,
            case=case,
            at=at,
            key=f"claim_approval:{claim.pk}:{approver.pk}",
        )


def _tell_claim_decision(claim: ExpenseClaim, at: dt.datetime) -> None:
    """The client reads the decision in their language: the cost, its amount, and why not."""
    case = claim.case
    email = client_email(client=case.client)
    if email is None:
        return
    language = _client_language(case, template="claim_decision")
    with translation.override(language):
        what = claim.description or str(claim.get_what_display())
        amount = f"{formats.number_format(claim.amount, 2, use_l10n=True)} {claim.currency}"
    subject, body = render_message(
        name="claim_decision",
        language=language,
        context=case_context(
            case=case,
            language=language,
            claim=what,
            amount=amount,
            approved="yes" if claim.status == ExpenseClaim.Status.APPROVED else "",
            reason=claim.decline_reason,
        ),
    )
    outbound_queue(
        key=f"claim:{claim.pk}:{claim.status}",
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=OutboundMessage.Reason.CLAIM_DECISION,
        to_address=email,
        to_name=case.client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=case.client,
        case=case,
        at=at,
    )
