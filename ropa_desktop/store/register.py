"""The register file: one SQLite file per register, opened by one writer at a time.

Every change goes through :meth:`RegisterFile.apply` (one transaction, durable
when it returns). Opening never modifies a file that turns out not to be a
valid register of a version this program can read.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from filelock import FileLock, Timeout

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import (
    FileExistsError_,
    NotARegister,
    RegisterCorrupt,
    RegisterInUse,
    RegisterNotFound,
    RegisterReadOnly,
    RegisterTooNew,
)
from ropa_desktop.store import migrations, sqlite
from ropa_desktop.store import operations as ops
from ropa_desktop.store.schema import metadata
from ropa_desktop.store.snapshot import load_snapshot

SUFFIX = ".ropa"


def lock_path(path: Path) -> Path:
    """The lock file beside a register (hidden on macOS and Linux)."""
    return path.with_name(f".~lock.{path.name}#")


class RegisterFile:
    """An open register. Use :meth:`create` or :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, path: Path, engine: sa.Engine, lock: FileLock | None, readonly: bool, version: int) -> None:
        self.path = path
        self._engine = engine
        self._lock = lock
        self.readonly = readonly
        self.schema_version = version
        self.backup_path: Path | None = None  # set when opening migrated the file
        self._sidecars_before: set[Path] | None = None  # read-only: what to leave behind on close

    # ------------------------------------------------------------------ life cycle

    @classmethod
    def create(
        cls,
        path: Path | str,
        overwrite: bool = False,
        populate: Callable[[sa.Connection], None] | None = None,
    ) -> RegisterFile:
        """Make a new register at ``path`` and open it for writing.

        ``populate`` fills it (an import) in the same transaction that creates
        the schema. The file is built under a temporary name and renamed into
        place, so an existing file is replaced only by a complete register.
        """
        path = Path(path)
        lock = _acquire_lock(path)
        try:
            if path.exists() and not overwrite:
                raise FileExistsError_(path=str(path))
            tmp = path.with_name(f".{path.name}.new-{os.getpid()}")
            sqlite.remove_sidecars(tmp)
            if tmp.exists():
                tmp.unlink()
            engine = sqlite.make_engine(tmp)
            try:
                with engine.connect().execution_options(ropa_write=True) as conn, conn.begin():
                    metadata.create_all(conn)
                    sqlite.set_identity(conn, migrations.SCHEMA_VERSION)
                    if populate is not None:
                        populate(conn)
                engine.dispose()  # checkpoints: the temporary file is now complete on its own
                sqlite.remove_sidecars(path)
                os.replace(tmp, path)
            finally:
                engine.dispose()
                sqlite.remove_sidecars(tmp)
                if tmp.exists():
                    tmp.unlink()
            return cls._open_locked(path, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(cls, path: Path | str, readonly: bool = False) -> RegisterFile:
        """Open an existing register.

        Raises :class:`RegisterInUse` when another process has it open for
        writing (the caller may then retry with ``readonly=True``).
        """
        path = Path(path)
        if not path.is_file():
            raise RegisterNotFound(path=str(path))
        header = _validated_header(path)
        if readonly:
            return cls._open_readonly(path, header.user_version)
        lock = _acquire_lock(path)
        try:
            return cls._open_locked(path, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, path: Path, lock: FileLock) -> RegisterFile:
        _validated_header(path)
        # Check with a plain connection first: nothing is written until the file has passed.
        try:
            with closing(sqlite.connect(path)) as raw:
                healthy = sqlite.quick_check(raw)
                version = sqlite.get_user_version(raw)
        except sqlite3.DatabaseError as exc:
            raise RegisterCorrupt(path=str(path)) from exc
        if not healthy:
            raise RegisterCorrupt(path=str(path))
        engine = sqlite.make_engine(path)
        try:
            register = cls(path, engine, lock, readonly=False, version=version)
            if version < migrations.SCHEMA_VERSION:
                register._migrate()
            return register
        except sa.exc.DatabaseError as exc:
            engine.dispose()
            raise RegisterCorrupt(path=str(path)) from exc
        except BaseException:
            engine.dispose()
            raise

    @classmethod
    def _open_readonly(cls, path: Path, version: int) -> RegisterFile:
        existed = sqlite.existing_sidecars(path)
        try:
            with closing(sqlite.connect(path, readonly=True)) as raw:
                healthy = sqlite.quick_check(raw)
        except sqlite3.DatabaseError as exc:
            sqlite.remove_new_sidecars(path, existed)
            raise RegisterCorrupt(path=str(path)) from exc
        if not healthy:
            sqlite.remove_new_sidecars(path, existed)
            raise RegisterCorrupt(path=str(path))
        register = cls(path, sqlite.make_engine(path, readonly=True), None, readonly=True, version=version)
        register._sidecars_before = existed
        return register

    def _migrate(self) -> None:
        backup = self.path.with_name(f"{self.path.stem}.v{self.schema_version}.bak{self.path.suffix}")
        with self._engine.connect() as conn:
            sqlite.backup_to(conn, backup)
        self.backup_path = backup
        for version, step in migrations.pending(self.schema_version):
            with self._write() as conn:
                step(conn)
                sqlite.set_identity(conn, version)
            self.schema_version = version

    def close(self) -> None:
        if self._engine is not None:
            if not self.readonly:
                # If another reader holds the WAL, SQLite checkpoints later; closing must not fail.
                with contextlib.suppress(sa.exc.DatabaseError, sqlite3.DatabaseError):
                    sqlite.checkpoint(self._engine)
            self._engine.dispose()
            if self._sidecars_before is not None and _lock_is_free(self.path):
                sqlite.remove_new_sidecars(self.path, self._sidecars_before)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> RegisterFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        if self.readonly:
            raise RegisterReadOnly()
        with self._engine.connect().execution_options(ropa_write=True) as conn, conn.begin():
            yield conn

    def apply(self, operation: ops.Operation) -> ops.Applied:
        """Perform one store operation as one durable transaction and return its inverse."""
        with self._write() as conn:
            applied = ops.apply(conn, operation)
            ops.write_audit(conn, applied.audit)
        return applied

    def save_copy(self, destination: Path | str) -> None:
        """Write a consistent copy of the register with SQLite's backup API."""
        with self._engine.connect() as conn:
            sqlite.backup_to(conn, Path(destination))

    # ------------------------------------------------------------------ reading

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A read transaction: a consistent view even while another connection writes."""
        with self._engine.connect() as conn, conn.begin():
            yield conn

    def snapshot(self, organisation_id: int | None = None) -> RegisterSnapshot:
        with self.read() as conn:
            return load_snapshot(conn, self.schema_version, organisation_id)

    def links(self, link: str, owner_id: int) -> tuple[int, ...]:
        with self.read() as conn:
            return ops.current_links(conn, link, owner_id)

    def integrity_check(self) -> list[str]:
        with self._engine.connect() as conn:
            return sqlite.integrity_check(conn)

    def audit_trail(self, limit: int | None = None) -> list[dict[str, Any]]:
        from ropa_desktop.store.schema import AuditEntryRow

        t = AuditEntryRow.__table__  # type: ignore[attr-defined]
        q = sa.select(t).order_by(t.c.id.desc())
        if limit is not None:
            q = q.limit(limit)
        with self.read() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]


def _validated_header(path: Path) -> sqlite.FileHeader:
    try:
        header = sqlite.read_header(path)
    except OSError as exc:
        raise RegisterNotFound(path=str(path)) from exc
    if header.application_id != sqlite.APPLICATION_ID:
        raise NotARegister(path=str(path))
    if header.user_version > migrations.SCHEMA_VERSION:
        raise RegisterTooNew(path=str(path), found=header.user_version, supported=migrations.SCHEMA_VERSION)
    if header.user_version < 1:
        raise NotARegister(path=str(path))
    sqlite.check_size(path, header)
    return header


def _lock_is_free(path: Path) -> bool:
    probe = FileLock(str(lock_path(path)), timeout=0, is_singleton=False)
    try:
        probe.acquire()
    except (Timeout, OSError):
        return False
    probe.release()
    return True


def _acquire_lock(path: Path) -> FileLock:
    lock = FileLock(str(lock_path(path)), timeout=0, is_singleton=False)
    try:
        lock.acquire()
    except Timeout:
        raise RegisterInUse(path=str(path)) from None
    except PermissionError:
        # A folder we cannot write to: nobody can write the register either.
        raise RegisterInUse(path=str(path)) from None
    return lock
