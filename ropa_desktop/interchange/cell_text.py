"""The editor's tables as text, and typed text back as values (Qt-free, so the ``ropa`` command and the
tests can use them): the purpose table's cells as a notice shows them (bullet lists, legal bases with
their footnote marks), the search text the filter matches, and the parsing of what a user types or
pastes into a catalogue table (countries by name or code, dates, yes/no, legal bases with a mark).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import parse_date

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import labels as lb
from ropa_desktop.domain.fields import FIELDS
from ropa_desktop.i18n import _, current
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.register import RegisterFile

# The purpose table's columns, in the catalogue's "purpose_table" face order.
PURPOSE, PROCESSING, CATEGORIES, LEGAL_BASIS, RETENTION = range(5)
_COLUMNS = 5


def legal_basis_text(row: rm.ActivityRow) -> str:
    parts = []
    for letter in row.legal_basis:
        text = lb.label(letter, vocabulary=e.LegalBasis)
        if letter == "f" and row.footnote:
            text += " " + row.footnote
        parts.append(text)
    if row.special_condition:
        parts.append(
            _("Art. 9(2)({letter}): {label}").format(
                letter=row.special_condition,
                label=lb.label(row.special_condition, vocabulary=e.SpecialCategoryCondition),
            )
        )
    if row.legal_basis_note:
        parts.append(row.legal_basis_note)
    return "\n".join(parts)


def category_text(category: rm.Category) -> str:
    if category.special:
        return _("{name} (special category)").format(name=category.name)
    return category.name


def display(row: rm.ActivityRow, column: int, categories: dict[int, rm.Category]) -> str:
    """The text of one cell as the notice shows it (bullet lists in multi-line cells)."""
    if column == PURPOSE:
        return row.purpose
    if column == PROCESSING:
        return lb.bullets(row.operations)
    if column == CATEGORIES:
        return lb.bullets([category_text(categories[c]) for c in row.category_ids if c in categories])
    if column == LEGAL_BASIS:
        return legal_basis_text(row)
    if column == RETENTION:
        return row.retention
    return ""


def search_text(row: rm.ActivityRow, categories: dict[int, rm.Category]) -> str:
    return "\n".join(display(row, c, categories) for c in range(_COLUMNS)).casefold()


def read_all_rows(
    register: RegisterFile,
    organisation_id: int,
    kind: str,
    footnotes: lb.Footnotes,
    categories: dict[int, rm.Category],
) -> list[rm.ActivityRow]:
    """Every row of a large register, with the filter's search text, so the first keystroke is fast."""
    rows = rm.activity_rows(register, organisation_id, kind)
    for row in rows:
        row.footnote = footnotes.mark_for_activity(row.id)
        row.search_text = search_text(row, categories)
    return rows


def country_text(code: str) -> str:
    return current().country_name(code) if code else ""


def country_code(text: str) -> str:
    """A country as shown (its name in the UI language) or written as its ISO code."""
    if not text:
        return ""
    folded = text.casefold()
    for code, name in current().countries():
        if name.casefold() == folded or code.casefold() == folded:
            return code
    return ""


def date_of(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_date(text, locale=current().locale)
    except (ValueError, IndexError):
        return None


def without_mark(text: str) -> str:
    """A legal-basis line without the footnote mark the sharing table adds after "f"."""
    head, _space, last = text.rpartition(" ")
    return head if head and lb.is_superscript_mark(last) else text


# Yes/no as copied (UI language) and as people type them.
BOOL_WORDS = {"yes": True, "no": False, "ja": True, "nei": False, "true": True, "false": False}


def show_value(entity: str, field: str, value: Any) -> str:
    """A stored value as the editor shows it: enum labels, lists one per line, empty said as such."""
    info = FIELDS.get((entity, field))
    vocabulary = info.vocabulary if info is not None else None

    def one(item: Any) -> str:
        if vocabulary is not None and isinstance(item, str) and item in vocabulary._value2member_map_:
            return lb.label(item, vocabulary=vocabulary)
        if isinstance(item, bool):
            return _("Yes") if item else _("No")
        return str(item)

    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, list | tuple):
        return "\n".join(one(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(f"{key}: {one(item)}" for key, item in value.items())
    return one(value)
