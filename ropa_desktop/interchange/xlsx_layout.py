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
from ropa_desktop.domain.fields import FACES, FIELD_LABELS, FIELDS, FORMER_HEADINGS
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
    SCREENING_ITEM = "screening_item"  # a WP248 criterion or an item of Datatilsynet's list


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


# How the workbook writes and reads each catalogue field: its cell kind, column width and, for links
# and references, the section whose records it names. WHICH fields a sheet shows and in WHAT order is
# the catalogue's face (:data:`ropa_desktop.domain.fields.FACES`, "workbook_*"); the headings (and the
# headings older workbooks used) are the catalogue's too, so the workbook calls a field what every face
# calls it. One entry per line.
# fmt: off
_CELLS: dict[tuple[str, str], tuple[Kind, float, str | None]] = {
    ("activity", "purpose"): (Kind.TEXT, 22, None),
    ("activity", "client_id"): (Kind.REF, 16, "processor_clients"),
    ("activity", "operations"): (Kind.LIST, 30, None),
    ("activity", "data_subjects"): (Kind.LINKS, 14, "data_subject_categories"),
    ("activity", "personal_data"): (Kind.LINKS, 24, "personal_data_categories"),
    ("activity", "legal_basis"): (Kind.LEGAL_BASIS, 15, None),
    ("activity", "legal_basis_note"): (Kind.TEXT, 13, None),
    ("activity", "special_condition"): (Kind.ENUM, 13, None),
    ("activity", "retention"): (Kind.TEXT, 22, None),
    ("activity", "sources"): (Kind.LINKS, 14, "sources"),
    ("activity", "recipients"): (Kind.LINKS, 20, "recipients"),
    ("activity", "transfers"): (Kind.DERIVED, 16, None),
    ("activity", "security_measures"): (Kind.LINKS, 16, "security_measures"),
    ("activity", "dpia_need"): (Kind.ENUM, 9, None),
    ("activity", "responsible_unit"): (Kind.TEXT, 11, None),
    ("activity", "status"): (Kind.ENUM, 9, None),
    ("activity", "last_reviewed"): (Kind.DATE, 10, None),
    ("activity", "balancing_test"): (Kind.TEXT, 40, None),
    ("activity", "national_law"): (Kind.TEXT, 20, None),
    ("activity", "consent_withdrawal"): (Kind.TEXT, 22, None),
    ("activity", "special_condition_note"): (Kind.TEXT, 22, None),
    ("activity", "criminal_basis"): (Kind.TEXT, 20, None),
    ("activity", "national_id_justification"): (Kind.TEXT, 24, None),
    ("activity", "retention_duration"): (Kind.INT, 11, None),
    ("activity", "retention_unit"): (Kind.ENUM, 11, None),
    ("activity", "retention_trigger"): (Kind.ENUM, 18, None),
    ("activity", "retention_legal_ref"): (Kind.TEXT, 20, None),
    ("activity", "dpia_status"): (Kind.ENUM, 13, None),
    ("activity", "dpia_reference"): (Kind.TEXT, 16, None),
    ("activity", "dpia_criteria"): (Kind.ENUM_LIST, 26, None),
    ("activity", "large_scale"): (Kind.BOOL, 12, None),
    ("activity", "systematic_monitoring"): (Kind.BOOL, 12, None),
    ("activity", "automated_decisions"): (Kind.BOOL, 12, None),
    ("activity", "new_technology"): (Kind.BOOL, 12, None),
    ("activity", "combines_datasets"): (Kind.BOOL, 12, None),
    ("activity", "direct_marketing"): (Kind.BOOL, 12, None),
    ("activity", "marketing_channels"): (Kind.ENUM_LIST, 16, None),
    ("activity", "marketing_customer_exception"): (Kind.BOOL, 14, None),
    ("activity", "tracking_technology"): (Kind.BOOL, 12, None),
    ("activity", "tracking_purposes"): (Kind.ENUM_LIST, 18, None),
    ("activity", "dpia_need_reason"): (Kind.TEXT, 30, None),
    ("activity", "dpia_date"): (Kind.DATE, 12, None),
    ("activity", "notes"): (Kind.TEXT, 24, None),
    ("recipient", "name"): (Kind.TEXT, 30, None),
    ("recipient", "role"): (Kind.ENUM, 18, None),
    ("recipient", "purpose"): (Kind.TEXT, 30, None),
    ("recipient", "personal_data"): (Kind.LINKS, 30, "personal_data_categories"),
    ("recipient", "legal_basis"): (Kind.LEGAL_BASIS, 20, None),
    ("recipient", "legal_basis_note"): (Kind.TEXT, 20, None),
    ("recipient", "country"): (Kind.COUNTRY, 16, None),
    ("recipient", "balancing_test"): (Kind.TEXT, 40, None),
    ("recipient", "service"): (Kind.TEXT, 20, None),
    ("recipient", "description"): (Kind.TEXT, 30, None),
    ("recipient", "dpa_in_place"): (Kind.OPTIONAL_BOOL, 12, None),
    ("recipient", "dpa_date"): (Kind.DATE, 13, None),
    ("recipient", "dpa_reference"): (Kind.TEXT, 18, None),
    ("recipient", "disclosure_law"): (Kind.TEXT, 22, None),
    ("recipient", "on_request_only"): (Kind.BOOL, 14, None),
    ("recipient", "arrangement_covers"): (Kind.TEXT, 30, None),
    ("recipient", "arrangement_contact"): (Kind.TEXT, 22, None),
    ("recipient", "arrangement_reference"): (Kind.TEXT, 18, None),
    ("recipient", "arrangement_date"): (Kind.DATE, 13, None),
    ("recipient", "position"): (Kind.ORDER, 18, None),
    ("client", "name"): (Kind.TEXT, 28, None),
    ("client", "orgnr"): (Kind.TEXT, 14, None),
    ("client", "country"): (Kind.COUNTRY, 16, None),
    ("client", "contact"): (Kind.TEXT, 28, None),
    ("client", "representative"): (Kind.TEXT, 22, None),
    ("client", "dpo"): (Kind.TEXT, 22, None),
    ("transfer", "recipient_id"): (Kind.REF, 28, "recipients"),
    ("transfer", "country"): (Kind.COUNTRY, 16, None),
    ("transfer", "mechanism"): (Kind.ENUM, 28, None),
    ("transfer", "dpf_certified"): (Kind.BOOL, 12, None),
    ("transfer", "safeguards"): (Kind.TEXT, 40, None),
    ("transfer", "reference"): (Kind.TEXT, 20, None),
    ("transfer", "other_mechanisms"): (Kind.ENUM_LIST, 28, None),
    ("transfer", "recipients"): (Kind.LINKS, 28, "recipients"),
    ("security_measure", "name"): (Kind.TEXT, 30, None),
    ("security_measure", "kind"): (Kind.ENUM, 22, None),
    ("security_measure", "description"): (Kind.TEXT, 50, None),
    ("security_measure", "applies_to_all"): (Kind.BOOL, 12, None),
    ("data_subject", "name"): (Kind.TEXT, 30, None),
    ("data_subject", "description"): (Kind.TEXT, 60, None),
    ("data_subject", "employees"): (Kind.BOOL, 12, None),
    ("data_subject", "children"): (Kind.BOOL, 12, None),
    ("data_subject", "vulnerable"): (Kind.BOOL, 12, None),
    ("personal_data", "name"): (Kind.TEXT, 30, None),
    ("personal_data", "description"): (Kind.TEXT, 50, None),
    ("personal_data", "special"): (Kind.BOOL, 14, None),
    ("personal_data", "criminal"): (Kind.BOOL, 14, None),
    ("personal_data", "national_id"): (Kind.BOOL, 14, None),
    ("personal_data", "location"): (Kind.BOOL, 14, None),
    ("personal_data", "financial"): (Kind.BOOL, 14, None),
    ("personal_data", "communications"): (Kind.BOOL, 14, None),
    ("personal_data", "retention"): (Kind.TEXT, 24, None),
    ("personal_data", "retention_duration"): (Kind.INT, 11, None),
    ("personal_data", "retention_unit"): (Kind.ENUM, 11, None),
    ("personal_data", "retention_trigger"): (Kind.ENUM, 18, None),
    ("personal_data", "deletion_method"): (Kind.ENUM, 14, None),
    ("personal_data", "retention_reason"): (Kind.TEXT, 24, None),
    ("source", "name"): (Kind.TEXT, 30, None),
    ("source", "description"): (Kind.TEXT, 60, None),
    ("approver", "name"): (Kind.TEXT, 30, None),
    ("approver", "role"): (Kind.TEXT, 30, None),
    ("change_log", "when"): (Kind.DATE, 14, None),
    ("change_log", "text"): (Kind.TEXT, 80, None),
    ("organisation", "name"): (Kind.TEXT, 18, None),
    ("organisation", "orgnr"): (Kind.TEXT, 18, None),
    ("organisation", "address"): (Kind.TEXT, 18, None),
    ("organisation", "country"): (Kind.COUNTRY, 18, None),
    ("organisation", "email"): (Kind.TEXT, 18, None),
    ("organisation", "phone"): (Kind.TEXT, 18, None),
    ("organisation", "contact_person"): (Kind.TEXT, 18, None),
    ("organisation", "dpo_name"): (Kind.TEXT, 18, None),
    ("organisation", "dpo_contact"): (Kind.TEXT, 18, None),
    ("organisation", "representative_name"): (Kind.TEXT, 18, None),
    ("organisation", "representative_contact"): (Kind.TEXT, 18, None),
    ("organisation", "joint_controllers"): (Kind.TEXT, 18, None),
    ("organisation", "is_controller"): (Kind.BOOL, 18, None),
    ("organisation", "is_processor"): (Kind.BOOL, 18, None),
    ("organisation", "dpo_required"): (Kind.OPTIONAL_BOOL, 18, None),
    ("organisation", "dpo_assessment"): (Kind.TEXT, 18, None),
    ("organisation", "source_date"): (Kind.DATE, 18, None),
    ("organisation", "source_version"): (Kind.TEXT, 18, None),
    ("organisation", "notes"): (Kind.TEXT, 18, None),
    # format version 2: an activity's structured entries, each on a sheet of its own
    ("legal_basis_entry", "basis"): (Kind.ENUM, 22, None),
    ("legal_basis_entry", "covers"): (Kind.TEXT, 30, None),
    ("legal_basis_entry", "national_law"): (Kind.TEXT, 30, None),
    ("legal_basis_entry", "balancing_test"): (Kind.TEXT, 30, None),
    ("legal_basis_entry", "consent_record"): (Kind.TEXT, 30, None),
    ("legal_basis_entry", "consent_withdrawal"): (Kind.TEXT, 30, None),
    ("dpia_answer", "criterion"): (Kind.SCREENING_ITEM, 22, None),
    ("dpia_answer", "applies"): (Kind.OPTIONAL_BOOL, 22, None),
    ("dpia_answer", "note"): (Kind.TEXT, 30, None),
}
# fmt: on
_ENUM_KINDS = (Kind.ENUM, Kind.ENUM_LIST, Kind.LEGAL_BASIS)


