from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from goodwill.http import staff_member
from goodwill.notifications import selectors, services


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    unread, read = selectors.inbox(user=staff_member(request))
    return render(request, "notifications/inbox.html", {"unread": unread, "read": read})


@require_POST
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its case, marking it read on the way (one's own only). A POST,
    from a button in the inbox: a GET must not change anything (link prefetchers, crawlers)."""
    user = staff_member(request)
    notification = selectors.own_notification(user=user, pk=pk)
    if notification is None:
        raise Http404("No such notification")
    services.notification_mark_read(user=user, notification_id=notification.pk)
    if notification.case is not None:
        return redirect("case-detail", reference=notification.case.reference)
    return redirect("notifications")


@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    services.notification_mark_read(user=staff_member(request), notification_id=pk)
    return redirect("notifications")


@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: I have it in hand, for the whole escalation chain (one's own, or one the chain
    told one of)."""
    notification = services.notification_acknowledge(user=staff_member(request), notification_id=pk)
    if notification is None:
        raise Http404("No such notification")
    messages.success(request, _("Acknowledged: nobody else will be told."))
    return redirect("notifications")


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=staff_member(request))
    if count:
        messages.success(request, _("All caught up."))
    return redirect("notifications")
