"""Team registers in the editor: File → Open from server…, and the dialog of an edit conflict.

The connection dialog remembers servers in the settings without the password;
the password goes to the operating system's keychain when the user asks for
it and a keychain exists, otherwise it is asked for every time.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain.fields import field_label
from ropa_desktop.errors import EditConflict, RopaError
from ropa_desktop.i18n import N_, _
from ropa_desktop.interchange.cell_text import show_value
from ropa_desktop.store import server_address as sa_
from ropa_desktop.store.server_address import ServerAddress
from ropa_desktop.ui import settings as st

if TYPE_CHECKING:
    from ropa_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# libpq's sslmode values as the dialog names them (the value itself follows, for the IT department).
TLS_LABELS = {
    "disable": N_("No encryption"),
    "allow": N_("Encrypt if the server insists"),
    "prefer": N_("Encrypt when the server can (default)"),
    "require": N_("Always encrypt"),
    "verify-ca": N_("Encrypt and check the server's certificate"),
    "verify-full": N_("Encrypt and check the certificate and the server's name"),
}


class ServerDialog(QDialog):
    """Host, port, database, user, password and TLS mode of a register server."""

    def __init__(self, remembered: list[ServerAddress], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setWindowTitle(_("Open from server"))
        self.remembered = remembered
        self.recent = QComboBox(self)
        self.recent.setObjectName("rememberedServers")
        self.recent.addItem(_("New connection"), None)
        for address in remembered:
            self.recent.addItem(address.display(), address)
        self.host = QLineEdit(self)
        self.host.setObjectName("serverHost")
        self.port = QSpinBox(self)
        self.port.setObjectName("serverPort")
        self.port.setRange(1, 65535)
        self.port.setValue(sa_.DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.database.setObjectName("serverDatabase")
        self.user = QLineEdit(self)
        self.user.setObjectName("serverUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep_password = QCheckBox(_("Remember the password in this computer's keychain"), self)
        self.keep_password.setObjectName("keepPassword")
        if not sa_.keychain_available():
            self.keep_password.setEnabled(False)
            self.keep_password.setToolTip(_("This computer has no keychain: the password is asked for every time."))
        self.tls = QComboBox(self)
        self.tls.setObjectName("serverTls")
        for mode in sa_.TLS_MODES:
            self.tls.addItem(f"{_(TLS_LABELS[mode])} ({mode})", mode)
        self.tls.setCurrentIndex(sa_.TLS_MODES.index(sa_.DEFAULT_TLS))
        self.ca_file = QLineEdit(self)
        self.ca_file.setObjectName("serverCaFile")
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._choose_ca_file)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(_("Remembered"), self.recent)
        form.addRow(_("Server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Database"), self.database)
        form.addRow(_("User"), self.user)
        form.addRow(_("Password"), self.password)
        form.addRow("", self.keep_password)
        form.addRow(_("Encryption (TLS)"), self.tls)
        form.addRow(_("Certificate authority"), ca_row)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(_("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("openServerButton")
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        for field in (self.host, self.database, self.user):
            field.textChanged.connect(self._update_state)
        self.recent.currentIndexChanged.connect(self._fill_from_remembered)
        if remembered:
            self.recent.setCurrentIndex(1)
        self._update_state()

    def _fill_from_remembered(self) -> None:
        address = self.recent.currentData()
        if not isinstance(address, ServerAddress):
            return
        self.set_address(address)

    def set_address(self, address: ServerAddress) -> None:
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        self.tls.setCurrentIndex(sa_.TLS_MODES.index(address.tls))
        self.ca_file.setText(address.ca_file)
        stored = sa_.stored_password(address)
        self.password.setText(stored or "")
        self.keep_password.setChecked(stored is not None)

    def _choose_ca_file(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Certificate authority"), self.ca_file.text(), _("Certificates (*.pem *.crt);;All files (*)")
        )
        if path:
            self.ca_file.setText(path)

    def _update_state(self) -> None:
        self.open_button.setEnabled(bool(self.host.text().strip() and self.database.text().strip()))

    def address(self) -> ServerAddress:
        mode = self.tls.currentData()
        return ServerAddress(
            host=self.host.text().strip(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            tls=mode if isinstance(mode, str) else sa_.DEFAULT_TLS,
            ca_file=self.ca_file.text().strip(),
        )


def ask_server(parent: QWidget | None, remembered: list[ServerAddress]) -> tuple[ServerAddress, str, bool] | None:
    """(address, password, keep the password in the keychain) or None when the user cancelled."""
    dialog = ServerDialog(remembered, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.address(), dialog.password.text(), dialog.keep_password.isChecked()


# --------------------------------------------------------------------------- edit conflicts


class ConflictDialog(QDialog):
    """The other person's value beside the user's: keep theirs, or use mine (replacing theirs, knowingly)."""

    def __init__(self, conflict: EditConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(_("Someone else changed this field"))
        self.use_mine = False
        heading = field_label(conflict.entity, conflict.field)
        intro = QLabel(
            _("{field} was changed by someone else after you last saw it. Nothing of yours was saved yet.").format(
                field=heading
            ),
            self,
        )
        intro.setWordWrap(True)
        theirs = QPlainTextEdit(show_value(conflict.entity, conflict.field, conflict.theirs), self)
        theirs.setObjectName("theirValue")
        yours = QPlainTextEdit(show_value(conflict.entity, conflict.field, conflict.yours), self)
        yours.setObjectName("yourValue")
        for box in (theirs, yours):
            box.setReadOnly(True)
        grid = QGridLayout()
        grid.addWidget(QLabel(_("Their value (saved now)"), self), 0, 0)
        grid.addWidget(QLabel(_("Your value"), self), 0, 1)
        grid.addWidget(theirs, 1, 0)
        grid.addWidget(yours, 1, 1)
        buttons = QDialogButtonBox(self)
        keep = buttons.addButton(_("Keep theirs"), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setObjectName("keepTheirs")
        keep.setDefault(True)  # Enter never overwrites someone's work
        mine = buttons.addButton(_("Use mine"), QDialogButtonBox.ButtonRole.AcceptRole)
        mine.setObjectName("useMine")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.resize(640, 320)


def ask_conflict(parent: QWidget | None, conflict: EditConflict) -> bool:
    """True: write the user's value over theirs; False: keep theirs."""
    return ConflictDialog(conflict, parent=parent).exec() == QDialog.DialogCode.Accepted


