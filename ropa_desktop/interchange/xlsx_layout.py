"""The workbook layout shared by the Excel export and import.

One organisation becomes a set of sheets; each sheet is one :class:`Table` of
one JSON interchange section, declared column by column. The export renders a
record's values with the column's kind; the import parses them back with the
same kind, so the two cannot drift apart.

A hidden sheet (:data:`META_SHEET`) says which sheet holds which table of which
organisation and in which language the workbook was written; hidden columns at
the right of each table keep record ids, so references survive a round trip
even when two records share a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.fields import FIELD_LABELS, FIELDS, FORMER_HEADINGS
from ropa_desktop.i18n import N_, Translator

WORKBOOK_FORMAT = "ropa-register-xlsx"
WORKBOOK_VERSION = 1
META_SHEET = "_ropa"
EXCEL_CELL_LIMIT = 32_767  # characters (UTF-16 code units) Excel keeps in one cell
BULLET = "• "
# The organisation-wide security measures, shown on each activity's measures cell (read, never imported).
ALL_ACTIVITIES = N_("All activities: {measures}")
HEADING_ROW = 3  # row 1: title, row 2: blank, row 3: column headings
FIRST_DATA_ROW = HEADING_ROW + 1


class Kind(Enum):
    TEXT = "text"
    LIST = "list"  # list of texts, one bullet per line
    ENUM = "enum"
    ENUM_LIST = "enum_list"
    LEGAL_BASIS = "legal_basis"  # enum list with footnote marks
    BOOL = "bool"
    OPTIONAL_BOOL = "optional_bool"  # yes / no / not recorded
    DATE = "date"
    INT = "int"
    COUNTRY = "country"
    SCREENING_ITEM = "screening_item"  # a WP248 criterion or an item of Datatilsynet's list
    LINKS = "links"  # names of records in another section, one per line
    REF = "ref"  # the name of one record in another section
    DERIVED = "derived"  # shown for reading; ignored by the import
    ID = "id"  # hidden
    IDS = "ids"  # hidden companion of a LINKS column
    ORDER = "order"  # hidden: the record's place when one section spans two sheets


@dataclass(frozen=True)
class Column:
    key: str  # a model field, a JSON link key, or for hidden companions "<key>.ids"
    heading: str  # msgid
    kind: Kind
    width: float = 18
    vocabulary: type[StrEnum] | None = None
    target: str | None = None  # JSON section a LINKS/REF column names records of
    former: tuple[str, ...] = ()  # msgids of headings older workbooks used (the import still reads them)

    @property
    def hidden(self) -> bool:
        return self.kind in (Kind.ID, Kind.IDS, Kind.ORDER)

    @property
    def imported(self) -> bool:
        return self.kind is not Kind.DERIVED


@dataclass(frozen=True)
class Table:
    key: str  # stable name in the meta sheet
    section: str  # JSON section key
    title: str  # sheet name msgid
    heading: str  # title row msgid, formatted with {organisation}
    columns: tuple[Column, ...]
    printed: int = 0  # how many leading columns the paper copy shows (0: every visible column)
    register_kind: str | None = None  # activities: which register this sheet holds


def _field(
    entity: str,
    key: str,
    kind: Kind,
    width: float = 18,
    vocabulary: type[StrEnum] | None = None,
    target: str | None = None,
) -> Column:
    """A column of one catalogue field: its heading (and the headings older workbooks used) come
    from :mod:`ropa_desktop.domain.fields`, so the workbook calls it what every face calls it."""
    info = FIELDS[entity, key]
    return Column(key, info.heading, kind, width, vocabulary, target, FORMER_HEADINGS.get((entity, key), ()))


def _links(entity: str, key: str, target: str, width: float = 26) -> tuple[Column, Column]:
    column = _field(entity, key, Kind.LINKS, width, target=target)
    return column, Column(f"{key}.ids", column.heading, Kind.IDS)


def _id() -> Column:
    return Column("id", N_("Id"), Kind.ID)


# Names the import resolves LINKS/REF cells against: section -> field.
NAME_FIELDS = {
    "data_subject_categories": "name",
    "personal_data_categories": "name",
    "sources": "name",
    "recipients": "name",
    "security_measures": "name",
    "processor_clients": "name",
    "activities": "purpose",  # the entry sheets name their activity by its purpose
}

_subjects, _subject_ids = _links("activity", "data_subjects", "data_subject_categories", 14)
_data, _data_ids = _links("activity", "personal_data", "personal_data_categories", 24)
_sources, _source_ids = _links("activity", "sources", "sources", 14)
_recipients, _recipient_ids = _links("activity", "recipients", "recipients", 20)
_measures, _measure_ids = _links("activity", "security_measures", "security_measures", 16)


# Format version 2: the facts the checks and the DPIA screening read, and the DPIA decision.
_ACTIVITY_V2 = (
    *(
        _field("activity", key, Kind.BOOL, 12)
        for key in (
            "large_scale",
            "systematic_monitoring",
            "automated_decisions",
            "new_technology",
            "combines_datasets",
        )
    ),
    _field("activity", "direct_marketing", Kind.BOOL, 12),
    _field("activity", "marketing_channels", Kind.ENUM_LIST, 16, vocabulary=e.MarketingChannel),
    _field("activity", "marketing_customer_exception", Kind.BOOL, 14),
    _field("activity", "tracking_technology", Kind.BOOL, 12),
    _field("activity", "tracking_purposes", Kind.ENUM_LIST, 18, vocabulary=e.TrackingPurpose),
    _field("activity", "dpia_need_reason", Kind.TEXT, 30),
    _field("activity", "dpia_date", Kind.DATE, 12),
)


def _activity_columns(processor: bool) -> tuple[Column, ...]:
    first: tuple[Column, ...] = (_field("activity", "purpose", Kind.TEXT, 22),)
    if processor:
        first += (_field("activity", "client_id", Kind.REF, 16, target="processor_clients"),)
    return (
        # Printed: the art. 30 reading layout.
        *first,
        _field("activity", "operations", Kind.LIST, 30),
        _subjects,
        _data,
        _field("activity", "legal_basis", Kind.LEGAL_BASIS, 15, vocabulary=e.LegalBasis),
        _field("activity", "legal_basis_note", Kind.TEXT, 13),
        _field("activity", "special_condition", Kind.ENUM, 13, vocabulary=e.SpecialCategoryCondition),
        _field("activity", "retention", Kind.TEXT, 22),
        _sources,
        _recipients,
        _field("activity", "transfers", Kind.DERIVED, 16),
        _measures,
        _field("activity", "dpia_need", Kind.ENUM, 9, vocabulary=e.DpiaNeed),
        _field("activity", "responsible_unit", Kind.TEXT, 11),
        _field("activity", "status", Kind.ENUM, 9, vocabulary=e.ActivityStatus),
        _field("activity", "last_reviewed", Kind.DATE, 10),
        # On screen only: the details behind the printed columns.
        _field("activity", "balancing_test", Kind.TEXT, 40),
        _field("activity", "national_law", Kind.TEXT, 20),
        _field("activity", "consent_withdrawal", Kind.TEXT, 22),
        _field("activity", "special_condition_note", Kind.TEXT, 22),
        _field("activity", "criminal_basis", Kind.TEXT, 20),
        _field("activity", "national_id_justification", Kind.TEXT, 24),
        _field("activity", "retention_duration", Kind.INT, 11),
        _field("activity", "retention_unit", Kind.ENUM, 11, vocabulary=e.DurationUnit),
        _field("activity", "retention_trigger", Kind.ENUM, 18, vocabulary=e.RetentionTrigger),
        _field("activity", "retention_legal_ref", Kind.TEXT, 20),
        _field("activity", "dpia_status", Kind.ENUM, 13, vocabulary=e.DpiaStatus),
        _field("activity", "dpia_reference", Kind.TEXT, 16),
        _field("activity", "dpia_criteria", Kind.ENUM_LIST, 26, vocabulary=e.DpiaCriterion),
        *_ACTIVITY_V2,
        _field("activity", "notes", Kind.TEXT, 24),
        _id(),
        _subject_ids,
        _data_ids,
        _source_ids,
        _recipient_ids,
        _measure_ids,
        *((Column("client_id.ids", FIELD_LABELS["activity", "client_id"], Kind.IDS),) if processor else ()),
    )


_recipient_data, _recipient_data_ids = _links("recipient", "personal_data", "personal_data_categories", 30)
_RECIPIENT_HIDDEN = (_id(), _field("recipient", "position", Kind.ORDER), _recipient_data_ids)
_ROLE = _field("recipient", "role", Kind.ENUM, 18, vocabulary=e.RecipientRole)
_COUNTRY = _field("recipient", "country", Kind.COUNTRY, 16)
_DPA = (
    _field("recipient", "dpa_in_place", Kind.OPTIONAL_BOOL, 12),
    _field("recipient", "dpa_date", Kind.DATE, 13),
    _field("recipient", "dpa_reference", Kind.TEXT, 18),
)
_PURPOSE = _field("recipient", "purpose", Kind.TEXT, 30)
_BASIS = _field("recipient", "legal_basis", Kind.LEGAL_BASIS, 20, vocabulary=e.LegalBasis)
_BASIS_NOTE = _field("recipient", "legal_basis_note", Kind.TEXT, 20)
_BALANCING = _field("recipient", "balancing_test", Kind.TEXT, 40)
_SERVICE = _field("recipient", "service", Kind.TEXT, 20)
_DESCRIPTION = _field("recipient", "description", Kind.TEXT, 30)
_TRANSFERS = Column("transfers", FIELD_LABELS["activity", "transfers"], Kind.DERIVED, 24)
# Format version 2: disclosures under a law, and the art. 26 arrangement of joint controllers.
_RECIPIENT_V2 = (
    _field("recipient", "disclosure_law", Kind.TEXT, 22),
    _field("recipient", "on_request_only", Kind.BOOL, 14),
    _field("recipient", "arrangement_covers", Kind.TEXT, 30),
    _field("recipient", "arrangement_contact", Kind.TEXT, 22),
    _field("recipient", "arrangement_reference", Kind.TEXT, 18),
    _field("recipient", "arrangement_date", Kind.DATE, 13),
)

SHARING = Table(
    "sharing",
    "recipients",
    N_("Sharing"),
    N_("Independent controllers and other recipients — {organisation}"),
    (
        _field("recipient", "name", Kind.TEXT, 30),
        _ROLE,
        _PURPOSE,
        _recipient_data,
        _BASIS,
        _BASIS_NOTE,
        _COUNTRY,
        _TRANSFERS,
        _BALANCING,
        _SERVICE,
        _DESCRIPTION,
        *_DPA,
        *_RECIPIENT_V2,
        *_RECIPIENT_HIDDEN,
    ),
    printed=8,
)

PROCESSORS = Table(
    "processors",
    "recipients",
    N_("Processors"),
    N_("Processors and their agreements (art. 28) — {organisation}"),
    (
        _SERVICE,
        _field("recipient", "name", Kind.TEXT, 34),
        _DESCRIPTION,
        _COUNTRY,
        *_DPA,
        _TRANSFERS,
        _ROLE,
        _PURPOSE,
        _recipient_data,
        _BASIS,
        _BASIS_NOTE,
        _BALANCING,
        *_RECIPIENT_V2,
        *_RECIPIENT_HIDDEN,
    ),
    printed=8,
)

PURPOSES = Table(
    "purposes",
    "activities",
    N_("Purposes"),
    N_("Records of processing activities (controller, art. 30(1)) — {organisation}"),
    _activity_columns(processor=False),
    printed=16,
    register_kind=e.RegisterKind.CONTROLLER.value,
)

PROCESSING = Table(
    "processing",
    "activities",
    N_("Processor register"),
    N_("Processing on behalf of controllers (processor, art. 30(2)) — {organisation}"),
    _activity_columns(processor=True),
    printed=17,
    register_kind=e.RegisterKind.PROCESSOR.value,
)

CLIENTS = Table(
    "clients",
    "processor_clients",
    N_("Controllers served"),
    N_("Controllers we process data for (art. 30(2)(a)) — {organisation}"),
    (
        _field("client", "name", Kind.TEXT, 28),
        _field("client", "orgnr", Kind.TEXT, 14),
        _COUNTRY,
        _field("client", "contact", Kind.TEXT, 28),
        _field("client", "representative", Kind.TEXT, 22),
        _field("client", "dpo", Kind.TEXT, 22),
        _id(),
    ),
)

_transfer_recipients, _transfer_recipient_ids = _links("transfer", "recipients", "recipients", 28)

TRANSFERS = Table(
    "transfers",
    "transfers",
    N_("Transfers"),
    N_("Transfers to third countries (art. 30(1)(e)) — {organisation}"),
    (
        _field("transfer", "recipient_id", Kind.REF, 28, target="recipients"),
        _COUNTRY,
        _field("transfer", "mechanism", Kind.ENUM, 28, vocabulary=e.TransferMechanism),
        _field("transfer", "dpf_certified", Kind.BOOL, 12),
        _field("transfer", "safeguards", Kind.TEXT, 40),
        _field("transfer", "reference", Kind.TEXT, 20),
        _field("transfer", "other_mechanisms", Kind.ENUM_LIST, 28, vocabulary=e.TransferMechanism),
        _transfer_recipients,
        _id(),
        Column("recipient_id.ids", FIELD_LABELS["transfer", "recipient_id"], Kind.IDS),
        _transfer_recipient_ids,
    ),
)

SECURITY = Table(
    "security",
    "security_measures",
    N_("Security measures"),
    N_("Technical and organisational security measures (art. 32) — {organisation}"),
    (
        _field("security_measure", "name", Kind.TEXT, 30),
        _field("security_measure", "kind", Kind.ENUM, 22, vocabulary=e.SecurityMeasureKind),
        _field("security_measure", "description", Kind.TEXT, 50),
        _field("security_measure", "applies_to_all", Kind.BOOL, 12),
        _id(),
    ),
)

SUBJECTS = Table(
    "subjects",
    "data_subject_categories",
    N_("Data subjects"),
    N_("Categories of data subjects — {organisation}"),
    (
        _field("data_subject", "name", Kind.TEXT, 30),
        _field("data_subject", "description", Kind.TEXT, 60),
        *(_field("data_subject", key, Kind.BOOL, 12) for key in ("employees", "children", "vulnerable")),
        _id(),
    ),
)

DATA = Table(
    "data",
    "personal_data_categories",
    N_("Personal data"),
    N_("Categories of personal data — {organisation}"),
    (
        _field("personal_data", "name", Kind.TEXT, 30),
        _field("personal_data", "description", Kind.TEXT, 50),
        _field("personal_data", "special", Kind.BOOL, 14),
        _field("personal_data", "criminal", Kind.BOOL, 14),
        _field("personal_data", "national_id", Kind.BOOL, 14),
        *(_field("personal_data", key, Kind.BOOL, 14) for key in ("location", "financial", "communications")),
        # format version 2: retention for this category, overriding the activity's
        _field("personal_data", "retention", Kind.TEXT, 24),
        _field("personal_data", "retention_duration", Kind.INT, 11),
        _field("personal_data", "retention_unit", Kind.ENUM, 11, vocabulary=e.DurationUnit),
        _field("personal_data", "retention_trigger", Kind.ENUM, 18, vocabulary=e.RetentionTrigger),
        _field("personal_data", "deletion_method", Kind.ENUM, 14, vocabulary=e.DeletionMethod),
        _field("personal_data", "retention_reason", Kind.TEXT, 24),
        _id(),
    ),
)

SOURCES = Table(
    "sources",
    "sources",
    N_("Sources"),
    N_("Personal data obtained from third parties (art. 14) — {organisation}"),
    (
        _field("source", "name", Kind.TEXT, 30),
        _field("source", "description", Kind.TEXT, 60),
        _id(),
    ),
)

APPROVERS = Table(
    "approvers",
    "approvers",
    N_("Approvers"),
    N_("Who approves the register — {organisation}"),
    (
        _field("approver", "name", Kind.TEXT, 30),
        _field("approver", "role", Kind.TEXT, 30),
        _id(),
    ),
)

CHANGE_LOG = Table(
    "change_log",
    "change_log",
    N_("Change log"),
    N_("Change log — {organisation}"),
    (
        _field("change_log", "when", Kind.DATE, 14),
        _field("change_log", "text", Kind.TEXT, 80),
        _id(),
    ),
)


def _entry_table(key: str, entity: str, title: str, heading: str, fields: tuple[tuple[str, Kind], ...]) -> Table:
    """A sheet of an activity's structured entries (format version 2), one row per entry, in the
    activity's order; the import gathers the rows back into the activity named in the first column."""
    vocabularies: dict[str, type[StrEnum]] = {"basis": e.LegalBasis}
    # The activity is named by its purpose, under the purpose's heading (an entry has no field of its own for it).
    activity = Column("activity_id", FIELD_LABELS["activity", "purpose"], Kind.REF, 30, target="activities")
    return Table(
        key,
        key,
        title,
        heading,
        (
            activity,
            *(
                _field(entity, name, kind, 30 if kind is Kind.TEXT else 22, vocabularies.get(name))
                for name, kind in fields
            ),
            Column("activity_id.ids", activity.heading, Kind.IDS),
        ),
    )


