"""The register file: one SQLite file per register, opened by one writer at a time.

Every change goes through :meth:`RegisterFile.apply` (one transaction, durable
when it returns). Opening never modifies a file that turns out not to be a
valid register of a version this program can read.

Opening checks the file, takes the lock and reads with the standard library's
``sqlite3`` alone; the SQLAlchemy engine that writes (the store) is made when
first needed, or earlier by :meth:`RegisterFile.open_store` (the editor calls it
right after its first paint, so SQLAlchemy never delays the first screen: issue 16).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from ropa_desktop.store import access, locking, migrations, plain_write, sqlite
from ropa_desktop.store import operations as ops
from ropa_desktop.store.locking import RegisterLock
from ropa_desktop.store.plain_read import existing_register_path, load_from, unreadable_where

if TYPE_CHECKING:
    import sqlalchemy as sa

SUFFIX = ".ropa"


class RegisterFile:
    """An open register. Use :meth:`create` or :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(
        self,
        path: Path,
        engine: sa.Engine | None,
        lock: RegisterLock | None,
        readonly: bool,
        version: int,
        immutable: bool = False,
    ) -> None:
        self.path = path
        self._engine_made = engine  # None until the store is opened (open_store, or the first write)
        self._engine_lock = threading.Lock()  # the editor opens the store in a background thread
        self._immutable = immutable  # read-only, in a folder nobody here can write (see _open_readonly)
        self._lean: sqlite3.Connection | None = None  # the opening thread's plain read connection
        self._lean_thread = threading.get_ident()
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
                from ropa_desktop.store.schema import metadata

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
        register = cls(path, None, lock, readonly=False, version=version)
        if version < migrations.SCHEMA_VERSION:
            # An older file is migrated now, through the store (a backup is made first).
            try:
                register._migrate()
            except BaseException as exc:
                register._dispose()
                if _is_database_error(exc):
                    raise RegisterCorrupt(path=str(path)) from exc
                raise
        return register

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
            register = cls(path, None, None, readonly=True, version=version, immutable=immutable)
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

    # ------------------------------------------------------------------ the store (SQLAlchemy)

    @property
    def _engine(self) -> sa.Engine:
        """The store's engine, made (and SQLAlchemy loaded) on first use; another thread making it is waited for."""
        with self._engine_lock:
            if self._engine_made is None:
                self._engine_made = sqlite.make_engine(self.path, readonly=self.readonly, immutable=self._immutable)
            return self._engine_made

    @property
    def store_opened(self) -> bool:
        """Whether the store (SQLAlchemy's engine) is open yet; reads never need it."""
        return self._engine_made is not None

    def open_store(self) -> None:
        """Load the write path now (SQLAlchemy, the tables, the engine), so the first edit does not wait for it."""
        from ropa_desktop.store import schema  # noqa: F401  (the tables the operations write)

        self._engine  # noqa: B018  (made here, in the caller's thread)

    def _dispose(self) -> None:
        with self._engine_lock:
            engine, self._engine_made = self._engine_made, None
        if self._lean is not None:
            self._lean.close()
            self._lean = None
        if engine is not None:
            engine.dispose()
        if self._lock is not None and self.path.is_file():  # (connecting would create a file that is gone)
            # Fold the WAL back into the file, so a closed register is one self-contained file (as the
            # last connection, SQLite then removes the -wal and -shm). If another reader holds the WAL,
            # SQLite checkpoints later; closing must not fail.
            with contextlib.suppress(sqlite3.Error, OSError), closing(sqlite.connect(self.path)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self._dispose()
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
        if self._engine_made is None and plain_write.can_apply(operation):
            # Records added before the store is open (signing's approvals): no SQLAlchemy to load for them.
            if self.readonly:
                raise RegisterReadOnly()
            return plain_write.apply(self.path, operation, self.actor)
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

    @contextmanager
    def lean_read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction over the standard library's ``sqlite3``: what the editor's tables and the
        read aggregate are read with (no SQLAlchemy needed). One connection for the thread that opened
        the register; another thread (the overview's count) gets one of its own for the read."""
        own = threading.get_ident() == self._lean_thread
        if own and self._lean is None:
            self._lean = sqlite.connect(self.path, readonly=True, immutable=self._immutable)
        conn = self._lean if own and self._lean is not None else None
        if conn is None:
            conn = sqlite.connect(self.path, readonly=True, immutable=self._immutable)
        try:
            conn.execute("BEGIN")  # one consistent view, even while the store commits
            try:
                yield conn
            finally:
                conn.execute("COMMIT")
        finally:
            if not own:
                conn.close()

    def snapshot(self, organisation_id: int | None = None) -> RegisterSnapshot:
        with self._readable(), self.lean_read() as conn:
            return load_from(conn, self.path, self.schema_version, organisation_id)

    @contextmanager
    def _readable(self) -> Iterator[None]:
        """Turn a value that passed SQLite's checks but cannot be read (wrong type, damaged text) into one message."""
        try:
            yield
        except RopaError:
            raise
        except Exception as exc:
            if _is_database_error(exc):
                raise RegisterCorrupt(path=short_path(self.path)) from None
            if isinstance(exc, ValueError | TypeError | LookupError | ArithmeticError) or _is_statement_error(exc):
                raise RegisterUnreadable(path=short_path(self.path), where=unreadable_where(exc)) from None
            raise

    def links(self, link: str, owner_id: int) -> tuple[int, ...]:
        from ropa_desktop.store.tables import LINK_TABLES

        table = LINK_TABLES[link].table
        sql = f'SELECT "target_id" FROM "{table}" WHERE "owner_id" = ? ORDER BY "position", "target_id"'
        with self._readable(), self.lean_read() as conn:
            return tuple(int(r[0]) for r in conn.execute(sql, (owner_id,)))

    def integrity_check(self) -> list[str]:
        with self._engine.connect() as conn:
            return sqlite.integrity_check(conn)

    def audit_trail(self, limit: int | None = None) -> list[dict[str, Any]]:
        import sqlalchemy as sa

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


def _is_database_error(exc: BaseException) -> bool:
    """A database error from the driver or from SQLAlchemy (checked only if it is loaded: it may not be)."""
    if isinstance(exc, sqlite3.DatabaseError):
        return True
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(exc, sa_exc.DatabaseError)


def _is_statement_error(exc: BaseException) -> bool:
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(exc, sa_exc.StatementError)


def _validated_header(path: Path) -> sqlite.FileHeader:
    return sqlite.validated_header(path, migrations.SCHEMA_VERSION)
