"""Writes below the ORM: bulk inserts for imports (millions of rows where a model instance each is
too slow), the one-statement insert of a row that may exist already (`insert_new`), and the
batched delete of old rows the prune sweeps share (`delete_oldest`)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any, cast

from django.db import IntegrityError, connection, models, transaction
from django.db.models.constants import OnConflict


def bulk_insert(
    *, model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> int:
    """Insert `rows` (Python values in `columns` order, by attname), skipping any that clash with a
    unique constraint; return how many were inserted.

    bulk_create costs ~48 µs a row in model instances and field preparation. SQLite takes
    executemany of INSERT … ON CONFLICT DO NOTHING; PostgreSQL takes COPY into a temporary table
    and one INSERT … SELECT … ON CONFLICT DO NOTHING (executemany there measured 42 µs a row,
    COPY 7 µs).
    """
    if not rows:
        return 0
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [cast("models.Field[Any, Any]", meta.get_field(name)) for name in columns]
    names = ", ".join(quote(field.column or field.attname) for field in fields)
    table = quote(meta.db_table)
    adapters: list[tuple[int, Callable[[Any], Any]]] = []
    ops = connection.ops
    for index, field in enumerate(fields):
        # Bound once here: a connection.ops lookup per value goes through asgiref's Local.
        if isinstance(field, models.JSONField):
            adapters.append(
                (index, _once_per_object(functools.partial(ops.adapt_json_value, encoder=None)))
            )
        elif connection.vendor == "postgresql":
            continue  # psycopg adapts dates, datetimes and decimals itself
        elif isinstance(field, models.DateTimeField):
            adapters.append((index, _sqlite_datetime_adapter()))
        elif isinstance(field, models.DateField):
            adapters.append((index, ops.adapt_datefield_value))
    if adapters:
        # Column by column over row copies: a generator per row cost a frame per value.
        adapted = [list(row) for row in rows]
        for index, adapt in adapters:
            for values in adapted:
                if (value := values[index]) is not None:
                    values[index] = adapt(value)
        rows = adapted
    if connection.vendor != "postgresql":
        sql = (
            f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 - names come from the model
            " ON CONFLICT DO NOTHING"
        )
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
            return max(cursor.rowcount, 0)
    stage = quote(f"bulk_{meta.db_table}")
    # ON COMMIT DELETE ROWS empties the stage at commit; the atomic block keeps COPY and INSERT in
    # one.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {stage} ON COMMIT DELETE ROWS AS "  # noqa: S608
            f"SELECT {names} FROM {table} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {stage}")
        with cursor.cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} ON CONFLICT DO NOTHING"  # noqa: S608
        )
        return max(cursor.rowcount, 0)


def _sqlite_datetime_adapter() -> Callable[[Any], Any]:
    """adapt_datetimefield_value, with a shortcut for the usual UTC value.

    Django's adapter (make_naive into the connection's zone, then str) cost 6 µs a value, 2.4
    million times per import. When the connection stores UTC, a datetime already in UTC is the
    same text as its isoformat without the "+00:00".
    """
    slow = connection.ops.adapt_datetimefield_value
    if connection.timezone is not dt.UTC:  # TIME_ZONE set on the database, or USE_TZ off
        return slow

    def adapt(value: Any) -> Any:
        if type(value) is dt.datetime and value.tzinfo is dt.UTC:
            return value.isoformat(" ")[:-6]
        return slow(value)

    return adapt


def _once_per_object(adapt: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`adapt`, run once per distinct object: an importer that passes the same payload dict for
    many rows (every message from one sender) has it encoded once. The rows hold the objects for
    the whole call, so an id is not reused while the memo lives."""
    memo: dict[int, Any] = {}

    def once(value: Any) -> Any:
        key = id(value)
        if (adapted := memo.get(key)) is None:
            adapted = memo[key] = adapt(value)
        return adapted

    return once


def insert_new(obj: models.Model, *, unique: str) -> bool:
    """INSERT `obj` unless a row with the same value of its unique field `unique` is there
    already; True, with the primary key set, when it was inserted.

    One statement (INSERT … ON CONFLICT DO NOTHING … RETURNING, Django's own _insert as
    Model.save() uses it) and no savepoint: the get-or-create of a keyed row (a notification,
    an outgoing message) otherwise costs a SELECT, then a SAVEPOINT, the INSERT and a RELEASE
    so that a racing duplicate's IntegrityError can be caught; on PostgreSQL each is a round
    trip. Any other refusal still raises IntegrityError: when nothing was inserted and no row
    holds that value (SQLite's INSERT OR IGNORE also skips a NOT NULL or CHECK failure, and
    another unique constraint may have clashed), the clash was not the key's."""
    meta = obj._meta
    fields = [
        field
        for field in meta.local_concrete_fields
        if not field.generated and field is not meta.auto_field
    ]
    returning = meta.db_returning_fields
    model = type(obj)
    rows = model._base_manager._insert(  # type: ignore[attr-defined]
        [obj],
        fields=fields,
        returning_fields=returning,
        using=obj._state.db or "default",
        on_conflict=OnConflict.IGNORE,
    )
    if not rows:
        value = getattr(obj, cast("models.Field[Any, Any]", meta.get_field(unique)).attname)
        if not model._base_manager.filter(**{unique: value}).exists():
            raise IntegrityError(f"{meta.label}: the row was refused, and not for its {unique}")
        return False
    for value, field in zip(rows[0], returning, strict=True):
        setattr(obj, field.attname, value)
    obj._state.adding, obj._state.db = False, obj._state.db or "default"
    return True


def delete_oldest(rows: models.QuerySet[Any], *, order: str, limit: int) -> int:
    """Delete the first `limit` of `rows` by `order` (oldest first), in one batch; returns how
    many. Deleting is harmless to repeat, so any number of workers may run it at once: the prune
    sweeps call it until it returns 0."""
    old = list(rows.order_by(order).values_list("pk", flat=True)[:limit])
    if not old:
        return 0
    deleted, _per_model = rows.model.objects.filter(pk__in=old).delete()
    return deleted
