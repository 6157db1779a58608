"""Operations the editor builds from what users do (Qt-free): category choices, pasted rows, imported sheets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ropa_desktop.domain.category_hints import CATEGORY_FLAGS
from ropa_desktop.interchange.tsv import PastedActivity, PastedRecipient
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.register import RegisterFile

Choice = int | str  # an existing category id, or the name of a category to find or create
Flags = Mapping[str, bool]  # a category's yes/no flags by field ("special": True)


@dataclass(frozen=True)
class CategoryChoices:
    """What a category picker returns: the chosen categories, the flags of the new ones (by name)
    and the flags changed on existing ones (by id), applied together as one undo step."""

    chosen: tuple[Choice, ...]
    new_flags: Mapping[str, Flags] = field(default_factory=dict)
    changed_flags: Mapping[int, Flags] = field(default_factory=dict)


def category_flags(register: RegisterFile, organisation_id: int) -> dict[int, dict[str, Any]]:
    """The flags of an organisation's personal-data categories, by id (what a picker shows beside them)."""
    rows = rm.records(register, "personal_data", organisation_id, list(CATEGORY_FLAGS))
    return {int(r["id"]): r for r in rows}


class CategoryResolver:
    """Turns category names into ids, creating missing categories in the same Batch."""

    def __init__(self, register: RegisterFile, organisation_id: int, entity: str = "personal_data") -> None:
        self.organisation_id = organisation_id
        self.entity = entity
        names = rm.records(register, entity, organisation_id, ["name"])
        self._by_name = {str(r["name"]).casefold(): int(r["id"]) for r in names}
        self._next = rm.next_id(register, entity)
        self.creates: list[ops.Operation] = []

    def resolve(self, choice: Choice, flags: Flags | None = None) -> int:
        """The id of ``choice``; a name not in the catalogue is created (with ``flags``)."""
        if isinstance(choice, int):
            return choice
        key = choice.strip().casefold()
        found = self._by_name.get(key)
        if found is not None:
            return found
        new_id = self._next
        self._next += 1
        values = {"organisation_id": self.organisation_id, "name": choice.strip(), **(flags or {})}
        self.creates.append(ops.Create(self.entity, values, new_id))
        self._by_name[key] = new_id
        return new_id


def set_categories(
    register: RegisterFile,
    organisation_id: int,
    link_name: str,
    owner_id: int,
    chosen: Sequence[Choice] | CategoryChoices,
    entity: str = "personal_data",
) -> ops.Operation:
    """Set a link list from a picker's choices; names not yet in the catalogue are created (with the
    flags chosen for them) and flags changed on existing categories are saved, all in one Batch."""
    choices = chosen if isinstance(chosen, CategoryChoices) else CategoryChoices(tuple(chosen))
    resolver = CategoryResolver(register, organisation_id, entity)
    ids = tuple(
        dict.fromkeys(
            resolver.resolve(c, choices.new_flags.get(c) if isinstance(c, str) else None)
            for c in choices.chosen
            if not isinstance(c, str) or c.strip()
        )
    )
    updates = [ops.Update(entity, cid, dict(flags)) for cid, flags in choices.changed_flags.items() if flags]
    link = ops.SetLinks(link_name, owner_id, ids)
    if not resolver.creates and not updates:
        return link
    return ops.Batch((*resolver.creates, *updates, link))


def new_activity(organisation_id: int, register_kind: str, purpose: str = "", index: int | None = None) -> ops.Create:
    values = {"organisation_id": organisation_id, "register_kind": register_kind, "purpose": purpose}
    return ops.Create("activity", values, index=index)


def paste_activities(
    register: RegisterFile,
    organisation_id: int,
    register_kind: str,
    pasted: Sequence[PastedActivity],
    index: int | None = None,
    new_flags: Mapping[str, Flags] | None = None,
) -> ops.Batch:
    """One Batch that adds every pasted row as an activity, with its categories found or created
    (a new one with the flags ``new_flags`` gives its name, as the paste preview chose them)."""
    resolver = CategoryResolver(register, organisation_id)
    next_activity = rm.next_id(register, "activity")
    creates: list[ops.Operation] = []
    links: list[ops.Operation] = []
    for offset, row in enumerate(pasted):
        activity_id = next_activity + offset
        values = {
            "organisation_id": organisation_id,
            "register_kind": register_kind,
            "purpose": row.purpose,
            "operations": row.operations,
            "legal_basis": row.legal_basis.letters,
            "legal_basis_note": row.legal_basis.note,
            "retention": row.retention,
            "balancing_test": row.balancing_test,
        }
        at = None if index is None else index + offset
        creates.append(ops.Create("activity", values, activity_id, index=at))
        category_ids = tuple(dict.fromkeys(resolver.resolve(n, (new_flags or {}).get(n)) for n in row.categories))
        if category_ids:
            links.append(ops.SetLinks("activity.personal_data", activity_id, category_ids))
    return ops.Batch((*resolver.creates, *creates, *links))


