"""The register as an Excel workbook a board, an auditor or the authority can read.

Written with openpyxl in write-only mode: rows stream to disk, and every cell
shares one of a handful of named styles, so a register with 100,000
activities exports in about the time openpyxl needs for the bare texts.

Safety: every text cell is typed as a string explicitly (openpyxl would
otherwise turn ``=...`` into a formula), text that a spreadsheet could take
for a formula also gets the quote prefix so that editing the cell keeps it
text, control characters are removed, and text longer than one Excel cell
holds stops the export with a message saying where (cutting it would lose
data silently). The workbook is written beside the destination under a
temporary name and renamed into place; on any failure the temporary file and
openpyxl's own streaming files are deleted.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from copy import copy
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_writer
from openpyxl.worksheet.pagebreak import Break

from ropa_desktop.checks.dpia import screening_row
from ropa_desktop.checks.engine import run_checks
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import groupings
from ropa_desktop.domain import models as m
from ropa_desktop.domain.fields import field_label
from ropa_desktop.domain.gaps import Gaps, marker
from ropa_desktop.domain.labels import Footnotes, footnotes
from ropa_desktop.domain.register import OrganisationRegister, RegisterSnapshot
from ropa_desktop.domain.validation import ENTRY_SCHEMAS, clean_text
from ropa_desktop.errors import NothingToExport, RopaError
from ropa_desktop.exports.xlsx_render import RowRenderer, render_scalar, version_text
from ropa_desktop.i18n import N_, Translator
from ropa_desktop.interchange.xlsx_layout import (
    BULLET,
    CLOSING_TABLES,
    DATA,
    ENTRY_TABLES,
    EXCEL_CELL_LIMIT,
    FOOTNOTES_SHEET,
    HEADING_ROW,
    META_SHEET,
    ORGANISATION_FIELDS,
    ORGANISATION_SHEET,
    PROCESSOR_TABLES,
    PROCESSORS,
    PURPOSES,
    SECURITY,
    SHARING,
    SOURCES,
    SUBJECTS,
    TRANSFERS,
    WORKBOOK_FORMAT,
    WORKBOOK_VERSION,
    Table,
    heading_text,
)
from ropa_desktop.safe_files import atomic_output, private_temp_dir

Progress = Callable[[int, int], bool]
_USED_FOR_SHOWN = 25
DPIA_SHEET = N_("DPIA screening")
_PROGRESS_EVERY = 250  # rows between progress calls: often enough for a dialog, rare enough to cost nothing
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")
_SURELY_FITS = EXCEL_CELL_LIMIT // 2  # no text this long or shorter can exceed the limit in UTF-16 units
_CHARS_PER_WIDTH = 1.2  # characters of 10 pt body text per unit of column width (measured in LibreOffice)
_LINE_HEIGHT = 12.75  # points per line of 10 pt text
# Paper: A4 landscape less the side margins set in the page setup, and the smallest print scale that keeps
# 10 pt body text at 8 pt or more. A sheet too wide for that prints in parts, the first column repeated.
_MARGIN_INCHES = 0.4
PRINTABLE_WIDTH_PT = (297 / 25.4 * 72 - 2 * _MARGIN_INCHES * 72) * 0.97  # a little room for rounding
BODY_PT = 10
MIN_PRINT_PT = 8
# LibreOffice gives a column of width w (in Excel's units) 7 pt per unit (measured: 10 -> 0.972 in, 22 ->
# 2.139 in); Excel's own formula, (7 px * w + 5 px) at 96 dpi, is narrower, so planning for LibreOffice's
# widths fits both.
_POINTS_PER_WIDTH_UNIT = 7.0


def column_points(width: float) -> float:
    """A column's printed width in points at 100 % (LibreOffice's, the wider of the two office suites)."""
    return width * _POINTS_PER_WIDTH_UNIT


def print_parts(widths: list[float]) -> list[list[int]]:
    """The printed columns (0-based) split into pages across: each part after the first column fits the paper
    with the first column repeated at ``MIN_PRINT_PT``; one part when everything fits."""
    limit = PRINTABLE_WIDTH_PT * BODY_PT / MIN_PRINT_PT
    if sum(column_points(w) for w in widths) <= limit or len(widths) < 3:
        return [list(range(len(widths)))]
    first = column_points(widths[0])
    parts: list[list[int]] = [[0]]
    used = first
    for index in range(1, len(widths)):
        w = column_points(widths[index])
        if used + w > limit and len(parts[-1]) > (1 if len(parts) == 1 else 0):
            parts.append([])
            used = first
        parts[-1].append(index)
        used += w
    return parts


def print_scale(widths: list[float], parts: list[list[int]]) -> int:
    """The one print scale (per cent) at which every part fits across the paper, at most 100."""
    first = column_points(widths[0])
    widest = max(
        sum(column_points(widths[i]) for i in part) + (first if part and part[0] != 0 else 0) for part in parts
    )
    return min(100, int(100 * PRINTABLE_WIDTH_PT / widest))


class ExportCancelled(RopaError):
    message = N_("The export was cancelled. No file was written.")


class CellTooLong(RopaError):
    message = N_(
        'Sheet "{sheet}", row {row}, column "{column}": the text has {length} characters, but an Excel cell '
        "holds at most {limit}. Shorten it (for example, refer to a separate document) and export again. "
        "No file was written."
    )


def excel_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units: an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2


class _Styles:
    """The few named styles every cell shares; a cell copies a style array, never builds a style."""

    def __init__(self, wb: Workbook, tr: Translator) -> None:
        top_wrap = Alignment(wrap_text=True, vertical="top")
        # Arial: every office suite has it or a metric twin, so widths and heights come out as sized here.
        body = Font(name="Arial", size=10)
        date_format = "dd.mm.yyyy" if tr.language == "nb" else "yyyy-mm-dd"
        styles = [
            NamedStyle("ropa title", font=Font(name="Arial", bold=True, size=13), alignment=Alignment(vertical="top")),
            NamedStyle(
                "ropa subtitle",
                font=Font(name="Arial", italic=True, color="4A5560"),
                alignment=Alignment(vertical="top"),
            ),
            NamedStyle(
                "ropa heading",
                font=Font(name="Arial", bold=True, size=10, color="FFFFFF"),
                fill=PatternFill("solid", fgColor="2F4B6E"),
                alignment=top_wrap,
            ),
            NamedStyle("ropa body", font=body, alignment=top_wrap),
            NamedStyle("ropa date", font=body, alignment=top_wrap, number_format=date_format),
            NamedStyle("ropa label", font=Font(name="Arial", bold=True, size=10), alignment=top_wrap),
            # A required element that is missing: "Not stated [rule id]", marked so it is not read as blank.
            NamedStyle(
                "ropa gap",
                font=Font(name="Arial", bold=True, size=10, color="9B1C1C"),
                fill=PatternFill("solid", fgColor="FDE8E8"),
                alignment=top_wrap,
            ),
            # Superscript digits are small glyphs; at body size a printed ¹ is barely visible.
            NamedStyle(
                "ropa mark",
                font=Font(name="Arial", bold=True, size=16),
                alignment=Alignment(horizontal="center", vertical="top"),
            ),
        ]
        for style in styles:
            wb.add_named_style(style)
        # A sheet is needed only to make template cells; its style arrays are valid workbook-wide.
        probe = wb.create_sheet("probe")
        self.arrays = {}
        for style in styles:
            cell = WriteOnlyCell(probe)
            cell.style = style.name
            self.arrays[style.name] = copy(cell._style)
        guarded = WriteOnlyCell(probe)
        guarded.style = "ropa body"
        guarded.quotePrefix = True
        self.arrays["ropa guarded"] = copy(guarded._style)
        # The index openpyxl would find for each style, registered once (the same call openpyxl makes per cell).
        self.index = {name: wb._cell_styles.add(array) for name, array in self.arrays.items()}
        wb.remove(probe)


class _StyledCell(Cell):  # type: ignore[misc]
    """A cell whose style index in the workbook is known up front.

    openpyxl looks the index up (hashing the style) for every cell it writes;
    with a handful of shared styles that lookup is a third of the export time.
    """

    __slots__ = ("_style_index",)

    @property
    def style_id(self) -> int:
        return self._style_index  # type: ignore[no-any-return]


def _prepared_cells(cells: list[Cell | None], row_idx: int) -> Iterator[Cell]:
    for col_idx, cell in enumerate(cells, 1):
        if cell is not None:
            cell.column = col_idx
            cell.row = row_idx
            yield cell


class _SheetWriter:
    """Appends rows to one write-only sheet, checking, styling and sizing each cell.

    Everything openpyxl writes before the rows (column widths, panes, page
    setup) is set up here, before the first row streams out.
    """

    def __init__(
        self,
        book: _Book,
        title: str,
        widths: list[tuple[float, bool]],
        org_name: str,
        version: str,
        heading_row: int,
        freeze: str,
        printed: int = 0,
    ) -> None:
        self.book = book
        self.title = title
        self.ws = book.wb.create_sheet(title)
        # Rows arrive as finished cells; openpyxl's generic path would first try each cell as a value
        # (an exception per cell) and then copy it, which doubles the export time.
        self.ws._values_to_row = _prepared_cells
        self.row = 0
        self.headings: list[str] = []
        # Rows are sized for the printed columns; on screen a longer detail cell can be opened up.
        self.per_line = [
            0 if hidden or (printed and index >= printed) else max(1, int(width * _CHARS_PER_WIDTH))
            for index, (width, hidden) in enumerate(widths)
        ]
        for index, (width, hidden) in enumerate(widths, 1):
            dim = self.ws.column_dimensions[get_column_letter(index)]
            dim.width = width
            dim.hidden = hidden
        self.ws.freeze_panes = freeze
        self._page_setup(org_name, version, heading_row)
        self._print_across([w for w, hidden in widths if not hidden][: printed or None])

    def cell(self, value: Any, style: str = "ropa body", column: int = 0) -> Cell | None:
        if value is None or value == "":
            return None
        cell = _StyledCell(self.ws)
        if isinstance(value, str):
            text = clean_text(value)
            if len(text) > _SURELY_FITS and excel_length(text) > EXCEL_CELL_LIMIT:
                heading = self.headings[column] if column < len(self.headings) else ""
                raise CellTooLong(
                    sheet=self.title,
                    row=self.row,
                    column=heading,
                    length=excel_length(text),
                    limit=EXCEL_CELL_LIMIT,
                )
            # Set as a string directly: openpyxl's own typing would make "=..." a formula and "#N/A" an error.
            # clean_text has already removed every character openpyxl would refuse.
            cell._value = text
            cell.data_type = "s"
            if style == "ropa body" and (text.startswith(_FORMULA_LEADS) or text in ERROR_CODES):
                style = "ropa guarded"
        else:
            cell.value = value
            if isinstance(value, date):
                style = "ropa date"
        styles = self.book.styles
        cell._style = styles.arrays[style]  # shared, never changed
        cell._style_index = styles.index[style]
        return cell

    def _height(self, values: list[Any]) -> float | None:
        """Row height for wrapped text: LibreOffice does not grow rows to fit when it opens a file."""
        lines = 1
        for value, per_line in zip(values, self.per_line, strict=False):
            if not per_line or not isinstance(value, str) or (len(value) <= per_line and "\n" not in value):
                continue
            count = sum(1 + (len(line) - 1) // per_line if line else 1 for line in value.split("\n"))
            lines = max(lines, count)
        return None if lines == 1 else min(409.0, lines * _LINE_HEIGHT + 2)

    def append(
        self, values: list[Any], style: str = "ropa body", first: str | None = None, gaps: list[int] | None = None
    ) -> None:
        """Append one row; ``first`` styles the first cell differently (a footnote mark), ``gaps`` are the
        indexes of "Not stated" markers."""
        self.row += 1
        height = self._height(values) if style not in ("ropa title", "ropa subtitle") else None
        if height is not None:
            # The sheet writer copies these attributes onto the <row>; a plain mapping spares building a
            # RowDimension per row.
            self.ws.row_dimensions[self.row] = {"ht": f"{height:g}", "customHeight": "1"}
        cell = self.cell
        cells = [None if v is None else cell(v, style, i) for i, v in enumerate(values)]
        if first is not None and values:
            cells[0] = cell(values[0], first, 0)
        for index in gaps or ():
            cells[index] = cell(values[index], "ropa gap", index)
        self.ws.append(cells)
        if height is not None:
            del self.ws.row_dimensions[self.row]  # written with the row; keep memory flat

    def _print_across(self, widths: list[float]) -> None:
        """Fit the printed columns to the paper's width, in parts when one page across would print under 8 pt."""
        parts = print_parts(widths)
        if len(parts) == 1:
            return  # fit to one page wide (set in the page setup); at least MIN_PRINT_PT by print_parts
        ws = self.ws
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = print_scale(widths, parts)
        ws.print_title_cols = "A:A"
        for part in parts[1:]:
            ws.col_breaks.append(Break(id=part[0]))  # a break after column id (1-based), i.e. before this part

    def heading(self, headings: list[str]) -> None:
        self.headings = headings
        self.append(headings, "ropa heading")

    def _page_setup(self, org_name: str, version: str, heading_row: int) -> None:
        ws, tr = self.ws, self.book.tr
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.7
        ws.page_margins.header = ws.page_margins.footer = 0.3
        ws.print_options.gridLines = True  # rules between rows and columns on paper, at no cost per cell
        if heading_row:
            ws.print_title_rows = f"{heading_row}:{heading_row}"
        # "&" starts a header code; a literal one is written twice.
        ws.oddHeader.left.text = org_name.replace("&", "&&")
        ws.oddHeader.left.size = 9
        ws.oddHeader.right.text = self.title.replace("&", "&&")
        ws.oddHeader.right.size = 9
        ws.oddFooter.left.text = version.replace("&", "&&")
        ws.oddFooter.left.size = 8
        ws.oddFooter.right.text = tr.gettext(N_("Page {page} of {pages}")).format(page="&P", pages="&N")
        ws.oddFooter.right.size = 8


