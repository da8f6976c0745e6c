"""The dashboards' charts as SVG drawn on the server: every bar a link to its cases, no script,
every text escaped here (a site, advisor or model name is a stranger's text).

Drawn by hand rather than by a charting library: a page draws fifteen charts, and pygal spent
more time building and serialising its element tree than the whole page spent in the database
(BENCHMARKS.md, "charts drawn here"). Two shapes are enough: vertical bars (one or two series,
a bar a period or breakdown value) and horizontal stacked bars (the complaint clusters).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.translation import gettext as _

from goodwill.insights.metrics import Kind
from goodwill.insights.selectors import Chart, Cluster

COLORS = ("#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9", "#64748b")
INK, MUTED, GRID = "#334155", "#64748b", "#e2e8f0"
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"
WIDTH = 600
# The clusters take the page's whole width: drawn wider, their text keeps the cards' size.
CLUSTERS_WIDTH = 1000
# A label longer than this is cut on the axis; the bar's tooltip has it whole.
LABEL_CHARS = 18


# What XML cannot hold even escaped (a name pasted with a control character).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _esc(value: str) -> str:
    return escape(_CONTROL.sub("", value))


@dataclass(frozen=True)
class _Bar:
    value: float
    href: str
    title: str


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_esc(label)}" '
        f'font-family="{_esc(FONT)}" font-size="12" fill="{INK}">' + "".join(body) + "</svg>"
    )


def _number(value: float) -> str:
    """A value as the chart writes it: whole numbers whole, others to one decimal."""
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


def _short(label: str, chars: int = LABEL_CHARS) -> str:
    return label if len(label) <= chars else label[: chars - 1] + "…"


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values from `low` to at least `high`: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    span = high - low
    if span < 1e-6:  # one value (or none): an axis of a unit's height
        span = 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [round(math.floor(low / step) * step, 10)]
    while (ticks[-1] < high - step * 1e-9 or len(ticks) < 2) and len(ticks) < 4 * count:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _tick_label(tick: float, step: float) -> str:
    """A tick with the decimals its step needs (0.25 stays 0.25, not 0.2)."""
    decimals = next(
        (d for d in range(4) if abs(step * 10**d - round(step * 10**d)) < 1e-6 * 10**d), 3
    )
    return f"{tick:.{decimals}f}"


def _link(href: str, inner: str) -> str:
    url = _esc(href)
    return f'<a xlink:href="{url}" href="{url}" target="_top">{inner}</a>'


def _legend(names: Sequence[str], top: float, width: int) -> tuple[list[str], float]:
    """Swatches and names in rows under the chart; returns the elements and the height used."""
    out, x, y = [], 12.0, top
    for index, name in enumerate(names):
        shown = _short(name, 24)
        need = 22 + 7 * len(shown) + 16
        if x + need > width and x > 12:
            x, y = 12.0, y + 20
        color = COLORS[index % len(COLORS)]
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" rx="2" fill="{color}"/>'
            f'<text x="{x + 18:.1f}" y="{y + 10:.1f}">{_esc(shown)}</text>'
        )
        x += need
    return out, y + 20 - top


def bars_svg(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[_Bar | None]]],
    *,
    scale: tuple[float, float] | None,
    legend: bool,
    title: str,
) -> str:
    """Vertical bars: a group a label, a bar a series in it; None draws no bar."""
    left, top, bottom = 48.0, 12.0, 212.0
    group = (WIDTH - left - 12) / max(len(labels), 1)
    # The x labels slant down to the right at 30°: the last one must fit on the right, and the
    # longest sets the height under the bars (a character is ~7 px wide).
    longest = max((len(_short(label)) for label in labels), default=0) * 7.0
    right = max(12.0, longest * 0.87 - group / 2 + 10)
    height = math.ceil(bottom + 16 + longest * 0.5 + (28 if legend else 4))
    values = [bar.value for _name, bars in series for bar in bars if bar is not None]
    if not labels or not values:
        return _svg(
            WIDTH,
            height,
            title,
            [
                f'<text x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle" fill="{MUTED}" '
                f'font-size="16">{_esc(_("No data"))}</text>'
            ],
        )
    low = min(0.0, *values) if scale is None else min(scale[0], *values)
    high = max(0.0, *values) if scale is None else max(scale[1], *values)
    ticks = _ticks(low, high)
    low, high = ticks[0], ticks[-1]

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    body = []
    for tick in ticks:
        at = y(tick)
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{at:.1f}" y2="{at:.1f}" '
            f'stroke="{GRID}"{"" if tick == 0 else ' stroke-dasharray="3 3"'}/>'
            f'<text x="{left - 6}" y="{at + 4:.1f}" text-anchor="end" fill="{MUTED}" '
            f'font-size="11">{_tick_label(tick, ticks[1] - ticks[0])}</text>'
        )
    zero = y(max(low, min(0.0, high)))
    group = (WIDTH - left - right) / len(labels)
    width = group * 0.8 / len(series)
    for index, label in enumerate(labels):
        x0 = left + index * group + group * 0.1
        centre = left + (index + 0.5) * group
        for number, (_name, bars) in enumerate(series):
            bar = bars[index]
            if bar is None:
                continue
            at = y(bar.value)
            rect = (
                f'<rect class="bar" x="{x0 + number * width:.1f}" y="{min(at, zero):.1f}" '
                f'width="{max(width - 1, 1):.1f}" height="{max(abs(zero - at), 1):.1f}" rx="1.5" '
                f'fill="{COLORS[number % len(COLORS)]}"><title>{_esc(bar.title)}</title></rect>'
                f'<desc class="value">{_number(bar.value)}</desc>'
            )
            body.append(_link(bar.href, rect))
        body.append(
            f'<text transform="translate({centre:.1f} {bottom + 14}) rotate(30)" '
            f'fill="{MUTED}" font-size="11"><title>{_esc(label)}</title>'
            f"{_esc(_short(label))}</text>"
        )
    if legend:
        swatches, _height = _legend([name for name, _bars in series], height - 22, WIDTH)
        body.extend(swatches)
    return _svg(WIDTH, height, title, body)


def metric_svg(chart: Chart, link: Callable[[dict[str, str]], str]) -> str:
    """One metric's chart: a bar a period or breakdown value; durations add their p90."""
    metric = chart.metric
    hrefs = [link(point.drill) for point in chart.points]

    def bars(name: str, pick: Callable[..., float | None]) -> tuple[str, list[_Bar | None]]:
        out: list[_Bar | None] = []
        for point, href in zip(chart.points, hrefs, strict=True):
            value = pick(point)
            if value is not None and not math.isfinite(value):
                value = None
            title = f"{point.label} · {name}: {_number(value)}" if value is not None else ""
            out.append(None if value is None else _Bar(float(value), href, title))
        return name, out

    if metric.kind is Kind.DURATION:
        series = [
            bars(_("median"), lambda point: point.value),
            bars(_("90th percentile"), lambda point: point.p90),
        ]
    else:
        series = [bars(str(metric.label), lambda point: point.value)]
    return bars_svg(
        [point.label for point in chart.points],
        series,
        scale=metric.scale,
        legend=metric.kind is Kind.DURATION,
        title=str(metric.label),
    )


