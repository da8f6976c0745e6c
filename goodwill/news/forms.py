from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.http import RenderedOnceForm
from goodwill.news.services import MILESTONES


class MilestoneForm(RenderedOnceForm):
    milestone = forms.ChoiceField(
        label=_("What happened"), choices=[(k, v) for k, v in MILESTONES.items()]
    )
    text = forms.CharField(
        label=_("Details for the client"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": _("Ready for collection from Thursday 10:00")}
        ),
    )
