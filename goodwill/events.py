"""What happened flows up: a lower app announces a typed event, the apps above it react.

An app never calls an app above it (docs/architecture.md, the layers). When something happens
that higher apps care about (a case opened, a status changed, a client told something), the app
where it happened calls `announce(SomethingHappened(...))`; the reactions are listed in one file,
`goodwill/reactions.py` (named by the setting GOODWILL_REACTIONS, as ROOT_URLCONF names the
URLs), so a reader sees every chain in one place.

A reaction runs either

* **now**, inside the announcer's transaction: it records part of the same fact (a clock
  started, a stand-in noted) and must commit or roll back with it; or
* **after commit**, through the task queue: it sends or notifies. The event travels as ids
  (`Event.payload`) and is read back by the worker, so a rolled-back change never notifies
  anyone and a slow mail server never slows the action. Each such reaction is idempotent on a
  key of its own (the notification's or outgoing message's key), so a retried task is harmless.

Under pytest, GOODWILL_REACTIONS_EAGER runs after-commit reactions at once, in the transaction,
as the immediate task queue does (tests of the deferral turn it off).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial
from typing import Any, ClassVar, Self

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.tasks import task
from django.utils.module_loading import import_string

from goodwill.memo import after_batch, batch_memo

log = logging.getLogger("goodwill.events")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Event:
    """Something that happened. Fields are model instances or plain values (str, int, bool,
    datetime, None). `at` is when it happened (None: now)."""

    at: dt.datetime | None = None

    name: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.name = f"{cls.__module__}.{cls.__qualname__}"

    def payload(self) -> dict[str, Any]:
        """The event as ids and plain values, for the task queue."""
        out: dict[str, Any] = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, models.Model):
                out[field.name] = {"model": value._meta.label, "pk": value.pk}
            elif isinstance(value, dt.datetime):
                out[field.name] = {"datetime": value.isoformat()}
            else:
                out[field.name] = value
        return out

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Self:
        """The event again, its models read back from the database."""
        values: dict[str, Any] = {}
        for name, value in payload.items():
            if isinstance(value, dict) and "model" in value:
                model = apps.get_model(value["model"])
                values[name] = model._default_manager.get(pk=value["pk"])
            elif isinstance(value, dict) and "datetime" in value:
                values[name] = dt.datetime.fromisoformat(value["datetime"])
            else:
                values[name] = value
        return cls(**values)


@dataclasses.dataclass(frozen=True)
class Reaction:
    """`handler(event)`, run now (in the transaction) or after commit (through the queue)."""

    handler: Callable[[Any], object]
    after_commit: bool = False

    @property
    def path(self) -> str:
        return f"{self.handler.__module__}.{self.handler.__qualname__}"


def now(handler: Callable[[Any], object]) -> Reaction:
    return Reaction(handler)


def after_commit(handler: Callable[[Any], object]) -> Reaction:
    return Reaction(handler, after_commit=True)


@cache
def _registry() -> Mapping[type[Event], Sequence[Reaction]]:
    registry: Mapping[type[Event], Sequence[Reaction]] = import_string(settings.GOODWILL_REACTIONS)
    return registry


def reactions_to(event_type: type[Event]) -> Sequence[Reaction]:
    return _registry().get(event_type, ())


def announce(event: Event) -> None:
    """Run every reaction to `event`, in the order the registry lists them."""
    for reaction in reactions_to(type(event)):
        if not reaction.after_commit or settings.GOODWILL_REACTIONS_EAGER:
            reaction.handler(event)
        else:
            transaction.on_commit(partial(_enqueue, reaction, event))


def _enqueue(reaction: Reaction, event: Event) -> None:
    # In a batch of ingested mail (goodwill.memo.batch_memo), the committed reactions go to the
    # queue in one task at the end of the batch: one enqueue (a queue commit or two) a batch
    # instead of one a message.
    after_batch("events.react", (reaction.path, type(event).name, event.payload()), _enqueue_many)


def _enqueue_many(items: list[tuple[str, str, dict[str, Any]]]) -> None:
    if len(items) == 1:
        react.enqueue(*items[0])
    else:
        react_many.enqueue([list(item) for item in items])


@task
def react(reaction_path: str, event_name: str, payload: dict[str, Any]) -> None:
    """The worker's side of an after-commit reaction. Only paths the registry lists are run."""
    _react(reaction_path, event_name, payload)


@task
def react_many(items: list[list[Any]]) -> None:
    """Several after-commit reactions (a batch of ingested mail hands its own over in one task),
    each in turn: one that fails is logged and does not stop the others, and the task then
    fails so the failure shows; each is idempotent, so running the batch again is harmless."""
    failed = 0
    # One batch for the worker too: what the reactions read alike (staff, templates) is read
    # once, and the e-mails they queue go to the queue in one task at the end.
    with batch_memo():
        for reaction_path, event_name, payload in items:
            try:
                _react(reaction_path, event_name, payload)
            except Exception:
                failed += 1
                log.exception("reaction %s to %s failed", reaction_path, event_name)
    if failed:
        raise RuntimeError(f"{failed} of {len(items)} reactions failed (logged above)")


def _react(reaction_path: str, event_name: str, payload: dict[str, Any]) -> None:
    event_type: type[Event] = import_string(event_name)
    reaction = next((r for r in reactions_to(event_type) if r.path == reaction_path), None)
    if reaction is None:
        log.warning("no reaction %s to %s: ignored", reaction_path, event_name)
        return
    reaction.handler(event_type.from_payload(payload))
