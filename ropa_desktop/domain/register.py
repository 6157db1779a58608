"""The register as every reader sees it: one organisation with all its records, in display order.

Checks, exports, the JSON interchange and the editor's detail pane read this
aggregate; :mod:`ropa_desktop.store.snapshot` builds it from the database in
bulk, so none of them walks relationships record by record and none of them
needs the store to understand it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m


@dataclass
class ActivityRecord:
    activity: m.ProcessingActivity
    data_subject_ids: list[int] = field(default_factory=list)
    personal_data_ids: list[int] = field(default_factory=list)
    source_ids: list[int] = field(default_factory=list)
    recipient_ids: list[int] = field(default_factory=list)
    security_measure_ids: list[int] = field(default_factory=list)


@dataclass
class RecipientRecord:
    recipient: m.Recipient
    personal_data_ids: list[int] = field(default_factory=list)


@dataclass
class OrganisationRegister:
    """One organisation with everything its register(s) hold, each list in display order."""

    organisation: m.Organisation
    data_subjects: list[m.DataSubjectCategory] = field(default_factory=list)
    personal_data: list[m.PersonalDataCategory] = field(default_factory=list)
    sources: list[m.DataSource] = field(default_factory=list)
    recipients: list[RecipientRecord] = field(default_factory=list)
    transfers: list[m.Transfer] = field(default_factory=list)
    security_measures: list[m.SecurityMeasure] = field(default_factory=list)
    clients: list[m.ProcessorClient] = field(default_factory=list)
    approvers: list[m.Approver] = field(default_factory=list)
    change_log: list[m.ChangeLogEntry] = field(default_factory=list)
    approvals: list[m.Approval] = field(default_factory=list)
    activities: list[ActivityRecord] = field(default_factory=list)
    # transfer id -> further recipients of that transfer (format version 2), beyond ``recipient_id``
    transfer_recipient_ids: dict[int, list[int]] = field(default_factory=dict)

    def activities_of(self, kind: e.RegisterKind | str) -> list[ActivityRecord]:
        return [a for a in self.activities if a.activity.register_kind == kind]

    @cached_property
    def personal_data_by_id(self) -> dict[int, m.PersonalDataCategory]:
        return {c.id: c for c in self.personal_data if c.id is not None}

    @cached_property
    def data_subjects_by_id(self) -> dict[int, m.DataSubjectCategory]:
        return {c.id: c for c in self.data_subjects if c.id is not None}

    @cached_property
    def sources_by_id(self) -> dict[int, m.DataSource]:
        return {c.id: c for c in self.sources if c.id is not None}

    @cached_property
    def recipients_by_id(self) -> dict[int, RecipientRecord]:
        return {r.recipient.id: r for r in self.recipients if r.recipient.id is not None}

    @cached_property
    def security_measures_by_id(self) -> dict[int, m.SecurityMeasure]:
        return {c.id: c for c in self.security_measures if c.id is not None}

    @cached_property
    def clients_by_id(self) -> dict[int, m.ProcessorClient]:
        return {c.id: c for c in self.clients if c.id is not None}

    def transfers_for(self, recipient_id: int) -> list[m.Transfer]:
        return [
            t
            for t in self.transfers
            if t.recipient_id == recipient_id or recipient_id in self.transfer_recipient_ids.get(t.id or 0, ())
        ]


@dataclass
class RegisterSnapshot:
    organisations: list[OrganisationRegister]
    schema_version: int

    def organisation(self, name_or_id: str | int) -> OrganisationRegister | None:
        for org in self.organisations:
            if org.organisation.id == name_or_id or org.organisation.name == name_or_id:
                return org
        return None

    @property
    def activity_count(self) -> int:
        return sum(len(o.activities) for o in self.organisations)


__all__ = ["ActivityRecord", "OrganisationRegister", "RecipientRecord", "RegisterSnapshot"]
