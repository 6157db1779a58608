"""Outputs never destroy inputs; temporaries never outlive their process; the register lock (issue 11 items 2, 7, 12)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from ropa_desktop import safe_files
from ropa_desktop.errors import RegisterInUse
from ropa_desktop.store import locking
from ropa_desktop.store.register import RegisterFile
from tests.core.helpers import digest, make_register, run_cli

REPO = Path(__file__).resolve().parents[2]
POSIX = sys.platform != "win32"


def _listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return make_register(tmp_path / "r.ropa", activities=3)


# --------------------------------------------------------------------------- item 2


@pytest.mark.parametrize("fmt", ["json", "xlsx", "pdf"])
def test_export_never_writes_over_the_register_it_reads(reg: Path, fmt: str) -> None:
    before = digest(reg)
    for extra in ([], ["--force"]):
        code, _out, err = run_cli("export", reg, "--format", fmt, "-o", reg, *extra)
        assert code == 2, err
        assert "is the register being read" in err
        assert len(err.strip().splitlines()) == 1
    assert digest(reg) == before
    assert _listing(reg.parent) == {"r.ropa"}


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_the_register_is_recognised_through_symlinks_and_hard_links(reg: Path, tmp_path: Path) -> None:
    before = digest(reg)
    (tmp_path / "link.ropa").symlink_to(reg)
    os.link(reg, tmp_path / "hard.json")
    for target in ("link.ropa", "hard.json"):
        code, _out, err = run_cli("export", reg, "--format", "json", "-o", tmp_path / target, "--force")
        assert code == 2 and "is the register being read" in err
        code, _out, err = run_cli("export", tmp_path / "link.ropa", "--format", "json", "-o", reg, "--force")
        assert code == 2 and "is the register being read" in err
    assert digest(reg) == before


def test_export_refuses_an_existing_file_unless_forced(reg: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    code, _out, err = run_cli("export", reg, "--format", "json", "-o", target)
    assert code == 2 and "already exists" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _out, err = run_cli("export", reg, "--format", "json", "-o", target, "--force")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("{")


def test_import_never_writes_over_its_source(tmp_path: Path) -> None:
    source = REPO / "samples" / "promeister-solutions.json"
    copy = tmp_path / "in.json"
    copy.write_bytes(source.read_bytes())
    code, _out, err = run_cli("import", copy, "-o", copy, "--force")
    assert code == 2 and "is the register being read" in err
    assert copy.read_bytes() == source.read_bytes()


def test_a_file_appearing_during_the_write_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "late.json"
    with pytest.raises(Exception, match="already exists"), safe_files.atomic_output(target, replace=False) as tmp:
        tmp.write_bytes(b"new")
        target.write_bytes(b"someone else's")
    assert target.read_bytes() == b"someone else's"
    assert _listing(tmp_path) == {"late.json"}


# --------------------------------------------------------------------------- item 7


def test_a_failed_write_leaves_no_temporary(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), safe_files.atomic_output(tmp_path / "x.pdf") as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("stop")
    assert _listing(tmp_path) == set()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporaries_of_a_killed_process_are_removed_at_the_next_start(reg: Path, tmp_path: Path) -> None:
    dead = _dead_pid()
    host = safe_files.HOST_TAG
    stale = [f".~ropa-{host}-{dead}-0a1b2c3d.tmp", f".~ropa-{host}-{dead}-0a1b2c3d.tmp-wal"]
    live = f".~ropa-{host}-{os.getpid()}-deadbeef.tmp"  # a live process's (ours): must stay
    other_host = f".~ropa-{'0000' if host != '0000' else '1111'}-{dead}-12345678.tmp"  # another machine's
    foreign = ".~ropa-notes.txt"
    for name in [*stale, live, other_host, foreign]:
        (tmp_path / name).write_bytes(b"register text")
    temp_dir = Path(tempfile.gettempdir()) / f"ropa-{host}-{dead}-abc"
    temp_dir.mkdir()
    (temp_dir / "sheet.xml").write_text("register text", encoding="utf-8")

    code, _out, err = run_cli("info", reg)
    assert code == 0, err
    assert not temp_dir.exists()
    assert _listing(tmp_path) == {"r.ropa", live, other_host, foreign}


def test_excel_streams_are_written_to_our_private_temp_folder_and_removed(reg: Path, tmp_path: Path) -> None:
    from openpyxl.worksheet import _writer

    import ropa_desktop.exports.xlsx_export  # noqa: F401 - routes openpyxl's streams on import

    made: list[str] = []
    original = _writer.create_temporary_file

    def spy(suffix: str = "") -> str:
        name: str = original(suffix)
        made.append(name)
        return name

    _writer.create_temporary_file = spy
    try:
        code, _out, err = run_cli("export", reg, "--format", "xlsx", "-o", tmp_path / "r.xlsx")
    finally:
        _writer.create_temporary_file = original
    assert code == 0, err
    assert made and all(Path(name).parent == safe_files.private_temp_dir() for name in made)
    assert not any(Path(name).exists() for name in made)


def test_a_killed_signed_export_leaves_its_print_out_under_our_temporary_name(tmp_path: Path) -> None:
    # The unsigned print-out is the temporary the next start removes: its name must be ours.
    assert safe_files.is_our_temporary(safe_files.temporary_path(tmp_path))
    from ropa_desktop.signing import board

    assert "temporary_path" in board._print_sign_record.__code__.co_names


# --------------------------------------------------------------------------- item 12


@pytest.mark.skipif(not POSIX, reason="symlinks need privileges on Windows")
def test_a_symlink_does_not_let_a_second_writer_in(reg: Path, tmp_path: Path) -> None:
    alias = tmp_path / "elsewhere" / "alias.ropa"
    alias.parent.mkdir()
    alias.symlink_to(reg)
    with RegisterFile.open(reg), pytest.raises(RegisterInUse):
        RegisterFile.open(alias)
    with RegisterFile.open(alias), pytest.raises(RegisterInUse):
        RegisterFile.open(reg)


def test_the_lock_file_is_removed_on_close_and_readers_leave_none(reg: Path) -> None:
    with RegisterFile.open(reg):
        assert locking.lock_path(reg).exists()
    assert _listing(reg.parent) == {"r.ropa"}
    commands: list[list[str | Path]] = [
        ["info", reg],
        ["check", reg],
        ["export", reg, "--format", "json", "-o", reg.parent / "o.json"],
    ]
    for command in commands:
        run_cli(*command)
    assert _listing(reg.parent) == {"r.ropa", "o.json"}


def test_a_stale_lock_file_never_blocks(reg: Path) -> None:
    holder = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import os
                from ropa_desktop.store.register import RegisterFile
                RegisterFile.open({str(reg)!r})
                os._exit(0)  # killed: no clean close, the lock file stays
            """),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    assert holder.returncode == 0
    assert locking.lock_path(reg).exists()
    with RegisterFile.open(reg) as again:
        assert not again.readonly
    assert not locking.lock_path(reg).exists()  # removed: nobody held it


