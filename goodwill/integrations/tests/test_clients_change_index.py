"""/api/v1/clients pages by change time: its first page and the page after a cursor read the
index client_changed_at_id on both databases, rather than sorting every client for each page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goodwill.clients.models import Client
from goodwill.integrations.selectors import api_clients
from goodwill.organisation.models import User


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test's few rows are cheaper to sort than to look up: ask whether the index
            # serves the query at all, as it does on a real book (BENCHMARKS-sized).
            cursor.execute("SET LOCAL enable_seqscan = off")
            # Sorting priced out too: statistics other tests left behind can make a few rows
            # sorted look cheaper than the index, which says nothing about whether it serves.
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row) for row in cursor.fetchall())


@pytest.mark.parametrize("after_a_cursor", [False, True])
def test_the_clients_listing_reads_the_change_time_index(
    agent: User, client_t: Client, paris_client: Client, after_a_cursor: bool
) -> None:
    first = api_clients(user=agent, changed_since=None, limit=1)
    assert first.next_cursor is not None
    with CaptureQueriesContext(connection) as queries:
        page = api_clients(
            user=agent, changed_since=None, cursor=first.next_cursor if after_a_cursor else ""
        )
    if after_a_cursor:
        # one client a page, oldest change first, none twice
        assert [*first.items, *page.items] == sorted(
            [client_t, paris_client], key=lambda c: (c.last_activity_at or c.client_since, c.pk)
        )
    (listing,) = [q["sql"] for q in queries.captured_queries if "clients_client" in q["sql"]]
    assert "client_changed_at_id" in _plan(listing)
