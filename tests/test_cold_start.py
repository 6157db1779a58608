"""Start-up imports only what the first screen needs (issue 16).

Each test starts a fresh interpreter, runs the real entry point, and reads ``sys.modules`` at the
end: what a user's process has loaded by then. The heavy libraries of the exports and signing
(openpyxl, reportlab, pyHanko, cryptography) load when an export or signature is asked for, and the
store (SQLAlchemy) not at all for ``ropa --help``. Speed itself is measured by
``tests/benchmarks/bench_startup.py``, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_desktop.interchange.json_format import import_json_file
from tests.seeds import REPO

EXPORT_LIBRARIES = ("openpyxl", "reportlab", "pyhanko", "cryptography")
STORE_LIBRARIES = ("sqlalchemy", "sqlmodel", "pydantic")

# The editor's own entry point on a register, closed by its ROPA_QUIT_AFTER_MS timer once shown;
# by then the checks have run in the background too. Settings go to a folder of the test's own.
EDITOR_CHILD = """
import json, sys
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from ropa_desktop.ui import app
code = app.main([sys.argv[1]])
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}))
"""

# The editor's entry point ended at its first paint (ROPA_EXIT_AFTER_FIRST_PAINT, what the start-up
# benchmark times): what the process has loaded when the register is on screen.
FIRST_PAINT_CHILD = """
import json, os, sys
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
exit_now = os._exit
def report(code):
    from ropa_desktop.ui.main_window import MainWindow
    from PySide6.QtWidgets import QApplication
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.session is not None]
    rows = windows[0].editor.purpose_model.rowCount() if windows else 0
    print(json.dumps({"exit": code, "rows": rows, "modules": sorted(sys.modules)}), flush=True)
    exit_now(code)
os._exit = report
from ropa_desktop.ui import app
app.main([sys.argv[1]])
"""

CLI_CHILD = """
import json, sys
from ropa_desktop import cli
try:
    code = cli.main(sys.argv[1:])
except SystemExit as exc:  # argparse ends --help this way
    code = exc.code
print(json.dumps({"exit": code, "modules": sorted(sys.modules)}))
"""


def loaded_modules(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    assert result.stdout, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return int(report["exit"] or 0), set(report["modules"])


def roots(modules: set[str], libraries: tuple[str, ...]) -> set[str]:
    return {name.split(".")[0] for name in modules} & set(libraries)


@pytest.fixture
def typical(tmp_path: Path) -> Path:
    """The ProMeister sample as a register, in a folder with a space and æøå."""
    folder = tmp_path / "styre æøå"
    folder.mkdir()
    path = folder / "promeister.ropa"
    import_json_file(REPO / "samples" / "promeister-solutions.json", path, True).close()
    return path


def test_editor_opening_a_register_imports_no_export_or_signing_library(typical: Path, tmp_path: Path) -> None:
    exit_code, modules = loaded_modules(
        EDITOR_CHILD, str(typical), str(tmp_path / "settings"), env={"ROPA_QUIT_AFTER_MS": "600"}
    )
    assert exit_code == 0
    # The register was really opened and checked: the store and the checks are loaded.
    assert {"ropa_desktop.ui.main_window", "ropa_desktop.store.register", "ropa_desktop.checks.rules"} <= modules
    assert roots(modules, EXPORT_LIBRARIES) == set()
    assert not any(name.startswith(("ropa_desktop.exports.", "ropa_desktop.signing.")) for name in modules)


def test_editor_paints_a_register_before_loading_sqlalchemy(typical: Path, tmp_path: Path) -> None:
    """The window and the register's tables paint from the lean read; the store (SQLAlchemy) opens after."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_CHILD, str(typical), str(tmp_path / "settings")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, "ROPA_EXIT_AFTER_FIRST_PAINT": "1"},
        timeout=120,
        check=False,
    )
    assert result.stdout, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    modules = set(report["modules"])
    assert report["exit"] == 0
    # Really painted the register: the window had it open, its purposes in the table.
    assert report["rows"] == 11
    assert {"ropa_desktop.ui.main_window", "ropa_desktop.store.register", "sqlite3"} <= modules
    assert roots(modules, EXPORT_LIBRARIES + STORE_LIBRARIES) == set()
    assert not any(name.startswith(("ropa_desktop.exports.", "ropa_desktop.signing.")) for name in modules)


@pytest.mark.parametrize("command", ["info", "check"])
def test_info_and_check_import_no_export_signing_or_database_library(command: str, typical: Path) -> None:
    exit_code, modules = loaded_modules(CLI_CHILD, command, str(typical))
    assert exit_code in (0, 1)  # check: 1 when the sample has error findings
    # The register was read, with the standard library's sqlite3 (store.plain_read), not the store.
    assert {"ropa_desktop.store.plain_read", "sqlite3"} <= modules
    assert "ropa_desktop.store.register" not in modules
    assert roots(modules, EXPORT_LIBRARIES + STORE_LIBRARIES) == set()


