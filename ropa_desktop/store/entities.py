"""The record kinds and link kinds that store operations address by name.

Their SQLAlchemy tables (:mod:`ropa_desktop.store.schema`) are looked up when first asked for:
the editor names kinds (labels, scopes) before its first paint, which must not load SQLAlchemy
(issue 16); the writes and the server's reads that use the tables load it then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ropa_desktop.i18n import N_
from ropa_desktop.store.tables import LINK_TABLES, TABLES

if TYPE_CHECKING:
    from sqlalchemy import Table


@dataclass(frozen=True)
class EntityKind:
    name: str
    model: type[Any]  # the domain record: field types and validation
    label: str  # translatable, for messages such as "Undo edit of Formål"
    scope: tuple[str, ...] = ("organisation_id",)  # rows ordered together by ``position``
    # Fields an Update may not change: identity, ownership and order have their own operations.
    fixed: tuple[str, ...] = ("id", "organisation_id", "position")

    @property
    def table(self) -> Table:
        from ropa_desktop.store import schema

        return schema.tables[self.name]


_LABELS = {
    "organisation": N_("organisation"),
    "data_subject": N_("data subject category"),
    "personal_data": N_("personal data category"),
    "source": N_("data source"),
    "recipient": N_("recipient"),
    "transfer": N_("transfer"),
    "security_measure": N_("security measure"),
    "client": N_("controller served"),
    "approver": N_("approver"),
    "change_log": N_("change log entry"),
    "activity": N_("processing activity"),
    "approval": N_("approval"),
}
_SCOPES = {"organisation": (), "activity": ("organisation_id", "register_kind")}

ENTITIES: dict[str, EntityKind] = {
    name: EntityKind(name, info.model, _LABELS[name], scope=_SCOPES.get(name, ("organisation_id",)))
    for name, info in TABLES.items()
}


@dataclass(frozen=True)
class LinkKind:
    name: str
    owner: str  # entity name
    target: str  # entity name

    @property
    def table(self) -> Table:
        from ropa_desktop.store import schema

        return schema.links[self.name]


LINKS: dict[str, LinkKind] = {name: LinkKind(name, info.owner, info.target) for name, info in LINK_TABLES.items()}
