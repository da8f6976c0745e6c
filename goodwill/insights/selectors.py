"""Every read of the insight pages and the digest. They read the summaries only (CaseDay and
DailySummary), never the live tables, so their cost follows the period shown, not the history."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet, Sum
from django.utils import formats
from django.utils.translation import gettext as _

from goodwill.care.models import CallTask
from goodwill.cases.models import Case
from goodwill.clients.models import Tier
from goodwill.experience.rules import Reason
from goodwill.experience.selectors import worst_cases
from goodwill.insights.filters import DIMENSIONS, Filters, seen_sites
from goodwill.insights.metrics import BY_KEY, COUNT_COLUMNS, METRICS, Kind, Metric
from goodwill.insights.models import CaseDay, DailySummary, MonthByModel, MonthBySite
from goodwill.organisation.models import Site, User
from goodwill.promises.models import Promise
from goodwill.surveys.models import TOP_SCORE
from goodwill.surveys.selectors import detractor_answers

DRILL_LIMIT = 500


@dataclass
class Point:
    """One bar: its label, the filters' changes that list its cases, and its figures."""

    label: str
    drill: dict[str, str]
    value: float | None = None
    numerator: float = 0
    denominator: float = 0
    p90: float | None = None  # durations only


@dataclass
class Chart:
    metric: Metric
    points: list[Point] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return any(point.value is not None for point in self.points)


def _scoped[M: (CaseDay, DailySummary)](rows: QuerySet[M], filters: Filters) -> QuerySet[M]:
    rows = rows.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.only_site_ids is not None:
        rows = rows.filter(site_id__in=filters.only_site_ids)
    if filters.site is not None:
        rows = rows.filter(site_id=filters.site.pk)
    if filters.owner is not None:
        rows = rows.filter(owner_id=filters.owner.pk)
    for name in ("tier", "category"):
        if value := getattr(filters, name):
            rows = rows.filter(**{name: value})
    if filters.model:
        rows = rows.filter(product_model=filters.model)
    return rows


def periods(filters: Filters) -> list[tuple[dt.date, dt.date]]:
    """The weeks (Monday to Sunday) or calendar months the period covers, cut to the period."""
    spans = []
    if filters.grain == "month":
        first = filters.start.replace(day=1)
    else:
        first = filters.start - dt.timedelta(days=filters.start.weekday())
    while first <= filters.end:
        if filters.grain == "month":
            following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            following = first + dt.timedelta(days=7)
        spans.append(
            (max(first, filters.start), min(following - dt.timedelta(days=1), filters.end))
        )
        first = following
    return spans


def week_name(monday: dt.date) -> str:
    """An ISO week as people write it: 2026-W05."""
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _period_label(start: dt.date, grain: str) -> str:
    if grain == "month":
        return formats.date_format(start, "M Y")
    return week_name(start)


def _dimension_labels(by: str, values: Iterable[Any]) -> dict[Any, str]:
    values = list(values)
    if by == "site":
        return {site.pk: site.name for site in Site.objects.filter(pk__in=values)}
    if by == "advisor":
        return {person.pk: str(person) for person in User.objects.filter(pk__in=values)}
    if by == "tier":
        return {
            value: str(Tier(value).label) if value in Tier.values else value for value in values
        }
    if by == "category":
        labels = dict(Case.Category.choices)
        return {value: str(labels.get(value, value)) for value in values}
    return {value: value or _("No product") for value in values}


def _figure(metric: Metric, sums: dict[str, Any]) -> tuple[float | None, float, float]:
    """(value, numerator, denominator) of a count metric from summed columns."""
    numerator = float(sums.get(metric.column) or 0)
    if metric.less:
        numerator -= float(sums.get(metric.less) or 0)
    if metric.kind in (Kind.RATE, Kind.PER_100, Kind.NET, Kind.AVERAGE):
        denominator = float(sum(sums.get(name) or 0 for name in metric.of))
        if not denominator:
            return None, numerator, 0
        if metric.kind is Kind.AVERAGE:
            return round(numerator / denominator, 2), numerator, denominator
        return round(numerator / denominator * 100.0, 1), numerator, denominator
    return numerator, numerator, 0


