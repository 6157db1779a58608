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

from PySide6.QtCore import QModelIndex, Qt

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import groupings
from ropa_desktop.domain import labels as lb
from ropa_desktop.domain.category_hints import suggest_flags
from ropa_desktop.domain.fields import FieldInfo, FieldKind, face
from ropa_desktop.i18n import _, current
from ropa_desktop.interchange import editing, tsv
from ropa_desktop.interchange.cell_text import BOOL_WORDS, country_code, country_text, date_of, without_mark
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.conflicts import seen
from ropa_desktop.ui.session import RegisterSession
from ropa_desktop.ui.table_model import ID_ROLE, VALUE_ROLE, Index, RegisterTableModel

__all__ = ["ID_ROLE", "VALUE_ROLE", "Column", "RecordTableModel", "TableSpec"]


@dataclass(frozen=True)
class Column:
    name: str
    header: str  # msgid
    kind: str = "text"  # text | bool | enum | country | date | letters | choices | categories | recipient | recipients
    vocabulary: type[StrEnum] | None = None  # enum and letters columns: labels in domain/labels.py
    editable: bool = True

    @property
    def field(self) -> str:
        return self.name


# Starting column widths by kind (users resize; QSettings remembers).
DEFAULT_WIDTHS = {
    "text": 230,
    "enum": 160,
    "country": 130,
    "bool": 150,
    "date": 120,
    "letters": 150,
    "choices": 200,
    "categories": 240,
    "recipient": 200,
    "recipients": 240,
}
# Columns that are links to recipients rather than a stored value of the row (a transfer's further recipients).
_RECIPIENT_LINKS = {"recipients": "transfer.recipients"}


@dataclass(frozen=True)
class TableSpec:
    entity: str
    columns: tuple[Column, ...]
    where: Callable[[dict[str, Any]], bool] | None = None  # which records of the entity this view shows
    defaults: dict[str, Any] = dataclass_field(default_factory=dict)  # values a new row starts with
    link: str = ""  # the link a "categories" column edits
    # The grouping every face uses (domain/groupings.py): rows in, rows in display order out.
    arrange: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None
    mark_footnotes: bool = False  # the legal-basis column carries the organisation's footnote marks


