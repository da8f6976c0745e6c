"""The count charts summed by the database bar by bar (the days bucketed into weeks or months
there), and the complaint clusters: the same figures as adding up every daily summary row in
Python, for every breakdown and grain."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import F

from goodwill.insights import selectors, services
from goodwill.insights.filters import DIMENSIONS, Filters
from goodwill.insights.metrics import COUNT_COLUMNS, METRICS, Kind
from goodwill.insights.models import DailySummary, MonthByModel, MonthBySite
from goodwill.insights.tests.conftest import W46, Stories
from goodwill.insights.tests.test_durations import FILTERS as DAY_FILTERS

# The summaries above run from 2026-10-10 to 2026-12-18: periods with whole months read the
# monthly roll-ups for them and the daily rows for the days around them.
OCT, NOV, DEC = dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1)
FILTERS = [
    *DAY_FILTERS,
    Filters(start=OCT, end=dt.date(2026, 12, 31), grain="month"),
    Filters(start=dt.date(2026, 10, 5), end=dt.date(2026, 12, 10), grain="month"),
    Filters(start=OCT, end=dt.date(2026, 11, 30), by="site"),
    Filters(start=dt.date(2026, 9, 20), end=dt.date(2026, 12, 3), by="advisor"),
    Filters(start=NOV, end=dt.date(2026, 11, 30), by="tier"),
    Filters(start=OCT, end=dt.date(2026, 12, 31), by="model", tier="vip"),
    Filters(start=dt.date(2026, 10, 14), end=dt.date(2026, 12, 31), by="category"),
    Filters(start=OCT, end=dt.date(2026, 12, 31), by="category", category="delivery"),
    Filters(start=DEC, end=dt.date(2026, 12, 31), by="tier", model="Tourer GT"),
]

pytestmark = pytest.mark.django_db


def _many_summaries(stories: Stories) -> None:
    """Daily summaries over ten weeks around the stories', drawn at random: several models and
    categories a day, money in cents, zeros and gaps."""
    draw = random.Random(15)
    sample = DailySummary.objects.first()
    assert sample is not None
    taken = set(
        DailySummary.objects.values_list(
            "day", "site_id", "owner_id", "tier", "category", "product_model"
        )
    )
    rows = []
    for offset in range(-30, 40):
        day = W46 + dt.timedelta(days=offset)
        for model in ("Tourer S", "Tourer GT", ""):
            for category in ("breakdown", "delivery", "complaint"):
                tier = draw.choice(["standard", "premium", "vip"])
                key = (day, sample.site_id, sample.owner_id, tier, category, model)
                if key in taken or draw.random() < 0.3:
                    continue
                taken.add(key)
                figures = {name: draw.randint(0, 4) for name in COUNT_COLUMNS}
                figures["goodwill_amount"] = Decimal(draw.randint(0, 99999)) / 100
                rows.append(
                    DailySummary(
                        day=day, site_id=sample.site_id, owner_id=sample.owner_id, tier=tier,
                        category=category, product_model=model, **figures,
                    )
                )  # fmt: skip
    DailySummary.objects.bulk_create(rows)
    # As the sweep does after writing daily rows: their months rolled up again.
    services._rollups_for(
        (row.day, row.site_id, row.owner_id, row.tier, row.category, row.product_model)
        for row in rows
    )


def _expected(filters: Filters) -> dict[Any, dict[str, Any]]:
    """Each bar's sums, row by row: the rows `_scoped` keeps, bucketed as `_bucket` does."""
    bars: dict[Any, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    rows = selectors._scoped(DailySummary.objects.all(), filters)
    field = DIMENSIONS[filters.by] if filters.by else "day"
    for row in rows.values(field, *COUNT_COLUMNS):
        key = row[field] if filters.by else selectors._bucket(filters, row[field])
        for name in COUNT_COLUMNS:
            bars[key][name] += row[name]
    return bars


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f"{f.by or f.grain}-{f.start}")
def test_one_pass_gives_every_bar_its_sums(stories: Stories, filters: Filters) -> None:
    _many_summaries(stories)
    expected = _expected(filters)
    found = selectors._counts(filters, DIMENSIONS[filters.by] if filters.by else "day").by_bar
    assert set(found) == set(expected)
    for key, sums in expected.items():
        assert {name: found[key][name] for name in COUNT_COLUMNS} == dict(sums), key
        assert not isinstance(found[key]["goodwill_amount"], float)  # cents, never a float


