from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from goodwill.channels.outbox.tests.smtp_sink import Sink, smtp_sink


@pytest.fixture
def sink() -> Iterator[Sink]:
    """An SMTP server on loopback, and Goodwill sending to it."""
    with smtp_sink() as server, override_settings(GOODWILL_SMTP_URL=server.url):
        yield server
