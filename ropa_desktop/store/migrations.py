"""Ordered schema migrations, keyed by the ``PRAGMA user_version`` they produce.

``create_all`` builds a new file at :data:`SCHEMA_VERSION`; a file with a lower
version is brought forward one step at a time, each step in the same
transaction that records its version. A backup copy is written first (see
:meth:`ropa_desktop.store.register.RegisterFile.open`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the readers of store.plain_read need SCHEMA_VERSION, not SQLAlchemy
    import sqlalchemy as sa

SCHEMA_VERSION = 3

Migration = Callable[["sa.Connection"], None]

# Version 2 (issue 13, "legal depth"): the columns it adds, as plain portable DDL so this step
# stays what it was when released even when the models move on. (table, column, type, default)
_V2_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("organisation", "dpo_required", "BOOLEAN", "NULL"),
    ("organisation", "dpo_assessment", "VARCHAR", "''"),
    ("organisation", "source_date", "DATE", "NULL"),
    ("organisation", "source_version", "VARCHAR", "''"),
    ("data_subject_category", "employees", "BOOLEAN", "0"),
    ("data_subject_category", "children", "BOOLEAN", "0"),
    ("data_subject_category", "vulnerable", "BOOLEAN", "0"),
    ("personal_data_category", "location", "BOOLEAN", "0"),
    ("personal_data_category", "financial", "BOOLEAN", "0"),
    ("personal_data_category", "communications", "BOOLEAN", "0"),
    ("personal_data_category", "retention", "VARCHAR", "''"),
    ("personal_data_category", "retention_duration", "INTEGER", "NULL"),
    ("personal_data_category", "retention_unit", "VARCHAR", "NULL"),
    ("personal_data_category", "retention_trigger", "VARCHAR", "NULL"),
    ("personal_data_category", "deletion_method", "VARCHAR", "NULL"),
    ("personal_data_category", "retention_reason", "VARCHAR", "''"),
    ("recipient", "disclosure_law", "VARCHAR", "''"),
    ("recipient", "on_request_only", "BOOLEAN", "0"),
    ("recipient", "arrangement_covers", "VARCHAR", "''"),
    ("recipient", "arrangement_contact", "VARCHAR", "''"),
    ("recipient", "arrangement_reference", "VARCHAR", "''"),
    ("recipient", "arrangement_date", "DATE", "NULL"),
    ("transfer", "other_mechanisms", "JSON", "'[]'"),
    ("processing_activity", "legal_bases", "JSON", "'[]'"),
    ("processing_activity", "large_scale", "BOOLEAN", "0"),
    ("processing_activity", "systematic_monitoring", "BOOLEAN", "0"),
    ("processing_activity", "automated_decisions", "BOOLEAN", "0"),
    ("processing_activity", "new_technology", "BOOLEAN", "0"),
    ("processing_activity", "combines_datasets", "BOOLEAN", "0"),
    ("processing_activity", "direct_marketing", "BOOLEAN", "0"),
    ("processing_activity", "marketing_channels", "JSON", "'[]'"),
    ("processing_activity", "marketing_customer_exception", "BOOLEAN", "0"),
    ("processing_activity", "tracking_technology", "BOOLEAN", "0"),
    ("processing_activity", "tracking_purposes", "JSON", "'[]'"),
    ("processing_activity", "dpia_answers", "JSON", "'[]'"),
    ("processing_activity", "dpia_need_reason", "VARCHAR", "''"),
    ("processing_activity", "dpia_date", "DATE", "NULL"),
    ("approval", "open_errors", "INTEGER", "0"),
)


def _to_v2(conn: sa.Connection) -> None:
    for table, column, kind, default in _V2_COLUMNS:
        not_null = "" if default == "NULL" else " NOT NULL"
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}{not_null} DEFAULT {default}")
    conn.exec_driver_sql(
        "CREATE TABLE transfer_recipient ("
        " owner_id INTEGER NOT NULL REFERENCES transfer (id) ON DELETE CASCADE,"
        " target_id INTEGER NOT NULL REFERENCES recipient (id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL, PRIMARY KEY (owner_id, target_id))"
    )
    conn.exec_driver_sql("CREATE INDEX ix_transfer_recipient_target_id ON transfer_recipient (target_id)")


def _to_v3(conn: sa.Connection) -> None:
    """Version 3 (issue 20, team registers): the audit trail records who made each change."""
    conn.exec_driver_sql("ALTER TABLE audit_entry ADD COLUMN actor VARCHAR NOT NULL DEFAULT ''")


# (version the step produces, step). Append only; never edit a released step.
MIGRATIONS: list[tuple[int, Migration]] = [(2, _to_v2), (3, _to_v3)]


def pending(from_version: int) -> list[tuple[int, Migration]]:
    return [(v, step) for v, step in MIGRATIONS if v > from_version]
