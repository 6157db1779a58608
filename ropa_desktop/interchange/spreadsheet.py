"""Any spreadsheet register (xlsx, ods, csv) into a register, through a column mapping.

Most registers live in a spreadsheet someone made: Datatilsynet's template, the
ICO's, a consultant's own. The sheet is read with python-calamine (the header
row found below any title block, merged cells spread over the cells they
cover), each column is matched to an activity field by its heading in any
language we ship or by what its cells hold, and every row becomes an activity.
Categories, recipients, sources and measures named in the cells are created
once per name. The whole sheet is turned into a JSON register document and
validated by the JSON import, so nothing is written until every row is valid
(or the rows named are skipped), and each problem names sheet, row and column.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ropa_desktop.domain import enums as e
from ropa_desktop.domain.field_synonyms import ACTIVITY_HEADING_SYNONYMS, normalise_heading
from ropa_desktop.domain.fields import FIELD_LABELS
from ropa_desktop.domain.labels import label
from ropa_desktop.errors import ImportProblems, RopaError
from ropa_desktop.i18n import LANGUAGES, N_, Translator, _, current, translator
from ropa_desktop.interchange import json_format
from ropa_desktop.interchange.tsv import parse_cell, parse_legal_basis
from ropa_desktop.resources import package_data
from ropa_desktop.store.register import RegisterFile

MAPPING_FORMAT = "ropa-mapping"
MAPPING_VERSION = 1
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv")

# Activity fields a column can fill; lists name records that are created once per name.
LIST_SECTIONS: dict[str, str] = {
    "data_subjects": "data_subject_categories",
    "personal_data": "personal_data_categories",
    "recipients": "recipients",
    "sources": "sources",
    "security_measures": "security_measures",
}
TEXT_FIELDS = (
    "purpose",
    "legal_basis_note",
    "national_law",
    "balancing_test",
    "special_condition_note",
    "retention",
    "retention_legal_ref",
    "responsible_unit",
    "notes",
)
TARGET_FIELDS: tuple[str, ...] = ("purpose", "operations", *LIST_SECTIONS, "legal_basis", *TEXT_FIELDS[1:])

_HEADER_SEARCH_ROWS = 30  # a title block is a few rows; a header further down is not guessed
_CONTENT_SHARE = 0.6  # share of a column's cells that must look alike for a guess by content
_ERROR_CELL = re.compile(r"^#(?:REF!|N/A|VALUE!|DIV/0!|NAME\?|NUM!|NULL!)$")
_LIST_SPLIT = re.compile(r"\s*;\s*")
_DURATION = re.compile(r"^(\d{1,4})\s*(år|years?|måneder|måned|mnd|months?|dager|dag|days?)\b\.?$", re.IGNORECASE)
_UNITS = {"å": e.DurationUnit.YEARS, "y": e.DurationUnit.YEARS, "d": e.DurationUnit.DAYS}


class SpreadsheetUnreadable(RopaError):
    message = N_("{path} cannot be read as a spreadsheet (xlsx, ods or csv): {reason}")


class MappingInvalid(RopaError):
    message = N_("The column mapping {name} cannot be used: {reason}")


# --------------------------------------------------------------------------- reading


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    # (row, column) of cells filled from a merged cell above: a purpose merged down over several rows
    # is one activity whose lists run over those rows
    merged_below: set[tuple[int, int]] = field(default_factory=set)


def _fill_merged(rows: list[list[Any]], ranges: Iterable[Any]) -> set[tuple[int, int]]:
    """Give every cell of a merged range the value of its top-left cell, as the reader sees it."""
    below: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
                if r > r0:
                    below.add((r, c))
    return below


def _read_csv(path: Path) -> list[Sheet]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel on Windows saves CSV in the ANSI code page
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [Sheet(path.stem, [list(r) for r in csv.reader(io.StringIO(text), dialect)])]


def read_sheets(source: Path | str) -> list[Sheet]:
    """Every sheet of ``source`` as rows of cell values, merged cells filled."""
    path = Path(source)
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    from python_calamine import CalamineWorkbook  # only when a spreadsheet is read: keeps start-up light

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            rows = [list(r) for r in sheet.to_python(skip_empty_area=False)]
            ranges = getattr(sheet, "merged_cell_ranges", None) or []
            sheets.append(Sheet(name, rows, _fill_merged(rows, ranges)))
    except Exception as exc:  # calamine raises its own error types for every unreadable file
        raise SpreadsheetUnreadable(
            path=str(path), reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        ) from None
    return sheets


def cell_text(value: Any) -> str:
    """A cell as the text the user sees: whole numbers without ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time, timedelta)):
        return value.isoformat() if not isinstance(value, timedelta) else str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# --------------------------------------------------------------------------- guessing


