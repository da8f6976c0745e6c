from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TextForm(forms.Form):
    """A text message from the case page: free words or an approved template (services decide
    which is allowed)."""

    channel = forms.ChoiceField(
        label=_("Send by"), choices=[("sms", _("SMS")), ("whatsapp", _("WhatsApp"))]
    )
    body = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=4096,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    template = forms.CharField(required=False, max_length=50)
    override_reason = forms.CharField(
        label=_("If the checks stop it: why it must go as written"),
        required=False,
        max_length=500,
    )
    nonce = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
