"""The only code that writes to a register.

Every change is an :class:`Operation` value. :func:`apply` performs one inside
the caller's transaction and returns the operation that undoes it, so the
editor's undo stack is a list of (operation, inverse) pairs and nothing else
needs write access. Each applied operation appends its field-level changes to
the audit trail.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ropa_desktop.domain import models as m
from ropa_desktop.domain.validation import ValueProblem, coerce
from ropa_desktop.errors import EditConflict, InvalidValue, RecordNotFound
from ropa_desktop.i18n import N_
from ropa_desktop.store.entities import ENTITIES, LINKS, EntityKind, LinkKind

# SQLAlchemy and the tables load with the first write (or the store opened after the editor's
# first paint): the operation values below are named by the editor before it paints (issue 16).
if TYPE_CHECKING:
    import sqlalchemy as sa


@dataclass(frozen=True)
class Create:
    """Add a record. ``index`` inserts it at that place in its list; default is the end."""

    entity: str
    values: Mapping[str, Any]
    record_id: int | None = None
    index: int | None = None


@dataclass(frozen=True)
class Update:
    """Change fields of a record.

    ``expected`` holds the values the writer last saw. When given, the store
    refuses the change with :class:`EditConflict` if another writer changed one
    of those fields meanwhile, instead of silently overwriting that change (a
    lost update). Inverses carry it, so undo never overwrites a later change.
    """

    entity: str
    record_id: int
    changes: Mapping[str, Any]
    expected: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Delete:
    """Remove a record and everything that belongs to it (its links, its children)."""

    entity: str
    record_id: int


@dataclass(frozen=True)
class Move:
    """Put a record at ``index`` in its ordered list (the row order users see and export)."""

    entity: str
    record_id: int
    index: int


@dataclass(frozen=True)
class SetLinks:
    """Replace the ordered targets of one link list (e.g. an activity's data categories)."""

    link: str
    owner_id: int
    target_ids: tuple[int, ...]


@dataclass(frozen=True)
class Restore:
    """Put back records exactly as a :class:`Delete` removed them; only produced as an inverse."""

    rows: tuple[tuple[str, tuple[Mapping[str, Any], ...]], ...]
    nulled: tuple[tuple[str, int, str, Any], ...] = ()


@dataclass(frozen=True)
class Merge:
    """Fold one record into another of the same entity (duplicate categories, say): every link
    list that names ``removed_id`` names ``kept_id`` instead, in the same place, and the removed
    record is deleted. Its inverse puts the record and every link back."""

    entity: str
    kept_id: int
    removed_id: int


@dataclass(frozen=True)
class Batch:
    """Several operations that succeed or fail together (a paste of rows, say)."""

    operations: tuple[Operation, ...]


Operation = Create | Update | Delete | Move | SetLinks | Restore | Merge | Batch


@dataclass
class Applied:
    operation: Operation
    inverse: Operation
    record_id: int | None = None  # the id a Create produced
    audit: list[dict[str, Any]] = field(default_factory=list)


def link(link_name: str, owner_id: int, current: Sequence[int], target_id: int) -> SetLinks:
    """The SetLinks that appends ``target_id`` to ``current`` (no-op if already present)."""
    ids = tuple(current) if target_id in current else (*current, target_id)
    return SetLinks(link_name, owner_id, ids)


def unlink(link_name: str, owner_id: int, current: Sequence[int], target_id: int) -> SetLinks:
    return SetLinks(link_name, owner_id, tuple(i for i in current if i != target_id))


# --------------------------------------------------------------------------- helpers


def _kind(name: str) -> EntityKind:
    try:
        return ENTITIES[name]
    except KeyError:
        raise InvalidValue("entity", N_('unknown value "{value}"'), value=name) from None


def _link_kind(name: str) -> LinkKind:
    try:
        return LINKS[name]
    except KeyError:
        raise InvalidValue("link", N_('unknown value "{value}"'), value=name) from None


def _validate(kind: EntityKind, values: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in values.items():
        try:
            clean[name] = coerce(kind.model, name, value)
        except ValueProblem as exc:
            raise InvalidValue(name, exc.message, **exc.params) from None
    return clean


def _json(value: Any) -> str:
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False, default=str)


def _owner(entity: str, record_id: int | None, values: Mapping[str, Any]) -> int | None:
    """The organisation a record belongs to (an organisation belongs to itself)."""
    return record_id if entity == "organisation" else values.get("organisation_id")


def _audit(
    applied: Applied, op: str, entity: str, record_id: int | None, name: str, old: Any, new: Any, org: int | None
) -> None:
    applied.audit.append(
        {
            "organisation_id": org,
            "operation": op,
            "entity": entity,
            "record_id": record_id,
            "field": name,
            "old": _json(old),
            "new": _json(new),
        }
    )


def _fetch(conn: sa.Connection, kind: EntityKind, record_id: int, lock: bool = False) -> dict[str, Any]:
    import sqlalchemy as sa

    query = sa.select(kind.table).where(kind.table.c.id == record_id)
    if lock:  # on a server: hold the row until commit, so a check against ``expected`` cannot race
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    if row is None:
        raise RecordNotFound(entity=kind.name, id=record_id)
    return dict(row)


def _scope_filter(kind: EntityKind, values: Mapping[str, Any]) -> list[sa.ColumnElement[bool]]:
    return [kind.table.c[col] == values[col] for col in kind.scope]


def _ordered_ids(conn: sa.Connection, kind: EntityKind, scope_values: Mapping[str, Any]) -> list[int]:
    import sqlalchemy as sa

    t = kind.table
    q = sa.select(t.c.id).where(*_scope_filter(kind, scope_values)).order_by(t.c.position, t.c.id)
    return list(conn.execute(q).scalars())


def _renumber(conn: sa.Connection, kind: EntityKind, ids: Sequence[int], old_positions: Mapping[int, int]) -> None:
    import sqlalchemy as sa

    t = kind.table
    changed = [{"rid": rid, "pos": pos} for pos, rid in enumerate(ids) if old_positions.get(rid) != pos]
    if changed:
        conn.execute(t.update().where(t.c.id == sa.bindparam("rid")).values(position=sa.bindparam("pos")), changed)


def _organisation_of(conn: sa.Connection, entity: str, record_id: int) -> int:
    import sqlalchemy as sa

    kind = _kind(entity)
    if entity == "organisation":
        return record_id
    org = conn.execute(sa.select(kind.table.c.organisation_id).where(kind.table.c.id == record_id)).scalar()
    if org is None:
        raise RecordNotFound(entity=entity, id=record_id)
    return int(org)


# --------------------------------------------------------------------------- apply


def apply(conn: sa.Connection, op: Operation) -> Applied:
    """Perform ``op`` in the open transaction on ``conn`` and return it with its inverse."""
    if isinstance(op, Create):
        return _create(conn, op)
    if isinstance(op, Update):
        return _update(conn, op)
    if isinstance(op, Delete):
        return _delete(conn, op)
    if isinstance(op, Move):
        return _move(conn, op)
    if isinstance(op, SetLinks):
        return _set_links(conn, op)
    if isinstance(op, Restore):
        return _restore(conn, op)
    if isinstance(op, Merge):
        return _merge(conn, op)
    if isinstance(op, Batch):
        return _batch(conn, op)
    raise TypeError(f"not an operation: {op!r}")  # pragma: no cover


def _create(conn: sa.Connection, op: Create) -> Applied:
    import sqlalchemy as sa

    kind = _kind(op.entity)
    values = _validate(kind, {k: v for k, v in op.values.items() if k not in ("id", "position")})
    if kind.name != "organisation" and "organisation_id" not in values:
        raise InvalidValue("organisation_id", N_("a value is required"))
    if "organisation_id" in values and kind.name != "organisation":
        _fetch(conn, ENTITIES["organisation"], values["organisation_id"])
    defaults = m.field_defaults(kind.model)
    row = {**defaults, **values}
    row.pop("id", None)
    if op.record_id is not None:
        row["id"] = op.record_id
    ids = _ordered_ids(conn, kind, row)
    # After deletions positions have gaps; max + 1 (not the count) puts a new record after every existing one.
    top = conn.execute(sa.select(sa.func.max(kind.table.c.position)).where(*_scope_filter(kind, row))).scalar()
    row["position"] = 0 if top is None else int(top) + 1
    inserted = conn.execute(kind.table.insert().values(**row)).inserted_primary_key
    assert inserted is not None
    new_id = int(inserted[0])
    if op.index is not None and 0 <= op.index < len(ids):
        positions = sa.select(kind.table.c.id, kind.table.c.position).where(kind.table.c.id.in_(ids))
        old: dict[int, int] = dict(conn.execute(positions).all())
        ids.insert(op.index, new_id)
        old[new_id] = row["position"]
        _renumber(conn, kind, ids, old)
    applied = Applied(op, Delete(kind.name, new_id), record_id=new_id)
    _audit(
        applied,
        "create",
        kind.name,
        new_id,
        "",
        None,
        {k: v for k, v in row.items() if k != "id"},
        _owner(kind.name, new_id, row),
    )
    return applied


def _update(conn: sa.Connection, op: Update) -> Applied:
    kind = _kind(op.entity)
    forbidden = [name for name in op.changes if name in kind.fixed]
    if forbidden:
        raise InvalidValue(forbidden[0], N_("cannot be changed this way"))
    changes = _validate(kind, op.changes)
    current = _fetch(conn, kind, op.record_id, lock=op.expected is not None)
    if op.expected is not None:
        for name, seen in _validate(kind, op.expected).items():
            if current[name] != seen:
                raise EditConflict(
                    kind.name, op.record_id, name, theirs=current[name], yours=changes.get(name, seen), seen=seen
                )
    changed = {k: v for k, v in changes.items() if current[k] != v}
    old = {k: current[k] for k in changed}
    if changed:
        conn.execute(kind.table.update().where(kind.table.c.id == op.record_id).values(**changed))
    applied = Applied(op, Update(kind.name, op.record_id, old, expected=changed), record_id=op.record_id)
    for name, value in changed.items():
        _audit(
            applied, "update", kind.name, op.record_id, name, old[name], value, _owner(kind.name, op.record_id, current)
        )
    return applied


def _dependants(table: sa.Table) -> list[tuple[sa.Table, sa.Column[Any], str | None]]:
    """Tables with a foreign key to ``table``: (child table, child column, ON DELETE action)."""
    from ropa_desktop.store import schema as s

    found = []
    for child in s.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                found.append((child, fk.parent, fk.ondelete))
    return found


def _collect(
    conn: sa.Connection,
    table: sa.Table,
    ids: list[int],
    rows: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
    nulled: list[tuple[str, int, str, Any]],
) -> None:
    """Gather every row a cascading delete of ``ids`` from ``table`` would remove or change."""
    import sqlalchemy as sa

    if not ids:
        return
    pk = list(table.primary_key.columns)
    for row in conn.execute(sa.select(table).where(table.c.id.in_(ids))).mappings():
        rows.setdefault(table.name, {})[tuple(row[c.name] for c in pk)] = dict(row)
    for child, column, ondelete in _dependants(table):
        child_pk = list(child.primary_key.columns)
        if (ondelete or "").upper() == "CASCADE":
            found = [dict(r) for r in conn.execute(sa.select(child).where(column.in_(ids))).mappings()]
            if "id" in child.c:
                new_ids = [r["id"] for r in found if (r["id"],) not in rows.get(child.name, {})]
                _collect(conn, child, new_ids, rows, nulled)
            else:
                for link_row in found:
                    rows.setdefault(child.name, {})[tuple(link_row[c.name] for c in child_pk)] = link_row
        elif (ondelete or "").upper() == "SET NULL":
            for rid, value in conn.execute(sa.select(child.c.id, column).where(column.in_(ids))):
                nulled.append((child.name, int(rid), column.name, value))


def _delete(conn: sa.Connection, op: Delete) -> Applied:
    from ropa_desktop.store import schema as s

    kind = _kind(op.entity)
    current = _fetch(conn, kind, op.record_id)
    rows: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    nulled: list[tuple[str, int, str, Any]] = []
    _collect(conn, kind.table, [op.record_id], rows, nulled)
    conn.execute(kind.table.delete().where(kind.table.c.id == op.record_id))
    ordered = tuple((t.name, tuple(rows[t.name].values())) for t in s.metadata.sorted_tables if t.name in rows)
    # Rows set to NULL that are themselves deleted come back with the restore; do not re-set them.
    deleted_keys = {(name, r.get("id")) for name, group in ordered for r in group}
    kept_nulled = tuple(n for n in nulled if (n[0], n[1]) not in deleted_keys)
    applied = Applied(op, Restore(ordered, kept_nulled), record_id=op.record_id)
    _audit(
        applied,
        "delete",
        kind.name,
        op.record_id,
        "",
        {k: v for k, v in current.items() if k != "id"},
        None,
        _owner(kind.name, op.record_id, current),
    )
    return applied


def _restore(conn: sa.Connection, op: Restore) -> Applied:
    from ropa_desktop.store import schema as s

    tables = s.metadata.tables
    # The deleted record itself comes first: everything else restored depends on it.
    first_entity: tuple[str, int] | None = None
    owner: int | None = None
    for table_name, group in op.rows:
        if group:
            conn.execute(tables[table_name].insert(), [dict(r) for r in group])
            if first_entity is None and "id" in tables[table_name].c:
                first_entity = (table_name, int(group[0]["id"]))
                owner = group[0].get("organisation_id", first_entity[1])
    for table_name, rid, column, value in op.nulled:
        t = tables[table_name]
        conn.execute(t.update().where(t.c.id == rid).values({column: value}))
    entity = next((k for k in ENTITIES.values() if first_entity and k.table.name == first_entity[0]), None)
    if entity is None or first_entity is None:
        raise InvalidValue("restore", N_("nothing to restore"))
    applied = Applied(op, Delete(entity.name, first_entity[1]), record_id=first_entity[1])
    _audit(applied, "restore", entity.name, first_entity[1], "", None, "", owner)
    return applied


def _move(conn: sa.Connection, op: Move) -> Applied:
    import sqlalchemy as sa

    kind = _kind(op.entity)
    current = _fetch(conn, kind, op.record_id)
    ids = _ordered_ids(conn, kind, current)
    t = kind.table
    old_positions = dict(conn.execute(sa.select(t.c.id, t.c.position).where(*_scope_filter(kind, current))).all())
    old_index = ids.index(op.record_id)
    ids.pop(old_index)
    new_index = max(0, min(op.index, len(ids)))
    ids.insert(new_index, op.record_id)
    _renumber(conn, kind, ids, old_positions)
    applied = Applied(op, Move(kind.name, op.record_id, old_index), record_id=op.record_id)
    if new_index != old_index:
        _audit(
            applied,
            "move",
            kind.name,
            op.record_id,
            "position",
            old_index,
            new_index,
            _owner(kind.name, op.record_id, current),
        )
    return applied


def current_links(conn: sa.Connection, link_name: str, owner_id: int) -> tuple[int, ...]:
    import sqlalchemy as sa

    lk = _link_kind(link_name)
    t = lk.table
    q = sa.select(t.c.target_id).where(t.c.owner_id == owner_id).order_by(t.c.position, t.c.target_id)
    return tuple(int(i) for i in conn.execute(q).scalars())


def _set_links(conn: sa.Connection, op: SetLinks) -> Applied:
    import sqlalchemy as sa

    lk = _link_kind(op.link)
    if len(set(op.target_ids)) != len(op.target_ids):
        raise InvalidValue(op.link, N_("a value is listed twice"))
    owner_org = _organisation_of(conn, lk.owner, op.owner_id)
    target = ENTITIES[lk.target]
    if op.target_ids:
        found = dict(
            conn.execute(
                sa.select(target.table.c.id, target.table.c.organisation_id).where(target.table.c.id.in_(op.target_ids))
            ).all()
        )
        for tid in op.target_ids:
            if tid not in found:
                raise RecordNotFound(entity=lk.target, id=tid)
            if found[tid] != owner_org:
                raise InvalidValue(f"{op.link}[{tid}]", N_("belongs to another organisation"))
    old = current_links(conn, op.link, op.owner_id)
    if old != tuple(op.target_ids):
        conn.execute(lk.table.delete().where(lk.table.c.owner_id == op.owner_id))
        if op.target_ids:
            conn.execute(
                lk.table.insert(),
                [{"owner_id": op.owner_id, "target_id": tid, "position": i} for i, tid in enumerate(op.target_ids)],
            )
    applied = Applied(op, SetLinks(op.link, op.owner_id, old), record_id=op.owner_id)
    if old != tuple(op.target_ids):
        _audit(
            applied, "link", lk.owner, op.owner_id, op.link.split(".", 1)[1], list(old), list(op.target_ids), owner_org
        )
    return applied


def _merge(conn: sa.Connection, op: Merge) -> Applied:
    import sqlalchemy as sa

    kind = _kind(op.entity)
    if op.kept_id == op.removed_id:
        raise InvalidValue(kind.name, N_("a record cannot be merged into itself"))
    if _organisation_of(conn, kind.name, op.kept_id) != _organisation_of(conn, kind.name, op.removed_id):
        raise InvalidValue(kind.name, N_("belongs to another organisation"))
    kept, removed = _fetch(conn, kind, op.kept_id), _fetch(conn, kind, op.removed_id)
    # A flag either record carries (art. 9 special, national ID) stays on: merging must not hide it.
    flags = {k: True for k, v in removed.items() if v is True and kept.get(k) is not True}
    steps: list[Operation] = [Update(kind.name, op.kept_id, flags)] if flags else []
    for lk in LINKS.values():
        if lk.target != kind.name:
            continue
        t = lk.table
        owners = conn.execute(sa.select(t.c.owner_id).where(t.c.target_id == op.removed_id)).scalars().all()
        for owner_id in sorted({int(o) for o in owners}):
            ids = current_links(conn, lk.name, owner_id)
            moved = (op.kept_id if i == op.removed_id else i for i in ids)
            steps.append(SetLinks(lk.name, owner_id, tuple(dict.fromkeys(moved))))
    steps.append(Delete(kind.name, op.removed_id))
    done = _batch(conn, Batch(tuple(steps)))
    return Applied(op, done.inverse, record_id=op.kept_id, audit=done.audit)


def _batch(conn: sa.Connection, op: Batch) -> Applied:
    return run_batch(op, lambda sub: apply(conn, sub))


def run_batch(op: Batch, apply_one: Callable[[Operation], Applied]) -> Applied:
    """A batch's steps in order with ``apply_one`` (the store's, or the plain writer's): its inverse
    undoes them in reverse; the first step's record id is the batch's."""
    inverses: list[Operation] = []
    audit: list[dict[str, Any]] = []
    first_id: int | None = None
    for sub in op.operations:
        done = apply_one(sub)
        inverses.append(done.inverse)
        audit.extend(done.audit)
        if first_id is None:
            first_id = done.record_id
    return Applied(op, Batch(tuple(reversed(inverses))), record_id=first_id, audit=audit)


def write_audit(conn: sa.Connection, entries: list[dict[str, Any]], actor: str = "") -> None:
    """Append an operation's field changes to the audit trail, with when and who."""
    from ropa_desktop.store import schema as s

    if not entries:
        return
    conn.execute(s.audit_entry.insert(), audit_rows(entries, actor))


def audit_rows(entries: list[dict[str, Any]], actor: str) -> list[dict[str, Any]]:
    """The audit trail's rows for an operation's field changes: when (UTC, milliseconds) and who."""
    at = datetime.now(UTC).isoformat(timespec="milliseconds")
    return [{**e, "at": at, "actor": actor} for e in entries]


# For store.plain_write, which adds records over the standard library's sqlite3 with the same
# validation, defaults and audit entries as the operations above.
entity_kind = _kind
validated = _validate
owner_of = _owner
record_audit = _audit


def default_actor() -> str:
    """The computer's login name, for the audit trail of a register file (empty when unknown)."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in the environment or the password database
        return ""


@dataclass(frozen=True)
class Target:
    """The record (and field) an operation changed: where undo and redo take the user."""

    entity: str
    record_id: int | None  # None: the record is gone (an undone addition)
    field: str = ""


def target(op: Operation) -> Target | None:
    if isinstance(op, Update):
        return Target(op.entity, op.record_id, next(iter(op.changes), ""))
    if isinstance(op, Create):
        return Target(op.entity, op.record_id)
    if isinstance(op, Delete):
        return Target(op.entity, None)
    if isinstance(op, Move):
        return Target(op.entity, op.record_id)
    if isinstance(op, SetLinks):
        owner, _sep, field_name = op.link.partition(".")
        return Target(owner, op.owner_id, field_name)
    if isinstance(op, Merge):
        return Target(op.entity, op.kept_id)
    if isinstance(op, Restore):
        for entity, rows in op.rows:
            if rows and "id" in rows[0]:
                return Target(entity, int(rows[0]["id"]))
        return None
    for sub in op.operations:  # a Batch: where its first change is
        found = target(sub)
        if found is not None:
            return found
    return None
