"""An edit against a value someone else has changed since is refused, never a silent lost update."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.errors import EditConflict
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests.conftest import OpenOnEngine

pytestmark = pytest.mark.both_engines  # the store on a file and on a PostgreSQL server


@pytest.fixture
def register(tmp_path: Path, register_on: OpenOnEngine) -> RegisterFile:
    path = tmp_path / "konflikt æøå.ropa"
    RegisterFile.create(path).close()
    reg = register_on(path)
    org = reg.apply(ops.Create("organisation", {"name": "Bakeriet AS"})).record_id
    reg.apply(ops.Create("activity", {"organisation_id": org, "purpose": "Kundeliste"}))
    return reg


def _activity(register: RegisterFile) -> tuple[int, str]:
    record = register.snapshot().organisations[0].activities[0].activity
    assert record.id is not None
    return record.id, record.purpose


def test_an_edit_against_the_value_it_saw_is_saved(register: RegisterFile) -> None:
    rid, seen = _activity(register)
    register.apply(ops.Update("activity", rid, {"purpose": "Kunderegister"}, expected={"purpose": seen}))
    assert _activity(register)[1] == "Kunderegister"
    register.close()


def test_an_edit_against_a_stale_value_is_refused_with_both_values(register: RegisterFile) -> None:
    rid, seen = _activity(register)
    register.apply(ops.Update("activity", rid, {"purpose": "Theirs"}, expected={"purpose": seen}))
    with pytest.raises(EditConflict) as caught:
        register.apply(ops.Update("activity", rid, {"purpose": "Mine"}, expected={"purpose": seen}))
    assert (caught.value.theirs, caught.value.yours, caught.value.seen) == ("Theirs", "Mine", "Kundeliste")
    assert "purpose" in caught.value.render()
    assert _activity(register)[1] == "Theirs"  # nothing was written
    register.close()


def test_undo_never_overwrites_a_later_change_by_someone_else(register: RegisterFile) -> None:
    rid, seen = _activity(register)
    mine = register.apply(ops.Update("activity", rid, {"purpose": "Mine"}, expected={"purpose": seen}))
    register.apply(ops.Update("activity", rid, {"purpose": "Theirs, later"}, expected={"purpose": "Mine"}))
    with pytest.raises(EditConflict):
        register.apply(mine.inverse)
    assert _activity(register)[1] == "Theirs, later"
    register.close()


def test_undo_of_ones_own_edit_still_works(register: RegisterFile) -> None:
    rid, seen = _activity(register)
    mine = register.apply(ops.Update("activity", rid, {"purpose": "Mine"}))
    redo = register.apply(mine.inverse)
    assert _activity(register)[1] == seen
    register.apply(redo.inverse)
    assert _activity(register)[1] == "Mine"
    register.close()
