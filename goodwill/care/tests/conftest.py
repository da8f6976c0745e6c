"""Fixtures of the care engine's tests: the default service levels (a transactional test elsewhere
may have flushed the migration's copy) and a fresh schedule cache for each test."""

from collections.abc import Iterator

import pytest

from goodwill.care.services import schedule_cache_clear, service_levels_ensure_defaults


@pytest.fixture(autouse=True)
def _fresh_schedules() -> Iterator[None]:
    schedule_cache_clear()
    yield
    schedule_cache_clear()


@pytest.fixture(autouse=True)
def _levels(request: pytest.FixtureRequest) -> None:
    if "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    service_levels_ensure_defaults()
