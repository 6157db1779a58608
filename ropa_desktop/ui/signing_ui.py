"""File ▸ Sign… and File ▸ Verify signed PDF…: the board's approval from the editor.

Sign… prints the open organisation's register, signs it (PAdES) and records the
approval, through the same core function as ``ropa export --format pdf --sign``.
The passphrase lives only in this dialog and the signing job: it is never
stored, logged or put in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain.fields import field_label
from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import _, current, ngettext, translator
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.background import run_in_background
from ropa_desktop.ui.certificate_dialog import ERROR_STYLE, file_row
from ropa_desktop.ui.dialogs import inform, standard_buttons

MAX_LISTED_ERRORS = 12  # the rest are in the box's details

if TYPE_CHECKING:
    from ropa_desktop.domain.register import OrganisationRegister
    from ropa_desktop.signing.approval import ApproverEntry
    from ropa_desktop.signing.verification import VerificationReport
    from ropa_desktop.ui.main_window import MainWindow


class SignDialog(QDialog):
    """Certificate (chosen or created here), passphrase, approvers, place and output file for signing.

    OK checks the certificate with the passphrase first; a wrong passphrase, an expired,
    not-yet-valid or unsuitable certificate, or a missing file is said here and the dialog
    stays open.
    """

    def __init__(
        self, default_output: Path, parent: QWidget | None = None, org: OrganisationRegister | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signDialog")
        self.setWindowTitle(_("Sign the register"))
        self.setAccessibleName(_("Sign the register"))
        self.organisation_name = org.organisation.name if org is not None else ""
        remembered = st.app_settings().value("signing/certificate", "")
        self.certificate = QLineEdit(remembered if isinstance(remembered, str) else "", self)
        self.certificate.setAccessibleName(_("Certificate file (.p12)"))
        self.create_certificate = QPushButton(_("Create…"), self)
        self.create_certificate.setObjectName("createCertificate")
        self.create_certificate.setAccessibleName(_("Create a signing certificate"))
        self.create_certificate.clicked.connect(self.open_create_certificate)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        place = st.app_settings().value("signing/location", "")
        self.location = QLineEdit(place if isinstance(place, str) else "", self)
        self.location.setAccessibleName(_("Place of signing"))
        self.approvers = self._approvers_table(org)
        self.approved_on = QDateEdit(QDate.currentDate(), self)
        self.approved_on.setCalendarPopup(True)
        self.approved_on.setAccessibleName(field_label("approval", "approved_on"))
        self.output = QLineEdit(str(default_output), self)
        self.output.setAccessibleName(_("Signed PDF"))
        certificate_row = QWidget(self)
        row = QHBoxLayout(certificate_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(
            file_row(
                self,
                self.certificate,
                lambda: QFileDialog.getOpenFileName(self, _("Certificate"), "", _("Certificates (*.p12 *.pfx)"))[0],
            ),
            1,
        )
        row.addWidget(self.create_certificate)
        form = QFormLayout()
        form.addRow(_("Certificate (.p12):"), certificate_row)
        form.addRow(_("Passphrase:"), self.passphrase)
        form.addRow(_("Place:"), self.location)
        form.addRow(_("Approved by:"), self._approvers_box())
        form.addRow(field_label("approval", "approved_on") + ":", self.approved_on)
        form.addRow(
            _("Signed PDF:"),
            file_row(
                self,
                self.output,
                lambda: QFileDialog.getSaveFileName(self, _("Signed PDF"), self.output.text(), _("PDF files (*.pdf)"))[
                    0
                ],
            ),
        )
        self.info = QLabel(self)
        self.info.setObjectName("signInfo")
        self.info.setWordWrap(True)
        self.info.hide()
        note = QLabel(
            _(
                "The signature proves that the print-out has not been changed since it was signed. A certificate "
                "you make yourself does not prove who signed it."
            ),
            self,
        )
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("signError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(standard_buttons(self))
        for edit in (self.certificate, self.passphrase):
            edit.textEdited.connect(self.error.hide)  # the message was about what is being changed
        self.resize(640, self.sizeHint().height())
        (self.passphrase if self.certificate.text() else self.create_certificate).setFocus()

    # ---------------------------------------------------------------- approvers

    def _approvers_table(self, org: OrganisationRegister | None) -> QTableWidget:
        table = QTableWidget(0, 2, self)
        table.setObjectName("approvers")
        table.setAccessibleName(_("Approved by"))
        table.setHorizontalHeaderLabels([field_label("approver", "name"), field_label("approver", "role")])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        for approver in org.approvers if org is not None else []:
            self._add_row(table, approver.name, approver.role)
        if table.rowCount() == 0:
            self._add_row(table, "", "")
        row_height = table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(row_height * 3)
        table.setMaximumHeight(row_height * 6)  # a board, not a list: the dialog must fit a laptop screen
        return table

    @staticmethod
    def _add_row(table: QTableWidget, name: str, role: str) -> None:
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem(role))

    def _approvers_box(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.approvers)
        buttons = QHBoxLayout()
        add = QPushButton(_("Add approver"), box)
        add.clicked.connect(self.add_approver)
        remove = QPushButton(_("Remove approver"), box)
        remove.clicked.connect(self.remove_approver)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def add_approver(self) -> None:
        self._add_row(self.approvers, "", "")
        row = self.approvers.rowCount() - 1
        self.approvers.setCurrentCell(row, 0)
        item = self.approvers.item(row, 0)
        if item is not None:
            self.approvers.editItem(item)

    def remove_approver(self) -> None:
        row = self.approvers.currentRow()
        if row >= 0:
            self.approvers.removeRow(row)

    def set_approvers(self, rows: list[tuple[str, str]]) -> None:
        self.approvers.setRowCount(0)
        for name, role in rows:
            self._add_row(self.approvers, name, role)

    def approver_entries(self) -> list[ApproverEntry]:
        from ropa_desktop.signing.approval import ApproverEntry

        def text(row: int, column: int) -> str:
            item = self.approvers.item(row, column)
            return item.text().strip() if item is not None else ""

        rows = [(text(r, 0), text(r, 1)) for r in range(self.approvers.rowCount())]
        return [ApproverEntry(name, role) for name, role in rows if name or role]

    # ---------------------------------------------------------------- certificate

    def open_create_certificate(self) -> None:
        from platformdirs import user_documents_dir

        from ropa_desktop.ui.certificate_dialog import CreateCertificateDialog

        dialog = CreateCertificateDialog(self.organisation_name, Path(user_documents_dir()), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        p12, pem = dialog.created
        self.certificate.setText(str(p12))
        self.passphrase.setText(dialog.new_passphrase)  # just typed twice; it stays in this dialog only
        dialog.new_passphrase = ""
        st.app_settings().setValue("signing/certificate", str(p12))  # the file, never the passphrase
        self.error.hide()
        self.info.setText(
            _("Created {p12}. Give {pem} to the board: with it they can check the signature.").format(
                p12=p12.name, pem=str(pem)
            )
        )
        self.info.show()
        self.location.setFocus()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        """Check the certificate with the passphrase before the dialog closes."""
        from ropa_desktop.signing.certificates import check_signing_certificate

        p12 = Path(self.certificate.text().strip())
        if not self.certificate.text().strip():
            self.show_error(_("Choose the certificate file (.p12) to sign with, or create one."))
            return
        output = Path(self.output.text().strip())
        if not self.output.text().strip():
            self.show_error(_("Choose where to save the signed PDF."))
            return
        if output.exists():
            # A signed PDF is the record of an earlier approval (its hash is in the register).
            self.show_error(
                _("{path} already exists; choose another name. A signed PDF is never overwritten.").format(
                    path=str(output)
                )
            )
            return
        try:
            check_signing_certificate(p12, self.passphrase.text().encode("utf-8"))
        except RopaError as exc:
            self.show_error(exc.render())
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        super().accept()

    def values(self) -> tuple[Path, bytes, str, Path]:
        return (
            Path(self.certificate.text().strip()),
            self.passphrase.text().encode("utf-8"),
            self.location.text().strip(),
            Path(self.output.text().strip()),
        )

    def approval_date(self) -> date:
        chosen = self.approved_on.date()
        return date(chosen.year(), chosen.month(), chosen.day())


def _free_name(path: Path) -> Path:
    """``path``, or ``name (2).pdf`` and so on when it exists: earlier signed PDFs are kept."""
    number = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


def confirm_open_errors(window: QWidget, snapshot: Any) -> bool:
    """List the open errors and ask before the board signs; True when there are none or the user agrees."""
    from ropa_desktop.i18n import current
    from ropa_desktop.signing.board import describe_errors, open_errors

    errors = open_errors(snapshot)
    if not errors:
        return True
    lines = describe_errors(snapshot, errors, current(), with_rule_ids=False)
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
    default = _free_name(
        session.document_path.with_name(_("{name}-signed.pdf").format(name=session.document_path.stem))
    )
    dialog = SignDialog(default, window, snapshot.organisations[0])
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    p12, passphrase, location, output = dialog.values()
    approvers, approved_on = dialog.approver_entries(), dialog.approval_date()
    dialog.passphrase.clear()
    st.app_settings().setValue("signing/certificate", str(p12))  # the file, never the passphrase
    st.app_settings().setValue("signing/location", location)
    export_tr = translator(st.export_language())
    register = session.register

    def job(progress: Callable[[int, int], bool]) -> Any:
        return export_signed_pdf(
            register,
            snapshot,
            output,
            p12,
            passphrase,
            export_tr,
            location=location,
            allow_open_errors=True,
            approvers=approvers,
            approved_on=approved_on,
        )

    def done(recorded: Any) -> None:
        session.external_change()
        lines = []
        for r in recorded:
            lines.append(
                _("Recorded approval version {version} of {organisation}, signed by {signer}.").format(
                    version=r.version, organisation=r.organisation, signer=r.signer
                )
            )
            if r.open_errors:
                lines.append(
                    ngettext(
                        "Approved with {count} open error.", "Approved with {count} open errors.", r.open_errors
                    ).format(count=r.open_errors)
                )
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
