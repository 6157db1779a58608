"""The record kinds and link kinds that store operations address by name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table
from sqlmodel import SQLModel

from ropa_desktop.domain import models as m
from ropa_desktop.i18n import N_
from ropa_desktop.store import schema as s


@dataclass(frozen=True)
class EntityKind:
    name: str
    model: type[SQLModel]  # the domain model: field types and validation
    table: Table
    label: str  # translatable, for messages such as "Undo edit of Formål"
    scope: tuple[str, ...] = ("organisation_id",)  # rows ordered together by ``position``
    # Fields an Update may not change: identity, ownership and order have their own operations.
    fixed: tuple[str, ...] = ("id", "organisation_id", "position")


def _table(row: type[SQLModel]) -> Table:
    return row.__table__  # type: ignore[attr-defined,no-any-return]


ENTITIES: dict[str, EntityKind] = {
    k.name: k
    for k in (
        EntityKind("organisation", m.Organisation, _table(s.OrganisationRow), N_("organisation"), scope=()),
        EntityKind(
            "data_subject", m.DataSubjectCategory, _table(s.DataSubjectCategoryRow), N_("data subject category")
        ),
        EntityKind(
            "personal_data", m.PersonalDataCategory, _table(s.PersonalDataCategoryRow), N_("personal data category")
        ),
        EntityKind("source", m.DataSource, _table(s.DataSourceRow), N_("data source")),
        EntityKind("recipient", m.Recipient, _table(s.RecipientRow), N_("recipient")),
        EntityKind("transfer", m.Transfer, _table(s.TransferRow), N_("transfer")),
        EntityKind("security_measure", m.SecurityMeasure, _table(s.SecurityMeasureRow), N_("security measure")),
        EntityKind("client", m.ProcessorClient, _table(s.ProcessorClientRow), N_("controller served")),
        EntityKind("approver", m.Approver, _table(s.ApproverRow), N_("approver")),
        EntityKind("change_log", m.ChangeLogEntry, _table(s.ChangeLogEntryRow), N_("change log entry")),
        EntityKind(
            "activity",
            m.ProcessingActivity,
            _table(s.ProcessingActivityRow),
            N_("processing activity"),
            scope=("organisation_id", "register_kind"),
        ),
        EntityKind("approval", m.Approval, _table(s.ApprovalRow), N_("approval")),
    )
}


@dataclass(frozen=True)
class LinkKind:
    name: str
    table: Table
    owner: str  # entity name
    target: str  # entity name


LINKS: dict[str, LinkKind] = {
    k.name: k
    for k in (
        LinkKind("activity.data_subjects", s.activity_data_subject, "activity", "data_subject"),
        LinkKind("activity.personal_data", s.activity_personal_data, "activity", "personal_data"),
        LinkKind("activity.sources", s.activity_source, "activity", "source"),
        LinkKind("activity.recipients", s.activity_recipient, "activity", "recipient"),
        LinkKind("activity.security_measures", s.activity_security_measure, "activity", "security_measure"),
        LinkKind("recipient.personal_data", s.recipient_personal_data, "recipient", "personal_data"),
        LinkKind("transfer.recipients", s.transfer_recipient, "transfer", "recipient"),
    )
}
