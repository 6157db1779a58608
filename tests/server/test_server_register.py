"""A register on a real PostgreSQL server: init, push, pull, the same operations, and rights the server enforces."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from ropa_desktop.errors import RegisterReadOnly, RopaError
from ropa_desktop.i18n import translator
from ropa_desktop.interchange.json_format import export_json, import_json_file
from ropa_desktop.store import operations as ops
from ropa_desktop.store import server
from ropa_desktop.store.register import RegisterFile

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    target = tmp_path / "Pro Meister æøå.ropa"
    import_json_file(SAMPLES / "promeister-solutions.json", target).close()
    return target


def test_init_push_pull_round_trip_keeps_the_register(pg_url: str, sample_file: Path, tmp_path: Path) -> None:
    server.init_server(pg_url)
    copied = server.push(sample_file, pg_url)
    assert copied > 20
    offline = tmp_path / "offline copy.ropa"
    assert server.pull(pg_url, offline) == copied
    with RegisterFile.open(sample_file, readonly=True) as original, RegisterFile.open(offline, readonly=True) as back:
        assert export_json(back) == export_json(original)


def test_the_server_register_reads_like_the_file(pg_url: str, sample_file: Path) -> None:
    server.init_server(pg_url)
    server.push(sample_file, pg_url)
    with RegisterFile.open(sample_file, readonly=True) as local, server.open_register(pg_url) as remote:
        assert isinstance(remote, server.ServerRegister)
        assert remote.snapshot() == local.snapshot()
        assert export_json(remote) == export_json(local)  # type: ignore[arg-type]


def test_operations_and_undo_work_on_the_server(pg_url: str, sample_file: Path) -> None:
    server.init_server(pg_url)
    server.push(sample_file, pg_url)
    with server.ServerRegister.open(pg_url) as remote:
        org = remote.snapshot().organisations[0]
        created = remote.apply(ops.Create("activity", {"organisation_id": org.organisation.id, "purpose": "Kamera"}))
        assert created.record_id is not None
        ids = [a.activity.id for a in remote.snapshot().organisations[0].activities]
        assert created.record_id in ids  # the id counter continued after the pushed rows
        remote.apply(created.inverse)
        assert created.record_id not in [a.activity.id for a in remote.snapshot().organisations[0].activities]
        assert remote.audit_trail(limit=1)[0]["operation"]


def test_pushing_onto_a_register_that_holds_organisations_needs_force(pg_url: str, sample_file: Path) -> None:
    server.init_server(pg_url)
    first = server.push(sample_file, pg_url)
    with pytest.raises(server.ServerNotEmpty):
        server.push(sample_file, pg_url)
    assert server.push(sample_file, pg_url, force=True) == first


def test_a_database_without_a_register_is_named_as_such(pg_url: str) -> None:
    with pytest.raises(server.NotARegisterServer) as caught:
        server.ServerRegister.open(pg_url)
    assert "ropa server init" in caught.value.render()


def test_an_unreachable_server_is_one_message_without_the_password() -> None:
    url = "postgresql://someone:s3cret@127.0.0.1:1/nowhere"
    with pytest.raises(server.ServerUnreachable) as caught:
        server.ServerRegister.open(url)
    assert "s3cret" not in caught.value.render()
    assert "127.0.0.1" in caught.value.render()
    # Nothing listens on port 1: said in the user's language, libpq's words kept for the details.
    assert isinstance(caught.value, server.ServerNotAnswering)
    assert "Is the server running" in caught.value.render(translator("en"))
    assert "Kjører serveren" in caught.value.render(translator("nb"))
    assert "refused" in caught.value.params["reason"].lower()


def test_a_missing_database_is_named_in_the_users_language(pg_url: str) -> None:
    url = pg_url.rpartition("/")[0] + "/no_such_register"
    with pytest.raises(server.ServerDatabaseMissing) as caught:
        server.ServerRegister.open(url)
    said = caught.value.render(translator("nb"))
    assert "no_such_register" in said and "does not exist" not in said


def test_the_usual_connection_failures_each_get_their_own_sentence() -> None:
    """libpq's English texts (no SQLSTATE before the server answers) and the server's SQLSTATEs."""

    class DriverError(Exception):
        def __init__(self, text: str, sqlstate: str | None = None) -> None:
            super().__init__(text)
            self.sqlstate = sqlstate

    cases = {
        'connection failed: FATAL:  password authentication failed for user "x"': server.ServerLoginRefused,
        'failed to resolve host "regiser.example": [Errno -2] Name or service not known': server.ServerNameUnknown,
        "connection timeout expired": server.ServerTimedOut,
        "SSL error: certificate verify failed": server.ServerUnreachable,
    }
    for text, kind in cases.items():
        assert type(server.unreachable("db.example", DriverError(text))) is kind, text
    assert type(server.unreachable("db.example", DriverError("x", sqlstate="28P01"))) is server.ServerLoginRefused
    kept = server.unreachable("db.example", DriverError("SSL error: certificate verify failed"))
    assert "certificate verify failed" in kept.render(translator("nb"))


def test_a_reviewer_reads_and_the_server_refuses_its_writes(pg_url: str, sample_file: Path) -> None:
    server.init_server(pg_url)
    server.push(sample_file, pg_url)
    base = pg_url.rpartition("/")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS board_member")
        conn.execute("CREATE ROLE board_member LOGIN IN ROLE ropa_reviewers")
    reviewer_url = pg_url.replace("postgres@", "board_member@")
    with server.ServerRegister.open(reviewer_url) as remote:
        assert remote.readonly  # told by the server's grants
        org_id = remote.snapshot().organisations[0].organisation.id
        assert org_id is not None
        with pytest.raises(RegisterReadOnly):
            remote.apply(ops.Update("organisation", org_id, {"name": "X"}))
    # Even a program that ignored the read-only flag is refused by the server.
    forced = server.ServerRegister(reviewer_url, server.make_engine(reviewer_url), readonly=False, version=2)
    try:
        with pytest.raises(RopaError):
            forced.apply(ops.Update("organisation", org_id, {"name": "X"}))
    finally:
        forced.close()
    with server.ServerRegister.open(pg_url) as remote:
        assert remote.snapshot().organisations[0].organisation.name != "X"


def test_the_ropa_command_publishes_checks_and_pulls_a_server_register(
    pg_url: str, sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ropa_desktop.cli import main

    assert main(["server", "init", pg_url]) == 0
    assert main(["push", str(sample_file), pg_url]) == 0
    assert main(["push", str(sample_file), pg_url]) == 2  # the server register is not empty
    assert "--force" in capsys.readouterr().err
    assert main(["info", pg_url]) == 0
    info = capsys.readouterr().out
    assert "ProMeister" in info
    main(["check", str(sample_file)])
    from_file = capsys.readouterr().out
    main(["check", pg_url])
    assert capsys.readouterr().out == from_file
    workbook = tmp_path / "fra server.xlsx"
    assert main(["export", pg_url, "--format", "xlsx", "-o", str(workbook)]) == 0
    assert workbook.stat().st_size > 0
    offline = tmp_path / "på reise.ropa"
    assert main(["pull", pg_url, "-o", str(offline)]) == 0
    assert main(["pull", pg_url, "-o", str(offline)]) == 2  # never overwritten without --force


def test_the_audit_trail_names_who_changed_what_on_both_engines(pg_url: str, sample_file: Path) -> None:
    server.init_server(pg_url)
    server.push(sample_file, pg_url)
    with server.ServerRegister.open(pg_url) as remote:
        org_id = remote.snapshot().organisations[0].organisation.id
        assert org_id is not None
        remote.apply(ops.Update("organisation", org_id, {"contact_person": "personvern@example.no"}))
        assert remote.audit_trail(limit=1)[0]["actor"] == "postgres"  # the database user
        remote.actor = "Kari Nordmann"  # the name the user set
        remote.apply(ops.Update("organisation", org_id, {"contact_person": "dpo@example.no"}))
        assert remote.audit_trail(limit=1)[0]["actor"] == "Kari Nordmann"
        from ropa_desktop.store.history import summarise

        assert [line.who for line in summarise(remote.audit_trail(limit=2), {})] == ["Kari Nordmann", "postgres"]
    with RegisterFile.open(sample_file) as local:
        local.actor = "Ola"
        local.apply(ops.Update("organisation", org_id, {"contact_person": "x@example.no"}))
        assert local.audit_trail(limit=1)[0]["actor"] == "Ola"


def test_notice_map_and_dashboard_take_a_server_address_too(pg_url: str, sample_file: Path, tmp_path: Path) -> None:
    from ropa_desktop.cli import main

    server.init_server(pg_url)
    server.push(sample_file, pg_url)
    written = {
        "notice": tmp_path / "erklæring.html",
        "map": tmp_path / "kart.svg",
        "dashboard": tmp_path / "oversikt.svg",
    }
    for command, target in written.items():
        status = main([command, pg_url, "-o", str(target)])
        assert status in (0, 1), command  # 1: the notice names gaps of the sample, as from the file
        assert target.stat().st_size > 0, command
    from_file = tmp_path / "fra fil.html"
    main(["notice", str(sample_file), "-o", str(from_file)])
    assert written["notice"].read_bytes() == from_file.read_bytes()
