"""Storage tables: one ``table=True`` subclass per domain record, plus link tables.

Only portable SQLAlchemy types are used here (no SQLite-specific SQL), so the
same schema can later live on a shared server database. Engine-specific
details are confined to :mod:`ropa_desktop.store.sqlite`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, Table
from sqlmodel import Field, SQLModel

from ropa_desktop.domain import models as m

metadata = SQLModel.metadata


def _json_list() -> Column[Any]:
    return Column(JSON, nullable=False, default=list)


def _org_fk() -> int:
    return Field(foreign_key="organisation.id", ondelete="CASCADE", index=True)  # type: ignore[no-any-return]


class OrganisationRow(m.Organisation, table=True):
    __tablename__ = "organisation"


class DataSubjectCategoryRow(m.DataSubjectCategory, table=True):
    __tablename__ = "data_subject_category"
    organisation_id: int = _org_fk()


class PersonalDataCategoryRow(m.PersonalDataCategory, table=True):
    __tablename__ = "personal_data_category"
    organisation_id: int = _org_fk()


class DataSourceRow(m.DataSource, table=True):
    __tablename__ = "data_source"
    organisation_id: int = _org_fk()


class RecipientRow(m.Recipient, table=True):
    __tablename__ = "recipient"
    organisation_id: int = _org_fk()
    legal_basis: list[str] = Field(default_factory=list, sa_column=_json_list())


class TransferRow(m.Transfer, table=True):
    __tablename__ = "transfer"
    organisation_id: int = _org_fk()
    recipient_id: int | None = Field(default=None, foreign_key="recipient.id", ondelete="CASCADE")
    other_mechanisms: list[str] = Field(default_factory=list, sa_column=_json_list())


class SecurityMeasureRow(m.SecurityMeasure, table=True):
    __tablename__ = "security_measure"
    organisation_id: int = _org_fk()


class ProcessorClientRow(m.ProcessorClient, table=True):
    __tablename__ = "processor_client"
    organisation_id: int = _org_fk()


class ApproverRow(m.Approver, table=True):
    __tablename__ = "approver"
    organisation_id: int = _org_fk()


class ChangeLogEntryRow(m.ChangeLogEntry, table=True):
    __tablename__ = "change_log_entry"
    organisation_id: int = _org_fk()


class ProcessingActivityRow(m.ProcessingActivity, table=True):
    __tablename__ = "processing_activity"
    organisation_id: int = _org_fk()
    client_id: int | None = Field(default=None, foreign_key="processor_client.id", ondelete="SET NULL")
    operations: list[str] = Field(default_factory=list, sa_column=_json_list())
    legal_basis: list[str] = Field(default_factory=list, sa_column=_json_list())
    dpia_criteria: list[str] = Field(default_factory=list, sa_column=_json_list())
    legal_bases: list[dict[str, Any]] = Field(default_factory=list, sa_column=_json_list())
    marketing_channels: list[str] = Field(default_factory=list, sa_column=_json_list())
    tracking_purposes: list[str] = Field(default_factory=list, sa_column=_json_list())
    dpia_answers: list[dict[str, Any]] = Field(default_factory=list, sa_column=_json_list())


class ApprovalRow(m.Approval, table=True):
    __tablename__ = "approval"
    organisation_id: int = _org_fk()
    signers: list[str] = Field(default_factory=list, sa_column=_json_list())


class AuditEntryRow(m.AuditEntry, table=True):
    __tablename__ = "audit_entry"


def _link_table(name: str, owner: str, target: str) -> Table:
    """An ordered many-to-many link: ``position`` keeps the order users gave."""
    return Table(
        name,
        metadata,
        Column("owner_id", Integer, ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        Column("target_id", Integer, ForeignKey(f"{target}.id", ondelete="CASCADE"), primary_key=True, index=True),
        Column("position", Integer, nullable=False, default=0),
    )


activity_data_subject = _link_table("activity_data_subject", "processing_activity", "data_subject_category")
activity_personal_data = _link_table("activity_personal_data", "processing_activity", "personal_data_category")
activity_source = _link_table("activity_source", "processing_activity", "data_source")
activity_recipient = _link_table("activity_recipient", "processing_activity", "recipient")
activity_security_measure = _link_table("activity_security_measure", "processing_activity", "security_measure")
recipient_personal_data = _link_table("recipient_personal_data", "recipient", "personal_data_category")
transfer_recipient = _link_table("transfer_recipient", "transfer", "recipient")  # format version 2
