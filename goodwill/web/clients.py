"""The client pages: search, the book, the client's whole story on one page (with their cases
and the documents they sent), new clients and contact points."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.cases.selectors import client_cases_for_filter, client_open_cases
from goodwill.channels.email.selectors import client_documents
from goodwill.clients import selectors, services
from goodwill.clients.forms import ClientForm, ContactForm, DeliveredForm, MileageForm
from goodwill.clients.models import Tier
from goodwill.clients.selectors import search_country
from goodwill.documents.models import Document
from goodwill.documents.selectors import client_documents as vault_documents
from goodwill.documents.selectors import document_search
from goodwill.experience import selectors as experience
from goodwill.http import (
    apply_errors,
    is_partial,
    query_int,
    query_page,
    staff_member,
    vary_on_htmx,
)
from goodwill.portal import services as portal_services
from goodwill.privacy.services import may_erase
from goodwill.timeline.models import Entry
from goodwill.timeline.selectors import client_timeline


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    query = request.GET.get("q", "")
    hits = selectors.client_search(user=user, query=query, country=search_country(user))
    # A number read in a client's documents (an order, invoice or serial number) finds them too.
    found = {hit.client.pk for hit in hits}
    in_documents = [
        hit for hit in document_search(user=user, query=query) if hit.client.pk not in found
    ]
    template = "clients/_search_results.html" if is_partial(request) else "clients/search.html"
    context = {
        "query": query,
        "hits": hits,
        "document_hits": in_documents,
        "limit": selectors.SEARCH_LIMIT,
    }
    return vary_on_htmx(render(request, template, context))


@require_GET
def my_clients(request: HttpRequest) -> HttpResponse:
    """The advisor's whole book, worst relationship health first (experience)."""
    tier = request.GET.get("tier", "")
    page = experience.book_by_health(
        user=staff_member(request), tier=tier, page=query_page(request.GET)
    )
    return render(request, "clients/book.html", {"page": page, "tier": tier, "tiers": Tier.choices})


@require_GET
def client_detail(request: HttpRequest, ref: str) -> HttpResponse:
    """The client's whole story on one page."""
    user = staff_member(request)
    client = selectors.client_get(user=user, ref=ref)
    case_id = query_int(request.GET, "case")
    kind_filter = request.GET.get("kind", "")
    page = client_timeline(
        client=client, case_id=case_id, kind=kind_filter or None, page=query_page(request.GET)
    )
    case_filter = str(case_id or "")
    context = {
        "client": client,
        "page": page,
        "case_filter": case_filter,
        "kind_filter": kind_filter,
    }
    if is_partial(request):
        return vary_on_htmx(render(request, "clients/detail.html#timeline", context))
    context |= {
        "contacts": list(client.contact_points.all()),
        "products": selectors.client_products(client=client, today=timezone.localdate()),
        "open_cases": client_open_cases(client=client),
        **_vault_card(client_id=client.pk, vault=vault_documents(client=client)),
        "matched_document": query_int(request.GET, "document"),
        "case_choices": client_cases_for_filter(client=client),
        "kind_choices": Entry.Kind.choices,
        "before_sale": experience.before_next_sale(client=client),
        "health": experience.client_health(client=client),
        "may_erase": may_erase(user),
    }
    return vary_on_htmx(render(request, "clients/detail.html", context))


def _vault_card(*, client_id: int, vault: list[Document]) -> dict[str, object]:
    """One card for every document: the vault's, each mail document with the message it came
    with (and how often it came), and the mail attachments the vault does not keep (not a PDF,
    image or text) still listed for download from their message."""
    by_content = {row["sha256"]: row for row in client_documents(client_id=client_id)}
    for document in vault:
        document.mail = by_content.pop(document.sha256, None)  # type: ignore[attr-defined]
    return {"vault": vault, "other_attachments": list(by_content.values())}


@require_POST
def contact_add(request: HttpRequest, ref: str) -> HttpResponse:
    user = staff_member(request)
    client = selectors.client_get(user=user, ref=ref)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            contact = services.contact_point_add(
                actor=user,
                client=client,
                kind=form.cleaned_data["kind"],
                value=form.cleaned_data["value"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(value)s added.") % {"value": contact.value})
            return redirect("client-detail", ref=client.ref)
    for problem in form.errors.values():
        messages.error(request, " ".join(str(p) for p in problem))
    return redirect("client-detail", ref=client.ref)


@require_POST
def mileage_add(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    """Staff record a product's mileage as read (on the phone, at the workshop)."""
    user = staff_member(request)
    client = selectors.client_get(user=user, ref=ref)
    product = client.products.filter(pk=pk).first()
    form = MileageForm(request.POST)
    if product is None:
        messages.error(request, _("This client has no such product."))
    elif form.is_valid():
        try:
            services.mileage_record(actor=user, product=product, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Mileage recorded."))
    else:
        for problem in form.errors.values():
            messages.error(request, " ".join(str(p) for p in problem))
    return redirect("client-detail", ref=client.ref)


@require_POST
def product_delivered(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    """Staff set (or clear) the day a product was handed to the client."""
    user = staff_member(request)
    client = selectors.client_get(user=user, ref=ref)
    product = client.products.select_related("client").filter(pk=pk).first()
    form = DeliveredForm(request.POST)
    if product is None:
        messages.error(request, _("This client has no such product."))
    elif form.is_valid():
        try:
            services.product_delivered_set(
                actor=user, product=product, delivered_on=form.cleaned_data["delivered_on"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Delivery day saved."))
    else:
        for problem in form.errors.values():
            messages.error(request, " ".join(str(p) for p in problem))
    return redirect("client-detail", ref=client.ref)


@require_POST
def portal_link_send(request: HttpRequest, ref: str) -> HttpResponse:
    """E-mail the client a private link to their portal, in their language."""
    user = staff_member(request)
    client = selectors.client_get(user=user, ref=ref)
    try:
        portal_services.portal_link_send(client=client, actor=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The link to their portal is on its way to the client."))
    return redirect("client-detail", ref=client.ref)


@require_POST
def portal_links_revoke(request: HttpRequest, ref: str) -> HttpResponse:
    """End every link to the client's portal (and the sessions opened with them)."""
    user = staff_member(request)
    client = selectors.client_get(user=user, ref=ref)
    portal_services.portal_links_revoke(client=client, actor=user)
    messages.success(request, _("Every link to the client's portal now stops working."))
    return redirect("client-detail", ref=client.ref)


@require_http_methods(["GET", "POST"])
def client_new(request: HttpRequest) -> HttpResponse:
    user = staff_member(request)
    # The screen pop's "create client" link brings the caller's number and country.
    prefill = {
        name: request.GET[name][:40] for name in ("phone", "country") if request.GET.get(name)
    }
    form = ClientForm(request.POST or None, user=user, initial=prefill)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client = services.client_create(
                actor=user,
                title=data["title"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                address_as=data["address_as"],
                email=data["email"],
                phone=data["phone"],
                language=data["language"],
                country=data["country"],
                tier=data["tier"],
                site=data["site"],
                advisor=data["advisor"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(name)s is in the book.") % {"name": client.name})
            return redirect("client-detail", ref=client.ref)
    return render(request, "clients/new.html", {"form": form}, status=400 if form.errors else 200)