def _quantile(values: list[int], q: float, *, ordered: bool = False) -> float:
    """The nearest-rank quantile: a value that happened, not an interpolation."""
    ordered_values = values if ordered else sorted(values)
    return float(ordered_values[max(0, math.ceil(q * len(ordered_values)) - 1)])


def _groups(filters: Filters) -> tuple[list[tuple[Any, str, dict[str, str]]], str]:
    """The bars of every chart: (key, label, drill changes) and the field grouping them."""
    if not filters.by:
        return [
            (
                start,
                _period_label(start, filters.grain),
                {"from": start.isoformat(), "to": end.isoformat()},
            )
            for start, end in periods(filters)
        ], "day"
    return [], DIMENSIONS[filters.by]


def _bucket(filters: Filters, day: dt.date) -> dt.date:
    if filters.grain == "month":
        return max(day.replace(day=1), filters.start)
    return max(day - dt.timedelta(days=day.weekday()), filters.start)


@dataclass(frozen=True)
class Spread:
    """The median and 90th percentile of one bar's minutes (nearest rank, `_quantile`), and how
    many minutes they were taken from."""

    count: int
    median: float
    p90: float


def _spread(minutes: list[int]) -> Spread:
    ordered = sorted(minutes)
    return Spread(
        len(ordered), _quantile(ordered, 0.5, ordered=True), _quantile(ordered, 0.9, ordered=True)
    )


def _durations(
    filters: Filters, metrics: list[Metric], group_field: str
) -> dict[str, dict[Any, Spread]]:
    """The median and 90th percentile of each duration metric, per bar, exact (never
    approximated: the figures are those of `_quantile` over the bar's every minute). One query:
    on PostgreSQL the database computes them (`percentile_disc`); on SQLite it hands each bar's
    minutes over as one text and Python sorts them."""
    if not metrics:
        return {}
    present = Q()
    for metric in metrics:
        present |= Q(**{f"{metric.column}__isnull": False})
    rows = _scoped(CaseDay.objects.all(), filters).filter(present)
    if connection.vendor == "postgresql":
        return _durations_in_sql(filters, metrics, group_field, rows)
    return _durations_in_python(filters, metrics, group_field, rows)


def _bar_key(filters: Filters, column: str) -> tuple[str, list[Any]]:
    """The SQL naming a row's bar from `column` (the grouping field's value): the value itself
    for a breakdown; over time, the day's week (ISO, from Monday) or month, cut to the period's
    first day, as `_bucket` cuts it."""
    if filters.by:
        return column, []
    postgresql = connection.vendor == "postgresql"
    if filters.grain == "month":
        start = (
            f"date_trunc('month', {column}::timestamp)::date"
            if postgresql
            else f"date({column}, 'start of month')"
        )
    else:
        start = (
            f"date_trunc('week', {column}::timestamp)::date"
            if postgresql
            else f"date({column}, '-6 days', 'weekday 1')"
        )
    if postgresql:
        return f"GREATEST({start}, %s::date)", [filters.start]
    return f"max({start}, %s)", [filters.start.isoformat()]


def _bar_value(filters: Filters, key: Any) -> Any:
    """A bar's key as `_bar_key` hands it back: SQLite gives a day as text."""
    if not filters.by and isinstance(key, str):
        return dt.date.fromisoformat(key)
    return key


