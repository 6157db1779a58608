"""One table model for the register's catalogues: recipients (the sharing table), processors,
transfers, security measures, categories, sources, the change log.

A :class:`TableSpec` says which entity, which columns and how each shows and edits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ropa_desktop.domain import enums as e
from ropa_desktop.domain.fields import FIELD_LABELS
from ropa_desktop.domain.labels import LABELS
from ropa_desktop.i18n import N_, _, current
from ropa_desktop.interchange import editing
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.ui import labels as lb
from ropa_desktop.ui.session import RegisterSession, edit_text

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    name: str
    header: str  # msgid
    kind: str = "text"  # text | bool | enum | country | date | letters | categories
    choices: dict[str, str] = dataclass_field(default_factory=dict)  # enum value -> label msgid
    editable: bool = True

    @property
    def field(self) -> str:
        return self.name


# Starting column widths by kind (users resize; QSettings remembers).
DEFAULT_WIDTHS = {"text": 230, "enum": 160, "country": 130, "bool": 150, "date": 120, "letters": 150, "categories": 240}


@dataclass(frozen=True)
class TableSpec:
    entity: str
    columns: tuple[Column, ...]
    where: Callable[[dict[str, Any]], bool] | None = None  # which records of the entity this view shows
    defaults: dict[str, Any] = dataclass_field(default_factory=dict)  # values a new row starts with
    link: str = ""  # the link a "categories" column edits


def _country(code: str) -> str:
    return current().country_name(code) if code else ""


class RecordTableModel(QAbstractTableModel):
    def __init__(self, spec: TableSpec) -> None:
        super().__init__()
        self.spec = spec
        self._session: RegisterSession | None = None
        self.organisation_id = 0
        self._all: list[dict[str, Any]] = []
        self._rows: list[dict[str, Any]] = []
        self._links: dict[int, list[int]] = {}
        self._categories: dict[int, rm.Category] = {}
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def load(self, session: RegisterSession | None, organisation_id: int) -> None:
        self.beginResetModel()
        self._session = session
        self.organisation_id = organisation_id
        if session is None:
            self._all = []
        else:
            fields = [c.field for c in self.spec.columns if c.kind != "categories"]
            extra = [
                f
                for f in (*self.spec.defaults, "role" if self.spec.entity == "recipient" else "")
                if f and f not in fields
            ]
            self._all = rm.records(session.register, self.spec.entity, organisation_id, fields + extra)
            if self.spec.where is not None:
                self._all = [r for r in self._all if self.spec.where(r)]
            if self.spec.link:
                self._links = rm.link_map(session.register, self.spec.link, [r["id"] for r in self._all])
                self._categories = rm.categories(session.register, organisation_id)
        self._recompute()
        self.endResetModel()

    def reload(self) -> None:
        self.load(self._session, self.organisation_id)

    def _recompute(self) -> None:
        needle = self._filter.casefold()
        rows = self._all
        if needle:
            rows = [r for r in rows if any(needle in self._display(r, c).casefold() for c in self.spec.columns)]
        if self._sort is not None:
            column, order = self._sort
            spec = self.spec.columns[column]
            rows = sorted(
                rows, key=lambda r: self._display(r, spec).casefold(), reverse=order == Qt.SortOrder.DescendingOrder
            )
        self._rows = list(rows)

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip()
        self._recompute()
        self.endResetModel()

    @property
    def sorted(self) -> bool:
        return self._sort is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()]["id"] if 0 <= i.row() < len(self._rows) else None for i in old]
        self._sort = None if column < 0 else (column, order)
        self._recompute()
        rows = {r["id"]: n for n, r in enumerate(self._rows)}
        new = [
            self.index(rows[i], idx.column()) if i in rows else QModelIndex() for i, idx in zip(ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def record_at(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r["id"] == record_id), None)

    def position_of(self, record_id: int) -> int:
        """The record's index among all records of the entity (for a Move)."""
        assert self._session is not None
        ids = [r["id"] for r in rm.records(self._session.register, self.spec.entity, self.organisation_id, [])]
        return ids.index(record_id)

    def categories(self) -> dict[int, rm.Category]:
        return self._categories

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.spec.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.spec.columns):
            return _(self.spec.columns[section].header)
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def _display(self, record: dict[str, Any], column: Column) -> str:
        value = record.get(column.field)
        if column.kind == "categories":
            ids = self._links.get(record["id"], [])
            names = [self._categories[i].name for i in ids if i in self._categories]
            return lb.bullets(names)
        if column.kind == "bool":
            if column.field == "dpa_in_place" and record.get("role") not in (None, "processor"):
                return _("Not applicable")  # an agreement under art. 28 is for processors only
            if value is None:
                return _("Unknown")
            return _("Yes") if value else _("No")
        if column.kind == "enum":
            return lb.label(column.choices, value)
        if column.kind == "country":
            return _country(value or "")
        if column.kind == "date":
            return current().format_date(value) if isinstance(value, date) else ""
        if column.kind == "letters":
            return "\n".join(lb.label(lb.LEGAL_BASIS, v) for v in (value or []))
        if column.kind == "int":
            return "" if value is None else current().format_number(value)
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.spec.columns):
            return None
        record = self._rows[index.row()]
        column = self.spec.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.EditRole:
            if column.kind == "date":
                value = record.get(column.field)
                return value.isoformat() if isinstance(value, date) else ""
            if column.kind in ("text",):
                return self._display(record, column)
            if column.kind == "int":
                value = record.get(column.field)
                return "" if value is None else str(value)
            return None
        if role == VALUE_ROLE:
            if column.kind == "categories":
                return list(self._links.get(record["id"], []))
            return record.get(column.field)
        if role == ID_ROLE:
            return record["id"]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.spec.columns[index.column()]
        if self._session is not None and not self._session.readonly and column.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._session is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False  # read-only (the banner says why) or a derived column: nothing to refuse later
        record = self.record_at(index.row())
        if record is None:
            return False
        column = self.spec.columns[index.column()]
        operation: ops.Operation
        if column.kind == "categories":
            chosen = [v if isinstance(v, str) else int(v) for v in value]
            operation = editing.set_categories(
                self._session.register, self.organisation_id, self.spec.link, record["id"], chosen
            )
        else:
            if column.kind == "date" and isinstance(value, str):
                value = value.strip() or None
            if column.kind == "letters":
                value = list(value)
            if column.kind == "int":
                text = str(value).strip()
                if text and not text.isdigit():
                    return False  # a retention period is a whole number of units
                value = int(text) if text else None
            operation = ops.Update(self.spec.entity, record["id"], {column.field: value})
        return self._session.perform(operation, edit_text(column.header)) is not None


