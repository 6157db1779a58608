"""The register read with the standard library alone (issue 16) gives what the store gives.

``ropa info``, ``check`` and ``export`` read through :mod:`ropa_desktop.store.plain_read` (sqlite3,
no SQLAlchemy); the editor and every write go through the store. Both must see the same register:
the same aggregate on every sample, on files of each format version, on a large synthetic
register, and the same clear error for every file that is not a readable register.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import RegisterNotFound, RopaError
from ropa_desktop.interchange.json_format import import_document, import_json_file
from ropa_desktop.store import migrations, sqlite
from ropa_desktop.store.plain_read import RegisterReader, read_snapshot
from ropa_desktop.store.register import RegisterFile
from tests.benchmarks.synthetic import synthetic_document
from tests.core.test_register_file import BAD_FILES
from tests.samples.conftest import SAMPLES, sample_path

V1_REGISTER = Path(__file__).resolve().parents[1] / "fixtures" / "v1" / "promeister-solutions.ropa"


def store_snapshot(path: Path, organisation_id: int | None = None) -> RegisterSnapshot:
    with RegisterFile.open(path, readonly=True) as register:
        return register.snapshot(organisation_id)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_reads_the_same_both_ways(name: str, tmp_path: Path) -> None:
    path = tmp_path / "styre æøå" / f"{name} kopi.ropa"  # a space and æøå in the path: the read-only URI quotes them
    path.parent.mkdir()
    import_json_file(sample_path(name), path).close()
    lean = read_snapshot(path)
    assert lean.activity_count > 0
    assert lean == store_snapshot(path)
    for org in lean.organisations:
        only = org.organisation.id
        assert read_snapshot(path, only) == store_snapshot(path, only)
        assert RegisterReader.open(path).snapshot(only).organisations == [org]


def test_a_large_register_reads_the_same_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "stor.ropa"
    import_document(synthetic_document(600), path).close()
    lean = read_snapshot(path)
    assert lean.activity_count == 600
    assert lean == store_snapshot(path)


def _as_version_2(path: Path) -> None:
    """A version-1 file brought to version 2 only (what a release of that format wrote)."""
    engine = sqlite.make_engine(path)
    try:
        with engine.connect().execution_options(ropa_write=True) as conn, conn.begin():
            step = dict(migrations.MIGRATIONS)[2]
            step(conn)
            sqlite.set_identity(conn, 2)
    finally:
        engine.dispose()


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_file_reads_as_its_migration_would_and_is_left_as_it_was(version: int, tmp_path: Path) -> None:
    old = tmp_path / f"gammel v{version}.ropa"
    shutil.copyfile(V1_REGISTER, old)
    if version == 2:
        _as_version_2(old)
    assert sqlite.read_header(old).user_version == version
    before = digest(old)
    lean = read_snapshot(old)
    assert lean.schema_version == version
    assert digest(old) == before  # reading never migrates, nor leaves a file beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == [old.name]
    migrated = tmp_path / "migrert.ropa"
    shutil.copyfile(old, migrated)
    with RegisterFile.open(migrated) as register:  # opening for writing migrates (a copy here)
        assert register.schema_version == migrations.SCHEMA_VERSION
        expected = register.snapshot()
    assert lean.organisations == expected.organisations
    assert lean.activity_count == 11


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_gets_the_same_error_both_ways(kind: str, tmp_path: Path) -> None:
    make, expected = BAD_FILES[kind]
    path = tmp_path / "register.ropa"
    make(path)
    before = digest(path)
    with pytest.raises(expected) as lean:
        read_snapshot(path)
    with pytest.raises(RopaError) as store:
        store_snapshot(path)
    assert type(lean.value) is type(store.value)
    assert lean.value.render() == store.value.render()
    assert digest(path) == before


def test_a_missing_file_gets_the_same_error_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "finnes ikke.ropa"
    with pytest.raises(RegisterNotFound) as lean:
        read_snapshot(path)
    with pytest.raises(RegisterNotFound) as store:
        store_snapshot(path)
    assert lean.value.render() == store.value.render()
