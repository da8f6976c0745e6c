"""The portal's forms: parsing only."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from goodwill.clients.models import Client
from goodwill.languages import language_choices


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("client", "Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=pgettext_lazy("client", "Your e-mail address"), max_length=254)


class SettingsForm(forms.Form):
    language = forms.ChoiceField(label=pgettext_lazy("client", "Language"), choices=())
    preferred_channel = forms.ChoiceField(
        label=pgettext_lazy("client", "How we reach you"),
        choices=(
            (Client.Channel.EMAIL, pgettext_lazy("client", "By e-mail")),
            (Client.Channel.PHONE, pgettext_lazy("client", "By phone")),
        ),
        widget=forms.RadioSelect,
    )
    marketing_consent = forms.BooleanField(
        label=pgettext_lazy("client", "Send me news and offers from the brand"), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].choices = language_choices()  # type: ignore[attr-defined]


class SlotForm(forms.Form):
    """The client's choice of a time (booking or moving), or cancelling."""

    action = forms.ChoiceField(choices=[("book", "book"), ("cancel", "cancel")], initial="book")
    slot = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class DecisionForm(forms.Form):
    """The client's answer to a quote."""

    decision = forms.ChoiceField(choices=[("approve", "approve"), ("decline", "decline")])
    comment = forms.CharField(
        label=pgettext_lazy("client", "Your comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
