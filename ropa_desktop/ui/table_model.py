"""What the editor's table models share: headings from the field catalogue, row numbers,
editability from the session, the roles the views and delegates read, and one way to edit.

:class:`ropa_desktop.ui.purpose_model.PurposeTableModel` (paged, 100,000 rows) and
:class:`ropa_desktop.ui.record_model.RecordTableModel` (the catalogues) differ in how
they hold rows; everything else is here, once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ropa_desktop.domain.fields import tooltip
from ropa_desktop.i18n import _
from ropa_desktop.store import operations as ops
from ropa_desktop.ui.session import RegisterSession, edit_text

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of the row
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value an editor starts from


class RegisterTableModel(QAbstractTableModel):
    """A table of one register: subclasses give the column headings (msgids) and the rows."""

    def __init__(self, session: RegisterSession | None = None) -> None:
        super().__init__()
        self._session = session
        self.organisation_id = 0
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # ------------------------------------------------------------------ for subclasses

    def headings(self) -> tuple[str, ...]:
        """The column headings, as msgids of the field catalogue."""
        raise NotImplementedError

    def column_editable(self, column: int) -> bool:
        return True

    def column_field(self, column: int) -> tuple[str, str] | None:
        """(entity, field) of the catalogue entry a column shows: its tooltip and its place in the guide."""
        return None

    # ------------------------------------------------------------------ shared

    @property
    def session(self) -> RegisterSession | None:
        return self._session

    @property
    def filter_text(self) -> str:
        return self._filter

    @property
    def sorted(self) -> bool:
        return self._sort is not None

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headings())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            found = self.column_field(section)
            return tooltip(*found) if found else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        headings = self.headings()
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(headings):
            return _(headings[section])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._session is not None and not self._session.readonly and self.column_editable(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def perform(self, operation: ops.Operation, column: int) -> bool:
        """Apply one edit through the session (one transaction, one undo step named after the column)."""
        if self._session is None:
            return False
        return self._session.perform(operation, edit_text(self.headings()[column])) is not None


__all__ = ["ID_ROLE", "VALUE_ROLE", "Index", "RegisterTableModel"]