def _heading_index() -> dict[str, str]:
    """Normalised heading -> activity field, from the field catalogue in every language and the synonyms."""
    index: dict[str, str] = {}
    for fname, words in ACTIVITY_HEADING_SYNONYMS.items():
        for word in words:
            index.setdefault(normalise_heading(word), fname)
    for fname in TARGET_FIELDS:
        msgid = FIELD_LABELS.get(("activity", fname)) or FIELD_LABELS.get(("*", fname))
        if msgid is None:
            continue
        for lang in LANGUAGES:
            index[normalise_heading(translator(lang).gettext(msgid))] = fname
    return index


def field_for_heading(heading: str, index: Mapping[str, str] | None = None) -> str | None:
    return (index or _heading_index()).get(normalise_heading(heading))


def find_header_row(rows: list[list[Any]], index: Mapping[str, str] | None = None) -> int | None:
    """The 0-based row whose cells name the most fields (a title block and spacer rows above it are skipped)."""
    index = index or _heading_index()
    best, best_score = None, 0
    for r, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        score = len({index[h] for h in (normalise_heading(cell_text(c)) for c in row) if h in index})
        if score > best_score:
            best, best_score = r, score
    if best is not None:
        return best
    for r, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if sum(1 for c in row if cell_text(c)) >= 2:
            return r
    return None


def _looks_like_basis(text: str) -> bool:
    return len(text) <= 120 and (bool(parse_legal_basis(text).letters) or _basis_label(text) is not None)


@functools.cache
def _basis_labels() -> dict[str, str]:
    """Every language's label of each art. 6(1) basis (casefolded) -> its letter."""
    return {
        label(member, translator(lang)).strip().casefold(): member.value
        for lang in LANGUAGES
        for member in e.LegalBasis
    }


def _basis_label(text: str) -> str | None:
    return _basis_labels().get(text.strip().casefold())


def _duration(text: str) -> tuple[int, str] | None:
    m = _DURATION.match(text.strip())
    if not m:
        return None
    word = m.group(2).casefold()
    unit = _UNITS.get(word[0], e.DurationUnit.MONTHS)
    return int(m.group(1)), unit.value


def field_for_content(values: list[str]) -> str | None:
    """A field guessed from what a column holds: art. 6 bases, or periods such as "5 år" / "3 years"."""
    filled = [v for v in values if v]
    if not filled:
        return None
    for fname, test in (("legal_basis", _looks_like_basis), ("retention", lambda v: _duration(v) is not None)):
        if sum(1 for v in filled if test(v)) >= _CONTENT_SHARE * len(filled):
            return fname
    return None


