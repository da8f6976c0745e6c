"""The handover page: a manager hands a leaving (or moving) advisor's whole book over."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from goodwill.clients.services import can_serve
from goodwill.http import staff_member
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import User
from goodwill.organisation.services import staff_deactivate
from goodwill.people import selectors, services


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, username: str) -> HttpResponse:
    """GET proposes a successor for each client by the rule chosen (one successor, round robin,
    least busy); POST confirms what the manager settled, client by client, with the notes."""
    viewer = staff_member(request)
    leaving = selectors.leaving_get(viewer=viewer, username=username)
    if not services.may_hand_over(actor=viewer, leaving=leaving):
        raise PermissionDenied("Only managers hand a book over.")
    book = selectors.book_of(viewer=viewer, leaving=leaving)
    candidates = list(
        site_scoped(
            User.objects.filter(is_active=True, role__in=[User.Role.ADVISOR, User.Role.AGENT]),
            user=viewer,
        )
        .exclude(pk=leaving.pk)
        .select_related("site")
    )
    by_id = {person.pk: person for person in candidates}
    errors: list[str] = []
    if request.method == "POST" and request.POST.get("action") == "deactivate":
        try:
            staff_deactivate(actor=viewer, user=leaving, require_empty_book=True)
        except ValidationError as error:
            errors.extend(error.messages)
        else:
            messages.success(request, _("%(name)s is deactivated.") % {"name": leaving})
            return redirect("people-handover", username=leaving.username)
    elif request.method == "POST":
        assignments: dict[int, User] = {}
        for client in book.clients:
            person = by_id.get(_int(request.POST.get(f"successor_{client.pk}")) or 0)
            if person is not None:
                assignments[client.pk] = person
        notes = {
            client.pk: request.POST.get(f"note_{client.pk}", "")[:2000] for client in book.clients
        }
        try:
            result = services.book_handover(
                actor=viewer,
                leaving=leaving,
                assignments=assignments,
                notes=notes,
                default_note=request.POST.get("default_note", "")[:2000],
            )
        except ValidationError as error:
            errors.extend(error.messages)
        else:
            messages.success(
                request,
                _(
                    "Handed over: %(clients)s clients and %(cases)s open cases; %(told)s told. "
                    "Moved too: %(promises)s open promises, %(calls)s calls to make, "
                    "%(backups)s colleagues' backup."
                )
                % {
                    "clients": result.clients_moved,
                    "cases": result.cases_moved,
                    "told": result.clients_told,
                    "promises": result.promises_moved,
                    "calls": result.call_tasks_moved,
                    "backups": result.backups_moved,
                },
            )
            return redirect("people-handover", username=leaving.username)
    rule = request.GET.get("rule", services.ONE)
    rule = rule if rule in services.RULES else services.ONE
    chosen = by_id.get(_int(request.GET.get("successor")) or 0)
    plan: dict[int, User] = {}
    if rule != services.ONE or chosen is not None:
        try:
            plan = services.book_plan(
                leaving=leaving, rule=rule, clients=book.clients, successor=chosen
            )
        except ValidationError as error:
            errors.extend(error.messages)
    rows = [
        {
            "client": client,
            "proposed": plan.get(client.pk),
            "options": [p for p in candidates if can_serve(user=p, site=client.site)],
        }
        for client in book.clients
    ]
    context = {
        "leaving": leaving,
        "book": book,
        "rows": rows,
        "candidates": candidates,
        "rule": rule,
        "rules": [
            (services.ONE, _("One successor for all")),
            (services.ROUND_ROBIN, _("In turn among the site's advisors")),
            (services.LEAST_BUSY, _("The least busy of the site's advisors")),
        ],
        "chosen": chosen,
        "errors": errors,
    }
    return render(request, "people/handover.html", context, status=400 if errors else 200)
