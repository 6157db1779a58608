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


def _links(key: str, heading: str, target: str, width: float = 26) -> tuple[Column, Column]:
    return Column(key, heading, Kind.LINKS, width, target=target), Column(f"{key}.ids", heading, Kind.IDS)


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
}

_subjects, _subject_ids = _links("data_subjects", N_("Data subjects"), "data_subject_categories", 14)
_data, _data_ids = _links("personal_data", N_("Categories of personal data"), "personal_data_categories", 24)
_sources, _source_ids = _links("sources", N_("Sources"), "sources", 14)
_recipients, _recipient_ids = _links("recipients", N_("Recipients"), "recipients", 20)
_measures, _measure_ids = _links("security_measures", N_("Security measures"), "security_measures", 16)


def _activity_columns(processor: bool) -> tuple[Column, ...]:
    first: tuple[Column, ...] = (Column("purpose", N_("Purpose"), Kind.TEXT, 22),)
    if processor:
        first += (Column("client_id", N_("Controller"), Kind.REF, 16, target="processor_clients"),)
    return (
        # Printed: the art. 30 reading layout.
        *first,
        Column("operations", N_("Processing"), Kind.LIST, 30),
        _subjects,
        _data,
        Column("legal_basis", N_("Legal basis"), Kind.LEGAL_BASIS, 15, vocabulary=e.LegalBasis),
        Column("legal_basis_note", N_("Legal basis, note"), Kind.TEXT, 13),
        Column("special_condition", N_("Art. 9 condition"), Kind.ENUM, 13, vocabulary=e.SpecialCategoryCondition),
        Column("retention", N_("Retention"), Kind.TEXT, 22),
        _sources,
        _recipients,
        Column("transfers", N_("Transfers and safeguards"), Kind.DERIVED, 16),
        _measures,
        Column("dpia_need", N_("DPIA"), Kind.ENUM, 9, vocabulary=e.DpiaNeed),
        Column("responsible_unit", N_("Responsible unit"), Kind.TEXT, 11),
        Column("status", N_("Status"), Kind.ENUM, 9, vocabulary=e.ActivityStatus),
        Column("last_reviewed", N_("Last reviewed"), Kind.DATE, 10),
        # On screen only: the details behind the printed columns.
        Column("balancing_test", N_("Balancing test (legitimate interests)"), Kind.TEXT, 40),
        Column("national_law", N_("National law"), Kind.TEXT, 20),
        Column("consent_withdrawal", N_("Withdrawal of consent"), Kind.TEXT, 22),
        Column("special_condition_note", N_("Art. 9 condition, note"), Kind.TEXT, 22),
        Column("criminal_basis", N_("Art. 10 basis"), Kind.TEXT, 20),
        Column("national_id_justification", N_("National identity number, justification"), Kind.TEXT, 24),
        Column("retention_duration", N_("Retention period"), Kind.INT, 11),
        Column("retention_unit", N_("Retention unit"), Kind.ENUM, 11, vocabulary=e.DurationUnit),
        Column("retention_trigger", N_("Counted from"), Kind.ENUM, 18, vocabulary=e.RetentionTrigger),
        Column("retention_legal_ref", N_("Retention, legal reference"), Kind.TEXT, 20),
        Column("dpia_status", N_("DPIA status"), Kind.ENUM, 13, vocabulary=e.DpiaStatus),
        Column("dpia_reference", N_("DPIA reference"), Kind.TEXT, 16),
        Column("dpia_criteria", N_("DPIA criteria"), Kind.ENUM_LIST, 26, vocabulary=e.DpiaCriterion),
        Column("notes", N_("Notes"), Kind.TEXT, 24),
        _id(),
        _subject_ids,
        _data_ids,
        _source_ids,
        _recipient_ids,
        _measure_ids,
        *((Column("client_id.ids", N_("Controller"), Kind.IDS),) if processor else ()),
    )


_recipient_data, _recipient_data_ids = _links(
    "personal_data", N_("Categories of personal data"), "personal_data_categories", 30
)
_RECIPIENT_HIDDEN = (_id(), Column("position", N_("Order"), Kind.ORDER), _recipient_data_ids)
_ROLE = Column("role", N_("Role"), Kind.ENUM, 18, vocabulary=e.RecipientRole)
_COUNTRY = Column("country", N_("Country"), Kind.COUNTRY, 16)
_DPA = (
    Column("dpa_in_place", N_("Processor agreement"), Kind.OPTIONAL_BOOL, 12),
    Column("dpa_date", N_("Agreement date"), Kind.DATE, 13),
    Column("dpa_reference", N_("Agreement reference"), Kind.TEXT, 18),
)
_PURPOSE = Column("purpose", N_("Purpose"), Kind.TEXT, 30)
_BASIS = Column("legal_basis", N_("Legal basis"), Kind.LEGAL_BASIS, 20, vocabulary=e.LegalBasis)
_BASIS_NOTE = Column("legal_basis_note", N_("Legal basis, note"), Kind.TEXT, 20)
_BALANCING = Column("balancing_test", N_("Balancing test (legitimate interests)"), Kind.TEXT, 40)
_SERVICE = Column("service", N_("Service"), Kind.TEXT, 20)
_DESCRIPTION = Column("description", N_("Description"), Kind.TEXT, 30)
_TRANSFERS = Column("transfers", N_("Transfers and safeguards"), Kind.DERIVED, 24)

