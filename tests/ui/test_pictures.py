"""The Overview and Data map tabs: shown first, numbers and nodes lead to their records."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.map_view import _NodeItem


def test_overview_is_shown_first_and_a_count_leads_to_its_record(
    window: MainWindow, promeister_path: Path, qtbot: QtBot
) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    assert editor.tabs.currentWidget() is editor.pictures.dashboard
    board = editor.pictures.dashboard.board
    assert board is not None and board.activity_count == len(editor.session.snapshot().organisations[0].activities)  # type: ignore[union-attr]
    # a number counting several activities offers them in a menu; choosing one shows its row
    view = editor.pictures.dashboard
    bar, button = next((b, w) for b, w in view.count_buttons if len(b.records) > 1 and b.entity == "activity")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.last_menu is not None
    actions = view.last_menu.actions()
    assert len(actions) == len(bar.records)
    actions[-1].trigger()
    assert editor.tabs.currentWidget() is editor.purpose_table
    assert editor.current_activity_id() == bar.records[-1].record_id


def test_clicking_a_map_node_selects_its_activity(window: MainWindow, promeister_path: Path, qtbot: QtBot) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.pictures.map)
    view = editor.pictures.map.view
    nodes = [i for i in view.node_items() if i.node.kind == "activity"]
    org = editor.session.snapshot().organisations[0]  # type: ignore[union-attr]
    assert {i.node.records[0].record_id for i in nodes} == {a.activity.id for a in org.activities}
    target: _NodeItem = nodes[-1]
    view.resize(1200, 800)
    view.centerOn(target)
    point = view.mapFromScene(target.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    assert editor.tabs.currentWidget() is editor.purpose_table
    assert editor.current_activity_id() == target.node.records[0].record_id


def test_map_is_keyboard_reachable_and_filters_dim(window: MainWindow, promeister_path: Path, qtbot: QtBot) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.pictures.map)
    view = editor.pictures.map.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    selected = [i for i in view.node_items() if i.isSelected()]
    assert len(selected) == 1
    # walk to an activity, then Enter selects it in the table
    while selected[0].node.kind != "activity":
        qtbot.keyClick(view, Qt.Key.Key_Down)
        selected = [i for i in view.node_items() if i.isSelected()]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert editor.current_activity_id() == selected[0].node.records[0].record_id
    editor.tabs.setCurrentWidget(editor.pictures.map)
    mv = editor.pictures.map
    mv.purpose_filter.setText("kurs")
    dimmed = [i for i in view.node_items() if i.opacity() < 1]
    shown = [i for i in view.node_items() if i.node.kind == "activity" and i.opacity() == 1]
    assert dimmed and shown and all("kurs" in i.node.label.lower() for i in shown)
