"""Parsing of the managers' settings forms; the rules live in care.services."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from goodwill.cases.models import Case
from goodwill.clients.models import Tier
from goodwill.notifications.escalation import MAX_MINUTES, Step
from goodwill.notifications.models import EscalationStep

WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
_INTERVAL = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


class ServiceLevelForm(forms.Form):
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Any category")), *Case.Category.choices],
        required=False,
    )
    first_response_minutes = forms.IntegerField(
        label=_("First response (business minutes)"), min_value=1
    )
    update_minutes = forms.IntegerField(
        label=_("Update cadence (business minutes)"),
        min_value=1,
        help_text=_(
            "The longest the client may go without hearing from us while the case is open."
        ),
    )
    resolution_minutes = forms.IntegerField(label=_("Resolution (business minutes)"), min_value=1)
    warn_at_percent = forms.IntegerField(
        label=_("Warn the owner at (% of the time)"), min_value=1, max_value=99, initial=80
    )
    auto_update = forms.BooleanField(
        label=_("Send the client an automatic update when the cadence runs out"), required=False
    )
    callback_minutes = forms.IntegerField(
        label=_("Call back a missed call within (business minutes)"),
        min_value=1,
        required=False,
        help_text=_("Empty: the tier's usual time (a quarter of an hour for VIPs)."),
    )


class ThresholdForm(forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3)
    premium_from = forms.DecimalField(
        label=_("Premium from"), min_value=0, max_digits=14, decimal_places=2
    )
    vip_from = forms.DecimalField(label=_("VIP from"), min_value=0, max_digits=14, decimal_places=2)


def parse_intervals(text: str) -> list[tuple[dt.time, dt.time]]:
    """ "08:00-12:00, 13:00-18:00" → two intervals; empty text → closed."""
    intervals = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _INTERVAL.match(part)
        if match is None:
            raise ValidationError(_("Write intervals like 08:00-12:00, 13:00-18:00."))
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        try:
            opens, closes = dt.time(h1, m1), dt.time(h2, m2)
        except ValueError as error:
            raise ValidationError(_("%(part)s is not a time of day.") % {"part": part}) from error
        if closes <= opens:
            raise ValidationError(_("%(part)s closes before it opens.") % {"part": part})
        intervals.append((opens, closes))
    return intervals


def format_intervals(intervals: list[tuple[dt.time, dt.time]]) -> str:
    return ", ".join(f"{o:%H:%M}-{c:%H:%M}" for o, c in intervals)


def week_summary(rows: list[Any]) -> list[tuple[str, str]]:
    """Opening-hours rows as lines a person reads: consecutive days with the same hours share one
    ("Monday – Friday", "08:00-12:00, 13:00-18:00")."""
    days = [
        format_intervals([(r.opens, r.closes) for r in rows if r.weekday == day])
        for day in range(7)
    ]
    lines: list[tuple[str, str]] = []
    start = 0
    for day in range(1, 8):
        if day == 7 or days[day] != days[start]:
            if days[start]:
                name = (
                    str(WEEKDAYS[start])
                    if day - 1 == start
                    else f"{WEEKDAYS[start]} – {WEEKDAYS[day - 1]}"
                )
                lines.append((name, days[start]))
            start = day
    return lines


class SiteHoursForm(forms.Form):
    """One line per weekday, and holidays one a line ("2026-12-25 Christmas Day")."""

    holidays = forms.CharField(
        label=_("Holidays, one a line: date and name"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "2026-12-25 Christmas Day"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday, name in enumerate(WEEKDAYS):
            self.fields[f"day_{weekday}"] = forms.CharField(
                label=name,
                required=False,
                widget=forms.TextInput(attrs={"placeholder": _("closed")}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        hours = []
        for weekday in range(7):
            try:
                hours += [
                    (weekday, o, c) for o, c in parse_intervals(data.get(f"day_{weekday}", ""))
                ]
            except ValidationError as error:
                self.add_error(f"day_{weekday}", error)
        holidays = []
        for line in filter(None, (raw.strip() for raw in data.get("holidays", "").splitlines())):
            day, _sep, name = line.partition(" ")
            try:
                holidays.append((dt.date.fromisoformat(day), name.strip()))
            except ValueError:
                self.add_error(
                    "holidays",
                    _("“%(line)s” does not start with a date like 2026-12-25.") % {"line": line},
                )
        data["hours"], data["holiday_list"] = hours, holidays
        return data


ESCALATION_SLOTS = 3


class EscalationChainForm(forms.Form):
    """A site's escalation chain: up to three ranked steps, each a person and the minutes of
    silence before they are told; an empty step ends the chain."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slot in range(1, ESCALATION_SLOTS + 1):
            self.fields[f"step_{slot}_target"] = forms.ChoiceField(
                label=_("Step %(n)s") % {"n": slot},
                choices=[("", _("Nobody: the chain ends")), *EscalationStep.Target.choices],
                required=False,
            )
            self.fields[f"step_{slot}_minutes"] = forms.IntegerField(
                label=_("told after (minutes)"),
                min_value=1,
                max_value=MAX_MINUTES,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        steps: list[Step] = []
        ended = False
        for slot in range(1, ESCALATION_SLOTS + 1):
            target = data.get(f"step_{slot}_target") or ""
            minutes = data.get(f"step_{slot}_minutes")
            if not target:
                ended = True
                continue
            if ended:
                self.add_error(f"step_{slot}_target", _("Fill the steps in order."))
            elif minutes is None:
                self.add_error(f"step_{slot}_minutes", _("After how many minutes?"))
            elif target in {step.target for step in steps}:
                self.add_error(f"step_{slot}_target", _("Already a step of the chain."))
            else:
                steps.append(Step(target, minutes))
        data["steps"] = steps
        return data

    @staticmethod
    def initial_for(steps: list[Step]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for slot, step in enumerate(steps, start=1):
            initial[f"step_{slot}_target"] = step.target
            initial[f"step_{slot}_minutes"] = step.minutes
        return initial
