"""Edit ▸ Merge categories…: a duplicate's references move to the kept category in one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.ui import category_actions
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.menus import table_menu
from ropa_desktop.ui.record_model import RecordTableModel


def test_merge_categories_moves_references_and_undo_restores(
    qtbot: QtBot, window: MainWindow, promeister_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_file(promeister_path)
    session, editor = window.session, window.editor
    assert session is not None
    register, org = session.register, editor.organisation_id
    cats = rm.records(register, "personal_data", org, ["name"])
    original = cats[0]
    activity = rm.records(register, "activity", org, ["purpose"])[0]
    # A duplicate as a paste leaves it: the same name with other spacing and case, used by one activity.
    duplicate = session.perform(
        ops.Create("personal_data", {"organisation_id": org, "name": f" {original['name'].upper()} "}), "add"
    )
    assert duplicate is not None and duplicate.record_id is not None
    links_before = list(register.links("activity.personal_data", activity["id"]))
    session.perform(
        ops.SetLinks("activity.personal_data", activity["id"], (*links_before, duplicate.record_id)), "link"
    )
    table = next(t for t in editor.record_tables if t.objectName() == "categoriesTable")
    editor.tabs.setCurrentWidget(table)
    model = table.model()
    assert isinstance(model, RecordTableModel)
    row = next(r for r in range(model.rowCount()) if (model.record_at(r) or {}).get("id") == duplicate.record_id)
    table.setCurrentIndex(model.index(row, 0))
    assert window.menu_actions["merge_categories"] in table_menu(window, table).actions()

    seen: list[tuple[int | None, int | None]] = []

    def accept(dialog: category_actions.MergeCategoriesDialog) -> int:
        seen.append((dialog.removed_id(), dialog.kept_id()))  # the selected row, into its namesake
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(category_actions.MergeCategoriesDialog, "exec", accept)
    window.menu_actions["merge_categories"].trigger()
    assert seen == [(duplicate.record_id, original["id"])]
    names = [r["name"] for r in rm.records(register, "personal_data", org, ["name"])]
    assert names.count(original["name"]) == 1 and len(names) == len(cats)
    assert list(register.links("activity.personal_data", activity["id"])) == links_before  # no doubled entry
    assert model.rowCount() == len(cats)  # the tab shows the merge at once

    window.menu_actions["undo"].trigger()
    assert len(rm.records(register, "personal_data", org, ["name"])) == len(cats) + 1
    assert list(register.links("activity.personal_data", activity["id"])) == [*links_before, duplicate.record_id]


def test_merge_dialog_refuses_one_category_into_itself(qtbot: QtBot) -> None:
    dialog = category_actions.MergeCategoriesDialog({1: "Navn", 2: "Helse"}, 1)
    qtbot.addWidget(dialog)
    assert dialog.kept_id() == 2
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.kept.setCurrentIndex(dialog.kept.findData(1))
    assert not ok.isEnabled() and dialog.explanation.text()
