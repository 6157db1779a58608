"""Create a signing certificate from the Sign dialog, without the terminal.

The same core function as ``ropa cert create`` makes the two files: the private
``.p12`` (mode 0600) the signer keeps, and the ``.pem`` (0644) the board uses to
check the signature. The passphrases live only in this dialog.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.errors import FileExistsError_, RopaError
from ropa_desktop.i18n import _
from ropa_desktop.ui.dialogs import standard_buttons

ERROR_STYLE = "color: #a40000"


def file_row(parent: QWidget, edit: QLineEdit, choose: Callable[[], str]) -> QWidget:
    """A path field with its Browse… button."""
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


def suggested_certificate_path(name: str, folder: Path) -> Path:
    """``signatur-Åse-Ødegård.p12`` in ``folder``: letters kept (æøå too), the rest joined by hyphens."""
    words = re.findall(r"\w+", name)
    return folder / ("-".join([_("signature"), *words]) + ".p12")


class CreateCertificateDialog(QDialog):
    """Name, organisation, passphrase twice and where to save; OK makes the .p12 and the .pem."""

    def __init__(self, organisation: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createCertificateDialog")
        self.setWindowTitle(_("Create a signing certificate"))
        self.setAccessibleName(self.windowTitle())
        self.folder = folder
        self.created: tuple[Path, Path] | None = None  # (.p12, .pem) once made
        # Handed to the signing dialog that opened this one (typed twice here; a third time is
        # needless), then forgotten: see SignDialog.open_create_certificate.
        self.new_passphrase = ""
        self.name = QLineEdit(self)
        self.name.setAccessibleName(_("Your name"))
        self.name.setPlaceholderText(_("The name shown in the signature"))
        self.organisation = QLineEdit(organisation, self)
        self.organisation.setAccessibleName(_("Organisation"))
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(_("Passphrase again"))
        self.match = QLabel(self)
        self.match.setObjectName("passphraseMatch")
        self.path = QLineEdit(str(suggested_certificate_path("", folder)), self)
        self.path.setAccessibleName(_("Certificate file (.p12)"))
        self._path_edited = False
        self.path.textEdited.connect(self._mark_path_edited)
        self.name.textChanged.connect(self._suggest_path)
        self.passphrase.textChanged.connect(self._show_match)
        self.repeat.textChanged.connect(self._show_match)
        form = QFormLayout()
        form.addRow(_("Your name:"), self.name)
        form.addRow(_("Organisation:"), self.organisation)
        form.addRow(_("Passphrase:"), self.passphrase)
        form.addRow(_("Passphrase again:"), self.repeat)
        form.addRow("", self.match)
        form.addRow(_("Save as:"), file_row(self, self.path, self._choose_path))
        note = QLabel(
            _(
                "Two files are made: the .p12 file holds your private key; keep it to yourself, with the "
                "passphrase. Give the .pem file beside it to the board: it lets them check the signature. "
                "A certificate you make yourself proves that the signed PDF has not been changed, not who "
                "signed it."
            ),
            self,
        )
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("certificateError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(standard_buttons(self))
        self.resize(560, self.sizeHint().height())

    def _mark_path_edited(self) -> None:
        self._path_edited = True

    def _suggest_path(self, name: str) -> None:
        if not self._path_edited:
            self.path.setText(str(suggested_certificate_path(name, self.folder)))

    def _choose_path(self) -> str:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the certificate as"), self.path.text(), _("Certificates (*.p12)")
        )
        if chosen:
            self._path_edited = True
            if not chosen.lower().endswith(".p12"):
                chosen += ".p12"
        return chosen

    def _show_match(self) -> None:
        if not self.repeat.text():
            self.match.clear()
        elif self.passphrase.text() == self.repeat.text():
            self.match.setStyleSheet("")
            self.match.setText(_("The passphrases match."))
        else:
            self.match.setStyleSheet(ERROR_STYLE)
            self.match.setText(_("The passphrases are not the same."))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        """Make the certificate; on any problem say so here and stay open."""
        from ropa_desktop.signing.certificates import create_signing_certificate

        if not self.passphrase.text():
            self.show_error(_("Choose a passphrase; it protects your private key."))
            return
        if self.passphrase.text() != self.repeat.text():
            self.show_error(_("The passphrases are not the same."))
            return
        path = Path(self.path.text().strip())
        if path.suffix.lower() != ".p12":
            path = path.with_name(path.name + ".p12")
        if path.parent == self.folder and not self.folder.exists():
            # The folder this dialog suggested (Documents) may not exist on a fresh account: make it. A folder
            # the user typed is not made (a typo would leave a stray folder); the error below says so.
            with contextlib.suppress(OSError):  # the error below says why it cannot be written
                self.folder.mkdir(parents=True)
        try:
            created = create_signing_certificate(
                self.name.text(), path, self.passphrase.text().encode("utf-8"), organisation=self.organisation.text()
            )
        except FileExistsError_ as exc:
            self.show_error(
                _("{path} already exists; choose another name. A certificate is never overwritten.").format(
                    path=exc.params.get("path", "")
                )
            )
            return
        except RopaError as exc:
            self.show_error(exc.render())
            return
        except OSError as exc:
            self.show_error(_("The certificate could not be saved: {reason}").format(reason=exc.strerror or exc))
            return
        self.created = (created.p12, created.pem)
        self.new_passphrase = self.passphrase.text()
        self.passphrase.clear()
        self.repeat.clear()
        super().accept()
