"""Tab-separated rows in and out of the tables (Qt-free, so it is testable on its own).

Copied rows keep their lists as one bullet per line inside a quoted cell, which
Excel and LibreOffice paste as a multi-line cell. Pasted cells that hold a
bullet list ("• a • b") or ``<ul><li>`` markup, as privacy notices and
spreadsheets do, become lists.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field

from ropa_desktop.domain.enums import LegalBasis

Cell = str | list[str]

_TAG = re.compile(r"<[^>]+>")
_LI = re.compile(r"<li[^>]*>(.*?)(?:</li>|(?=<li)|$)", re.IGNORECASE | re.DOTALL)
_BULLET = re.compile(r"\s*[•·▪◦]\s*")
_FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def format_rows(rows: list[list[Cell]]) -> str:
    """Rows as TSV; a list cell becomes bullet lines in one quoted cell."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["\n".join(f"• {i}" for i in c) if isinstance(c, list) else c for c in row])
    return buf.getvalue()


def parse_rows(text: str) -> list[list[Cell]]:
    """Split pasted text into rows of cells; list-looking cells become lists."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    rows: list[list[Cell]] = []
    for raw in reader:
        if not any(c.strip() for c in raw):
            continue
        rows.append([parse_cell(c) for c in raw])
    return rows


def parse_cell(raw: str) -> Cell:
    cell = raw.strip()
    if "<li" in cell.lower():
        items = [_clean(m) for m in _LI.findall(cell)]
        return [i for i in items if i]
    if "<" in cell and ">" in cell:
        cell = _TAG.sub(" ", cell)
    if "•" in cell or "\n" in cell:
        parts = _BULLET.split(cell) if "•" in cell else cell.split("\n")
        items = [_clean(p) for p in parts]
        return [i for i in items if i]
    if cell.startswith("<ul") or raw.lstrip().startswith("<ul"):
        return [_clean(cell)] if _clean(cell) else []
    return _clean(cell)


def _clean(text: str) -> str:
    text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split())


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
    """Art. 6(1) letters named in a pasted cell ("Oppfylle avtale", "Berettiget interesse ¹", "art. 6(1)(f)")."""
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


_HEADER_WORDS = {"formål", "purpose"}


def purpose_rows(rows: list[list[Cell]]) -> list[PastedActivity]:
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


_SHARING_HEADER_WORDS = {"kategori av personopplysningsansvarlig", "category of controller", "mottaker", "recipient"}


def sharing_rows(rows: list[list[Cell]]) -> list[PastedRecipient]:
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
            )
        )
    return out