@dataclass
class ColumnMapping:
    """Which sheet, which header row (1-based, as the spreadsheet numbers it) and heading -> field."""

    columns: dict[str, str | None] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None

    def to_json(self) -> str:
        doc = {
            "format": MAPPING_FORMAT,
            "version": MAPPING_VERSION,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": self.columns,
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes, name: str) -> ColumnMapping:
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            raise MappingInvalid(name=name, reason=_("not valid JSON")) from None
        if not isinstance(doc, dict) or doc.get("format") != MAPPING_FORMAT:
            raise MappingInvalid(name=name, reason=_('expected "format": "{format}"').format(format=MAPPING_FORMAT))
        columns = doc.get("columns")
        if not isinstance(columns, dict) or not all(isinstance(k, str) for k in columns):
            raise MappingInvalid(name=name, reason=_('expected "columns": an object of heading: field'))
        for heading, target in columns.items():
            if target is not None and target not in TARGET_FIELDS:
                raise MappingInvalid(
                    name=name, reason=_("{heading}: {field} is not a field").format(heading=heading, field=target)
                )
        sheet, header = doc.get("sheet"), doc.get("header_row")
        if sheet is not None and not isinstance(sheet, str):
            raise MappingInvalid(name=name, reason=_('expected "sheet": a sheet name or null'))
        if header is not None and (not isinstance(header, int) or isinstance(header, bool) or header < 1):
            raise MappingInvalid(name=name, reason=_('expected "header_row": a row number or null'))
        return cls(dict(columns), sheet, header)


def guess_mapping(sheets: list[Sheet]) -> ColumnMapping:
    """The sheet whose header names the most fields, and each of its columns by heading, else by content."""
    index = _heading_index()
    best: tuple[int, Sheet, int] | None = None
    for sheet in sheets:
        header = find_header_row(sheet.rows, index)
        if header is None:
            continue
        score = sum(1 for c in sheet.rows[header] if normalise_heading(cell_text(c)) in index)
        if best is None or score > best[0]:
            best = (score, sheet, header)
    if best is None:
        return ColumnMapping({}, sheets[0].name if sheets else None, None)
    _score, sheet, header = best
    columns: dict[str, str | None] = {}
    used: set[str] = set()
    headings = [cell_text(c) for c in sheet.rows[header]]
    by_content: list[int] = []
    for col, heading in enumerate(headings):
        if not heading or heading in columns:
            continue
        target = index.get(normalise_heading(heading))
        if target is None or target in used:
            columns[heading] = None
            by_content.append(col)
        else:
            columns[heading] = target
            used.add(target)
    for col in by_content:
        target = field_for_content([cell_text(r[col]) if col < len(r) else "" for r in sheet.rows[header + 1 :]])
        if target is not None and target not in used:
            columns[headings[col]] = target
            used.add(target)
    return ColumnMapping(columns, sheet.name, header + 1)


# --------------------------------------------------------------------------- presets


def preset_names() -> list[str]:
    return sorted(p.stem for p in package_data("mappings").glob("*.json"))


def load_mapping(name_or_path: str) -> ColumnMapping:
    """A shipped preset by name (``datatilsynet-controller``) or a mapping file saved by ``ropa mapping guess``."""
    path = Path(name_or_path)
    if path.suffix.lower() != ".json" or not path.exists():
        preset = package_data("mappings") / f"{name_or_path}.json"
        if not preset.exists():
            reason = (
                current()
                .gettext(N_("no such file or preset; presets: {names}"))
                .format(names=", ".join(preset_names()))
            )
            raise MappingInvalid(name=name_or_path, reason=reason)
        path = preset
    return ColumnMapping.from_json(path.read_bytes(), name_or_path)


# --------------------------------------------------------------------------- converting


@dataclass
class CellProblem:
    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    column: int  # 0-based
    heading: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, tr: Translator | None = None) -> str:
        tr = tr or current()
        where = tr.gettext(N_("Sheet {sheet}, row {row}, column {column} ({heading})")).format(
            sheet=self.sheet, row=self.row, column=column_letter(self.column), heading=self.heading
        )
        return f"{where}: {tr.gettext(self.message).format(**self.params)}"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def split_list(text: str) -> list[str]:
    """A list cell: bullets, line breaks or semicolons between the items."""
    return list(_split_list(text))