@pytest.mark.parametrize("command", ["info", "check"])
def test_info_and_check_read_the_register(command: str, typical: Path) -> None:
    """What the lean read prints: the register's organisation and its activities, or its findings."""
    result = subprocess.run(
        [sys.executable, "-m", "ropa_desktop.cli", "--lang", "en", command, str(typical)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "ProMeister Solutions AS" in result.stdout
    if command == "info":
        assert "Controller register: 11 activities" in result.stdout
    else:
        assert " errors, " in result.stdout.splitlines()[-1]


def test_an_unsigned_pdf_export_reads_without_the_store(typical: Path, tmp_path: Path) -> None:
    exit_code, modules = loaded_modules(
        CLI_CHILD, "export", str(typical), "--format", "pdf", "-o", str(tmp_path / "styre.pdf")
    )
    assert exit_code == 0
    assert roots(modules, STORE_LIBRARIES) == set()


def test_info_does_not_import_the_checks(typical: Path) -> None:
    _exit, modules = loaded_modules(CLI_CHILD, "info", str(typical))
    assert not any(name.startswith("ropa_desktop.checks") for name in modules)


@pytest.mark.parametrize("argv", [["--help"], ["export", "--help"], ["check", "--help"]])
def test_help_imports_neither_the_store_nor_the_exports(argv: list[str]) -> None:
    exit_code, modules = loaded_modules(CLI_CHILD, *argv)
    assert exit_code == 0
    assert "argparse" in modules
    assert roots(modules, STORE_LIBRARIES + EXPORT_LIBRARIES) == set()
    assert not any(name.startswith("ropa_desktop.store") for name in modules)


def test_a_signed_pdf_export_still_finds_what_it_needs(typical: Path, tmp_path: Path) -> None:
    """The other side of lazy imports: the export path loads the PDF and signing code itself."""
    exit_code, modules = loaded_modules(
        CLI_CHILD, "export", str(typical), "--format", "pdf", "-o", str(tmp_path / "styre.pdf")
    )
    assert exit_code == 0
    assert (tmp_path / "styre.pdf").read_bytes().startswith(b"%PDF")
    assert "reportlab" in roots(modules, EXPORT_LIBRARIES)


@pytest.mark.parametrize("by_worker", [True, False], ids=["signing worker", "in the command"])
def test_a_signed_pdf_imports_no_network_client(typical: Path, tmp_path: Path, by_worker: bool) -> None:
    """pyHanko's aiohttp time-stamp client and certificate fetchers are not loaded to sign offline;
    with the signing worker, the command itself loads neither pyHanko nor cryptography (issue 16)."""
    passphrase = tmp_path / "passfrase.txt"
    passphrase.write_text("styrets passfrase\n", encoding="utf-8")
    p12 = tmp_path / "styre.p12"
    cert = ["cert", "create", "--name", "Styreleder", "-o", str(p12), "--passphrase-file", str(passphrase)]
    assert loaded_modules(CLI_CHILD, *cert)[0] == 0
    pdf = tmp_path / "signert.pdf"
    sign = ["--sign", "--p12", str(p12), "--passphrase-file", str(passphrase), "--allow-open-errors"]
    env = {} if by_worker else {"ROPA_SIGNING_WORKER": "0"}
    exit_code, modules = loaded_modules(
        CLI_CHILD, "export", str(typical), "--format", "pdf", "-o", str(pdf), *sign, env=env
    )
    assert exit_code == 0
    assert b"/ByteRange" in pdf.read_bytes()  # signed
    signing_libraries = {"pyhanko", "cryptography"} & roots(modules, EXPORT_LIBRARIES)
    assert signing_libraries == (set() if by_worker else {"pyhanko", "cryptography"})
    assert "aiohttp" not in {name.split(".")[0] for name in modules}


def test_the_signing_worker_imports_no_network_client() -> None:
    """The worker imports the signing code at its start (then waits for the command): no aiohttp."""
    child = (
        "import io, json, sys\nfrom ropa_desktop.signing.worker import serve\n"
        "code = serve(io.BytesIO(), io.BytesIO())\n"
        "print(json.dumps({'exit': code, 'modules': sorted(sys.modules)}))"
    )
    exit_code, modules = loaded_modules(child)
    assert exit_code == 0
    assert {"pyhanko", "cryptography"} <= roots(modules, EXPORT_LIBRARIES)
    assert "aiohttp" not in {name.split(".")[0] for name in modules}


def test_a_signed_pdf_records_its_approval_without_sqlalchemy_or_fonttools(typical: Path, tmp_path: Path) -> None:
    """Signing writes its approval over sqlite3 (store.plain_write) and stamps in a standard font (issue 16)."""
    from ropa_desktop.store.plain_read import read_snapshot

    passphrase = tmp_path / "passfrase.txt"
    passphrase.write_text("styrets passfrase\n", encoding="utf-8")
    p12 = tmp_path / "styre.p12"
    cert = ["cert", "create", "--name", "Styreleder Åse Ødegård", "-o", str(p12), "--passphrase-file", str(passphrase)]
    assert loaded_modules(CLI_CHILD, *cert)[0] == 0
    pdf = tmp_path / "signert.pdf"
    sign = ["--sign", "--p12", str(p12), "--passphrase-file", str(passphrase), "--allow-open-errors"]
    exit_code, modules = loaded_modules(CLI_CHILD, "export", str(typical), "--format", "pdf", "-o", str(pdf), *sign)
    assert exit_code == 0
    assert b"/ByteRange" in pdf.read_bytes()
    assert "ropa_desktop.store.plain_write" in modules
    assert roots(modules, (*STORE_LIBRARIES, "fontTools")) == set()
    approvals = read_snapshot(typical).organisations[0].approvals
    assert [a.signers for a in approvals] == [["Styreleder Åse Ødegård"]]
