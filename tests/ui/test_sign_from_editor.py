"""Signing without a terminal: a certificate made in the Sign dialog, approvers entered there, errors kept in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ropa_desktop.cli import main
from ropa_desktop.signing.certificates import create_certificate
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.certificate_dialog import CreateCertificateDialog
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.signing_ui import SignDialog
from tests.ui.conftest import DialogRecorder

PASSPHRASE = "blåbær og brunost"
POSIX = sys.platform != "win32"


def _fill_certificate_dialog(monkeypatch: pytest.MonkeyPatch, repeat: str = PASSPHRASE) -> list[str]:
    """Answer the Create dialog as a user would; its own OK (accept) makes the files."""
    errors: list[str] = []

    def fake_exec(dialog: CreateCertificateDialog) -> int:
        dialog.name.setText("Åse Ødegård")
        dialog.passphrase.setText(PASSPHRASE)
        dialog.repeat.setText(repeat)
        dialog.accept()
        if dialog.error.isVisibleTo(dialog):
            errors.append(dialog.error.text())
        return int(dialog.result())

    monkeypatch.setattr(CreateCertificateDialog, "exec", fake_exec)
    return errors


def test_certificate_made_in_the_dialog_signs_a_pdf_the_board_can_check(
    qtbot: QtBot,
    window: MainWindow,
    promeister_path: Path,
    tmp_path: Path,
    dialogs: DialogRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = tmp_path / "Mine dokumenter"
    documents.mkdir()
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(documents))
    _fill_certificate_dialog(monkeypatch)
    output = tmp_path / "signert protokoll.pdf"
    seen: dict[str, str] = {}

    def fake_exec(dialog: SignDialog) -> int:
        dialog.create_certificate.click()  # the Create dialog above
        seen["info"] = dialog.info.text()
        # The passphrase just chosen (twice) is not asked for a third time.
        seen["passphrase carried"] = str(dialog.passphrase.text() == PASSPHRASE)
        dialog.location.setText("Gjøvik")
        dialog.set_approvers([("Kari Nordmann", "Styreleder"), ("Ola Nordmann", "Styremedlem")])
        dialog.output.setText(str(output))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SignDialog, "exec", fake_exec)
    assert window.open_file(promeister_path)
    dialogs.answer = "Sign with open errors"
    window.menu_actions["sign"].trigger()
    qtbot.waitUntil(lambda: any("Recorded approval version 1" in text for _n, text in dialogs.shown), timeout=60000)

    p12, pem = documents / "signature-Åse-Ødegård.p12", documents / "signature-Åse-Ødegård.pem"
    assert p12.is_file() and pem.is_file()
    assert pem.name in seen["info"]
    assert seen["passphrase carried"] == "True"
    if POSIX:
        assert p12.stat().st_mode & 0o777 == 0o600
        assert pem.stat().st_mode & 0o777 == 0o644
    # The path is remembered for next time, never the passphrase.
    values = [str(st.app_settings().value(k)) for k in st.app_settings().allKeys()]
    assert str(p12) in values and all(PASSPHRASE not in v for v in values)

    assert window.session is not None
    org = window.session.register.snapshot(window.editor.organisation_id).organisations[0]
    assert [(a.name, a.role) for a in org.approvers] == [
        ("Kari Nordmann", "Styreleder"),
        ("Ola Nordmann", "Styremedlem"),
    ]
    assert org.approvals[0].signers == ["Åse Ødegård"] and org.approvals[0].approved_on == date.today()

    assert main(["verify", str(output), "--trust", str(pem)]) == 0
    if shutil.which("pdfsig"):
        report = subprocess.run(["pdfsig", str(output)], capture_output=True, text=True).stdout
        assert "Signature is Valid" in report and "Total document signed" in report
    if shutil.which("pdftotext"):
        page = subprocess.run(["pdftotext", "-layout", str(output), "-"], capture_output=True, text=True).stdout
        approval = page[page.rindex("Kari Nordmann") - 400 :]
        assert "Ola Nordmann" in approval and "Styremedlem" in approval


def test_wrong_passphrase_is_said_in_the_dialog_which_stays_open(
    qtbot: QtBot, promeister_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p12 = tmp_path / "styreleder.p12"
    create_certificate("Åse Ødegård", p12, PASSPHRASE.encode())
    monkeypatch.setattr(st, "app_settings", lambda: _MemorySettings())
    dialog = SignDialog(tmp_path / "signed.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.certificate.setText(str(p12))
    dialog.passphrase.setText("feil passord")
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and "passphrase" in dialog.error.text().lower()
    # A missing file, then the right passphrase: the message changes, then the dialog closes.
    dialog.certificate.setText(str(tmp_path / "borte.p12"))
    dialog.accept()
    assert dialog.isVisible() and "does not exist" in dialog.error.text()
    dialog.certificate.setText(str(p12))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.accept()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted


def test_expired_certificate_is_said_in_the_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa_desktop.signing import certificates

    p12 = tmp_path / "gammel.p12"
    create_certificate("Åse Ødegård", p12, PASSPHRASE.encode())
    real = certificates.load_signer
    later = date.today().replace(year=date.today().year + 6)
    from datetime import UTC, datetime

    monkeypatch.setattr(
        certificates,
        "load_signer",
        lambda path, passphrase, now=None: real(path, passphrase, now=datetime(later.year, 1, 1, tzinfo=UTC)),
    )
    monkeypatch.setattr(st, "app_settings", lambda: _MemorySettings())
    dialog = SignDialog(tmp_path / "signed.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.certificate.setText(str(p12))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.isVisible() and "expired" in dialog.error.text()


def test_create_dialog_checks_the_passphrases_match_and_never_overwrites(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = CreateCertificateDialog("Bakeriet AS", tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Per Baker")
    assert Path(dialog.path.text()) == tmp_path / "signature-Per-Baker.p12"
    dialog.passphrase.setText("en")
    dialog.repeat.setText("to")
    assert "not the same" in dialog.match.text()
    dialog.accept()
    assert dialog.isVisible() and "not the same" in dialog.error.text()
    assert list(tmp_path.iterdir()) == []
    dialog.repeat.setText("en")
    assert "match" in dialog.match.text()
    (tmp_path / "signature-Per-Baker.pem").write_text("someone else's", encoding="utf-8")
    dialog.accept()
    assert dialog.isVisible() and "already exists; choose another name" in dialog.error.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["signature-Per-Baker.pem"]
    dialog.path.setText(str(tmp_path / "ny" / "sertifikat"))
    dialog.accept()
    assert dialog.isVisible()  # the folder does not exist: said, nothing written
    (tmp_path / "ny").mkdir()
    dialog.accept()
    assert not dialog.isVisible() and dialog.created is not None
    assert dialog.created[0] == tmp_path / "ny" / "sertifikat.p12"
    assert dialog.passphrase.text() == "" and dialog.repeat.text() == ""


def test_the_suggested_documents_folder_is_made_when_it_does_not_exist(qtbot: QtBot, tmp_path: Path) -> None:
    """A fresh account may have no Documents folder: the dialog suggested it, so OK makes it (found in the
    newcomer walk, where OK said the suggested folder did not exist)."""
    documents = tmp_path / "Dokumenter"
    dialog = CreateCertificateDialog("Bakeri Vest AS", documents)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Kari Nordmann")
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    dialog.accept()
    assert not dialog.isVisible() and dialog.created is not None
    assert dialog.created[0] == documents / "signature-Kari-Nordmann.p12" and dialog.created[0].is_file()


class _MemorySettings:
    """A settings store that keeps this test's values out of the shared one."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def value(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)

    def setValue(self, key: str, value: object) -> None:  # noqa: N802 - QSettings' name
        self.values[key] = value


