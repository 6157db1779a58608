"""Reading a register file with the standard library alone: ``ropa info``, ``check`` and ``export``.

Opening a register through the store (:class:`ropa_desktop.store.register.RegisterFile`) loads
SQLAlchemy, which costs more than the whole read for a typical register. A command that only reads
opens the file here instead, over :mod:`sqlite3` in read-only mode, and gets the same read aggregate
(:class:`~ropa_desktop.domain.register.RegisterSnapshot`) with the same checks before and the same
clear errors: not a register, newer than this program, damaged, unreadable value. The tables and
columns are those of :mod:`ropa_desktop.store.tables`, the names the store's tables are built from;
:func:`assemble` groups the rows for both readers. Writes never come here: they go through the store
operations. An older file (format version 1 or 2) is read as it is, the columns it lacks taking
their defaults, as the migration would give them; it is migrated when it is opened for writing.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord, RegisterSnapshot
from ropa_desktop.errors import (
    FileMissing,
    NotAFile,
    NotARegister,
    RegisterCorrupt,
    RegisterNotFound,
    RegisterUnreadable,
    RopaError,
    short_path,
)
from ropa_desktop.safe_files import check_input, remove_stale_temporaries
from ropa_desktop.store import access, locking, migrations, sqlite
from ropa_desktop.store.tables import LINK_TABLES, TABLES, ColumnKind, columns

RowSource = Callable[[str], Iterable[Any]]  # entity name -> its records, in the order of store_order()
LinkSource = Callable[[str], dict[int, list[int]]]  # link name -> owner id -> target ids, in the user's order

ACTIVITY_LINKS = ("data_subjects", "personal_data", "sources", "recipients", "security_measures")


def store_order(entity: str) -> tuple[str, ...]:
    """The columns each reader sorts a table's rows by before :func:`assemble` groups them."""
    if entity == "activity":
        return ("organisation_id", "register_kind", "position", "id")
    if entity == "organisation":
        return ("position", "id")
    return ("organisation_id", "position", "id")


def assemble(rows: RowSource, links: LinkSource, schema_version: int) -> RegisterSnapshot:
    """Group the tables' rows into the read aggregate: each organisation with all its records."""
    orgs = {o.id: OrganisationRegister(o) for o in rows("organisation")}

    def grouped(entity: str) -> Iterator[tuple[OrganisationRegister, Any]]:
        for record in rows(entity):
            org = orgs.get(record.organisation_id)
            if org is not None:
                yield org, record

    for org, ds in grouped("data_subject"):
        org.data_subjects.append(ds)
    for org, pd in grouped("personal_data"):
        org.personal_data.append(pd)
    for org, src in grouped("source"):
        org.sources.append(src)
    recipient_links = links("recipient.personal_data")
    for org, rec in grouped("recipient"):
        org.recipients.append(RecipientRecord(rec, recipient_links.get(rec.id or 0, [])))
    transfer_links = links("transfer.recipients")
    for org, tr in grouped("transfer"):
        org.transfers.append(tr)
        if tr.id in transfer_links:
            org.transfer_recipient_ids[tr.id] = transfer_links[tr.id]
    for org, sm in grouped("security_measure"):
        org.security_measures.append(sm)
    for org, cl in grouped("client"):
        org.clients.append(cl)
    for org, ap in grouped("approver"):
        org.approvers.append(ap)
    for org, cle in grouped("change_log"):
        org.change_log.append(cle)
    for org, apv in grouped("approval"):
        org.approvals.append(apv)
    activity_links = {name: links(f"activity.{name}") for name in ACTIVITY_LINKS}
    for org, act in grouped("activity"):
        aid = act.id or 0
        org.activities.append(ActivityRecord(act, *(activity_links[name].get(aid, []) for name in ACTIVITY_LINKS)))
    # Controller register first, then the processor register, each in position order.
    kind_order = {e.RegisterKind.CONTROLLER.value: 0, e.RegisterKind.PROCESSOR.value: 1}
    for org in orgs.values():
        org.activities.sort(
            key=lambda a: (kind_order.get(a.activity.register_kind, 2), a.activity.position, a.activity.id or 0)
        )
    return RegisterSnapshot(list(orgs.values()), schema_version)


def decoder(model: type[Any], names: list[str]) -> Callable[[tuple[Any, ...]], Any]:
    """Turn a raw SQLite row (columns ``names``) into a record: JSON lists, ISO dates and 0/1 decoded."""
    kinds = {c.name: c.kind for c in columns(model)}
    json_cols = [i for i, n in enumerate(names) if kinds[n] == ColumnKind.JSON]
    date_cols = [i for i, n in enumerate(names) if kinds[n] == ColumnKind.DATE]
    bool_cols = [i for i, n in enumerate(names) if kinds[n] == ColumnKind.BOOLEAN]
    # Columns an older file does not have yet take the record's defaults (what the migration adds).
    missing = {n: v for n, v in m.field_defaults(model).items() if n not in names}

    def decode(raw: tuple[Any, ...]) -> Any:
        values = list(raw)
        for i in json_cols:
            v = values[i]
            values[i] = [] if v is None else v if isinstance(v, list) else json.loads(v)
        for i in date_cols:
            if isinstance(values[i], str):
                values[i] = date.fromisoformat(values[i])
        for i in bool_cols:
            if values[i] is not None:
                values[i] = bool(values[i])
        record = dict(zip(names, values, strict=True))
        if missing:
            record.update({n: list(v) if isinstance(v, list) else v for n, v in missing.items()})
        return m.construct(model, record)

    return decode


