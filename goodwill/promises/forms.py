from __future__ import annotations

from django import forms
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
