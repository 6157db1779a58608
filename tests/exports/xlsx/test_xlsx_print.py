"""The workbook on paper: every sheet prints its body text at 8 pt or more on A4 landscape.

The effective size is computed from what a spreadsheet reads (page setup, print area, title columns, column
breaks, column widths and cell fonts), with its own model of column widths, not the exporter's.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from ropa_desktop.exports.xlsx_export import export_xlsx
from ropa_desktop.i18n import translator
from ropa_desktop.store.register import RegisterFile

A4_LANDSCAPE_WIDTH_IN = 297 / 25.4
MIN_POINTS = 8.0


def _width_points(ws: Worksheet, column: int) -> float:
    dim = ws.column_dimensions[get_column_letter(column)]
    width = dim.width if dim.width else 8.43  # Excel's default column width
    # LibreOffice's width (measured from its own converted files: 0.0972 in per unit), wider than Excel's
    # (7 px per unit + 5 px at 96 dpi): a page that fits by this fits in both.
    return width * 0.0972 * 72


def _printed_columns(ws: Worksheet) -> list[int]:
    last = ws.max_column
    if ws.print_area:
        area = ws.print_area.split("!")[-1].replace("$", "")
        _, _, last, _ = range_boundaries(area)
    return [c for c in range(1, last + 1) if not ws.column_dimensions[get_column_letter(c)].hidden]


def _pages_across(ws: Worksheet, columns: list[int]) -> list[list[int]]:
    """The printed columns of each page across, the repeated title columns included."""
    breaks = sorted(b.id for b in ws.col_breaks.brk)  # a break's id: the 0-based column it is left of
    titles: list[int] = []
    if ws.print_title_cols:
        first, last = ws.print_title_cols.replace("$", "").split(":")
        titles = list(range(column_index_from_string(first), column_index_from_string(last) + 1))
    pages: list[list[int]] = [[]]
    for c in columns:
        if c - 1 in breaks and pages[-1]:
            pages.append([t for t in titles if t < c])
        pages[-1].append(c)
    return pages


def effective_points(ws: Worksheet) -> float:
    """The smallest body-text size on paper: the cell font size times the print scale."""
    setup = ws.page_setup
    printable = (A4_LANDSCAPE_WIDTH_IN - ws.page_margins.left - ws.page_margins.right) * 72
    columns = _printed_columns(ws)
    pages = _pages_across(ws, columns)
    widest = max(sum(_width_points(ws, c) for c in page) for page in pages)
    if ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth:
        # Fit to N pages wide: the scale that makes the whole print width fit N pages (never enlarged).
        total = sum(_width_points(ws, c) for c in columns)
        scale = min(1.0, printable * float(setup.fitToWidth) / total)
    else:
        scale = float(setup.scale or 100) / 100
        assert widest * scale <= printable + 0.5, f"{ws.title}: a page across is wider than the paper"
    sizes: list[float] = [
        float(cell.font.sz)
        for row in ws.iter_rows(min_row=3, max_row=min(ws.max_row, 40))
        for cell in row
        if cell.value is not None and cell.column in columns and cell.font.sz
    ]
    smallest: float = min(sizes, default=10.0)
    return smallest * float(scale)


def test_every_sheet_prints_at_8_pt_or_more_on_a4_landscape(promeister: RegisterFile, tmp_path: Path) -> None:
    for language in ("en", "nb"):
        out = tmp_path / f"pm-{language}.xlsx"
        export_xlsx(promeister.snapshot(), out, translator(language))
        wb = openpyxl.load_workbook(out)
        for ws in wb.worksheets:
            if ws.sheet_state == "hidden":
                continue
            assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
            assert ws.print_title_rows or ws.title == wb.sheetnames[0], ws.title
            assert effective_points(ws) >= MIN_POINTS, (language, ws.title, effective_points(ws))


def test_the_purpose_sheet_prints_in_parts_with_the_purpose_repeated(promeister: RegisterFile, tmp_path: Path) -> None:
    out = tmp_path / "pm.xlsx"
    export_xlsx(promeister.snapshot(), out, translator("en"))
    ws = openpyxl.load_workbook(out)["Purposes"]
    pages = _pages_across(ws, _printed_columns(ws))
    assert len(pages) >= 2
    assert all(page[0] == 1 for page in pages)  # the purpose column starts every page across
    printed = sorted({c for page in pages for c in page})
    assert printed == _printed_columns(ws)  # no printed column is lost between parts
