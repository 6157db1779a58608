"""Excel import that never guesses: ids decide relations, a damaged layout sheet is a damaged workbook (issue 11)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ropa_desktop.exports.xlsx import export_xlsx, import_xlsx_file
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format
from ropa_desktop.store.register import RegisterFile
from tests.core.helpers import run_cli

EN = translator("en")


def _twins() -> dict[str, Any]:
    """Two recipients whose names differ only by surrounding spaces; everything links to the second."""
    return {
        "format": "ropa-register",
        "version": 1,
        "organisations": [
            {
                "id": 1,
                "name": "Eksempel AS",
                "recipients": [
                    {"id": 1, "name": "Regnskap AS", "purpose": "Regnskap"},
                    {"id": 2, "name": " Regnskap AS ", "purpose": "Lønn"},
                ],
                "transfers": [{"id": 1, "recipient_id": 2, "country": "US", "mechanism": "scc"}],
                "activities": [{"id": 1, "purpose": "Lønnskjøring", "legal_basis": ["c"], "recipients": [2]}],
            }
        ],
    }


def _links(reg: RegisterFile) -> tuple[int | None, list[int]]:
    org = reg.snapshot().organisations[0]
    return org.transfers[0].recipient_id, list(org.activities[0].recipient_ids)


def test_names_differing_only_by_spaces_keep_their_links_through_excel(tmp_path: Path) -> None:
    with json_format.import_document(_twins(), tmp_path / "a.ropa") as reg:
        assert _links(reg) == (2, [2])
        export_xlsx(reg.snapshot(), tmp_path / "a.xlsx", EN)
    with import_xlsx_file(tmp_path / "a.xlsx", tmp_path / "b.ropa") as back:
        assert _links(back) == (2, [2])
        names = [r.recipient.name for r in back.snapshot().organisations[0].recipients]
        assert names == ["Regnskap AS", " Regnskap AS "]


def test_a_name_typed_over_the_link_still_relinks(tmp_path: Path) -> None:
    """The id is verified against the name: a user who types another recipient's name gets that recipient."""
    doc = _twins()
    doc["organisations"][0]["recipients"][1]["name"] = "Lønnsbyrå AS"
    with json_format.import_document(doc, tmp_path / "a.ropa") as reg:
        export_xlsx(reg.snapshot(), tmp_path / "a.xlsx", EN)
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    ws = wb["Transfers"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "Lønnsbyrå AS":
                cell.value = "Regnskap AS"
    wb.save(tmp_path / "edited.xlsx")
    with import_xlsx_file(tmp_path / "edited.xlsx", tmp_path / "b.ropa") as back:
        assert back.snapshot().organisations[0].transfers[0].recipient_id == 1


def _exported(tmp_path: Path) -> Path:
    with json_format.import_document(_twins(), tmp_path / "a.ropa") as reg:
        export_xlsx(reg.snapshot(), tmp_path / "a.xlsx", EN)
    return tmp_path / "a.xlsx"


def _meta_cells(path: Path) -> list[tuple[int, int]]:
    ws = openpyxl.load_workbook(path)["_ropa"]
    return [(c.row, c.column) for row in ws.iter_rows() for c in row if c.value not in (None, "")]


def _edit_meta(path: Path, target: Path, row: int, column: int, value: Any) -> None:
    wb = openpyxl.load_workbook(path)
    wb["_ropa"].cell(row, column).value = value
    wb.save(target)


@pytest.mark.slow
def test_every_single_cleared_cell_of_the_layout_sheet_is_a_damaged_workbook(tmp_path: Path) -> None:
    source = _exported(tmp_path)
    cells = _meta_cells(source)
    assert len(cells) > 10
    for row, column in cells:
        damaged = tmp_path / f"d{row}-{column}.xlsx"
        _edit_meta(source, damaged, row, column, None)
        target = tmp_path / f"d{row}-{column}.ropa"
        code, out, err = run_cli("import", damaged, "-o", target)
        assert code == 2, (row, column, out)
        assert "Traceback" not in err
        assert "Imported" not in out
        assert not target.exists()


@pytest.mark.parametrize("value", [datetime(2024, 1, 1), 1e300, -1, 2**70, True, "x" * 40])
@pytest.mark.parametrize("cell", ["version", "sheet index", "organisation id"])
def test_strange_values_in_the_layout_sheet_are_one_error(tmp_path: Path, value: Any, cell: str) -> None:
    source = _exported(tmp_path)
    ws = openpyxl.load_workbook(source)["_ropa"]
    rows = {str(r[0].value): r[0].row for r in ws.iter_rows() if r[0].value}
    where = {"version": (rows["version"], 2), "sheet index": (rows["sheet"], 2), "organisation id": (rows["sheet"], 3)}
    damaged = tmp_path / "damaged.xlsx"
    try:
        _edit_meta(source, damaged, *where[cell], value)
    except (ValueError, TypeError, OverflowError):
        pytest.skip("openpyxl cannot store this value")
    code, out, err = run_cli("import", damaged, "-o", tmp_path / "x.ropa")
    assert code == 2, out
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) >= 1
    assert not (tmp_path / "x.ropa").exists()


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> the zip part that holds it, through the workbook's relationships."""
    with zipfile.ZipFile(path) as zf:
        book = zf.read("xl/workbook.xml").decode("utf-8")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="/?(?:xl/)?([^"]+)"', rels))
    targets |= {rid: target for target, rid in re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*Id="(rId\d+)"', rels)}
    return {
        name: "xl/" + targets[rid] for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"', book)
    }


def _rewritten(source: Path, target: Path, sheet: str, change: Callable[[str], str]) -> Path:
    """A copy of the workbook with one sheet's XML changed as a hand-edited or damaged file would be."""
    part = _sheet_parts(source)[sheet]
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == part:
                changed = change(data.decode("utf-8"))
                assert changed != data.decode("utf-8"), "the change found nothing to change"
                data = changed.encode("utf-8")
            zout.writestr(name, data)
    return target


@pytest.mark.parametrize("key", ["format", "version"])
def test_a_layout_row_whose_value_cell_is_gone_is_a_damaged_layout(tmp_path: Path, key: str) -> None:
    """Fuzz: removing the value cell (not just clearing it) left a one-cell row that the reader indexed past."""
    source = _exported(tmp_path)
    original = source.read_bytes()
    row = {"format": 1, "version": 2}[key]
    damaged = _rewritten(
        source,
        tmp_path / "d.xlsx",
        "_ropa",
        lambda xml: re.sub(rf'<c r="B{row}"[^>]*?(?:/>|>.*?</c>)', "", xml, count=1),
    )
    code, out, err = run_cli("import", damaged, "-o", tmp_path / "x.ropa")
    assert code == 2, out
    assert err.strip() == (
        f"ropa: {damaged} is damaged: the hidden layout sheet (_ropa, {row}) has been changed, so the workbook "
        "cannot be read safely. Nothing was written; export the register to Excel again."
    )
    assert not (tmp_path / "x.ropa").exists()
    assert source.read_bytes() == original


def test_a_sheet_setting_no_spreadsheet_writes_names_the_sheet(tmp_path: Path) -> None:
    """Fuzz: a mistyped attribute in a sheet's settings failed inside openpyxl as a TypeError."""
    source = _exported(tmp_path)
    damaged = _rewritten(
        source, tmp_path / "d.xlsx", "Purposes", lambda xml: xml.replace("summaryRight=", "summarhRight=", 1)
    )
    before = damaged.read_bytes()
    code, out, err = run_cli("--lang", "nb", "import", damaged, "-o", tmp_path / "x.ropa")
    assert code == 2, out
    assert err.startswith(f"ropa: {damaged} er skadet: arket «Purposes» har innstillinger"), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.ropa").exists()
    assert damaged.read_bytes() == before


def test_an_error_of_our_own_is_not_blamed_on_the_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a TypeError raised inside openpyxl means a damaged sheet; one of ours stays a bug."""
    from ropa_desktop.interchange import xlsx_import

    def broken(*_args: Any) -> None:
        raise TypeError("a bug of ours")

    monkeypatch.setattr(xlsx_import._Reader, "_assign_ids", broken)
    with pytest.raises(TypeError, match="a bug of ours"):
        xlsx_import.read_workbook(_exported(tmp_path))
