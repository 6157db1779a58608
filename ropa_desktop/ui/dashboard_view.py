"""The overview dashboard in the editor: the core's figures as panels whose numbers are buttons.

A number leads to the rows it counts: one record is shown at once, several
are offered in a menu (keyboard reachable like every button).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain.gaps import NOT_STATED
from ropa_desktop.i18n import _, current
from ropa_desktop.overview import svg as look
from ropa_desktop.overview.datamap import RecordRef

if TYPE_CHECKING:  # the figures are counted in the background, with the checks they need (issue 16)
    from ropa_desktop.overview.dashboard import Bar, Dashboard, Figure

MENU_LIMIT = 40  # records listed under a number; more would not fit a menu


class DashboardView(QScrollArea):
    record_requested = Signal(str, int)  # entity, id
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(_("Overview"))
        self.board: Dashboard | None = None
        self.count_buttons: list[tuple[Bar, QPushButton]] = []
        self.names: dict[tuple[str, int], str] = {}
        self.last_menu: QMenu | None = None
        self._panels: list[QGroupBox] = []
        self._grid: QGridLayout | None = None
        self._columns = 2
        self.waiting = False  # the waiting line is shown while the Overview is counted
        self.setWidget(QWidget(self))

    def set_waiting(self) -> None:
        """While the Overview is counted in the background (seconds for a very large register)."""
        self.board = None
        self.waiting = True
        self.count_buttons = []
        self._panels, self._grid = [], None  # the old page and its panels go with setWidget
        waiting = QLabel(_("Counting the register for the overview…"), self)
        waiting.setObjectName("overviewWaiting")
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(waiting)

    def set_dashboard(self, board: Dashboard | None, names: dict[tuple[str, int], str] | None = None) -> None:
        """Show ``board``; ``names`` label the records in the menus under its numbers."""
        self.board = board
        self.waiting = False
        self.names = names or {}
        self.count_buttons = []
        page = QWidget(self)
        outer = QVBoxLayout(page)
        if board is not None:
            title = QLabel(_("Overview: {organisation}").format(organisation=board.organisation), page)
            font = title.font()
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setBold(True)
            title.setFont(font)
            title.setTextFormat(Qt.TextFormat.PlainText)  # a register's name is text, never markup
            head = QHBoxLayout()
            head.addWidget(title, 1)
            self.save_button = QPushButton(_("Save as picture…"), page)
            self.save_button.setToolTip(_("Save the overview as an SVG or PNG picture"))
            self.save_button.clicked.connect(self.save_requested)
            head.addWidget(self.save_button)
            outer.addLayout(head)
            self._grid = QGridLayout()
            self._panels = [self._panel(figure, page) for figure in board.figures]
            self._place(self._fitting_columns())
            outer.addLayout(self._grid)
        else:
            self._panels, self._grid = [], None
        outer.addStretch(1)
        self.setWidget(page)

    def _fitting_columns(self) -> int:
        """Two columns of panels when they fit side by side, else one: no sideways scrolling on a
        laptop screen (1366 px, or any screen at 200 %)."""
        if not self._panels:
            return 2
        widest = max(panel.minimumSizeHint().width() for panel in self._panels)
        return 2 if self.viewport().width() >= 2 * widest + 40 else 1

    def _place(self, columns: int) -> None:
        if self._grid is None:
            return
        self._columns = columns
        for panel in self._panels:
            self._grid.removeWidget(panel)
        for i, panel in enumerate(self._panels):
            self._grid.addWidget(panel, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        columns = self._fitting_columns()
        if columns != self._columns:
            self._place(columns)

    def _panel(self, figure: Figure, parent: QWidget) -> QGroupBox:
        tr = current()
        box = QGroupBox(figure.title, parent)
        grid = QGridLayout(box)
        if not figure.bars:
            grid.addWidget(QLabel(tr.gettext(look.NONE), box), 0, 0)
        top = figure.total or max((b.count for b in figure.bars), default=0) or 1
        for row, bar in enumerate(figure.bars):
            label = QLabel(bar.label, box)
            meter = QProgressBar(box)
            meter.setRange(0, bar.of or top)
            meter.setValue(bar.count)
            meter.setTextVisible(False)
            meter.setMaximumHeight(14)
            meter.setAccessibleName(bar.label)
            value = look.bar_value(figure, bar, tr)
            button = QPushButton(value, box)
            button.setFlat(True)
            button.setAccessibleName(f"{figure.title}: {bar.label}: {value}")
            button.setToolTip(_("Show the records counted"))
            button.setEnabled(bool(bar.records))
            button.clicked.connect(lambda _checked=False, b=bar, w=button: self.open_records(b, w))
            label.setBuddy(button)
            grid.addWidget(label, row, 0)
            grid.addWidget(meter, row, 1)
            grid.addWidget(button, row, 2)
            self.count_buttons.append((bar, button))
            if bar.missing:
                from ropa_desktop.overview.dashboard import Bar

                gap = Bar(_(NOT_STATED), len(bar.missing), bar.missing, "bad")
                text = _("{count} not stated").format(count=tr.format_number(gap.count))
                missing = QPushButton(text, box)
                missing.setFlat(True)
                missing.setAccessibleName(f"{figure.title}: {bar.label}: {text}")
                missing.setToolTip(_("Show the activities that do not state it"))
                missing.clicked.connect(lambda _checked=False, b=gap, w=missing: self.open_records(b, w))
                grid.addWidget(missing, row, 3)
                self.count_buttons.append((gap, missing))
        if figure.note:
            note = QLabel(look.note_text(figure, tr), box)
            note.setWordWrap(True)
            note.setToolTip(figure.note.replace("; ", "\n"))  # the titles the picture's line shortens
            grid.addWidget(note, len(figure.bars) + 1, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        return box

    def open_records(self, bar: Bar, anchor: QWidget | None = None) -> None:
        records = bar.records
        if len(records) == 1:
            self.record_requested.emit(records[0].entity, records[0].record_id)
            return
        menu = QMenu(self)
        for ref in records[:MENU_LIMIT]:
            action = menu.addAction(self.describe(ref))
            action.triggered.connect(lambda _checked=False, r=ref: self.record_requested.emit(r.entity, r.record_id))
        if anchor is not None:
            menu.popup(anchor.mapToGlobal(anchor.rect().bottomLeft()))
        self.last_menu = menu

    def describe(self, ref: RecordRef) -> str:
        """A menu entry: the record's own name where the view knows it."""
        return self.names.get((ref.entity, ref.record_id), f"{ref.entity} {ref.record_id}")