def _grouped_sql(
    filters: Filters, metrics: list[Metric], group_field: str, rows: QuerySet[CaseDay], figure: str
) -> tuple[str, list[Any]]:
    """`rows`' minutes grouped by bar, in one query: `figure` (with `{c}` for a metric's column)
    computed per metric and bar."""
    columns = [f"m{n}" for n in range(len(metrics))]
    named = {"g": F(group_field)} | {c: F(m.column) for c, m in zip(columns, metrics, strict=True)}
    sql, params = rows.values(**named).query.sql_with_params()
    key, key_params = _bar_key(filters, "g")
    figures = ", ".join(figure.format(c=c) for c in columns)
    # Only our own column names and Django's compiled query are written in; values are params.
    query = (
        f"SELECT {key} AS k, {figures} FROM ({sql}) AS spread_rows "  # noqa: S608
        "GROUP BY k"
    )
    return query, [*key_params, *params]


def _durations_in_sql(
    filters: Filters, metrics: list[Metric], group_field: str, rows: QuerySet[CaseDay]
) -> dict[str, dict[Any, Spread]]:
    """PostgreSQL: `percentile_disc` is the nearest-rank quantile `_quantile` takes (the first
    value whose cumulative share reaches the fraction), so the figures are the same; nulls are
    left out as the Python path leaves them out. A few rows come back, one a bar."""
    query, params = _grouped_sql(
        filters, metrics, group_field, rows,
        "count({c}), percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY {c})",
    )  # fmt: skip
    found: dict[str, dict[Any, Spread]] = {metric.key: {} for metric in metrics}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for group, *figures in cursor.fetchall():
            for n, metric in enumerate(metrics):
                count, quantiles = figures[2 * n], figures[2 * n + 1]
                if count:
                    found[metric.key][group] = Spread(
                        count, float(quantiles[0]), float(quantiles[1])
                    )
    return found


def _durations_in_python(
    filters: Filters, metrics: list[Metric], group_field: str, rows: QuerySet[CaseDay]
) -> dict[str, dict[Any, Spread]]:
    """Every bar's minutes gathered by the database into one text a metric (one row a bar comes
    back, not one a case-day: the transfer and the per-row Python were most of the cost), then
    sorted in Python."""
    concat = (
        "string_agg({c}::text, ',')" if connection.vendor == "postgresql" else "group_concat({c})"
    )
    query, params = _grouped_sql(filters, metrics, group_field, rows, concat)
    found: dict[str, dict[Any, Spread]] = {metric.key: {} for metric in metrics}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for group, *texts in cursor.fetchall():
            group = _bar_value(filters, group)
            for metric, text in zip(metrics, texts, strict=True):
                if text:
                    found[metric.key][group] = _spread(list(map(int, text.split(","))))
    return found


# A breakdown shows its busiest values only: 500 advisors' bars are no chart (the CSV has all).
TOP_BARS = 25


@dataclass
class Cluster:
    model: str
    cases: int
    complaints: int
    chasers: int
    by_category: dict[str, int]


@dataclass
class _Counts:
    """The period's summed count columns by bar and, when asked, by product model and category
    (what the complaint clusters read)."""

    by_bar: dict[Any, dict[str, Any]]
    by_model: list[dict[str, Any]] | None = None


# The columns the complaint clusters add up.
_CLUSTER_COLUMNS = ("opened", "complaints", "chasers")


def _month_span(filters: Filters) -> tuple[dt.date, dt.date] | None:
    """The first days of the first and last whole calendar months inside the period, or None
    when it holds none."""
    first = filters.start if filters.start.day == 1 else _next_month(filters.start)
    last = filters.end.replace(day=1)
    if _next_month(filters.end) - dt.timedelta(days=1) != filters.end:
        last = _previous_month(last)
    return (first, last) if first <= last else None


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _previous_month(first: dt.date) -> dt.date:
    return (first - dt.timedelta(days=1)).replace(day=1)


