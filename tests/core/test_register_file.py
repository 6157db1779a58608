"""Opening, refusing, locking, copying and migrating register files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from ropa_desktop.errors import (
    NotARegister,
    RegisterCorrupt,
    RegisterInUse,
    RegisterNotFound,
    RegisterTooNew,
    RopaError,
)
from ropa_desktop.i18n import translator
from ropa_desktop.interchange.json_format import export_json
from ropa_desktop.store import migrations
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests.core.helpers import digest, make_register, run_cli

REPO = Path(__file__).resolve().parents[2]


def _zero_length(p: Path) -> None:
    p.write_bytes(b"")


def _random_bytes(p: Path) -> None:
    p.write_bytes(os.urandom(8192))


def _png(p: Path) -> None:
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))


def _json_named_ropa(p: Path) -> None:
    p.write_text('{"format": "ropa-register", "version": 1, "organisations": []}\n', encoding="utf-8")


def _other_sqlite_database(p: Path) -> None:
    with sqlite3.connect(p) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ola Nordmann')")
    conn.close()


def _truncated(p: Path) -> None:
    make_register(p)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])


def _truncated_header(p: Path) -> None:
    make_register(p)
    p.write_bytes(p.read_bytes()[:60])


def _garbage_page(p: Path) -> None:
    make_register(p, activities=60)
    data = bytearray(p.read_bytes())
    page = 4096
    data[3 * page : 4 * page] = os.urandom(page)
    p.write_bytes(bytes(data))


def _newer_version(p: Path) -> None:
    make_register(p)
    with sqlite3.connect(p) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()


BAD_FILES: dict[str, tuple[Callable[[Path], None], type[RopaError]]] = {
    "zero-length": (_zero_length, NotARegister),
    "random bytes": (_random_bytes, NotARegister),
    "a PNG": (_png, NotARegister),
    "JSON with the register suffix": (_json_named_ropa, NotARegister),
    "another program's SQLite database": (_other_sqlite_database, NotARegister),
    "truncated": (_truncated, RegisterCorrupt),
    "truncated inside the header": (_truncated_header, RegisterCorrupt),
    "a page overwritten with garbage": (_garbage_page, RegisterCorrupt),
    "a newer schema version": (_newer_version, RegisterTooNew),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("readonly", [False, True], ids=["read-write", "read-only"])
def test_bad_file_is_refused_and_left_untouched(tmp_path: Path, kind: str, readonly: bool) -> None:
    make, expected = BAD_FILES[kind]
    path = tmp_path / "register.ropa"
    make(path)
    before = digest(path)
    siblings = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".~lock."))

    with pytest.raises(expected) as excinfo:
        RegisterFile.open(path, readonly=readonly)

    assert digest(path) == before
    # Nothing written beside it either: no WAL, no shared memory, no backup (a lock file may remain).
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".~lock."))
    assert left == siblings
    # The message names the file, in the user's language, and says nothing was changed where relevant.
    assert str(path) in excinfo.value.render()
    assert str(path) in excinfo.value.render(translator("nb"))


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_cli_reports_a_bad_file_in_one_line(tmp_path: Path, kind: str) -> None:
    make, _ = BAD_FILES[kind]
    path = tmp_path / "register.ropa"
    make(path)
    before = digest(path)
    code, _, stderr = run_cli("info", path)
    assert code == 2
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert digest(path) == before


def test_a_real_process_reports_a_bad_file_in_one_line(tmp_path: Path) -> None:
    """The same through the installed entry point: exit status 2 and one line on stderr, no traceback."""
    make, _ = BAD_FILES["random bytes"]
    path = tmp_path / "register.ropa"
    make(path)
    result = subprocess.run(
        [sys.executable, "-m", "ropa_desktop.cli", "info", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RegisterNotFound):
        RegisterFile.open(tmp_path / "nope.ropa")


def test_second_writer_is_told_the_file_is_in_use_and_may_read(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa")
    with RegisterFile.open(path) as writer:
        with pytest.raises(RegisterInUse):
            RegisterFile.open(path)
        with RegisterFile.open(path, readonly=True) as reader:
            assert reader.readonly
            writer.apply(ops.Update("organisation", 1, {"email": "personvern@mekonomercompany.no"}))
            assert reader.snapshot().organisations[0].organisation.email == "personvern@mekonomercompany.no"
    # Once the writer closed, the file opens for writing again.
    with RegisterFile.open(path) as again:
        assert not again.readonly


def test_another_process_holding_the_register_blocks_writers(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import sys
                from ropa_desktop.store.register import RegisterFile
                r = RegisterFile.open({str(path)!r})
                print("open", flush=True)
                sys.stdin.readline()
                r.close()
            """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(RegisterInUse):
            RegisterFile.open(path)
        with RegisterFile.open(path, readonly=True) as reader:
            assert reader.snapshot().activity_count == 30
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    with RegisterFile.open(path) as reg:
        assert not reg.readonly


def test_save_a_copy_is_a_complete_standalone_register(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa")
    with RegisterFile.open(path) as reg:
        reg.apply(ops.Update("organisation", 1, {"address": "Postboks 1014, 2804 Gjøvik"}))
        reg.save_copy(tmp_path / "copy.ropa")
        original = export_json(reg)
    assert not (tmp_path / "copy.ropa-wal").exists()
    with RegisterFile.open(tmp_path / "copy.ropa") as copy:
        assert export_json(copy) == original


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa")
    before = digest(path)
    with pytest.raises(RopaError, match="already exists"):
        RegisterFile.create(path)
    assert digest(path) == before


def test_failed_populate_leaves_an_existing_file_untouched(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa")
    before = digest(path)

    def explode(conn: sa.Connection) -> None:
        raise RuntimeError("import failed half-way")

    with pytest.raises(RuntimeError):
        RegisterFile.create(path, overwrite=True, populate=explode)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".~lock")) == ["r.ropa"]


def test_older_file_is_backed_up_then_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_register(tmp_path / "r.ropa")
    before = digest(path)

    def add_review_cycle(conn: sa.Connection) -> None:
        conn.exec_driver_sql("ALTER TABLE processing_activity ADD COLUMN review_cycle_months INTEGER")

    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (current + 1, add_review_cycle)])
    with RegisterFile.open(path) as reg:
        assert reg.schema_version == current + 1
        assert reg.backup_path == tmp_path / f"r.v{current}.bak.ropa"
        with reg.read() as conn:
            columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(processing_activity)")]
        assert "review_cycle_months" in columns
    assert digest(path) != before
    # The backup is the old version, complete and readable by the old program.
    with sqlite3.connect(tmp_path / f"r.v{current}.bak.ropa") as backup:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == current
        assert backup.execute("SELECT count(*) FROM processing_activity").fetchone()[0] == 30
    backup.close()


def test_integrity_after_normal_use(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa")
    with RegisterFile.open(path) as reg:
        assert reg.integrity_check() == ["ok"]
