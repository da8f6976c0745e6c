"""The background worker: sweeps that find due work with indexed queries and claim it atomically,
plus the task queue's consumer (django.tasks on huey) for work enqueued by services.

A sweep is a function `sweep(now: datetime) -> int` (how many items it handled), listed by dotted
path in settings.GOODWILL_SWEEPS. Each must be safe to run in any number of processes at once and
to be killed at any line: it claims rows with a conditional UPDATE or SELECT ... FOR UPDATE SKIP
LOCKED, and does each item's work in the transaction that marks it done (or idempotently).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger("goodwill.worker")

Sweep = Callable[[dt.datetime], int]


def sweeps() -> list[tuple[str, Sweep]]:
    return [(path, import_string(path)) for path in settings.GOODWILL_SWEEPS]


def run_once(now: dt.datetime | None = None) -> dict[str, int]:
    """Run every sweep once. One failing sweep is logged and the others still run."""
    done: dict[str, int] = {}
    for path, sweep in sweeps():
        try:
            done[path] = sweep(now or timezone.now())
        except Exception:
            log.exception("sweep %s failed; the next round retries it", path)
            done[path] = -1
        finally:
            close_old_connections()
    return done


def run_forever(stop: threading.Event, interval: float) -> None:
    """Sweep every `interval` seconds until `stop` is set; a round that found work runs again at
    once."""
    while not stop.is_set():
        handled = run_once()
        if not any(n > 0 for n in handled.values()):
            stop.wait(interval)


def start_queue_consumer(threads: int) -> Any | None:
    """Start the huey consumer's worker threads in this process, without taking over its signals
    (the web server or run_worker owns those). Returns the consumer, or None in immediate mode."""
    from huey.contrib.djhuey import HUEY

    if HUEY.immediate or threads <= 0:
        return None
    # The SQLite and the leased Redis queue are polled: an idle thread looks again within a
    # second (huey's default lets the pause grow to ten).
    consumer = HUEY.create_consumer(
        workers=threads, worker_type="thread", periodic=False, max_delay=1.0
    )
    consumer.scheduler.start()
    for _, worker in consumer.worker_threads:
        worker.start()
    return consumer


def start_in_process(*, threads: int = 2, interval: float | None = None) -> threading.Event:
    """The embedded mode: the sweeps and the queue consumer run as daemon threads of the web
    process, so the demo needs nothing running beside it. Set the returned event to stop them."""
    stop = threading.Event()
    consumer = start_queue_consumer(threads)
    thread = threading.Thread(
        target=run_forever,
        args=(stop, interval or settings.GOODWILL_SWEEP_SECONDS),
        name="goodwill-sweeps",
        daemon=True,
    )
    thread.start()
    if consumer is not None:

        def _stop_consumer() -> None:
            stop.wait()
            consumer.stop_flag.set()

        threading.Thread(target=_stop_consumer, name="goodwill-queue-stop", daemon=True).start()
    return stop