def _rollup(filters: Filters, *, clusters: bool = False) -> type[MonthBySite | MonthByModel] | None:
    """The monthly roll-up that holds what these filters ask (None: only the daily rows do). By
    month over time or by a breakdown, never by week; MonthBySite when no tier, category or
    model narrows it; MonthByModel for every site at once. The clusters group by model."""
    every_site = filters.site is None and filters.owner is None and filters.only_site_ids is None
    if clusters:  # one figure a model for the whole period: weeks or months do not matter
        return MonthByModel if every_site else None
    if not filters.by and filters.grain != "month":
        return None
    by_site = not (filters.tier or filters.category or filters.model)
    if by_site and filters.by in ("", "site", "advisor"):
        return MonthBySite
    if every_site and filters.by in ("", "tier", "category", "model"):
        return MonthByModel
    return None


def _add(into: dict[str, Any], sums: Mapping[str, Any], columns: Iterable[str]) -> None:
    for name in columns:
        into[name] = into.get(name, 0) + (sums.get(name) or 0)


def _counts(filters: Filters, group_field: str, *, clusters: bool = False) -> _Counts:
    """The count columns summed per bar and, with `clusters`, per model and category. The whole
    months of the period come from a monthly roll-up when one holds the breakdown (a year of
    every site is ~6,000 rows there, ~300,000 daily ones), the days around them from the daily
    rows; otherwise every day from the daily rows."""
    by_bar: dict[Any, dict[str, Any]] = {}
    rollup, months = _rollup(filters), _month_span(filters)
    if rollup is not None and months is not None:
        for row in (
            _scoped_months(rollup, filters, months)
            .values("month" if not filters.by else group_field)
            .annotate(**{name: Sum(name) for name in COUNT_COLUMNS})
            .order_by()
        ):
            key = row.pop("month") if not filters.by else row.pop(group_field)
            _add(by_bar.setdefault(key, {}), row, COUNT_COLUMNS)
        for edge in _edges(filters, months):
            for key, sums in _daily_counts(edge, group_field).items():
                _add(by_bar.setdefault(key, {}), sums, COUNT_COLUMNS)
    else:
        by_bar = _daily_counts(filters, group_field)
    return _Counts(by_bar=by_bar, by_model=_cluster_rows(filters) if clusters else None)


def _edges(filters: Filters, months: tuple[dt.date, dt.date]) -> list[Filters]:
    """The days of the period before its first whole month and after its last."""
    edges = []
    if filters.start < months[0]:
        edges.append(filters.narrowed(filters.start, months[0] - dt.timedelta(days=1)))
    after = _next_month(months[1])
    if after <= filters.end:
        edges.append(filters.narrowed(after, filters.end))
    return edges


def _scoped_months(
    model: type[MonthBySite] | type[MonthByModel], filters: Filters, months: tuple[dt.date, dt.date]
) -> QuerySet[Any]:
    """`_scoped` for a roll-up: its whole months, and the filters it holds (`_rollup` chose it
    so that it holds every filter given)."""
    wanted: dict[str, Any] = {"month__gte": months[0], "month__lte": months[1]}
    if model is MonthBySite:
        if filters.only_site_ids is not None:
            wanted["site_id__in"] = filters.only_site_ids
        if filters.site is not None:
            wanted["site_id"] = filters.site.pk
        if filters.owner is not None:
            wanted["owner_id"] = filters.owner.pk
    else:
        for name in ("tier", "category"):
            if value := getattr(filters, name):
                wanted[name] = value
        if filters.model:
            wanted["product_model"] = filters.model
    return model.objects.filter(**wanted)


def _daily_counts(filters: Filters, group_field: str) -> dict[Any, dict[str, Any]]:
    """The count columns summed per bar from the daily rows: grouped by the breakdown's value,
    or over time by day and the days added into their week or month here (SQLite's date
    functions on every row took twice as long as the grouping itself)."""
    rows = (
        _scoped(DailySummary.objects.all(), filters)
        .values(group_field)
        .annotate(**{name: Sum(name) for name in COUNT_COLUMNS})
        .order_by()
    )
    by_bar: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = row.pop(group_field)
        _add(
            by_bar.setdefault(_bucket(filters, key) if not filters.by else key, {}),
            row,
            COUNT_COLUMNS,
        )
    return by_bar


