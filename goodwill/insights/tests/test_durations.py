"""The medians and 90th percentiles of the duration charts: the same figures whichever way they
are computed (PostgreSQL in SQL, elsewhere in Python), and the nearest rank, never interpolated."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test import Client as HttpClient

from goodwill.insights import selectors
from goodwill.insights.filters import Filters
from goodwill.insights.metrics import BY_KEY
from goodwill.insights.models import CaseDay
from goodwill.insights.tests.conftest import W46, W47, Stories
from goodwill.organisation.models import User

DURATIONS = [BY_KEY["first_response"], BY_KEY["resolution"]]


def _many_days(stories: Stories) -> None:
    """A case-day for each of the stories' cases on each day of ten weeks around theirs, with
    minutes drawn at random (ties, a lone value, nulls in one column or the other)."""
    draw = random.Random(14)
    taken = set(CaseDay.objects.values_list("case_id", "day"))
    rows = []
    for n, case in enumerate((stories.tyre, stories.strap, stories.older)):
        sample = CaseDay.objects.filter(case=case).first()
        assert sample is not None
        for offset in range(-30, 40):
            day = W46 + dt.timedelta(days=offset)
            if (case.pk, day) in taken or draw.random() < 0.2:
                continue
            first = draw.choice([None, draw.randint(0, 50), draw.randint(0, 5000)])
            resolution = None if draw.random() < 0.6 else draw.randint(60, 40000)
            rows.append(
                CaseDay(
                    case=case, day=day, site_id=sample.site_id, owner_id=sample.owner_id,
                    tier=("standard", "premium", "vip")[(offset + n) % 3],
                    category=sample.category, product_model=sample.product_model,
                    first_response_minutes=first, resolution_minutes=resolution,
                )
            )  # fmt: skip
    CaseDay.objects.bulk_create(rows)


FILTERS = [
    Filters(start=W46 - dt.timedelta(days=30), end=W47 + dt.timedelta(days=30)),
    Filters(start=W46 - dt.timedelta(days=26), end=W47 + dt.timedelta(days=3), grain="month"),
    Filters(start=W46 - dt.timedelta(days=30), end=W47 + dt.timedelta(days=30), by="site"),
    Filters(start=W46 - dt.timedelta(days=30), end=W47, by="advisor"),
    Filters(start=W46 - dt.timedelta(days=12), end=W47 + dt.timedelta(days=9), by="tier"),
    Filters(start=W46, end=W47 + dt.timedelta(days=30), by="model", tier="vip"),
    Filters(start=W46, end=W47 + dt.timedelta(days=30), by="category"),
]


def _expected(filters: Filters) -> dict[str, dict[object, selectors.Spread]]:
    """Brute force: every bar's minutes listed, and `_quantile` asked."""
    _bars, group_field = selectors._groups(filters)
    minutes: dict[str, dict[object, list[int]]] = {m.key: {} for m in DURATIONS}
    for row in selectors._scoped(CaseDay.objects.all(), filters):
        key = selectors._bucket(filters, row.day) if not filters.by else getattr(row, group_field)
        for metric in DURATIONS:
            value = getattr(row, metric.column)
            if value is not None:
                minutes[metric.key].setdefault(key, []).append(value)
    return {
        metric: {
            key: selectors.Spread(
                len(values), selectors._quantile(values, 0.5), selectors._quantile(values, 0.9)
            )
            for key, values in found.items()
        }
        for metric, found in minutes.items()
    }


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f"{f.by or f.grain}")
def test_every_bar_has_the_nearest_rank_median_and_p90(stories: Stories, filters: Filters) -> None:
    _many_days(stories)
    group_field = selectors._groups(filters)[1]
    found = selectors._durations(filters, DURATIONS, group_field)
    expected = _expected(filters)
    assert any(expected.values())
    assert found == expected


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f"{f.by or f.grain}")
def test_postgresql_computes_the_same_figures_as_python(stories: Stories, filters: Filters) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("percentile_disc is PostgreSQL's")
    _many_days(stories)
    group_field = selectors._groups(filters)[1]
    rows = selectors._scoped(CaseDay.objects.all(), filters).filter(
        first_response_minutes__isnull=False
    ) | selectors._scoped(CaseDay.objects.all(), filters).filter(resolution_minutes__isnull=False)
    in_sql = selectors._durations_in_sql(filters, DURATIONS, group_field, rows)
    in_python = selectors._durations_in_python(filters, DURATIONS, group_field, rows)
    assert in_sql == in_python
    assert any(in_sql.values())


def test_the_chart_shows_hours_and_the_cases_counted(
    client: HttpClient, manager: User, stories: Stories
) -> None:
    client.force_login(manager)
    (chart,) = selectors.dashboard(
        filters=Filters(start=W46, end=W47 + dt.timedelta(days=6)), metrics=[DURATIONS[0]]
    )
    # In W47 the tyre was answered after 90 minutes, the strap after 78 hours: of two, the
    # median is the first (nearest rank, not their mean) and the 90th percentile the second.
    week47 = chart.points[1]
    assert (week47.value, week47.p90, week47.denominator) == (1.5, 78.0, 2)
    assert chart.points[0].value is None and chart.points[0].denominator == 0
    exported = client.get(
        "/insights/export.csv",
        {"from": W46.isoformat(), "to": "2026-11-22", "metric": "first_response"},
    ).content.decode()
    assert "2026-W47,1.5,78.0,2" in exported
