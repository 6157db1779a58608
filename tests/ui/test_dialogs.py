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
    assert visible == ["Allergier (special category)", "Create «all»"]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)  # Enter ticks the match; half-typed text creates nothing
    assert picker.chosen() == [3, 2] and picker.filter.text() == ""
    qtbot.keyClicks(picker.filter, "Kurshistorikk")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)  # no match: Enter only points at "Create «…»"
    assert picker.chosen() == [3, 2]
    assert picker.list.currentItem() is picker.create_item and picker.create_item.text() == "Create «Kurshistorikk»"
    assert picker.list.hasFocus() or not picker.isVisible()  # the next Enter is on the entry itself
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)  # the explicit entry creates it
    assert picker.chosen() == [3, 2, "Kurshistorikk"]
    qtbot.keyClicks(picker.filter, "navn")
    assert picker.create_item.isHidden() and not picker.add.isEnabled()  # an exact name is never made twice


def test_enter_in_the_picker_ticks_and_only_an_empty_filter_closes_it(qtbot: QtBot) -> None:
    picker = dialogs.CategoryPickerDialog({1: rm.Category(1, "Navn"), 2: rm.Category(2, "E-post")}, [])
    qtbot.addWidget(picker)
    picker.show()
    picker.filter.setFocus()
    qtbot.keyClicks(picker.filter, "e-p")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.isVisible() and picker.chosen() == [2]  # ticked, not accepted with half-typed text
    qtbot.keyClicks(picker.filter, "Allergi")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)  # on «Create «Allergi»»: made, the dialog stays
    assert picker.isVisible() and picker.chosen() == [2, "Allergi"]
    picker.filter.setFocus()
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)  # an empty filter: Enter is OK
    assert not picker.isVisible() and picker.result() == QDialog.DialogCode.Accepted


def test_category_picker_flags_beside_the_category_and_suggested_on_create(qtbot: QtBot) -> None:
    cats = {1: rm.Category(1, "Navn"), 2: rm.Category(2, "Helseopplysninger")}
    flags = {1: {"special": False, "national_id": False}, 2: {"special": None}}
    picker = dialogs.CategoryPickerDialog(cats, [1], flags=flags)
    qtbot.addWidget(picker)
    picker.list.setCurrentRow(1)  # Helseopplysninger: no flag yet, the name suggests art. 9
    assert not picker.flag_boxes["special"].isChecked() and picker.hint.text()
    picker.flag_boxes["special"].setChecked(True)
    assert picker.list.item(1).text() == "Helseopplysninger (special category)" and not picker.hint.text()
    picker.filter.setText("Fødselsnummer")
    picker.add_new()
    assert picker.flag_boxes["national_id"].isChecked() and not picker.flag_boxes["special"].isChecked()
    picker.filter.setText("Allergier")
    picker.add_new()
    assert picker.flag_boxes["special"].isChecked()
    picker.flag_boxes["location"].setChecked(True)  # the owner decides beyond the suggestion
    choices = picker.choices()
    assert choices.chosen == (1, "Fødselsnummer", "Allergier")
    assert choices.new_flags == {
        "Fødselsnummer": {"national_id": True},
        "Allergier": {"special": True, "location": True},
    }
    assert choices.changed_flags == {2: {"special": True}}


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
        picker.filter.setText("Helsedata")
        picker.add_new()  # ticked art. 9 from its name
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(dialogs.CategoryPickerDialog, "exec", accept_with_new)
    table.setFocus()
    table.setCurrentIndex(model.index(0, pm.CATEGORIES))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert model.index(0, pm.CATEGORIES).data().endswith("• Bilmodell\n• Helsedata (special category)")
    assert window.menu_actions["undo"].text() == "&Undo edit of Categories of personal data"
    created = {c.name: c for c in model.categories().values()}
    assert created["Helsedata"].special and not created["Bilmodell"].special
    window.menu_actions["undo"].trigger()  # one step: the link and both new categories go
    assert not {"Bilmodell", "Helsedata"} & {c.name for c in model.categories().values()}