def _cluster_rows(filters: Filters) -> list[dict[str, Any]]:
    """The cases opened, complaints and chasers of the period, per product model and category:
    the whole months from MonthByModel when the filters allow it, the rest from the days."""
    rollup, months = _rollup(filters, clusters=True), _month_span(filters)
    spans = [filters]
    found: dict[tuple[str, str], dict[str, Any]] = {}
    if rollup is not None and months is not None:
        spans = _edges(filters, months)
        for row in (
            _scoped_months(rollup, filters, months)
            .values("product_model", "category")
            .annotate(**{name: Sum(name) for name in _CLUSTER_COLUMNS})
            .order_by()
        ):
            _add(
                found.setdefault((row["product_model"], row["category"]), {}), row, _CLUSTER_COLUMNS
            )
    for span in spans:
        for row in (
            _scoped(DailySummary.objects.all(), span)
            .values("product_model", "category")
            .annotate(**{name: Sum(name) for name in _CLUSTER_COLUMNS})
            .order_by()
        ):
            _add(
                found.setdefault((row["product_model"], row["category"]), {}), row, _CLUSTER_COLUMNS
            )
    return [
        {"product_model": model, "category": category, **sums}
        for (model, category), sums in found.items()
    ]


def dashboard_page(*, filters: Filters) -> tuple[list[Chart], list[Cluster]]:
    """What the dashboard shows: a chart a metric and the complaint clusters."""
    counts = _counts(filters, _groups(filters)[1], clusters=True)
    return dashboard(filters=filters, counts=counts), complaint_clusters(
        filters=filters, counts=counts
    )


def dashboard(
    *,
    filters: Filters,
    metrics: Iterable[Metric] = METRICS,
    top: int | None = TOP_BARS,
    counts: _Counts | None = None,
) -> list[Chart]:
    """One chart a metric, over time or by the chosen breakdown (its `top` busiest values, by
    cases opened): one query for every count metric, one for the durations."""
    metrics = list(metrics)
    bars, group_field = _groups(filters)
    sums_by = (counts or _counts(filters, group_field)).by_bar
    durations = _durations(filters, [m for m in metrics if m.kind is Kind.DURATION], group_field)
    if filters.by:
        keys: set[Any] = set(sums_by)
        for found in durations.values():
            keys.update(found)
        labels = _dimension_labels(filters.by, keys)
        drill_values = {key: str(key) for key in keys}
        if filters.by == "site":  # a site is named by its code in links
            drill_values.update(Site.objects.filter(pk__in=keys).values_list("pk", "code"))
        ordered = sorted(
            keys, key=lambda key: (-float(sums_by.get(key, {}).get("opened") or 0), labels[key])
        )[:top]
        bars = [(key, labels[key], {filters.by: drill_values[key]}) for key in ordered]
    charts = []
    for metric in metrics:
        chart = Chart(metric=metric)
        for key, label, drill in bars:
            if metric.kind is Kind.DURATION:
                spread = durations[metric.key].get(key)
                point = Point(label=label, drill=drill)
                if spread is not None:
                    point.denominator = spread.count
                    point.value = round(spread.median / 60, 1)
                    point.p90 = round(spread.p90 / 60, 1)
            else:
                value, numerator, denominator = _figure(metric, sums_by.get(key, {}))
                point = Point(label, drill, value, numerator, denominator)
            chart.points.append(point)
        charts.append(chart)
    return charts


