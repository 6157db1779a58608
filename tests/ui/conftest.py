"""UI test fixtures: offscreen Qt, settings in tmp, modal dialogs answered without blocking."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui.main_window import MainWindow
from tests.ui import seed_register


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ropa-desktop", "ropa-desktop").clear()


@dataclass
class DialogRecorder:
    """Message boxes shown during a test: their object name and text; answered by button text."""

    answer: str | None = None
    shown: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    recorder = DialogRecorder()

    def fake_exec(box: QMessageBox) -> int:
        recorder.shown.append((box.objectName(), box.text()))
        buttons = box.buttons()
        chosen = next((b for b in buttons if b.text() == recorder.answer), None) or box.defaultButton()
        if chosen is not None:
            chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return recorder


@pytest.fixture
def window(qtbot: object, dialogs: DialogRecorder) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    yield win
    win.close_register()


@pytest.fixture(scope="session")
def promeister_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "promeister.ropa"
    seed_register.build(path).close()
    return path


@pytest.fixture
def promeister(tmp_path: Path, promeister_template: Path) -> Path:
    """A fresh copy of the ProMeister register (built once per session through the paste path)."""
    path = tmp_path / "promeister.ropa"
    path.write_bytes(promeister_template.read_bytes())
    return path


@pytest.fixture
def promeister_open(promeister: Path) -> Iterator[RegisterFile]:
    with RegisterFile.open(promeister) as reg:
        yield reg