LEGAL_BASES = _entry_table(
    "legal_bases",
    "legal_basis_entry",
    N_("Legal bases by part"),
    N_("Legal bases for parts of the processing (art. 6(1)) — {organisation}"),
    (
        ("basis", Kind.ENUM),
        ("covers", Kind.TEXT),
        ("national_law", Kind.TEXT),
        ("balancing_test", Kind.TEXT),
        ("consent_record", Kind.TEXT),
        ("consent_withdrawal", Kind.TEXT),
    ),
)
DPIA_ANSWERS = _entry_table(
    "dpia_answers",
    "dpia_answer",
    N_("DPIA answers"),
    N_("DPIA screening: the user's answers (art. 35) — {organisation}"),
    (("criterion", Kind.SCREENING_ITEM), ("applies", Kind.OPTIONAL_BOOL), ("note", Kind.TEXT)),
)
# Sections of entry rows, merged into their activities' lists by the import.
ENTRY_TABLES: tuple[Table, ...] = (LEGAL_BASES, DPIA_ANSWERS)

# Sheet order: what a board reads first comes first.
CONTROLLER_TABLES: tuple[Table, ...] = (PURPOSES, SHARING, PROCESSORS, TRANSFERS, SECURITY, SUBJECTS, DATA, SOURCES)
PROCESSOR_TABLES: tuple[Table, ...] = (PROCESSING, CLIENTS)
CLOSING_TABLES: tuple[Table, ...] = (APPROVERS, CHANGE_LOG)
TABLES_BY_KEY = {t.key: t for t in (*CONTROLLER_TABLES, *PROCESSOR_TABLES, *CLOSING_TABLES, *ENTRY_TABLES)}