def _column(entity: str, key: str, width: float | None = None) -> Column:
    """The workbook column of one catalogue field; ``width`` overrides the usual one on one sheet."""
    info = FIELDS[entity, key]
    kind, usual_width, target = _CELLS[entity, key]
    vocabulary = info.vocabulary if kind in _ENUM_KINDS else None
    former = FORMER_HEADINGS.get((entity, key), ())
    return Column(key, info.heading, kind, usual_width if width is None else width, vocabulary, target, former)


def _id() -> Column:
    return Column("id", N_("Id"), Kind.ID)


def face_columns(face_name: str, *, order: bool = False, widths: dict[str, float] | None = None) -> tuple[Column, ...]:
    """A sheet's columns: the catalogue face's fields in its order, then the hidden columns the import
    needs (the record id, its place when one section spans two sheets, and the ids behind each
    link and then each reference, so names that repeat still resolve)."""
    visible = tuple(_column(entity, key, (widths or {}).get(key)) for entity, key in FACES[face_name])
    companions = [Column(f"{c.key}.ids", c.heading, Kind.IDS) for c in visible if c.kind is Kind.LINKS]
    companions += [Column(f"{c.key}.ids", c.heading, Kind.IDS) for c in visible if c.kind is Kind.REF]
    entity = FACES[face_name][0][0]
    hidden = (_id(), *((_column(entity, "position"),) if order else ()), *companions)
    return (*visible, *hidden)


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