# --------------------------------------------------------------------------- opening


def open_from_server(window: MainWindow) -> bool:
    """File → Open from server…: ask for the connection, then open it in ``window``."""
    answer = ask_server(window, st.server_connections())
    if answer is None:
        return False
    address, password, keep = answer
    return open_server(window, address, password, keep_password=keep)


def open_server_url(window: MainWindow, url: str) -> bool:
    """``ropa-desktop postgresql://kari@db/acme``: the password from the keychain, else libpq's own (``~/.pgpass``)."""
    from pathlib import Path

    from ropa_desktop.store.server import is_server_url

    if not is_server_url(url):  # some other address: told as a file that cannot be found, in the usual words
        window.open_file(Path(url))
        return False
    address = ServerAddress.from_url(url)
    return open_server(window, address, sa_.stored_password(address) or "", keep_password=None)


def open_server(window: MainWindow, address: ServerAddress, password: str, keep_password: bool | None = False) -> bool:
    """Open the register at ``address`` in ``window`` (the file path's editor); errors shown, nothing written.

    ``keep_password``: True keeps it in the keychain, False removes any kept one, None leaves the keychain alone.
    """
    from ropa_desktop.ui.main_window import show_error

    try:
        register = sa_.open_server(address, password)
    except RopaError as exc:
        show_error(window, _("Cannot open the register"), exc.render())
        return False
    st.set_server_connections(sa_.remember(st.server_connections(), address))
    if keep_password:
        sa_.store_password(address, password)
    elif keep_password is False:
        sa_.forget_password(address)  # unticked: a password kept earlier is not kept any longer
    reason = ""
    if register.readonly:
        reason = _("your database user {user} may only read this register (a reviewer's role).").format(
            user=register.actor or address.user
        )
    window.set_register(register, reason)
    return True


# --------------------------------------------------------------------------- a lost connection


class ConnectionBanner(QLabel):
    """Above the tables while a team register's server cannot be reached: edits are refused, not queued."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#connectionBanner { background: #f8d7da; color: #58151c; padding: 4px; }")
        self.hide()

    def show_lost(self, reason: str) -> None:
        """``reason``: the driver's words (libpq's, in English whatever the user's language): kept for the
        tooltip and the log, while the banner says what it means in the user's language."""
        if not reason:
            self.hide()
            self.setToolTip("")
            return
        log.warning("connection to the register server lost: %s", reason)
        self.setText(
            _("The connection to the register server is lost. Changes are not saved until it is back; reconnecting…")
        )
        self.setToolTip(_("What the connection reported: {reason}").format(reason=reason))
        self.show()