# The header block (art. 30(1)(a)): one labelled row per organisation field.
ORGANISATION_FIELDS: tuple[tuple[str, str, Kind], ...] = tuple(
    (key, FIELD_LABELS["organisation", key], kind)
    for key, kind in (
        ("name", Kind.TEXT),
        ("orgnr", Kind.TEXT),
        ("address", Kind.TEXT),
        ("country", Kind.COUNTRY),
        ("email", Kind.TEXT),
        ("phone", Kind.TEXT),
        ("contact_person", Kind.TEXT),
        ("dpo_name", Kind.TEXT),
        ("dpo_contact", Kind.TEXT),
        ("representative_name", Kind.TEXT),
        ("representative_contact", Kind.TEXT),
        ("joint_controllers", Kind.TEXT),
        ("is_controller", Kind.BOOL),
        ("is_processor", Kind.BOOL),
        ("dpo_required", Kind.OPTIONAL_BOOL),
        ("dpo_assessment", Kind.TEXT),
        ("source_date", Kind.DATE),
        ("source_version", Kind.TEXT),
        ("notes", Kind.TEXT),
    )
)
ORGANISATION_SHEET = N_("Organisation")
FOOTNOTES_SHEET = N_("Balancing tests")


def category_marks(category: m.PersonalDataCategory, tr: Translator) -> list[str]:
    marks = []
    if category.special:
        marks.append(tr.gettext(N_("special category")))
    if category.criminal:
        marks.append(tr.gettext(N_("criminal offences")))
    if category.national_id:
        marks.append(tr.gettext(N_("national identity number")))
    return marks


def heading_text(column: Column, tr: Translator) -> str:
    """A column's heading; hidden columns carry their stable key, which the import looks for."""
    return column.key if column.hidden else tr.gettext(column.heading)
