"""The charts drawn on the server: well-formed SVG, every stranger's text escaped, bars that
link to their cases, the value axis holding every bar (negative NPS too), no bar for no figure."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from goodwill.insights.charts import _ticks, clusters_svg, metric_svg
from goodwill.insights.metrics import BY_KEY
from goodwill.insights.selectors import Chart, Cluster, Point

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
HOSTILE = '<script>alert("x")</script> & Söhne'


def _parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  (our own output, in a test)


def _link(drill: dict[str, str]) -> str:
    return "/insights/cases/?" + "&".join(f"{k}={v}" for k, v in drill.items())


def test_a_hostile_label_is_text_and_every_bar_links_to_its_cases() -> None:
    chart = Chart(
        metric=BY_KEY["opened"],
        points=[
            Point(HOSTILE, {"site": "A"}, 3),
            Point("Munich", {"site": "B"}, None),  # no figure: no bar
            Point("Paris", {"site": "C"}, 0),
        ],
    )

    svg = metric_svg(chart, _link)

    tree = _parsed(svg)
    assert "<script" not in svg and not any(e.tag == f"{SVG}script" for e in tree.iter())
    texts = " ".join(e.text or "" for e in tree.iter(f"{SVG}title"))
    assert HOSTILE in texts  # shown whole in the tooltip, as text
    values = [e.text for e in tree.iter(f"{SVG}desc") if e.get("class") == "value"]
    assert values == ["3", "0"]
    links = [a.get(XLINK) for a in tree.iter(f"{SVG}a")]
    assert links == ["/insights/cases/?site=A", "/insights/cases/?site=C"]
    assert 'href="/insights/cases/?site=A"' in svg  # plain href too, for today's browsers


def test_negative_values_go_below_the_zero_line_within_the_scale() -> None:
    chart = Chart(
        metric=BY_KEY["recommendation"],
        points=[Point("W1", {}, -40), Point("W2", {}, 60)],
    )
    tree = _parsed(metric_svg(chart, _link))
    bars = [e for e in tree.iter(f"{SVG}rect") if e.get("class") == "bar"]
    negative, positive = bars
    # Both start at the zero line: the negative one hangs from it, the positive one stands on it
    assert float(negative.get("y", 0)) == float(positive.get("y", 0)) + float(
        positive.get("height", 0)
    )
    ticks = [e.text for e in tree.iter(f"{SVG}text") if e.get("text-anchor") == "end"]
    assert ticks[0] == "-100" and ticks[-1] == "100"  # NPS's whole scale


def test_durations_draw_two_series_with_a_legend() -> None:
    chart = Chart(
        metric=BY_KEY["first_response"],
        points=[Point("W1", {}, 2.5, p90=7.25), Point("W2", {}, 1, p90=3)],
    )
    tree = _parsed(metric_svg(chart, _link))
    values = [e.text for e in tree.iter(f"{SVG}desc") if e.get("class") == "value"]
    assert values == ["2.5", "7.2", "1", "3"]
    assert {"median", "90th percentile"} <= {e.text for e in tree.iter(f"{SVG}text")}


def test_no_figure_at_all_says_so() -> None:
    chart = Chart(metric=BY_KEY["opened"], points=[Point("W1", {}, None)])
    tree = _parsed(metric_svg(chart, _link))
    assert [e.text for e in tree.iter(f"{SVG}text")] == ["No data"]


def test_clusters_stack_categories_per_model_and_escape_model_names() -> None:
    clusters = [
        Cluster(HOSTILE, 5, 1, 0, {"breakdown": 3, "complaint": 2}),
        Cluster("", 2, 0, 0, {"breakdown": 2}),
    ]

    svg = clusters_svg(
        clusters,
        {"breakdown": "Breakdown", "complaint": "Complaint"},
        lambda **drill: _link(drill),
    )

    tree = _parsed(svg)
    assert "<script" not in svg
    values = [e.text for e in tree.iter(f"{SVG}desc") if e.get("class") == "value"]
    assert values == ["3", "2", "2"]
    links = [a.get(XLINK) for a in tree.iter(f"{SVG}a")]
    assert links[-1] == "/insights/cases/?model=&category=breakdown"
    assert "No product" in svg


def test_the_axis_steps_are_round_and_reach_the_highest_value() -> None:
    assert _ticks(0, 13) == [0, 5, 10, 15]
    assert _ticks(0, 100) == [0, 20, 40, 60, 80, 100]
    assert _ticks(-100, 100) == [-100, -50, 0, 50, 100]
    assert _ticks(0, 0.7) == [0, 0.2, 0.4, 0.6, 0.8]
    assert _ticks(0, 0) == [0, 0.2]


def test_tick_labels_have_the_decimals_their_step_needs() -> None:
    chart = Chart(metric=BY_KEY["opened"], points=[Point("W1", {}, 1.2)])
    tree = _parsed(metric_svg(chart, _link))
    ticks = [e.text for e in tree.iter(f"{SVG}text") if e.get("text-anchor") == "end"]
    assert ticks == ["0.00", "0.25", "0.50", "0.75", "1.00", "1.25"]


def test_odd_values_and_names_never_hang_or_break_the_chart() -> None:
    assert len(_ticks(0, 1e-11)) >= 2  # ends: a span too small is drawn as a unit
    assert _ticks(float("nan"), float("inf")) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    chart = Chart(
        metric=BY_KEY["opened"],
        points=[Point("Bad\x01name\x1f", {}, float("nan")), Point("Ok", {}, 2)],
    )
    tree = _parsed(metric_svg(chart, _link))  # well-formed: the control characters are gone
    assert [e.text for e in tree.iter(f"{SVG}desc") if e.get("class") == "value"] == ["2"]
    assert "Badname" in " ".join(e.text or "" for e in tree.iter(f"{SVG}title"))
