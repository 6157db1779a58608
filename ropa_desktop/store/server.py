"""A register on a PostgreSQL server: the same schema, operations and snapshot as a register file.

A file on a shared drive is a trap for a team (SQLite over a network file
system corrupts; the lock lets one person in). A database server is the
well-kept answer: the store's schema is portable SQLAlchemy, so the tables are
the same, and every change is still one store operation in one transaction.

Rights are the database's own: ``init`` makes two roles, editors (read and
write the register's tables) and reviewers (read only: board members,
auditors). A reviewer's connection opens the register read-only because the
server refuses its writes, not because the program chooses to.

Everything here is Qt-free; psycopg 3 is imported only when a server is used.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import RegisterReadOnly, RegisterTooNew, RopaError
from ropa_desktop.i18n import N_
from ropa_desktop.store import migrations, server_changes
from ropa_desktop.store import operations as ops
from ropa_desktop.store.schema import metadata
from ropa_desktop.store.snapshot import load_snapshot

#: What a register server's address starts with (``postgresql://user@host/db``).
URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")

EDITORS_ROLE = "ropa_editors"
REVIEWERS_ROLE = "ropa_reviewers"

# The file keeps its identity in PRAGMA application_id/user_version; a server database has a table instead.
identity = sa.Table(
    "ropa_identity",
    sa.MetaData(),
    sa.Column("application", sa.String(16), primary_key=True),
    sa.Column("schema_version", sa.Integer, nullable=False),
)
APPLICATION = "ropa-desktop"
AUDIT_TABLE = "audit_entry"  # the change log: editors may add to it, never change or remove an entry


class ServerUnreachable(RopaError):
    """The server could not be reached or refused the connection; ``reason`` keeps the driver's own words."""

    message = N_("Could not connect to the register server {server}: {reason}")


# The usual reasons in the user's language (libpq's own text is English); the rest keep libpq's words.
class ServerNotAnswering(ServerUnreachable):
    message = N_("Nothing answers at {server}. Is the server running, and are the address and port right?")


class ServerNameUnknown(ServerUnreachable):
    message = N_("The server name in {server} could not be found. Check the address.")


class ServerLoginRefused(ServerUnreachable):
    message = N_("The register server {server} did not accept the user name or password.")


class ServerDatabaseMissing(ServerUnreachable):
    message = N_("The register server {server} has no such database. Check the name after the last slash.")


class ServerTimedOut(ServerUnreachable):
    message = N_("The register server {server} did not answer in time.")


def unreachable(server: str, driver_error: BaseException | None) -> ServerUnreachable:
    """The error to show for a failed connection: by the server's SQLSTATE, or libpq's wording."""
    reason = str(driver_error).strip().splitlines()[0] if driver_error is not None and str(driver_error) else ""
    reason = reason or (type(driver_error).__name__ if driver_error is not None else "")
    state = getattr(driver_error, "sqlstate", None)
    text = reason.lower()
    kind: type[ServerUnreachable] = ServerUnreachable
    if state in ("28P01", "28000") or "password authentication failed" in text:
        kind = ServerLoginRefused
    elif state == "3D000" or ("database" in text and "does not exist" in text):
        kind = ServerDatabaseMissing
    elif "connection refused" in text:
        kind = ServerNotAnswering
    elif "translate host name" in text or "name or service not known" in text or "nodename nor servname" in text:
        kind = ServerNameUnknown
    elif "timeout expired" in text or "timed out" in text:
        kind = ServerTimedOut
    return kind(server=server, reason=reason)


class NotARegisterServer(RopaError):
    message = N_("The database {server} holds no register. Create one with: ropa server init {server}")


class ServerNotEmpty(RopaError):
    message = N_("The register on {server} already holds organisations. Use --force to replace them.")


class ServerVersionMismatch(RopaError):
    message = N_(
        "The register file has version {found} and the server version {supported}. Open the file in this "
        "program once (it is upgraded then) and publish it again. Nothing was written."
    )


def is_server_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.lower().startswith(URL_SCHEMES)


def display_url(url: str) -> str:
    """The address without its password: safe for messages, titles and logs."""
    parsed = sa.engine.make_url(_driver_url(url))
    # URL.set(password=None) would keep the password (None means "unchanged" there): build the URL without it.
    bare = sa.engine.URL.create(
        parsed.drivername, parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query
    )
    return bare.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")


def _driver_url(url: str) -> str:
    # psycopg 3 is the well-kept driver; SQLAlchemy's bare "postgresql://" would look for psycopg2.
    return re.sub(r"^(postgresql|postgres)(\+\w+)?://", "postgresql+psycopg://", url)


