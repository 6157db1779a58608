"""File ▸ Sign… and File ▸ Verify signed PDF…: the board's approval from the editor.

Sign… prints the open organisation's register, signs it (PAdES) and records the
approval, through the same core function as ``ropa export --format pdf --sign``.
The passphrase lives only in this dialog and the signing job: it is never
stored, logged or put in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import _, current, ngettext, translator
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.background import run_in_background
from ropa_desktop.ui.dialogs import inform, standard_buttons

MAX_LISTED_ERRORS = 12  # the rest are in the box's details

if TYPE_CHECKING:
    from ropa_desktop.signing.verification import VerificationReport
    from ropa_desktop.ui.main_window import MainWindow


def _file_row(parent: QWidget, edit: QLineEdit, choose: Callable[[], str]) -> QWidget:
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    browse = QPushButton(_("Browse…"), row)
    browse.setAccessibleName(_("Browse for {field}").format(field=edit.accessibleName()))

    def pick() -> None:
        chosen = choose()
        if chosen:
            edit.setText(chosen)

    browse.clicked.connect(pick)
    layout.addWidget(edit, 1)
    layout.addWidget(browse)
    return row


class SignDialog(QDialog):
    """Certificate, passphrase, place and output file for signing the board print-out."""

    def __init__(self, default_output: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sign the register"))
        self.setAccessibleName(_("Sign the register"))
        remembered = st.app_settings().value("signing/certificate", "")
        self.certificate = QLineEdit(remembered if isinstance(remembered, str) else "", self)
        self.certificate.setAccessibleName(_("Certificate file (.p12)"))
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.location = QLineEdit(self)
        self.location.setAccessibleName(_("Place of signing"))
        self.output = QLineEdit(str(default_output), self)
        self.output.setAccessibleName(_("Signed PDF"))
        form = QFormLayout()
        form.addRow(
            _("Certificate (.p12):"),
            _file_row(
                self,
                self.certificate,
                lambda: QFileDialog.getOpenFileName(self, _("Certificate"), "", _("Certificates (*.p12 *.pfx)"))[0],
            ),
        )
        form.addRow(_("Passphrase:"), self.passphrase)
        form.addRow(_("Place:"), self.location)
        form.addRow(
            _("Signed PDF:"),
            _file_row(
                self,
                self.output,
                lambda: QFileDialog.getSaveFileName(self, _("Signed PDF"), self.output.text(), _("PDF files (*.pdf)"))[
                    0
                ],
            ),
        )
        note = QLabel(
            _(
                "The signature proves that the print-out has not been changed since it was signed. A self-signed "
                "certificate (ropa cert create) does not prove who signed it."
            ),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(standard_buttons(self))

    def values(self) -> tuple[Path, bytes, str, Path]:
        return (
            Path(self.certificate.text().strip()),
            self.passphrase.text().encode("utf-8"),
            self.location.text().strip(),
            Path(self.output.text().strip()),
        )


def confirm_open_errors(window: QWidget, snapshot: Any) -> bool:
    """List the open errors and ask before the board signs; True when there are none or the user agrees."""
    from ropa_desktop.i18n import current
    from ropa_desktop.signing.board import describe_errors, open_errors

    errors = open_errors(snapshot)
    if not errors:
        return True
    lines = describe_errors(snapshot, errors, current())
    shown = lines[:MAX_LISTED_ERRORS]
    if len(lines) > len(shown):
        shown.append(_("… and {count} more").format(count=len(lines) - len(shown)))
    box = QMessageBox(window)
    box.setObjectName("open-errors")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Sign the register"))
    box.setText(
        ngettext(
            "The register has {count} open error. Sign it anyway? The approval will say it was approved with {count} open error.",
            "The register has {count} open errors. Sign it anyway? The approval will say it was approved with {count} open errors.",
            len(errors),
        ).format(count=len(errors))
    )
    box.setDetailedText("\n".join(lines))
    box.setInformativeText("\n".join(shown))
    sign = box.addButton(_("Sign with open errors"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is sign


def sign_register(window: MainWindow) -> None:
    """Print, sign and record the approval of the organisation shown in the editor."""
    from ropa_desktop.signing.board import export_signed_pdf

    session = window.session
    title = _("Sign the register")
    if session is None:
        return
    if session.readonly:
        inform(window, title, _("The register is open read-only; an approval cannot be recorded."), warning=True)
        return
    organisation_id = window.editor.organisation_id
    snapshot = session.register.snapshot(organisation_id)
    if not snapshot.organisations:
        return
    if not confirm_open_errors(window, snapshot):
        return
    default = session.register.path.with_name(_("{name}-signed").format(name=session.register.path.stem) + ".pdf")
    dialog = SignDialog(default, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    p12, passphrase, location, output = dialog.values()
    dialog.passphrase.clear()
    if not p12.is_file():
        inform(window, title, _("Choose the certificate file (.p12) to sign with."), warning=True)
        return
    st.app_settings().setValue("signing/certificate", str(p12))  # the file, never the passphrase
    export_tr = translator(st.export_language())
    register = session.register

    def job(progress: Callable[[int, int], bool]) -> Any:
        return export_signed_pdf(
            register, snapshot, output, p12, passphrase, export_tr, location=location, allow_open_errors=True
        )

    def done(recorded: Any) -> None:
        session.external_change()
        lines = [
            _("Recorded approval version {version} of {organisation}, signed by {signer}.").format(
                version=r.version, organisation=r.organisation, signer=r.signer
            )
            for r in recorded
        ]
        inform(window, title, "\n".join([_("Signed {path}.").format(path=str(output)), *lines]))

    def failed(message: str) -> None:
        inform(window, title, message, warning=True)

    run_in_background(window, title, job, done, failed, modal=True)


class VerificationDialog(QDialog):
    """The verification report: the verdict on top, every signature below in a scrolling text."""

    def __init__(self, report: VerificationReport, parent: QWidget | None = None) -> None:
        from ropa_desktop.signing.report import report_lines

        super().__init__(parent)
        self.setObjectName("verificationDialog")
        self.setWindowTitle(_("Verify signed PDF"))
        verdict, *details = report_lines(report, current())
        self.verdict = QLabel(verdict, self)
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-weight: bold" + ("" if report.ok else "; color: #a40000"))
        self.details = QPlainTextEdit("\n".join(details).strip("\n"), self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Signatures"))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(close)
        self.resize(720, 520)

    def text(self) -> str:
        return self.verdict.text() + "\n" + self.details.toPlainText()


def verify_file(window: QWidget) -> None:
    """Choose a signed PDF and show the report, without blocking the editor."""
    from ropa_desktop.signing.pades import verify_pdf

    title = _("Verify signed PDF")
    source, _chosen = QFileDialog.getOpenFileName(window, title, "", _("PDF files (*.pdf)"))
    if not source:
        return
    try:
        report = verify_pdf(Path(source))
    except RopaError as exc:
        inform(window, title, exc.render(), warning=True)
        return
    dialog = VerificationDialog(report, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
