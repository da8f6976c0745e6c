from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from goodwill.cases.models import Case
from goodwill.clients.models import Client, Product
from goodwill.http import RenderedOnceForm
from goodwill.languages import language_choices
from goodwill.organisation.access import holds_site
from goodwill.organisation.models import User


class CaseOpenForm(forms.Form):
    summary = forms.CharField(label=_("What is it about?"), max_length=300)
    category = forms.ChoiceField(label=_("Category"), choices=Case.Category.choices)
    channel = forms.ChoiceField(label=_("Came in by"), choices=Case.Channel.choices)
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.none(), required=False
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        coerce=int,
        initial=3,
        choices=[(1, _("1 – urgent")), (2, _("2 – high")), (3, _("3 – normal"))],
    )

    def __init__(self, *args: object, client: Client, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["product"].queryset = client.products.all()  # type: ignore[attr-defined]


class ClientTitleForm(RenderedOnceForm):
    title = forms.CharField(
        label=_("Title the client reads"),
        max_length=200,
        required=False,
        help_text=_(
            "In the client's language, written for them. Leave empty for the phrase of the "
            "case's category. The summary above stays internal."
        ),
    )


class NoteForm(RenderedOnceForm):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}))


class CallForm(RenderedOnceForm):
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[("inbound", _("Client called us")), ("outbound", _("We called the client"))],
    )
    duration_minutes = forms.DecimalField(
        label=_("Minutes"), min_value=0, max_value=600, decimal_places=1, initial=5
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))


class MessageForm(forms.Form):
    # Any client language; the reply box offers those the brand has a `reply` template in.
    language = forms.ChoiceField(label=_("Language"), choices=language_choices, required=False)
    # dir="auto": Arabic typed or pre-filled reads right to left, the rest left to right.
    subject = forms.CharField(
        label=_("Subject"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"})
    )
    # One per rendered form: a double-submitted reply is queued once (outbound_queue's key).
    nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    # Said above the box when the brand has no `reply` template in the client's language.
    language_warning: str | None = None


class StatusForm(RenderedOnceForm):
    status = forms.ChoiceField(label=_("Status"), choices=Case.Status.choices)
    # How it ended: asked when the case is resolved or closed (cases.services.case_change_status).
    done = forms.CharField(
        label=_("When closing: what was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    done_by = forms.CharField(
        label=_("By whom (a colleague, a partner, a workshop)"), max_length=200, required=False
    )
    cost = forms.DecimalField(
        label=_("Cost (optional)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    fixed = forms.ChoiceField(
        label=_("Did it fix the problem?"),
        choices=[("", "—"), ("yes", _("Yes, fixed")), ("no", _("No, not fixed"))],
        required=False,
    )


class ReassignForm(RenderedOnceForm):
    new_owner = forms.ModelChoiceField(label=_("New owner"), queryset=User.objects.none())
    handoff_note = forms.CharField(
        label=_("Handoff note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the new owner must know so the client never repeats it."),
    )

    def __init__(self, *args: object, case: Case, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["new_owner"]
        handover: list[User] | None = getattr(case, "handover", None)  # cases.selectors.case_get
        self._choices_read = handover is not None and not self.is_bound
        if self._choices_read:  # the same people, already read: no query to show the choices
            field.choices = [  # type: ignore[attr-defined]
                ("", field.empty_label),  # type: ignore[attr-defined]
                *(
                    (person.pk, field.label_from_instance(person))  # type: ignore[attr-defined]
                    for person in handover  # type: ignore[union-attr]
                ),
            ]
            return
        owners = User.objects.filter(is_active=True).exclude(pk=case.owner_id)
        # A dealer's case can go to its own staff, to a team holding its site, or to the brand's
        # care centre (clients.rules.serves_site).
        owners = owners.filter(
            Q(site_id=case.site_id) | Q(site__kind="care_centre") | holds_site(case.site_id)
        )
        field.queryset = owners.order_by("first_name", "last_name")  # type: ignore[attr-defined]

    def blank_key(self) -> tuple[object, ...] | None:
        # The same people (ids and names) give the same HTML.
        return tuple(self.fields["new_owner"].choices) if self._choices_read else None  # type: ignore[attr-defined]
