"""Covering for someone away: the backup takes their new cases, the client hears who looks after
them meanwhile (once per absence), and the cases go back to the advisor when they return."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.availability.models import StandIn
from goodwill.cases.models import Case
from goodwill.cases.services import case_reassign, owner_for
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.templates import (
    case_context,
    render_message,
    staff_name,
    template_language,
)
from goodwill.clients.selectors import client_email
from goodwill.news.services import is_history
from goodwill.organisation.models import User


def local_day(*, user: User, at: dt.datetime) -> dt.date:
    """The date at `at` where `user` works (away dates are their site's days)."""
    zone = (
        zoneinfo.ZoneInfo(user.site.timezone)
        if user.site_id and user.site
        else timezone.get_current_timezone()
    )
    return timezone.localtime(at, zone).date()


def client_told_of_cover(
    *, case: Case, absent: User, backup: User, at: dt.datetime | None = None
) -> bool:
    """Tell the client, in their language, who looks after them while their advisor is away: once
    per client and absence (the key holds the absence's dates). False when nothing was queued
    now."""
    client = case.client
    if absent.away_from is None or absent.away_until is None or is_history(at):
        return False
    email = client_email(client=client)
    if email is None:
        return False
    key = (
        f"backup_cover:{client.pk}:{absent.pk}:"
        f"{absent.away_from.isoformat()}:{absent.away_until.isoformat()}"
    )
    if OutboundMessage.objects.filter(key=key).exists():
        return False
    language = template_language(name="backup_cover", language=client.language or case.language)
    with translation.override(language):
        until = formats.date_format(absent.away_until, "DATE_FORMAT")
    context = case_context(
        case=case,
        language=language,
        advisor=staff_name(absent),
        backup=staff_name(backup),
        away_until=until,
    )
    subject, body = render_message(name="backup_cover", language=language, context=context)
    outbound_queue(
        key=key,
        purpose=OutboundMessage.Purpose.NOTIFICATION,
        reason=OutboundMessage.Reason.BACKUP_COVER,
        to_address=email,
        to_name=client.name,
        subject=subject,
        body_text=body,
        language=language,
        client=client,
        case=case,
        at=at,
    )
    return True


def stand_in_case_opened(*, case: Case, at: dt.datetime | None = None) -> StandIn | None:
    """When the new case went to a backup because the client's advisor is away,
    remember it (to give it back on their return) and tell the client who looks after them."""
    at = at or timezone.now()
    advisor = case.client.advisor
    if (
        advisor is None
        or case.owner_id == advisor.pk
        or advisor.away_from is None
        or advisor.away_until is None
    ):
        return None
    if not advisor.is_away_on(local_day(user=advisor, at=at)):
        return None
    cover = owner_for(client=case.client, at=at)
    if cover is None or cover.pk != case.owner_id:
        return None  # someone chose to own it: theirs to keep, not a stand-in
    try:
        with transaction.atomic():
            stand_in = StandIn.objects.create(
                case=case,
                absent=advisor,
                backup=case.owner,
                away_from=advisor.away_from,
                away_until=advisor.away_until,
                created_at=at,
            )
    except IntegrityError:
        return None
    client_told_of_cover(case=case, absent=advisor, backup=case.owner, at=at)
    return stand_in


def stand_in_client_contacted(*, case: Case, at: dt.datetime | None = None) -> bool:
    """Called when the client writes or calls about a case: if their advisor is away, the client
    hears who covers (once per absence)."""
    at = at or timezone.now()
    advisor = case.client.advisor
    if (
        advisor is None
        or advisor.away_from is None
        or not advisor.is_away_on(local_day(user=advisor, at=at))
    ):
        return False
    backup = owner_for(client=case.client, at=at)
    if backup is None or backup.pk == advisor.pk:
        return False
    return client_told_of_cover(case=case, absent=advisor, backup=backup, at=at)


def stand_in_give_back(*, stand_in: StandIn, at: dt.datetime | None = None) -> bool:
    """Give one case back to the advisor who is back: reassigned with a handoff note ("back from
    leave") when the backup still has it open; left where it is if it closed or moved on meanwhile.
    Claimed by a conditional UPDATE, so two workers give it back once. True when this call claimed
    it."""
    at = at or timezone.now()
    with transaction.atomic():
        if not StandIn.objects.filter(pk=stand_in.pk, returned_at__isnull=True).update(
            returned_at=at
        ):
            return False
        case = Case.objects.select_related("client", "client__site", "owner").get(
            pk=stand_in.case_id
        )
        absent = stand_in.absent
        # Given back to whoever advises the client now: the absent advisor, or, when their book
        # was handed over meanwhile (people.services.book_handover), their successor.
        target = absent if case.client.advisor_id == absent.pk else case.client.advisor
        if (
            case.status not in Case.OPEN_STATUSES
            or case.owner_id != stand_in.backup_id
            or target is None
            or not target.is_active
            or target.pk == case.owner_id
        ):
            return True
        dates = {
            "backup": case.owner,
            "start": formats.date_format(stand_in.away_from, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(stand_in.away_until, "SHORT_DATE_FORMAT"),
        }
        with translation.override(target.language):
            if target.pk == absent.pk:
                note = (
                    _(
                        "Back from leave: %(backup)s looked after this case from %(start)s to "
                        "%(end)s; read the story below before calling the client."
                    )
                    % dates
                )
            else:
                note = _(
                    "%(backup)s looked after this case from %(start)s to %(end)s while "
                    "%(absent)s was away; the client is yours now: read the story below before "
                    "calling them."
                ) % {**dates, "absent": absent}
        case_reassign(actor=None, case=case, new_owner=target, handoff_note=note, at=at)
        return True
