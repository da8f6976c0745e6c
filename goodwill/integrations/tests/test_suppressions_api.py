"""The brand's marketing tool asks Goodwill who must not receive marketing now (issue 15, part
5): GET /api/v1/suppressions with a brand manager's token, as CSV or JSON; anyone else's token
is refused, and no token is a 401."""

from __future__ import annotations

import csv
import io

from django.test import Client as HttpClient

from goodwill.cases.models import Case
from goodwill.clients.models import Client
from goodwill.integrations.tests.conftest import ApiFor, TokenFor
from goodwill.organisation.models import User


def test_a_managers_token_reads_the_list_as_json_and_csv(
    manager: User, client_t: Client, case_t: Case, token_for: TokenFor, api_for: ApiFor
) -> None:
    api = api_for(token_for(manager))

    as_json = api.get("/api/v1/suppressions")
    as_csv = api.get("/api/v1/suppressions", {"format": "csv"})

    assert as_json.status_code == 200
    reasons = {(row["client_ref"], row["reason"]) for row in as_json.json()["suppressions"]}
    # Mr. T's breakdown is open (an incident) and he never gave marketing consent.
    assert {(client_t.ref, "open_incident"), (client_t.ref, "no_consent")} <= reasons
    assert as_csv.status_code == 200 and as_csv["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(as_csv.streaming_content).decode())))
    assert {(row["client_ref"], row["reason"]) for row in rows} == reasons


def test_an_advisors_token_is_refused_and_no_token_is_a_401(
    advisor: User, token_for: TokenFor, api_for: ApiFor
) -> None:
    assert api_for(token_for(advisor)).get("/api/v1/suppressions").status_code == 403
    assert HttpClient().get("/api/v1/suppressions").status_code == 401
    bad_format = api_for(token_for(advisor)).get("/api/v1/suppressions", {"format": "xml"})
    assert bad_format.status_code in (400, 403)
