"""The one list of what the insight pages measure. A chart, a CSV export, a drill-down and a
digest line exist for each metric here; a new one (a survey score, effort, the experience score)
is a column on the summaries (insights.models) and a `Metric` below."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

# Goodwill amounts are summed in one currency; claims in others are counted, not added (a
# conversion rate is a brand's decision this app does not make).
REPORT_CURRENCY = "EUR"

# The summed columns of CaseDay and DailySummary, in the order they are written.
COUNT_COLUMNS: tuple[str, ...] = (
    "opened",
    "closed",
    "clocks_met",
    "clocks_breached",
    "promises_kept",
    "promises_broken",
    "chasers",
    "complaints",
    "goodwill_claims",
    "goodwill_amount",
    # Survey answers, on the day the answer became final (goodwill.surveys).
    "satisfaction_answers",
    "satisfaction_points",  # the sum of the 1–5 scores
    "recommendations",
    "promoters",  # 9–10
    "nps_detractors",  # 0–6: the NPS's own definition, not the survey's call-back rule
    "effort_answers",
    "effort_points",  # the sum of the 1–5 answers (5: easy)
    # The answers that asked for a call (surveys' detractor rule), then whether the call's
    # outcome is recorded and the client won back: on the answer's day, so a week's rate reads
    # "of this week's unhappy clients, how many were called and won back".
    "detractors",
    "detractors_called",
    "detractors_recovered",
    # The experience score (goodwill.experience) of each case closed that day.
    "experience_cases",
    "experience_points",
)
# The times (CaseDay columns, in minutes) whose median and 90th percentile are charted.
DURATION_COLUMNS: tuple[str, ...] = ("first_response_minutes", "resolution_minutes")


class Kind(StrEnum):
    RATE = "rate"  # numerator / (sum of `of`), in percent
    NET = "net"  # (numerator - `less`) / (sum of `of`), in percent: may be negative (NPS)
    AVERAGE = "average"  # numerator / (sum of `of`): a sum of scores over the answers
    PER_100 = "per_100"  # numerator per 100 of `of`
    DURATION = "duration"  # median and p90 of a CaseDay column, in hours
    AMOUNT = "amount"  # a sum of money
    COUNT = "count"


@dataclass(frozen=True)
class Metric:
    key: str
    label: LazyText
    kind: Kind
    column: str
    # The denominator's columns, for rates and "per 100".
    of: tuple[str, ...] = ()
    unit: LazyText = _("cases")  # noqa: RUF009  (a lazy text, the same for every instance)
    higher_is_better: bool = True
    # Subtracted from the numerator (NET only: NPS's detractors).
    less: str = ""
    # The value axis when it is fixed (rates, scores on a scale); None: from the data.
    scale: tuple[float, float] | None = None

    def columns(self) -> tuple[str, ...]:
        """The columns whose being non-zero puts a case behind this metric's bars."""
        return self.of if self.kind in _OUT_OF else (self.column,)

    def drill_columns(self) -> list[str]:
        """The columns a drill-down list shows for each case, the metric's own first."""
        return [*dict.fromkeys(name for name in (self.column, self.less, *self.columns()) if name)]


# The kinds whose value is a share of `of`: a case counts behind a bar when it is among `of`.
_OUT_OF = frozenset({Kind.RATE, Kind.NET, Kind.AVERAGE})


METRICS: tuple[Metric, ...] = (
    Metric(
        "clocks_kept",
        _("Service levels kept"),
        Kind.RATE,
        "clocks_met",
        of=("clocks_met", "clocks_breached"),
        unit=_("% of clocks met"),
        scale=(0, 100),
    ),
    Metric(
        "promises_kept",
        _("Promises kept"),
        Kind.RATE,
        "promises_kept",
        of=("promises_kept", "promises_broken"),
        unit=_("% of promises kept"),
        scale=(0, 100),
    ),
    Metric(
        "chasers",
        _("Chasers per 100 cases"),
        Kind.PER_100,
        "chasers",
        of=("opened",),
        unit=_("chasers per 100 cases opened"),
        higher_is_better=False,
    ),
    Metric(
        "first_response",
        _("First response"),
        Kind.DURATION,
        "first_response_minutes",
        unit=_("hours (median and 90th percentile)"),
        higher_is_better=False,
    ),
    Metric(
        "resolution",
        _("Resolution time"),
        Kind.DURATION,
        "resolution_minutes",
        unit=_("hours (median and 90th percentile)"),
        higher_is_better=False,
    ),
    Metric(
        "goodwill",
        _("Goodwill spent"),
        Kind.AMOUNT,
        "goodwill_amount",
        unit=_("approved expense claims, EUR"),
        higher_is_better=False,
    ),
    Metric("opened", _("Cases opened"), Kind.COUNT, "opened"),
    Metric(
        "complaints",
        _("Complaint messages"),
        Kind.COUNT,
        "complaints",
        unit=_("messages read as complaints"),
        higher_is_better=False,
    ),
    Metric(
        "satisfaction",
        _("Satisfaction"),
        Kind.AVERAGE,
        "satisfaction_points",
        of=("satisfaction_answers",),
        unit=_("average survey score, 1 to 5"),
        scale=(0, 5),
    ),
    Metric(
        "recommendation",
        _("Recommendation (NPS)"),
        Kind.NET,
        "promoters",
        of=("recommendations",),
        less="nps_detractors",
        unit=_("% promoters (9–10) less % detractors (0–6)"),
        scale=(-100, 100),
    ),
    Metric(
        "effort",
        _("Effort"),
        Kind.AVERAGE,
        "effort_points",
        of=("effort_answers",),
        unit=_("average answer, 1 (hard) to 5 (easy)"),
        scale=(0, 5),
    ),
    Metric(
        "detractors_called",
        _("Unhappy clients called back"),
        Kind.RATE,
        "detractors_called",
        of=("detractors",),
        unit=_("% of low survey answers whose call is recorded"),
        scale=(0, 100),
    ),
    Metric(
        "detractors_recovered",
        _("Unhappy clients won back"),
        Kind.RATE,
        "detractors_recovered",
        of=("detractors",),
        unit=_("% of low survey answers won back by the call"),
        scale=(0, 100),
    ),
    Metric(
        "experience",
        _("Experience score"),
        Kind.AVERAGE,
        "experience_points",
        of=("experience_cases",),
        unit=_("average experience score of the cases closed, 0 to 100"),
        scale=(0, 100),
    ),
)
BY_KEY: dict[str, Metric] = {metric.key: metric for metric in METRICS}
