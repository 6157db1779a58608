"""The board's approval from the editor: Sign…, Verify signed PDF…, approvals and history, export language."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QTableWidget
from pytestqt.qtbot import QtBot

from ropa_desktop.signing.certificates import create_certificate
from ropa_desktop.store import operations as ops
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.history_dialog import HistoryDialog
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.signing_ui import SignDialog
from tests.ui.conftest import DialogRecorder

PASSPHRASE = "styret-2026"


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


@pytest.fixture
def certificate(tmp_path: Path) -> Path:
    p12 = tmp_path / "styreleder.p12"
    create_certificate("Åse Ødegård", p12, PASSPHRASE.encode())
    return p12


def _answer_sign_dialog(monkeypatch: pytest.MonkeyPatch, p12: Path, output: Path, passphrase: str) -> list[str]:
    seen: list[str] = []

    def fake_exec(dialog: SignDialog) -> int:
        dialog.certificate.setText(str(p12))
        dialog.passphrase.setText(passphrase)
        dialog.location.setText("Gjøvik")
        dialog.output.setText(str(output))
        seen.append(dialog.windowTitle())
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(SignDialog, "exec", fake_exec)
    return seen


def test_sign_records_an_approval_and_the_pdf_verifies(
    qtbot: QtBot,
    window: MainWindow,
    promeister_path: Path,
    certificate: Path,
    tmp_path: Path,
    dialogs: DialogRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_file(promeister_path)
    output = tmp_path / "signed.pdf"
    shown = _answer_sign_dialog(monkeypatch, certificate, output, PASSPHRASE)
    assert window.menu_actions["sign"].isEnabled()
    # The sample has open errors: signing asks first, and cancelling (the default) signs nothing.
    window.menu_actions["sign"].trigger()
    assert dialogs.shown[-1][0] == "open-errors" and "open errors" in dialogs.shown[-1][1]
    assert shown == [] and not output.exists()
    dialogs.answer = "Sign with open errors"
    window.menu_actions["sign"].trigger()
    assert shown == ["Sign the register"]
    qtbot.waitUntil(lambda: any("Recorded approval version 1" in text for _n, text in dialogs.shown), timeout=30000)
    assert window.session is not None
    org = window.session.register.snapshot(window.editor.organisation_id).organisations[0]
    assert [a.version for a in org.approvals] == [1]
    assert org.approvals[0].signers == ["Åse Ødegård"]
    assert org.approvals[0].open_errors > 0
    # The passphrase is not kept anywhere in the settings; the certificate path is.
    values = [str(st.app_settings().value(k)) for k in st.app_settings().allKeys()]
    assert all(PASSPHRASE not in v for v in values)
    assert str(certificate) in values

    if shutil.which("pdfsig"):
        report = subprocess.run(["pdfsig", str(output)], capture_output=True, text=True).stdout
        assert "Signature is Valid" in report and "Total document signed" in report

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(output), ""))
    window.menu_actions["verify"].trigger()
    report = _verification_text(window)
    assert report.startswith("Verified: every signature is valid")
    assert "Signer: Åse Ødegård" in report and "Trusted: not checked" in report


def _verification_text(window: MainWindow) -> str:
    """The text of the report dialog Verify signed PDF… opened (it does not block the editor)."""
    from ropa_desktop.ui.signing_ui import VerificationDialog

    (dialog,) = window.findChildren(VerificationDialog)
    assert dialog.isVisible()
    text = dialog.text()
    dialog.close()
    return text


def test_wrong_passphrase_writes_nothing_and_records_nothing(
    qtbot: QtBot,
    window: MainWindow,
    promeister_path: Path,
    certificate: Path,
    tmp_path: Path,
    dialogs: DialogRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.open_file(promeister_path)
    output = tmp_path / "signed.pdf"
    _answer_sign_dialog(monkeypatch, certificate, output, "feil passord")
    dialogs.answer = "Sign with open errors"
    window.menu_actions["sign"].trigger()
    qtbot.waitUntil(lambda: len(dialogs.shown) >= 2, timeout=30000)  # the open-errors question, then the error
    assert "passphrase" in dialogs.shown[-1][1].lower()
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == []
    assert window.session is not None
    assert window.session.register.snapshot().organisations[0].approvals == []


def test_tampered_pdf_is_reported_invalid(
    window: MainWindow,
    promeister_path: Path,
    certificate: Path,
    tmp_path: Path,
    dialogs: DialogRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ropa_desktop.i18n import translator
    from ropa_desktop.signing.board import export_signed_pdf
    from ropa_desktop.store.register import RegisterFile

    signed = tmp_path / "signed.pdf"
    with RegisterFile.open(promeister_path) as reg:
        export_signed_pdf(
            reg, reg.snapshot(), signed, certificate, PASSPHRASE.encode(), translator("en"), allow_open_errors=True
        )
    signed.write_bytes(signed.read_bytes() + b"%% appended after signing\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(signed), ""))
    window.menu_actions["verify"].trigger()
    report = _verification_text(window)
    assert report.startswith("NOT verified")
    assert "the last signature does not cover the whole file" in report


def test_history_shows_approvals_changes_since_and_every_edit(
    qtbot: QtBot, promeister_path: Path, certificate: Path, tmp_path: Path
) -> None:
    from ropa_desktop.i18n import translator
    from ropa_desktop.signing.board import export_signed_pdf
    from ropa_desktop.store.register import RegisterFile

    with RegisterFile.open(promeister_path) as reg:
        export_signed_pdf(
            reg,
            reg.snapshot(),
            tmp_path / "s.pdf",
            certificate,
            PASSPHRASE.encode(),
            translator("en"),
            allow_open_errors=True,
        )
        first = reg.snapshot().organisations[0].activities[0].activity
        reg.apply(ops.Update("activity", first.id or 0, {"retention": "I 3 år"}))
        dialog = HistoryDialog(reg, reg.snapshot().organisations[0].organisation.id or 0)
        qtbot.addWidget(dialog)
        approvals = dialog.approvals
        assert approvals.rowCount() == 1 and _text(approvals, 0, 0) == "1"
        assert _text(approvals, 0, 2) == "Åse Ødegård"
        changes = [[_text(dialog.changes, r, c) for c in range(3)] for r in range(dialog.changes.rowCount())]
        assert changes == [["Changed", first.purpose, "Retention"]]
        history = [_text(dialog.history, r, 1) for r in range(dialog.history.rowCount())]
        assert history[0] == f"Changed Retention of processing activity «{first.purpose}»"


def test_exports_use_the_chosen_export_language(
    qtbot: QtBot, window: MainWindow, promeister_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def export_xlsx(snapshot: Any, destination: Path, translator: Any, progress: Any) -> None:
        seen.append(translator.language)
        destination.write_text("x", encoding="utf-8")

    import sys
    import types

    fake = types.ModuleType("ropa_desktop.exports.xlsx")
    fake.export_xlsx = export_xlsx  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ropa_desktop.exports.xlsx", fake)
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.open_file(promeister_path)
    window.menu_actions["export_language_nb"].trigger()
    assert window.menu_actions["export_language_nb"].isChecked()
    assert not window.menu_actions["export_language_en"].isChecked()
    window.menu_actions["export_xlsx"].trigger()
    qtbot.waitUntil(lambda: target.exists(), timeout=30000)
    assert seen == ["nb"]


def test_unless_chosen_exports_speak_the_language_the_editor_speaks() -> None:
    """The editor in Bokmål (ROPA_LANG or the language setting) prints a Bokmål board PDF until another export
    language is chosen; the newcomer walk got an English PDF from a Norwegian editor."""
    from ropa_desktop.i18n import set_language
    from ropa_desktop.ui import settings as st

    set_language("nb")
    assert st.export_language() == "nb"
    st.set_export_language("en")
    assert st.export_language() == "en"
