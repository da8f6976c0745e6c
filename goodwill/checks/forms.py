from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from goodwill.cases.forms import MessageForm
from goodwill.checks.models import Severity
from goodwill.checks.services import PHRASE_LANGUAGES
from goodwill.http import RenderedOnceForm


class ReplyForm(MessageForm):
    """The reply as previewed and sent: the message, and the reason for sending it despite the
    checks that block it (empty when none do)."""

    override_reason = forms.CharField(
        label=_("Why it must go as it is"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BrushOffForm(RenderedOnceForm):
    language = forms.ChoiceField(
        label=_("Language"), choices=[(code, code.upper()) for code in PHRASE_LANGUAGES]
    )
    phrase = forms.CharField(label=_("Phrase"), max_length=200)


class RuleForm(RenderedOnceForm):
    text = forms.CharField(
        label=_("Rule"),
        max_length=300,
        widget=forms.TextInput(
            attrs={"placeholder": _("never promise a refund · always offer a loan car to tier vip")}
        ),
    )
    severity = forms.ChoiceField(
        label=_("When a message breaks it"), choices=Severity.choices, initial=Severity.WARN
    )