class _Book:
    def __init__(self, snapshot: RegisterSnapshot, tr: Translator, progress: Progress | None) -> None:
        self.snapshot = snapshot
        self.tr = tr
        self.wb = Workbook(write_only=True)
        self.styles = _Styles(self.wb, tr)
        self.progress = progress
        self.total = sum(_row_count(org) for org in snapshot.organisations)
        self.done = 0
        self.meta: list[list[Any]] = []
        self.sheet_names: set[str] = set()
        # The checks' findings are the gaps each missing required cell is marked with.
        self.gaps = Gaps.of(run_checks(snapshot))

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % _PROGRESS_EVERY == 0:
            self._report()

    def _report(self) -> None:
        assert self.progress is not None
        if self.progress(min(self.done, self.total), self.total) is False:
            raise ExportCancelled()

    def sheet_name(self, org_index: int, msgid: str) -> str:
        name = self.tr.gettext(msgid)
        if len(self.snapshot.organisations) > 1:
            name = f"{org_index + 1} {name}"
        name = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31]
        base, n = name, 2
        while name.casefold() in self.sheet_names:
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        self.sheet_names.add(name.casefold())
        return name

    # ------------------------------------------------------------------ organisation

    def organisation(self, index: int, org: OrganisationRegister) -> None:
        tr, o = self.tr, org.organisation
        notes = footnotes(org)
        version = version_text(org, tr)
        name = self.sheet_name(index, ORGANISATION_SHEET)
        self.meta.append(["sheet", index, o.id, "organisation", name])
        sheet = _SheetWriter(self, name, [(34, False), (70, False), (8, True)], o.name, version, 0, "A4")
        title = tr.gettext(N_("Records of processing activities — {organisation}")).format(organisation=o.name)
        sheet.append([title], "ropa title")
        sheet.append([self._subtitle(org)], "ropa subtitle")
        sheet.heading([tr.gettext(N_("Field")), tr.gettext(N_("Value")), "key"])
        for key, msgid, kind in ORGANISATION_FIELDS:
            # Through append(), so a long value (joint controllers, notes) gets a row tall enough to show it.
            value = render_scalar(kind, getattr(o, key), tr)
            rule_id = self.gaps.rule("organisation", o.id, key) if value is None else None
            if rule_id is not None:
                sheet.append([tr.gettext(msgid), marker(rule_id, tr), key], first="ropa label", gaps=[1])
            else:
                sheet.append([tr.gettext(msgid), value, key], first="ropa label")
        sheet.append([tr.gettext(N_("Register version")), version])
        sheet.append([tr.gettext(N_("Exported")), datetime.now(UTC).date()])

        controller = groupings.purpose_rows(org, e.RegisterKind.CONTROLLER)
        sharing = groupings.sharing_recipients(org)
        processors = groupings.processors(org)
        order = {r.recipient.id: i for i, r in enumerate(org.recipients)}

        self.table(index, org, PURPOSES, controller, notes, version)
        self.table(index, org, SHARING, sharing, notes, version, order)
        self.footnote_sheet(index, org, notes, version)
        self.table(index, org, PROCESSORS, processors, notes, version, order)
        self.table(index, org, TRANSFERS, org.transfers, notes, version)
        self.table(index, org, SECURITY, org.security_measures, notes, version)
        self.dpia_sheet(index, org, version)
        if org.activities:
            for entries in ENTRY_TABLES:
                self.table(index, org, entries, entry_rows(org, entries.key), notes, version)
        processor = groupings.purpose_rows(org, e.RegisterKind.PROCESSOR)
        if o.is_processor or processor or org.clients:
            processing, clients = PROCESSOR_TABLES
            self.table(index, org, processing, processor, notes, version)
            self.table(index, org, clients, org.clients, notes, version)
        self.table(index, org, SUBJECTS, org.data_subjects, notes, version)
        self.table(index, org, DATA, org.personal_data, notes, version)
        self.table(index, org, SOURCES, org.sources, notes, version)
        approvers, change_log = CLOSING_TABLES
        self.table(index, org, approvers, org.approvers, notes, version)
        self.table(index, org, change_log, org.change_log, notes, version)

    def _subtitle(self, org: OrganisationRegister) -> str:
        o, tr = org.organisation, self.tr
        parts = []
        if o.orgnr:
            parts.append(tr.gettext(N_("Org. no. {orgnr}")).format(orgnr=o.orgnr))
        parts.append(version_text(org, tr))
        return " · ".join(parts)

    # ------------------------------------------------------------------ tables

    def table(
        self,
        index: int,
        org: OrganisationRegister,
        table: Table,
        records: list[Any],
        notes: Footnotes,
        version: str,
        order: dict[int | None, int] | None = None,
    ) -> None:
        tr = self.tr
        name = self.sheet_name(index, table.title)
        self.meta.append(["sheet", index, org.organisation.id, table.key, name])
        sheet = _SheetWriter(
            self,
            name,
            [(c.width, c.hidden) for c in table.columns],
            org.organisation.name,
            version,
            HEADING_ROW,
            f"B{HEADING_ROW + 1}",
            table.printed,
        )
        sheet.append([tr.gettext(table.heading).format(organisation=org.organisation.name)], "ropa title")
        sheet.append([self._subtitle(org)], "ropa subtitle")
        sheet.heading([heading_text(c, tr) for c in table.columns])
        render = RowRenderer(org, tr, notes, order or {}, self.gaps)
        columns = table.columns
        entity = _ENTITIES.get(table.section, "")
        for record in records:
            values = render.row(columns, record)
            sheet.append(values, gaps=render.gap_columns(entity, columns, record, values))
            self.tick()
        last_visible = max(i for i, c in enumerate(columns, 1) if not c.hidden)
        sheet.ws.auto_filter.ref = f"A{HEADING_ROW}:{get_column_letter(last_visible)}{max(sheet.row, HEADING_ROW)}"
        if table.printed:
            sheet.ws.print_area = f"A1:{get_column_letter(table.printed)}{sheet.row}"

    def footnote_sheet(self, index: int, org: OrganisationRegister, notes: Footnotes, version: str) -> None:
        tr = self.tr
        name = self.sheet_name(index, FOOTNOTES_SHEET)
        self.meta.append(["sheet", index, org.organisation.id, "footnotes", name])
        o = org.organisation
        sheet = _SheetWriter(
            self, name, [(6, False), (90, False), (40, False)], o.name, version, HEADING_ROW, f"A{HEADING_ROW + 1}"
        )
        title = tr.gettext(N_("Balancing tests for legitimate interests — {organisation}")).format(organisation=o.name)
        sheet.append([title], "ropa title")
        explain = N_("The marks refer to the Legal basis column of the purpose and sharing tables.")
        sheet.append([tr.gettext(explain)], "ropa subtitle")
        sheet.heading(
            [tr.gettext(N_("Note")), field_label("activity", "balancing_test", tr), tr.gettext(N_("Used for"))]
        )
        used: dict[str, list[str]] = {}
        for a in org.activities:
            mark = notes.mark_for_activity(a.activity.id)
            if mark:
                used.setdefault(mark, []).append(a.activity.purpose)
        for r in org.recipients:
            mark = notes.mark_for_recipient(r.recipient.id)
            if mark:
                used.setdefault(mark, []).append(r.recipient.name)
        for mark, text in notes.items:
            sheet.append([mark, text, self._used_for(used.get(mark, []))], first="ropa mark")

    def dpia_sheet(self, index: int, org: OrganisationRegister, version: str) -> None:
        """Issue 13: the DPIA screening of each controller activity. Derived, so the import does not read it."""
        controller = org.activities_of(e.RegisterKind.CONTROLLER)
        if not controller:
            return
        tr, o = self.tr, org.organisation
        name = self.sheet_name(index, DPIA_SHEET)
        widths: list[tuple[float, bool]] = [(40, False), (22, False), (40, False), (60, False), (30, False)]
        sheet = _SheetWriter(self, name, widths, o.name, version, HEADING_ROW, f"B{HEADING_ROW + 1}")
        sheet.append([tr.gettext(N_("DPIA screening — {organisation}")).format(organisation=o.name)], "ropa title")
        sheet.append([self._subtitle(org)], "ropa subtitle")
        sheet.heading(
            [field_label("activity", "purpose", tr)]
            + [tr.gettext(h) for h in (N_("Result"), N_("Why"), N_("What applies"), N_("DPIA"))]
        )
        for a in controller:
            row = screening_row(org, a, tr)
            sheet.append([a.activity.purpose, row.result, row.why, "\n".join(BULLET + i for i in row.items), row.dpia])

    def _used_for(self, names: list[str]) -> str:
        """The rows a footnote serves; a long list is cut (it is derived: the marks in the tables are complete)."""
        shown = [BULLET + n for n in names[:_USED_FOR_SHOWN]]
        if len(names) > _USED_FOR_SHOWN:
            more = self.tr.gettext(N_("… and {count} more")).format(
                count=self.tr.format_number(len(names) - _USED_FOR_SHOWN)
            )
            shown.append(more)
        return "\n".join(shown)

    def meta_sheet(self) -> None:
        ws = self.wb.create_sheet(META_SHEET)
        ws.sheet_state = "hidden"
        rows: list[list[Any]] = [
            ["format", WORKBOOK_FORMAT],
            ["version", WORKBOOK_VERSION],
            ["language", self.tr.language],
            # The count lets import tell a damaged layout sheet (a cleared cell) from a short register.
            ["sheets", len(self.meta)],
            *self.meta,
        ]
        for row in rows:
            ws.append([WriteOnlyCell(ws, v) for v in row])

    def properties(self) -> None:
        tr = self.tr
        names = ", ".join(o.organisation.name for o in self.snapshot.organisations)
        props = self.wb.properties
        props.title = tr.gettext(N_("Records of processing activities — {organisation}")).format(organisation=names)
        props.subject = tr.gettext(N_("Records of processing activities (GDPR art. 30)"))
        props.creator = names or "ropa-desktop"
        props.created = props.modified = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        props.language = tr.language
        props.keywords = "GDPR art. 30"


