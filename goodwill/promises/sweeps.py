"""The promises' clock: remind the maker shortly before a promise falls due, break it when it
passes.

Each promise is claimed with a conditional UPDATE in the transaction that tells people, so any
number of workers may run this, and one killed at any line leaves nothing half done.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from goodwill.events import announce
from goodwill.notifications.models import Notification
from goodwill.notifications.services import notify
from goodwill.organisation.services import managers_for
from goodwill.promises.events import PromiseBroken
from goodwill.promises.models import Promise
from goodwill.timeline import services as timeline

BATCH = 200


def _due_text(promise: Promise, user_language: str) -> str:
    with translation.override(user_language):
        return formats.date_format(timezone.localtime(promise.due_at), "SHORT_DATETIME_FORMAT")


def _remind(promise_id: int, now: dt.datetime) -> bool:
    with transaction.atomic():
        claimed = Promise.objects.filter(
            pk=promise_id, status=Promise.Status.OPEN, reminded_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            return False
        promise = Promise.objects.select_related(
            "case", "case__client", "case__owner", "case__owner__site", "made_by", "made_by__site"
        ).get(pk=promise_id)
        # Whoever promised, and the case's owner if someone else promised on their case: the one who
        # must act.
        people = {promise.made_by.pk: promise.made_by, promise.case.owner.pk: promise.case.owner}
        for person in people.values():
            with translation.override(person.language):
                title = _("Promise to %(client)s falls due %(due)s: %(text)s") % {
                    "client": promise.case.client.name,
                    "due": _due_text(promise, person.language),
                    "text": promise.text,
                }
                body = _("Promised by %(maker)s. Keep it, or call the client before then.") % {
                    "maker": promise.made_by
                }
            notify(
                recipient=person,
                kind=Notification.Kind.PROMISE_DUE,
                title=title,
                body=body,
                case=promise.case,
                at=now,
                key=f"promise_due:{promise.pk}:{person.pk}",
            )
        return True


def _break(promise_id: int, now: dt.datetime) -> bool:
    with transaction.atomic():
        claimed = Promise.objects.filter(
            pk=promise_id,
            status=Promise.Status.OPEN,
            due_at__lte=now,
            # It broke when it fell due, even if the worker noticed late.
        ).update(status=Promise.Status.BROKEN, resolved_at=F("due_at"))
        if not claimed:
            return False
        promise = Promise.objects.select_related(
            "case",
            "case__client",
            "case__owner",
            "case__owner__site",
            "made_by",
            "made_by__site",
            "site",
        ).get(pk=promise_id)
        timeline.record_promise_broken(promise=promise, at=promise.due_at)
        announce(PromiseBroken(promise=promise, at=promise.due_at))
        people = {promise.made_by.pk: promise.made_by, promise.case.owner.pk: promise.case.owner}
        for manager in managers_for(site=promise.site):
            people.setdefault(manager.pk, manager)
        for person in people.values():
            with translation.override(person.language):
                title = _("Promise broken to %(client)s (%(reference)s): %(text)s") % {
                    "client": promise.case.client.name,
                    "reference": promise.case.reference,
                    "text": promise.text,
                }
                body = _(
                    "%(maker)s promised it for %(due)s. Call the client before they call us."
                ) % {
                    "maker": promise.made_by,
                    "due": _due_text(promise, person.language),
                }
            notify(
                recipient=person,
                kind=Notification.Kind.PROMISE_BROKEN,
                title=title,
                body=body,
                case=promise.case,
                at=now,
                key=f"promise_broken:{promise.pk}:{person.pk}",
            )
        return True


def promises_due(now: dt.datetime) -> int:
    """Remind makers of promises about to fall due, then break the overdue ones. Returns how many
    promises were reminded or broken."""
    handled = 0
    to_remind = (
        Promise.objects.filter(
            status=Promise.Status.OPEN, reminded_at__isnull=True, remind_at__lte=now, due_at__gt=now
        )
        .order_by("remind_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    for pk in list(to_remind):
        handled += _remind(pk, now)
    overdue = (
        Promise.objects.filter(status=Promise.Status.OPEN, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    for pk in list(overdue):
        handled += _break(pk, now)
    return handled