def make_engine(url: str) -> sa.Engine:
    try:
        return sa.create_engine(_driver_url(url), pool_pre_ping=True, isolation_level="READ COMMITTED")
    except ModuleNotFoundError as exc:  # psycopg is an optional dependency (pip install ropa-desktop[server])
        raise ServerUnreachable(server=display_url(url), reason=str(exc)) from None
    except sa.exc.ArgumentError as exc:
        raise ServerUnreachable(server=url.split("@")[-1], reason=str(exc)) from None


@contextmanager
def _reachable(url: str) -> Iterator[None]:
    """A driver or network failure as one message in the user's language, never the password."""
    try:
        yield
    except RopaError:
        raise
    except sa.exc.OperationalError as exc:
        raise unreachable(display_url(url), exc.orig if exc.orig is not None else exc) from None
    except sa.exc.ProgrammingError as exc:
        if "permission denied" in str(exc.orig).lower():
            raise RegisterReadOnly() from None
        raise


# --------------------------------------------------------------------------- setting up a server


def init_server(url: str) -> None:
    """Create the register's tables and the two roles on an empty database (idempotent for the roles)."""
    engine = make_engine(url)
    try:
        with _reachable(url), engine.begin() as conn:
            identity.create(conn, checkfirst=True)
            found = conn.execute(sa.select(identity.c.schema_version)).scalar()
            if found is not None and found > migrations.SCHEMA_VERSION:
                raise RegisterTooNew(path=display_url(url), found=found, supported=migrations.SCHEMA_VERSION)
            metadata.create_all(conn)
            if found is None:
                conn.execute(
                    identity.insert().values(application=APPLICATION, schema_version=migrations.SCHEMA_VERSION)
                )
            _grant_roles(conn)
    finally:
        engine.dispose()


def _grant_roles(conn: sa.Connection) -> None:
    """Editors read and write the register; reviewers only read it. The server enforces both."""
    for role in (EDITORS_ROLE, REVIEWERS_ROLE):
        conn.execute(
            sa.text(
                f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
                f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"
            )
        )
    tables = [identity.name, *(t.name for t in metadata.sorted_tables)]
    listed = ", ".join(f'"{name}"' for name in tables)
    conn.execute(sa.text(f"GRANT SELECT ON {listed} TO {REVIEWERS_ROLE}, {EDITORS_ROLE}"))
    data_tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables if t.name != AUDIT_TABLE)
    conn.execute(sa.text(f"GRANT INSERT, UPDATE, DELETE ON {data_tables} TO {EDITORS_ROLE}"))
    # The change log only grows: an editor's hand-made SQL cannot rewrite or erase who changed what.
    conn.execute(sa.text(f'GRANT INSERT ON "{AUDIT_TABLE}" TO {EDITORS_ROLE}'))
    conn.execute(sa.text(f'REVOKE UPDATE, DELETE, TRUNCATE ON "{AUDIT_TABLE}" FROM {EDITORS_ROLE}'))
    conn.execute(sa.text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {EDITORS_ROLE}"))


# --------------------------------------------------------------------------- an open server register


class ServerRegister:
    """An open register on a server, with the interface of :class:`~ropa_desktop.store.register.RegisterFile`."""

    def __init__(self, url: str, engine: sa.Engine, readonly: bool, version: int, actor: str = "") -> None:
        self.url = url
        self.path = display_url(url)  # what titles and messages show; never the password
        self._engine = engine
        self.readonly = readonly
        self.schema_version = version
        self.backup_path: Path | None = None
        self.actor = actor  # who the audit trail names: the database user unless the user set a name
        self.writer = uuid.uuid4().hex  # names this connection's change notifications, which its editor ignores

    @classmethod
    def open(cls, url: str, readonly: bool = False) -> ServerRegister:
        engine = make_engine(url)
        try:
            with _reachable(url), engine.connect() as conn:
                version = _schema_version(conn, url)
                user = str(conn.execute(sa.text("SELECT current_user")).scalar() or "")
                can_write = bool(
                    conn.execute(
                        sa.text("SELECT has_table_privilege(current_user, 'processing_activity', 'INSERT')")
                    ).scalar()
                )
            return cls(url, engine, readonly=readonly or not can_write, version=version, actor=user)
        except BaseException:
            engine.dispose()
            raise

    def close(self) -> None:
        self._engine.dispose()

    def save_copy(self, destination: Path | str) -> None:
        """An offline copy in a register file (the editor's Save a Copy; ``ropa pull`` from the command line)."""
        pull(self.url, destination, force=True)

    def __enter__(self) -> ServerRegister:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        if self.readonly:
            raise RegisterReadOnly()
        with _reachable(self.url), self._engine.connect() as conn, conn.begin():
            yield conn

    def apply(self, operation: ops.Operation) -> ops.Applied:
        """One store operation as one transaction, committed on the server when this returns."""
        with self._write() as conn:
            applied = ops.apply(conn, operation)
            ops.write_audit(conn, applied.audit, self.actor)
            server_changes.notify(conn, self.writer, applied.audit)  # sent to the other editors on commit
        return applied

    def listen(self) -> server_changes.ChangeListener:
        """Other editors' committed changes and this connection's losses, heard in a background thread."""
        return server_changes.ChangeListener(self.url, self.writer).start()

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        # REPEATABLE READ: one consistent view of the register while others write.
        with (
            _reachable(self.url),
            self._engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn,
            conn.begin(),
        ):
            yield conn

    def snapshot(self, organisation_id: int | None = None) -> RegisterSnapshot:
        with self.read() as conn:
            return load_snapshot(conn, self.schema_version, organisation_id)

    def links(self, link: str, owner_id: int) -> tuple[int, ...]:
        with self.read() as conn:
            return ops.current_links(conn, link, owner_id)

    def audit_trail(self, limit: int | None = None) -> list[dict[str, Any]]:
        from ropa_desktop.store.schema import audit_entry as t

        q = sa.select(t).order_by(t.c.id.desc())
        if limit is not None:
            q = q.limit(limit)
        with self.read() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]


