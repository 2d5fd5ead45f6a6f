"""One model instance by primary key in a statement built once per process.

The ORM compiles ``Model.objects.get(pk=…)`` afresh every time: for the account read on every
signed-in request that compilation costs more than the round trip. ``by_pk`` builds the same
``SELECT`` (every concrete column, as ``get`` would) once per model and database, converts the
values with the same converters the ORM applies, and builds the instance with ``Model.from_db`` —
the instance is indistinguishable from one ``get`` returns. It runs through Django's cursor, so
query counting, execute wrappers and the debug tooling see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db import connections


@dataclass(frozen=True)
class _Plan:
    sql: str
    attnames: tuple[str, ...]
    converters: tuple[tuple[int, tuple, object], ...]  # (column index, converters, Col)


@lru_cache(maxsize=64)
def _plan(model, using: str) -> _Plan:
    connection = connections[using]
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = model._meta.concrete_fields
    columns = ", ".join(f"{quote(table)}.{quote(f.column)}" for f in fields)
    pk_column = f"{quote(table)}.{quote(model._meta.pk.column)}"
    converters = []
    for index, field in enumerate(fields):
        col = field.get_col(table)
        found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if found:
            converters.append((index, tuple(found), col))
    return _Plan(
        # identifiers from the model's own metadata, quoted; the value is a parameter
        sql=f"SELECT {columns} FROM {quote(table)} WHERE {pk_column} = %s",  # noqa: S608
        attnames=tuple(f.attname for f in fields),
        converters=tuple(converters),
    )


def by_pk(model, pk, *, using: str = "default"):
    """``model._default_manager.get(pk=pk)`` without the compilation, or None if there is none."""
    plan = _plan(model, using)
    connection = connections[using]
    value = model._meta.pk.get_db_prep_value(model._meta.pk.to_python(pk), connection)
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, [value])
        rows = cursor.fetchall()  # to the end: SQLite keeps an unfinished statement open
    if not rows:
        return None
    values = list(rows[0])
    for index, functions, col in plan.converters:
        for convert in functions:
            values[index] = convert(values[index], col, connection)
    return model.from_db(using, list(plan.attnames), values)
