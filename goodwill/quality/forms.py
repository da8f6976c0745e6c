"""Parsing of the quality pages' fields only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.quality.models import HIGHEST, LOWEST, Criterion


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=80)
    description = forms.CharField(
        label=_("What a 5 looks like"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, initial=0)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class ReviewForm(forms.Form):
    """One 1-5 choice a criterion of the rubric (field score_<id>), and the coaching notes."""

    notes = forms.CharField(
        label=_("Coaching notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(
        self,
        *args: Any,
        criteria: list[Criterion],
        initial_scores: dict[int, int | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(n), str(n)) for n in range(LOWEST, HIGHEST + 1)]
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial_scores.get(criterion.pk),
            )
        self.criteria = criteria

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}
