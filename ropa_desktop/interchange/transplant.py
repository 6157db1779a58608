"""Activities carried from one place to another: duplicated, copied or moved (issue 19).

Everything here builds store operations; nothing writes. An activity travels as
an *organisation document* of the JSON interchange format (its categories,
recipients, sources and measures in their sections, the activity pointing at
them by id), the same shape templates come in. :func:`add_activities` puts such
a document's activities into an organisation: each referenced record is found
there by name (case and surrounding spaces ignored) or created with all its
fields, all in one :class:`~ropa_desktop.store.operations.Batch`, so the copy is
one transaction and one undo step in the target register.

Moving between two register files cannot be one transaction: SQLite commits
each file on its own. A move therefore copies first (durable in the target)
and deletes in the source second; if the second step fails, the activities are
in both registers and nothing is lost (:func:`move_between_registers`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord
from ropa_desktop.errors import RecordNotFound, RopaError
from ropa_desktop.i18n import N_
from ropa_desktop.interchange import json_format
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.register import RegisterFile

# activity key in a document -> (entity, link name, document section)
ACTIVITY_LISTS: tuple[tuple[str, str, str, str], ...] = (
    ("data_subjects", "data_subject", "activity.data_subjects", "data_subject_categories"),
    ("personal_data", "personal_data", "activity.personal_data", "personal_data_categories"),
    ("sources", "source", "activity.sources", "sources"),
    ("recipients", "recipient", "activity.recipients", "recipients"),
    ("security_measures", "security_measure", "activity.security_measures", "security_measures"),
)
_SECTION_ENTITY = {section: entity for _k, entity, _l, section in ACTIVITY_LISTS} | {"processor_clients": "client"}
_LINK_KEYS = {key for key, *_rest in ACTIVITY_LISTS}
_NOT_COPIED = {"id", "organisation_id", "position"}


class MoveHalfDone(RopaError):
    message = N_(
        "The activities were copied to {target}, but could not be removed from {source}; they are now in "
        "both registers. Delete them in {source} by hand. {reason}"
    )


class NoOrganisation(RopaError):
    message = N_("{path} holds no organisation to copy to.")


class _Finder:
    """Finds a record of one catalogue by name in the target organisation, or plans its creation."""

    def __init__(self, register: RegisterFile, organisation_id: int, entity: str) -> None:
        self.organisation_id = organisation_id
        self.entity = entity
        rows = rm.records(register, entity, organisation_id, ["name"])
        self._by_name: dict[str, int] = {}
        for r in rows:  # the first of two records with one name wins, as it does in the editor's pickers
            self._by_name.setdefault(str(r["name"]).strip().casefold(), int(r["id"]))
        self._next = rm.next_id(register, entity)
        self.creates: list[ops.Operation] = []
        self.created: dict[int, Mapping[str, Any]] = {}  # new id -> the source record it copies

    def resolve(self, record: Mapping[str, Any]) -> int:
        name = str(record.get("name", "")).strip()
        key = name.casefold()
        found = self._by_name.get(key)
        if found is not None:
            return found
        new_id = self._next
        self._next += 1
        values = {k: v for k, v in record.items() if k not in _NOT_COPIED and k != "personal_data"}
        values.update(organisation_id=self.organisation_id, name=name)
        self.creates.append(ops.Create(self.entity, values, new_id))
        self.created[new_id] = record
        self._by_name[key] = new_id
        return new_id


def add_activities(
    register: RegisterFile,
    organisation_id: int,
    document: Mapping[str, Any],
    activity_ids: Sequence[int] | None = None,
    register_kind: str | None = None,
    index: int | None = None,
) -> ops.Batch:
    """One Batch adding ``document``'s activities (or those with ``activity_ids``) to an organisation.

    ``register_kind`` puts them all in one register; by default each keeps its own.
    ``index`` places them, in order, from that row of the target list.
    """
    sections = {
        key: {int(r["id"]): r for r in document.get(key, []) if "id" in r}
        for key in (*_SECTION_ENTITY, "personal_data_categories")
    }
    finders = {entity: _Finder(register, organisation_id, entity) for entity in set(_SECTION_ENTITY.values())}
    chosen = [a for a in document.get("activities", []) if activity_ids is None or a.get("id") in activity_ids]
    if activity_ids is not None and len(chosen) != len(set(activity_ids)):
        missing = sorted(set(activity_ids) - {a.get("id") for a in chosen})
        raise RecordNotFound(entity="activity", id=missing[0])
    next_activity = rm.next_id(register, "activity")
    creates: list[ops.Operation] = []
    links: list[ops.Operation] = []
    for offset, activity in enumerate(chosen):
        activity_id = next_activity + offset
        values = {k: v for k, v in activity.items() if k not in _LINK_KEYS and k not in _NOT_COPIED}
        values["organisation_id"] = organisation_id
        if register_kind is not None:
            values["register_kind"] = register_kind
        client = sections["processor_clients"].get(values.pop("client_id", None) or 0)
        if client is not None:
            values["client_id"] = finders["client"].resolve(client)
        at = None if index is None else index + offset
        creates.append(ops.Create("activity", values, activity_id, index=at))
        for key, entity, link_name, section in ACTIVITY_LISTS:
            targets = [sections[section][i] for i in activity.get(key, []) if i in sections[section]]
            ids = tuple(dict.fromkeys(finders[entity].resolve(r) for r in targets))
            if ids:
                links.append(ops.SetLinks(link_name, activity_id, ids))
    # A recipient created here brings the categories it receives (the sharing table).
    for new_id, record in list(finders["recipient"].created.items()):
        targets = [sections["personal_data_categories"].get(i) for i in record.get("personal_data", [])]
        ids = tuple(dict.fromkeys(finders["personal_data"].resolve(r) for r in targets if r is not None))
        if ids:
            links.append(ops.SetLinks("recipient.personal_data", new_id, ids))
    # Catalogue records first (in the order their sections are listed), then activities, then links.
    order = ("data_subject", "personal_data", "source", "recipient", "security_measure", "client")
    new_records = [op for entity in order for op in finders[entity].creates]
    return ops.Batch((*new_records, *creates, *links))


def activities_document(register: RegisterFile, organisation_id: int, activity_ids: Sequence[int]) -> dict[str, Any]:
    """The organisation document of just these activities and the catalogues they may point at."""
    if not activity_ids:
        return {"activities": []}
    found = rm.activity_detail(register, organisation_id, activity_ids[0])  # the catalogues, read once
    if found is None:
        raise RecordNotFound(entity="activity", id=activity_ids[0])
    org, _first = found
    rows = rm.records_by_id(register, "activity", list(activity_ids))
    links = {name: rm.link_map(register, name, list(activity_ids)) for _k, _e, name, _s in ACTIVITY_LISTS}
    records: list[ActivityRecord] = []
    for activity_id in activity_ids:
        if activity_id not in rows or rows[activity_id]["organisation_id"] != organisation_id:
            raise RecordNotFound(entity="activity", id=activity_id)
        record = ActivityRecord(
            m.construct(m.ProcessingActivity, {**m.field_defaults(m.ProcessingActivity), **rows[activity_id]})
        )
        record.data_subject_ids = links["activity.data_subjects"].get(activity_id, [])
        record.personal_data_ids = links["activity.personal_data"].get(activity_id, [])
        record.source_ids = links["activity.sources"].get(activity_id, [])
        record.recipient_ids = links["activity.recipients"].get(activity_id, [])
        record.security_measure_ids = links["activity.security_measures"].get(activity_id, [])
        records.append(record)
    org.activities = records
    return json_format.organisation_document(org, include_approvals=False)


def duplicate_activity(register: RegisterFile, organisation_id: int, activity_id: int) -> ops.Batch:
    """One Batch adding a copy of the activity, every field and the very same links, right after it."""
    found = rm.activity_detail(register, organisation_id, activity_id)
    if found is None:
        raise RecordNotFound(entity="activity", id=activity_id)
    _org, record = found
    values = {k: v for k, v in m.as_dict(record.activity).items() if k not in ("id", "position")}
    order = rm.activity_ids(register, organisation_id, record.activity.register_kind)
    new_id = rm.next_id(register, "activity")
    links = (
        ("activity.data_subjects", record.data_subject_ids),
        ("activity.personal_data", record.personal_data_ids),
        ("activity.sources", record.source_ids),
        ("activity.recipients", record.recipient_ids),
        ("activity.security_measures", record.security_measure_ids),
    )
    return ops.Batch(
        (
            ops.Create("activity", values, new_id, index=order.index(activity_id) + 1),
            *(ops.SetLinks(name, new_id, tuple(ids)) for name, ids in links if ids),
        )
    )


def copy_within(
    register: RegisterFile, source_org: int, activity_ids: Sequence[int], target_org: int, move: bool = False
) -> ops.Batch:
    """Copy (or move) activities to another organisation of the same register: one Batch, one undo step."""
    document = activities_document(register, source_org, activity_ids)
    batch = add_activities(register, target_org, document)
    if not move:
        return batch
    return ops.Batch((*batch.operations, *(ops.Delete("activity", i) for i in activity_ids)))


@dataclass(frozen=True)
class Moved:
    copied: ops.Applied  # in the target; its inverse undoes the copy there
    deleted: ops.Applied | None  # in the source; None for a copy


def move_between_registers(
    source: RegisterFile,
    source_org: int,
    activity_ids: Sequence[int],
    target: RegisterFile,
    target_org: int,
    move: bool = False,
) -> Moved:
    """Copy activities into another register file, then (for a move) delete them in the source.

    Two transactions in two files, in this order so that a failure between them
    leaves the activities in both registers rather than in neither:
    :class:`MoveHalfDone` says so and names the source.
    """
    document = activities_document(source, source_org, activity_ids)
    copied = target.apply(add_activities(target, target_org, document))
    if not move:
        return Moved(copied, None)
    try:
        deleted = source.apply(ops.Batch(tuple(ops.Delete("activity", i) for i in activity_ids)))
    except RopaError as exc:
        raise MoveHalfDone(target=target.path.name, source=source.path.name, reason=exc.render()) from exc
    except Exception as exc:  # an OS or SQLite failure: say what state the two files are in
        raise MoveHalfDone(target=target.path.name, source=source.path.name, reason=type(exc).__name__) from exc
    return Moved(copied, deleted)
