"""The insight pages (managers and the brand's people only), kept thin: read the filters, call a
selector, render. Malformed filters are a 400 with the reason; another site's a 403."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from goodwill.cases.models import Case
from goodwill.clients.models import Tier
from goodwill.http import bad_request, staff_member
from goodwill.insights import charts, selectors
from goodwill.insights.filters import DIMENSION_LABELS, BadFilter, Filters, filters_from
from goodwill.insights.metrics import BY_KEY, METRICS, Kind, Metric
from goodwill.insights.services import last_full_week
from goodwill.organisation.access import site_scoped
from goodwill.organisation.models import Site, User

View = Callable[..., HttpResponse]
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def may_see_insights(user: User) -> bool:
    """Managers (a dealer's see their site) and the brand's administrators."""
    return user.is_superuser or user.role in (User.Role.MANAGER, User.Role.ADMIN)


def insights_only(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_see_insights(staff_member(request)):
            raise PermissionDenied("Managers only.")
        try:
            return view(request, *args, **kwargs)
        except BadFilter as problem:
            return bad_request(request, str(problem))

    return guarded


def _filters(request: HttpRequest) -> Filters:
    return filters_from(params=request.GET, user=staff_member(request), today=timezone.localdate())


def _metric(request: HttpRequest) -> Metric:
    found = BY_KEY.get(request.GET.get("metric", ""))
    if found is None:
        raise BadFilter(_("Choose a metric: %(names)s.") % {"names": ", ".join(BY_KEY)})
    return found


def _link(name: str, filters: Filters, **changes: str) -> str:
    return reverse(name) + "?" + urlencode(filters.query(**changes))


def _options(rows: Iterable[tuple[object, str, int]], selected: int | None) -> SafeString:
    """A select's options (value, label, pk), escaped, drawn here: a brand's 500 advisors
    took a tenth of the page's time through the template's loop."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        # " selected" has nothing to escape.
        ((value, " selected" if pk == selected else "", label) for value, label, pk in rows),
    )


@insights_only
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    user = staff_member(request)
    cards = []
    found, clusters = selectors.dashboard_page(filters=filters)
    # Every bar of every chart links to its cases: ~400 links on a year by site, so the path and
    # the filters' query are worked out once, not once a bar.
    cases_path, query = reverse("insights-cases"), filters.query()
    for chart in found:
        key = chart.metric.key

        def link(drill: dict[str, str], key: str = key) -> str:
            return (
                cases_path
                + "?"
                + urlencode({k: v for k, v in (query | {"metric": key} | drill).items() if v})
            )

        cards.append(
            {
                "chart": chart,
                "svg": charts.metric_svg(chart, link),
                "csv": _link("insights-export", filters, metric=key),
                "cases": _link("insights-cases", filters, metric=key),
            }
        )
    labels = {value: str(label) for value, label in Case.Category.choices}

    def cluster_link(**drill: str) -> str:
        return _link("insights-cases", filters, metric="opened", **drill)

    return render(
        request,
        "insights/dashboard.html",
        {
            "filters": filters,
            "cards": cards,
            "clusters": clusters,
            "clusters_svg": charts.clusters_svg(clusters, labels, cluster_link) if clusters else "",
            "category_labels": labels,
            # A choice of sites for whoever sees more than one (brand-wide staff, a team).
            "site_options": (
                _options(
                    site_scoped(Site.objects.order_by("name"), user=user, field="pk").values_list(
                        "code", "name", "pk"
                    ),
                    filters.site.pk if filters.site else None,
                )
                if user.seen_site_ids is None or len(user.seen_site_ids) > 1
                else ""
            ),
            "advisor_options": _options(
                (
                    (code or pk, f"{first} {last}".strip() or username, pk)
                    for code, pk, first, last, username in site_scoped(
                        User.objects.filter(
                            is_active=True,
                            role__in=[User.Role.ADVISOR, User.Role.AGENT, User.Role.MANAGER],
                        ),
                        user=user,
                    )
                    .order_by("last_name", "first_name")
                    .values_list("code", "pk", "first_name", "last_name", "username")[:500]
                ),
                filters.owner.pk if filters.owner else None,
            ),
            "tiers": Tier.choices,
            "categories": Case.Category.choices,
            "dimensions": DIMENSION_LABELS.items(),
            "top": selectors.TOP_BARS,
            "clusters_csv": _link("insights-export", filters, metric="clusters"),
        },
    )


