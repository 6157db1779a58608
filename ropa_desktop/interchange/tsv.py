"""Tab-separated rows in and out of the tables (Qt-free, so it is testable on its own).

Copied rows keep their lists as one bullet per line inside a quoted cell, which
Excel and LibreOffice paste as a multi-line cell. Pasted cells that hold a
bullet list ("• a • b", lines starting "-", "–", "*", "·", "1.", "1)", "a)")
or ``<ul><li>`` markup, as privacy notices and spreadsheets do, become lists.
An HTML clipboard (a table copied from a browser, Word or LibreOffice) is read
by :func:`parse_html` before the plain text.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ropa_desktop.domain.enums import LegalBasis

Cell = str | list[str]

_TAG = re.compile(r"<[^>]+>")
_LI = re.compile(r"<li[^>]*>(.*?)(?:</li>|(?=<li)|$)", re.IGNORECASE | re.DOTALL)
_BULLET = re.compile(r"\s*[•·▪◦]\s*")
# A list marker at the start of a line: bullets and dashes, "1." / "1)" numbers, "a)" letters.
_LINE_MARKER = re.compile(r"^\s*(?:[•·▪◦‣∙●○■□➢➤►\-–—*]|\d{1,2}[.)]|[a-zA-Z]\))\s+")
_FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def format_rows(rows: list[list[Cell]]) -> str:
    """Rows as TSV; a list cell becomes bullet lines in one quoted cell."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["\n".join(f"• {i}" for i in c) if isinstance(c, list) else c for c in row])
    return buf.getvalue()