def complaint_clusters(
    *, filters: Filters, limit: int = 8, counts: _Counts | None = None
) -> list[Cluster]:
    """What goes wrong on which model: the cases opened per product model and category, with the
    complaint messages and chasers they brought, the models with most cases first."""
    rows: Iterable[Mapping[str, Any]] = (
        counts.by_model
        if counts is not None and counts.by_model is not None
        else _cluster_rows(filters)
    )
    models: dict[str, Cluster] = {}
    for row in rows:
        cluster = models.setdefault(
            row["product_model"], Cluster(row["product_model"], 0, 0, 0, {})
        )
        cluster.cases += row["opened"] or 0
        cluster.complaints += row["complaints"] or 0
        cluster.chasers += row["chasers"] or 0
        if row["opened"]:
            cluster.by_category[row["category"]] = (
                cluster.by_category.get(row["category"], 0) + row["opened"]
            )
    found = [cluster for cluster in models.values() if cluster.cases or cluster.complaints]
    return sorted(found, key=lambda c: (-c.cases, -c.complaints, c.model))[:limit]


@dataclass
class DrillRow:
    case: Case
    figures: dict[str, Any]


def drill_down(*, filters: Filters, metric: Metric, limit: int = DRILL_LIMIT) -> list[DrillRow]:
    """The cases behind a bar: those whose CaseDays in the filters count for `metric`, with what
    they counted, the most counted first."""
    columns = metric.drill_columns()
    rows = _scoped(CaseDay.objects.all(), filters)
    if metric.kind is Kind.DURATION:
        rows = rows.filter(**{f"{metric.column}__isnull": False})
        sums = rows.values("case_id").annotate(**{metric.column: Sum(metric.column)})
        order = f"-{metric.column}"
    else:
        wanted = Q()
        for name in columns:
            wanted |= Q(**{f"{name}__gt": 0})
        sums = rows.filter(wanted).values("case_id").annotate(**{n: Sum(n) for n in columns})
        order = f"-{columns[0]}"
    figures: dict[int, dict[str, Any]] = {
        row["case_id"]: dict(row) for row in sums.order_by(order, "case_id")[:limit]
    }
    cases = Case.objects.filter(pk__in=list(figures)).select_related("client", "owner", "site")
    by_id = {case.pk: case for case in cases}
    return [
        DrillRow(by_id[case_id], {name: row[name] for name in columns})
        for case_id, row in figures.items()
        if case_id in by_id
    ]


# The weekly digest.


@dataclass
class WeekFigures:
    opened: int = 0
    closed: int = 0
    clocks_kept: float | None = None
    promises_kept: int = 0
    promises_broken: int = 0
    chasers: int = 0
    first_response_hours: float | None = None


@dataclass
class Story:
    """One of the week's worst client stories: the case, its experience score and why."""

    case: Case
    score: int
    reasons: tuple[Reason, ...]  # the heaviest few


@dataclass
class LowScore:
    """One unhappy client's survey answer of the week, and how the loop was closed."""

    case: Case
    kind: str
    score: int
    top: int  # the scale's best score (5 or 10)
    answered_at: dt.datetime
    called: bool  # the call asked for was made (its outcome recorded, or marked done)
    recovered: bool | None  # won back; None while the call's outcome is not recorded
    comment: str


@dataclass
class Digest:
    week: dt.date  # its Monday
    sites: str
    this_week: WeekFigures
    week_before: WeekFigures
    worst: list[Story]
    broken_promises: list[Promise]
    low_scores: list[LowScore]


def _week_filters(reader: User, monday: dt.date) -> Filters:
    return Filters(
        start=monday,
        end=monday + dt.timedelta(days=6),
        only_site_ids=seen_sites(reader),
    )


def _week_figures(filters: Filters) -> WeekFigures:
    sums = _scoped(DailySummary.objects.all(), filters).aggregate(
        **{name: Sum(name) for name in COUNT_COLUMNS}
    )
    met, breached = sums["clocks_met"] or 0, sums["clocks_breached"] or 0
    minutes = [
        value
        for value in _scoped(CaseDay.objects.all(), filters).values_list(
            "first_response_minutes", flat=True
        )
        if value is not None
    ]
    return WeekFigures(
        opened=sums["opened"] or 0,
        closed=sums["closed"] or 0,
        clocks_kept=round(met / (met + breached) * 100, 1) if met + breached else None,
        promises_kept=sums["promises_kept"] or 0,
        promises_broken=sums["promises_broken"] or 0,
        chasers=sums["chasers"] or 0,
        first_response_hours=round(_quantile(minutes, 0.5) / 60, 1) if minutes else None,
    )


