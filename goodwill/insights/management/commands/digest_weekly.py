"""manage.py digest_weekly: the weekly digest, sent to its readers through the outbox (once each),
or printed (--print) as one reader would read it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from goodwill.insights.selectors import digest_readers
from goodwill.insights.services import digest_send, digest_text, last_full_week
from goodwill.organisation.models import User


def week_monday(raw: str) -> dt.date:
    """The Monday of an ISO week written YYYY-Www."""
    match = re.fullmatch(r"(\d{4})-W(\d{2})", raw)
    try:
        if match is None:
            raise ValueError(raw)
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise CommandError(
            f"--week must be written YYYY-Www, such as 2026-W05, not {raw!r}"
        ) from None


class Command(BaseCommand):
    help = "Send (or --print) the weekly digest of last week, or of --week YYYY-Www."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--week", default="", help="the ISO week, YYYY-Www (default: last)")
        parser.add_argument("--print", action="store_true", help="print instead of sending")
        parser.add_argument(
            "--user", default="", help="print as this reader sees it (default: every site)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        week = (
            week_monday(options["week"])
            if options["week"]
            else last_full_week(today=timezone.localdate())
        )
        if options["print"]:
            if options["user"]:
                reader = (
                    User.objects.select_related("site").filter(username=options["user"]).first()
                )
                if reader is None:
                    raise CommandError(f"No staff member {options['user']!r}.")
            else:
                # The brand's view: every site, in English.
                reader = User(username="digest", role=User.Role.ADMIN, language="en")
            subject, body = digest_text(reader=reader, week=week)
            self.stdout.write(subject + "\n\n" + body)
            return
        sent = sum(digest_send(reader=reader, week=week) for reader in digest_readers())
        self.stdout.write(f"{sent} digests queued for the week of {week}")
