from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The client's request, a court order… kept in the audit, with your name."),
    )
    confirm = forms.CharField(
        label=_("Type the client's reference to confirm"), max_length=32, strip=True
    )
