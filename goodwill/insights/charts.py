"""The dashboards' charts as SVG drawn on the server by pygal: every bar a link to its cases, no
script, every label escaped by pygal's XML writer (a site or model name is a stranger's text)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from goodwill.insights.metrics import Kind
from goodwill.insights.selectors import Chart, Cluster

_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#334155",
    foreground_strong="#0f172a",
    foreground_subtle="#94a3b8",
    colors=("#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9", "#64748b"),
    font_family="system-ui, -apple-system, 'Segoe UI', sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    value_font_size=11,
    tooltip_font_size=12,
)
# pygal writes its settings for its (optional) tooltip script into a <script> element; the pages
# use none, so it goes. Its text is XML-escaped by pygal, so the pattern cannot end early.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


def _config(**extra: object) -> dict[str, object]:
    return {
        "style": _STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "width": 600,
        "height": 300,
        "x_label_rotation": 30,
        "truncate_label": 18,
        "print_values": False,
        "no_data_text": _("No data"),
        **extra,
    }


def _rendered(chart: pygal.graph.graph.Graph) -> str:
    return _SCRIPT.sub("", chart.render(is_unicode=True))


def metric_svg(chart: Chart, link: Callable[[dict[str, str]], str]) -> str:
    """One metric's chart: a bar a period or breakdown value; durations add their p90."""
    metric = chart.metric
    bars = pygal.Bar(
        **_config(
            show_legend=metric.kind is Kind.DURATION,
            legend_at_bottom=True,
            range=metric.scale,
        )
    )
    bars.x_labels = [point.label for point in chart.points]

    def values(pick: Callable[..., float | None]) -> list[dict[str, object] | None]:
        return [
            {
                "value": pick(point),
                "xlink": {"href": link(point.drill), "target": "_top"},
                "label": point.label,
            }
            for point in chart.points
        ]

    if metric.kind is Kind.DURATION:
        bars.add(_("median"), values(lambda point: point.value))
        bars.add(_("90th percentile"), values(lambda point: point.p90))
    else:
        bars.add(str(metric.label), values(lambda point: point.value))
    return _rendered(bars)


def clusters_svg(clusters: list[Cluster], labels: dict[str, str], link: Callable[..., str]) -> str:
    """What goes wrong on which model: cases opened per model, stacked by category."""
    chart = pygal.HorizontalStackedBar(
        **_config(show_legend=True, legend_at_bottom=True, height=360)
    )
    chart.x_labels = [cluster.model or _("No product") for cluster in clusters]
    categories = sorted({name for cluster in clusters for name in cluster.by_category})
    for category in categories:
        chart.add(
            labels.get(category, category),
            [
                {
                    "value": cluster.by_category.get(category) or None,
                    "xlink": {
                        "href": link(model=cluster.model or "", category=category),
                        "target": "_top",
                    },
                }
                for cluster in clusters
            ],
        )
    return _rendered(chart)