def parse_rows(text: str) -> list[list[Cell]]:
    """Split pasted text into rows of cells; list-looking cells become lists.

    Quoted multi-line cells are read as one cell (csv); unquoted ones, as a web
    page's text puts them, are joined back by :func:`_join_broken_rows`.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    rows: list[list[Cell]] = []
    for raw in _join_broken_rows(list(reader)):
        if not any(c.strip() for c in raw):
            continue
        rows.append([parse_cell(c) for c in raw])
    return rows


def _join_broken_rows(raw_rows: list[list[str]]) -> list[list[str]]:
    """Rejoin rows that an unquoted line break inside a cell split into several lines.

    The table's width is the widest row seen twice (or the heading's). A row with
    fewer (but more than one) cells continues on the next line: that line's first
    part finishes the last cell, the rest are the following cells. Rows with one
    cell (a page footer, a heading) stand alone, as before.
    """
    widths = Counter(len(r) for r in raw_rows if len(r) > 1)
    if not widths:
        return raw_rows
    # The widest row that is no stray: it occurs twice, or it is the first (the heading). Broken rows
    # can outnumber whole ones (every row with a list cell breaks), so the most common width misleads.
    first = len(raw_rows[0]) if raw_rows else 0
    trusted = [w for w, n in widths.items() if n > 1 or w == first]
    width = max(trusted) if trusted else widths.most_common(1)[0][0]
    out: list[list[str]] = []
    pending: list[str] | None = None
    for row in raw_rows:
        if pending is not None:
            if not row:
                pending[-1] += "\n"  # an empty line inside the cell
                continue
            if len(pending) + len(row) - 1 <= width:
                pending[-1] += "\n" + row[0]
                pending.extend(row[1:])
                if len(pending) >= width:
                    out.append(pending)
                    pending = None
                continue
            out.append(pending)
            pending = None
        if 1 < len(row) < width:
            pending = list(row)
        else:
            out.append(row)
    if pending is not None:
        out.append(pending)
    return out


def parse_cell(raw: str) -> Cell:
    cell = raw.strip()
    if "<li" in cell.lower():
        items = [_clean(m) for m in _LI.findall(cell)]
        return [i for i in items if i]
    if "<" in cell and ">" in cell:
        cell = _TAG.sub(" ", cell)
    if "•" in cell:
        return _items(_BULLET.split(cell))
    if "\n" in cell:
        return _items(cell.split("\n"))
    if _LINE_MARKER.match(cell):
        return _items([cell])  # "- Navn": a list of one, without its dash
    if cell.startswith("<ul") or raw.lstrip().startswith("<ul"):
        return [_clean(cell)] if _clean(cell) else []
    return _clean(cell)


def _items(parts: list[str]) -> list[str]:
    items = [_clean(_LINE_MARKER.sub("", p, count=1)) for p in parts]
    return [i for i in items if i]


class _TableReader(HTMLParser):
    """The cells of the HTML tables on a clipboard, with line breaks where the markup breaks lines."""

    _BREAKS = frozenset({"br", "p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._depth = 0  # nested tables are read as text of the outer cell
        self._skip = 0  # <style>, <script>, <head>: not text
        self._span = 1  # a cell spanning columns keeps the ones after it in place

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head", "title"):
            self._skip += 1
        elif tag == "table":
            self._depth += 1
        elif self._depth == 1 and tag == "tr":
            self._row = []
        elif self._depth == 1 and tag in ("td", "th") and self._row is not None:
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) < 50 else 1
        elif self._cell is not None:
            if tag == "li":
                self._cell.append("\n• ")
            elif tag in self._BREAKS or tag in ("td", "th"):
                self._cell.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag == "table":
            self._depth = max(0, self._depth - 1)
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.extend(["".join(self._cell)] + [""] * (self._span - 1))
            self._cell = None
        elif self._depth == 1 and tag == "tr" and self._row is not None:
            if self._cell is not None:  # an unclosed last cell
                self._row.append("".join(self._cell))
                self._cell = None
            self.rows.append(self._row)
            self._row = None
        elif self._cell is not None and tag in ("p", "div", "li"):
            self._cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            # Source line breaks are spaces in HTML; only the markup breaks lines.
            self._cell.append(" ".join(data.split("\n")))


def parse_html(markup: str) -> list[list[Cell]]:
    """The rows of the first-level tables in HTML from the clipboard; [] when it holds no table."""
    reader = _TableReader()
    reader.feed(markup)
    reader.close()
    rows: list[list[Cell]] = []
    for raw in reader.rows:
        if not any(c.strip() for c in raw):
            continue
        cells: list[Cell] = []
        for text in raw:
            lines = [" ".join(line.split()) for line in text.split("\n")]
            lines = [line for line in lines if line]
            if len(lines) > 1 or any(_LINE_MARKER.match(line) for line in lines):
                cells.append(_items(lines))
            else:
                cells.append(parse_cell(lines[0]) if lines else "")
        rows.append(cells)
    return rows


def _clean(text: str) -> str:
    text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split())


def footnote_marks(cell: Cell) -> list[str]:
    """The footnote marks ("¹", "²") a legal-basis cell carries."""
    return _FOOTNOTE.findall(as_text(cell))


def footnote_rows(items: list[tuple[str, str]]) -> list[list[Cell]]:
    """Footnotes below copied rows, as notices print them under a table: "¹ text", one per row."""
    return [[f"{mark} {text}"] for mark, text in items]


def split_footnotes(rows: list[list[Cell]]) -> tuple[list[list[Cell]], dict[str, str]]:
    """Rows without the footnotes below them, and those footnotes by mark.

    A footnote is a row whose only text is its first cell, starting with a superscript mark
    (what :func:`footnote_rows` writes, and what a notice's page has under its table).
    """
    kept: list[list[Cell]] = []
    notes: dict[str, str] = {}
    for row in rows:
        first = as_text(row[0]).strip() if row else ""
        found = _FOOTNOTE.match(first)
        if found and not any(as_text(c).strip() for c in row[1:]):
            notes[found.group()] = first[found.end() :].strip()
        else:
            kept.append(row)
    return kept, notes


def balancing_test_of(cell: Cell, footnotes: dict[str, str]) -> str:
    """The footnote text a legal-basis cell points at (the art. 6(1)(f) balancing test), or ""."""
    return next((footnotes[m] for m in footnote_marks(cell) if m in footnotes), "")


def as_list(cell: Cell) -> list[str]:
    if isinstance(cell, list):
        return cell
    return [cell] if cell else []


def as_text(cell: Cell) -> str:
    return "; ".join(cell) if isinstance(cell, list) else cell


# Words notices use for the art. 6(1) bases, Norwegian and English.
_BASIS_WORDS: tuple[tuple[str, LegalBasis], ...] = (
    ("samtykke", LegalBasis.CONSENT),
    ("consent", LegalBasis.CONSENT),
    ("avtale", LegalBasis.CONTRACT),
    ("kontrakt", LegalBasis.CONTRACT),
    ("contract", LegalBasis.CONTRACT),
    ("rettslig forpliktelse", LegalBasis.LEGAL_OBLIGATION),
    ("lovpålagt", LegalBasis.LEGAL_OBLIGATION),
    ("legal obligation", LegalBasis.LEGAL_OBLIGATION),
    ("vitale interesser", LegalBasis.VITAL_INTERESTS),
    ("vital interest", LegalBasis.VITAL_INTERESTS),
    ("allmennhetens interesse", LegalBasis.PUBLIC_INTEREST),
    ("public interest", LegalBasis.PUBLIC_INTEREST),
    ("berettiget interesse", LegalBasis.LEGITIMATE_INTERESTS),
    ("berettigede interesse", LegalBasis.LEGITIMATE_INTERESTS),
    ("berettigete interesse", LegalBasis.LEGITIMATE_INTERESTS),
    ("legitimate interest", LegalBasis.LEGITIMATE_INTERESTS),
)
# "art. 6(1)(f)", "6 (1) letter f", and the Norwegian text's "artikkel 6 nr. 1 bokstav f"
_ARTICLE_LETTER = re.compile(
    r"6\s*(?:nr\.?\s*)?\(?\s*1\s*\)?\s*(?:bokstav\s*|letter\s*|\()?\s*([a-f])\b", re.IGNORECASE
)


@dataclass
class LegalBasisText:
    letters: list[str] = field(default_factory=list)
    note: str = ""  # the text as written when it names no basis we recognise


def parse_legal_basis(cell: Cell) -> LegalBasisText:
    """Art. 6(1) letters named in a pasted cell ("Oppfylle avtale", "Berettiget interesse ¹", "art. 6(1)(f)").

    A cell copied from the purpose table holds one basis label per line and, last, the note as written;
    when some lines are exactly labels, the other lines are the note (even when they name bases).
    """
    if isinstance(cell, list) and len(cell) > 1:
        from ropa_desktop.domain.labels import value_for_label  # the one vocabulary of enum labels

        words = dict(_BASIS_WORDS)

        def exact_label(line: str) -> str | None:
            bare = _FOOTNOTE.sub("", line).strip()
            word = words.get(bare.casefold())
            return word.value if word is not None else value_for_label(LegalBasis, bare)

        exact = [exact_label(line) for line in cell]
        if any(exact):
            note = "\n".join(line for line, letter in zip(cell, exact, strict=True) if not letter)
            return LegalBasisText(list(dict.fromkeys(x for x in exact if x)), note)
    text = _FOOTNOTE.sub("", as_text(cell)).strip()
    lowered = text.casefold()
    letters: list[str] = []
    for word, basis in _BASIS_WORDS:
        if word in lowered and basis.value not in letters:
            letters.append(basis.value)
    for m in _ARTICLE_LETTER.finditer(text):
        letter = m.group(1).lower()
        if letter not in letters:
            letters.append(letter)
    return LegalBasisText(sorted(letters), "" if letters else text)


@dataclass
class PastedActivity:
    purpose: str = ""
    operations: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    legal_basis: LegalBasisText = field(default_factory=LegalBasisText)
    retention: str = ""
    balancing_test: str = ""  # the footnote its legal-basis cell points at


_HEADER_WORDS = {"formål", "purpose"}


def purpose_rows(rows: list[list[Cell]], footnotes: dict[str, str] | None = None) -> list[PastedActivity]:
    """Purpose-table rows (Formål / Behandling / Kategorier / Rettslig grunnlag / Lagringstid).

    Header rows are skipped; a row with an empty purpose continues the row
    before it, as when a notice's table is split across a page break.
    """
    out: list[PastedActivity] = []
    for row in rows:
        if len(row) < 2:
            continue  # a line of running text (a page footer), not a table row
        cells = [*row, "", "", "", "", ""][:5]
        first = as_text(cells[0])
        if first.casefold() in _HEADER_WORDS:
            continue
        if not first and out:
            prev = out[-1]
            prev.operations += as_list(cells[1])
            prev.categories += [c for c in as_list(cells[2]) if c not in prev.categories]
            if as_text(cells[4]) and not prev.retention:
                prev.retention = as_text(cells[4])
            continue
        out.append(
            PastedActivity(
                purpose=first,
                operations=as_list(cells[1]),
                categories=list(dict.fromkeys(as_list(cells[2]))),
                legal_basis=parse_legal_basis(cells[3]),
                retention=as_text(cells[4]),
                balancing_test=balancing_test_of(cells[3], footnotes or {}),
            )
        )
    return out


@dataclass
class PastedRecipient:
    """A row of a notice's sharing table: Kategori av personopplysningsansvarlig / Formål / Kategorier /
    Rettslig grunnlag."""

    name: str = ""
    purpose: str = ""
    categories: list[str] = field(default_factory=list)
    legal_basis: LegalBasisText = field(default_factory=LegalBasisText)
    balancing_test: str = ""  # the footnote its legal-basis cell points at


_SHARING_HEADER_WORDS = {"kategori av personopplysningsansvarlig", "category of controller", "mottaker", "recipient"}


def sharing_rows(rows: list[list[Cell]], footnotes: dict[str, str] | None = None) -> list[PastedRecipient]:
    out: list[PastedRecipient] = []
    for row in rows:
        if len(row) < 2:
            continue
        cells = [*row, "", "", "", ""][:4]
        first = as_text(cells[0])
        if first.casefold() in _SHARING_HEADER_WORDS:
            continue
        out.append(
            PastedRecipient(
                name=first,
                purpose=as_text(cells[1]),
                categories=list(dict.fromkeys(as_list(cells[2]))),
                legal_basis=parse_legal_basis(cells[3]),
                balancing_test=balancing_test_of(cells[3], footnotes or {}),
            )
        )
    return out