@pytest.mark.parametrize(
    "filters", [*DAY_FILTERS[1:3], FILTERS[-8], FILTERS[-4]], ids=lambda f: f"{f.by or f.grain}"
)
def test_the_page_draws_what_each_chart_draws_alone(stories: Stories, filters: Filters) -> None:
    _many_summaries(stories)
    charts, clusters = selectors.dashboard_page(filters=filters)
    assert clusters == selectors.complaint_clusters(filters=filters)
    assert clusters, "the data set has models with cases"
    alone = selectors.dashboard(filters=filters)
    counted = [chart for chart in charts if chart.metric.kind is not Kind.DURATION]
    assert len(counted) == len([m for m in METRICS if m.kind is not Kind.DURATION])
    assert [c.points for c in charts] == [c.points for c in alone]
    assert any(point.value for chart in counted for point in chart.points)


@pytest.mark.parametrize(
    "filters",
    [DAY_FILTERS[0], FILTERS[-9], FILTERS[-8], FILTERS[-4], FILTERS[-2], FILTERS[-1]],
    ids=lambda f: f"{f.by or f.grain}-{f.start}",
)
def test_clusters_add_up_the_opened_cases_of_each_model(stories: Stories, filters: Filters) -> None:
    _many_summaries(stories)
    clusters = selectors.complaint_clusters(filters=filters, limit=100)
    assert clusters
    rows = selectors._scoped(DailySummary.objects.all(), filters)
    assert {cluster.model for cluster in clusters} == {
        row.product_model for row in rows if row.opened or row.complaints
    }
    for cluster in clusters:
        mine = [row for row in rows if row.product_model == cluster.model]
        assert cluster.cases == sum(row.opened for row in mine)
        assert cluster.complaints == sum(row.complaints for row in mine)
        assert cluster.chasers == sum(row.chasers for row in mine)
        assert sum(cluster.by_category.values()) == cluster.cases


def test_whole_months_are_read_from_the_roll_ups(stories: Stories) -> None:
    """The figures above match whichever rows they come from; this pins that whole months do
    come from the roll-ups (a roll-up left stale shows), and the days around them do not."""
    _many_summaries(stories)
    filters = Filters(start=dt.date(2026, 10, 5), end=dt.date(2026, 12, 10), grain="month")
    assert selectors._rollup(filters) is MonthBySite
    assert selectors._month_span(filters) == (NOV, NOV)
    before = selectors._counts(filters, "day").by_bar
    MonthBySite.objects.filter(month=NOV).update(opened=F("opened") + 1000)
    after = selectors._counts(filters, "day").by_bar
    rows = MonthBySite.objects.filter(month=NOV).count()
    assert after[NOV]["opened"] == before[NOV]["opened"] + 1000 * rows
    assert after[dt.date(2026, 10, 5)] == before[dt.date(2026, 10, 5)]
    assert after[DEC] == before[DEC]
    weekly = Filters(start=NOV, end=dt.date(2026, 11, 30))
    assert selectors._rollup(weekly) is None  # a week is not made of months


def test_the_sweep_keeps_the_roll_ups_equal_to_the_days(stories: Stories) -> None:
    """The stories were summarised by the sweep (services.summaries_refresh): each month's
    roll-up rows add up to its daily rows, per site and advisor and per model."""
    assert MonthBySite.objects.exists() and MonthByModel.objects.exists()
    for model, dims in services.ROLLUPS:
        for rolled in model.objects.all():
            first = rolled.month
            days = DailySummary.objects.filter(
                day__gte=first, day__lt=selectors._next_month(first),
                **{name: getattr(rolled, name) for name in dims},
            )  # fmt: skip
            for name in COUNT_COLUMNS:
                assert getattr(rolled, name) == sum(getattr(day, name) for day in days), name
