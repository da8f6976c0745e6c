"""Parsing of the submitted fields only: the slot generator, the invitation, the client's choice."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from goodwill.appointments.models import Kind

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class SlotsForm(forms.Form):
    site = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    first_day = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[0, 1, 2, 3, 4],
    )
    times = forms.CharField(
        label=_("Start times"),
        help_text=_("Separated by spaces: 09:00 11:00 14:30"),
        max_length=300,
    )
    minutes = forms.IntegerField(label=_("Minutes each"), min_value=5, max_value=600, initial=60)
    capacity = forms.IntegerField(label=_("Places each"), min_value=1, max_value=50, initial=1)

    def clean_times(self) -> list[dt.time]:
        times = []
        for word in self.cleaned_data["times"].replace(",", " ").split():
            try:
                times.append(dt.time.fromisoformat(word))
            except ValueError:
                message = _("%(word)s is not a time like 09:30.") % {"word": word}
                raise ValidationError(message) from None
        if not times:
            raise ValidationError(_("Give at least one start time."))
        return times


class InviteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)


class ChooseForm(forms.Form):
    """The client's choice on their booking page."""

    action = forms.ChoiceField(choices=[("book", "book"), ("cancel", "cancel")])
    slot = forms.IntegerField(required=False)
