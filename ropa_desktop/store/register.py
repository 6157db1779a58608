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

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import (
    FileExistsError_,
    FolderNotWritable,
    RegisterCorrupt,
    RegisterNameTooLong,
    RegisterReadOnly,
    RegisterUnreadable,
    RopaError,
    short_path,
)
from ropa_desktop.safe_files import atomic_output, check_output
from ropa_desktop.store import access, locking, migrations, sqlite
from ropa_desktop.store import operations as ops
from ropa_desktop.store.locking import RegisterLock
from ropa_desktop.store.plain_read import existing_register_path, unreadable_where
from ropa_desktop.store.schema import metadata
from ropa_desktop.store.snapshot import load_snapshot

SUFFIX = ".ropa"


class RegisterFile:
    """An open register. Use :meth:`create` or :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, path: Path, engine: sa.Engine, lock: RegisterLock | None, readonly: bool, version: int) -> None:
        self.path = path
        self._engine = engine
        self._lock = lock
        self.readonly = readonly
        self.schema_version = version
        self.backup_path: Path | None = None  # set when opening migrated the file
        self.actor = ops.default_actor()  # who the audit trail names; the editor may set the user's own name
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
        check_output(path, force=overwrite)
        _check_name_length(path)
        locking.remove_stale_locks(locking.real_path(path).parent)
        lock = locking.acquire(path)
        try:
            if os.path.lexists(path) and not overwrite:
                raise FileExistsError_(path=str(path))
            with atomic_output(path, replace=overwrite) as tmp:
                engine = sqlite.make_engine(tmp)
                try:
                    with engine.connect().execution_options(ropa_write=True) as conn, conn.begin():
                        metadata.create_all(conn)
                        sqlite.set_identity(conn, migrations.SCHEMA_VERSION)
                        if populate is not None:
                            populate(conn)
                finally:
                    engine.dispose()  # checkpoints: the temporary file is now complete on its own
                # A leftover -wal of the file being replaced would be replayed onto the new one.
                sqlite.remove_sidecars(path)
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
        path = existing_register_path(path)
        if not readonly:
            locking.remove_stale_locks(locking.real_path(path).parent)
        header = _validated_header(path)
        if readonly:
            return cls._open_readonly(path, header.user_version)
        access.check_writable(path)  # the real cause (permissions, read-only disk), not "in use"
        try:
            lock = locking.acquire(path)
        except FolderNotWritable:
            raise access.not_writable_error(path, access.WriteBlock.FOLDER_READ_ONLY) from None
        try:
            return cls._open_locked(path, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, path: Path, lock: RegisterLock) -> RegisterFile:
        _validated_header(path)
        existed = sqlite.existing_sidecars(path)
        # Check with a plain connection first: nothing is written until the file has passed.
        try:
            with closing(sqlite.connect(path)) as raw:
                healthy = sqlite.quick_check(raw)
                version = sqlite.get_user_version(raw)
        except sqlite3.DatabaseError:
            healthy = False
        if not healthy:
            sqlite.remove_new_sidecars(path, existed)  # we hold the lock: nobody else made them
            raise RegisterCorrupt(path=short_path(path))
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
        # In a folder nobody here can write, SQLite cannot make the WAL index it needs to read a WAL
        # file, and would call a healthy register unopenable; nothing can change it there either.
        # (A probe, not os.access: root on a read-only disk is told the folder is writable.)
        immutable = not access.folder_writable(path.parent) and not Path(f"{path}-shm").exists()
        try:
            with closing(sqlite.connect(path, readonly=True, immutable=immutable)) as raw:
                healthy = sqlite.quick_check(raw)
            if not healthy:
                raise RegisterCorrupt(path=short_path(path))
            engine = sqlite.make_engine(path, readonly=True, immutable=immutable)
            register = cls(path, engine, None, readonly=True, version=version)
        except sqlite3.DatabaseError:
            sqlite.remove_new_sidecars(path, existed)
            raise RegisterCorrupt(path=short_path(path)) from None
        except BaseException:
            sqlite.remove_new_sidecars(path, existed)
            raise
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
            if self._sidecars_before is not None and locking.is_free(self.path):
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
            ops.write_audit(conn, applied.audit, self.actor)
        return applied

    def save_copy(self, destination: Path | str) -> None:
        """Write a consistent copy of the register with SQLite's backup API (never onto the register itself)."""
        check_output(Path(destination), force=True, inputs=[self.path])
        with self._engine.connect() as conn:
            sqlite.backup_to(conn, Path(destination))

    # ------------------------------------------------------------------ reading

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A read transaction: a consistent view even while another connection writes."""
        with self._engine.connect() as conn, conn.begin():
            yield conn

    def snapshot(self, organisation_id: int | None = None) -> RegisterSnapshot:
        with self._readable(), self.read() as conn:
            return load_snapshot(conn, self.schema_version, organisation_id)

    @contextmanager
    def _readable(self) -> Iterator[None]:
        """Turn a value that passed SQLite's checks but cannot be read (wrong type, damaged text) into one message."""
        try:
            yield
        except RopaError:
            raise
        except (sqlite3.DatabaseError, sa.exc.DatabaseError):
            raise RegisterCorrupt(path=short_path(self.path)) from None
        except (ValueError, TypeError, LookupError, ArithmeticError, sa.exc.StatementError) as exc:
            raise RegisterUnreadable(path=short_path(self.path), where=unreadable_where(exc)) from None

    def links(self, link: str, owner_id: int) -> tuple[int, ...]:
        with self._readable(), self.read() as conn:
            return ops.current_links(conn, link, owner_id)

    def integrity_check(self) -> list[str]:
        with self._engine.connect() as conn:
            return sqlite.integrity_check(conn)

    def audit_trail(self, limit: int | None = None) -> list[dict[str, Any]]:
        from ropa_desktop.store.schema import audit_entry as t

        q = sa.select(t).order_by(t.c.id.desc())
        if limit is not None:
            q = q.limit(limit)
        with self.read() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]


# SQLite adds "-wal" and "-shm" to the register's name while it is open for writing.
_SIDECAR_ROOM = 4


def _check_name_length(path: Path) -> None:
    limit = _name_max(path.parent) - _SIDECAR_ROOM
    if len(os.fsencode(path.name)) > limit:
        raise RegisterNameTooLong(path=short_path(path), limit=limit)


def _name_max(folder: Path) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):
        return 255


def _validated_header(path: Path) -> sqlite.FileHeader:
    return sqlite.validated_header(path, migrations.SCHEMA_VERSION)
