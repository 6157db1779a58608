"""The ropa command as a script would use it: exit codes, outputs, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_desktop.cli import build_parser
from ropa_desktop.store import migrations
from tests.core.helpers import digest, run_cli

REPO = Path(__file__).resolve().parents[2]


def ropa(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The ``ropa`` command in-process (a subprocess adds only start-up time; see ``ropa_process``)."""
    code, out, err = run_cli(*args)
    return subprocess.CompletedProcess([str(a) for a in args], code, out, err)


def ropa_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The ``ropa`` command as a real process: its entry point, exit status and stderr as a shell sees them."""
    return subprocess.run(
        [sys.executable, "-m", "ropa_desktop.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "ROPA_LANG": "en"},
    )


def test_new_info_export_import_check(tmp_path: Path) -> None:
    reg = tmp_path / "promeister.ropa"
    assert ropa("new", reg, "--org", "ProMeister Solutions AS", "--orgnr", "917100462").returncode == 0
    info = ropa("info", reg)
    assert info.returncode == 0
    assert "ProMeister Solutions AS (917100462)" in info.stdout
    assert f"Schema version: {migrations.SCHEMA_VERSION}" in info.stdout

    out = tmp_path / "out.json"
    assert ropa("export", reg, "--format", "json", "-o", out).returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["organisations"][0]["name"] == "ProMeister Solutions AS"

    # The new register has no contact details: an error-severity finding, exit 1.
    check = ropa("check", reg)
    assert check.returncode == 1
    assert "[organisation.contact.missing]" in check.stdout
    as_json = json.loads(ropa("check", reg, "--format", "json").stdout)
    assert {f["rule"] for f in as_json} == {"organisation.contact.missing"}

    doc["organisations"][0]["email"] = "personvern@mekonomercompany.no"
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(doc), encoding="utf-8")
    copy = tmp_path / "copy.ropa"
    assert ropa("import", fixed, "-o", copy).returncode == 0
    assert ropa("check", copy).returncode == 0


def test_import_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    reg = tmp_path / "r.ropa"
    ropa("new", reg, "--org", "A AS")
    source = tmp_path / "in.json"
    source.write_text('{"format": "ropa-register", "version": 1, "organisations": [{"name": "B AS"}]}')
    before = digest(reg)
    refused = ropa("import", source, "-o", reg)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert digest(reg) == before
    assert ropa("import", source, "-o", reg, "--force").returncode == 0
    assert "B AS" in ropa("info", reg).stdout


def test_bad_import_is_reported_by_path_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(
        '{"format": "ropa-register", "version": 1, "organisations": [{"name": "A", "activities": [{"legal_basis": ["g"]}]}]}'
    )
    result = ropa("import", source, "-o", tmp_path / "r.ropa")
    assert result.returncode == 2
    assert 'organisations[0].activities[0].legal_basis: unknown value "g"' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.ropa").exists()


def test_messages_follow_the_language(tmp_path: Path) -> None:
    result = ropa_process("--lang", "nb", "info", tmp_path / "missing.ropa")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["new", "import", "export", "check", "info"])
def test_every_subcommand_has_help(command: str) -> None:
    result = ropa(command, "--help")
    assert result.returncode == 0
    assert "usage: ropa " + command in result.stdout


def test_usage_errors_exit_2_in_one_line() -> None:
    result = ropa_process("export")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_parser_lists_every_export_format() -> None:
    parser = build_parser()
    assert "json" in parser.format_help() or parser.prog == "ropa"


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    """``ropa info x.ropa | head -1``: the pipe closes under the command, which stops without a message."""
    reg = tmp_path / "r.ropa"
    assert ropa("new", reg, "--org", "A AS").returncode == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written: EPIPE every time
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ropa_desktop.cli", "info", str(reg)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO), "ROPA_LANG": "en"},
        )
    finally:
        os.close(write_end)
    assert done.returncode != 0
    assert done.stderr == ""
