"""The editor's side of an import: where the new register goes, a source imported before, and the
full list of problems (the same lines ``ropa import`` prints), copyable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.errors import ImportProblems
from ropa_desktop.i18n import _


class ImportProblemsDialog(QDialog):
    """Every problem of a refused import, one per line (sheet or line, row, field, message)."""

    def __init__(self, source: Path, error: ImportProblems, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProblemsDialog")
        self.setWindowTitle(_("Cannot import {name}").format(name=source.name))
        summary = QLabel(error.render(), self)
        summary.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(error.problems), self)
        self.text.setObjectName("importProblems")
        self.text.setAccessibleName(_("Problems found in the file"))
        self.text.setReadOnly(True)  # selectable and copyable, not editable
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(self)
        copy = buttons.addButton(_("Copy all"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


def choose_destination(parent: QWidget, source: Path, default: Path) -> Path | None:
    """Ask where the imported register goes; the file dialog asks before replacing an existing file."""
    target, _chosen = QFileDialog.getSaveFileName(
        parent,
        _("Import {name}: save the new register as").format(name=source.name),
        str(default),
        _("Registers (*.ropa)"),
    )
    if not target:
        return None
    path = Path(target)
    return path if path.suffix.lower() == ".ropa" else path.with_name(path.name + ".ropa")


def ask_reopen(parent: QWidget, source: Path, register: Path) -> str:
    """A source imported before: "open" its register (the edits are there), "import" again, or ""."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Imported before"),
        _(
            "{source} was imported before into {register}. Open that register (with your changes), or "
            "import the file again into a new register?"
        ).format(source=source.name, register=str(register)),
        parent=parent,
    )
    box.setObjectName("importedBeforeDialog")
    open_button = box.addButton(_("Open the register"), QMessageBox.ButtonRole.AcceptRole)
    again = box.addButton(_("Import again…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.exec()
    clicked = box.clickedButton()
    return "open" if clicked is open_button else "import" if clicked is again else ""