# --------------------------------------------------------------------------- the views


def _heading(entity: str, name: str) -> str:
    """The field's heading msgid from the one vocabulary (domain/fields.py)."""
    return FIELD_LABELS[(entity, name)]


def _choices(vocabulary: type[StrEnum]) -> dict[str, str]:
    """value -> label msgid, from the one vocabulary (domain/labels.py)."""
    return {m.value: LABELS[(vocabulary, m.value)] for m in vocabulary}


SHARING = TableSpec(
    "recipient",
    (
        Column("name", N_("Category of controller")),
        Column("role", N_("Role"), "enum", lb.RECIPIENT_ROLE),
        Column("purpose", lb.PURPOSE),
        Column("personal_data", lb.CATEGORIES, "categories"),
        Column("legal_basis", lb.LEGAL_BASIS_COLUMN, "letters"),
        Column("country", N_("Country"), "country"),
        Column("dpa_in_place", N_("Processor agreement"), "bool"),
        # format version 2: disclosures under law, and the art. 26 arrangement of joint controllers
        Column("disclosure_law", _heading("recipient", "disclosure_law")),
        Column("on_request_only", _heading("recipient", "on_request_only"), "bool"),
        Column("arrangement_covers", _heading("recipient", "arrangement_covers")),
        Column("arrangement_contact", _heading("recipient", "arrangement_contact")),
        Column("arrangement_reference", _heading("recipient", "arrangement_reference")),
        Column("arrangement_date", _heading("recipient", "arrangement_date"), "date"),
    ),
    where=lambda r: r.get("role") != "processor",
    defaults={"role": "independent_controller"},
    link="recipient.personal_data",
)
PROCESSORS = TableSpec(
    "recipient",
    (
        Column("name", N_("Processor")),
        Column("service", N_("Service")),
        Column("country", N_("Country"), "country"),
        Column("dpa_in_place", N_("Processor agreement"), "bool"),
        Column("dpa_date", N_("Agreement date"), "date"),
        Column("description", N_("Description")),
    ),
    where=lambda r: r.get("role") == "processor",
    defaults={"role": "processor"},
)
TRANSFERS = TableSpec(
    "transfer",
    (
        Column("country", N_("Country"), "country"),
        Column("mechanism", N_("Transfer mechanism"), "enum", lb.TRANSFER_MECHANISM),
        Column("dpf_certified", N_("Data Privacy Framework"), "bool"),
        Column("safeguards", N_("Safeguards")),
        Column("reference", N_("Reference")),
    ),
)
SECURITY = TableSpec(
    "security_measure",
    (
        Column("kind", N_("Kind"), "enum", lb.SECURITY_KIND),
        Column("name", N_("Measure")),
        Column("description", N_("Description")),
        Column("applies_to_all", N_("Applies to all activities"), "bool"),
    ),
)
PERSONAL_DATA = TableSpec(
    "personal_data",
    (
        Column("name", N_("Category")),
        Column("description", N_("Description")),
        Column("special", N_("Special category (art. 9)"), "bool"),
        Column("criminal", N_("Criminal offences (art. 10)"), "bool"),
        Column("national_id", N_("National identity number"), "bool"),
        # format version 2: highly personal data, and retention for this category
        Column("location", _heading("personal_data", "location"), "bool"),
        Column("financial", _heading("personal_data", "financial"), "bool"),
        Column("communications", _heading("personal_data", "communications"), "bool"),
        Column("retention", _heading("personal_data", "retention")),
        Column("retention_duration", _heading("personal_data", "retention_duration"), "int"),
        Column("retention_unit", _heading("personal_data", "retention_unit"), "enum", _choices(e.DurationUnit)),
        Column(
            "retention_trigger", _heading("personal_data", "retention_trigger"), "enum", _choices(e.RetentionTrigger)
        ),
        Column("deletion_method", _heading("personal_data", "deletion_method"), "enum", _choices(e.DeletionMethod)),
        Column("retention_reason", _heading("personal_data", "retention_reason")),
    ),
)
DATA_SUBJECTS = TableSpec(
    "data_subject",
    (
        Column("name", N_("Data subjects")),
        Column("description", N_("Description")),
        Column("employees", _heading("data_subject", "employees"), "bool"),
        Column("children", _heading("data_subject", "children"), "bool"),
        Column("vulnerable", _heading("data_subject", "vulnerable"), "bool"),
    ),
)
SOURCES = TableSpec("source", (Column("name", N_("Source")), Column("description", N_("What it supplies"))))
CHANGE_LOG = TableSpec("change_log", (Column("when", N_("When"), "date"), Column("text", N_("What"))))
# Art. 30(2)(a): the controllers on whose behalf the organisation processes data, as a processor.
CLIENTS = TableSpec(
    "client",
    (
        Column("name", N_("Controller")),
        Column("orgnr", N_("Organisation number")),
        Column("country", N_("Country"), "country"),
        Column("contact", N_("Contact details")),
        Column("representative", N_("Representative")),
        Column("dpo", N_("Data protection officer")),
    ),
)


def bool_cycle(value: bool | None) -> bool:
    """The next value when a yes/no cell is toggled from the keyboard."""
    return not bool(value)