# --------------------------------------------------------------------------- the file


def existing_register_path(path: Path | str) -> Path:
    """``path`` as a register file about to be opened (by this reader or the store): a missing file or a
    folder gets the register's own message, and temporaries an interrupted save left beside it go."""
    path = Path(path)
    try:
        check_input(path)
    except FileMissing:
        raise RegisterNotFound(path=short_path(path)) from None
    except NotAFile:
        raise NotARegister(path=short_path(path)) from None
    remove_stale_temporaries(path.parent)
    return path


def read_snapshot(path: Path | str, organisation_id: int | None = None) -> RegisterSnapshot:
    """The whole register (or one organisation) at ``path``, read in one read-only transaction."""
    path = existing_register_path(path)
    header = sqlite.validated_header(path, migrations.SCHEMA_VERSION)
    existed = sqlite.existing_sidecars(path)
    # As RegisterFile opens read-only: in a folder nobody here can write, SQLite cannot make the
    # shared-memory file a WAL reader needs, and no writer is active there either.
    immutable = not access.folder_writable(path.parent) and not Path(f"{path}-shm").exists()
    try:
        with closing(sqlite.connect(path, readonly=True, immutable=immutable)) as conn, _readable(path):
            if not sqlite.quick_check(conn):
                raise RegisterCorrupt(path=short_path(path))
            conn.execute("BEGIN")  # one consistent view, even while a writer commits
            try:
                return load_from(conn, path, header.user_version, organisation_id)
            finally:
                conn.execute("COMMIT")
    finally:
        # Leave no -wal/-shm a read made beside the register (never ones a writer has open).
        if locking.is_free(path):
            sqlite.remove_new_sidecars(path, existed)


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """The store's errors for a file that passed the header checks but cannot be read."""
    try:
        yield
    except RopaError:
        raise
    except sqlite3.DatabaseError:
        raise RegisterCorrupt(path=short_path(path)) from None
    except (ValueError, TypeError, LookupError, ArithmeticError) as exc:
        raise RegisterUnreadable(path=short_path(path), where=unreadable_where(exc)) from None


def unreadable_where(exc: BaseException) -> str:
    """Which table or column could not be read, if the driver says; never the value itself."""
    found = re.search(r"column '?([\w.]+)'?|table '?(\w+)'?", str(exc))
    if found:
        return found.group(1) or found.group(2)
    return type(exc).__name__


def load_from(
    conn: sqlite3.Connection, path: Path, schema_version: int, organisation_id: int | None = None
) -> RegisterSnapshot:
    """The read aggregate from an open connection, inside the caller's read transaction (the editor's register)."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def rows(entity: str) -> Iterable[Any]:
        info = TABLES[entity]
        if info.name not in present:
            raise RegisterCorrupt(path=short_path(path))  # every version has every record table
        stored = {r[1] for r in conn.execute(f'PRAGMA table_info("{info.name}")')}
        names = [n for n in m.field_names(info.model) if n in stored]
        sql = f'SELECT {", ".join(_quote(n) for n in names)} FROM "{info.name}"'
        params: tuple[int, ...] = ()
        if organisation_id is not None:
            sql += " WHERE " + ("id" if entity == "organisation" else "organisation_id") + " = ?"
            params = (organisation_id,)
        sql += " ORDER BY " + ", ".join(_quote(n) for n in store_order(entity))
        decode = decoder(info.model, names)
        return [decode(raw) for raw in conn.execute(sql, params).fetchall()]

    def links(name: str) -> dict[int, list[int]]:
        table = LINK_TABLES[name].table
        out: dict[int, list[int]] = defaultdict(list)
        if table not in present:  # transfer_recipient: format version 2
            return out
        for owner, target in conn.execute(
            f'SELECT owner_id, target_id FROM "{table}" ORDER BY owner_id, position, target_id'
        ):
            out[owner].append(target)
        return out

    return assemble(rows, links, schema_version)


def _quote(name: str) -> str:
    return f'"{name}"'  # "when", "position": quoted like SQLAlchemy quotes reserved words


class RegisterReader:
    """A register file opened to be read, not changed (``ropa info``, ``check``, ``export``).

    Stands where a read-only :class:`~ropa_desktop.store.register.RegisterFile` stood for those
    commands: the file is read once, when opened (so a bad file is refused before any output is
    written), and holds no connection or lock afterwards.
    """

    readonly = True

    def __init__(self, path: Path, snapshot: RegisterSnapshot) -> None:
        self.path = path
        self.schema_version = snapshot.schema_version
        self._snapshot = snapshot

    @classmethod
    def open(cls, path: Path | str) -> RegisterReader:
        return cls(Path(path), read_snapshot(path))

    def snapshot(self, organisation_id: int | None = None) -> RegisterSnapshot:
        if organisation_id is None:
            return self._snapshot
        orgs = [o for o in self._snapshot.organisations if o.organisation.id == organisation_id]
        return RegisterSnapshot(orgs, self.schema_version)

    def close(self) -> None:
        pass  # nothing is held open

    def __enter__(self) -> RegisterReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["RegisterReader", "assemble", "read_snapshot"]
