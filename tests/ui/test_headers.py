"""Column headings wrap instead of being cut off ("Kategorier av personopplysninger" in a narrow column)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from ropa_desktop.ui.headers import WrappingHeader
from ropa_desktop.ui.tables import RegisterTable

HEADINGS = ["Formål", "Kategorier av personopplysninger", "Lagringstid"]


def _table(qtbot: QtBot) -> tuple[RegisterTable, WrappingHeader]:
    table = RegisterTable("headings")
    qtbot.addWidget(table)
    model = QStandardItemModel(2, len(HEADINGS), table)  # the table owns it
    model.setHorizontalHeaderLabels(HEADINGS)
    table.setModel(model)
    table.resize(900, 300)
    table.show()
    qtbot.waitExposed(table)
    header = table.horizontalHeader()
    assert isinstance(header, WrappingHeader)
    return table, header


def _lines_needed(header: WrappingHeader, column: int) -> int:
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    metrics = header.fontMetrics()
    box = QRect(0, 0, header.sectionSize(column) - 2 * margin, 10_000)
    return round(metrics.boundingRect(box, Qt.TextFlag.TextWordWrap, HEADINGS[column]).height() / metrics.lineSpacing())


def test_a_narrow_column_heading_wraps_and_the_header_grows(qtbot: QtBot) -> None:
    table, header = _table(qtbot)
    table.setColumnWidth(1, 400)
    qtbot.waitUntil(lambda: header.height() < 2 * header.fontMetrics().lineSpacing())
    one_line = header.height()
    assert _lines_needed(header, 1) == 1

    table.setColumnWidth(1, header.fontMetrics().horizontalAdvance("personopplysninger") + 20)
    assert _lines_needed(header, 1) == 2
    # The header grows to the wrapped heading's height (Qt would keep one line and elide it).
    qtbot.waitUntil(lambda: header.height() > one_line)
    assert header.height() >= header.tallest_heading() >= 2 * header.fontMetrics().lineSpacing()

    table.setColumnWidth(1, 400)
    qtbot.waitUntil(lambda: header.height() == one_line)


def test_the_header_state_with_wrapping_headings_restores(qtbot: QtBot) -> None:
    """Saved column widths come back (a wrap flag in the saved state made restoreState refuse it)."""
    table, header = _table(qtbot)
    table.setColumnWidth(0, 277)
    state = header.saveState()
    table.setColumnWidth(0, 120)
    assert header.restoreState(state)
    assert table.columnWidth(0) == 277
    QApplication.processEvents()
    assert table.columnWidth(0) == 277
