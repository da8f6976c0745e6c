from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.appointments.models import Kind as AppointmentKind
from goodwill.journeys.models import Stage


class StageForm(forms.Form):
    title = forms.CharField(label=_("Stage"), max_length=100)
    feel = forms.CharField(
        label=_("What the client should feel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    spoilers = forms.CharField(
        label=_("What could spoil it"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    checklist = forms.CharField(
        label=_("Staff checklist (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    message = forms.CharField(
        label=_("Message template (empty: none)"), max_length=40, required=False
    )
    text = forms.CharField(
        label=_("The brand's own words"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    role = forms.ChoiceField(label=_("Who"), choices=Stage.Role.choices)
    anchor = forms.ChoiceField(label=_("Counted from"), choices=Stage.Anchor.choices)
    due_days = forms.IntegerField(label=_("By (days)"), min_value=0, max_value=3660)
    advance = forms.ChoiceField(label=_("Reached"), choices=Stage.Advance.choices)
    touchpoint = forms.BooleanField(
        label=_("A touchpoint (held while the client is suppressed)"), required=False
    )
    booking_kind = forms.ChoiceField(
        label=_("Offer slots"), choices=[("", "—"), *AppointmentKind.choices], required=False
    )
    repeat_months = forms.IntegerField(
        label=_("Comes back every (months; 0: once)"),
        min_value=0,
        max_value=120,
        initial=0,
        required=False,
    )
    repeat_km = forms.IntegerField(
        label=_("…or every (km of estimated mileage, whichever first; 0: not by mileage)"),
        min_value=0,
        max_value=1_000_000,
        initial=0,
        required=False,
    )

    # Left empty: the stage does not come back.
    def clean_repeat_months(self) -> int:
        return self.cleaned_data.get("repeat_months") or 0

    def clean_repeat_km(self) -> int:
        return self.cleaned_data.get("repeat_km") or 0


class StageAddForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30)
    title = forms.CharField(label=_("Stage"), max_length=100)


class ReachForm(forms.Form):
    stage = forms.IntegerField()


class DeliveryPlanForm(forms.Form):
    host = forms.IntegerField(label=_("Who hands over"), required=False)
    place = forms.CharField(label=_("Where"), max_length=200, required=False)
    prepared = forms.CharField(
        label=_("What is prepared"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preferences = forms.CharField(
        label=_("The client's preferences"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
