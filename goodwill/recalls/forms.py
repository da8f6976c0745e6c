"""Parsing of the campaign pages' fields only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.appointments.models import Kind as AppointmentKind
from goodwill.languages import client_languages
from goodwill.recalls.models import Campaign
from goodwill.recalls.reading import MAX_BYTES


class CampaignForm(forms.Form):
    code = forms.CharField(label=_("Campaign code"), max_length=32)
    title = forms.CharField(label=_("Title for staff"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Campaign.Kind.choices)
    appointment_kind = forms.ChoiceField(
        label=_("Appointment to book"),
        choices=AppointmentKind.choices,
        initial=AppointmentKind.WORKSHOP,
    )
    reminder_days = forms.IntegerField(
        label=_("Remind after (days)"), min_value=1, max_value=365, initial=14
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The client's words, one pair a client language; English required (the service says).
        for language in client_languages():
            self.fields[f"title_{language}"] = forms.CharField(
                label=_("Title for the client (%(language)s)") % {"language": language},
                max_length=200,
                required=False,
            )
            self.fields[f"text_{language}"] = forms.CharField(
                label=_("Text for the client (%(language)s)") % {"language": language},
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=4000,
                required=False,
            )

    def words(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            language: (data.get(f"title_{language}", ""), data.get(f"text_{language}", ""))
            for language in client_languages()
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("List of VINs or serial numbers (CSV)"))
    dry_run = forms.BooleanField(label=_("Dry run: only say what would happen"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES >> 20}
            )
        return upload
