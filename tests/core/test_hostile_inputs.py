"""Hostile and damaged inputs end in one translated line naming the file, exit 2 (issue 11 items 5, 6, 8, 14)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa_desktop.store.register import RegisterFile
from tests.core.helpers import digest, make_register, run_cli, run_unprivileged

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "promeister-solutions.json"
POSIX = sys.platform != "win32"
SECRET = "Formål 1 lang tekst"  # register text that must never be printed in an error


def assert_one_line_error(code: int, out: str, err: str, path: Path | None = None) -> None:
    assert code == 2, (out, err)
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1, err
    assert SECRET not in err
    if path is not None:
        assert path.name in err


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user may enter (pytest's own is private to us)."""
    folder = Path(tempfile.mkdtemp(prefix="ropa-hostile test æøå "))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- item 6: damaged register content


def _damage(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE processing_activity SET last_reviewed = 'yesterday'",
        "UPDATE processing_activity SET operations = '{not json'",
        "UPDATE processing_activity SET legal_basis = 42",
    ],
)
@pytest.mark.parametrize("command", ["info", "check", "export"])
def test_wrongly_typed_cells_end_in_one_line(tmp_path: Path, sql: str, command: str) -> None:
    reg = make_register(tmp_path / "r.ropa", activities=3)
    _damage(reg, sql)
    before = digest(reg)
    extra: list[str | Path] = ["--format", "json", "-o", tmp_path / "o.json"] if command == "export" else []
    code, out, err = run_cli(command, reg, *extra)
    assert_one_line_error(code, out, err, reg)
    assert "damaged" in err
    assert digest(reg) == before
    assert not (tmp_path / "o.json").exists()


def test_flipped_bytes_in_a_text_page_end_in_one_line(tmp_path: Path) -> None:
    reg = make_register(tmp_path / "r.ropa", activities=30)
    data = bytearray(reg.read_bytes())
    at = data.find("Formål 5".encode())
    assert at > 0
    data[at + 5] = 0xFF  # "å" is C3 A5: two bytes no UTF-8 text can hold
    data[at + 6] = 0xFE
    reg.write_bytes(bytes(data))
    before = digest(reg)
    outcomes = set()
    commands: list[list[str | Path]] = [
        ["info", reg],
        ["check", reg],
        ["export", reg, "--format", "pdf", "-o", tmp_path / "o.pdf"],
    ]
    for command in commands:
        code, out, err = run_cli(*command)
        outcomes.add(code)
        assert code in ((0, 1, 2) if command[0] == "check" else (0, 2))
        if code == 2:
            assert_one_line_error(code, out, err, reg)
    assert 2 in outcomes  # the damage was noticed, not printed as text
    assert digest(reg) == before


# --------------------------------------------------------------------------- item 8: hostile JSON


def _sample() -> dict[str, object]:
    doc: dict[str, object] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return doc


def _hostile_documents() -> dict[str, str]:
    doc = _sample()
    org = doc["organisations"][0]  # type: ignore[index]
    out: dict[str, str] = {}
    out["nesting 1,000"] = "[" * 1_000 + "]" * 1_000
    out["nesting 100,000"] = '{"a":' * 100_000 + "1" + "}" * 100_000
    section = dict(doc, organisations=[dict(org, activities=5)])
    out["a section that is a number"] = json.dumps(section)
    big = dict(doc, organisations=[dict(org, id=2**63)])
    out["an id of 2^63"] = json.dumps(big)
    big_field = dict(doc, organisations=[dict(org, activities=[{"purpose": "x", "retention_duration": 2**64}])])
    out["a number of 2^64"] = json.dumps(big_field)
    out["a 5,000-digit number"] = '{"format": "ropa-register", "version": ' + "9" * 5000 + "}"
    return out


@pytest.mark.parametrize("name", list(_hostile_documents()))
def test_hostile_json_is_refused_in_one_error(tmp_path: Path, name: str) -> None:
    source = tmp_path / "in.json"
    source.write_text(_hostile_documents()[name], encoding="utf-8")
    code, out, err = run_cli("import", source, "-o", tmp_path / "r.ropa")
    assert code == 2, (out, err)
    assert "Traceback" not in err
    assert err.startswith("ropa: ")
    assert not (tmp_path / "r.ropa").exists()
    assert {p.name for p in tmp_path.iterdir()} == {"in.json"}


