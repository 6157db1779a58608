"""Opening files: bad files, a register in use (read-only), JSON import, the entry point."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import app
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow
from tests import promeister as sample
from tests.ui.conftest import DialogRecorder


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("garbage.ropa", b"this is not a register at all" * 10, "is not a register file"),
        ("empty.ropa", b"", "is not a register file"),
    ],
)
def test_bad_file_shows_error_and_is_untouched(
    window: MainWindow, dialogs: DialogRecorder, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert not window.open_file(path)
    assert len(dialogs.shown) == 1
    object_name, text = dialogs.shown[0]
    assert object_name == "errorDialog" and message in text
    assert "Traceback" not in text
    assert path.read_bytes() == content
    assert window.session is None and window.stack.currentWidget() is window.start


def test_register_in_use_opens_read_only(window: MainWindow, dialogs: DialogRecorder, promeister: RegisterFile) -> None:
    dialogs.answer = "Open read-only"
    assert window.open_file(promeister.path)
    assert dialogs.shown[0][0] == "inUseDialog"
    assert window.session is not None and window.session.readonly
    assert "read-only" in window.windowTitle()
    editor = window.editor
    assert not editor.readonly_banner.isHidden()
    model = editor.purpose_model
    assert model.rowCount() == len(sample.activities())
    assert not model.flags(model.index(0, pm.PURPOSE)) & Qt.ItemFlag.ItemIsEditable
    for name in ("paste", "add", "delete", "move_up", "move_down"):
        assert not window.menu_actions[name].isEnabled(), name
    assert window.menu_actions["copy"].isEnabled()
    assert not window.sidebar.add_button.isEnabled()
    assert not model.setData(model.index(0, pm.PURPOSE), "changed")
    notes = window.editor.detail.widgets["notes"]
    assert isinstance(notes, QPlainTextEdit | QLineEdit)
    assert not notes.isEnabled() or notes.isReadOnly()


def test_register_in_use_cancel(window: MainWindow, dialogs: DialogRecorder, promeister: RegisterFile) -> None:
    dialogs.answer = "Cancel"
    assert not window.open_file(promeister.path)
    assert window.session is None


def test_main_opens_file_and_quits_after_timeout(
    qtbot: QtBot, promeister_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROPA_QUIT_AFTER_MS", "50")
    opened: list[MainWindow] = []
    original = MainWindow.open_file

    def spy(self: MainWindow, path: Path, readonly: bool = False) -> bool:
        opened.append(self)
        result = original(self, path, readonly)
        assert result and self.editor.purpose_model.rowCount() == len(sample.activities())
        return result

    monkeypatch.setattr(MainWindow, "open_file", spy)
    assert app.main([str(promeister_path)]) == 0
    assert len(opened) == 1
    assert not opened[0].isVisible()
    # The register was closed cleanly: it can be opened for writing again.
    with RegisterFile.open(promeister_path) as again:
        assert again.snapshot().activity_count == len(sample.activities())


def test_start_screen_lists_recent_files(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    window.close_register()
    assert window.stack.currentWidget() is window.start
    assert promeister_path.name in window.start.recent.item(0).text()
