from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goodwill.http import RenderedOnceForm


class PromiseForm(RenderedOnceForm):
    text = forms.CharField(
        label=_("What we promise"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("The tyre is fitted and the car is ready")}),
    )
    due_at = forms.DateTimeField(
        label=_("By"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # The time zone `due_at` is written in: the client's (the time they are promised), shown
    # beside the field; empty: the staff member's.
    zone = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        due, zone = data.get("due_at"), data.get("zone") or ""
        if due is not None and zone:
            try:
                tz = zoneinfo.ZoneInfo(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                self.add_error("zone", _("Unknown time zone."))
            else:
                # Read again as the wall-clock time the field shows, in that zone.
                data["due_at"] = timezone.make_aware(timezone.make_naive(due), tz)
        return data
