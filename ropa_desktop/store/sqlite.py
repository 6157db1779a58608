"""Everything SQLite-specific: file header checks, connection pragmas, backups.

This is the one module that knows the register file is SQLite. The rest of the
store speaks portable SQLAlchemy, so a shared server database can be added
behind the same operations later.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa_desktop.errors import NotARegister, RegisterCorrupt, RegisterNotFound, RegisterTooNew, from_os_error
from ropa_desktop.safe_files import atomic_output

# SQLAlchemy is imported by the functions that use it: reading a register with the standard
# library alone (store.plain_read: ropa info, check, export) must not load it (issue 16).
if TYPE_CHECKING:
    import sqlalchemy as sa

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id: "ROPA" in ASCII, so `file` and other tools can tell our files apart.
APPLICATION_ID = 0x524F5041
HEADER_SIZE = 100


@dataclass(frozen=True)
class FileHeader:
    page_size: int
    page_count: int | None  # None when the in-header size is not valid (see SQLite file format §1.3.8)
    application_id: int
    user_version: int


def read_header(path: Path) -> FileHeader:
    """Read and sanity-check the 100-byte database header without opening SQLite.

    Doing this in Python first means a file that is not ours is never handed to
    SQLite, which could otherwise initialise an empty file or roll back a journal.
    """
    size = path.stat().st_size
    if size == 0:
        raise NotARegister(path=str(path))
    with path.open("rb") as fh:
        header = fh.read(HEADER_SIZE)
    if not header.startswith(SQLITE_MAGIC[: min(len(header), len(SQLITE_MAGIC))]) or len(header) < len(SQLITE_MAGIC):
        raise NotARegister(path=str(path))
    if len(header) < HEADER_SIZE:
        raise RegisterCorrupt(path=str(path))
    (raw_page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise RegisterCorrupt(path=str(path))
    change_counter, in_header_pages = struct.unpack(">II", header[24:32])
    (user_version,) = struct.unpack(">i", header[60:64])
    (application_id,) = struct.unpack(">I", header[68:72])
    (valid_for,) = struct.unpack(">I", header[92:96])
    page_count = in_header_pages if in_header_pages and valid_for == change_counter else None
    return FileHeader(page_size, page_count, application_id, user_version)


def validated_header(path: Path, supported_version: int) -> FileHeader:
    """The header of a register this program can read, or the error that says why the file is not one."""
    from ropa_desktop.errors import short_path

    try:
        header = read_header(path)
    except FileNotFoundError:
        raise RegisterNotFound(path=short_path(path)) from None
    except OSError as exc:
        raise from_os_error(exc, path) from None
    if header.application_id != APPLICATION_ID:
        raise NotARegister(path=str(path))
    if header.user_version > supported_version:
        raise RegisterTooNew(path=str(path), found=header.user_version, supported=supported_version)
    if header.user_version < 1:
        raise NotARegister(path=str(path))
    check_size(path, header)
    return header


def check_size(path: Path, header: FileHeader) -> None:
    """Detect a truncated file from the header's page count.

    Skipped while a write-ahead log is present: after a crash in the middle of a
    checkpoint the main file may legitimately be short until SQLite recovers it.
    """
    wal = Path(str(path) + "-wal")
    if os.path.exists(wal) and wal.stat().st_size > 0:
        return
    size = path.stat().st_size
    if size % header.page_size:
        raise RegisterCorrupt(path=str(path))
    if header.page_count is not None and size < header.page_count * header.page_size:
        raise RegisterCorrupt(path=str(path))


def connect(path: Path, readonly: bool = False, wal: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A driver connection with the register's pragmas; ``wal`` switches the file to WAL (a write).

    ``immutable`` (read-only only): the file is in a folder nobody here can write, so SQLite must
    not try to create its WAL index beside it.
    """
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        if immutable or _unshareable(Path(path)):
            # In a folder we cannot write, SQLite cannot make the shared-memory file a WAL reader
            # needs. No writer is active either (it would have made one), so read the file as is.
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    # Transactions are begun explicitly (see _begin below), not by the driver.
    conn.isolation_level = None
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    if not readonly:
        # FULL: the WAL is synced at every commit, so an edit is durable when the call returns.
        conn.execute("PRAGMA synchronous = FULL")
    if wal and not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
    return conn


def _unshareable(path: Path) -> bool:
    folder_writable = os.access(path.parent, os.W_OK | os.X_OK) if os.name != "nt" else True
    return not folder_writable and not os.path.exists(str(path) + "-shm")


def make_engine(path: Path, readonly: bool = False, immutable: bool = False) -> sa.Engine:
    """An engine whose write transactions take SQLite's write lock up front (BEGIN IMMEDIATE)."""
    import sqlalchemy as sa
    from sqlalchemy import event
    from sqlalchemy.pool import QueuePool

    engine = sa.create_engine(
        "sqlite://",
        creator=lambda: connect(path, readonly, wal=True, immutable=immutable),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=8,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get("ropa_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def set_identity(conn: sa.Connection, user_version: int) -> None:
    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.exec_driver_sql(f"PRAGMA user_version = {int(user_version)}")


def get_user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def quick_check(conn: sqlite3.Connection) -> bool:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # the report itself may quote damaged text
        return False
    return rows == ["ok"]


def integrity_check(conn: sa.Connection) -> list[str]:
    return [str(r) for r in conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()]


def backup_to(source: sa.Connection, destination: Path) -> None:
    """Copy a live database with SQLite's online backup API, atomically.

    The copy is written beside the destination and renamed into place, so a
    failed copy never leaves a half-written file under the destination's name.
    """
    raw: Any = source.connection.dbapi_connection
    with atomic_output(destination) as tmp:
        dest = sqlite3.connect(str(tmp))
        try:
            raw.backup(dest)
            # A copy is a standalone file: no -wal beside it to forget when it is mailed.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()


SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


def existing_sidecars(path: Path) -> set[Path]:
    return {side for side in (Path(str(path) + s) for s in SIDECAR_SUFFIXES) if os.path.lexists(side)}


def remove_new_sidecars(path: Path, existed: set[Path]) -> None:
    """Remove the -wal/-shm files a reader created beside ``path`` (never ones that were there before)."""
    for side in existing_sidecars(path) - existed:
        if side.name.endswith("-wal") and side.stat().st_size:
            continue  # holds data: not ours to drop
        side.unlink(missing_ok=True)


def remove_sidecars(path: Path) -> None:
    """Remove a stale WAL and shared-memory file before a new database replaces ``path``.

    A leftover ``-wal`` would otherwise be replayed onto the new file.
    """
    for suffix in SIDECAR_SUFFIXES:
        side = Path(str(path) + suffix)
        if os.path.lexists(side):  # False, not an error, when the sidecar's name would be too long
            side.unlink()


def is_sqlite_error(exc: BaseException) -> bool:
    import sqlalchemy as sa

    return isinstance(exc, (sqlite3.DatabaseError, sa.exc.DatabaseError))
