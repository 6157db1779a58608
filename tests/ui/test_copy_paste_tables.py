"""Copy → paste round-trips exactly in every table: what the table's own Copy puts on the clipboard,
pasted into another register's same table, shows the same cells (lists, choices, countries, yes/no,
dates, legal bases, categories)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa_desktop.interchange.json_format import import_json_file
from ropa_desktop.resources import samples_dir
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui.editor import RECORD_TABS
from ropa_desktop.ui.main_window import MainWindow

MARK = re.compile("[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
TABLES = ["purposeTable", *(name for _title, name, _spec in RECORD_TABS)]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The curated ProMeister sample, plus a row in any table the sample leaves empty."""
    path = tmp_path / "kilde.ropa"
    import_json_file(samples_dir() / "promeister-solutions.json", path).close()
    with RegisterFile.open(path) as reg:
        org = reg.snapshot().organisations[0].organisation.id
        reg.apply(ops.Create("client", {"organisation_id": org, "name": "Kunde AS", "country": "SE", "dpo": "Per"}))
        reg.apply(ops.Create("transfer", {"organisation_id": org, "country": "US", "mechanism": "scc"}))
    return path


def _cells(window: MainWindow, name: str) -> list[list[str]]:
    """The table's cells, each footnote mark replaced by the balancing test it points at: the marks
    are numbered over the whole register (activities first), so a pasted sharing row may get another
    number in another register, but it must point at the same text."""
    editor = window.editor
    assert editor.session is not None
    notes = dict(rm.footnotes(editor.session.register, editor.organisation_id).items)
    table = next(t for t in editor.tables() if t.objectName() == name)
    model = table.model()

    def shown(row: int, column: int) -> str:
        text = str(model.index(row, column).data() or "")
        return MARK.sub(lambda m: f"[{notes[m.group()]}]", text)

    return [[shown(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


@pytest.mark.parametrize("name", TABLES)
def test_copy_then_paste_round_trips(window: MainWindow, source: Path, tmp_path: Path, name: str) -> None:
    assert window.open_file(source)
    editor = window.editor
    table = next(t for t in editor.tables() if t.objectName() == name)
    editor.tabs.setCurrentWidget(table)
    original = _cells(window, name)
    assert original, f"the sample has rows in {name}"
    if name in ("purposeTable", "sharingTable"):
        assert any("[" in cell for row in original for cell in row), "the sample has balancing tests here"
    table.selectAll()
    text = editor.copy_rows()
    assert text.count("\t") >= len(original)  # every column is copied, not only the text ones

    assert window.create_register(tmp_path / "mål.ropa", "Mål AS")
    table = next(t for t in window.editor.tables() if t.objectName() == name)
    window.editor.tabs.setCurrentWidget(table)
    assert window.editor.paste_rows(text, preview=False) == len(original)
    pasted = _cells(window, name)
    for got, want in zip(pasted, original, strict=True):
        assert got == want
    window.menu_actions["undo"].trigger()  # one undo step takes the whole paste away
    assert _cells(window, name) == []
