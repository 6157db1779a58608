"""The list editors: operations list, category picker, legal basis picker, and the table opening them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from ropa_desktop.store import readmodel as rm
from ropa_desktop.ui import dialogs
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow


def test_list_editor_add_remove_reorder(qtbot: QtBot) -> None:
    dialog = dialogs.ListEditorDialog("Processing", ["a", "b", "c"])
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(2)
    dialog._move(-1)
    assert dialog.items() == ["a", "c", "b"]
    dialog.list.setCurrentRow(0)
    dialog._remove()
    dialog._add_item("d")
    assert dialog.items() == ["c", "b", "d"]
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_category_picker_filter_and_new(qtbot: QtBot) -> None:
    cats = {1: rm.Category(1, "Navn"), 2: rm.Category(2, "Allergier", special=True), 3: rm.Category(3, "E-post")}
    picker = dialogs.CategoryPickerDialog(cats, [3])
    qtbot.addWidget(picker)
    assert picker.list.item(0).text() == "E-post"  # chosen first
    assert picker.list.item(2).text() == "Allergier (special category)" and picker.list.item(2).font().bold()
    qtbot.keyClicks(picker.filter, "all")
    visible = [picker.list.item(i).text() for i in range(picker.list.count()) if not picker.list.item(i).isHidden()]
    assert visible == ["Allergier (special category)"]
    picker.filter.setText("Kurshistorikk")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)  # Enter adds the typed name as a new category
    picker.set_checked("Allergier (special category)")
    assert picker.chosen() == [3, 2, "Kurshistorikk"]


def test_legal_basis_dialog(qtbot: QtBot) -> None:
    dialog = dialogs.LegalBasisDialog({"legal_basis": ["b"], "special_condition": None}, special=True)
    qtbot.addWidget(dialog)
    assert not dialog.balancing.isEnabled()
    dialog.boxes["f"].setChecked(True)
    assert dialog.balancing.isEnabled()
    dialog.balancing.setPlainText("Gjensidig behov.")
    dialog.condition.setCurrentIndex(dialog.condition.findData("a"))
    assert dialog.value() == {"legal_basis": ["b", "f"], "special_condition": "a", "balancing_test": "Gjensidig behov."}
    plain = dialogs.LegalBasisDialog({"legal_basis": []}, special=False)
    qtbot.addWidget(plain)
    assert plain.value()["special_condition"] is None


def test_f2_on_categories_opens_picker_and_saves(
    qtbot: QtBot, window: MainWindow, promeister_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_file(promeister_path)
    table = window.editor.purpose_table
    model = window.editor.purpose_model

    def accept_with_new(picker: dialogs.CategoryPickerDialog) -> int:
        picker.filter.setText("Bilmodell")
        picker.add_new()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(dialogs.CategoryPickerDialog, "exec", accept_with_new)
    table.setFocus()
    table.setCurrentIndex(model.index(0, pm.CATEGORIES))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert model.index(0, pm.CATEGORIES).data().endswith("• Bilmodell")
    assert window.menu_actions["undo"].text() == "&Undo edit of Categories of personal data"
