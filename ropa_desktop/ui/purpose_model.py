"""The purpose table (Formål / Behandling / Kategorier / Rettslig grunnlag / Lagringstid) as a Qt model.

Rows are compact tuples read in one query (see :mod:`ropa_desktop.store.readmodel`); filtering and
sorting work on an index list, and rows are handed to the view in pages
(``canFetchMore``/``fetchMore``) so a register of 100,000 activities opens fast.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ropa_desktop.domain import labels as lb
from ropa_desktop.domain.fields import face
from ropa_desktop.i18n import _
from ropa_desktop.interchange import editing
from ropa_desktop.interchange.cell_text import (
    CATEGORIES,
    LEGAL_BASIS,
    PROCESSING,
    PURPOSE,
    RETENTION,
    display,
    read_all_rows,
    search_text,
)
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.conflicts import seen
from ropa_desktop.ui.background import BackgroundRead, start_read
from ropa_desktop.ui.session import RegisterSession
from ropa_desktop.ui.table_model import ID_ROLE, VALUE_ROLE, Index, RegisterTableModel

# The column numbers are the core's (interchange/cell_text.py); the views and tests name them from here.
__all__ = [
    "CATEGORIES",
    "ID_ROLE",
    "LEGAL_BASIS",
    "PAGE",
    "PROCESSING",
    "PURPOSE",
    "RETENTION",
    "VALUE_ROLE",
    "PurposeTableModel",
]

COLUMN_FIELDS = face("purpose_table")
HEADERS = tuple(f.heading for f in COLUMN_FIELDS)
# The activity field each column edits, for findings that point at a field.
FIELD_COLUMN = {
    "purpose": PURPOSE,
    "operations": PROCESSING,
    "personal_data": CATEGORIES,
    "legal_basis": LEGAL_BASIS,
    "balancing_test": LEGAL_BASIS,
    "consent_withdrawal": LEGAL_BASIS,
    "special_condition": LEGAL_BASIS,
    "retention": RETENTION,
}
PAGE = 60  # rows per fetch: a tall screen's worth; each is measured (rows grow to fit) before the first paint


class PurposeTableModel(RegisterTableModel):
    """Opening reads only the ids in order; rows are read a page at a time as the view scrolls.
    The first filter or sort needs every row: they are preloaded in the background after opening."""

    def __init__(self, session: RegisterSession | None = None) -> None:
        super().__init__(session)
        self.register_kind = "controller"
        self._ids: list[int] = []  # the user's row order
        self._footnotes = lb.Footnotes()
        self._cache: dict[int, rm.ActivityRow] = {}
        self._all_loaded = False
        self._generation = 0
        self._preloader: BackgroundRead | None = None
        self._categories: dict[int, rm.Category] = {}
        self._visible: list[int] = []  # activity ids after filter and sort
        self._fetched = 0

    # ------------------------------------------------------------------ loading

    def load(self, session: RegisterSession | None, organisation_id: int, register_kind: str = "controller") -> None:
        self.beginResetModel()
        self._generation += 1
        self._session = session
        self.organisation_id = organisation_id
        self.register_kind = register_kind
        self._cache, self._all_loaded = {}, False
        if session is None:
            self._ids, self._footnotes, self._categories = [], lb.Footnotes(), {}
        else:
            self._categories = rm.categories(session.register, organisation_id)
            self._ids = rm.activity_ids(session.register, organisation_id, register_kind)
            self._footnotes = rm.footnotes(session.register, organisation_id)
        self._recompute()
        self.endResetModel()

    def reload(self) -> None:
        self.load(self._session, self.organisation_id, self.register_kind)

    def preload(self) -> None:
        """Start reading every row in the background (no-op when small or already loaded)."""
        if self._session is None or self._all_loaded or len(self._ids) <= PAGE or self._preloader is not None:
            return
        register, organisation_id, kind = self._session.register, self.organisation_id, self.register_kind
        footnotes, categories = self._footnotes, dict(self._categories)
        self._preloader = start_read(
            lambda: read_all_rows(register, organisation_id, kind, footnotes, categories),
            self._generation,
            self._preloaded,
            self._preloader_finished,
        )

    def wait_for_preload(self) -> None:
        if self._preloader is not None:
            self._preloader.wait()

    def _preloader_finished(self) -> None:
        if self._preloader is not None:
            self._preloader.deleteLater()
        self._preloader = None

    def _preloaded(self, generation: int, rows: list[rm.ActivityRow]) -> None:
        if generation != self._generation or self._all_loaded:
            return  # edited or reloaded meanwhile: these rows may be stale
        for row in rows:
            row.footnote = self._footnotes.mark_for_activity(row.id)
            self._cache.setdefault(row.id, row)
        self._all_loaded = True

    def _ensure_loaded(self, ids: list[int]) -> None:
        missing = [i for i in ids if i not in self._cache]
        if missing and self._session is not None:
            for aid, row in rm.activity_page(self._session.register, missing).items():
                row.footnote = self._footnotes.mark_for_activity(aid)
                self._cache[aid] = row

    def _ensure_all_loaded(self) -> None:
        if self._all_loaded or self._session is None:
            return
        self.wait_for_preload()
        if not self._all_loaded:
            self._preloaded(
                self._generation, rm.activity_rows(self._session.register, self.organisation_id, self.register_kind)
            )

    def refresh_activity(self, activity_id: int, fresh: rm.ActivityRow | None = None) -> bool:
        """Re-read one row after an edit (``fresh``: already read by the caller); keeps scroll position and
        selection. True when the edit renumbered the footnotes (other tables showing marks must follow)."""
        if self._session is None:
            return False
        if fresh is None:
            fresh = rm.activity_row(self._session.register, activity_id)
        old = self._cache.get(activity_id)
        if fresh is None:
            self.reload()  # the row set changed
            return True
        self._generation += 1  # a preload started before this edit is stale
        renumbered = False
        if old is None or (old.legal_basis, old.balancing_test) != (fresh.legal_basis, fresh.balancing_test):
            renumbered = self.renumber_footnotes()
        fresh.footnote = self._footnotes.mark_for_activity(activity_id)
        if old is not None and old.search_text:
            fresh.search_text = ""
        if any(c not in self._categories for c in fresh.category_ids):
            self._categories = rm.categories(self._session.register, self.organisation_id)
        self._cache[activity_id] = fresh
        if activity_id in self._visible[: self._fetched]:
            row = self._visible.index(activity_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return renumbered

    def refresh_categories(self) -> None:
        """A category was renamed or marked special: repaint the rows without re-reading them."""
        if self._session is None:
            return
        self._categories = rm.categories(self._session.register, self.organisation_id)
        for row in self._cache.values():
            row.search_text = ""
        if self._fetched:
            self.dataChanged.emit(self.index(0, 0), self.index(self._fetched - 1, len(HEADERS) - 1))

    def renumber_footnotes(self) -> bool:
        """Read the footnote numbering again (a balancing test or a basis changed) and repaint the
        marks that moved, in place: rows, selection and the detail pane stay as they are."""
        if self._session is None:
            return False
        fresh = rm.footnotes(self._session.register, self.organisation_id)
        if fresh == self._footnotes:
            return False
        self._footnotes = fresh
        for row in self._cache.values():
            mark = fresh.mark_for_activity(row.id)
            if mark != row.footnote:
                row.footnote = mark
                row.search_text = ""
        if self._fetched:
            self.dataChanged.emit(self.index(0, LEGAL_BASIS), self.index(self._fetched - 1, LEGAL_BASIS))
        return True

    def _recompute(self, keep_fetched: bool = False) -> None:
        needle = self._filter.casefold()
        if needle or self._sort is not None:
            self._ensure_all_loaded()
        if needle:
            visible = []
            for aid in self._ids:
                row = self._cache[aid]
                if not row.search_text:
                    row.search_text = self._search_text(row)
                if needle in row.search_text:
                    visible.append(aid)
        else:
            visible = list(self._ids)
        if self._sort is not None:
            column, order = self._sort
            visible.sort(
                key=lambda i: self._display(self._cache[i], column).casefold(),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self._visible = visible
        # A layout change (sort) must not change the row count; a reset starts at the first page.
        self._fetched = min(self._fetched if keep_fetched else PAGE, len(visible))
        self._ensure_loaded(self._visible[: self._fetched])

    def _search_text(self, row: rm.ActivityRow) -> str:
        return search_text(row, self._categories)

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip()
        self._recompute()
        self.endResetModel()

    def headings(self) -> tuple[str, ...]:
        return HEADERS

    def column_field(self, column: int) -> tuple[str, str] | None:
        return COLUMN_FIELDS[column].id if 0 <= column < len(COLUMN_FIELDS) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._visible[i.row()] if 0 <= i.row() < self._fetched else None for i in old]
        self._sort = None if column < 0 else (column, order)
        self._recompute(keep_fetched=True)
        rows = {aid: r for r, aid in enumerate(self._visible[: self._fetched])}
        new = [
            self.index(rows[i], idx.column()) if i in rows else QModelIndex() for i, idx in zip(ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ paging

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._fetched < len(self._visible)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        count = min(PAGE, len(self._visible) - self._fetched)
        if count <= 0:
            return
        self._ensure_loaded(self._visible[self._fetched : self._fetched + count])
        self.beginInsertRows(QModelIndex(), self._fetched, self._fetched + count - 1)
        self._fetched += count
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    # ------------------------------------------------------------------ access

    @property
    def total_count(self) -> int:
        return len(self._ids)

    @property
    def visible_count(self) -> int:
        return len(self._visible)

    def activity_at(self, row: int) -> rm.ActivityRow | None:
        if 0 <= row < self._fetched:
            return self._cache[self._visible[row]]
        return None

    def row_of(self, activity_id: int) -> int | None:
        """The view row of an activity, fetching pages as needed; None when filtered out."""
        try:
            view_row = self._visible.index(activity_id)
        except ValueError:
            return None
        while self._fetched <= view_row:
            self.fetchMore()
        return view_row

    def position_of(self, activity_id: int) -> int:
        """Where the activity is in the user's order (its index for a Move)."""
        return self._ids.index(activity_id)

    def categories(self) -> dict[int, rm.Category]:
        return self._categories

    def category_flags(self) -> dict[int, dict[str, Any]]:
        """The personal-data categories' flags, for the picker (read when it opens: they change rarely)."""
        if self._session is None:
            return {}
        return editing.category_flags(self._session.register, self.organisation_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._fetched

    def _display(self, row: rm.ActivityRow, column: int) -> str:
        return display(row, column, self._categories)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._fetched or not 0 <= index.column() < len(HEADERS):
            return None
        row = self._cache[self._visible[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column in (PURPOSE, RETENTION):
                return self._display(row, column)
            return None
        if role == VALUE_ROLE:
            return self._value(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == LEGAL_BASIS and row.footnote:
            note = row.balancing_test or _("No balancing test written yet.")
            return f"{row.footnote} {note}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column).replace("•", "")
        return None

    def _value(self, row: rm.ActivityRow, column: int) -> Any:
        if column == PROCESSING:
            return list(row.operations)
        if column == CATEGORIES:
            return list(row.category_ids)
        if column == LEGAL_BASIS:
            return {
                "legal_basis": list(row.legal_basis),
                "special_condition": row.special_condition,
                "balancing_test": row.balancing_test,
            }
        return self._display(row, column)

    # ------------------------------------------------------------------ editing

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._session is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False  # read-only (the banner says why) or a derived column: nothing to refuse later
        row = self.activity_at(index.row())
        if row is None:
            return False
        column = index.column()
        operation: ops.Operation
        if column == PURPOSE:
            operation = _edit(row, {"purpose": str(value)})
        elif column == RETENTION:
            operation = _edit(row, {"retention": str(value)})
        elif column == PROCESSING:
            operation = _edit(row, {"operations": [str(v) for v in value]})
        elif column == CATEGORIES:
            chosen = (
                value
                if isinstance(value, editing.CategoryChoices)
                else [v if isinstance(v, str) else int(v) for v in value]
            )
            operation = editing.set_categories(
                self._session.register, self.organisation_id, "activity.personal_data", row.id, chosen
            )
        elif column == LEGAL_BASIS:
            operation = _edit(row, dict(value))
        else:
            return False
        return self.perform(operation, column)


def _edit(row: Any, changes: dict[str, Any]) -> ops.Update:
    """The edit of an activity, expecting the values the user saw (a team register refuses it if they changed)."""
    return ops.Update("activity", row.id, changes, expected=seen(row, changes))
