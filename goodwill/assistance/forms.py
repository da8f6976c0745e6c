"""Parsing of the partner directory, policy, task and partner-update forms; no behaviour."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from goodwill.assistance import rules
from goodwill.assistance.models import ExpenseClaim, Partner, PartnerKind
from goodwill.cases.models import Case
from goodwill.clients.models import Tier
from goodwill.organisation.models import Site


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.replace(";", ",").split(",") if code.strip()]


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnerKind.choices)
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.order_by("name"),
        required=False,
        empty_label=_("Whole brand"),
    )
    region = forms.CharField(label=_("Region"), max_length=100, required=False)
    contact_name = forms.CharField(label=_("Contact"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("Codes, the desk's own first: de, en"),
    )
    hours = forms.CharField(label=_("Hours"), max_length=200, required=False)
    classes = forms.CharField(
        label=_("Classes offered"),
        required=False,
        help_text=_("Car rental: B, C, E, S · hotel: 2–5 (stars) · taxi: public, taxi, chauffeur"),
    )
    accept_minutes = forms.IntegerField(label=_("Accepts within (minutes)"), min_value=1)
    arrive_minutes = forms.IntegerField(label=_("Arrives within (minutes)"), min_value=1)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def clean_languages(self) -> list[str]:
        known = {code for code, _name in settings.LANGUAGES}
        codes = _codes(self.cleaned_data["languages"])
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise forms.ValidationError(
                _("Unknown language: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        return codes

    def clean_classes(self) -> list[str]:
        return _codes(self.cleaned_data["classes"])

    @staticmethod
    def initial_for(partner: Partner) -> dict[str, Any]:
        return {
            "name": partner.name,
            "kind": partner.kind,
            "site": partner.site_id,
            "region": partner.region,
            "contact_name": partner.contact_name,
            "email": partner.email,
            "phone": partner.phone,
            "languages": ", ".join(partner.languages),
            "hours": partner.hours,
            "classes": ", ".join(partner.classes),
            "accept_minutes": partner.accept_minutes,
            "arrive_minutes": partner.arrive_minutes,
            "active": partner.active,
        }


class PolicyForm(forms.Form):
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    min_value = forms.DecimalField(
        label=_("Product value from"), min_value=0, max_digits=12, decimal_places=2
    )
    car_class = forms.ChoiceField(label=_("Replacement car"), choices=rules.CAR_CLASSES)
    hotel_class = forms.ChoiceField(label=_("Hotel"), choices=rules.HOTEL_CLASSES)
    transport_class = forms.ChoiceField(label=_("Transport"), choices=rules.TRANSPORT_CLASSES)
    nights = forms.IntegerField(label=_("Nights"), min_value=0, max_value=14)


ALL_CLASSES = [
    ("", _("As the policy says")),
    (_("Replacement car"), list(rules.CAR_CLASSES)),
    (_("Hotel"), list(rules.HOTEL_CLASSES)),
    (_("Transport"), list(rules.TRANSPORT_CLASSES)),
]


class PartnerChoice(forms.ModelChoiceField[Partner]):
    def label_from_instance(self, obj: Partner) -> str:
        return f"{obj.get_kind_display()} · {obj.name}"


class PartnerTaskForm(forms.Form):
    partner = PartnerChoice(label=_("Partner"), queryset=Partner.objects.none())
    title = forms.CharField(
        label=_("What they are to do"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Tow to the nearest dealer")}),
    )
    service_class = forms.ChoiceField(label=_("Class"), choices=ALL_CLASSES, required=False)
    nights = forms.IntegerField(label=_("Nights"), min_value=1, max_value=30, required=False)
    details = forms.CharField(
        label=_("For the partner (where, whom to call)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = partners


class PartnerUpdateForm(forms.Form):
    """What a partner can say from their link: one button each."""

    ACTIONS = ("accepted", "refused", "on_the_way", "done", "failed")

    action = forms.ChoiceField(choices=[(code, code) for code in ACTIONS])
    eta_minutes = forms.IntegerField(min_value=1, max_value=3 * 24 * 60, required=False)
    note = forms.CharField(max_length=500, required=False)


class StaffTaskUpdateForm(forms.Form):
    """The partner's word, given by phone and entered by staff on the case page."""

    status = forms.ChoiceField(
        label=_("The partner says"),
        choices=[
            ("accepted", _("Accepted")),
            ("on_the_way", _("On the way")),
            ("done", _("Done")),
            ("refused", _("Refused")),
            ("failed", _("Failed")),
        ],
    )
    eta_minutes = forms.IntegerField(
        label=_("Arriving in (minutes)"), min_value=1, max_value=3 * 24 * 60, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class GoodwillPolicyForm(forms.Form):
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any category"))], required=False
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    reimburse_limit = forms.DecimalField(
        label=_("Costs reimbursed without asking, per case, up to"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    service_credit = forms.DecimalField(
        label=_("Service credit offered"), min_value=0, max_digits=10, decimal_places=2
    )
    extra_rental_days = forms.IntegerField(
        label=_("Extra rental days offered"), min_value=0, max_value=30
    )
    advisor_limit = forms.DecimalField(
        label=_("An advisor approves up to"), min_value=0, max_digits=10, decimal_places=2
    )
    manager_limit = forms.DecimalField(
        label=_("A site manager approves up to"), min_value=0, max_digits=10, decimal_places=2
    )
    brand_limit = forms.DecimalField(
        label=_("The brand approves up to"), min_value=0, max_digits=10, decimal_places=2
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any category")), *Case.Category.choices]


class ExpenseClaimForm(forms.Form):
    what = forms.ChoiceField(label=_("Cost"), choices=ExpenseClaim.What.choices)
    description = forms.CharField(
        label=_("As the client will read it"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Taxi Taormina – Catania")}),
    )
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=10, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    receipt = forms.TypedChoiceField(
        label=_("Receipt (from the client's mail)"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[],
    )

    def __init__(self, *args: Any, receipts: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["receipt"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("No receipt")), *receipts]


class ClaimDeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why (the client reads it)"), max_length=500)