SHARING = Table(
    "sharing",
    "recipients",
    N_("Sharing"),
    N_("Independent controllers and other recipients — {organisation}"),
    face_columns("workbook_sharing", order=True, widths={"transfers": 24}),
    printed=8,
)

PROCESSORS = Table(
    "processors",
    "recipients",
    N_("Processors"),
    N_("Processors and their agreements (art. 28) — {organisation}"),
    face_columns("workbook_processors", order=True, widths={"name": 34, "transfers": 24}),
    printed=8,
)

PURPOSES = Table(
    "purposes",
    "activities",
    N_("Purposes"),
    N_("Records of processing activities (controller, art. 30(1)) — {organisation}"),
    face_columns("workbook_purposes"),
    printed=16,
    register_kind=e.RegisterKind.CONTROLLER.value,
)

PROCESSING = Table(
    "processing",
    "activities",
    N_("Processor register"),
    N_("Processing on behalf of controllers (processor, art. 30(2)) — {organisation}"),
    face_columns("workbook_processing"),
    printed=17,
    register_kind=e.RegisterKind.PROCESSOR.value,
)

CLIENTS = Table(
    "clients",
    "processor_clients",
    N_("Controllers served"),
    N_("Controllers we process data for (art. 30(2)(a)) — {organisation}"),
    face_columns("workbook_clients"),
)

