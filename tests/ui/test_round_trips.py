"""Editor round trips: what opening a file and a one-cell edit read from the register."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui import record_model as rec
from ropa_desktop.ui.main_window import MainWindow


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts table loads (per table) and read transactions."""
    counts: Counter[str] = Counter()
    original_read = RegisterFile.read
    purpose_load = pm.PurposeTableModel.load
    record_load = rec.RecordTableModel.load

    @contextmanager
    def read(self: RegisterFile) -> Iterator[Any]:
        counts["read transactions"] += 1
        with original_read(self) as conn:
            yield conn

    def load_purposes(self: pm.PurposeTableModel, session: Any, *args: Any) -> None:
        if session is not None:
            counts["purpose table"] += 1
        purpose_load(self, session, *args)

    def load_records(self: rec.RecordTableModel, session: Any, organisation_id: int) -> None:
        if session is not None:
            counts[f"{self.spec.entity} table {id(self.spec)}"] += 1
        record_load(self, session, organisation_id)

    monkeypatch.setattr(RegisterFile, "read", read)
    monkeypatch.setattr(pm.PurposeTableModel, "load", load_purposes)
    monkeypatch.setattr(rec.RecordTableModel, "load", load_records)
    return counts


def test_opening_a_file_loads_each_table_once(window: MainWindow, promeister_path: Path, reads: Counter[str]) -> None:
    assert window.open_file(promeister_path)
    tables = {k: v for k, v in reads.items() if "table" in k}
    assert len(tables) == 1 + len(window.editor.record_models)
    assert set(tables.values()) == {1}, tables
    window.editor.wait_for_background()
    print(f"table loads on open: {sum(tables.values())}; read transactions: {reads['read transactions']}")


def test_a_one_cell_edit_reads_one_row_not_the_table(
    window: MainWindow, promeister_path: Path, reads: Counter[str]
) -> None:
    assert window.open_file(promeister_path)
    window.editor.wait_for_background()
    model = window.editor.purpose_model
    reads.clear()
    assert model.setData(model.index(0, pm.PURPOSE), "Kurs og opplæring")
    assert not [k for k in reads if "table" in k], reads  # no table is loaded again
    assert model.index(0, pm.PURPOSE).data() == "Kurs og opplæring"


def test_a_catalogue_edit_reloads_that_catalogue_only(
    window: MainWindow, promeister_path: Path, reads: Counter[str]
) -> None:
    assert window.open_file(promeister_path)
    window.editor.wait_for_background()
    subjects = next(m for m in window.editor.record_models if m.spec is rec.PERSONAL_DATA)
    reads.clear()
    assert subjects.setData(subjects.index(0, 0), "Navn og fødselsdato")
    loaded = [k for k in reads if "table" in k]
    assert loaded == [f"personal_data table {id(rec.PERSONAL_DATA)}"], reads
    # The purpose table shows the new name without reading its rows again.
    purposes = window.editor.purpose_model
    shown = "\n".join(str(purposes.index(r, pm.CATEGORIES).data()) for r in range(purposes.rowCount()))
    assert "Navn og fødselsdato" in shown


def test_an_edit_that_renumbers_footnotes_keeps_the_selection_and_the_detail(
    window: MainWindow, promeister_path: Path
) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    model = editor.purpose_model
    marked = [r for r in range(model.rowCount()) if (a := model.activity_at(r)) and a.footnote]
    assert len(marked) >= 2
    first, later = marked[0], marked[-1]
    later_id = model.activity_at(later).id  # type: ignore[union-attr]
    before = model.activity_at(later).footnote  # type: ignore[union-attr]
    editor.select_activity(later_id, pm.LEGAL_BASIS)
    shown = editor.detail.record
    assert shown is not None and shown.activity.id == later_id
    # Dropping the first balancing test renumbers every later mark.
    first_row = model.activity_at(first)
    assert first_row is not None
    value = {"legal_basis": [b for b in first_row.legal_basis if b != "f"] or ["b"], "special_condition": None}
    assert model.setData(model.index(first, pm.LEGAL_BASIS), {**value, "balancing_test": ""})
    assert model.activity_at(later).footnote != before  # type: ignore[union-attr]
    assert editor.current_activity_id() == later_id
    assert editor.purpose_table.currentIndex().row() == later
    assert editor.detail.record is not None and editor.detail.record.activity.id == later_id
