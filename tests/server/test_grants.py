"""The server's grants, tried with hand-made SQL: what a reviewer or an editor could do bypassing the program."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from ropa_desktop.store import operations as ops
from ropa_desktop.store import server
from ropa_desktop.store.schema import metadata


@pytest.fixture
def team(pg_url: str) -> Iterator[dict[str, str]]:
    """A register with one activity (and so one audit entry), a reviewer login and an editor login."""
    server.init_server(pg_url)
    with server.ServerRegister.open(pg_url) as register:
        org = register.apply(ops.Create("organisation", {"name": "Styret AS"})).record_id
        register.apply(ops.Create("activity", {"organisation_id": org, "purpose": "Lønn"}))
    base, _, database = pg_url.rpartition("/")
    logins = {"reviewer": f"rev_{database[-12:]}", "editor": f"ed_{database[-12:]}"}
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {logins['reviewer']} LOGIN IN ROLE {server.REVIEWERS_ROLE}")
        conn.execute(f"CREATE ROLE {logins['editor']} LOGIN IN ROLE {server.EDITORS_ROLE}")
    yield {who: pg_url.replace("postgres@", f"{login}@") for who, login in logins.items()}
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        for login in logins.values():
            conn.execute(f"DROP ROLE {login}")


def _refused(url: str, sql: str) -> bool:
    """True when the server refuses ``sql`` for lack of rights (nothing is committed either way)."""
    with psycopg.connect(url) as conn:
        try:
            conn.execute(sql)
        except psycopg.errors.InsufficientPrivilege:
            return True
        finally:
            conn.rollback()
    return False


WRITES = {
    "update": 'UPDATE "{t}" SET "{c}" = "{c}"',
    "delete": 'DELETE FROM "{t}"',
    "truncate": 'TRUNCATE "{t}" CASCADE',
    "insert": 'INSERT INTO "{t}" DEFAULT VALUES',
    "alter": 'ALTER TABLE "{t}" ADD COLUMN extra integer',
}


@pytest.mark.parametrize("kind", sorted(WRITES))
def test_a_reviewer_cannot_write_any_table_even_with_hand_made_sql(team: dict[str, str], kind: str) -> None:
    tables = [server.identity, *metadata.sorted_tables]
    written = [
        t.name for t in tables if not _refused(team["reviewer"], WRITES[kind].format(t=t.name, c=t.columns[0].name))
    ]
    assert written == []
    assert _refused(team["reviewer"], "CREATE TABLE evil (x integer)")


def test_a_reviewer_reads_every_table(team: dict[str, str]) -> None:
    with psycopg.connect(team["reviewer"]) as conn:
        for table in metadata.sorted_tables:
            conn.execute(f'SELECT COUNT(*) FROM "{table.name}"').fetchone()
        purposes = [row[0] for row in conn.execute("SELECT purpose FROM processing_activity")]
    assert purposes == ["Lønn"]


def test_an_editor_writes_the_register_but_never_rewrites_the_change_log(team: dict[str, str]) -> None:
    assert not _refused(team["editor"], "UPDATE processing_activity SET purpose = 'Lønn og personal'")
    for sql in ("UPDATE audit_entry SET actor = 'someone else'", "DELETE FROM audit_entry", "TRUNCATE audit_entry"):
        assert _refused(team["editor"], sql), sql
    assert _refused(team["editor"], "UPDATE ropa_identity SET schema_version = 99")
    assert _refused(team["editor"], 'ALTER TABLE "organisation" ADD COLUMN extra integer')
    # ... and the program itself still edits (its change log entries are inserts).
    with server.ServerRegister.open(team["editor"]) as register:
        assert not register.readonly
        activity = register.snapshot().organisations[0].activities[0].activity
        assert activity.id is not None
        register.apply(ops.Update("activity", activity.id, {"purpose": "Lønnsutbetaling"}))
        assert register.audit_trail(limit=1)[0]["actor"] == team["editor"].split("//")[1].split("@")[0]
