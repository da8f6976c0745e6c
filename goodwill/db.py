"""Bulk writes below the ORM, for imports: millions of rows where a model instance each is too slow."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from django.db import connection, models, transaction


def bulk_insert(*, model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
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
    adapters: list[Callable[[Any], Any] | None] = []
    for field in fields:
        if isinstance(field, models.JSONField):
            adapters.append(lambda value: connection.ops.adapt_json_value(value, None))
        elif connection.vendor == "postgresql":
            adapters.append(None)  # psycopg adapts dates, datetimes and decimals itself
        elif isinstance(field, models.DateTimeField):
            adapters.append(connection.ops.adapt_datetimefield_value)
        elif isinstance(field, models.DateField):
            adapters.append(connection.ops.adapt_datefield_value)
        else:
            adapters.append(None)
    if any(adapters):
        rows = [
            tuple(value if adapt is None or value is None else adapt(value)
                  for value, adapt in zip(row, adapters, strict=True))
            for row in rows
        ]
    if connection.vendor != "postgresql":
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))}) ON CONFLICT DO NOTHING"  # noqa: S608 - names come from the model
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
            return max(cursor.rowcount, 0)
    stage = quote(f"bulk_{meta.db_table}")
    # ON COMMIT DELETE ROWS empties the stage at commit; the atomic block keeps COPY and INSERT in one.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} ON COMMIT DELETE ROWS AS "  # noqa: S608
                       f"SELECT {names} FROM {table} WITH NO DATA")
        cursor.execute(f"TRUNCATE {stage}")
        with cursor.cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} ON CONFLICT DO NOTHING")  # noqa: S608
        return max(cursor.rowcount, 0)
