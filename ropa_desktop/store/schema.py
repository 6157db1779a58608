"""Storage tables, built with SQLAlchemy from the names in :mod:`ropa_desktop.store.tables`.

One table per domain record (its fields are the columns), plus the ordered link tables. Only
portable SQLAlchemy types are used here (no SQLite-specific SQL), so the same schema lives on a
register server too. Engine-specific details are confined to :mod:`ropa_desktop.store.sqlite`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, MetaData, String, Table
from sqlalchemy.types import TypeEngine

from ropa_desktop.domain.models import field_defaults
from ropa_desktop.store.tables import AUDIT_TABLE, LINK_TABLES, REFERENCES, TABLES, ColumnKind, TableInfo, columns

metadata = MetaData()

_TYPES: dict[str, type[TypeEngine[Any]]] = {
    ColumnKind.TEXT: String,
    ColumnKind.INTEGER: Integer,
    ColumnKind.BOOLEAN: Boolean,
    ColumnKind.DATE: Date,
    ColumnKind.JSON: JSON,
}


def _table(info: TableInfo) -> Table:
    # Python-side defaults, as the record declares them: an insert that leaves a column out still fills it.
    defaults = field_defaults(info.model)
    cols: list[Column[Any]] = []
    for c in columns(info.model):
        if c.name == "id":
            cols.append(Column("id", Integer, primary_key=True))
        elif c.name == "organisation_id" and info.owned:
            fk = ForeignKey("organisation.id", ondelete="CASCADE")
            cols.append(Column(c.name, Integer, fk, nullable=False, index=True))
        elif (info.entity, c.name) in REFERENCES:
            entity, ondelete = REFERENCES[(info.entity, c.name)]
            fk = ForeignKey(f"{TABLES[entity].name}.id", ondelete=ondelete)
            cols.append(Column(c.name, Integer, fk, nullable=c.nullable))
        elif c.kind == ColumnKind.JSON:
            cols.append(Column(c.name, JSON, nullable=False, default=list))
        else:
            default = defaults[c.name]
            cols.append(Column(c.name, _TYPES[c.kind](), nullable=c.nullable, default=default))
    return Table(info.name, metadata, *cols)


# Entity name -> table (store.entities adds the labels and scopes operations need).
tables: dict[str, Table] = {entity: _table(info) for entity, info in TABLES.items()}
audit_entry = _table(AUDIT_TABLE)


def _link_table(name: str, owner: str, target: str) -> Table:
    """An ordered many-to-many link: ``position`` keeps the order users gave."""
    return Table(
        name,
        metadata,
        Column("owner_id", Integer, ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        Column("target_id", Integer, ForeignKey(f"{target}.id", ondelete="CASCADE"), primary_key=True, index=True),
        Column("position", Integer, nullable=False, default=0),
    )


links: dict[str, Table] = {
    info.name: _link_table(info.table, TABLES[info.owner].name, TABLES[info.target].name)
    for info in LINK_TABLES.values()
}
