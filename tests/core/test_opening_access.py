"""The Qt-free side of issue 12: where an import goes, the source → register memory, why a register
cannot be written, where each rule's findings lead, and where an undone change is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.checks.locations import RULE_LOCATIONS, location_of
from ropa_desktop.errors import RegisterCorrupt, RegisterFilePermission, RegisterFolderReadOnly, RegisterInUse
from ropa_desktop.interchange import json_format as jf
from ropa_desktop.interchange import opening
from ropa_desktop.store import access
from ropa_desktop.store import operations as ops
from ropa_desktop.store.entities import ENTITIES
from ropa_desktop.store.register import RegisterFile
from tests.core.helpers import make_register
from tests.core.test_checks import GAPS, TODAY, _mutated

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_import_goes_beside_its_source_with_the_same_name(tmp_path: Path) -> None:
    source = tmp_path / "klient æøå" / "register.json"
    source.parent.mkdir()
    source.write_text("{}", encoding="utf-8")
    assert opening.default_destination(source) == source.parent / "register.ropa"


def test_import_from_a_folder_nobody_can_write_goes_to_the_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "installed" / "sample.json"
    source.parent.mkdir()
    source.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(opening, "_folder_writable", lambda folder: folder != source.parent)
    assert opening.default_destination(source, tmp_path / "Documents") == tmp_path / "Documents" / "sample.ropa"


def test_a_sample_of_the_program_is_imported_into_the_users_folder(tmp_path: Path) -> None:
    """The README's first step opens a shipped sample: its register goes with the user's files."""
    from ropa_desktop.resources import samples_dir

    sample = samples_dir() / "promeister-solutions.json"
    assert sample.is_file()
    documents = tmp_path / "Dokumenter"
    assert opening.default_destination(sample, documents) == documents / "promeister-solutions.ropa"
    own = tmp_path / "promeister-solutions.json"  # the same file copied among the user's own
    own.write_bytes(sample.read_bytes())
    assert opening.default_destination(own, documents) == tmp_path / "promeister-solutions.ropa"


def test_two_clients_register_json_become_two_registers(tmp_path: Path) -> None:
    a = tmp_path / "client a" / "register.json"
    b = tmp_path / "client b" / "register.json"
    for source in (a, b):
        source.parent.mkdir()
        source.write_text("{}", encoding="utf-8")
    assert opening.default_destination(a) != opening.default_destination(b)
    memory: dict[str, str] = {}
    for source in (a, b):
        target = opening.default_destination(source)
        target.write_bytes(b"x")
        memory = opening.remember(memory, source, target)
    assert opening.remembered_register(memory, a) == (a.parent / "register.ropa").resolve()
    assert opening.remembered_register(memory, b) == (b.parent / "register.ropa").resolve()


def test_memory_forgets_registers_that_are_gone(tmp_path: Path) -> None:
    source, target = tmp_path / "a.json", tmp_path / "a.ropa"
    source.write_text("{}", encoding="utf-8")
    target.write_bytes(b"x")
    memory = opening.remember({}, source, target)
    target.unlink()
    assert opening.remembered_register(memory, source) is None
    other = tmp_path / "b.json"
    other.write_text("{}", encoding="utf-8")
    (tmp_path / "b.ropa").write_bytes(b"x")
    assert opening.source_key(source) not in opening.remember(memory, other, tmp_path / "b.ropa")


# ---------------------------------------------------------------------- why a register cannot be written


def test_a_writable_register_has_nothing_in_the_way(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa", activities=1)
    assert access.diagnose(path) is access.WriteBlock.NONE
    assert not list(tmp_path.glob(".~ropa-probe-*"))


@pytest.mark.skipif(AS_ROOT or sys.platform == "win32", reason="root writes through chmod; Windows has no chmod")
def test_chmod_read_only_file_is_a_permission_problem(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa", activities=1)
    path.chmod(0o444)
    assert access.diagnose(path) is access.WriteBlock.FILE_PERMISSION
    with pytest.raises(RegisterFilePermission):
        RegisterFile.open(path)


@pytest.mark.skipif(AS_ROOT or sys.platform == "win32", reason="root writes through chmod; Windows has no chmod")
def test_chmod_read_only_folder_is_a_folder_problem(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = make_register(folder / "r.ropa", activities=1)
    folder.chmod(0o555)
    try:
        with pytest.raises(RegisterFolderReadOnly):
            RegisterFile.open(path)
        with RegisterFile.open(path, readonly=True) as reg:
            assert reg.snapshot().activity_count == 1
    finally:
        folder.chmod(0o755)


def test_file_permission_diagnosis_names_the_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root chmod does not bite, so the file system's answer is simulated at the probe."""
    path = make_register(tmp_path / "r.ropa", activities=1)
    before = path.read_bytes()
    monkeypatch.setattr(access, "file_writable", lambda p: False)
    with pytest.raises(RegisterFilePermission) as caught:
        RegisterFile.open(path)
    assert "permission" in caught.value.render() and "another window" not in caught.value.render()
    with RegisterFile.open(path, readonly=True) as reg:
        assert reg.readonly and reg.snapshot().activity_count == 1
    assert path.read_bytes() == before


