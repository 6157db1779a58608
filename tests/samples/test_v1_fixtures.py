"""Version-1 files still open: the samples as they were before format version 2, JSON and .ropa."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from ropa_desktop.interchange import json_format
from ropa_desktop.store import migrations
from ropa_desktop.store.register import RegisterFile
from tests.samples.conftest import SAMPLES, sample_path

V1 = Path(__file__).resolve().parents[1] / "fixtures" / "v1"


@pytest.mark.parametrize("name", SAMPLES)
def test_version_1_json_imports_unchanged(name: str, tmp_path: Path) -> None:
    v1 = json.loads((V1 / f"{name}.json").read_text(encoding="utf-8"))
    assert v1["version"] == 1
    with json_format.import_json_file(V1 / f"{name}.json", tmp_path / "a.ropa") as register:
        exported = json.loads(json_format.export_json(register))
    # Everything the version-1 file said is still said, only the version moves on.
    assert exported["version"] == json_format.FORMAT_VERSION
    assert exported["organisations"] == v1["organisations"]
    assert exported == json.loads(sample_path(name).read_text(encoding="utf-8"))


def _columns(path: Path) -> dict[str, set[str]]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        out = {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}
    conn.close()
    return out


def test_version_1_register_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "gammel fil æøå.ropa"
    shutil.copyfile(V1 / "promeister-solutions.ropa", path)
    with RegisterFile.open(path) as reg:
        assert reg.schema_version == migrations.SCHEMA_VERSION
        assert reg.backup_path is not None and reg.backup_path.is_file()
        migrated = json.loads(json_format.export_json(reg))
    assert migrated == json.loads(sample_path("promeister-solutions").read_text(encoding="utf-8"))
    # The migrated file has exactly the tables and columns a new file has.
    with RegisterFile.create(tmp_path / "new.ropa"):
        pass
    assert _columns(path) == _columns(tmp_path / "new.ropa")
    # ...and takes the new fields.
    with RegisterFile.open(path) as reg:
        from ropa_desktop.store import operations as ops

        act = reg.snapshot().organisations[0].activities[0].activity.id or 0
        reg.apply(ops.Update("activity", act, {"large_scale": True, "legal_bases": [{"basis": "f", "covers": "x"}]}))
        again = reg.snapshot().organisations[0].activities[0].activity
    assert again.large_scale is True
    assert again.legal_bases == [{"basis": "f", "covers": "x"}]