@pytest.mark.skipif(not POSIX, reason="file modes")
def test_sign_dialog_files_ignore_a_private_umask(tmp_path: Path) -> None:
    """Even under umask 077 the board's .pem is readable by others, and the .p12 by its owner only."""
    from ropa_desktop.signing.certificates import create_signing_certificate

    old = os.umask(0o077)
    try:
        created = create_signing_certificate("Åse Ødegård", tmp_path / "a.p12", b"x", organisation="Bakeriet AS")
    finally:
        os.umask(old)
    assert created.pem.stat().st_mode & 0o777 == 0o644
    assert created.p12.stat().st_mode & 0o777 == 0o600


def test_an_earlier_signed_pdf_is_never_overwritten(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa_desktop.ui.signing_ui import _free_name

    p12 = tmp_path / "styreleder.p12"
    create_certificate("Åse Ødegård", p12, PASSPHRASE.encode())
    earlier = tmp_path / "protokoll-signed.pdf"
    earlier.write_bytes(b"%PDF- version 1, signed")
    assert _free_name(earlier) == tmp_path / "protokoll-signed (2).pdf"
    monkeypatch.setattr(st, "app_settings", lambda: _MemorySettings())
    dialog = SignDialog(earlier)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.certificate.setText(str(p12))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.isVisible() and "never overwritten" in dialog.error.text()
    assert earlier.read_bytes() == b"%PDF- version 1, signed"
