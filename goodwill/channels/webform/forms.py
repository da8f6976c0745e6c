from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from goodwill.clients import normalize


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    product = forms.CharField(
        label=_("Product, plate or serial number (optional)"), max_length=100, required=False
    )
    message = forms.CharField(
        label=_("Your message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 7})
    )
    # The honeypot: hidden from people by CSS and aria-hidden; robots fill every field.
    website = forms.CharField(
        required=False,
        max_length=200,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # For the embedded form (no CSRF cookie in a third-party frame): a signed time stamp.
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_phone(self) -> str:
        """Checked here too, so every field's error shows at once (the service checks again)."""
        phone: str = self.cleaned_data["phone"]
        if phone.strip():
            try:
                normalize.phone_e164(phone, settings.GOODWILL_DEFAULT_COUNTRY)
            except ValidationError:
                raise ValidationError(
                    _("This is not a phone number; leave it empty if you prefer.")
                ) from None
        return phone
