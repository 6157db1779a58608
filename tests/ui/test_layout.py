"""The main window fits a laptop screen: at 1366×768 (100 %) and at 1920×1080 with 150 % and 200 %
scaling (1280×720 and 960×540 device-independent pixels) the five purpose column headers and every
control of the detail pane lie inside the visible area, with no horizontal scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow

# Logical (device-independent) sizes: what Qt lays out at 100 %, 150 % and 200 % scaling.
SCREENS = {"1366x768@100%": (1366, 768), "1920x1080@150%": (1280, 720), "1920x1080@200%": (960, 540)}


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("screen", list(SCREENS))
def test_purpose_columns_and_detail_controls_fit(window: MainWindow, promeister_path: Path, screen: str) -> None:
    width, height = SCREENS[screen]
    window.resize(width, height)
    assert window.open_file(promeister_path)
    editor = window.editor
    editor.wait_for_background()
    QApplication.processEvents()
    table = editor.purpose_table
    editor.tabs.setCurrentWidget(table)  # a register opens on its Overview; the purposes are one tab away
    QApplication.processEvents()
    assert window.width() <= width
    # The five headers share the table's width: none is cut off, no horizontal scroll bar.
    viewport = table.viewport().width()
    header = table.horizontalHeader()
    for column in range(pm.RETENTION + 1):
        left = header.sectionViewportPosition(column)
        assert left >= 0, (screen, column)
        assert left + header.sectionSize(column) <= viewport + 1, (screen, column, left, viewport)
    assert table.horizontalScrollBar().maximum() == 0, screen
    # Every detail-pane control is within the pane horizontally, and reachable by scrolling vertically.
    pane = editor.detail
    pane_viewport = pane.viewport()
    assert pane.horizontalScrollBar().maximum() == 0 or not pane.horizontalScrollBar().isVisible()
    visible = pane_viewport.rect()
    assert pane_viewport.width() > 0
    for name, widget in pane.widgets.items():
        if not widget.isVisibleTo(pane):
            continue
        # Scrolled to it as a user would (ensureWidgetVisible only shows a line edit's cursor).
        inner = pane.widget()
        assert inner is not None
        pane.verticalScrollBar().setValue(widget.mapTo(inner, QPoint(0, 0)).y() - 4)
        QApplication.processEvents()
        rect = _rect_in(widget, pane_viewport)
        assert visible.contains(rect), (screen, name, rect, visible)
        for child in widget.findChildren(QWidget):
            if child.isVisibleTo(pane):
                assert visible.contains(_rect_in(child, pane_viewport)), (screen, name, child.objectName())
    # And the pane itself is inside the window.
    assert window.rect().contains(_rect_in(pane, window)), screen


def test_findings_pane_collapses_and_comes_back(window: MainWindow, promeister_path: Path) -> None:
    window.resize(1366, 768)
    assert window.open_file(promeister_path)
    editor = window.editor
    QApplication.processEvents()
    assert editor.findings_visible()
    window.menu_actions["findings"].trigger()
    assert not editor.findings_visible()
    assert editor.vertical.sizes()[1] == 0
    assert not window.menu_actions["findings"].isChecked()
    window.menu_actions["findings"].trigger()
    assert editor.findings_visible()


def test_sidebar_is_compact_with_one_organisation(window: MainWindow, promeister_path: Path) -> None:
    window.resize(1366, 768)
    assert window.open_file(promeister_path)
    QApplication.processEvents()
    assert window.sidebar.organisation_count() == 1
    sidebar, rest = window.splitter.sizes()
    assert sidebar <= window.sidebar.compact_width()
    assert sidebar < 0.15 * (sidebar + rest)


# A 1366 × 768 laptop at 200 % has 683 × 384 points; the window manager's frame and title take some.
SMALLEST_SCREEN = (683 - 8, 384 - 24)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_minimum_size_fits_a_laptop_screen_at_200_percent(
    qtbot: object, promeister_path: Path, language: str, dialogs: object
) -> None:
    from ropa_desktop.i18n import set_language

    set_language(language)
    try:
        window = MainWindow()  # built in the language: nb labels are longer
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        hints = [("start screen", window.minimumSizeHint())]
        assert window.open_file(promeister_path)
        window.editor.wait_for_background()
        window.editor.purpose_table.selectRow(0)  # the detail pane shows an activity's long lists
        for index in range(window.editor.tabs.count()):
            window.editor.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            hints.append((window.editor.tabs.tabText(index), window.minimumSizeHint()))
        too_big = [
            (where, hint.toTuple())
            for where, hint in hints
            if hint.width() > SMALLEST_SCREEN[0] or hint.height() > SMALLEST_SCREEN[1]
        ]
        assert too_big == []
        window.resize(*SMALLEST_SCREEN)
        QApplication.processEvents()
        assert window.width() <= SMALLEST_SCREEN[0] and window.height() <= SMALLEST_SCREEN[1]
        window.close_register()
    finally:
        set_language("en")


@pytest.mark.parametrize("screen", list(SCREENS))
def test_overview_panels_wrap_to_one_column_instead_of_scrolling_sideways(
    window: MainWindow, promeister_path: Path, screen: str, qtbot: QtBot
) -> None:
    window.resize(*SCREENS[screen])
    assert window.open_file(promeister_path)
    editor = window.editor
    editor.wait_for_background()
    editor.tabs.setCurrentWidget(editor.pictures.dashboard)
    dashboard = editor.pictures.dashboard
    # The overview is drawn once its "Computing…" placeholder has been painted (issue 16).
    qtbot.waitUntil(lambda: dashboard.board is not None, timeout=30000)
    QApplication.processEvents()
    assert dashboard._panels  # the figures are shown
    assert dashboard.horizontalScrollBar().maximum() == 0, (screen, dashboard._columns)


def test_sidebar_steps_aside_on_a_narrow_window_and_comes_back_from_the_view_menu(
    window: MainWindow, promeister_path: Path
) -> None:
    """1366×768 at 200 % is 683 points wide: one organisation's name does not get a quarter of it."""
    window.resize(*SMALLEST_SCREEN)
    assert window.open_file(promeister_path)
    QApplication.processEvents()
    sidebar, rest = window.splitter.sizes()
    assert sidebar == 0 and rest == window.splitter.width() - window.splitter.handleWidth()
    toggle = window.menu_actions["organisations"]
    assert toggle.isCheckable() and not toggle.isChecked()
    toggle.trigger()  # View ▸ Organisations pane
    QApplication.processEvents()
    sidebar, rest = window.splitter.sizes()
    assert 0 < sidebar <= window.sidebar.compact_width()
    assert window.sidebar.isVisible() and toggle.isChecked()
    toggle.trigger()
    assert window.splitter.sizes()[0] == 0 and not toggle.isChecked()
    # The user's choice holds while the window changes size; on a wide window the sidebar returns when shown.
    window.resize(1366, 768)
    QApplication.processEvents()
    assert window.splitter.sizes()[0] == 0
    toggle.trigger()
    QApplication.processEvents()
    assert 0 < window.splitter.sizes()[0] < 0.15 * window.splitter.width()


