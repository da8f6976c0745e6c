"""Reads that cannot change while a worker processes one batch of messages, kept for that batch,
and follow-up work gathered to be handed over once at its end.

Inside `batch_memo()` (the e-mail worker wraps each stored batch in it), `memoized(key, compute)`
computes a value once and hands the same value to every later caller in the batch: the care
centre, the service levels, the message templates, the staff. Outside it, `compute` runs every
time, so a web request, a test or a manager editing a service level never sees a stale value; the
longest a batch can go on with an old value is its own duration (a second or so).

`after_batch(name, item, flush)` collects items (ids of committed rows to hand to the task queue)
and calls `flush(items)` once when the batch ends, even when it ends on an error; outside a batch
`flush([item])` runs at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

log = logging.getLogger("goodwill")


class _Batch:
    def __init__(self) -> None:
        self.memo: dict[Any, Any] = {}
        self.after: dict[str, tuple[list[Any], Callable[[list[Any]], None]]] = {}


_batch: ContextVar[_Batch | None] = ContextVar("goodwill_batch", default=None)


@contextmanager
def batch_memo() -> Iterator[None]:
    """Remember reads and gather follow-up work for the duration of the block (nested blocks
    share the outer one)."""
    if _batch.get() is not None:
        yield
        return
    batch = _Batch()
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
        for name, (items, flush) in batch.after.items():
            try:
                flush(items)
            except Exception:
                log.exception("batch follow-up %s failed for %s items", name, len(items))


def memoized[T](key: Any, compute: Callable[[], T]) -> T:
    batch = _batch.get()
    if batch is None:
        return compute()
    try:
        value: T = batch.memo[key]
        return value
    except KeyError:
        computed = batch.memo[key] = compute()
        return computed


def memo_clear() -> None:
    """Forget everything remembered in the current batch (after a write that changes it)."""
    batch = _batch.get()
    if batch is not None:
        batch.memo.clear()


def after_batch(name: str, item: Any, flush: Callable[[list[Any]], None]) -> None:
    batch = _batch.get()
    if batch is None:
        flush([item])
        return
    batch.after.setdefault(name, ([], flush))[0].append(item)
