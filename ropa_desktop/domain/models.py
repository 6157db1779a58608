"""The art. 30 domain model.

Each record type is declared once, as a plain dataclass: the domain object that
checks, exports, views and the JSON interchange read. The storage tables are
built from these declarations in :mod:`ropa_desktop.store.schema` (SQLAlchemy),
and :mod:`ropa_desktop.store.plain_read` reads them with the standard library
alone, so reading a register needs neither SQLAlchemy nor pydantic (issue 16).

Field order here is the order of the JSON interchange format and of the table
columns, so it is part of the file format: append new fields, do not reorder.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

R = TypeVar("R")


_NAMES: dict[type[Any], tuple[str, ...]] = {}
_TYPES: dict[type[Any], dict[str, Any]] = {}


def field_names(model: type[Any]) -> tuple[str, ...]:
    """The record's fields, in declaration order."""
    found = _NAMES.get(model)
    if found is None:
        found = _NAMES[model] = tuple(f.name for f in dataclasses.fields(model))
    return found


def field_types(model: type[Any]) -> dict[str, Any]:
    """Each field's type (``str``, ``int | None``, ``list[str]``, ...), resolved from its annotation."""
    found = _TYPES.get(model)
    if found is None:
        hints = typing.get_type_hints(model)
        found = _TYPES[model] = {name: hints[name] for name in field_names(model)}
    return found


def field_defaults(model: type[Any]) -> dict[str, Any]:
    """A new record's values (fresh lists each call)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(model):
        if f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
        else:
            out[f.name] = f.default
    return out


def construct(model: type[R], values: dict[str, Any]) -> R:
    """Build a record from trusted stored values (every field present) without calling ``__init__``:
    at 100,000 rows the keyword-argument call costs more than the query."""
    obj: R = object.__new__(model)
    obj.__dict__.update(values)
    return obj


def as_dict(record: Any) -> dict[str, Any]:
    """The record's fields and values, lists copied (what ``dataclasses.asdict`` does, without deep-copying dates)."""
    return {
        name: (list(v) if isinstance(v := getattr(record, name), list) else v) for name in field_names(type(record))
    }


@dataclass(kw_only=True)
class Organisation:
    """A controller and/or processor whose register the file holds (art. 30(1)(a), 30(2)(a))."""

    id: int | None = None
    position: int = 0
    name: str = ""
    orgnr: str = ""  # as written, e.g. "928 050 475"
    country: str = "NO"  # ISO 3166-1 alpha-2
    address: str = ""
    email: str = ""
    phone: str = ""
    contact_person: str = ""
    dpo_name: str = ""
    dpo_contact: str = ""
    representative_name: str = ""
    representative_contact: str = ""
    joint_controllers: str = ""
    is_controller: bool = True
    is_processor: bool = False
    notes: str = ""
    # format version 2
    dpo_required: bool | None = None  # art. 37(1); None: not assessed
    dpo_assessment: str = ""  # why no DPO is required (or why one is appointed voluntarily)
    source_date: date | None = None  # the privacy notice or document the register was drawn from
    source_version: str = ""


@dataclass(kw_only=True)
class DataSubjectCategory:
    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    name: str = ""
    description: str = ""
    # format version 2: who the data subjects are, for the DPIA screening
    employees: bool = False
    children: bool = False
    vulnerable: bool = False  # patients or other vulnerable groups


@dataclass(kw_only=True)
class PersonalDataCategory:
    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    name: str = ""
    description: str = ""
    special: bool = False  # art. 9(1)
    criminal: bool = False  # art. 10
    national_id: bool = False  # fødselsnummer, personopplysningsloven § 12
    # format version 2: highly personal data (DPIA screening)
    location: bool = False  # location or movement data
    financial: bool = False  # financial or credit data
    communications: bool = False  # content of communications
    # format version 2: retention for this category, overriding the activity's
    retention: str = ""
    retention_duration: int | None = None
    retention_unit: str | None = None  # DurationUnit
    retention_trigger: str | None = None  # RetentionTrigger
    deletion_method: str | None = None  # DeletionMethod
    retention_reason: str = ""  # why it is kept longer than the activities that use it


@dataclass(kw_only=True)
class DataSource:
    """A third party personal data is obtained from (art. 14(2)(f))."""

    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    name: str = ""
    description: str = ""  # what the source supplies


@dataclass(kw_only=True)
class Recipient:
    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    name: str = ""
    role: str = "processor"  # RecipientRole
    country: str = ""  # ISO 3166-1 alpha-2; empty when unknown
    service: str = ""  # e.g. "IT-tjenester": processors are listed grouped by service
    description: str = ""
    # processors: the data processing agreement (art. 28)
    dpa_in_place: bool | None = None
    dpa_date: date | None = None
    dpa_reference: str = ""
    # independent controllers: what they receive and why (the sharing table)
    purpose: str = ""
    legal_basis: list[str] = field(default_factory=list)  # LegalBasis letters
    legal_basis_note: str = ""
    balancing_test: str = ""
    # format version 2
    disclosure_law: str = ""  # the law that requires or permits the disclosure
    on_request_only: bool = False  # disclosed only on request / when required by law
    # joint controllers: the art. 26 arrangement
    arrangement_covers: str = ""
    arrangement_contact: str = ""  # who answers data subjects' requests
    arrangement_reference: str = ""
    arrangement_date: date | None = None