def test_folder_diagnosis_names_the_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_register(tmp_path / "r.ropa", activities=1)
    monkeypatch.setattr(access, "folder_writable", lambda p: False)
    with pytest.raises(RegisterFolderReadOnly) as caught:
        RegisterFile.open(path)
    assert str(tmp_path) in caught.value.render()


def test_another_process_is_in_use_not_permissions(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa", activities=1)
    with RegisterFile.open(path), pytest.raises(RegisterInUse):
        RegisterFile.open(path)


def test_damage_is_damage_not_read_only(tmp_path: Path) -> None:
    path = make_register(tmp_path / "r.ropa", activities=30)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert access.diagnose(path) is access.WriteBlock.NONE  # writable: the refusal is about the content
    with pytest.raises(RegisterCorrupt) as caught:
        RegisterFile.open(path)
    assert "damaged" in caught.value.render()


ROBIND = """
import sys
from pathlib import Path
from ropa_desktop.errors import RegisterFolderReadOnly
from ropa_desktop.store import access
from ropa_desktop.store.register import RegisterFile
path = Path(sys.argv[1])
assert access.diagnose(path) is access.WriteBlock.FOLDER_READ_ONLY, access.diagnose(path)
try:
    RegisterFile.open(path)
except RegisterFolderReadOnly:
    pass
else:
    raise SystemExit("opened for writing on a read-only mount")
with RegisterFile.open(path, readonly=True) as reg:
    print(reg.snapshot().activity_count)
"""


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("unshare") is None, reason="needs Linux unshare")
def test_read_only_bind_mount_is_diagnosed_for_real(tmp_path: Path) -> None:
    """A real read-only file system (a read-only bind mount in a user namespace): root cannot write either."""
    folder = tmp_path / "mounted"
    folder.mkdir()
    path = make_register(folder / "r.ropa", activities=3)
    before = sorted(p.name for p in folder.iterdir())
    script = f"mount --bind -o ro '{folder}' '{folder}' && exec '{sys.executable}' -c \"$0\" '{path}'"
    try:
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", script, ROBIND],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
        )
    except OSError as exc:
        pytest.skip(f"unshare cannot run here: {exc}")
    if done.returncode != 0 and ("Operation not permitted" in done.stderr or "unshare failed" in done.stderr):
        pytest.skip(f"no user namespaces here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"
    assert sorted(p.name for p in folder.iterdir()) == before


# ---------------------------------------------------------------------- every finding leads somewhere


def test_every_rule_has_a_location() -> None:
    from ropa_desktop.checks.engine import load_rules

    # Every rule module, not only checks.rules: run alone, the test saw a third of the rules.
    assert set(RULE_LOCATIONS) == set(load_rules())
    for rule_id, place in RULE_LOCATIONS.items():
        assert place.entity in ENTITIES, rule_id
        if place.field:
            columns = set(ENTITIES[place.entity].table.c.keys())
            from ropa_desktop.store.entities import LINKS

            links = {name.partition(".")[2] for name in LINKS if name.startswith(place.entity + ".")}
            assert place.field in columns | links, (rule_id, place)


@pytest.mark.parametrize("rule_id", sorted(GAPS))
def test_each_finding_has_a_place_with_a_record(tmp_path: Path, rule_id: str) -> None:
    with jf.import_document(_mutated(GAPS[rule_id]), tmp_path / "r.ropa") as reg:
        fired = [f for f in run_checks(reg.snapshot(), today=TODAY) if f.rule_id == rule_id]
    assert fired
    for finding in fired:
        place = location_of(finding.rule_id, finding.entity, finding.field)
        assert place.entity in ENTITIES and (place.field or place == RULE_LOCATIONS[rule_id])


# ---------------------------------------------------------------------- where an operation happened


def test_operation_targets() -> None:
    assert ops.target(ops.Update("activity", 7, {"purpose": "x"})) == ops.Target("activity", 7, "purpose")
    assert ops.target(ops.SetLinks("activity.personal_data", 3, (1,))) == ops.Target("activity", 3, "personal_data")
    assert ops.target(ops.Delete("recipient", 2)) == ops.Target("recipient", None)
    batch = ops.Batch((ops.Create("activity", {"purpose": "a"}, record_id=9), ops.Update("activity", 1, {"x": 1})))
    assert ops.target(batch) == ops.Target("activity", 9)
    restore = ops.Restore((("recipient", ({"id": 5, "name": "Visma"},)),))
    assert ops.target(restore) == ops.Target("recipient", 5)