class RecordTableModel(RegisterTableModel):
    def __init__(self, spec: TableSpec) -> None:
        super().__init__()
        self.spec = spec
        self._all: list[dict[str, Any]] = []
        self._rows: list[dict[str, Any]] = []
        self._links: dict[int, list[int]] = {}
        self._categories: dict[int, rm.Category] = {}
        self._recipient_links: dict[int, list[int]] = {}
        self._recipient_names: dict[int, str] = {}
        self._footnotes = lb.Footnotes()

    def load(self, session: RegisterSession | None, organisation_id: int) -> None:
        self.beginResetModel()
        self._session = session
        self.organisation_id = organisation_id
        if session is None:
            self._all = []
        else:
            fields = [c.field for c in self.spec.columns if c.kind not in ("categories", "recipients")]
            extra = [
                f
                for f in (*self.spec.defaults, "role" if self.spec.entity == "recipient" else "")
                if f and f not in fields
            ]
            self._all = rm.records(session.register, self.spec.entity, organisation_id, fields + extra)
            if self.spec.where is not None:
                self._all = [r for r in self._all if self.spec.where(r)]
            if self.spec.arrange is not None:
                self._all = self.spec.arrange(self._all)
            if self.spec.mark_footnotes:
                self._footnotes = rm.footnotes(session.register, organisation_id)
            if self.spec.link:
                self._links = rm.link_map(session.register, self.spec.link, [r["id"] for r in self._all])
                self._categories = rm.categories(session.register, organisation_id)
            if any(c.kind in ("recipient", "recipients") for c in self.spec.columns):
                rows = rm.records(session.register, "recipient", organisation_id, ["name"])
                self._recipient_names = {int(r["id"]): str(r.get("name") or "") for r in rows}
                link = _RECIPIENT_LINKS["recipients"]
                self._recipient_links = rm.link_map(session.register, link, [r["id"] for r in self._all])
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

    def headings(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.spec.columns)

    def column_editable(self, column: int) -> bool:
        return self.spec.columns[column].editable

    def column_field(self, column: int) -> tuple[str, str] | None:
        if not 0 <= column < len(self.spec.columns):
            return None
        return self.spec.entity, self.spec.columns[column].field

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

    def recipient_names(self) -> dict[int, str]:
        """The organisation's recipients by id, for a transfer's recipient columns."""
        return self._recipient_names

    def category_flags(self) -> dict[int, dict[str, Any]]:
        """The personal-data categories' flags, for the picker (read when it opens: they change rarely)."""
        if self._session is None:
            return {}
        return editing.category_flags(self._session.register, self.organisation_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def _display(self, record: dict[str, Any], column: Column) -> str:
        value = record.get(column.field)
        if column.kind == "categories":
            ids = self._links.get(record["id"], [])
            names = [self._categories[i].name for i in ids if i in self._categories]
            return lb.bullets(names)
        if column.kind == "recipient":
            return self._recipient_names.get(value, "") if isinstance(value, int) else ""
        if column.kind == "recipients":
            ids = self._recipient_links.get(record["id"], [])
            return lb.bullets([self._recipient_names[i] for i in ids if i in self._recipient_names])
        if column.kind == "choices":
            return "\n".join(lb.label(v, vocabulary=column.vocabulary) for v in (value or []))
        if column.kind == "bool":
            if column.field == "dpa_in_place" and record.get("role") not in (None, "processor"):
                return _("Not applicable")  # an agreement under art. 28 is for processors only
            if value is None:
                hinted = self.spec.entity == "personal_data" and column.field in ("special", "national_id")
                if hinted and getattr(suggest_flags(str(record.get("name") or "")), column.field):
                    return _("Unknown: the name suggests yes")
                return _("Unknown")
            return _("Yes") if value else _("No")
        if column.kind == "enum":
            return lb.label(value, vocabulary=column.vocabulary) if value else ""
        if column.kind == "country":
            return country_text(value or "")
        if column.kind == "date":
            return current().format_date(value) if isinstance(value, date) else ""
        if column.kind == "letters":
            mark = self._footnotes.mark_for_recipient(record["id"]) if self.spec.mark_footnotes else ""
            return "\n".join(
                lb.label(v, vocabulary=e.LegalBasis) + (f" {mark}" if v == "f" and mark else "") for v in (value or [])
            )
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
            if column.kind == "recipients":
                return list(self._recipient_links.get(record["id"], []))
            return record.get(column.field)
        if role == ID_ROLE:
            return record["id"]
        return None

    def values_from_cells(
        self, cells: list[tsv.Cell], footnotes: dict[str, str] | None = None
    ) -> tuple[dict[str, Any], list[str]]:
        """A pasted row read back column by column, as :meth:`data` shows it (the table's own copy).

        Returns the record's values (the spec's defaults where a cell says nothing) and the category
        names of its link column; a footnote mark in the legal-basis cell brings its balancing test.
        """
        values: dict[str, Any] = dict(self.spec.defaults)
        names: list[str] = []
        for column, cell in zip(self.spec.columns, cells, strict=False):
            if not column.editable and column.kind != "bool":
                continue
            if column.kind == "categories":
                names = tsv.as_list(cell)
                continue
            if column.kind in ("recipient", "recipients"):
                continue  # a link to a recipient is chosen in the table, not pasted by name
            if column.kind == "choices" and column.vocabulary is not None:
                ticked = [lb.value_for_label(column.vocabulary, item) for item in tsv.as_list(cell)]
                values[column.field] = [x for x in ticked if x]
                continue
            text = tsv.as_text(cell).strip()
            if column.kind == "text":
                values[column.field] = text
            elif column.kind == "int":
                values[column.field] = int(text) if text.isdigit() else None
            elif column.kind == "enum" and column.vocabulary is not None:
                found = lb.value_for_label(column.vocabulary, text)
                if found is not None:
                    values[column.field] = found
            elif column.kind == "country":
                values[column.field] = country_code(text)
            elif column.kind == "bool":
                if text and text not in (_("Not applicable"), _("Unknown: the name suggests yes")):
                    values[column.field] = BOOL_WORDS.get(text.casefold()) if text != _("Unknown") else None
            elif column.kind == "date":
                values[column.field] = date_of(text)
            elif column.kind == "letters":
                vocabulary = column.vocabulary or e.LegalBasis
                letters = [lb.value_for_label(vocabulary, without_mark(item)) for item in tsv.as_list(cell)]
                values[column.field] = [x for x in letters if x] or tsv.parse_legal_basis(cell).letters
                if self.spec.mark_footnotes and (test := tsv.balancing_test_of(cell, footnotes or {})):
                    values["balancing_test"] = test
        return values, names

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
            chosen = (
                value
                if isinstance(value, editing.CategoryChoices)
                else [v if isinstance(v, str) else int(v) for v in value]
            )
            operation = editing.set_categories(
                self._session.register, self.organisation_id, self.spec.link, record["id"], chosen
            )
        elif column.kind == "recipients":
            operation = ops.SetLinks(_RECIPIENT_LINKS[column.field], record["id"], tuple(int(v) for v in value))
        else:
            if column.kind == "date" and isinstance(value, str):
                value = value.strip() or None
            if column.kind in ("letters", "choices"):
                value = list(value)
            if column.kind == "int":
                text = str(value).strip()
                if text and not text.isdigit():
                    return False  # a retention period is a whole number of units
                value = int(text) if text else None
            # expected: the value the user saw, so that someone else's change in between is not overwritten
            changes = {column.field: value}
            operation = ops.Update(self.spec.entity, record["id"], changes, expected=seen(record, changes))
        return self.perform(operation, index.column())


# --------------------------------------------------------------------------- the views

_EDITOR_KIND = {
    FieldKind.TEXT: "text",
    FieldKind.NUMBER: "int",
    FieldKind.BOOL: "bool",
    FieldKind.ENUM: "enum",
    FieldKind.COUNTRY: "country",
    FieldKind.DATE: "date",
    FieldKind.ENUM_LIST: "letters",
    FieldKind.LINK: "categories",
}


# Links that are not categories of personal data: a transfer names its recipients.
_LINK_KIND = {("transfer", "recipient_id"): "recipient", ("transfer", "recipients"): "recipients"}


def _editor_kind(info: FieldInfo) -> str:
    if info.id in _LINK_KIND:
        return _LINK_KIND[info.id]
    if info.kind is FieldKind.ENUM_LIST and info.vocabulary is not e.LegalBasis:
        return "choices"  # ticked values of a vocabulary (a transfer's other mechanisms)
    return _EDITOR_KIND[info.kind]


def columns(face_name: str) -> tuple[Column, ...]:
    """The columns of one table, headings and order from the field catalogue."""
    return tuple(Column(f.name, f.heading, _editor_kind(f), f.vocabulary) for f in face(face_name))


def _by_role(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return groupings.flatten(groupings.group_by_role(rows, lambda r: r.get("role")))


def _by_service(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return groupings.flatten(groupings.group_by_service(rows, lambda r: r.get("service") or ""))


SHARING = TableSpec(
    "recipient",
    columns("sharing_table"),
    where=lambda r: groupings.in_sharing_table(r.get("role")),
    defaults={"role": e.RecipientRole.INDEPENDENT_CONTROLLER.value},
    link="recipient.personal_data",
    arrange=_by_role,
    mark_footnotes=True,
)
PROCESSORS = TableSpec(
    "recipient",
    columns("processor_table"),
    where=lambda r: groupings.in_processor_table(r.get("role")),
    defaults={"role": e.RecipientRole.PROCESSOR.value},
    arrange=_by_service,
)
TRANSFERS = TableSpec("transfer", columns("transfer_table"))
SECURITY = TableSpec("security_measure", columns("security_table"))
PERSONAL_DATA = TableSpec("personal_data", columns("personal_data_table"))
DATA_SUBJECTS = TableSpec("data_subject", columns("data_subject_table"))
SOURCES = TableSpec("source", columns("source_table"))
CHANGE_LOG = TableSpec("change_log", columns("change_log_table"))
# Art. 30(2)(a): the controllers on whose behalf the organisation processes data, as a processor.
CLIENTS = TableSpec("client", columns("client_table"))


def bool_cycle(value: bool | None) -> bool:
    """The next value when a yes/no cell is toggled from the keyboard."""
    return not bool(value)
