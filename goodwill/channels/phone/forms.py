from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the call"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
