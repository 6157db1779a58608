"""Compact reads for the table models: a few columns per row, one query per table.

The tables never walk ORM objects per painted cell; they hold these tuples.

Each read is one SQL text with named parameters, run by :func:`_reading`: on a register file over
the standard library's ``sqlite3`` (the editor paints its first screen from these reads, before
SQLAlchemy is loaded: issue 16), on a register server over its SQLAlchemy connection. The SQL is
portable (quoted names, ``CAST``/``CASE``/``EXISTS``), so one text serves both.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ropa_desktop.domain.enums import RegisterKind
from ropa_desktop.domain.groupings import flatten, group_by_role
from ropa_desktop.domain.labels import Footnotes, number_footnotes
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.store.tables import LINK_TABLES, TABLES, ColumnKind, columns

Rows = Callable[..., list[tuple[Any, ...]]]  # (sql, params) -> the rows, as tuples


@contextmanager
def _reading(register: RegisterFile) -> Iterator[tuple[Rows, bool]]:
    """One read transaction: the function that runs a query in it, and whether values come raw from SQLite
    (JSON lists and ISO dates as text, booleans as 0/1) rather than decoded by a server's driver."""
    if isinstance(register, RegisterFile):
        with register.lean_read() as conn:
            yield (lambda sql, params=None: conn.execute(sql, params or {}).fetchall()), True
        return
    import sqlalchemy as sa  # a server register (a ServerRegister in RegisterFile's place)

    with register.read() as sconn:
        yield (lambda sql, params=None: [tuple(r) for r in sconn.execute(sa.text(sql), params or {})]), False


def _table(entity: str) -> str:
    return f'"{TABLES[entity].name}"'


def _link_table(link: str) -> str:
    return f'"{LINK_TABLES[link].table}"'