SHARING = Table(
    "sharing",
    "recipients",
    N_("Sharing"),
    N_("Independent controllers and other recipients — {organisation}"),
    (
        Column("name", N_("Recipient"), Kind.TEXT, 30),
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
        Column("name", N_("Processor"), Kind.TEXT, 34),
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
        Column("name", N_("Controller"), Kind.TEXT, 28),
        Column("orgnr", N_("Org. no."), Kind.TEXT, 14),
        _COUNTRY,
        Column("contact", N_("Contact"), Kind.TEXT, 28),
        Column("representative", N_("Representative"), Kind.TEXT, 22),
        Column("dpo", N_("Data protection officer"), Kind.TEXT, 22),
        _id(),
    ),
)

TRANSFERS = Table(
    "transfers",
    "transfers",
    N_("Transfers"),
    N_("Transfers to third countries (art. 30(1)(e)) — {organisation}"),
    (
        Column("recipient_id", N_("Recipient"), Kind.REF, 28, target="recipients"),
        _COUNTRY,
        Column("mechanism", N_("Transfer mechanism"), Kind.ENUM, 28, vocabulary=e.TransferMechanism),
        Column("dpf_certified", N_("Data Privacy Framework"), Kind.BOOL, 12),
        Column("safeguards", N_("Safeguards"), Kind.TEXT, 40),
        Column("reference", N_("Reference"), Kind.TEXT, 20),
        _id(),
        Column("recipient_id.ids", N_("Recipient"), Kind.IDS),
    ),
)

SECURITY = Table(
    "security",
    "security_measures",
    N_("Security measures"),
    N_("Technical and organisational security measures (art. 32) — {organisation}"),
    (
        Column("name", N_("Measure"), Kind.TEXT, 30),
        Column("kind", N_("Kind"), Kind.ENUM, 22, vocabulary=e.SecurityMeasureKind),
        Column("description", N_("Description"), Kind.TEXT, 50),
        Column("applies_to_all", N_("All activities"), Kind.BOOL, 12),
        _id(),
    ),
)

SUBJECTS = Table(
    "subjects",
    "data_subject_categories",
    N_("Data subjects"),
    N_("Categories of data subjects — {organisation}"),
    (
        Column("name", N_("Data subjects"), Kind.TEXT, 30),
        Column("description", N_("Description"), Kind.TEXT, 60),
        _id(),
    ),
)

DATA = Table(
    "data",
    "personal_data_categories",
    N_("Personal data"),
    N_("Categories of personal data — {organisation}"),
    (
        Column("name", N_("Categories of personal data"), Kind.TEXT, 30),
        Column("description", N_("Description"), Kind.TEXT, 50),
        Column("special", N_("Special category (art. 9)"), Kind.BOOL, 14),
        Column("criminal", N_("Criminal offences (art. 10)"), Kind.BOOL, 14),
        Column("national_id", N_("National identity number"), Kind.BOOL, 14),
        _id(),
    ),
)

SOURCES = Table(
    "sources",
    "sources",
    N_("Sources"),
    N_("Personal data obtained from third parties (art. 14) — {organisation}"),
    (
        Column("name", N_("Source"), Kind.TEXT, 30),
        Column("description", N_("What the source supplies"), Kind.TEXT, 60),
        _id(),
    ),
)

APPROVERS = Table(
    "approvers",
    "approvers",
    N_("Approvers"),
    N_("Who approves the register — {organisation}"),
    (
        Column("name", N_("Name"), Kind.TEXT, 30),
        Column("role", N_("Role"), Kind.TEXT, 30),
        _id(),
    ),
)

CHANGE_LOG = Table(
    "change_log",
    "change_log",
    N_("Change log"),
    N_("Change log — {organisation}"),
    (
        Column("when", N_("When"), Kind.DATE, 14),
        Column("text", N_("What"), Kind.TEXT, 80),
        _id(),
    ),
)

# Sheet order: what a board reads first comes first.
CONTROLLER_TABLES: tuple[Table, ...] = (PURPOSES, SHARING, PROCESSORS, TRANSFERS, SECURITY, SUBJECTS, DATA, SOURCES)
PROCESSOR_TABLES: tuple[Table, ...] = (PROCESSING, CLIENTS)
CLOSING_TABLES: tuple[Table, ...] = (APPROVERS, CHANGE_LOG)
TABLES_BY_KEY = {t.key: t for t in (*CONTROLLER_TABLES, *PROCESSOR_TABLES, *CLOSING_TABLES)}

# The header block (art. 30(1)(a)): one labelled row per organisation field.
ORGANISATION_FIELDS: tuple[tuple[str, str, Kind], ...] = (
    ("name", N_("Name"), Kind.TEXT),
    ("orgnr", N_("Org. no."), Kind.TEXT),
    ("address", N_("Address"), Kind.TEXT),
    ("country", N_("Country"), Kind.COUNTRY),
    ("email", N_("Email"), Kind.TEXT),
    ("phone", N_("Phone"), Kind.TEXT),
    ("contact_person", N_("Contact person"), Kind.TEXT),
    ("dpo_name", N_("Data protection officer"), Kind.TEXT),
    ("dpo_contact", N_("Data protection officer, contact"), Kind.TEXT),
    ("representative_name", N_("Representative"), Kind.TEXT),
    ("representative_contact", N_("Representative, contact"), Kind.TEXT),
    ("joint_controllers", N_("Joint controllers"), Kind.TEXT),
    ("is_controller", N_("Controller"), Kind.BOOL),
    ("is_processor", N_("Processor"), Kind.BOOL),
    ("notes", N_("Notes"), Kind.TEXT),
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
