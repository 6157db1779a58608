"""The editor paints a register before its store (SQLAlchemy) is open (issue 16); the store must
still be honest: an edit made at once, before or while the store opens, is in the file when it returns.

"In the file" is checked the way another program would see it: a fresh connection of the standard
library's sqlite3, read-only, while the editor still has the register open.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow
from tests.ui.conftest import DialogRecorder


def purposes_on_disk(path: Path) -> list[str]:
    with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as conn:
        return [r[0] for r in conn.execute("SELECT purpose FROM processing_activity ORDER BY position, id")]


def first_purpose_edit(window: MainWindow, text: str) -> None:
    model = window.editor.purpose_model
    assert model.setData(model.index(0, pm.PURPOSE), text)


def test_an_edit_before_the_store_opens_is_in_the_file(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    session = window.session
    assert session is not None
    register = session.register
    assert isinstance(register, RegisterFile)
    # Opened and shown, the register's tables filled from the lean read: the store is not open yet.
    assert window.editor.purpose_model.rowCount() > 0
    assert not register.store_opened
    first_purpose_edit(window, "Lønn til ansatte (rettet straks)")
    assert register.store_opened  # opened by the edit itself
    assert purposes_on_disk(promeister_path)[0] == "Lønn til ansatte (rettet straks)"
    assert session.undo_stack.count() == 1


def test_an_edit_while_the_store_opens_in_the_background_is_in_the_file(
    window: MainWindow, promeister_path: Path
) -> None:
    assert window.open_file(promeister_path)
    session = window.session
    assert session is not None
    session._open_store_in_background()  # what the first paint starts; the edit comes before it ends
    first_purpose_edit(window, "Rettet mens lageret åpnes")
    assert purposes_on_disk(promeister_path)[0] == "Rettet mens lageret åpnes"


def test_the_store_opens_after_the_first_paint_by_itself(
    window: MainWindow, promeister_path: Path, qtbot: QtBot
) -> None:
    assert window.open_file(promeister_path)
    session = window.session
    assert session is not None and isinstance(session.register, RegisterFile)
    register = session.register
    qtbot.waitUntil(lambda: register.store_opened, timeout=10_000)
    QApplication.processEvents()
    first_purpose_edit(window, "Rettet etter at lageret er åpent")
    assert purposes_on_disk(promeister_path)[0] == "Rettet etter at lageret er åpent"


def test_a_read_only_register_never_opens_a_store_for_writing(
    window: MainWindow, promeister_path: Path, dialogs: DialogRecorder
) -> None:
    other = RegisterFile.open(promeister_path)  # holds the lock: the window may only read
    try:
        dialogs.answer = "Open read-only"
        assert window.open_file(promeister_path)
        assert window.session is not None and window.session.readonly
        before = purposes_on_disk(promeister_path)
        model = window.editor.purpose_model
        assert not model.setData(model.index(0, pm.PURPOSE), "changed")
        assert purposes_on_disk(promeister_path) == before
    finally:
        other.close()
