"""Parsing of what the client and staff submit; no behaviour (surveys.services decides)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.surveys.services import COMMENT_MAX, OFFERED_MAX


class AnswerForm(forms.Form):
    """The survey's page and the portal: the score (its range is the survey's, checked by the
    service), how easy it was, and a comment."""

    score = forms.IntegerField(min_value=0, max_value=10)
    effort = forms.IntegerField(min_value=1, max_value=5, required=False)
    comment = forms.CharField(
        max_length=COMMENT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class OutcomeForm(forms.Form):
    """The call to an unhappy client: won back or not, and what was offered."""

    recovered = forms.TypedChoiceField(
        choices=[("yes", _("Won back")), ("no", _("Not won back"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label=_("The client"),
    )
    offered = forms.CharField(
        max_length=OFFERED_MAX,
        required=False,
        label=_("What was offered"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
