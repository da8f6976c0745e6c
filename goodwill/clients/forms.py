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
            self.fields["site"].queryset = Site.objects.filter(pk__in=[user.site_id])  # type: ignore[attr-defined]
            staff = staff.filter(site__in=[user.site_id])
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