@functools.lru_cache(maxsize=4096)  # the same cells recur row after row ("Kunder", "Navn\nE-post")
def _split_list(text: str) -> tuple[str, ...]:
    cell = parse_cell(text)
    items = cell if isinstance(cell, list) else [cell]
    out: list[str] = []
    for item in items:
        out.extend(p for p in _LIST_SPLIT.split(item) if p)
    return tuple(dict.fromkeys(out))


@dataclass
class Conversion:
    """The register document a sheet becomes, the spreadsheet row of each activity, and the problems."""

    document: dict[str, Any]
    rows: list[int]
    problems: list[CellProblem]
    validated: Any = None  # the document as the JSON import validated it, ready to write

    @property
    def activities(self) -> list[dict[str, Any]]:
        return list(self.document["organisations"][0].get("activities", []))


def _select_sheet(sheets: list[Sheet], mapping: ColumnMapping) -> Sheet:
    if mapping.sheet is None:
        return sheets[0]
    for sheet in sheets:
        if sheet.name == mapping.sheet:
            return sheet
    if len(sheets) == 1:
        return sheets[0]  # a CSV, or a workbook whose only sheet was renamed
    reason = _("no such sheet; the sheets are: {names}").format(names=", ".join(s.name for s in sheets))
    raise MappingInvalid(name=mapping.sheet, reason=reason)


class _Builder:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.problems: list[CellProblem] = []
        self.sections: dict[str, list[dict[str, Any]]] = {key: [] for key in LIST_SECTIONS.values()}
        self.ids: dict[str, dict[str, int]] = {key: {} for key in LIST_SECTIONS.values()}

    def ref(self, section: str, name: str) -> int:
        key = " ".join(name.casefold().split())
        known = self.ids[section]
        if key not in known:
            known[key] = len(known) + 1
            self.sections[section].append({"id": known[key], "name": name})
        return known[key]

    def problem(self, row: int, col: int, heading: str, message: str, **params: Any) -> None:
        self.problems.append(CellProblem(self.sheet.name, row, col, heading, message, params))


def convert(
    sheets: list[Sheet], mapping: ColumnMapping, organisation: str, skip_rows: Iterable[int] = ()
) -> Conversion:
    """Turn the mapped sheet into a register document with one organisation; nothing is written."""
    sheet = _select_sheet(sheets, mapping)
    index = _heading_index()
    header = mapping.header_row - 1 if mapping.header_row else find_header_row(sheet.rows, index)
    b = _Builder(sheet)
    doc: dict[str, Any] = {"format": json_format.FORMAT, "version": json_format.FORMAT_VERSION}
    org: dict[str, Any] = {"name": organisation}
    doc["organisations"] = [org]
    if header is None or header >= len(sheet.rows):
        b.problem(1, 0, "", N_("no header row found"))
        return Conversion(doc, [], b.problems)
    headings = [cell_text(c) for c in sheet.rows[header]]
    by_heading = {normalise_heading(h): i for i, h in reversed(list(enumerate(headings))) if h}
    columns: list[tuple[int, str, str]] = []  # (column, heading, field)
    for heading, target in mapping.columns.items():
        if target is None:
            continue
        col = by_heading.get(normalise_heading(heading))
        if col is None:
            b.problem(header + 1, len(headings), heading, N_("the mapping names this column, but the sheet has none"))
            continue
        columns.append((col, headings[col], target))
    if not any(t == "purpose" for _c, _h, t in columns):
        b.problem(header + 1, 0, "", N_("no column is mapped to the purpose"))
    skip = set(skip_rows)
    purpose_col = next((c for c, _h, t in columns if t == "purpose"), None)
    activities: list[dict[str, Any]] = []
    rows: list[int] = []
    for r in range(header + 1, len(sheet.rows)):
        row_number = r + 1
        raw = sheet.rows[r]
        if row_number in skip or not any(cell_text(c) for c in raw):
            continue  # a spacer row, or one the user chose to skip
        if activities and purpose_col is not None and (r, purpose_col) in sheet.merged_below:
            _continue(b, row_number, raw, columns, activities[-1])
            continue
        activity = _activity(b, row_number, raw, columns)
        if activity is not None:
            activities.append(activity)
            rows.append(row_number)
    for key, records in b.sections.items():
        if records:
            org[key] = records
    org["activities"] = activities
    validated, problems = json_format.validate_document(doc)
    for p in problems:
        b.problems.append(_locate(p, rows, columns, sheet.name))
    return Conversion(doc, rows, b.problems, validated)


