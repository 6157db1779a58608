"""Signing records an approval; the next print-out lists what changed since."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ropa_desktop.checks.engine import Severity, run_checks
from ropa_desktop.cli import main
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format
from ropa_desktop.interchange.diff import changes_since
from ropa_desktop.signing.approval import record_approval
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests.exports.conftest import pdf_text
from tests.signing.conftest import PASSPHRASE, SIGNER


def test_record_approval_numbers_versions_and_keeps_what_was_approved(
    promeister: RegisterFile, signed_pdf: Path
) -> None:
    org_id = promeister.snapshot().organisations[0].organisation.id
    assert org_id is not None
    assert record_approval(promeister, org_id, signed_pdf, [SIGNER]) == 1
    assert record_approval(promeister, org_id, signed_pdf, [SIGNER]) == 2
    org = promeister.snapshot().organisations[0]
    first = org.approvals[0]
    assert first.version == 1 and first.signers == [SIGNER]
    assert first.fingerprint == json_format.fingerprint(org)
    assert first.signed_file_sha256 == hashlib.sha256(signed_pdf.read_bytes()).hexdigest()
    assert json.loads(first.snapshot)["name"] == "ProMeister Solutions AS"
    assert "approvals" not in json.loads(first.snapshot)


def test_changes_since_lists_added_removed_and_changed_activities(promeister: RegisterFile, signed_pdf: Path) -> None:
    org = promeister.snapshot().organisations[0]
    assert org.organisation.id is not None
    record_approval(promeister, org.organisation.id, signed_pdf, [SIGNER])
    first, second = org.activities[0].activity, org.activities[1].activity
    assert first.id is not None and second.id is not None
    promeister.apply(ops.Update("activity", first.id, {"retention": "3 år", "operations": ["Kontrollere identitet"]}))
    promeister.apply(ops.Delete("activity", second.id))
    promeister.apply(ops.Create("activity", {"organisation_id": org.organisation.id, "purpose": "Nytt formål"}))
    now = promeister.snapshot().organisations[0]
    changes = changes_since(now.approvals[-1], now)
    assert [(c.kind, c.purpose) for c in changes] == [
        ("changed", first.purpose),
        ("added", "Nytt formål"),
        ("removed", second.purpose),
    ]
    assert changes[0].fields == ["operations", "retention"]
    # the next print-out carries the list
    out = promeister.path.with_name("next.pdf")
    export_pdf(promeister.snapshot(), out, translator("en"))
    text = pdf_text(out)
    assert "Changes since the last approval" in text
    assert "Changed " + first.purpose in text and "Processing, Retention" in text
    assert "Added Nytt formål" in text and "Removed " + second.purpose in text
    assert "Version 2" in text


def test_no_changes_when_nothing_changed(promeister: RegisterFile, signed_pdf: Path) -> None:
    org_id = promeister.snapshot().organisations[0].organisation.id
    assert org_id is not None
    record_approval(promeister, org_id, signed_pdf, [SIGNER])
    org = promeister.snapshot().organisations[0]
    assert changes_since(org.approvals[0], org) == []


@pytest.mark.slow
def test_export_sign_records_the_approval(
    promeister: RegisterFile, certificate: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = promeister.path
    promeister.close()
    secret = tmp_path / "pass.txt"
    secret.write_bytes(PASSPHRASE)
    out = tmp_path / "approved.pdf"
    args = ["export", str(path), "--format", "pdf", "-o", str(out), "--sign", "--p12", str(certificate)]
    # Open errors: refused, listed, nothing written or recorded, until the user confirms.
    assert main([*args, "--passphrase-file", str(secret)]) == 2
    err = capsys.readouterr().err
    assert "open errors" in err and "[activity.special_condition.missing]" in err
    assert not out.exists()
    with RegisterFile.open(path, readonly=True) as register:
        assert register.snapshot().organisations[0].approvals == []
        errors = sum(1 for f in run_checks(register.snapshot()) if f.severity is Severity.ERROR)
    assert main([*args, "--passphrase-file", str(secret), "--allow-open-errors"]) == 0
    assert f"Approved with {errors} open errors." in capsys.readouterr().out
    assert main(["verify", str(out)]) == 0
    with RegisterFile.open(path, readonly=True) as register:
        approvals = register.snapshot().organisations[0].approvals
    assert [a.version for a in approvals] == [1]
    assert approvals[0].open_errors == errors > 0
    assert approvals[0].signed_file_sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert f"Approved with {errors} open errors reported by the completeness check." in " ".join(text.split())


def test_export_sign_with_wrong_passphrase_writes_and_records_nothing(
    promeister: RegisterFile, certificate: Path, tmp_path: Path
) -> None:
    path = promeister.path
    promeister.close()
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"wrong")
    out = tmp_path / "approved.pdf"
    args = ["export", str(path), "--format", "pdf", "-o", str(out), "--sign", "--p12", str(certificate)]
    assert main([*args, "--passphrase-file", str(secret), "--allow-open-errors"]) == 2
    assert not out.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".approved")] == []
    with RegisterFile.open(path, readonly=True) as register:
        assert register.snapshot().organisations[0].approvals == []


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".approved"))


def test_signing_into_a_register_that_cannot_record_writes_nothing(
    promeister: RegisterFile, certificate: Path, tmp_path: Path
) -> None:
    from ropa_desktop.errors import RegisterReadOnly
    from ropa_desktop.signing.board import export_signed_pdf

    path = promeister.path
    promeister.close()
    out = tmp_path / "approved.pdf"
    with RegisterFile.open(path, readonly=True) as register, pytest.raises(RegisterReadOnly):
        export_signed_pdf(
            register, register.snapshot(), out, certificate, PASSPHRASE, translator("en"), allow_open_errors=True
        )
    assert not out.exists() and _leftovers(tmp_path) == []
    with RegisterFile.open(path, readonly=True) as register:
        assert register.snapshot().organisations[0].approvals == []


def test_an_approval_is_withdrawn_when_the_signed_file_cannot_be_put_in_place(
    promeister: RegisterFile, certificate: Path, tmp_path: Path
) -> None:
    from ropa_desktop.signing.board import export_signed_pdf

    out = tmp_path / "approved.pdf"
    out.mkdir()  # a folder where the signed file should go: the rename fails after the approval was recorded
    (out / "keep.txt").write_text("x")
    with pytest.raises(OSError):
        export_signed_pdf(
            promeister, promeister.snapshot(), out, certificate, PASSPHRASE, translator("en"), allow_open_errors=True
        )
    assert promeister.snapshot().organisations[0].approvals == []
    assert _leftovers(tmp_path) == [] and out.is_dir()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write a read-only file; the core test covers it"
)
def test_export_sign_on_a_read_only_register_is_one_line_exit_2(
    promeister: RegisterFile, certificate: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = promeister.path
    promeister.close()
    before = path.read_bytes()
    path.chmod(0o444)
    secret = tmp_path / "pass.txt"
    secret.write_bytes(PASSPHRASE)
    out = tmp_path / "approved.pdf"
    args = ["export", str(path), "--format", "pdf", "-o", str(out), "--sign", "--p12", str(certificate)]
    args.append("--allow-open-errors")  # what fails here is the register, not its open errors
    try:
        assert main([*args, "--passphrase-file", str(secret)]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "ProMeister" not in err
        assert not out.exists() and _leftovers(tmp_path) == []
        assert path.read_bytes() == before
    finally:
        path.chmod(0o644)


def test_export_sign_when_the_register_refuses_the_approval_is_one_line_exit_2(
    promeister: RegisterFile, certificate: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The database refuses the write after the PDF was signed (here a trigger, as a read-only file does
    for a normal user): no signed file, no traceback, none of the register's text on the screen."""
    import sqlite3

    path = promeister.path
    promeister.close()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON approval BEGIN SELECT RAISE(ABORT, 'refused'); END")
    conn.close()
    secret = tmp_path / "pass.txt"
    secret.write_bytes(PASSPHRASE)
    out = tmp_path / "approved.pdf"
    args = ["export", str(path), "--format", "pdf", "-o", str(out), "--sign", "--p12", str(certificate)]
    args.append("--allow-open-errors")  # what fails here is the register, not its open errors
    assert main([*args, "--passphrase-file", str(secret)]) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "ProMeister" not in err + captured.out and "refused" in err
    assert not out.exists() and _leftovers(tmp_path) == []
