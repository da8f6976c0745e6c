"""Parsing of the submitted fields only: a quote staff draft, a photo or video (the client's
decision is the portal's form)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class QuoteForm(forms.Form):
    title = forms.CharField(label=_("Work"), max_length=200)
    work = forms.CharField(
        label=_("Details for the client"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=12, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3, initial="EUR")
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label=_("A photo or video (optional)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/*,video/mp4,video/webm,video/quicktime"}
        ),
    )


class MediaForm(forms.Form):
    file = forms.FileField(
        label=_("A photo or video"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/*,video/mp4,video/webm,video/quicktime"}
        ),
    )