def paste_recipients(
    register: RegisterFile,
    organisation_id: int,
    pasted: Sequence[PastedRecipient],
    role: str = "independent_controller",
    new_flags: Mapping[str, Flags] | None = None,
) -> ops.Batch:
    """One Batch adding a notice's sharing-table rows as recipients, with their categories."""
    resolver = CategoryResolver(register, organisation_id)
    next_recipient = rm.next_id(register, "recipient")
    creates: list[ops.Operation] = []
    links: list[ops.Operation] = []
    for offset, row in enumerate(pasted):
        recipient_id = next_recipient + offset
        values = {
            "organisation_id": organisation_id,
            "name": row.name,
            "role": role,
            "purpose": row.purpose,
            "legal_basis": row.legal_basis.letters,
            "legal_basis_note": row.legal_basis.note,
            "balancing_test": row.balancing_test,
        }
        creates.append(ops.Create("recipient", values, recipient_id))
        category_ids = tuple(dict.fromkeys(resolver.resolve(n, (new_flags or {}).get(n)) for n in row.categories))
        if category_ids:
            links.append(ops.SetLinks("recipient.personal_data", recipient_id, category_ids))
    return ops.Batch((*resolver.creates, *creates, *links))


def paste_records(
    register: RegisterFile,
    organisation_id: int,
    entity: str,
    rows: Sequence[dict[str, Any]],
    link: str = "",
    categories: Sequence[Sequence[str]] = (),
    new_flags: Mapping[str, Flags] | None = None,
) -> ops.Batch:
    """One Batch adding rows copied from one of the catalogue tables (values already read from the cells),
    with the categories of its link column found or created by name."""
    resolver = CategoryResolver(register, organisation_id)
    next_record = rm.next_id(register, entity)
    creates: list[ops.Operation] = []
    links: list[ops.Operation] = []
    for offset, values in enumerate(rows):
        record_id = next_record + offset
        creates.append(ops.Create(entity, {"organisation_id": organisation_id, **values}, record_id))
        names = categories[offset] if offset < len(categories) else ()
        category_ids = tuple(dict.fromkeys(resolver.resolve(n, (new_flags or {}).get(n)) for n in names if n.strip()))
        if link and category_ids:
            links.append(ops.SetLinks(link, record_id, category_ids))
    return ops.Batch((*resolver.creates, *creates, *links))


# activity key in an imported document -> (entity, link name, document section)
_IMPORTED_LISTS: tuple[tuple[str, str, str, str], ...] = (
    ("data_subjects", "data_subject", "activity.data_subjects", "data_subject_categories"),
    ("personal_data", "personal_data", "activity.personal_data", "personal_data_categories"),
    ("recipients", "recipient", "activity.recipients", "recipients"),
    ("sources", "source", "activity.sources", "sources"),
    ("security_measures", "security_measure", "activity.security_measures", "security_measures"),
)


def add_imported_activities(
    register: RegisterFile, organisation_id: int, register_kind: str, organisation_document: Mapping[str, Any]
) -> ops.Batch:
    """One Batch (one undo step) adding a converted spreadsheet's activities to an open register.

    ``organisation_document`` is one organisation of a validated import document
    (``spreadsheet.convert``); its categories, recipients, sources and measures
    are found by name in the register or created.
    """
    resolvers = {entity: CategoryResolver(register, organisation_id, entity) for _k, entity, _l, _s in _IMPORTED_LISTS}
    names = {
        section: {int(r["id"]): str(r["name"]) for r in organisation_document.get(section, [])}
        for *_x, section in _IMPORTED_LISTS
    }
    next_activity = rm.next_id(register, "activity")
    creates: list[ops.Operation] = []
    links: list[ops.Operation] = []
    for offset, activity in enumerate(organisation_document.get("activities", [])):
        activity_id = next_activity + offset
        values = {k: v for k, v in activity.items() if k not in {key for key, *_r in _IMPORTED_LISTS} and k != "id"}
        values.update(organisation_id=organisation_id, register_kind=register_kind)
        creates.append(ops.Create("activity", values, activity_id))
        for key, entity, link_name, section in _IMPORTED_LISTS:
            ids = tuple(dict.fromkeys(resolvers[entity].resolve(names[section][i]) for i in activity.get(key, [])))
            if ids:
                links.append(ops.SetLinks(link_name, activity_id, ids))
    new_records = [op for r in resolvers.values() for op in r.creates]
    return ops.Batch((*new_records, *creates, *links))