@pytest.mark.skipif(not POSIX, reason="file modes")
def test_lock_files_are_readable_by_others(reg: Path) -> None:
    old = os.umask(0o077)
    try:
        with RegisterFile.open(reg):
            mode = locking.lock_path(reg).stat().st_mode & 0o777
    finally:
        os.umask(old)
    assert mode == 0o644


@pytest.mark.skipif(not POSIX, reason="file modes")
def test_another_users_read_only_lock_file_does_not_block(reg: Path) -> None:
    lock = locking.lock_path(reg)
    lock.write_bytes(b"")
    lock.chmod(0o444)  # as another user's file looks to us: we may read it, not write it
    try:
        with RegisterFile.open(reg) as again:
            assert not again.readonly
    finally:
        if lock.exists():
            lock.chmod(0o644)
    assert not lock.exists()


def test_long_register_names_get_a_short_lock_name(tmp_path: Path) -> None:
    name = "å" * 120 + ".ropa"  # 245 bytes in UTF-8
    path = make_register(tmp_path / name, activities=1)
    assert len(os.fsencode(locking.lock_path(path).name)) < 100
    with RegisterFile.open(path) as again:
        assert not again.readonly


def _start_and_kill(code: str, folder: Path) -> None:
    """Run ``code`` in a child that prints "ready" at the critical moment, then SIGKILL it there."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout is not None
        lines = iter(child.stdout.readline, "")
        assert any(line.strip() == "ready" for line in lines)
    finally:
        child.kill()
        child.wait()


@pytest.mark.slow
@pytest.mark.skipif(not POSIX, reason="SIGKILL")
def test_a_killed_import_and_a_killed_excel_export_are_cleaned_up_at_the_next_start(tmp_path: Path) -> None:
    source = REPO / "samples" / "promeister-solutions.json"
    _start_and_kill(
        f"""
        import time
        from ropa_desktop.interchange import json_format
        real = json_format.write_validated
        def slow(conn, data):
            real(conn, data)
            print("ready", flush=True)
            time.sleep(60)
        json_format.write_validated = slow
        from ropa_desktop.cli import main
        main(["import", {str(source)!r}, "-o", "r.ropa"])
        """,
        tmp_path,
    )
    leftovers = [p for p in tmp_path.iterdir() if safe_files.is_our_temporary(p)]
    assert leftovers, "the kill came too late to test anything"
    assert not (tmp_path / "r.ropa").exists()

    _start_and_kill(
        f"""
        import time
        from ropa_desktop.exports import xlsx_export
        real = xlsx_export._Book.meta_sheet
        def slow(self):
            real(self)
            print("ready", flush=True)
            time.sleep(60)
        xlsx_export._Book.meta_sheet = slow
        from ropa_desktop.cli import main
        main(["import", {str(source)!r}, "-o", "done.ropa"])
        main(["export", "done.ropa", "--format", "xlsx", "-o", "r.xlsx"])
        """,
        tmp_path,
    )
    streams = [p for p in Path(tempfile.gettempdir()).glob(f"ropa-{safe_files.HOST_TAG}-*") if any(p.glob("sheet.*"))]
    assert streams
    code, _out, err = run_cli("import", source, "-o", tmp_path / "again.ropa")
    assert code == 0, err
    assert not any(p.exists() for p in streams)
    # SQLite's own -wal/-shm of the register the killed export was reading are SQLite's to recover.
    left = {p.name for p in tmp_path.iterdir()} - {"done.ropa-wal", "done.ropa-shm"}
    assert left == {"done.ropa", "again.ropa"}
