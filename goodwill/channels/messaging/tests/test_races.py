"""The provider delivering one message several times at the same instant files it once."""

from __future__ import annotations

import threading
from urllib.parse import urlencode

import pytest
from django.db import close_old_connections, connection
from django.test import Client as HttpClient

from goodwill.cases.models import Case
from goodwill.channels.messaging.models import InboundText
from goodwill.channels.messaging.tests.conftest import INBOUND, signed_headers
from goodwill.channels.messaging.tests.test_inbound import WHATSAPP
from goodwill.clients.models import Client
from goodwill.timeline.models import Entry


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_of_one_message_file_it_once(client_t: Client, case_t: Case) -> None:
    """Six deliveries of one MessageSid at the same instant, on separate connections."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers: the race needs PostgreSQL (DATABASE_URL=postgres://...)"
        )
    body = urlencode(WHATSAPP).encode()
    headers = signed_headers(body)
    start = threading.Barrier(6)
    answers: list[int | str] = []

    def deliver() -> None:
        try:
            http = HttpClient()
            start.wait()
            response = http.post(
                INBOUND,
                data=body,
                content_type="application/x-www-form-urlencoded",
                headers=headers,
            )
            answers.append(
                response.json()["status"] if response.status_code == 200 else response.status_code
            )
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers, key=str) == ["duplicate"] * 5 + ["ok"]
    assert InboundText.objects.count() == 1
    assert Entry.objects.filter(client=client_t, kind=Entry.Kind.MESSAGE_IN).count() == 1
