from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.channels.email.models import Mailbox


class MailboxForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    host = forms.CharField(label=_("IMAP server"), max_length=255)
    port = forms.IntegerField(label=_("Port"), initial=993, min_value=1, max_value=65535)
    security = forms.ChoiceField(label=_("Security"), choices=Mailbox.Security.choices)
    username = forms.CharField(label=_("User name"), max_length=255)
    password = forms.CharField(
        label=_("Password"),
        max_length=255,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    folder = forms.CharField(label=_("Folder"), max_length=255, initial="INBOX")