def test_on_a_wide_window_one_organisation_keeps_its_sidebar(window: MainWindow, promeister_path: Path) -> None:
    window.resize(1366, 768)
    assert window.open_file(promeister_path)
    QApplication.processEvents()
    assert window.splitter.sizes()[0] > 0 and window.menu_actions["organisations"].isChecked()
    window.resize(*SMALLEST_SCREEN)  # a window made narrow: the sidebar steps aside then too
    QApplication.processEvents()
    assert window.splitter.sizes()[0] == 0 and not window.menu_actions["organisations"].isChecked()
    window.resize(1366, 768)
    QApplication.processEvents()
    assert window.splitter.sizes()[0] > 0


def test_with_several_organisations_the_sidebar_stays_on_a_narrow_window(
    window: MainWindow, promeister_path: Path
) -> None:
    from ropa_desktop.store import operations as ops

    assert window.open_file(promeister_path)
    assert window.session is not None
    window.session.perform(ops.Create("organisation", {"name": "ProMeister Kurs AS"}), "add")
    window.close_register()
    window.resize(*SMALLEST_SCREEN)
    assert window.open_file(promeister_path)
    QApplication.processEvents()
    assert window.sidebar.organisation_count() == 2
    sidebar = window.splitter.sizes()[0]
    assert 0 < sidebar <= max(window.sidebar.minimumSizeHint().width(), window.splitter.width() // 5)
