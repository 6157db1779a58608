"""A register read in bulk through SQLAlchemy: one query per table, grouped in Python.

The result is the read aggregate of :mod:`ropa_desktop.domain.register`, which
checks, exports and the JSON interchange all read, so none of them walks
relationships record by record. The grouping is
:func:`ropa_desktop.store.plain_read.assemble`, shared with the reader that
needs no SQLAlchemy; this one serves the open register and the server.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

import sqlalchemy as sa

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.store.entities import ENTITIES, LINKS
from ropa_desktop.store.plain_read import assemble, decoder, store_order

M = TypeVar("M")


def _rows(conn: sa.Connection, table: sa.Table, model: type[M], where: Any = None) -> Iterable[M]:
    q = sa.select(table)
    if where is not None:
        q = q.where(where)
    entity = next(name for name, kind in ENTITIES.items() if kind.table is table)
    q = q.order_by(*(table.c[name] for name in store_order(entity)))
    # Lists are stored as JSON and dates as ISO text; decode those columns by hand from the raw cursor
    # (the plain reader's decoder), which is several times faster than per-row result processing.
    # (A server driver such as psycopg hands them over already decoded; the decoder lets those pass.)
    decode = decoder(model, [c.name for c in table.c])
    compiled = q.compile(conn, compile_kwargs={"literal_binds": True})
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled))
        for raw in cursor.fetchall():
            yield decode(raw)
    finally:
        cursor.close()


def _links(conn: sa.Connection, link: str) -> dict[int, list[int]]:
    t = LINKS[link].table
    q = sa.select(t.c.owner_id, t.c.target_id).order_by(t.c.owner_id, t.c.position, t.c.target_id)
    out: dict[int, list[int]] = defaultdict(list)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(q.compile(conn)))
        for owner, target in cursor.fetchall():
            out[owner].append(target)
    finally:
        cursor.close()
    return out


def load_snapshot(conn: sa.Connection, schema_version: int, organisation_id: int | None = None) -> RegisterSnapshot:
    """Read the whole register (or one organisation) in one transaction."""

    def rows(entity: str) -> Iterable[Any]:
        kind = ENTITIES[entity]
        where = None
        if organisation_id is not None:
            column = kind.table.c.id if entity == "organisation" else kind.table.c.organisation_id
            where = column == organisation_id
        return _rows(conn, kind.table, kind.model, where)

    return assemble(rows, lambda link: _links(conn, link), schema_version)


__all__ = ["load_snapshot"]