def _names(names: Sequence[str], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{n}"' for n in names)


def _in(name: str, values: Sequence[int]) -> tuple[str, dict[str, int]]:
    """``(:name0, :name1, …)`` and its parameters: one text for both drivers' parameter styles."""
    params = {f"{name}{i}": int(v) for i, v in enumerate(values)}
    return "(" + ", ".join(f":{k}" for k in params) + ")", params


def _all_columns(entity: str) -> list[str]:
    return [c.name for c in columns(TABLES[entity].model)]


def _decoder(entity: str, names: Sequence[str], raw: bool) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    """Whole rows as dicts with the stored types (lists, dates, booleans), as SQLAlchemy's typed columns give them."""
    kinds = {c.name: c.kind for c in columns(TABLES[entity].model)}

    def decode(row: tuple[Any, ...]) -> dict[str, Any]:
        out = dict(zip(names, row, strict=True))
        if raw:
            for name, value in out.items():
                kind = kinds.get(name)
                if value is None or kind is None:
                    continue
                if kind == ColumnKind.JSON and isinstance(value, str):
                    out[name] = json.loads(value)
                elif kind == ColumnKind.DATE and isinstance(value, str):
                    out[name] = date.fromisoformat(value)
                elif kind == ColumnKind.BOOLEAN:
                    out[name] = bool(value)
        return out

    return decode


def _list(raw: Any) -> list[str]:
    if raw is None or raw == "":
        return []
    if isinstance(raw, list):
        return [str(x) for x in raw]
    value = json.loads(raw)
    return [str(x) for x in value] if isinstance(value, list) else []


@dataclass
class Category:
    id: int
    name: str
    special: bool = False
    criminal: bool = False
    national_id: bool = False


@dataclass
class ActivityRow:
    id: int
    purpose: str
    operations: list[str]
    legal_basis: list[str]
    legal_basis_note: str
    balancing_test: str
    special_condition: str | None
    retention: str
    category_ids: list[int] = field(default_factory=list)
    footnote: str = ""  # the balancing test's mark (¹ ² ³ …), from the organisation's one numbering
    search_text: str = ""  # built on first filter


_ACTIVITY_COLUMNS = (
    "id",
    "purpose",
    "operations",
    "legal_basis",
    "legal_basis_note",
    "balancing_test",
    "special_condition",
    "retention",
)
_ORDER = 'ORDER BY "position", "id"'


def _activity_row(r: Sequence[Any]) -> ActivityRow:
    return ActivityRow(int(r[0]), r[1], _list(r[2]), _list(r[3]), r[4], r[5], r[6], r[7])


def categories(register: RegisterFile, organisation_id: int) -> dict[int, Category]:
    sql = (
        f'SELECT "id", "name", "special", "criminal", "national_id" FROM {_table("personal_data")} '
        f'WHERE "organisation_id" = :org {_ORDER}'
    )
    with _reading(register) as (rows, _raw):
        found = rows(sql, {"org": organisation_id})
    return {int(r[0]): Category(int(r[0]), r[1], bool(r[2]), bool(r[3]), bool(r[4])) for r in found}


def activity_rows(register: RegisterFile, organisation_id: int, register_kind: str) -> list[ActivityRow]:
    """The purpose table of one register, in the user's row order."""
    scope = 'a."organisation_id" = :org AND a."register_kind" = :kind'
    sql = f"SELECT {_names(_ACTIVITY_COLUMNS, 'a.')} FROM {_table('activity')} a WHERE {scope} " + _ORDER.replace(
        '"position", "id"', 'a."position", a."id"'
    )
    link_sql = (
        f'SELECT l."owner_id", l."target_id" FROM {_link_table("activity.personal_data")} l '
        f'JOIN {_table("activity")} a ON a."id" = l."owner_id" WHERE {scope} ORDER BY l."owner_id", l."position"'
    )
    params = {"org": organisation_id, "kind": register_kind}
    with _reading(register) as (run, _raw):
        rows = [_activity_row(r) for r in run(sql, params)]
        links: dict[int, list[int]] = defaultdict(list)
        for owner, target in run(link_sql, params):
            links[owner].append(target)
    for row in rows:
        row.category_ids = links.get(row.id, [])
    return rows


def activity_row(register: RegisterFile, activity_id: int) -> ActivityRow | None:
    """One row again, after an edit (targeted refresh instead of a reload)."""
    found = activity_page(register, [activity_id])
    return found.get(activity_id)


def records(register: RegisterFile, entity: str, organisation_id: int, columns: list[str]) -> list[dict[str, Any]]:
    """Plain rows of one catalogue (recipients, transfers, ...) with just the named columns."""
    names = ["id", *columns]
    sql = f'SELECT {_names(names)} FROM {_table(entity)} WHERE "organisation_id" = :org {_ORDER}'
    with _reading(register) as (run, raw):
        decode = _decoder(entity, names, raw)
        return [decode(r) for r in run(sql, {"org": organisation_id})]


def records_by_id(register: RegisterFile, entity: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Whole rows of the given records, by id (a few out of 100,000: one indexed query)."""
    if not ids:
        return {}
    names = _all_columns(entity)
    where, params = _in("id", ids)
    with _reading(register) as (run, raw):
        decode = _decoder(entity, names, raw)
        found = [decode(r) for r in run(f'SELECT {_names(names)} FROM {_table(entity)} WHERE "id" IN {where}', params)]
    return {int(r["id"]): r for r in found}


def link_map(register: RegisterFile, link_name: str, owner_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    if not owner_ids:
        return out
    where, params = _in("owner", owner_ids)
    sql = (
        f'SELECT "owner_id", "target_id" FROM {_link_table(link_name)} WHERE "owner_id" IN {where} '
        'ORDER BY "owner_id", "position"'
    )
    with _reading(register) as (run, _raw):
        for owner, target in run(sql, params):
            out[owner].append(target)
    return out


def next_id(register: RegisterFile, entity: str) -> int:
    """The id a new record will get, so a Batch can create records and link them in one step."""
    with _reading(register) as (run, _raw):
        top = run(f'SELECT MAX("id") FROM {_table(entity)}')[0][0]
    return int(top or 0) + 1


# --------------------------------------------------------------------------- pages and small reads


def activity_ids(register: RegisterFile, organisation_id: int, register_kind: str) -> list[int]:
    """All ids of one register in the user's order: one narrow query, fast even at 100,000 rows."""
    sql = f'SELECT "id" FROM {_table("activity")} WHERE "organisation_id" = :org AND "register_kind" = :kind {_ORDER}'
    with _reading(register) as (run, _raw):
        return [int(r[0]) for r in run(sql, {"org": organisation_id, "kind": register_kind})]


def footnotes(register: RegisterFile, organisation_id: int) -> Footnotes:
    """The organisation's footnote numbering (:func:`ropa_desktop.domain.labels.number_footnotes`),
    read from the rows that can carry a mark only: activities and recipients with art. 6(1)(f)."""
    # CAST, not a JSON function: PostgreSQL has no LIKE on its json type (a team register on a server).
    legit = '"organisation_id" = :org AND CAST("legal_basis" AS TEXT) LIKE :legit AND "balancing_test" != \'\''
    activity_sql = (
        f'SELECT "id", "legal_basis", "balancing_test" FROM {_table("activity")} WHERE {legit} '
        'ORDER BY CASE WHEN "register_kind" = :controller THEN 0 ELSE 1 END, "position", "id"'
    )
    recipient_sql = (
        f'SELECT "id", "role", "legal_basis", "balancing_test" FROM {_table("recipient")} WHERE {legit} {_ORDER}'
    )
    params = {"org": organisation_id, "legit": '%"f"%', "controller": RegisterKind.CONTROLLER.value}
    with _reading(register) as (run, _raw):
        activities = [(int(row[0]), _list(row[1]), row[2] or "") for row in run(activity_sql, params)]
        recipients = run(recipient_sql, params)
    shared = flatten(group_by_role(recipients, lambda row: row[1]))
    return number_footnotes(activities, ((int(row[0]), _list(row[2]), row[3] or "") for row in shared))


def activity_page(register: RegisterFile, ids: list[int]) -> dict[int, ActivityRow]:
    """The rows for one page of the table (ids in any order)."""
    if not ids:
        return {}
    where, params = _in("id", ids)
    out: dict[int, ActivityRow] = {}
    with _reading(register) as (run, _raw):
        for r in run(f'SELECT {_names(_ACTIVITY_COLUMNS)} FROM {_table("activity")} WHERE "id" IN {where}', params):
            out[int(r[0])] = _activity_row(r)
        owners, params = _in("owner", ids)
        link_sql = (
            f'SELECT "owner_id", "target_id" FROM {_link_table("activity.personal_data")} '
            f'WHERE "owner_id" IN {owners} ORDER BY "position"'
        )
        for owner, target in run(link_sql, params):
            out[int(owner)].category_ids.append(int(target))
    return out


@dataclass
class OrganisationInfo:
    id: int
    name: str
    is_processor: bool
    has_processor_activities: bool


def organisations(register: RegisterFile) -> list[OrganisationInfo]:
    sql = (
        f'SELECT o."id", o."name", o."is_processor", EXISTS (SELECT 1 FROM {_table("activity")} a '
        f'WHERE a."organisation_id" = o."id" AND a."register_kind" = :processor) FROM {_table("organisation")} o '
        'ORDER BY o."position", o."id"'
    )
    with _reading(register) as (run, _raw):
        found = run(sql, {"processor": RegisterKind.PROCESSOR.value})
    return [OrganisationInfo(int(r[0]), r[1], bool(r[2]), bool(r[3])) for r in found]


def activity_detail(register: RegisterFile, organisation_id: int, activity_id: int) -> tuple[Any, Any] | None:
    """One activity with the organisation's catalogues (not its other activities): what the detail pane shows."""
    from ropa_desktop.domain import models as m
    from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord

    # One read transaction for the whole pane: one consistent view, and one round trip each (not a
    # transaction each) on a team server, where the pane is re-read after every edit.
    with _reading(register) as (run, raw):

        def rows(entity: str, model: Any, where: str, key: int) -> list[Any]:
            names = _all_columns(entity)
            decode = _decoder(entity, names, raw)
            found = run(f'SELECT {_names(names)} FROM {_table(entity)} WHERE "{where}" = :key {_ORDER}', {"key": key})
            return [m.construct(model, {**m.field_defaults(model), **decode(r)}) for r in found]

        activities = rows("activity", m.ProcessingActivity, "id", activity_id)
        orgs = rows("organisation", m.Organisation, "id", organisation_id)
        if not activities or not orgs:
            return None
        org = OrganisationRegister(orgs[0])
        by_org = "organisation_id"
        org.data_subjects = rows("data_subject", m.DataSubjectCategory, by_org, organisation_id)
        # the DPIA screening reads them
        org.personal_data = rows("personal_data", m.PersonalDataCategory, by_org, organisation_id)
        org.sources = rows("source", m.DataSource, by_org, organisation_id)
        org.recipients = [RecipientRecord(r) for r in rows("recipient", m.Recipient, by_org, organisation_id)]
        org.transfers = rows("transfer", m.Transfer, by_org, organisation_id)
        org.security_measures = rows("security_measure", m.SecurityMeasure, by_org, organisation_id)
        org.clients = rows("client", m.ProcessorClient, by_org, organisation_id)
        links = [
            [
                int(r[0])
                for r in run(
                    f'SELECT "target_id" FROM {_link_table(link)} WHERE "owner_id" = :owner '
                    'ORDER BY "position", "target_id"',
                    {"owner": activity_id},
                )
            ]
            for link in (
                "activity.data_subjects",
                "activity.personal_data",
                "activity.sources",
                "activity.recipients",
                "activity.security_measures",
            )
        ]
    return org, ActivityRecord(activities[0], *links)


def organisation_details(register: RegisterFile, organisation_id: int) -> dict[str, Any] | None:
    """Every stored field of one organisation (what the organisation dialog edits)."""
    names = _all_columns("organisation")
    with _reading(register) as (run, raw):
        found = run(f'SELECT {_names(names)} FROM {_table("organisation")} WHERE "id" = :id', {"id": organisation_id})
        return _decoder("organisation", names, raw)(found[0]) if found else None


def organisation_of(register: RegisterFile, entity: str, record_id: int) -> int | None:
    """The organisation a record belongs to (None when it is gone)."""
    if entity == "organisation":
        return record_id
    if entity not in TABLES or not TABLES[entity].owned:
        return None
    with _reading(register) as (run, _raw):
        found = run(f'SELECT "organisation_id" FROM {_table(entity)} WHERE "id" = :id', {"id": record_id})
    return int(found[0][0]) if found and found[0][0] is not None else None
