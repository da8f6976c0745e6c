"""Insight summaries: what the dashboards and the weekly digest read, never the live tables.

`CaseDay` is what one case did on one day; `DailySummary` adds them up per day and breakdown
(site, owner, tier, category, product model). Both are derived data, rebuilt from the live tables
by `insights.services` (the sweep `insights.sweeps.summaries_due` for the days touched since its
last run, `manage.py insights_rebuild` for everything). Days are UTC days.

The metric columns are listed once, in `insights.metrics.COUNT_COLUMNS` and `METRICS`: a new
metric (a survey score, effort, the experience score) is a column here and a line there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from goodwill.organisation.models import Site


class _Counts(models.Model):
    """The summed columns (insights.metrics.COUNT_COLUMNS), on every summary."""

    # Counts of what happened (insights.metrics.COUNT_COLUMNS).
    opened = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    clocks_met = models.PositiveIntegerField(default=0)
    clocks_breached = models.PositiveIntegerField(default=0)
    promises_kept = models.PositiveIntegerField(default=0)
    promises_broken = models.PositiveIntegerField(default=0)
    chasers = models.PositiveIntegerField(default=0)
    complaints = models.PositiveIntegerField(default=0)
    goodwill_claims = models.PositiveIntegerField(default=0)
    # Approved expense claims in the reporting currency (insights.metrics.REPORT_CURRENCY).
    goodwill_amount = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    # Survey answers made final that day (goodwill.surveys): counts and sums of scores, so that
    # an average over any period is a sum over a sum.
    satisfaction_answers = models.PositiveIntegerField(default=0)
    satisfaction_points = models.PositiveIntegerField(default=0)
    recommendations = models.PositiveIntegerField(default=0)
    promoters = models.PositiveIntegerField(default=0)
    nps_detractors = models.PositiveIntegerField(default=0)
    effort_answers = models.PositiveIntegerField(default=0)
    effort_points = models.PositiveIntegerField(default=0)
    detractors = models.PositiveIntegerField(default=0)
    detractors_called = models.PositiveIntegerField(default=0)
    detractors_recovered = models.PositiveIntegerField(default=0)
    # The experience score (goodwill.experience) of the cases closed that day.
    experience_cases = models.PositiveIntegerField(default=0)
    experience_points = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class _Breakdown(_Counts):
    """The dimensions every chart can be broken down and filtered by, denormalised from the case
    (its site and owner, its client's tier, its category, its product's model) when the row is
    computed."""

    day = models.DateField()
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    tier = models.CharField(max_length=10)
    category = models.CharField(max_length=20)
    # "" when the case is about no product.
    product_model = models.CharField(max_length=150, blank=True)

    class Meta:
        abstract = True


class CaseDay(_Breakdown):
    """What one case did on one UTC day: the rows behind every bar (the drill-down lists) and the
    times whose median and 90th percentile the charts show."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # Minutes from opening to our first reply (a message or an outbound call), on that reply's
    # day; minutes from opening to the close, on the close's day.
    first_response_minutes = models.PositiveIntegerField(null=True, blank=True)
    resolution_minutes = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "day"], name="caseday_one_per_case_day"),
            models.CheckConstraint(
                condition=models.Q(goodwill_amount__gte=0), name="caseday_goodwill_not_negative"
            ),
        ]
        indexes = [
            # The drill-down lists and the durations of a period (insights.selectors).
            models.Index(fields=["day", "site"], name="caseday_day_site"),
            # The durations of a period (insights.selectors._durations) read from the index
            # alone: a year of every site is ~300,000 rows, and the table's rows are wide.
            models.Index(
                fields=[
                    "day",
                    "site",
                    "owner",
                    "tier",
                    "category",
                    "product_model",
                    "first_response_minutes",
                    "resolution_minutes",
                ],
                condition=models.Q(first_response_minutes__isnull=False)
                | models.Q(resolution_minutes__isnull=False),
                name="caseday_durations",
            ),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id} on {self.day}"


class DailySummary(_Breakdown):
    """The sum of the `CaseDay`s of one day and breakdown: what the count charts read."""

    first_responses = models.PositiveIntegerField(default=0)
    resolutions = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "site", "owner", "tier", "category", "product_model"],
                name="dailysummary_one_per_breakdown",
            ),
            models.CheckConstraint(
                condition=models.Q(goodwill_amount__gte=0),
                name="dailysummary_goodwill_not_negative",
            ),
        ]
        indexes = [
            # Every chart reads a period, for one site or all (insights.selectors).
            models.Index(fields=["day", "site"], name="dailysummary_day_site"),
        ]

    def __str__(self) -> str:
        return f"{self.day} site {self.site_id} owner {self.owner_id}"


class MonthBySite(_Counts):
    """A month's `DailySummary` rows added up per site and advisor: what a year by site or by
    advisor, and any view over months with no tier, category or model filter, read (~6,000 rows
    a year of every site at 100,000 clients, against ~300,000 daily rows). Derived data, written
    with the daily rows (insights.services)."""

    month = models.DateField()  # its first day
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "site", "owner"], name="monthbysite_one_per_breakdown"
            ),
        ]
        indexes = [models.Index(fields=["month", "site"], name="monthbysite_month_site")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} site {self.site_id} owner {self.owner_id}"


class MonthByModel(_Counts):
    """A month's `DailySummary` rows of every site added up per tier, category and product
    model: what the brand's views over months by tier, category or model, and the complaint
    clusters, read. Derived data, written with the daily rows (insights.services)."""

    month = models.DateField()  # its first day
    tier = models.CharField(max_length=10)
    category = models.CharField(max_length=20)
    product_model = models.CharField(max_length=150, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "tier", "category", "product_model"],
                name="monthbymodel_one_per_breakdown",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.tier} {self.category} {self.product_model}"


class SummaryCursor(models.Model):
    """Where the summaries' sweep stopped: the last timeline entry it has taken into account.
    One row (pk 1), locked while a sweep runs so two workers never refresh at once."""

    entry_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    # The newest experience score (CaseExperience.computed_at) taken into account: a score is
    # recomputed by its own sweep after the entries that moved it, so the summaries look for
    # scores newer than this too. None: none yet.
    scores_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="summarycursor_single_row")
        ]

    def __str__(self) -> str:
        return f"after entry {self.entry_id}"


class DigestSent(models.Model):
    """One weekly digest sent to one reader: the claim that sends it once (insights.sweeps)."""

    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The Monday of the ISO week the digest is about.
    week = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reader", "week"], name="digestsent_once_a_week"),
        ]

    def __str__(self) -> str:
        return f"digest of {self.week} to {self.reader_id}"