def _schema_version(conn: sa.Connection, url: str) -> int:
    if not sa.inspect(conn).has_table(identity.name):
        raise NotARegisterServer(server=display_url(url))
    version = conn.execute(sa.select(identity.c.schema_version).where(identity.c.application == APPLICATION)).scalar()
    if version is None:
        raise NotARegisterServer(server=display_url(url))
    if version > migrations.SCHEMA_VERSION:
        raise RegisterTooNew(path=display_url(url), found=version, supported=migrations.SCHEMA_VERSION)
    return int(version)


# --------------------------------------------------------------------------- push and pull


def _copy_rows(source: sa.Connection, target: sa.Connection) -> int:
    """Copy every register table, parents before children, keeping ids (links and the audit trail refer to them)."""
    copied = 0
    for table in metadata.sorted_tables:
        rows = [dict(r) for r in source.execute(sa.select(table)).mappings()]
        if rows:
            target.execute(table.insert(), rows)
            copied += len(rows)
    return copied


def _clear(conn: sa.Connection) -> None:
    for table in reversed(metadata.sorted_tables):
        conn.execute(table.delete())


def _reset_sequences(conn: sa.Connection) -> None:
    """Rows came with their ids; the server's id counters must continue after the highest one."""
    for table in metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
            conn.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                )
            )


def push(file: Path | str, url: str, *, force: bool = False) -> int:
    """Publish a register file to a server register (one transaction: all of it or nothing). Returns rows copied."""
    from ropa_desktop.store.register import RegisterFile

    with RegisterFile.open(file, readonly=True) as register:
        older = register.schema_version < migrations.SCHEMA_VERSION
    # An older file is brought up to date first, as opening it in the editor would (with a backup copy).
    with RegisterFile.open(file, readonly=not older) as register:
        if register.schema_version != migrations.SCHEMA_VERSION:
            raise ServerVersionMismatch(found=register.schema_version, supported=migrations.SCHEMA_VERSION)
        engine = make_engine(url)
        try:
            with _reachable(url), register.read() as source, engine.begin() as target:
                _schema_version(target, url)
                existing = target.execute(sa.text("SELECT COUNT(*) FROM organisation")).scalar()
                if existing and not force:
                    raise ServerNotEmpty(server=display_url(url))
                _clear(target)
                copied = _copy_rows(source, target)
                _reset_sequences(target)
            return copied
        finally:
            engine.dispose()


def pull(url: str, file: Path | str, *, force: bool = False) -> int:
    """Take an offline copy of a server register into a new register file. Returns rows copied."""
    from ropa_desktop.store.register import RegisterFile

    engine = make_engine(url)
    copied = 0
    try:
        with (
            _reachable(url),
            engine.connect().execution_options(isolation_level="REPEATABLE READ") as source,
            source.begin(),
        ):
            version = _schema_version(source, url)
            if version != migrations.SCHEMA_VERSION:
                raise ServerVersionMismatch(found=version, supported=migrations.SCHEMA_VERSION)

            def populate(target: sa.Connection) -> None:
                nonlocal copied
                copied = _copy_rows(source, target)

            RegisterFile.create(file, overwrite=force, populate=populate).close()
        return copied
    finally:
        engine.dispose()


def open_register(location: str | Path, readonly: bool = False) -> Any:
    """A register file or a server register, by what ``location`` looks like."""
    if is_server_url(location):
        return ServerRegister.open(str(location), readonly=readonly)
    from ropa_desktop.store.register import RegisterFile

    return RegisterFile.open(location, readonly=readonly)
