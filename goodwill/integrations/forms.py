from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.integrations.models import ApiToken
from goodwill.integrations.services import LONGEST_TOKEN_DAYS
from goodwill.integrations.webhook_events import event_choices


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("What will use it: the CRM sync…")}),
    )
    scope = forms.ChoiceField(
        label=_("May"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ
    )
    days = forms.IntegerField(
        label=_("Expires after (days)"),
        required=False,
        min_value=1,
        max_value=LONGEST_TOKEN_DAYS,
        help_text=_("Empty: until revoked."),
    )


class EndpointForm(forms.Form):
    url = forms.CharField(label=_("Address (https://…)"), max_length=500)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=event_choices, widget=forms.CheckboxSelectMultiple
    )
