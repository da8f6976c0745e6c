"""The case page's "Costs and goodwill" section: the client's expense claims, their totals, the
policy for their tier and the form to add one, its receipt chosen among the attachments of the
client's mail on the case. It composes assistance (claims) and channels.email (attachments),
so it lives here; the section comes when opened (cases/<ref>/forms/costs/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from goodwill.assistance import selectors as assistance
from goodwill.assistance.forms import ClaimDeclineForm, ExpenseClaimForm
from goodwill.assistance.services import expense_claim_add
from goodwill.cases.models import Case
from goodwill.cases.selectors import case_get
from goodwill.channels.email.selectors import case_attachments
from goodwill.http import apply_errors, staff_member, vary_on_htmx
from goodwill.organisation.models import User


def _receipts(case: Case) -> dict[int, str]:
    return {a.pk: a.filename for a in case_attachments(case_id=case.pk)}


def claim_form(case: Case, data: object = None) -> ExpenseClaimForm:
    return ExpenseClaimForm(data or None, receipts=list(_receipts(case).items()))


def costs_section(
    request: HttpRequest, case: Case, *, form: ExpenseClaimForm | None = None
) -> HttpResponse:
    user: User = staff_member(request)
    claims = assistance.case_claims(case=case)
    context = {
        "case": case,
        "claims": claims,
        "totals": assistance.claim_totals(claims),
        "policy": assistance.goodwill_policy_for(tier=case.client.tier, category=case.category),
        "decides": {c.pk for c in claims if assistance.may_decide(user=user, claim=c)},
        "form": form or claim_form(case),
        "decline_form": ClaimDeclineForm(),
    }
    fragment = render(request, "assistance/_costs.html", context)
    if request.headers.get("HX-Request"):
        return vary_on_htmx(fragment)
    return vary_on_htmx(render(request, "assistance/costs_page.html", context))


@require_POST
def claim_new(request: HttpRequest, reference: str) -> HttpResponse:
    user = staff_member(request)
    case = case_get(user=user, reference=reference)
    form = claim_form(case, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            claim = expense_claim_add(
                actor=user,
                case=case,
                what=data["what"],
                description=data["description"],
                amount=data["amount"],
                currency=data["currency"],
                receipt_attachment_id=data["receipt"],
                receipt_name=_receipts(case).get(data["receipt"], "") if data["receipt"] else "",
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if claim.within_policy:
                messages.success(request, _("Within the policy: approved; the client is told."))
            else:
                messages.warning(
                    request,
                    _("Above the policy: it waits for an approver, who is told."),
                )
            return redirect("case-detail", reference=case.reference)
    response = costs_section(request, case, form=form)
    response.status_code = 400
    return response
