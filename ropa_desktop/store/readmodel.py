"""Compact reads for the table models: a few columns per row, one query per table.

The tables never walk ORM objects per painted cell; they hold these tuples.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ropa_desktop.domain.enums import RegisterKind
from ropa_desktop.domain.groupings import flatten, group_by_role
from ropa_desktop.domain.labels import Footnotes, number_footnotes
from ropa_desktop.store import operations as ops
from ropa_desktop.store.entities import ENTITIES, LINKS
from ropa_desktop.store.register import RegisterFile


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


def categories(register: RegisterFile, organisation_id: int) -> dict[int, Category]:
    t = ENTITIES["personal_data"].table
    q = (
        sa.select(t.c.id, t.c.name, t.c.special, t.c.criminal, t.c.national_id)
        .where(t.c.organisation_id == organisation_id)
        .order_by(t.c.position, t.c.id)
    )
    with register.read() as conn:
        return {int(r[0]): Category(int(r[0]), r[1], bool(r[2]), bool(r[3]), bool(r[4])) for r in conn.execute(q)}


def activity_rows(register: RegisterFile, organisation_id: int, register_kind: str) -> list[ActivityRow]:
    """The purpose table of one register, in the user's row order."""
    t = ENTITIES["activity"].table
    raw = sa.String  # the JSON lists are decoded here, cheaper than per-row type processing
    q = (
        sa.select(
            t.c.id,
            t.c.purpose,
            sa.type_coerce(t.c.operations, raw),
            sa.type_coerce(t.c.legal_basis, raw),
            t.c.legal_basis_note,
            t.c.balancing_test,
            t.c.special_condition,
            t.c.retention,
        )
        .where(t.c.organisation_id == organisation_id, t.c.register_kind == register_kind)
        .order_by(t.c.position, t.c.id)
    )
    link = LINKS["activity.personal_data"].table
    lq = (
        sa.select(link.c.owner_id, link.c.target_id)
        .join(t, t.c.id == link.c.owner_id)
        .where(t.c.organisation_id == organisation_id, t.c.register_kind == register_kind)
        .order_by(link.c.owner_id, link.c.position)
    )
    with register.read() as conn:
        rows = [ActivityRow(int(r[0]), r[1], _list(r[2]), _list(r[3]), r[4], r[5], r[6], r[7]) for r in conn.execute(q)]
        links: dict[int, list[int]] = defaultdict(list)
        for owner, target in conn.execute(lq):
            links[owner].append(target)
    for row in rows:
        row.category_ids = links.get(row.id, [])
    return rows


def activity_row(register: RegisterFile, activity_id: int) -> ActivityRow | None:
    """One row again, after an edit (targeted refresh instead of a reload)."""
    t = ENTITIES["activity"].table
    with register.read() as conn:
        r = conn.execute(
            sa.select(
                t.c.id,
                t.c.purpose,
                t.c.operations,
                t.c.legal_basis,
                t.c.legal_basis_note,
                t.c.balancing_test,
                t.c.special_condition,
                t.c.retention,
            ).where(t.c.id == activity_id)
        ).first()
        if r is None:
            return None
        row = ActivityRow(int(r[0]), r[1], _list(r[2]), _list(r[3]), r[4], r[5], r[6], r[7])
        # In the same read: one transaction (one set of round trips to a team server), one consistent view.
        row.category_ids = list(ops.current_links(conn, "activity.personal_data", activity_id))
    return row


def activity_row_of(record: Any) -> ActivityRow:
    """The purpose table's row of an activity the detail pane has just read (an edit re-reads one, not both)."""
    a = record.activity
    row = ActivityRow(
        int(a.id),
        a.purpose or "",
        _list(a.operations),
        _list(a.legal_basis),
        a.legal_basis_note or "",
        a.balancing_test or "",
        a.special_condition,
        a.retention or "",
    )
    row.category_ids = list(record.personal_data_ids)
    return row


