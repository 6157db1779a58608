"""UI test fixtures: offscreen Qt, settings in tmp, modal dialogs answered without blocking."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit

from ropa_desktop.ui import importing
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.organisation_dialog import OrganisationDialog


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ropa-desktop", "ropa-desktop").clear()


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog no test answers would hang the suite: fail at once instead."""

    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError(f"unexpected modal dialog: {args[:1]}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, refuse)


@dataclass
class OrganisationDialogRecorder:
    """Organisation dialogs shown: the field each opened on and its values; filled and accepted on request."""

    fill: dict[str, Any] = field(default_factory=dict)
    accept: bool = True
    shown: list[dict[str, Any]] = field(default_factory=list)
    focused: list[str] = field(default_factory=list)
    ok_enabled: list[bool] = field(default_factory=list)


@pytest.fixture
def organisation_dialog(monkeypatch: pytest.MonkeyPatch) -> OrganisationDialogRecorder:
    recorder = OrganisationDialogRecorder()

    def fake_exec(dialog: OrganisationDialog) -> int:
        recorder.shown.append(dialog.values())
        recorder.focused.append(dialog.focused_field)
        for name, value in recorder.fill.items():
            widget = dialog.widgets[name]
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
        ok = dialog.buttons.buttons()[0]
        recorder.ok_enabled.append(ok.isEnabled())
        accepted = recorder.accept and ok.isEnabled()
        return int(QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(OrganisationDialog, "exec", fake_exec)
    return recorder


@dataclass
class ImportRecorder:
    """Import destinations asked for (answered with ``answer`` or the default) and problem lists shown."""

    answer: Path | None = None
    cancel: bool = False
    asked: list[tuple[Path, Path]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@pytest.fixture
def imports(monkeypatch: pytest.MonkeyPatch) -> ImportRecorder:
    recorder = ImportRecorder()

    def choose(parent: object, source: Path, default: Path) -> Path | None:
        recorder.asked.append((source, default))
        return None if recorder.cancel else (recorder.answer or default)

    def show_problems(dialog: importing.ImportProblemsDialog) -> int:
        recorder.problems.append(dialog.text.toPlainText())
        return 0

    monkeypatch.setattr(importing, "choose_destination", choose)
    monkeypatch.setattr(importing.ImportProblemsDialog, "exec", show_problems)
    return recorder


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