def _activity(
    b: _Builder, row_number: int, raw: list[Any], columns: list[tuple[int, str, str]]
) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    basis_text = ""
    values = [(col, heading, target, cell_text(raw[col]) if col < len(raw) else "") for col, heading, target in columns]
    if not any(v for *_x, v in values):
        return None  # text only in unmapped columns: a remark beside the table, not an activity
    for col, heading, target, text in values:
        if _ERROR_CELL.match(text):
            b.problem(row_number, col, heading, N_("the cell holds the spreadsheet error {value}"), value=text)
            continue
        if not text:
            continue
        if target == "operations":
            out["operations"] = split_list(text)
        elif target in LIST_SECTIONS:
            section = LIST_SECTIONS[target]
            out[target] = list(dict.fromkeys(b.ref(section, name) for name in split_list(text)))
        elif target == "legal_basis":
            basis_text = text
            letters = set(parse_legal_basis(text).letters)
            for part in split_list(text):
                label = _basis_label(part)
                if label is not None:
                    letters.add(label)
            if letters:
                out["legal_basis"] = sorted(letters)
        elif target == "retention":
            out["retention"] = text
            period = _duration(text)
            if period is not None:
                out["retention_duration"], out["retention_unit"] = period
        else:
            out[target] = text
    if basis_text and "legal_basis" not in out and "legal_basis_note" not in out:
        out["legal_basis_note"] = basis_text  # kept as written: the user picks the art. 6 letter
    if not out.get("purpose"):
        col, heading = next(((c, h) for c, h, t in columns if t == "purpose"), (0, ""))
        b.problem(row_number, col, heading, N_("a purpose is required"))
    return out


def _continue(
    b: _Builder, row_number: int, raw: list[Any], columns: list[tuple[int, str, str]], activity: dict[str, Any]
) -> None:
    """A row under a merged purpose: its list cells add to the activity above, other text is kept if new."""
    more = _activity(b, row_number, raw, columns) or {}
    for key, value in more.items():
        if isinstance(value, list):
            activity[key] = list(dict.fromkeys([*activity.get(key, []), *value]))
        elif not activity.get(key):
            activity[key] = value


_ACTIVITY_PATH = re.compile(r"^organisations\[0\]\.activities\[(\d+)\]\.(\w+)")


def _locate(problem: Any, rows: list[int], columns: list[tuple[int, str, str]], sheet: str) -> CellProblem:
    m = _ACTIVITY_PATH.match(problem.path)
    if m is None:
        return CellProblem(sheet, 0, 0, problem.path, problem.message, problem.params)
    fname = m.group(2).removesuffix("_duration").removesuffix("_unit")
    col, heading = next(((c, h) for c, h, t in columns if t == fname), (0, m.group(2)))
    return CellProblem(sheet, rows[int(m.group(1))], col, heading, problem.message, problem.params)


def import_spreadsheet(
    source: Path | str,
    destination: Path | str,
    mapping: ColumnMapping | None = None,
    *,
    organisation: str | None = None,
    skip_rows: Iterable[int] = (),
    overwrite: bool = False,
) -> RegisterFile:
    """Create a register at ``destination`` from the sheet; only a sheet without problems is written."""
    sheets = read_sheets(source)
    mapping = mapping or guess_mapping(sheets)
    result = convert(sheets, mapping, organisation or Path(source).stem, skip_rows)
    if result.problems:
        raise ImportProblems([p.render() for p in result.problems])
    return RegisterFile.create(
        destination, overwrite=overwrite, populate=lambda conn: json_format.write_validated(conn, result.validated)
    )
