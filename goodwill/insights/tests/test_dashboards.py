"""The dashboards: valid SVG with the right numbers, bars that list their cases, CSV exports,
isolation of a dealer's staff, and a 400 for what cannot be read."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client as HttpClient

from goodwill.insights.tests.conftest import W46, W47, Stories
from goodwill.insights.views import csv_cell
from goodwill.organisation.models import User

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
PERIOD = {"from": W46.isoformat(), "to": "2026-11-22"}


def _charts(html: str) -> dict[str, ET.Element]:
    """Each chart card's SVG, parsed: a chart that is not well-formed XML fails here."""
    charts = {}
    for part in html.split('data-metric="')[1:]:
        key = part.split('"', 1)[0]
        svg = part[part.index("<svg") : part.index("</svg>") + 6]
        charts[key] = ET.fromstring(svg)  # noqa: S314  (our own page, in a test)
    return charts


def _values(svg: ET.Element) -> list[str]:
    return [desc.text or "" for desc in svg.iter(f"{SVG}desc") if desc.get("class") == "value"]


def _links(svg: ET.Element) -> list[str]:
    return [a.get(XLINK, "") for a in svg.iter(f"{SVG}a")]


def test_it_draws_every_metric_over_time(
    client: HttpClient, manager: User, stories: Stories
) -> None:
    client.force_login(manager)
    response = client.get("/insights/", PERIOD)
    assert response.status_code == 200
    charts = _charts(response.content.decode())
    assert set(charts) >= {"clocks_kept", "promises_kept", "chasers", "first_response", "goodwill"}
    # W46: the older case; W47: the tyre and the strap.
    assert _values(charts["opened"]) == ["1", "2"]
    assert _values(charts["promises_kept"]) == ["50"]  # one kept of two, in W47 (W46 has none)
    assert _values(charts["goodwill"]) == ["0", "80"]
    assert not any(element.tag == f"{SVG}script" for element in charts["opened"].iter())
    assert "/insights/cases/?" in _links(charts["opened"])[1]


def test_it_breaks_down_by_site(client: HttpClient, manager: User, stories: Stories) -> None:
    client.force_login(manager)
    html = client.get("/insights/", PERIOD | {"by": "site"}).content.decode()
    charts = _charts(html)
    # One bar a site, the busiest first (Munich: two cases; Paris: one).
    assert _values(charts["opened"]) == ["2", "1"]
    assert "site=DE-MUN-001" in _links(charts["opened"])[0]
    assert "Strap broken &lt;script&gt;" not in html  # names come escaped or not at all
    assert "<script>" not in html.split("<main", 1)[-1]


def test_a_bar_lists_its_cases(client: HttpClient, manager: User, stories: Stories) -> None:
    client.force_login(manager)
    response = client.get(
        "/insights/cases/", PERIOD | {"metric": "complaints", "site": "DE-MUN-001"}
    )
    assert response.status_code == 200
    assert response.context["rows"] == [(stories.tyre, [1])]
    opened = client.get(
        "/insights/cases/", {"metric": "opened", "from": W47.isoformat(), "to": "2026-11-22"}
    )
    assert {case for case, _figures in opened.context["rows"]} == {stories.tyre, stories.strap}


def test_it_exports_a_chart_as_csv(client: HttpClient, manager: User, stories: Stories) -> None:
    client.force_login(manager)
    response = client.get("/insights/export.csv", PERIOD | {"metric": "opened", "by": "site"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="insights-opened-2026-11-09-2026-11-22.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1:] == [["Aurelis München", "2.0", "2.0", ""], ["Aurelis Paris", "1.0", "1.0", ""]]
    clusters = client.get("/insights/export.csv", PERIOD | {"metric": "clusters"})
    assert "GT Spyder" in clusters.content.decode()


def test_csv_cells_never_start_a_formula() -> None:
    assert [csv_cell(v) for v in ["=1+1", "+49", "-3", "@SUM(A1)", "GT", 3]] == [
        "'=1+1", "'+49", "'-3", "'@SUM(A1)", "GT", 3,
    ]  # fmt: skip


def test_a_dealers_manager_sees_their_site_only(
    client: HttpClient, munich_manager: User, stories: Stories
) -> None:
    client.force_login(munich_manager)
    charts = _charts(client.get("/insights/", PERIOD | {"by": "site"}).content.decode())
    assert _values(charts["opened"]) == ["2"]
    for path in ("/insights/", "/insights/cases/", "/insights/export.csv"):
        refused = client.get(path, PERIOD | {"site": "FR-PAR-002", "metric": "opened"})
        assert refused.status_code == 403, path
    listed = client.get("/insights/cases/", PERIOD | {"metric": "opened"})
    assert stories.strap not in {case for case, _f in listed.context["rows"]}
    exported = client.get("/insights/export.csv", PERIOD | {"metric": "opened", "by": "site"})
    assert "Paris" not in exported.content.decode()


@pytest.mark.parametrize("who", ["advisor", "agent", "foreign_dealer"])
def test_advisors_and_agents_are_refused(
    client: HttpClient, who: str, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(who))
    for path in ("/insights/", "/insights/cases/", "/insights/export.csv", "/insights/digest/"):
        assert client.get(path).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        {"from": "2026-13-45"},
        {"from": "yesterday"},
        {"to": "2026-01-01", "from": "2026-02-01"},
        {"from": "2000-01-01", "to": "2026-01-01"},
        {"grain": "year"},
        {"by": "colour"},
        {"tier": "gold"},
        {"category": "x" * 500},
        {"site": "NOPE"},
        {"advisor": "nobody"},
        {"advisor": "9" * 40},
        {"model": "m" * 200},
    ],
)
def test_what_cannot_be_read_is_a_400(
    client: HttpClient, manager: User, query: dict[str, str]
) -> None:
    client.force_login(manager)
    for path in ("/insights/", "/insights/export.csv"):
        assert client.get(path, query | {"metric": "opened"}).status_code == 400
    assert client.get("/insights/cases/", {"metric": "nonsense"}).status_code == 400
    assert client.get("/insights/digest/", {"week": "2026-W60"}).status_code == 400


@pytest.mark.parametrize("by", ["", "site", "advisor", "model"])
def test_the_dashboard_reads_a_fixed_number_of_queries(
    client: HttpClient, manager: User, stories: Stories, by: str, django_assert_max_num_queries
) -> None:
    client.force_login(manager)
    client.get("/insights/", PERIOD)  # the session and the person, read once
    with django_assert_max_num_queries(12):
        assert client.get("/insights/", PERIOD | {"by": by}).status_code == 200


def test_the_filter_lists_mark_the_chosen_advisor_and_escape_every_name(
    client: HttpClient, manager: User, advisor: User, stories: Stories
) -> None:
    advisor.first_name = "<b>Anna</b>"
    advisor.save(update_fields=["first_name"])
    client.force_login(manager)
    value = advisor.code or str(advisor.pk)

    html = client.get("/insights/", PERIOD | {"advisor": value}).content.decode()

    assert f'<option value="{value}" selected>&lt;b&gt;Anna&lt;/b&gt; ' in html
    assert "<b>Anna" not in html
    assert html.count(" selected>") >= 3  # the advisor, and the grain and breakdown chosen
