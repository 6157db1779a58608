"""Adding records to a register file with the standard library's ``sqlite3`` (issue 16).

Signing the board PDF records one approval per organisation: one :class:`~ropa_desktop.store.operations.Create`
(in a :class:`~ropa_desktop.store.operations.Batch`). Loading SQLAlchemy for that one insert would cost
the ``ropa export --sign`` command more than the insert itself and half its time budget, so a register
file whose store (the SQLAlchemy engine) is not open yet applies such an operation here.

This is the same store operation, not a second way to change a register: the values are validated
by the same code (:mod:`ropa_desktop.store.operations`), the new record goes at the end of its list
exactly as :func:`ropa_desktop.store.operations.apply` puts it, the same audit rows are written, and
the same inverse is returned; it runs in one ``BEGIN IMMEDIATE`` transaction, durable when it returns.
Values are stored as SQLAlchemy's column types store them in SQLite (tests compare the two files).
Every other operation (updates, deletes, moves, links, a Create at a chosen place or with a chosen id)
goes through the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from ropa_desktop.domain import models as m
from ropa_desktop.errors import InvalidValue, RecordNotFound
from ropa_desktop.i18n import N_
from ropa_desktop.store import operations as ops
from ropa_desktop.store import sqlite
from ropa_desktop.store.tables import AUDIT_TABLE, TABLES, ColumnKind, columns


def can_apply(operation: ops.Operation) -> bool:
    """Whether ``operation`` is one this module performs: Creates at the end of their lists, alone or batched."""
    if isinstance(operation, ops.Batch):
        return bool(operation.operations) and all(can_apply(op) for op in operation.operations)
    return isinstance(operation, ops.Create) and operation.index is None and operation.record_id is None


def apply(path: Path, operation: ops.Operation, actor: str) -> ops.Applied:
    """Perform ``operation`` (see :func:`can_apply`) on the register file at ``path`` as one durable transaction."""
    if not can_apply(operation):
        raise ValueError(f"not an operation for the plain writer: {operation!r}")
    with closing(sqlite.connect(path, wal=True)) as conn:
        conn.execute("BEGIN IMMEDIATE")  # the write lock up front, as the store's write transactions take it
        try:
            applied = _apply(conn, operation)
            _write_audit(conn, ops.audit_rows(applied.audit, actor))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return applied


def _apply(conn: sqlite3.Connection, operation: ops.Operation) -> ops.Applied:
    if isinstance(operation, ops.Batch):
        return ops.run_batch(operation, lambda sub: _apply(conn, sub))
    assert isinstance(operation, ops.Create)
    return _create(conn, operation)


def _create(conn: sqlite3.Connection, op: ops.Create) -> ops.Applied:
    """:func:`ropa_desktop.store.operations._create` for a record added at the end of its list."""
    kind = ops.entity_kind(op.entity)
    values = ops.validated(kind, {k: v for k, v in op.values.items() if k not in ("id", "position")})
    table = TABLES[kind.name].name
    if kind.name != "organisation":
        if "organisation_id" not in values:
            raise InvalidValue("organisation_id", N_("a value is required"))
        if conn.execute('SELECT 1 FROM "organisation" WHERE "id" = ?', (values["organisation_id"],)).fetchone() is None:
            raise RecordNotFound(entity="organisation", id=values["organisation_id"])
    row = {**m.field_defaults(kind.model), **values}
    row.pop("id", None)
    scope = " AND ".join(f'"{c}" = ?' for c in kind.scope) or "1"
    top = conn.execute(
        f'SELECT max("position") FROM "{table}" WHERE {scope}', tuple(row[c] for c in kind.scope)
    ).fetchone()[0]
    row["position"] = 0 if top is None else int(top) + 1
    new_id = _insert(conn, table, kind.model, row)
    applied = ops.Applied(op, ops.Delete(kind.name, new_id), record_id=new_id)
    new = {k: v for k, v in row.items() if k != "id"}
    ops.record_audit(applied, "create", kind.name, new_id, "", None, new, ops.owner_of(kind.name, new_id, row))
    return applied


def _write_audit(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        _insert(conn, AUDIT_TABLE.name, AUDIT_TABLE.model, row)


def _insert(conn: sqlite3.Connection, table: str, model: type[Any], row: Mapping[str, Any]) -> int:
    kinds = {c.name: c.kind for c in columns(model)}
    names = [n for n in row if n in kinds]
    quoted = ", ".join(f'"{n}"' for n in names)
    sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" for _ in names)})'
    cursor = conn.execute(sql, tuple(_stored(kinds[n], row[n]) for n in names))
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def _stored(kind: str, value: Any) -> Any:
    """A value as SQLAlchemy's column type binds it for SQLite (its JSON type: ``json.dumps``; Date: ISO text)."""
    if kind == ColumnKind.JSON:
        return json.dumps(value)
    if value is None:
        return None
    if kind == ColumnKind.DATE and isinstance(value, date):
        return value.isoformat()
    if kind == ColumnKind.BOOLEAN:
        return int(bool(value))
    return value
