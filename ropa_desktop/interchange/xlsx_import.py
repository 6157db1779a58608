"""Reading a workbook in our own layout back into a register.

The workbook may have been edited and saved by Excel or LibreOffice: sheets
are found through the hidden layout sheet, columns by their headings, and
references (a category named in an activity row) by name, with the hidden id
columns deciding between records that share a name. Everything is read and
checked first, through the same validation as the JSON import; only a
workbook without problems becomes a register, and each problem names its
sheet, row and column.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeGuard

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ropa_desktop.domain import enums as e
from ropa_desktop.domain.gaps import is_marker
from ropa_desktop.domain.labels import is_superscript_mark, value_for_label
from ropa_desktop.domain.validation import Problem, country_codes
from ropa_desktop.errors import ImportProblems, RopaError
from ropa_desktop.i18n import LANGUAGES, N_, Translator, translator
from ropa_desktop.interchange import json_format
from ropa_desktop.interchange.xlsx_layout import (
    ALL_ACTIVITIES,
    BULLET,
    ENTRY_TABLES,
    FIRST_DATA_ROW,
    HEADING_ROW,
    META_SHEET,
    NAME_FIELDS,
    ORGANISATION_FIELDS,
    TABLES_BY_KEY,
    WORKBOOK_FORMAT,
    WORKBOOK_VERSION,
    Column,
    Kind,
    Table,
    category_marks,
    heading_text,
)
from ropa_desktop.store.register import RegisterFile

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and old .xls files are OLE compound files
_PATH = re.compile(r"^organisations\[(\d+)\](?:\.(\w+)\[(\d+)\])?(?:\.(\w+))?")


class WorkbookProtected(RopaError):
    message = N_(
        "{path} is password-protected or in the old Excel 97–2003 format. Save it as an Excel workbook (.xlsx) "
        "without a password and import it again."
    )


class WorkbookDamaged(RopaError):
    message = N_("{path} cannot be read as an Excel workbook: the file is damaged, truncated or not a workbook.")


class WorkbookLayoutDamaged(RopaError):
    message = N_(
        "{path} is damaged: the hidden layout sheet ({sheet}) has been changed, so the workbook cannot be read "
        "safely. Nothing was written; export the register to Excel again."
    )


class WorkbookSheetUnreadable(RopaError):
    message = N_(
        '{path} is damaged: the sheet "{sheet}" has settings no spreadsheet program writes, so it cannot be read. '
        "Nothing was written; open the workbook in Excel or LibreOffice, save it again and import that copy."
    )


class ForeignWorkbook(RopaError):
    message = N_(
        "{path} is not a register workbook from this program: {missing}. Export a register to Excel, fill in "
        "that workbook and import it."
    )


@dataclass
class _Row:
    sheet: str
    row: int
    table: Table
    record: dict[str, Any]
    names: dict[str, tuple[str, list[str], list[int]]] = field(default_factory=dict)  # key -> (heading, names, hints)
    order: float = float("inf")


@dataclass
class _Org:
    index: int
    record: dict[str, Any]
    sheet: str
    field_rows: dict[str, int] = field(default_factory=dict)
    rows: dict[str, list[_Row]] = field(default_factory=dict)  # section -> rows in register order


_META_KEYS = ("format", "version", "language", "sheets")


def _raised_in_openpyxl(exc: BaseException) -> bool:
    """Whether ``exc`` was raised inside openpyxl (reading the file), not in this module's own code."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and "openpyxl" in Path(tb.tb_frame.f_code.co_filename).parts


def _name_key(name: str) -> str:
    return name.strip()