def _week_span(filters: Filters) -> tuple[dt.datetime, dt.datetime, list[int] | None]:
    since = dt.datetime.combine(filters.start, dt.time(), tzinfo=dt.UTC)
    until = dt.datetime.combine(filters.end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    sites = None if filters.only_site_ids is None else list(filters.only_site_ids)
    if filters.site is not None:
        sites = [filters.site.pk] if sites is None or filters.site.pk in sites else []
    return since, until, sites


def worst_stories(*, filters: Filters, limit: int = 5, reasons: int = 3) -> list[Story]:
    """The period's worst client stories, worst first: the lowest experience scores of the cases
    whose story moved in the period (experience.selectors.worst_cases says which and in what
    order). The one place the digest, its page and its e-mail learn what "worst" is."""
    since, until, sites = _week_span(filters)
    return [
        Story(case=found.case, score=found.score, reasons=found.reasons[:reasons])
        for found in worst_cases(since=since, until=until, sites=sites, limit=limit)
    ]


def low_survey_scores(*, filters: Filters, limit: int = 50) -> list[LowScore]:
    """Each answer of the period that asked for a call to an unhappy client (surveys' detractor
    rule), in the order they came, with whether the call was made and the client won back."""
    since, until, sites = _week_span(filters)
    return [
        LowScore(
            case=survey.case,
            kind=survey.kind,
            score=survey.score or 0,
            top=TOP_SCORE[survey.kind],
            answered_at=survey.final_at or since,
            called=survey.recovered is not None
            or (survey.call_task is not None and survey.call_task.state == CallTask.State.DONE),
            recovered=survey.recovered,
            comment=survey.comment,
        )
        for survey in detractor_answers(since=since, until=until, sites=sites, limit=limit)
    ]


def digest(*, reader: User, week: dt.date) -> Digest:
    """The weekly digest of `week` (its Monday) as `reader` may see it: their site, or every
    site for the brand's people."""
    filters = _week_filters(reader, week)
    before = _week_filters(reader, week - dt.timedelta(days=7))
    start = dt.datetime.combine(week, dt.time(), tzinfo=dt.UTC)
    broken = Promise.objects.filter(
        status=Promise.Status.BROKEN,
        resolved_at__gte=start,
        resolved_at__lt=start + dt.timedelta(days=7),
    ).select_related("case", "case__client", "made_by")
    if filters.only_site_ids is not None:
        broken = broken.filter(case__site_id__in=filters.only_site_ids)
    if filters.only_site_ids is None:
        sites = _("every site")
    elif filters.only_site_ids == (reader.site_id,):
        sites = str(reader.site)  # read with the user already (organisation.backends)
    else:  # a team's sites
        sites = ", ".join(
            Site.objects.filter(pk__in=filters.only_site_ids)
            .order_by("name")
            .values_list("name", flat=True)
        )
    return Digest(
        week=week,
        sites=sites,
        this_week=_week_figures(filters),
        week_before=_week_figures(before),
        worst=worst_stories(filters=filters),
        broken_promises=list(broken.order_by("resolved_at")[:20]),
        low_scores=low_survey_scores(filters=filters),
    )


def digest_readers() -> QuerySet[User]:
    """Who receives the weekly digest: the managers (a dealer's for their site, the care centre's
    for every site) and the administrators, active and with an e-mail address."""
    return (
        User.objects.filter(is_active=True, role__in=[User.Role.MANAGER, User.Role.ADMIN])
        .exclude(email="")
        .select_related("site")
        .order_by("pk")
    )


def metric(key: str) -> Metric | None:
    return BY_KEY.get(key)
