"""Qt's own file dialog speaks Bokmål (the widget dialog Qt draws under Linux and in the tests).

On Windows and macOS the editor shows the system's file dialog, which the system translates. Qt has no
Bokmål catalogue, so the app answers Qt's texts from its own (ui/qt_strings.py); these tests read every
text a user sees or hears (screen reader names) in the open, save and folder dialogs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFileDialog, QLabel, QTreeView, QWidget
from pytestqt.qtbot import QtBot

from ropa_desktop.i18n import set_language, translator
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.qt_strings import install_qt_translations

# What Qt 6 shows in English, each with & mnemonics taken out. "Type", "OK" and "Computer"/"Datamaskin" aside,
# Bokmål words differ from all of these.
ENGLISH = {
    "Look in:",
    "File name:",
    "Files of type:",
    "Open",
    "Save",
    "Choose",
    "Cancel",
    "Back",
    "Forward",
    "Go back",
    "Go forward",
    "Parent Directory",
    "Go to the parent directory",
    "Create New Folder",
    "Create a New Folder",
    "List View",
    "Change to list view mode",
    "Detail View",
    "Change to detail view mode",
    "Sidebar",
    "List of places and bookmarks",
    "Files",
    "Directory:",
    "Directories",
    "Name",
    "Size",
    "Date Modified",
    "Folder",
    "Rename",
    "Delete",
    "Show hidden files",
    "New Folder",
    "Recent Places",
    "All Files (*)",
    "All files (*)",
}


@pytest.fixture
def bokmal(qtbot: QtBot) -> Iterator[None]:
    default = QLocale()
    installed = install_qt_translations("nb")
    try:
        yield
    finally:
        for one in installed:
            QCoreApplication.removeTranslator(one)
        QLocale.setDefault(default)


def dialog(qtbot: QtBot, folder: Path, mode: str) -> QFileDialog:
    (folder / "Underlag").mkdir()
    (folder / "protokoll.ropa").write_bytes(b"SQLite format 3\0")
    d = QFileDialog(None, "Åpne protokoll", str(folder))
    qtbot.addWidget(d)
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if mode == "save":
        d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    elif mode == "folder":
        d.setFileMode(QFileDialog.FileMode.Directory)
    d.show()
    qtbot.waitExposed(d)
    return d


def plain(text: str) -> str:
    return text.replace("&", "").strip()


def texts(d: QFileDialog) -> dict[str, str]:
    """Every text of the dialog, named by where it is."""
    out: dict[str, str] = {}
    for label in d.findChildren(QLabel):
        out[f"label {label.objectName()}"] = label.text()
    for button in d.findChildren(QAbstractButton):
        out[f"button {button.objectName()} {button.text()!r}"] = button.text()
        out[f"tooltip {button.objectName()}"] = button.toolTip()
    for action in d.findChildren(QAction):
        out[f"menu {action.objectName()}"] = action.text()
    for widget in d.findChildren(QWidget):
        out[f"accessible name {widget.objectName()}"] = widget.accessibleName()
        out[f"accessible description {widget.objectName()}"] = widget.accessibleDescription()
    for combo in d.findChildren(QComboBox):
        for i in range(combo.count()):
            out[f"{combo.objectName()} item {i}"] = combo.itemText(i)
    tree = d.findChild(QTreeView, "treeView")
    assert tree is not None
    model = tree.model()
    for column in range(model.columnCount()):
        out[f"column {column}"] = str(model.headerData(column, Qt.Orientation.Horizontal))
    root = tree.rootIndex()
    for row in range(model.rowCount(root)):
        name = model.index(row, 0, root).data()
        out[f"type of {name}"] = str(model.index(row, 2, root).data())
    return out


@pytest.mark.parametrize("mode", ["open", "save", "folder"])
def test_the_file_dialog_has_no_english_text(bokmal: None, qtbot: QtBot, tmp_path: Path, mode: str) -> None:
    d = dialog(qtbot, tmp_path, mode)
    qtbot.waitUntil(lambda: d.findChild(QTreeView, "treeView").model().rowCount(QModelIndex()) > 0)  # type: ignore[union-attr]
    found = texts(d)
    english = {where: text for where, text in found.items() if plain(text) in ENGLISH}
    assert not english
    assert len([t for t in found.values() if t]) > 20  # the dialog's texts were found at all


def test_the_words_are_bokmal(bokmal: None, qtbot: QtBot, tmp_path: Path) -> None:
    d = dialog(qtbot, tmp_path, "open")
    tree = d.findChild(QTreeView, "treeView")
    assert tree is not None
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) == 2)
    found = texts(d)
    assert plain(found["label lookInLabel"]) == "Søk i:"
    assert plain(found["label fileNameLabel"]) == "Filnavn:"
    assert plain(found["label fileTypeLabel"]) == "Filtype:"
    assert plain(found["tooltip detailModeButton"]) == "Detaljvisning"
    assert plain(found["tooltip listModeButton"]) == "Listevisning"
    assert plain(found["tooltip newFolderButton"]) == "Opprett ny mappe"
    assert found["type of Underlag"] == "Mappe"
    assert [found[f"column {c}"] for c in range(4)] == ["Navn", "Størrelse", "Type", "Sist endret"]
    buttons = {plain(b.text()) for b in d.findChildren(QAbstractButton) if b.text()}
    assert {"Åpne", "Avbryt"} <= buttons
    # Qt's own locale follows the app's language (file types from the system's MIME data in Bokmål).
    assert QLocale().language() == QLocale.Language.NorwegianBokmal


def test_the_open_dialog_names_its_file_types_in_bokmal(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(parent: object, title: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    set_language("nb")
    window.open_dialog()
    nb = translator("nb")
    assert asked == [f"{nb.gettext('Registers (*.ropa)')};;{nb.gettext('Files to import (*.json *.xlsx)')}"]
    assert "Registers" not in asked[0] and "Files" not in asked[0]
