"""Rows fit their word-wrapped cells, and an edit measures only the row it changed (issue 20: an edit
through the editor re-measured every loaded row, 50–90 ms, on file and team registers alike)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ropa_desktop.interchange.json_format import import_document
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.tables import RegisterTable
from tests.benchmarks.synthetic import synthetic_document

LONG = "Et formål som er skrevet så langt at det må brytes over flere linjer i en smal kolonne " * 3


@pytest.fixture
def purposes(window: MainWindow, tmp_path: Path) -> RegisterTable:
    """The purpose table of a register with more activities than one page (rows are fetched as one scrolls)."""
    path = tmp_path / "mange formål.ropa"
    import_document(synthetic_document(3 * pm.PAGE), path).close()
    window.resize(1366, 768)
    assert window.open_file(path)
    window.editor.wait_for_background()
    table = window.editor.purpose_table
    window.editor.tabs.setCurrentWidget(table)
    settle(table)
    return table


def settle(table: RegisterTable) -> None:
    table.viewport().repaint()  # the paint measures what it is about to show
    QApplication.processEvents()


def visible_rows(table: RegisterTable) -> range:
    first = table.rowAt(0)
    last = table.rowAt(table.viewport().height() - 1)
    return range(first, (last if last >= 0 else table.model().rowCount() - 1) + 1)


def assert_rows_fit(table: RegisterTable) -> None:
    rows = visible_rows(table)
    assert len(rows) > 1
    for row in rows:
        assert table.rowHeight(row) >= table.sizeHintForRow(row), row  # nothing cut off at the bottom
        assert not table.row_heights.is_stale(row)


def test_shown_rows_fit_their_wrapped_text(purposes: RegisterTable) -> None:
    assert_rows_fit(purposes)
    heights = {purposes.rowHeight(row) for row in visible_rows(purposes)}
    assert len(heights) > 1 or min(heights) > purposes.verticalHeader().defaultSectionSize()


def test_an_edit_measures_its_own_row_only_and_the_row_grows(purposes: RegisterTable) -> None:
    model = purposes.model()
    assert isinstance(model, pm.PurposeTableModel)
    row = visible_rows(purposes)[1]
    before, measured = purposes.rowHeight(row), purposes.row_heights.measured
    assert model.setData(model.index(row, pm.PURPOSE), LONG)
    settle(purposes)
    assert purposes.row_heights.measured == measured + 1
    assert purposes.rowHeight(row) > before
    assert purposes.rowHeight(row) == purposes.sizeHintForRow(row)
    assert_rows_fit(purposes)


def test_a_narrower_column_rewraps_the_rows_in_view(purposes: RegisterTable, window: MainWindow) -> None:
    model = purposes.model()
    assert isinstance(model, pm.PurposeTableModel)
    row = visible_rows(purposes)[0]
    assert model.setData(model.index(row, pm.PURPOSE), LONG)
    settle(purposes)
    wide = purposes.rowHeight(row)
    window.resize(900, 768)  # the columns share a narrower table
    QApplication.processEvents()
    settle(purposes)
    assert purposes.rowHeight(row) > wide
    assert_rows_fit(purposes)
    window.resize(1366, 768)
    QApplication.processEvents()
    settle(purposes)
    assert purposes.rowHeight(row) == wide
    assert_rows_fit(purposes)


def test_rows_fetched_by_scrolling_fit_when_they_come_into_view(purposes: RegisterTable) -> None:
    model = purposes.model()
    loaded = model.rowCount()
    for _ in range(40):  # scrolled to the end, page by page, as a user does
        purposes.verticalScrollBar().setValue(purposes.verticalScrollBar().maximum())
        settle(purposes)
        if model.rowCount() == 3 * pm.PAGE and purposes.rowAt(purposes.viewport().height() - 1) < 0:
            break
    assert model.rowCount() > loaded
    assert_rows_fit(purposes)
    assert purposes.row_heights.is_stale(loaded)  # scrolled past without being shown: never measured


def test_going_to_a_row_far_down_shows_it_whole(purposes: RegisterTable, window: MainWindow) -> None:
    model = purposes.model()
    assert isinstance(model, pm.PurposeTableModel)
    model.fetch_all()
    target = model.rowCount() - 1
    activity = model.activity_at(target)
    assert activity is not None
    assert model.setData(model.index(target, pm.PURPOSE), LONG)
    assert window.editor.select_activity(activity.id, pm.PURPOSE)
    settle(purposes)
    rect = purposes.visualRect(model.index(target, pm.PURPOSE))
    assert purposes.viewport().rect().contains(rect), (rect, purposes.viewport().rect())
    assert purposes.rowHeight(target) == purposes.sizeHintForRow(target)
