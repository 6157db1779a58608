"""The editor on a team register: File → Open from server…, remembered connections, the keychain, conflicts.

Runs the real window against a throw-away PostgreSQL cluster (``pg_url``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import psycopg
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from ropa_desktop.errors import EditConflict
from ropa_desktop.interchange.json_format import import_json_file
from ropa_desktop.store import operations as ops
from ropa_desktop.store import server
from ropa_desktop.store import server_address as sa_
from ropa_desktop.store.server_address import ServerAddress
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.server_dialogs import ConflictDialog, ServerDialog

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
PASSWORD = "hemmelig æøå 42"


class MemoryKeychain(KeyringBackend):
    """A keychain in memory: what the operating system's would hold, without touching the real one."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's base class leaves __init__ unannotated
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def keychain() -> Iterator[MemoryKeychain]:
    before = keyring.get_keyring()
    memory = MemoryKeychain()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def team_url(pg_url: str, tmp_path: Path) -> str:
    """A server register holding the ProMeister sample, with a password on its editor's login."""
    sample = tmp_path / "Pro Meister æøå.ropa"
    import_json_file(SAMPLES / "promeister-solutions.json", sample).close()
    server.init_server(pg_url)
    server.push(sample, pg_url)
    return pg_url


def answer_server_dialog(
    monkeypatch: pytest.MonkeyPatch, address: ServerAddress | None, password: str = "", keep: bool = False
) -> list[ServerDialog]:
    """The next Open-from-server dialog is filled with ``address`` and accepted (or cancelled when None)."""
    shown: list[ServerDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        assert isinstance(dialog, ServerDialog)
        shown.append(dialog)
        if address is None:
            return int(QDialog.DialogCode.Rejected)
        dialog.host.setText(address.host)
        dialog.port.setValue(address.port)
        dialog.database.setText(address.database)
        dialog.user.setText(address.user)
        dialog.tls.setCurrentIndex(sa_.TLS_MODES.index(address.tls))
        dialog.password.setText(password)
        dialog.keep_password.setChecked(keep)
        assert dialog.open_button.isEnabled()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ServerDialog, "exec", fake_exec)
    return shown


def settings_text(tmp_path: Path) -> str:
    QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ropa-desktop", "ropa-desktop").sync()
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "settings").rglob("*.ini"))


# --------------------------------------------------------------------------- opening


def test_open_from_server_shows_the_register_in_the_editor(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch, keychain: MemoryKeychain, tmp_path: Path
) -> None:
    address = ServerAddress.from_url(team_url)
    answer_server_dialog(monkeypatch, address, PASSWORD, keep=True)
    window.menu_actions["open_server"].trigger()
    assert window.session is not None and window.session.on_server
    assert not window.session.readonly
    with server.ServerRegister.open(team_url) as direct:
        first = direct.snapshot().organisations[0].activities[0].activity.purpose
    assert window.editor.purpose_model.index(0, pm.PURPOSE).data() == first
    # The title names the server and database, never a password or the connection options.
    title = window.windowTitle()
    assert address.display() in title and PASSWORD not in title and "sslmode" not in title
    # Remembered without the password; the password went to the keychain under that connection.
    assert st.server_connections() == [address]
    assert PASSWORD not in settings_text(tmp_path)
    assert keychain.entries == {(sa_.KEYCHAIN_SERVICE, address.keychain_account()): PASSWORD}


def test_a_remembered_connection_fills_the_dialog_with_the_keychains_password(
    qtbot: Any, keychain: MemoryKeychain
) -> None:
    kept = ServerAddress(host="db.example.no", database="protokoll", user="personvern", port=5433, tls="verify-full")
    other = ServerAddress(host="127.0.0.1", database="test", user="meg")
    sa_.store_password(kept, PASSWORD)
    dialog = ServerDialog(sa_.remember([other], kept))
    qtbot.addWidget(dialog)
    assert dialog.address() == kept  # the most recent connection is offered first
    assert dialog.password.text() == PASSWORD and dialog.keep_password.isChecked()
    dialog.recent.setCurrentIndex(2)
    assert dialog.address() == other and dialog.password.text() == ""


def test_unticking_keep_password_removes_it_from_the_keychain(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch, keychain: MemoryKeychain
) -> None:
    address = ServerAddress.from_url(team_url)
    sa_.store_password(address, PASSWORD)
    answer_server_dialog(monkeypatch, address, PASSWORD, keep=False)
    window.open_from_server()
    assert window.session is not None
    assert keychain.entries == {}


