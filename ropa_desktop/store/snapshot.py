"""A register read in bulk: one query per table, grouped in Python.

The result is the read aggregate of :mod:`ropa_desktop.domain.register`, which
checks, exports and the JSON interchange all read, so none of them walks
relationships record by record.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord, RegisterSnapshot
from ropa_desktop.store.entities import ENTITIES, LINKS

M = TypeVar("M")


def _rows(conn: sa.Connection, table: sa.Table, model: type[M], where: Any = None) -> Iterable[M]:
    q = sa.select(table)
    if where is not None:
        q = q.where(where)
    if "organisation_id" in table.c:
        order = [table.c.organisation_id]
        if "register_kind" in table.c:
            order.append(table.c.register_kind)
        q = q.order_by(*order, table.c.position, table.c.id)
    else:
        q = q.order_by(table.c.position, table.c.id)
    names = [c.name for c in table.c]
    # Lists are stored as JSON and dates as ISO text; decode those columns by hand from the
    # raw cursor, which is several times faster than per-row result processing. (A server
    # driver such as psycopg hands them over already decoded.)
    json_cols = [i for i, c in enumerate(table.c) if isinstance(c.type, sa.JSON)]
    date_cols = [i for i, c in enumerate(table.c) if isinstance(c.type, sa.Date)]
    bool_cols = [i for i, c in enumerate(table.c) if isinstance(c.type, sa.Boolean)]
    compiled = q.compile(conn, compile_kwargs={"literal_binds": True})
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled))
        for raw in cursor.fetchall():
            values = list(raw)
            for i in json_cols:
                values[i] = (
                    [] if values[i] is None else values[i] if isinstance(values[i], list) else json.loads(values[i])
                )
            for i in date_cols:
                if isinstance(values[i], str):
                    values[i] = date.fromisoformat(values[i])
            for i in bool_cols:
                if values[i] is not None:
                    values[i] = bool(values[i])
            yield m.construct(model, dict(zip(names, values, strict=True)))
    finally:
        cursor.close()


def _links(conn: sa.Connection, link: str, owner_ids: set[int] | None) -> dict[int, list[int]]:
    t = LINKS[link].table
    q = sa.select(t.c.owner_id, t.c.target_id).order_by(t.c.owner_id, t.c.position, t.c.target_id)
    out: dict[int, list[int]] = defaultdict(list)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(q.compile(conn)))
        for owner, target in cursor.fetchall():
            if owner_ids is None or owner in owner_ids:
                out[owner].append(target)
    finally:
        cursor.close()
    return out


def load_snapshot(conn: sa.Connection, schema_version: int, organisation_id: int | None = None) -> RegisterSnapshot:
    """Read the whole register (or one organisation) in one transaction."""
    org_table = ENTITIES["organisation"].table
    org_filter = org_table.c.id == organisation_id if organisation_id is not None else None
    orgs = {o.id: OrganisationRegister(o) for o in _rows(conn, org_table, m.Organisation, org_filter)}

    def grouped(entity: str, model: type[M]) -> Iterable[tuple[OrganisationRegister, M]]:
        table = ENTITIES[entity].table
        where = table.c.organisation_id == organisation_id if organisation_id is not None else None
        for record in _rows(conn, table, model, where):
            org = orgs.get(record.organisation_id)  # type: ignore[attr-defined]
            if org is not None:
                yield org, record

    for org, ds in grouped("data_subject", m.DataSubjectCategory):
        org.data_subjects.append(ds)
    for org, pd in grouped("personal_data", m.PersonalDataCategory):
        org.personal_data.append(pd)
    for org, src in grouped("source", m.DataSource):
        org.sources.append(src)
    recipient_links = _links(conn, "recipient.personal_data", None)
    for org, rec in grouped("recipient", m.Recipient):
        org.recipients.append(RecipientRecord(rec, recipient_links.get(rec.id or 0, [])))
    transfer_links = _links(conn, "transfer.recipients", None)
    for org, tr in grouped("transfer", m.Transfer):
        org.transfers.append(tr)
        if tr.id in transfer_links:
            org.transfer_recipient_ids[tr.id] = transfer_links[tr.id]
    for org, sm in grouped("security_measure", m.SecurityMeasure):
        org.security_measures.append(sm)
    for org, cl in grouped("client", m.ProcessorClient):
        org.clients.append(cl)
    for org, ap in grouped("approver", m.Approver):
        org.approvers.append(ap)
    for org, cle in grouped("change_log", m.ChangeLogEntry):
        org.change_log.append(cle)
    for org, apv in grouped("approval", m.Approval):
        org.approvals.append(apv)
    links = {
        name: _links(conn, f"activity.{name}", None)
        for name in ("data_subjects", "personal_data", "sources", "recipients", "security_measures")
    }
    for org, act in grouped("activity", m.ProcessingActivity):
        aid = act.id or 0
        org.activities.append(
            ActivityRecord(
                act,
                links["data_subjects"].get(aid, []),
                links["personal_data"].get(aid, []),
                links["sources"].get(aid, []),
                links["recipients"].get(aid, []),
                links["security_measures"].get(aid, []),
            )
        )
    # Controller register first, then the processor register, each in position order.
    kind_order = {e.RegisterKind.CONTROLLER.value: 0, e.RegisterKind.PROCESSOR.value: 1}
    for org in orgs.values():
        org.activities.sort(
            key=lambda a: (kind_order.get(a.activity.register_kind, 2), a.activity.position, a.activity.id or 0)
        )
    return RegisterSnapshot(list(orgs.values()), schema_version)


__all__ = ["load_snapshot"]
