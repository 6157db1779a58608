"""Rows that grow to fit their word-wrapped cells, measured only when they are about to be seen.

Qt's ``ResizeToContents`` re-measures every loaded row whenever anything changes: one edit of one
cell measured some 60–300 rows through the delegate (50–90 ms per edit). Here the view keeps a
"stale" mark per row instead: an edit marks its own rows, a column resize or a new font marks them
all, and just before a paint the table measures the stale rows that lie in the viewport. A row
nobody scrolls to is never measured; until it is, it has the header's default height (the scroll
bar's length is an estimate in the meantime, as in any lazily measured list).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, SignalInstance
from PySide6.QtWidgets import QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex

# Measuring rows can shrink them and bring more rows into view; a few passes settle any viewport.
SETTLING_PASSES = 6


class RowHeights(QObject):
    """The row heights of ``view``: marked stale by the model's and the columns' changes, measured
    by :meth:`measure_visible` (the view calls it before it paints)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.stale = bytearray()  # one byte per row: 1 = its height no longer fits its cells
        self.measured = 0  # rows measured so far (what the tests count: an edit measures its own row only)
        self._model: QAbstractItemModel | None = None
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # sized here, not by the user

    # ------------------------------------------------------------------ what makes rows stale

    def watch_model(self, model: QAbstractItemModel | None) -> None:
        if self._model is not None:
            for signal, slot in self._model_signals(self._model):
                signal.disconnect(slot)
        self._model = model
        if model is not None:
            for signal, slot in self._model_signals(model):
                signal.connect(slot)
        self.all_stale()

    def _model_signals(self, model: QAbstractItemModel) -> list[tuple[SignalInstance, Callable[..., None]]]:
        return [
            (model.modelReset, self.all_stale),
            (model.layoutChanged, self.all_stale),
            (model.rowsMoved, self.all_stale),
            (model.columnsInserted, self.all_stale),
            (model.columnsRemoved, self.all_stale),
            (model.rowsInserted, self._inserted),
            (model.rowsRemoved, self._removed),
            (model.dataChanged, self._changed),
        ]

    def watch_columns(self, header: QHeaderView) -> None:
        """A column's new width re-wraps every row's text (a replaced header is deleted by the view,
        and its connection with it)."""
        header.sectionResized.connect(self._column_resized)

    def all_stale(self) -> None:
        model = self.view.model()
        self.stale = bytearray(b"\x01") * (model.rowCount() if model is not None else 0)
        self.view.viewport().update()

    def _inserted(self, parent: Index, first: int, last: int) -> None:
        if not parent.isValid():
            self.stale[first:first] = b"\x01" * (last - first + 1)

    def _removed(self, parent: Index, first: int, last: int) -> None:
        if not parent.isValid():
            del self.stale[first : last + 1]

    def _changed(self, top_left: Index, bottom_right: Index, _roles: object = None) -> None:
        first, last = top_left.row(), bottom_right.row()
        if first < 0:
            return
        self.stale[first : last + 1] = b"\x01" * (min(last, len(self.stale) - 1) - first + 1)

    def _column_resized(self, _column: int, _old: int, _new: int) -> None:
        self.all_stale()

    # ------------------------------------------------------------------ measuring

    def measure_visible(self) -> None:
        """Give the stale rows in the viewport the height their cells ask for."""
        model = self.view.model()
        if model is None or not self.view.isVisible():
            return
        count = model.rowCount()
        if len(self.stale) != count:  # a model that changed rows without telling: measure afresh
            self.stale = bytearray(b"\x01") * count
        height = self.view.viewport().height()
        for _pass in range(SETTLING_PASSES):
            first = self.view.rowAt(0)
            if first < 0:
                return
            last = self.view.rowAt(height - 1)
            last = count - 1 if last < 0 else last
            rows = [row for row in range(first, last + 1) if self.stale[row]]
            if not rows:
                return
            for row in rows:
                self.measure(row)

    def measure_above(self, row: int) -> None:
        """Measure ``row`` and the stale rows a viewport's height above it: scrolling to a row places it
        by the heights of the rows before it, and measuring those afterwards would push it out of view."""
        room = self.view.viewport().height()
        while row >= 0 and room > 0:
            if self.is_stale(row):
                self.measure(row)
            room -= self.view.rowHeight(row)
            row -= 1

    def is_stale(self, row: int) -> bool:
        return 0 <= row < len(self.stale) and bool(self.stale[row])

    def measure(self, row: int) -> None:
        if not 0 <= row < len(self.stale):
            return
        header = self.view.verticalHeader()
        size = max(self.view.sizeHintForRow(row), header.sectionSizeHint(row), header.minimumSectionSize())
        self.stale[row] = 0
        self.measured += 1
        old = header.sectionSize(row)
        if old == size:
            return
        top = self.view.rowViewportPosition(row)
        header.resizeSection(row, size)
        if top < 0:  # a row partly above the viewport grew or shrank: keep what is in view where it was
            bar = self.view.verticalScrollBar()
            bar.setMaximum(bar.maximum() + max(0, size - old))
            bar.setValue(bar.value() + size - old)


__all__ = ["RowHeights"]