def test_lone_surrogates_and_non_characters_are_dropped_so_every_export_works(tmp_path: Path) -> None:
    doc = _sample()
    org = doc["organisations"][0]  # type: ignore[index]
    org["name"] = "Pro\ud800Meister\ufffe Solutions\uffff AS"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc), encoding="utf-8")  # ASCII escapes, as a hostile file has them
    code, _out, err = run_cli("import", source, "-o", tmp_path / "r.ropa")
    assert code == 0, err
    with RegisterFile.open(tmp_path / "r.ropa", readonly=True) as reg:
        assert reg.snapshot().organisations[0].organisation.name == "ProMeister Solutions AS"
    for fmt in ("json", "xlsx", "pdf"):
        code, _out, err = run_cli("export", tmp_path / "r.ropa", "--format", fmt, "-o", tmp_path / f"o.{fmt}")
        assert code == 0, err


def test_a_register_without_organisations_to_excel_is_a_message(tmp_path: Path) -> None:
    reg = tmp_path / "empty.ropa"
    RegisterFile.create(reg).close()
    code, out, err = run_cli("export", reg, "--format", "xlsx", "-o", tmp_path / "o.xlsx")
    assert_one_line_error(code, out, err)
    assert "no organisation" in err
    assert not (tmp_path / "o.xlsx").exists()


# --------------------------------------------------------------------------- items 5 and 14: the right diagnosis


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_a_register_in_a_read_only_folder_opens_read_only(shared_dir: Path) -> None:
    folder = shared_dir / "read-only"
    folder.mkdir()
    reg = make_register(folder / "r.ropa", activities=2)
    reg.chmod(0o644)
    folder.chmod(0o555)
    code, out, err = run_unprivileged("info", reg)
    assert code == 0, err
    assert "ProMeister Solutions AS" in out
    code, out, err = run_unprivileged("export", reg, "--format", "json", "-o", shared_dir / "o.json")
    assert code == 1 or code == 2  # our shared folder is not writable by that user either
    assert "Traceback" not in err
    assert "damaged" not in err


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_an_unreadable_register_says_permission_denied(shared_dir: Path) -> None:
    reg = make_register(shared_dir / "r.ropa", activities=1)
    reg.chmod(0o000)
    code, out, err = run_unprivileged("info", reg)
    assert_one_line_error(code, out, err, reg)
    assert "Permission denied" in err
    assert "does not exist" not in err


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_import_into_a_read_only_folder_says_the_folder_is_not_writable(shared_dir: Path) -> None:
    source = shared_dir / "in.json"
    source.write_bytes(SAMPLE.read_bytes())
    source.chmod(0o644)
    folder = shared_dir / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    code, out, err = run_unprivileged("import", source, "-o", folder / "r.ropa")
    assert_one_line_error(code, out, err)
    assert "cannot be written to" in err
    assert "another window" not in err


@pytest.mark.parametrize("length", [240, 251])
def test_register_and_output_names_of_up_to_255_bytes(tmp_path: Path, length: int) -> None:
    stem = "r" * (length - len(".ropa"))
    reg = tmp_path / f"{stem}.ropa"
    code, _out, err = run_cli("import", SAMPLE, "-o", reg)
    assert code == 0, err
    out = tmp_path / ("o" * (255 - len(".json")) + ".json")
    code, _out, err = run_cli("export", reg, "--format", "json", "-o", out)
    assert code == 0, err
    assert out.exists()
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {reg.name, out.name}


def test_a_name_too_long_for_a_register_is_a_message(tmp_path: Path) -> None:
    reg = tmp_path / ("r" * 250 + ".ropa")  # 255 bytes: no room for SQLite's "-wal"
    code, out, err = run_cli("import", SAMPLE, "-o", reg)
    assert_one_line_error(code, out, err)
    assert "too long" in err


def test_a_path_of_4054_characters_is_a_message(tmp_path: Path) -> None:
    deep = tmp_path
    while len(str(deep)) < 3_900:
        deep = deep / ("d" * 200)
    long_path = Path(str(deep / "r.ropa") + "x" * (4_054 - len(str(deep / "r.ropa"))))
    commands: list[list[str | Path]] = [
        ["info", long_path],
        ["import", SAMPLE, "-o", long_path],
        ["new", long_path, "--org", "A"],
    ]
    for command in commands:
        code, out, err = run_cli(*command)
        assert_one_line_error(code, out, err)
        assert len(err) < 500


def test_a_folder_given_as_register_is_a_message(tmp_path: Path) -> None:
    code, out, err = run_cli("info", tmp_path)
    assert_one_line_error(code, out, err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "p.json"
    os.mkfifo(pipe)
    code, out, err = run_cli("import", pipe, "-o", tmp_path / "r.ropa")
    assert_one_line_error(code, out, err)