def test_without_a_keychain_the_password_is_kept_nowhere(
    qtbot: Any, window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = ServerDialog([])
        qtbot.addWidget(dialog)
        assert not dialog.keep_password.isEnabled()  # the user is told it is asked every time
        answer_server_dialog(monkeypatch, ServerAddress.from_url(team_url), PASSWORD, keep=True)
        window.open_from_server()
        assert window.session is not None
        assert sa_.stored_password(ServerAddress.from_url(team_url)) is None
        assert PASSWORD not in settings_text(tmp_path)
    finally:
        keyring.set_keyring(before)


def test_an_unreachable_server_is_one_message_and_nothing_is_remembered(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, dialogs: Any
) -> None:
    nowhere = ServerAddress(host="127.0.0.1", port=1, database="nowhere", user="meg", tls="disable")
    answer_server_dialog(monkeypatch, nowhere, PASSWORD)
    window.open_from_server()
    assert window.session is None
    assert len(dialogs.shown) == 1
    name, text = dialogs.shown[0]
    assert name == "errorDialog" and "127.0.0.1" in text and PASSWORD not in text
    assert st.server_connections() == []


def test_cancelling_the_dialog_opens_nothing(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = answer_server_dialog(monkeypatch, None)
    window.open_from_server()
    assert len(shown) == 1 and window.session is None


def test_a_reviewer_opens_read_only_with_the_banner(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewer = f"revisor_{team_url.rsplit('_', 1)[-1]}"
    base = team_url.rpartition("/")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {reviewer} LOGIN IN ROLE {server.REVIEWERS_ROLE}")
    try:
        address = ServerAddress.from_url(team_url.replace("postgres@", f"{reviewer}@"))
        answer_server_dialog(monkeypatch, address)
        window.open_from_server()
        assert window.session is not None and window.session.readonly
        assert window.editor.readonly_banner.isVisibleTo(window)
        assert reviewer in window.editor.readonly_text.text()
        index = window.editor.purpose_model.index(0, pm.PURPOSE)
        assert not window.editor.purpose_model.setData(index, "Endret av revisor")
    finally:
        window.close_register()
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP ROLE {reviewer}")


def test_save_a_copy_of_a_server_register_is_an_offline_file(window: MainWindow, team_url: str, tmp_path: Path) -> None:
    from ropa_desktop.store.register import RegisterFile

    window.set_register(server.ServerRegister.open(team_url))
    target = tmp_path / "på reise.ropa"
    window.save_copy_to(target)
    assert window.session is not None
    with RegisterFile.open(target, readonly=True) as offline:
        assert offline.snapshot() == window.session.register.snapshot()


# --------------------------------------------------------------------------- conflicts


def other_editor_sets_purpose(url: str, row: int, text: str) -> tuple[int, str]:
    """Someone else, in another program, changes the purpose of activity ``row``; returns (id, old purpose)."""
    with server.ServerRegister.open(url) as other:
        activity = other.snapshot().organisations[0].activities[row].activity
        assert activity.id is not None
        other.apply(ops.Update("activity", activity.id, {"purpose": text}))
        return activity.id, activity.purpose


def conflicts_answered(monkeypatch: pytest.MonkeyPatch, use_mine: bool) -> list[tuple[str, str]]:
    """Conflict dialogs answered "use mine" or "keep theirs"; records (their value, your value) as shown."""
    shown: list[tuple[str, str]] = []

    def fake_exec(dialog: QDialog) -> int:
        assert isinstance(dialog, ConflictDialog)
        theirs = dialog.findChild(QPlainTextEdit, "theirValue")
        yours = dialog.findChild(QPlainTextEdit, "yourValue")
        assert theirs is not None and yours is not None
        shown.append((theirs.toPlainText(), yours.toPlainText()))
        return int(QDialog.DialogCode.Accepted if use_mine else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(ConflictDialog, "exec", fake_exec)
    return shown


def stored_purpose(url: str, activity_id: int) -> str:
    with server.ServerRegister.open(url) as reader:
        found = next(a for a in reader.snapshot().organisations[0].activities if a.activity.id == activity_id)
        return found.activity.purpose


@pytest.mark.parametrize("use_mine", [False, True], ids=["keep theirs", "use mine"])
def test_an_edit_over_someone_elses_change_asks_which_to_keep(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch, use_mine: bool
) -> None:
    window.set_register(server.ServerRegister.open(team_url))
    model = window.editor.purpose_model
    seen = model.index(0, pm.PURPOSE).data()
    activity_id, _old = other_editor_sets_purpose(team_url, 0, "Kollegaens formål")
    shown = conflicts_answered(monkeypatch, use_mine)
    done = model.setData(model.index(0, pm.PURPOSE), "Mitt formål")
    assert shown == [("Kollegaens formål", "Mitt formål")]
    assert seen != "Kollegaens formål"
    expected = "Mitt formål" if use_mine else "Kollegaens formål"
    assert bool(done) is use_mine
    assert stored_purpose(team_url, activity_id) == expected
    assert model.index(0, pm.PURPOSE).data() == expected  # the table shows what is stored now
    assert window.session is not None
    assert window.session.undo_stack.count() == (1 if use_mine else 0)


def test_undo_over_someone_elses_later_change_asks_never_silently(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.set_register(server.ServerRegister.open(team_url))
    assert window.session is not None
    model = window.editor.purpose_model
    original = model.index(0, pm.PURPOSE).data()
    assert model.setData(model.index(0, pm.PURPOSE), "Mitt formål")
    activity_id, _mine = other_editor_sets_purpose(team_url, 0, "Kollegaens senere formål")
    shown = conflicts_answered(monkeypatch, use_mine=False)
    window.session.undo_stack.undo()
    assert shown == [("Kollegaens senere formål", original)]
    assert stored_purpose(team_url, activity_id) == "Kollegaens senere formål"  # their later change stands


def test_undo_with_use_mine_restores_the_users_old_value(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.set_register(server.ServerRegister.open(team_url))
    assert window.session is not None
    model = window.editor.purpose_model
    original = model.index(0, pm.PURPOSE).data()
    assert model.setData(model.index(0, pm.PURPOSE), "Mitt formål")
    activity_id, _mine = other_editor_sets_purpose(team_url, 0, "Kollegaens senere formål")
    shown = conflicts_answered(monkeypatch, use_mine=True)
    window.session.undo_stack.undo()
    assert stored_purpose(team_url, activity_id) == original
    # Redo takes back exactly what the undo replaced (their value), against what undo left: no new question.
    window.session.undo_stack.redo()
    assert stored_purpose(team_url, activity_id) == "Kollegaens senere formål"
    assert len(shown) == 1


def test_an_edit_without_a_conflict_asks_nothing(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.set_register(server.ServerRegister.open(team_url))
    shown = conflicts_answered(monkeypatch, use_mine=False)
    model = window.editor.purpose_model
    activity_id, _old = other_editor_sets_purpose(team_url, 1, "Et annet formål")  # another row: no conflict
    first_id = model.index(0, pm.PURPOSE)
    assert model.setData(first_id, "Mitt formål")
    assert shown == []
    assert stored_purpose(team_url, activity_id) == "Et annet formål"


def test_the_store_refuses_a_stale_edit_on_the_server(team_url: str) -> None:
    """What the dialog rests on: the server register refuses an edit against a value that changed."""
    activity_id, old = other_editor_sets_purpose(team_url, 0, "Ny")
    with server.ServerRegister.open(team_url) as mine, pytest.raises(EditConflict) as caught:
        mine.apply(ops.Update("activity", activity_id, {"purpose": "Min"}, expected={"purpose": old}))
    assert (caught.value.theirs, caught.value.yours, caught.value.seen) == ("Ny", "Min", old)


def test_a_record_table_edit_over_someone_elses_change_asks(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.set_register(server.ServerRegister.open(team_url))
    categories = next(m for m in window.editor.record_models if m.spec.entity == "personal_data")
    record = categories.record_at(0)
    assert record is not None
    with server.ServerRegister.open(team_url) as other:
        other.apply(ops.Update("personal_data", record["id"], {"name": "Kollegaens kategori"}))
    shown = conflicts_answered(monkeypatch, use_mine=False)
    assert not categories.setData(categories.index(0, 0), "Min kategori")
    assert shown == [("Kollegaens kategori", "Min kategori")]
    assert categories.index(0, 0).data() == "Kollegaens kategori"


def test_a_detail_pane_edit_over_someone_elses_change_asks(
    window: MainWindow, team_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.set_register(server.ServerRegister.open(team_url))
    window.editor.purpose_table.selectRow(0)
    record = window.editor.detail.record
    assert record is not None and record.activity.id is not None
    with server.ServerRegister.open(team_url) as other:
        other.apply(ops.Update("activity", record.activity.id, {"notes": "Kollegaens merknad"}))
    shown = conflicts_answered(monkeypatch, use_mine=True)
    window.editor.detail.commit("notes", "Min merknad")
    assert shown == [("Kollegaens merknad", "Min merknad")]
    with server.ServerRegister.open(team_url) as reader:
        stored = next(a for a in reader.snapshot().organisations[0].activities if a.activity.id == record.activity.id)
        assert stored.activity.notes == "Min merknad"


def test_an_address_on_the_command_line_opens_the_server_register_and_leaves_the_keychain_alone(
    window: MainWindow, team_url: str, keychain: MemoryKeychain
) -> None:
    from ropa_desktop.ui.app import parse_args
    from ropa_desktop.ui.server_dialogs import open_server_url

    address = ServerAddress.from_url(team_url)
    sa_.store_password(address, PASSWORD)  # kept earlier; the trust-auth test server ignores it
    assert parse_args([team_url]).file == team_url  # not mangled into a path ("postgresql:/…")
    assert open_server_url(window, team_url)
    assert window.session is not None and window.session.on_server
    assert keychain.entries == {(sa_.KEYCHAIN_SERVICE, address.keychain_account()): PASSWORD}
    assert st.server_connections() == [address]