# The checks' name for the records of each JSON section (a finding points at entity, record and field).
_ENTITIES = {"activities": "activity", "recipients": "recipient", "transfers": "transfer"}


def entry_rows(org: OrganisationRegister, field_name: str) -> list[SimpleNamespace]:
    """One row per structured entry (format version 2) of every activity, in register order."""
    keys = ENTRY_SCHEMAS[(m.ProcessingActivity, field_name)]
    rows = []
    for a in org.activities:
        for entry in getattr(a.activity, field_name):
            values = {k: entry.get(k, None if kind is bool else "") for k, (kind, _) in keys.items()}
            rows.append(SimpleNamespace(id=None, activity_id=a.activity.id, **values))
    return rows


def _row_count(org: OrganisationRegister) -> int:
    return (
        len(org.activities)
        + len(org.recipients)
        + len(org.transfers)
        + len(org.security_measures)
        + len(org.clients)
        + len(org.data_subjects)
        + len(org.personal_data)
        + len(org.sources)
        + len(org.approvers)
        + len(org.change_log)
    )


def _discard_streams(wb: Workbook) -> None:
    """Delete openpyxl's per-sheet streaming files (they hold personal data) after a failed export."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        rows = getattr(ws, "_rows", None)
        with contextlib.suppress(Exception):
            if rows is not None:
                rows.close()
        with contextlib.suppress(Exception):
            writer.xf.close()
        with contextlib.suppress(OSError, ValueError):
            if os.path.exists(writer.out):
                os.remove(writer.out)
            openpyxl_writer.ALL_TEMP_FILES.remove(writer.out)


def _build(book: _Book) -> Iterator[None]:
    for index, org in enumerate(book.snapshot.organisations):
        book.organisation(index, org)
        yield
    book.meta_sheet()
    book.properties()


def _stream_file(suffix: str = "") -> str:
    """openpyxl's per-sheet streaming file, made in our private temp folder instead of the shared one.

    The streams hold register text; in our own folder a killed export's streams are
    found and removed at the next start (:func:`ropa_desktop.safe_files.remove_stale_temp_dirs`).
    """
    fd, name = tempfile.mkstemp(suffix=suffix, prefix="sheet.", dir=private_temp_dir())
    os.close(fd)
    openpyxl_writer.ALL_TEMP_FILES.append(name)
    return name


openpyxl_writer.create_temporary_file = _stream_file


def export_xlsx(
    snapshot: RegisterSnapshot,
    destination: Path,
    translator: Translator,
    progress: Progress | None = None,
    *,
    replace: bool = True,
) -> None:
    """Write ``snapshot`` as a workbook at ``destination`` in the translator's language.

    ``progress(done, total)`` is called now and then; returning ``False`` cancels
    (:class:`ExportCancelled`). Nothing is left at ``destination`` unless the
    whole workbook was written; ``replace=False`` refuses an existing file.
    """
    if not snapshot.organisations:
        raise NothingToExport()
    book = _Book(snapshot, translator, progress)
    try:
        with atomic_output(Path(destination), replace=replace) as tmp:
            for _ in _build(book):
                pass
            if progress is not None:
                book._report()
            book.wb.save(tmp)
    except BaseException:
        _discard_streams(book.wb)
        raise
