"""The worker runs every registered sweep; one failing sweep never stops the others."""

from __future__ import annotations

import datetime as dt

import pytest

from goodwill.worker import loop

CALLS: list[str] = []


def sweep_ok(now: dt.datetime) -> int:
    CALLS.append("ok")
    return 3


def sweep_broken(now: dt.datetime) -> int:
    raise RuntimeError("boom")


def test_it_runs_every_sweep_and_survives_a_broken_one(
    settings: pytest.FixtureRequest, db: None
) -> None:
    CALLS.clear()
    settings.GOODWILL_SWEEPS = [f"{__name__}.sweep_broken", f"{__name__}.sweep_ok"]

    done = loop.run_once()

    assert done == {f"{__name__}.sweep_broken": -1, f"{__name__}.sweep_ok": 3}
    assert CALLS == ["ok"]


def test_the_queue_runs_tasks_inline_under_the_test_suite() -> None:
    from huey.contrib.djhuey import HUEY

    assert HUEY.immediate
