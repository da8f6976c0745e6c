from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from goodwill.clients.models import ContactPoint, Tier
from goodwill.languages import language_choices
from goodwill.organisation.models import Site, User


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactPoint.Kind.choices)
    value = forms.CharField(label=_("E-mail or phone"), max_length=254)


class MileageForm(forms.Form):
    """A mileage reading, typed by staff or by the client in the portal."""

    km = forms.IntegerField(
        label=_("Mileage (km)"),
        min_value=0,
        max_value=999_999,
        error_messages={
            "invalid": _("Give the mileage as a whole number of km, such as 12500."),
            "required": _("Give the mileage in km."),
            "min_value": _("The mileage cannot be negative."),
            "max_value": _("That is more than any car is driven: check the mileage."),
        },
    )
    read_on = forms.DateField(
        label=_("Read on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "invalid": _("Give the day it was read as a date."),
            "required": _("Give the day it was read."),
        },
    )


class DeliveredForm(forms.Form):
    """The day a product was handed to the client; empty clears it (the service judges the
    day: not in the future, not before the sale)."""

    delivered_on = forms.DateField(
        label=_("Delivered on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Give the delivery day as a date.")},
    )


class ClientForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=40)
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    address_as = forms.CharField(
        label=_("Address as"),
        required=False,
        max_length=150,
        help_text=_("How the client likes to be greeted, e.g. “Herr Dr. Tanner”."),
    )
    email = forms.CharField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        help_text=_("Any format; national numbers are read with the client's country."),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=language_choices,  # the client languages, each by its own name
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        help_text=_("Two letters, e.g. CH, IT, DE."),
    )
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.all())
    advisor = forms.ModelChoiceField(
        label=_("Advisor"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        staff = User.objects.filter(is_active=True, role__in=[User.Role.ADVISOR, User.Role.AGENT])
        if not user.sees_all_clients:
            seen = user.seen_site_ids or []  # a team member: their home site and the team's
            self.fields["site"].queryset = Site.objects.filter(pk__in=seen)  # type: ignore[attr-defined]
            staff = staff.filter(site__in=seen)
        self.fields["advisor"].queryset = staff  # type: ignore[attr-defined]
        self.fields["site"].initial = user.site_id
        self.fields["advisor"].initial = user.pk if user.role == User.Role.ADVISOR else None
        # A new client most likely speaks the site's first language.
        site_languages = user.site.languages if user.site else []
        self.fields["language"].initial = (
            site_languages[0] if site_languages else settings.LANGUAGE_CODE
        )

    def clean_country(self) -> str:
        country: str = self.cleaned_data["country"].strip().upper()
        if country and (len(country) != 2 or not country.isalpha()):
            raise forms.ValidationError(_("Use the two-letter country code, e.g. CH."))
        return country