def clusters_svg(clusters: list[Cluster], labels: dict[str, str], link: Callable[..., str]) -> str:
    """What goes wrong on which model: cases opened per model, stacked by category."""
    categories = sorted({name for cluster in clusters for name in cluster.by_category})
    names = [labels.get(category, category) for category in categories]
    width = CLUSTERS_WIDTH
    row, left, right, top = 26.0, 150.0, 16.0, 8.0
    bottom = top + row * len(clusters)
    legend, legend_height = _legend(names, bottom + 30, width)
    height = math.ceil(bottom + 30 + legend_height + 4)
    totals = [sum(cluster.by_category.values()) for cluster in clusters]
    ticks = _ticks(0, max(totals, default=0) or 1)
    high = ticks[-1]

    def x(value: float) -> float:
        return left + value / high * (width - left - right)

    body = []
    for tick in ticks:
        at = x(tick)
        body.append(
            f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{top}" y2="{bottom}" stroke="{GRID}"'
            f"{'' if tick == 0 else ' stroke-dasharray="3 3"'}/>"
            f'<text x="{at:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="11">{_tick_label(tick, ticks[1] - ticks[0])}</text>'
        )
    for index, cluster in enumerate(clusters):
        model = cluster.model or _("No product")
        y0 = top + index * row + 4
        body.append(
            f'<text x="{left - 8}" y="{y0 + 13:.1f}" text-anchor="end"><title>{_esc(model)}'
            f"</title>{_esc(_short(model, 22))}</text>"
        )
        start = 0.0
        for number, category in enumerate(categories):
            count = cluster.by_category.get(category) or 0
            if not count:
                continue
            title = f"{model} · {names[number]}: {count}"
            rect = (
                f'<rect class="bar" x="{x(start):.1f}" y="{y0:.1f}" '
                f'width="{max(x(start + count) - x(start) - 1, 1):.1f}" height="{row - 8}" '
                f'fill="{COLORS[number % len(COLORS)]}"><title>{_esc(title)}</title></rect>'
                f'<desc class="value">{count}</desc>'
            )
            body.append(_link(link(model=cluster.model or "", category=category), rect))
            start += count
    body.extend(legend)
    return _svg(width, height, _("Cases opened per model and category"), body)
