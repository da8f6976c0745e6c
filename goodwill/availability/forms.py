from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from goodwill.organisation.access import holds_site
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
        # Whoever covers must see the same clients (User.sees_site): a colleague of the same
        # site, one whose team holds it, or the care centre.
        sees_mine = (
            Q(site_id=user.site_id) | Q(holds_site(user.site_id)) if user.site_id else Q(pk__in=[])
        )
        colleagues = colleagues.filter(sees_mine | Q(site__kind="care_centre"))
        self.fields["backup"].queryset = colleagues.order_by("first_name", "last_name")  # type: ignore[attr-defined]
