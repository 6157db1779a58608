"""The Overview and Data map tabs: shown first, numbers and nodes lead to their records."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.map_view import _NodeItem


def _wait_for_overview(window: MainWindow, qtbot: QtBot) -> None:
    """The Overview is counted in a background thread; the window paints a waiting line meanwhile."""
    view = window.editor.pictures.dashboard
    assert view.board is None and view.findChild(QLabel, "overviewWaiting") is not None
    qtbot.waitUntil(lambda: view.board is not None, timeout=30_000)


def test_overview_is_shown_first_and_a_count_leads_to_its_record(
    window: MainWindow, promeister_path: Path, qtbot: QtBot
) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    assert editor.tabs.currentWidget() is editor.pictures.dashboard
    _wait_for_overview(window, qtbot)
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


def test_every_number_on_the_overview_leads_to_the_records_it_counts(
    window: MainWindow, promeister_path: Path, qtbot: QtBot
) -> None:
    """Each enabled count button offers exactly the records it counts, and each offer shows its record."""
    assert window.open_file(promeister_path)
    editor = window.editor
    view = editor.pictures.dashboard
    _wait_for_overview(window, qtbot)
    seen_entities = set()
    emitted: list[tuple[str, int]] = []
    view.record_requested.disconnect()  # recorded here, then followed by hand (an organisation opens a modal dialog)
    view.record_requested.connect(lambda entity, rid: emitted.append((entity, rid)))
    for bar, button in list(view.count_buttons):
        records = bar.records
        assert button.isEnabled() == bool(records)
        if not records:
            continue
        if bar.entity == "activity" and not bar.more:
            assert len(records) == bar.count  # the number shown is the number of rows it leads to
        emitted.clear()
        view.open_records(bar, button)
        if len(records) > 1:
            assert view.last_menu is not None
            offered = view.last_menu.actions()
            assert len(offered) == min(len(records), 40)
            offered[0].trigger()
        assert emitted == [(records[0].entity, records[0].record_id)]
        entity, rid = emitted[0]
        seen_entities.add(entity)
        if entity != "organisation":
            assert editor.go_to(editor.organisation_id, entity, rid, ""), (entity, rid)  # a place shows it
        if entity == "activity":
            assert editor.current_activity_id() == rid
        editor.tabs.setCurrentWidget(view)
    assert "activity" in seen_entities and "recipient" in seen_entities


def test_the_map_and_the_overview_save_as_svg_and_png(
    window: MainWindow, promeister_path: Path, tmp_path: Path
) -> None:
    assert window.open_file(promeister_path)
    pictures = window.editor.pictures
    svg = pictures.save_picture("map", tmp_path / "kart æøå.svg")
    assert svg is not None and svg.read_text(encoding="utf-8").startswith("<?xml")
    png = pictures.save_picture("dashboard", tmp_path / "oversikt.png")
    assert png is not None and png.read_bytes().startswith(b"\x89PNG")
    # a name the dialog did not ask about is not replaced, and the register is never a picture
    before = svg.read_bytes()
    assert pictures.save_picture("dashboard", svg) is None
    assert svg.read_bytes() == before
    register = window.editor.session.register.path  # type: ignore[union-attr]
    data = register.read_bytes()
    assert pictures.save_picture("map", register) is None
    assert register.read_bytes() == data


def test_tab_walks_every_map_node_then_leaves_and_enter_selects(
    window: MainWindow, promeister_path: Path, qtbot: QtBot
) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.pictures.map)
    view = editor.pictures.map.view
    window.show()
    qtbot.waitExposed(window)
    view.setFocus()
    items = view.node_items()
    visited: list[str] = []
    for _ in items:
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        visited.extend(i.node.key for i in view.node_items() if i.isSelected())
    assert visited == [i.node.key for i in items]  # every node, once, in reading order
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # past the last node Tab leaves the map
    assert not view.hasFocus()
    view.setFocus()
    activity = next(i for i in items if i.node.kind == "activity")
    while not activity.isSelected():
        qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert editor.current_activity_id() == activity.node.records[0].record_id
