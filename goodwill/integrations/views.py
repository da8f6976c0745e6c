"""The integrations' pages: a person's API tokens (/me/api-tokens/) and the brand managers'
webhooks with their delivery log (/integrations/webhooks/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goodwill.http import apply_errors, query_page, staff_member
from goodwill.integrations import forms, selectors, services
from goodwill.integrations.models import WebhookDelivery
from goodwill.integrations.webhook_events import WEBHOOK_EVENTS
from goodwill.organisation.models import User


@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Make a token (shown once, on this answer only), list them with their last use."""
    user = staff_member(request)
    form = forms.TokenForm(request.POST or None)
    made = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, made = services.api_token_create(
                actor=user,
                user=user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            form = forms.TokenForm()
    response = render(
        request,
        "integrations/tokens.html",
        {"form": form, "made": made, "tokens": selectors.tokens_of(user=user)},
        status=400 if form.errors else 200,
    )
    add_never_cache_headers(response)  # the token must not stay in any cache
    return response


@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_member(request)
    token = selectors.token_of(user=user, pk=pk)
    if token is None:
        raise Http404("No such token")
    services.api_token_revoke(actor=user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api-tokens")


def _manager(request: HttpRequest) -> User:
    user = staff_member(request)
    if not services.can_manage_webhooks(user):
        raise PermissionDenied("The brand's managers only.")
    return user


@require_http_methods(["GET", "POST"])
def webhooks(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    form = forms.EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.webhook_endpoint_create(
                actor=user,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Share the secret below with the receiver."))
            return redirect("webhook-detail", pk=endpoint.pk)
    return render(
        request,
        "integrations/webhooks.html",
        {"form": form, "endpoints": selectors.endpoints_list(), "labels": WEBHOOK_EVENTS},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    endpoint = selectors.endpoint_get(pk=pk)
    if endpoint is None:
        raise Http404("No such endpoint")
    response = render(
        request,
        "integrations/webhook_detail.html",
        {
            "endpoint": endpoint,
            "events": [WEBHOOK_EVENTS.get(name, name) for name in endpoint.events],
            "page": selectors.deliveries_page(endpoint=endpoint, page=query_page(request.GET)),
            "replayable": {WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED},
        },
    )
    add_never_cache_headers(response)  # it shows the secret
    return response


@require_POST
def webhook_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    endpoint = selectors.endpoint_get(pk=pk)
    if endpoint is None:
        raise Http404("No such endpoint")
    services.webhook_endpoint_set_active(
        actor=user, endpoint=endpoint, active=request.POST.get("active") == "1"
    )
    return redirect("webhook-detail", pk=endpoint.pk)


@require_POST
def delivery_replay(request: HttpRequest, pk: int) -> HttpResponse:
    """Post a delivery again (the receiver is fixed): the worker sends it within seconds."""
    user = _manager(request)
    delivery = selectors.delivery_get(pk=pk)
    if delivery is None:
        raise Http404("No such delivery")
    try:
        services.webhook_replay(actor=user, delivery=delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The delivery will be sent again in a moment."))
    return redirect(reverse("webhook-detail", args=[delivery.endpoint_id]))
