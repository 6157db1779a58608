"""The register file's tables and columns, named once for both readers.

:mod:`ropa_desktop.store.schema` builds the SQLAlchemy tables from these names (the writer, the
migrations, the server register) and :mod:`ropa_desktop.store.plain_read` reads the same tables with
the standard library's ``sqlite3`` (``ropa info``/``check``/``export``, no SQLAlchemy to import).
A table's columns are its domain record's fields, in declaration order; this module imports no
database library.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropa_desktop.domain import models as m


@dataclass(frozen=True)
class TableInfo:
    entity: str  # the name store operations address the record kind by
    name: str  # the SQL table
    model: type[Any]  # the domain record whose fields are the columns
    owned: bool = True  # has organisation_id, a foreign key to the organisation (cascade)


# Entity name -> table, in the order the tables are created and read.
TABLES: dict[str, TableInfo] = {
    t.entity: t
    for t in (
        TableInfo("organisation", "organisation", m.Organisation, owned=False),
        TableInfo("data_subject", "data_subject_category", m.DataSubjectCategory),
        TableInfo("personal_data", "personal_data_category", m.PersonalDataCategory),
        TableInfo("source", "data_source", m.DataSource),
        TableInfo("recipient", "recipient", m.Recipient),
        TableInfo("transfer", "transfer", m.Transfer),
        TableInfo("security_measure", "security_measure", m.SecurityMeasure),
        TableInfo("client", "processor_client", m.ProcessorClient),
        TableInfo("approver", "approver", m.Approver),
        TableInfo("change_log", "change_log_entry", m.ChangeLogEntry),
        TableInfo("activity", "processing_activity", m.ProcessingActivity),
        TableInfo("approval", "approval", m.Approval),
    )
}
AUDIT_TABLE = TableInfo("audit", "audit_entry", m.AuditEntry, owned=False)

# Foreign keys besides ``organisation_id``: (entity, column) -> (entity referred to, ON DELETE).
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("transfer", "recipient_id"): ("recipient", "CASCADE"),
    ("activity", "client_id"): ("client", "SET NULL"),
}


@dataclass(frozen=True)
class LinkInfo:
    name: str  # "owner.field", as store operations address it
    table: str
    owner: str  # entity name
    target: str  # entity name


# An ordered many-to-many link: columns owner_id, target_id, position (the order users gave).
LINK_TABLES: dict[str, LinkInfo] = {
    k.name: k
    for k in (
        LinkInfo("activity.data_subjects", "activity_data_subject", "activity", "data_subject"),
        LinkInfo("activity.personal_data", "activity_personal_data", "activity", "personal_data"),
        LinkInfo("activity.sources", "activity_source", "activity", "source"),
        LinkInfo("activity.recipients", "activity_recipient", "activity", "recipient"),
        LinkInfo("activity.security_measures", "activity_security_measure", "activity", "security_measure"),
        LinkInfo("recipient.personal_data", "recipient_personal_data", "recipient", "personal_data"),
        LinkInfo("transfer.recipients", "transfer_recipient", "transfer", "recipient"),  # format version 2
    )
}


class ColumnKind:
    """How a field is stored: SQLite keeps lists as JSON text, dates as ISO text, booleans as 0/1."""

    TEXT = "text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"
    JSON = "json"


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    kind: str  # ColumnKind
    nullable: bool


def columns(model: type[Any]) -> list[ColumnInfo]:
    """The table's columns, from the record's field annotations."""
    out: list[ColumnInfo] = []
    for name, annotation in m.field_types(model).items():
        nullable, base = _optional(annotation)
        out.append(ColumnInfo(name, _kind(base), nullable))
    return out


def _optional(annotation: Any) -> tuple[bool, Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return True, args[0]
    return False, annotation


def _kind(base: Any) -> str:
    if typing.get_origin(base) is list:
        return ColumnKind.JSON
    kinds = {str: ColumnKind.TEXT, bool: ColumnKind.BOOLEAN, int: ColumnKind.INTEGER, date: ColumnKind.DATE}
    if base not in kinds:  # pragma: no cover - a model declaration error
        raise TypeError(f"no column type for {base!r}")
    return kinds[base]
