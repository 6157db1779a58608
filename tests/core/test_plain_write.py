"""Records added over sqlite3 (store.plain_write) give the file the SQLAlchemy store operation gives.

Signing records its approvals this way while the register's store is not open (issue 16); each test
applies the same operation both ways, on two copies of the ProMeister register, and compares every
row of every table, with SQLite's storage class of every value.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.errors import InvalidValue, RecordNotFound
from ropa_desktop.store import operations as ops
from ropa_desktop.store import plain_write
from ropa_desktop.store.register import RegisterFile


def table_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows with each value's storage class; the audit trail's times left out (they differ)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            names = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] != "at"]
            cells = ", ".join(f'"{n}", typeof("{n}")' for n in names)
            out[table] = conn.execute(f'SELECT {cells} FROM "{table}" ORDER BY rowid').fetchall()
    return out


def approval(org_id: int = 1, **extra: Any) -> ops.Create:
    values = {
        "organisation_id": org_id,
        "version": 3,
        "approved_on": date(2026, 11, 28),
        "fingerprint": "ab" * 32,
        "signers": ["Åse Ødegård", "Máret Čáhppes"],
        "signed_file_sha256": "cd" * 32,
        "snapshot": '{"name": "ProMeister Solutions AS"}',
        "open_errors": 2,
        **extra,
    }
    return ops.Create("approval", values)


def both_ways(promeister_path: Path, tmp_path: Path, operation: ops.Operation) -> tuple[ops.Applied, ops.Applied, Path]:
    """Apply ``operation`` plainly to ``promeister_path`` and through the store to a copy; the copy's path."""
    through_store = tmp_path / "store copy.ropa"
    shutil.copyfile(promeister_path, through_store)
    with RegisterFile.open(promeister_path) as register:
        register.actor = "styret"
        plain = register.apply(operation)
        assert register._engine_made is None  # the plain writer did it: the store was never opened
    with RegisterFile.open(through_store) as register:
        register.actor = "styret"
        register.open_store()
        stored = register.apply(operation)
    return plain, stored, through_store


def test_an_approval_is_the_same_row_and_audit_as_through_the_store(promeister_path: Path, tmp_path: Path) -> None:
    before = table_rows(promeister_path)
    plain, stored, through_store = both_ways(promeister_path, tmp_path, ops.Batch((approval(),)))
    after = table_rows(promeister_path)
    assert after == table_rows(through_store)
    assert len(after["approval"]) == len(before["approval"]) + 1
    assert len(after["audit_entry"]) == len(before["audit_entry"]) + 1
    assert plain.inverse == stored.inverse and plain.record_id == stored.record_id
    assert plain.audit == stored.audit
    with RegisterFile.open(promeister_path) as register:
        recorded = register.snapshot().organisations[0].approvals[-1]
    assert recorded.signers == ["Åse Ødegård", "Máret Čáhppes"] and recorded.approved_on == date(2026, 11, 28)


def test_several_records_in_one_batch_land_in_order(promeister_path: Path, tmp_path: Path) -> None:
    batch = ops.Batch(
        (
            approval(),
            approval(version=4),
            ops.Create("change_log", {"organisation_id": 1, "when": date(2026, 11, 28), "text": "Godkjent av styret"}),
        )
    )
    plain, stored, through_store = both_ways(promeister_path, tmp_path, batch)
    assert table_rows(promeister_path) == table_rows(through_store)
    assert plain.inverse == stored.inverse


def test_a_bad_value_writes_nothing(promeister_path: Path) -> None:
    before = table_rows(promeister_path)
    with RegisterFile.open(promeister_path) as register:
        with pytest.raises(InvalidValue):
            register.apply(ops.Batch((approval(), approval(version="tre"))))
        with pytest.raises(RecordNotFound):
            register.apply(ops.Batch((approval(org_id=999),)))
    assert table_rows(promeister_path) == before  # the first record of the batch was rolled back too


def test_only_creates_at_the_end_are_written_plainly() -> None:
    assert plain_write.can_apply(approval())
    assert plain_write.can_apply(ops.Batch((approval(), approval())))
    assert not plain_write.can_apply(ops.Batch(()))
    assert not plain_write.can_apply(ops.Create("approval", {"organisation_id": 1}, index=0))
    assert not plain_write.can_apply(ops.Batch((approval(), ops.Delete("approval", 1))))
    assert not plain_write.can_apply(ops.Update("approval", 1, {"open_errors": 0}))
