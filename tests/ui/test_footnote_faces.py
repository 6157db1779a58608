"""One footnote numbering: the editor, the workbook and the PDF show the same marks on the same rows.

Each face is read the way a user would see it: the editor through its table models, the
workbook through a second reader (python-calamine), the PDF through ``pdftotext``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from python_calamine import CalamineWorkbook

from ropa_desktop.domain import enums as e
from ropa_desktop.domain.labels import label
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.exports.xlsx import export_xlsx
from ropa_desktop.i18n import translator
from ropa_desktop.interchange.json_format import import_document
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui import record_model as rec
from ropa_desktop.ui.session import RegisterSession
from tests.benchmarks.synthetic import synthetic_document
from tests.exports.conftest import pdf_text, squash

EN = translator("en")
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.json"))
LEGITIMATE = label(e.LegalBasis.LEGITIMATE_INTERESTS, EN)
MARKED = re.compile(re.escape(LEGITIMATE) + r" ([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")

# A face's marks: per table ("controller", "processor", "sharing"), the mark of every row that
# has one, in row order; and the text of every footnote by its mark.
Marks = dict[str, list[str]]


def _cell_marks(text: str | None) -> list[str]:
    return MARKED.findall(squash(text or ""))


def editor_marks(register: RegisterFile, organisation_id: int) -> tuple[Marks, dict[str, str]]:
    session = RegisterSession(register)
    marks: Marks = {}
    notes: dict[str, str] = {}
    for kind in ("controller", "processor"):
        model = pm.PurposeTableModel(session)
        model.load(session, organisation_id, kind)
        model.fetch_all()
        marks[kind] = []
        for row in range(model.rowCount()):
            found = _cell_marks(model.index(row, pm.LEGAL_BASIS).data())
            marks[kind] += found
            tip = model.index(row, pm.LEGAL_BASIS).data(Qt.ItemDataRole.ToolTipRole)
            if found:
                mark, _, text = str(tip).partition(" ")
                notes[mark] = squash(text)
    sharing = rec.RecordTableModel(rec.SHARING)
    sharing.load(session, organisation_id)
    column = [c.name for c in rec.SHARING.columns].index("legal_basis")
    marks["sharing"] = [m for row in range(sharing.rowCount()) for m in _cell_marks(sharing.index(row, column).data())]
    return marks, notes


def workbook_marks(path: Path, organisation_id: int) -> tuple[Marks, dict[str, str]]:
    book = CalamineWorkbook.from_path(str(path))
    meta: list[list[Any]] = book.get_sheet_by_name("_ropa").to_python()
    sheets = {str(r[3]): str(r[4]) for r in meta if r and r[0] == "sheet" and int(float(r[2])) == organisation_id}
    tables = {"controller": "purposes", "processor": "processing", "sharing": "sharing"}
    marks: Marks = {}
    for face, key in tables.items():
        rows = book.get_sheet_by_name(sheets[key]).to_python() if key in sheets else []
        marks[face] = [m for row in rows[3:] for cell in row if isinstance(cell, str) for m in _cell_marks(cell)]
    notes: dict[str, str] = {}
    if "footnotes" in sheets:
        for row in book.get_sheet_by_name(sheets["footnotes"]).to_python()[3:]:
            if row and isinstance(row[0], str) and row[0].strip():
                notes[row[0].strip()] = squash(str(row[1]))
    return marks, notes


def check_faces(register: RegisterFile, tmp_path: Path) -> int:
    """Assert that every face shows the same marks; return how many marked rows there were."""
    snapshot = register.snapshot()
    workbook = tmp_path / "register.xlsx"
    export_xlsx(snapshot, workbook, EN)
    total = 0
    for org in snapshot.organisations:
        oid = org.organisation.id
        assert oid is not None
        on_screen, screen_notes = editor_marks(register, oid)
        in_book, book_notes = workbook_marks(workbook, oid)
        assert in_book == on_screen, org.organisation.name
        assert set(screen_notes) <= set(book_notes)
        for mark, text in screen_notes.items():
            assert book_notes[mark] == text
        # The PDF of this organisation alone: its purpose tables, then its sharing table.
        pdf = tmp_path / f"register-{oid}.pdf"
        export_pdf(type(snapshot)([org], snapshot.schema_version), pdf, EN, include_findings=False)
        printed = pdf_text(pdf)
        on_paper = MARKED.findall(printed)
        assert on_paper == on_screen["controller"] + on_screen["processor"] + on_screen["sharing"]
        for mark, text in book_notes.items():
            assert f"{mark} {text}" in printed
        total += sum(len(v) for v in on_screen.values())
    return total


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_shows_the_same_footnote_marks_in_editor_workbook_and_pdf(sample: Path, tmp_path: Path) -> None:
    with import_document(json.loads(sample.read_text(encoding="utf-8")), tmp_path / "sample.ropa") as register:
        check_faces(register, tmp_path)


@pytest.mark.slow
def test_a_thousand_activities_show_the_same_footnote_marks_in_every_face(tmp_path: Path) -> None:
    with import_document(synthetic_document(1000), tmp_path / "synthetic.ropa") as register:
        assert check_faces(register, tmp_path) > 100  # the generator gives about one in five art. 6(1)(f)


def test_promeister_marks_follow_the_notice_in_every_face(tmp_path: Path) -> None:
    sample = next(p for p in SAMPLES if p.stem.startswith("promeister"))
    with import_document(json.loads(sample.read_text(encoding="utf-8")), tmp_path / "p.ropa") as register:
        assert check_faces(register, tmp_path) >= 3
        on_screen, notes = editor_marks(register, 1)
    # Identical balancing tests share a number; the numbers run in table order.
    marks = on_screen["controller"] + on_screen["processor"] + on_screen["sharing"]
    firsts = list(dict.fromkeys(marks))
    assert firsts == ["¹", "²", "³", "⁴"][: len(firsts)]
    assert len(notes) == len(firsts)