@dataclass
class _Lookup:
    """The records of one section by id and by name (names without surrounding spaces)."""

    names: dict[int, str] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)

    def add(self, record_id: int, name: str) -> None:
        self.names[record_id] = name
        self.by_name.setdefault(_name_key(name), []).append(record_id)


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.tr: Translator = translator("en")
        self.sheet_in_hand = META_SHEET  # the sheet being read, named if its XML cannot be parsed

    # ------------------------------------------------------------------ problems

    def problem(self, sheet: str, row: int | None, heading: str | None, message: str, **params: Any) -> None:
        text = self.tr.gettext(message).format(**params)
        if row is None:
            where = self.tr.gettext(N_('Sheet "{sheet}"')).format(sheet=sheet)
        elif heading is None:
            where = self.tr.gettext(N_('Sheet "{sheet}", row {row}')).format(sheet=sheet, row=row)
        else:
            where = self.tr.gettext(N_('Sheet "{sheet}", row {row}, column "{column}"')).format(
                sheet=sheet, row=row, column=heading
            )
        self.problems.append(f"{where}: {text}")

    # ------------------------------------------------------------------ workbook

    def open(self) -> Any:
        with self.path.open("rb") as fh:
            head = fh.read(8)
        if head == _OLE_MAGIC:
            raise WorkbookProtected(path=str(self.path))
        try:
            return load_workbook(self.path, read_only=True, data_only=False)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise WorkbookDamaged(path=str(self.path)) from None
        except Exception:
            raise WorkbookDamaged(path=str(self.path)) from None

    def read(self) -> dict[str, Any]:
        wb = self.open()
        try:
            return self._read(wb)
        except RopaError:
            raise
        # Sheets are read lazily: damage inside a part surfaces here, as a zip, deflate or XML error.
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, SyntaxError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise WorkbookDamaged(path=str(self.path)) from None
        # openpyxl builds a sheet's settings (outline, page setup…) from its XML attributes; an attribute
        # no spreadsheet program writes ("topLefRCell") fails there as a TypeError (unexpected keyword argument).
        except (TypeError, AttributeError) as exc:
            if not _raised_in_openpyxl(exc):
                raise
            raise WorkbookSheetUnreadable(path=str(self.path), sheet=self.sheet_in_hand) from None
        finally:
            wb.close()

    def _read(self, wb: Any) -> dict[str, Any]:
        if META_SHEET not in wb.sheetnames:
            raise ForeignWorkbook(
                path=str(self.path),
                missing=self.tr.gettext(N_('the hidden sheet "{sheet}" that describes its layout is missing')).format(
                    sheet=META_SHEET
                ),
            )
        meta = [list(r) for r in wb[META_SHEET].iter_rows(values_only=True)]
        for number, r in enumerate(meta, 1):
            if r and r[0] in _META_KEYS and len(r) < 2:  # its value cell was cleared
                raise self._damaged_layout(number)
        info = {str(r[0]): r[1] for r in meta if r and r[0] in _META_KEYS}
        if info.get("format") != WORKBOOK_FORMAT:
            raise ForeignWorkbook(
                path=str(self.path),
                missing=self.tr.gettext(N_('the layout sheet does not say "{format}"')).format(format=WORKBOOK_FORMAT),
            )
        version = info.get("version")
        if not _is_count(version) or int(version) > WORKBOOK_VERSION:
            raise ForeignWorkbook(
                path=str(self.path),
                missing=self.tr.gettext(N_("its layout version {found} is newer than this program reads")).format(
                    found=version
                ),
            )
        language = str(info.get("language") or "en")
        self.tr = translator(language if language in LANGUAGES else "en")
        sheets = self._layout(meta, info)
        orgs: list[_Org] = []
        for index in sorted(sheets):
            org = self._organisation(wb, index, sheets[index])
            if org is not None:
                orgs.append(org)
        # Problems so far do not stop the reading: the user gets every problem in one list.
        self._assign_ids(orgs)
        document = {
            "format": json_format.FORMAT,
            "version": json_format.FORMAT_VERSION,
            "organisations": [self._resolve(org) for org in orgs],
        }
        self._validate(document, orgs)
        return document

    def _layout(self, meta: list[list[Any]], info: dict[str, Any]) -> dict[int, list[tuple[Any, str, str]]]:
        """The sheets of each organisation, from the hidden layout sheet; any damage to it stops the import.

        A cleared or retyped cell there would otherwise drop a whole sheet (or
        organisation) from the import without a word.
        """
        sheets: dict[int, list[tuple[Any, str, str]]] = {}
        count = 0
        for number, r in enumerate(meta, 1):
            cells = [c for c in r if c is not None and c != ""]
            if not cells:
                continue
            key = r[0]
            if key in _META_KEYS and len(cells) == 2:
                continue
            if key == "sheet" and self._sheet_row(r):
                sheets.setdefault(int(r[1]), []).append((r[2], str(r[3]), str(r[4])))
                count += 1
                continue
            raise self._damaged_layout(number)
        expected = info.get("sheets")
        has_count = any(r and r[0] == "sheets" for r in meta)
        if has_count and (not _is_count(expected) or int(expected) != count):
            raise self._damaged_layout(None)
        if not any(key == "organisation" for rows in sheets.values() for _, key, _ in rows):
            raise self._damaged_layout(None)
        return sheets

    @staticmethod
    def _sheet_row(r: list[Any]) -> bool:
        if len(r) < 5 or not _is_count(r[1]):
            return False
        if not (_is_count(r[2]) and int(r[2]) >= 1):  # the organisation's id, always written
            return False
        return isinstance(r[3], str) and bool(r[3]) and isinstance(r[4], str) and bool(r[4])

    def _damaged_layout(self, row: int | None) -> RopaError:
        where = META_SHEET if row is None else f"{META_SHEET}, {row}"
        return WorkbookLayoutDamaged(path=str(self.path), sheet=where)

    # ------------------------------------------------------------------ sheets

    def _organisation(self, wb: Any, index: int, sheets: list[tuple[Any, str, str]]) -> _Org | None:
        by_key = {key: name for _, key, name in sheets}
        org_id = sheets[0][0]
        missing = [name for name in by_key.values() if name not in wb.sheetnames]
        for name in missing:
            self.problem(name, None, None, N_("the sheet is missing"))
        if missing or "organisation" not in by_key:
            return None
        sheet = by_key["organisation"]
        record: dict[str, Any] = {"id": int(org_id)} if isinstance(org_id, (int, float)) else {}
        org = _Org(index, record, sheet)
        kinds = {key: kind for key, _, kind in ORGANISATION_FIELDS}
        headings = {key: self.tr.gettext(msgid) for key, msgid, _ in ORGANISATION_FIELDS}
        self.sheet_in_hand = sheet
        for number, row in enumerate(wb[sheet].iter_rows(values_only=True), 1):
            if number < FIRST_DATA_ROW or len(row) < 3 or row[2] not in kinds:
                continue
            key = str(row[2])
            column = Column(key, headings[key], kinds[key])
            raw = self._without_derived_text(row[1], column) if isinstance(row[1], str) else row[1]
            ok, value = self._parse(column, raw, sheet, number)
            if ok:
                record[key] = value
                org.field_rows[key] = number
        if "name" not in org.field_rows:
            self.problem(sheet, None, None, N_('the row "{field}" is missing'), field=headings["name"])
        for key, name in by_key.items():
            table = TABLES_BY_KEY.get(key)
            if table is not None:
                self._table(wb[name], name, table, org)
        recipients = org.rows.get("recipients", [])
        recipients.sort(key=lambda r: r.order)  # stable: rows without an order keep sheet order, at the end
        return org

    def _table(self, ws: Any, sheet: str, table: Table, org: _Org) -> None:
        self.sheet_in_hand = sheet
        rows = ws.iter_rows(values_only=True)
        columns: dict[int, Column] = {}
        for number, values in enumerate(rows, 1):
            if number < HEADING_ROW:
                continue
            if number == HEADING_ROW:
                columns = self._columns(sheet, table, values)
                continue
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            self._record(sheet, number, table, columns, values, org)

    def _columns(self, sheet: str, table: Table, headings: tuple[Any, ...]) -> dict[int, Column]:
        found: dict[str, int] = {}
        for i, h in enumerate(headings):
            if isinstance(h, str):
                found.setdefault(h.strip().casefold(), i)
        english = translator("en")
        out: dict[int, Column] = {}
        for column in table.columns:
            if not column.imported:
                continue
            names = {heading_text(column, self.tr).casefold(), heading_text(column, english).casefold()}
            names |= {tr.gettext(msgid).casefold() for msgid in column.former for tr in (self.tr, english)}
            index = next((found[n] for n in names if n in found), None)
            if index is not None:
                out[index] = column
            elif not column.hidden:
                self.problem(
                    sheet,
                    HEADING_ROW,
                    None,
                    N_('the column "{column}" is missing'),
                    column=heading_text(column, self.tr),
                )
        return out

    def _record(
        self, sheet: str, number: int, table: Table, columns: dict[int, Column], values: tuple[Any, ...], org: _Org
    ) -> None:
        row = _Row(sheet, number, table, {})
        hints: dict[str, list[int]] = {}
        for index, column in columns.items():
            raw = values[index] if index < len(values) else None
            if isinstance(raw, str):
                raw = self._without_derived_text(raw, column)
            heading = heading_text(column, self.tr)
            if column.kind is Kind.LINKS:
                row.names[column.key] = (heading, _lines(raw), [])
                continue
            if column.kind is Kind.REF:
                text = _text(raw).strip()
                row.names[column.key] = (heading, [text] if text else [], [])
                continue
            if column.kind is Kind.IDS:
                hints[column.key.removesuffix(".ids")] = [int(t) for t in re.findall(r"\d+", _text(raw))]
                continue
            if column.kind is Kind.ORDER:
                if isinstance(raw, (int, float)):
                    row.order = float(raw)
                continue
            ok, value = self._parse(column, raw, sheet, number)
            if not ok:
                continue
            if column.kind is Kind.ID:
                if value is not None:
                    row.record["id"] = value
            elif value is None and column.kind is Kind.ENUM and column.key in ("role", "kind", "dpia_need", "status"):
                continue  # the model's default
            else:
                row.record[column.key] = value
        for key, ids in hints.items():
            if key in row.names:
                heading, names, _ = row.names[key]
                row.names[key] = (heading, names, ids)
        if table.register_kind is not None:
            row.record["register_kind"] = table.register_kind
        if table.key == "sharing" and "role" not in row.record:
            row.record["role"] = e.RecipientRole.INDEPENDENT_CONTROLLER.value
        org.rows.setdefault(table.section, []).append(row)

    # ------------------------------------------------------------------ cells

    def _without_derived_text(self, raw: str, column: Column) -> str | None:
        """A cell as the user wrote it: the export's "Not stated" markers and its line naming the
        organisation-wide measures are derived, not data."""
        if is_marker(raw, (self.tr, translator("en"))):
            return None
        if column.key != "security_measures" or column.kind is not Kind.LINKS:
            return raw
        prefixes = {tr.gettext(ALL_ACTIVITIES).split("{")[0] for tr in (self.tr, translator("en"))}
        lines = [line for line in raw.split("\n") if not line.startswith(tuple(prefixes))]
        return "\n".join(lines) if lines else None

    def _parse(self, column: Column, raw: Any, sheet: str, row: int) -> tuple[bool, Any]:
        """(True, value) or (False, None) after recording a problem."""
        kind, tr = column.kind, self.tr
        heading = heading_text(column, tr)

        def bad(message: str, **params: Any) -> tuple[bool, Any]:
            self.problem(sheet, row, heading, message, **params)
            return False, None

        if kind is Kind.TEXT:
            return True, _text(raw)
        if kind is Kind.LIST:
            return True, _lines(raw)
        if kind is Kind.ID:
            if raw is None or raw == "":
                return True, None
            number = _integer(raw)
            return (True, number) if number is not None and number > 0 else bad(N_("expected a record id"))
        if kind is Kind.INT:
            if raw is None or raw == "":
                return True, None
            number = _integer(raw)
            return (
                (True, number) if number is not None else bad(N_("expected a whole number, got {value!r}"), value=raw)
            )
        if kind is Kind.DATE:
            if raw is None or raw == "":
                return True, None
            found = _date(raw)
            return (True, found) if found is not None else bad(N_("expected a date, got {value!r}"), value=raw)
        if kind in (Kind.BOOL, Kind.OPTIONAL_BOOL):
            text = _text(raw).strip().casefold()
            if not text:
                return True, (False if kind is Kind.BOOL else None)
            if raw is True or text in {tr.gettext(N_("Yes")).casefold(), "yes", "ja", "true", "1"}:
                return True, True
            if raw is False or text in {tr.gettext(N_("No")).casefold(), "no", "nei", "false", "0"}:
                return True, False
            return bad(
                N_('expected "{yes}" or "{no}", got {value!r}'),
                yes=tr.gettext(N_("Yes")),
                no=tr.gettext(N_("No")),
                value=raw,
            )
        if kind is Kind.COUNTRY:
            text = _text(raw).strip()
            if not text:
                return True, ""
            code = self._country(text)
            return (True, code) if code else bad(N_('unknown country "{value}"'), value=text)
        if kind is Kind.SCREENING_ITEM:
            text = _text(raw).strip()
            if not text:
                return True, None
            item = value_for_label(e.DpiaCriterion, text, tr) or value_for_label(e.DpiaListItem, text, tr)
            return (True, item) if item is not None else bad(N_('unknown value "{value}"'), value=text)
        if kind in (Kind.ENUM, Kind.ENUM_LIST, Kind.LEGAL_BASIS):
            assert column.vocabulary is not None
            items = [line.strip() for line in _text(raw).split("\n") if line.strip()]
            if kind is Kind.LEGAL_BASIS:
                items = [_strip_mark(item) for item in items]
            values = []
            for item in items:
                value = value_for_label(column.vocabulary, item, tr)
                if value is None:
                    return bad(N_('unknown value "{value}"'), value=item)
                values.append(value)
            if kind is Kind.ENUM:
                if len(values) > 1:
                    return bad(N_("expected one value, got {count}"), count=len(values))
                return True, (values[0] if values else None)
            return True, values
        raise AssertionError(kind)  # pragma: no cover - every kind is handled above

    _countries: dict[str, str] | None = None

    def _country(self, text: str) -> str | None:
        if self._countries is None:
            names: dict[str, str] = {}
            for tr in (translator("en"), self.tr):
                for code, name in tr.countries():
                    names.setdefault(name.casefold(), code)
            self._countries = names
        if text.upper() in country_codes():
            return text.upper()
        return self._countries.get(text.casefold())

    # ------------------------------------------------------------------ references

    def _assign_ids(self, orgs: list[_Org]) -> None:
        """Give rows added by hand (no hidden id) fresh ids above every id in the workbook."""
        top: dict[str, int] = {}
        for org in orgs:
            for section, rows in org.rows.items():
                for r in rows:
                    if isinstance(r.record.get("id"), int):
                        top[section] = max(top.get(section, 0), r.record["id"])
        for org in orgs:
            for section, rows in org.rows.items():
                for r in rows:
                    if "id" not in r.record:
                        top[section] = top.get(section, 0) + 1
                        r.record["id"] = top[section]

    def _resolve(self, org: _Org) -> dict[str, Any]:
        lookups: dict[str, _Lookup] = {}
        for section, name_field in NAME_FIELDS.items():
            lookup = _Lookup()
            for r in org.rows.get(section, []):
                lookup.add(r.record["id"], str(r.record.get(name_field, "")))
            lookups[section] = lookup
        mark_texts = self._mark_suffixes()
        document = dict(org.record)
        for section, rows in org.rows.items():
            out = []
            for r in rows:
                record = dict(r.record)
                for key, (heading, names, hints) in r.names.items():
                    column = next(c for c in r.table.columns if c.key == key)
                    ids = self._ids(r, heading, names, hints, lookups[column.target or ""], mark_texts, column)
                    if column.kind is Kind.REF:
                        record[key] = ids[0] if ids else None
                    else:
                        record[key] = ids
                out.append(record)
            document[section] = out
        self._merge_entries(org, document)
        return document

    def _merge_entries(self, org: _Org, document: dict[str, Any]) -> None:
        """Gather the entry sheets' rows (format version 2) into their activities' lists, in row order."""
        activities = {a["id"]: a for a in document.get("activities", [])}
        for table in ENTRY_TABLES:
            rows = document.pop(table.section, [])
            for r, record in zip(org.rows.get(table.section, []), rows, strict=True):
                activity = activities.get(record.pop("activity_id", None))
                if activity is None:
                    if not r.names.get("activity_id", ("", [], []))[1]:  # a named but unknown one is reported
                        self.problem(r.sheet, r.row, None, N_("the row names no activity"))
                    continue
                record.pop("id", None)
                entry = {k: v for k, v in record.items() if v not in (None, "")}
                activity.setdefault(table.section, []).append(entry)

    def _mark_suffixes(self) -> set[str]:
        from ropa_desktop.domain.models import PersonalDataCategory

        suffixes = set()
        for special in (False, True):
            for criminal in (False, True):
                for national in (False, True):
                    c = PersonalDataCategory(special=special, criminal=criminal, national_id=national)
                    marks = category_marks(c, self.tr)
                    if marks:
                        suffixes.add(f" ({', '.join(marks)})")
        return suffixes

    def _ids(
        self,
        r: _Row,
        heading: str,
        names: list[str],
        hints: list[int],
        lookup: _Lookup,
        suffixes: set[str],
        column: Column,
    ) -> list[int]:
        """The records a reference cell names: by the hidden id when it still names that record, else by name.

        Names are compared without surrounding spaces (a cell shows them no
        differently), so the id decides between records whose names differ only
        there; an id whose record now has another name means the user re-linked
        the row by typing a name, and the name wins.
        """
        ids: list[int] = []
        if column.kind is Kind.REF and not names and hints:
            names = [lookup.names[hints[0]]] if hints[0] in lookup.names else []  # a record without a name
        positional = len(hints) == len(names)
        for position, name in enumerate(names):
            key = _name_key(name)
            candidates = lookup.by_name.get(key)
            if not candidates:
                for suffix in suffixes:
                    if name.endswith(suffix) and _name_key(name.removesuffix(suffix)) in lookup.by_name:
                        candidates = lookup.by_name[_name_key(name.removesuffix(suffix))]
                        break
            if not candidates:
                self.problem(r.sheet, r.row, heading, N_('no record named "{name}"'), name=name)
                continue
            if positional and hints[position] in candidates and hints[position] not in ids:
                ids.append(hints[position])  # the id written at export, verified against the name
                continue
            if len(candidates) > 1:
                hinted = [h for h in hints if h in candidates and h not in ids]
                if not hinted:
                    self.problem(r.sheet, r.row, heading, N_('"{name}" names more than one record'), name=name)
                    continue
                candidates = hinted
            ids.append(candidates[0])
        return ids

    # ------------------------------------------------------------------ validation

    def _validate(self, document: dict[str, Any], orgs: list[_Org]) -> None:
        _, problems = json_format.validate_document(document)
        for p in problems:
            self._locate(p, orgs)
        if self.problems:
            raise ImportProblems(self.problems)

    def _locate(self, problem: Problem, orgs: list[_Org]) -> None:
        match = _PATH.match(problem.path)
        if match is None:
            self.problems.append(problem.render(self.tr))
            return
        org = orgs[int(match.group(1))]
        section, index, name = match.group(2), match.group(3), match.group(4)
        if section is None:
            headings = {key: self.tr.gettext(msgid) for key, msgid, _ in ORGANISATION_FIELDS}
            self.problem(
                org.sheet,
                org.field_rows.get(name or "", None),
                headings.get(name or ""),
                problem.message,
                **problem.params,
            )
            return
        r = org.rows[section][int(index or 0)]
        column = next((c for c in r.table.columns if c.key == name), None)
        heading = heading_text(column, self.tr) if column is not None else None
        self.problem(r.sheet, r.row, heading, problem.message, **problem.params)