@insights_only
@require_GET
def cases(request: HttpRequest) -> HttpResponse:
    filters, metric = _filters(request), _metric(request)
    rows = selectors.drill_down(filters=filters, metric=metric)
    columns = metric.drill_columns()
    return render(
        request,
        "insights/cases.html",
        {
            "filters": filters,
            "metric": metric,
            "rows": [(row.case, [row.figures[name] for name in columns]) for row in rows],
            "columns": [_column_label(name) for name in columns],
            "limit": selectors.DRILL_LIMIT,
            "back": reverse("insights") + "?" + urlencode(filters.query()),
        },
    )


def _column_label(name: str) -> str:
    return {
        "opened": _("Opened"),
        "clocks_met": _("Clocks met"),
        "clocks_breached": _("Clocks breached"),
        "promises_kept": _("Promises kept"),
        "promises_broken": _("Promises broken"),
        "chasers": _("Chasers"),
        "complaints": _("Complaints"),
        "goodwill_amount": _("Goodwill approved"),
        "first_response_minutes": _("First response (minutes)"),
        "resolution_minutes": _("Resolution (minutes)"),
        "satisfaction_answers": _("Satisfaction answers"),
        "satisfaction_points": _("Satisfaction score"),
        "recommendations": _("Recommendation answers"),
        "promoters": _("Promoters"),
        "nps_detractors": _("Detractors (0–6)"),
        "effort_answers": _("Effort answers"),
        "effort_points": _("Effort"),
        "detractors": _("Low answers"),
        "detractors_called": _("Called back"),
        "detractors_recovered": _("Won back"),
        "experience_cases": _("Cases scored"),
        "experience_points": _("Experience score"),
    }.get(name, name)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@insights_only
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    if request.GET.get("metric") == "clusters":
        header: list[object] = [
            _("Product model"),
            _("Category"),
            _("Cases opened"),
            _("Complaints"),
        ]
        table: list[list[object]] = [header]
        for cluster in selectors.complaint_clusters(filters=filters, limit=1000):
            for category, count in sorted(cluster.by_category.items()):
                table.append([cluster.model, category, count, ""])
            table.append([cluster.model, "", cluster.cases, cluster.complaints])
        name = "clusters"
    else:
        metric = _metric(request)
        (chart,) = selectors.dashboard(filters=filters, metrics=[metric], top=None)
        label = str(DIMENSION_LABELS[filters.by])
        if metric.kind is Kind.DURATION:
            header = [label, _("Median (hours)"), _("90th percentile (hours)"), _("Cases")]
            table = [header] + [[p.label, p.value, p.p90, int(p.denominator)] for p in chart.points]
        else:
            header = [label, str(metric.label), _("Counted"), _("Out of")]
            table = [header] + [
                [p.label, p.value, p.numerator, p.denominator or ""] for p in chart.points
            ]
        name = metric.key
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="insights-{name}-{filters.start}-{filters.end}.csv"'
    )
    writer = csv.writer(response)
    for line in table:
        writer.writerow([csv_cell(value) for value in line])
    return response


def _week(request: HttpRequest) -> dt.date:
    raw = request.GET.get("week", "")
    if not raw:
        return last_full_week(today=timezone.localdate())
    match = _WEEK.fullmatch(raw)
    try:
        if match is None:
            raise ValueError(raw)
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise BadFilter(_("“week” must be written YYYY-Www, such as 2026-W05.")) from None


@insights_only
@require_GET
def digest(request: HttpRequest) -> HttpResponse:
    week = _week(request)
    data = selectors.digest(reader=staff_member(request), week=week)
    return render(
        request,
        "insights/digest.html",
        {
            "digest": data,
            "week_name": selectors.week_name(week),
            "previous": selectors.week_name(week - dt.timedelta(days=7)),
            "next": selectors.week_name(week + dt.timedelta(days=7)),
            "metrics": METRICS,
        },
    )
