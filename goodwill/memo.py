"""Reads that cannot change while a worker processes one batch of messages, kept for that batch.

Inside `batch_memo()` (the e-mail worker wraps each stored batch in it), `memoized(key, compute)`
computes a value once and hands the same value to every later caller in the batch: the care
centre, the service levels, the message templates. Outside it, `compute` runs every time, so a
web request, a test or a manager editing a service level never sees a stale value; the longest a
batch can go on with an old value is its own duration (a second or so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Any, Any] | None] = ContextVar("goodwill_batch_memo", default=None)


@contextmanager
def batch_memo() -> Iterator[None]:
    """Remember reads for the duration of the block (nested blocks share the outer one)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def memoized(key: Any, compute: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return compute()
    try:
        return memo[key]  # type: ignore[no-any-return]
    except KeyError:
        value = memo[key] = compute()
        return value


def memo_clear() -> None:
    """Forget everything remembered in the current batch (after a write that changes it)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()