# --------------------------------------------------------------------------- cell helpers


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw)


def _lines(raw: Any) -> list[str]:
    """Items of a list cell: bullet lines start items, other lines continue them; without bullets, one per line."""
    text = _text(raw)
    if not text:
        return []
    lines = text.split("\n")
    if not any(line.startswith(BULLET) for line in lines):
        return [line.strip() for line in lines if line.strip()]
    items: list[str] = []
    for line in lines:
        if line.startswith(BULLET):
            items.append(line[len(BULLET) :])
        elif items:
            items[-1] += "\n" + line
        elif line.strip():
            items.append(line.strip())
    return items


def _strip_mark(text: str) -> str:
    head, _, tail = text.rpartition(" ")
    return head.strip() if head and is_superscript_mark(tail) else text


def _is_count(raw: Any) -> TypeGuard[int | float]:
    """A whole number as Excel stores it (int or integral float), not a bool, a date or a huge value."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return False
    return float(raw).is_integer() and 0 <= raw < 2**53


def _integer(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        return int(raw.strip())
    return None


def _date(raw: Any) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d.%m.%Y").date()):
            try:
                return parse(text)
            except ValueError:
                continue
    return None


def read_workbook(source: Path | str) -> dict[str, Any]:
    """The JSON interchange document a workbook holds (validated), or an error naming every problem."""
    # openpyxl warns on stderr about cells it cannot read (a date out of range becomes an error cell);
    # our own problem list names the sheet, row and column, so its English warning is only noise.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return _Reader(Path(source)).read()


def import_xlsx_file(source: Path | str, destination: Path | str, overwrite: bool = False) -> RegisterFile:
    """Create a register at ``destination`` from a workbook exported by :func:`export_xlsx` (and maybe edited)."""
    document = read_workbook(source)
    return json_format.import_document(document, destination, overwrite=overwrite)
