from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.organisation.models import User


class AwayForm(forms.Form):
    away_from = forms.DateField(
        label=_("First day away"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    away_until = forms.DateField(
        label=_("Last day away"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    backup = forms.ModelChoiceField(
        label=_("Who looks after my clients"), queryset=User.objects.none()
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        colleagues = User.objects.filter(is_active=True).exclude(pk=user.pk).select_related("site")
        # Whoever covers must see the same clients: a colleague of the same site, or the care
        # centre.
        same_site = colleagues.filter(site_id=user.site_id) if user.site_id else colleagues.none()
        colleagues = same_site | colleagues.filter(site__kind="care_centre")
        self.fields["backup"].queryset = colleagues.order_by("first_name", "last_name")  # type: ignore[attr-defined]