TRANSFERS = Table(
    "transfers",
    "transfers",
    N_("Transfers"),
    N_("Transfers to third countries (art. 30(1)(e)) — {organisation}"),
    face_columns("workbook_transfers"),
)

SECURITY = Table(
    "security",
    "security_measures",
    N_("Security measures"),
    N_("Technical and organisational security measures (art. 32) — {organisation}"),
    face_columns("workbook_security"),
)

SUBJECTS = Table(
    "subjects",
    "data_subject_categories",
    N_("Data subjects"),
    N_("Categories of data subjects — {organisation}"),
    face_columns("workbook_subjects"),
)

DATA = Table(
    "data",
    "personal_data_categories",
    N_("Personal data"),
    N_("Categories of personal data — {organisation}"),
    face_columns("workbook_data"),
)

SOURCES = Table(
    "sources",
    "sources",
    N_("Sources"),
    N_("Personal data obtained from third parties (art. 14) — {organisation}"),
    face_columns("workbook_sources"),
)

APPROVERS = Table(
    "approvers",
    "approvers",
    N_("Approvers"),
    N_("Who approves the register — {organisation}"),
    face_columns("workbook_approvers"),
)

CHANGE_LOG = Table(
    "change_log",
    "change_log",
    N_("Change log"),
    N_("Change log — {organisation}"),
    face_columns("workbook_change_log"),
)

# Sheet order: what a board reads first comes first.
CONTROLLER_TABLES: tuple[Table, ...] = (PURPOSES, SHARING, PROCESSORS, TRANSFERS, SECURITY, SUBJECTS, DATA, SOURCES)
PROCESSOR_TABLES: tuple[Table, ...] = (PROCESSING, CLIENTS)
CLOSING_TABLES: tuple[Table, ...] = (APPROVERS, CHANGE_LOG)


def _entry_table(key: str, face_name: str, title: str, heading: str) -> Table:
    """A sheet of an activity's structured entries (format version 2), one row per entry, in the
    activity's order; the import gathers the rows back into the activity named in the first column."""
    # The activity is named by its purpose, under the purpose's heading (an entry has no field of its own for it).
    activity = Column("activity_id", FIELD_LABELS["activity", "purpose"], Kind.REF, 30, target="activities")
    fields = tuple(_column(entity, name) for entity, name in FACES[face_name])
    return Table(key, key, title, heading, (activity, *fields, Column("activity_id.ids", activity.heading, Kind.IDS)))


LEGAL_BASES = _entry_table(
    "legal_bases",
    "workbook_legal_bases",
    N_("Legal bases by part"),
    N_("Legal bases for parts of the processing (art. 6(1)) — {organisation}"),
)
DPIA_ANSWERS = _entry_table(
    "dpia_answers",
    "workbook_dpia_answers",
    N_("DPIA answers"),
    N_("DPIA screening: the user's answers (art. 35) — {organisation}"),
)
# Sections of entry rows, merged into their activities' lists by the import.
ENTRY_TABLES: tuple[Table, ...] = (LEGAL_BASES, DPIA_ANSWERS)

TABLES_BY_KEY = {t.key: t for t in (*CONTROLLER_TABLES, *PROCESSOR_TABLES, *CLOSING_TABLES, *ENTRY_TABLES)}

# The header block (art. 30(1)(a)): one labelled row per organisation field.
ORGANISATION_FIELDS: tuple[tuple[str, str, Kind], ...] = tuple(
    (key, FIELD_LABELS[entity, key], _CELLS[entity, key][0]) for entity, key in FACES["workbook_organisation"]
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