def records(register: RegisterFile, entity: str, organisation_id: int, columns: list[str]) -> list[dict[str, Any]]:
    """Plain rows of one catalogue (recipients, transfers, ...) with just the named columns."""
    t = ENTITIES[entity].table
    q = (
        sa.select(t.c.id, *(t.c[c] for c in columns))
        .where(t.c.organisation_id == organisation_id)
        .order_by(t.c.position, t.c.id)
    )
    with register.read() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def records_by_id(register: RegisterFile, entity: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Whole rows of the given records, by id (a few out of 100,000: one indexed query)."""
    t = ENTITIES[entity].table
    with register.read() as conn:
        return {int(r["id"]): dict(r) for r in conn.execute(sa.select(t).where(t.c.id.in_(ids))).mappings()}


def link_map(register: RegisterFile, link_name: str, owner_ids: list[int]) -> dict[int, list[int]]:
    t = LINKS[link_name].table
    out: dict[int, list[int]] = defaultdict(list)
    if not owner_ids:
        return out
    q = sa.select(t.c.owner_id, t.c.target_id).where(t.c.owner_id.in_(owner_ids)).order_by(t.c.owner_id, t.c.position)
    with register.read() as conn:
        for owner, target in conn.execute(q):
            out[owner].append(target)
    return out


def next_id(register: RegisterFile, entity: str) -> int:
    """The id a new record will get, so a Batch can create records and link them in one step."""
    t = ENTITIES[entity].table
    with register.read() as conn:
        return int(conn.execute(sa.select(sa.func.max(t.c.id))).scalar() or 0) + 1


# --------------------------------------------------------------------------- pages and small reads

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


def activity_ids(register: RegisterFile, organisation_id: int, register_kind: str) -> list[int]:
    """All ids of one register in the user's order: one narrow query, fast even at 100,000 rows."""
    t = ENTITIES["activity"].table
    scope = (t.c.organisation_id == organisation_id, t.c.register_kind == register_kind)
    with register.read() as conn:
        return list(conn.execute(sa.select(t.c.id).where(*scope).order_by(t.c.position, t.c.id)).scalars())


def footnotes(register: RegisterFile, organisation_id: int) -> Footnotes:
    """The organisation's footnote numbering (:func:`ropa_desktop.domain.labels.number_footnotes`),
    read from the rows that can carry a mark only: activities and recipients with art. 6(1)(f)."""
    a = ENTITIES["activity"].table
    r = ENTITIES["recipient"].table
    raw = sa.String

    def legit(t: sa.Table) -> Any:
        # CAST, not type_coerce: PostgreSQL has no LIKE on its json type (a team register on a server)
        return sa.and_(sa.cast(t.c.legal_basis, sa.Text).like('%"f"%'), t.c.balancing_test != "")

    kind_order = sa.case((a.c.register_kind == RegisterKind.CONTROLLER.value, 0), else_=1)
    aq = (
        sa.select(a.c.id, sa.type_coerce(a.c.legal_basis, raw), a.c.balancing_test)
        .where(a.c.organisation_id == organisation_id, legit(a))
        .order_by(kind_order, a.c.position, a.c.id)
    )
    rq = (
        sa.select(r.c.id, r.c.role, sa.type_coerce(r.c.legal_basis, raw), r.c.balancing_test)
        .where(r.c.organisation_id == organisation_id, legit(r))
        .order_by(r.c.position, r.c.id)
    )
    with register.read() as conn:
        activities = [(int(row[0]), _list(row[1]), row[2] or "") for row in conn.execute(aq)]
        recipients = list(conn.execute(rq))
    shared = flatten(group_by_role(recipients, lambda row: row[1]))
    return number_footnotes(activities, ((int(row[0]), _list(row[2]), row[3] or "") for row in shared))


def activity_page(register: RegisterFile, ids: list[int]) -> dict[int, ActivityRow]:
    """The rows for one page of the table (ids in any order)."""
    if not ids:
        return {}
    t = ENTITIES["activity"].table
    raw = sa.String
    cols = [
        t.c[c] if c not in ("operations", "legal_basis") else sa.type_coerce(t.c[c], raw) for c in _ACTIVITY_COLUMNS
    ]
    link = LINKS["activity.personal_data"].table
    out: dict[int, ActivityRow] = {}
    with register.read() as conn:
        for r in conn.execute(sa.select(*cols).where(t.c.id.in_(ids))):
            out[int(r[0])] = ActivityRow(int(r[0]), r[1], _list(r[2]), _list(r[3]), r[4], r[5], r[6], r[7])
        q = sa.select(link.c.owner_id, link.c.target_id).where(link.c.owner_id.in_(ids)).order_by(link.c.position)
        for owner, target in conn.execute(q):
            out[int(owner)].category_ids.append(int(target))
    return out


@dataclass
class OrganisationInfo:
    id: int
    name: str
    is_processor: bool
    has_processor_activities: bool


def organisations(register: RegisterFile) -> list[OrganisationInfo]:
    o = ENTITIES["organisation"].table
    a = ENTITIES["activity"].table
    processor = sa.exists().where(a.c.organisation_id == o.c.id, a.c.register_kind == "processor")
    q = sa.select(o.c.id, o.c.name, o.c.is_processor, processor).order_by(o.c.position, o.c.id)
    with register.read() as conn:
        return [OrganisationInfo(int(r[0]), r[1], bool(r[2]), bool(r[3])) for r in conn.execute(q)]


def activity_detail(
    register: RegisterFile, organisation_id: int, activity_id: int, catalogues: Any = None
) -> tuple[Any, Any] | None:
    """One activity with the organisation's catalogues (not its other activities): what the detail pane shows.

    ``catalogues``: the organisation and catalogues this function returned before, when the caller knows
    nothing but activities changed since (an edit in the purpose table): then only the activity and its
    links are read, not every catalogue again after every keystroke's edit."""
    from ropa_desktop.domain import models as m
    from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord

    # One read transaction for the whole pane: one consistent view, and one round trip each (not a
    # transaction each) on a team server, where the pane is re-read after every edit.
    with register.read() as conn:

        def rows(entity: str, model: Any, where: Any) -> list[Any]:
            t = ENTITIES[entity].table
            found = conn.execute(sa.select(t).where(where(t)).order_by(t.c.position, t.c.id)).mappings()
            return [m.construct(model, {**m.field_defaults(model), **r}) for r in found]

        by_org = lambda t: t.c.organisation_id == organisation_id  # noqa: E731
        activities = rows("activity", m.ProcessingActivity, lambda t: t.c.id == activity_id)
        if not activities:
            return None
        org = catalogues
        if not isinstance(org, OrganisationRegister) or org.organisation.id != organisation_id:
            orgs = rows("organisation", m.Organisation, lambda t: t.c.id == organisation_id)
            if not orgs:
                return None
            org = OrganisationRegister(orgs[0])
            org.data_subjects = rows("data_subject", m.DataSubjectCategory, by_org)
            org.personal_data = rows("personal_data", m.PersonalDataCategory, by_org)  # the DPIA screening reads them
            org.sources = rows("source", m.DataSource, by_org)
            org.recipients = [RecipientRecord(r) for r in rows("recipient", m.Recipient, by_org)]
            org.transfers = rows("transfer", m.Transfer, by_org)
            org.security_measures = rows("security_measure", m.SecurityMeasure, by_org)
            org.clients = rows("client", m.ProcessorClient, by_org)
        links = _links_of(conn, DETAIL_LINKS, activity_id)
    return org, ActivityRecord(activities[0], *links)


# The links of an activity the detail pane shows, in ActivityRecord's order.
DETAIL_LINKS = (
    "activity.data_subjects",
    "activity.personal_data",
    "activity.sources",
    "activity.recipients",
    "activity.security_measures",
)


def _links_of(conn: sa.Connection, names: tuple[str, ...], owner_id: int) -> list[list[int]]:
    """Several links of one owner in one query (one round trip to a team server, not one per link),
    each in its stored order."""
    parts = [
        sa.select(sa.literal(number).label("link"), t.c.target_id, t.c.position).where(t.c.owner_id == owner_id)
        for number, t in enumerate(LINKS[name].table for name in names)
    ]
    found: list[list[int]] = [[] for _ in names]
    query = sa.union_all(*parts).order_by(sa.text("link"), sa.text("position"), sa.text("target_id"))
    for number, target_id, _position in conn.execute(query):
        found[int(number)].append(int(target_id))
    return found


def organisation_details(register: RegisterFile, organisation_id: int) -> dict[str, Any] | None:
    """Every stored field of one organisation (what the organisation dialog edits)."""
    t = ENTITIES["organisation"].table
    with register.read() as conn:
        row = conn.execute(sa.select(t).where(t.c.id == organisation_id)).mappings().first()
    return dict(row) if row is not None else None


def organisation_of(register: RegisterFile, entity: str, record_id: int) -> int | None:
    """The organisation a record belongs to (None when it is gone)."""
    if entity == "organisation":
        return record_id
    if entity not in ENTITIES:
        return None
    t = ENTITIES[entity].table
    if "organisation_id" not in t.c:
        return None
    with register.read() as conn:
        found = conn.execute(sa.select(t.c.organisation_id).where(t.c.id == record_id)).scalar()
    return int(found) if found is not None else None