@dataclass(kw_only=True)
class Transfer:
    """A transfer of personal data to a third country (art. 30(1)(e))."""

    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    recipient_id: int | None = None
    country: str = ""
    mechanism: str | None = None  # TransferMechanism
    dpf_certified: bool = False  # US recipients: adequacy only under the Data Privacy Framework
    safeguards: str = ""  # documentation of suitable safeguards (required for art. 49)
    reference: str = ""
    # format version 2: further mechanisms the transfer may rest on (e.g. DPF, else SCC)
    other_mechanisms: list[str] = field(default_factory=list)  # TransferMechanism


@dataclass(kw_only=True)
class SecurityMeasure:
    """A technical or organisational measure (art. 32)."""

    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    kind: str = "other"  # SecurityMeasureKind
    name: str = ""
    description: str = ""
    applies_to_all: bool = False  # organisation-wide: counts for every activity


@dataclass(kw_only=True)
class ProcessorClient:
    """A controller on whose behalf the organisation processes data (art. 30(2)(a))."""

    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    name: str = ""
    orgnr: str = ""
    country: str = ""
    contact: str = ""
    representative: str = ""
    dpo: str = ""


@dataclass(kw_only=True)
class Approver:
    """A board member or other person who approves the register."""

    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    name: str = ""
    role: str = ""


@dataclass(kw_only=True)
class ChangeLogEntry:
    """A line of the change table (Når / Hva)."""

    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    when: date | None = None  # Når
    text: str = ""  # Hva


@dataclass(kw_only=True)
class ProcessingActivity:
    """One row of the purpose table, with every art. 30 field the row needs."""

    id: int | None = None
    organisation_id: int = 0
    register_kind: str = "controller"  # RegisterKind
    client_id: int | None = None  # processor register: the controller served
    position: int = 0
    purpose: str = ""
    operations: list[str] = field(default_factory=list)  # Behandling, in order
    legal_basis: list[str] = field(default_factory=list)  # LegalBasis letters
    legal_basis_note: str = ""  # as written, when the notice points elsewhere
    national_law: str = ""  # e.g. "bokføringsloven § 13"
    balancing_test: str = ""  # art. 6(1)(f): becomes the footnote
    consent_withdrawal: str = ""  # art. 6(1)(a): how consent is withdrawn
    special_condition: str | None = None  # SpecialCategoryCondition (art. 9(2))
    special_condition_note: str = ""
    criminal_basis: str = ""  # art. 10
    national_id_justification: str = ""  # personopplysningsloven § 12
    retention: str = ""  # Lagringstid, as written
    retention_duration: int | None = None
    retention_unit: str | None = None  # DurationUnit
    retention_trigger: str | None = None  # RetentionTrigger
    retention_legal_ref: str = ""
    dpia_need: str = "unassessed"  # DpiaNeed
    dpia_status: str | None = None  # DpiaStatus
    dpia_reference: str = ""
    dpia_criteria: list[str] = field(default_factory=list)  # DpiaCriterion
    responsible_unit: str = ""
    status: str = "draft"  # ActivityStatus
    last_reviewed: date | None = None
    notes: str = ""
    # format version 2 --------------------------------------------------------------
    # Further legal bases, each for a part of the processing (keys: domain.validation.ENTRY_SCHEMAS).
    legal_bases: list[dict[str, Any]] = field(default_factory=list)
    # facts the checks and the DPIA screening read
    large_scale: bool = False
    systematic_monitoring: bool = False
    automated_decisions: bool = False  # art. 22: decisions with legal or similar effect, or profiling
    new_technology: bool = False
    combines_datasets: bool = False
    direct_marketing: bool = False
    marketing_channels: list[str] = field(default_factory=list)  # MarketingChannel
    marketing_customer_exception: bool = False  # markedsføringsloven § 15 third paragraph
    tracking_technology: bool = False  # cookies, pixels or similar (ekomloven § 3-15)
    tracking_purposes: list[str] = field(default_factory=list)  # TrackingPurpose
    # the DPIA screening: the user's answers, overriding what is derived (keys: domain.validation.ENTRY_SCHEMAS)
    dpia_answers: list[dict[str, Any]] = field(default_factory=list)
    dpia_need_reason: str = ""  # why, when the user's result differs from the screening
    dpia_date: date | None = None


@dataclass(kw_only=True)
class Approval:
    """A recorded approval of an organisation's register (a signed board print-out)."""

    id: int | None = None
    organisation_id: int = 0
    position: int = 0
    version: int = 1
    approved_on: date | None = None
    fingerprint: str = ""  # SHA-256 of the organisation's canonical JSON
    signers: list[str] = field(default_factory=list)
    signed_file_sha256: str = ""
    snapshot: str = ""  # the canonical JSON that was approved, for "changes since"
    open_errors: int = 0  # format version 2: errors the check reported when it was approved


@dataclass(kw_only=True)
class AuditEntry:
    """One field changed by one store operation; feeds the automatic change log."""

    id: int | None = None
    at: str = ""  # UTC, ISO 8601
    organisation_id: int | None = None  # no foreign key: the trail outlives deleted organisations
    operation: str = ""
    entity: str = ""
    record_id: int | None = None
    field: str = ""
    old: str = ""  # JSON
    # Who (format version 3): the database user on a register server, the name set in the
    # program's settings or the computer's login on a file.
    actor: str = ""
    new: str = ""  # JSON
