"""What a paste of several rows will add, shown before anything is written (Qt-free).

Rows become activities (or recipients, or the table's own records), cells become
fields; the preview says which legal bases were recognised, which categories are
new (beside existing ones whose names match, so a near-duplicate is seen before
it is made) and which cell values could not be read.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from ropa_desktop.domain import labels as lb
from ropa_desktop.domain.category_hints import suggest_flags
from ropa_desktop.domain.enums import LegalBasis
from ropa_desktop.domain.fields import field_label
from ropa_desktop.interchange.tsv import LegalBasisText, PastedActivity, PastedRecipient


@dataclass(frozen=True)
class PreviewCell:
    text: str
    unknown: bool = False  # not read as a value: kept as written (a note) or left empty


@dataclass(frozen=True)
class NewCategory:
    name: str
    similar: tuple[str, ...] = ()  # existing categories whose names match: perhaps the same thing
    special: bool = False  # the name suggests art. 9(1)
    national_id: bool = False  # the name suggests national identity numbers


@dataclass
class PastePreview:
    headings: list[str]
    rows: list[list[PreviewCell]] = field(default_factory=list)
    new_categories: list[NewCategory] = field(default_factory=list)
    existing_categories: list[str] = field(default_factory=list)  # used by the paste, already in the register

    @property
    def unknown_count(self) -> int:
        return sum(cell.unknown for row in self.rows for cell in row)


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def similar_names(name: str, existing: Sequence[str]) -> tuple[str, ...]:
    """Existing names that match ``name``: one contains the other as a word, or they are spelled alike."""
    key = _norm(name)
    words = set(key.replace(",", " ").split())
    found = [
        other
        for other in existing
        if key in _norm(other) or _norm(other) in key or words & set(_norm(other).replace(",", " ").split()) - _SMALL
    ]
    close = difflib.get_close_matches(key, [_norm(o) for o in existing], n=3, cutoff=0.8)
    found += [o for o in existing if _norm(o) in close and o not in found]
    return tuple(found[:3])


# Words too common in category names to make two of them "the same" (Norwegian and English).
_SMALL = frozenset({"og", "and", "eller", "or", "av", "of", "til", "to", "i", "in", "om", "about", "med", "with", "-"})


class _Categories:
    """Sorts the pasted category names into existing (by name, as the paste will link them) and new."""

    def __init__(self, existing: Sequence[str]) -> None:
        self.existing = list(existing)
        self._by_key = {_norm(n): n for n in existing}
        self.new: dict[str, NewCategory] = {}
        self.used: dict[str, None] = {}

    def cell(self, names: Sequence[str]) -> PreviewCell:
        parts: list[str] = []
        for name in names:
            found = self._by_key.get(_norm(name))
            if found is not None:
                self.used[found] = None
                parts.append(f"• {found}")
                continue
            if _norm(name) not in {_norm(n) for n in self.new}:
                hint = suggest_flags(name)
                self.new[name] = NewCategory(name, similar_names(name, self.existing), hint.special, hint.national_id)
            parts.append(f"• {name} ★")  # ★: new, as the legend under the preview says
        return PreviewCell("\n".join(parts))


def _basis(basis: LegalBasisText) -> PreviewCell:
    labels = [lb.label(letter, vocabulary=LegalBasis) for letter in basis.letters]
    if basis.note and not labels:
        return PreviewCell(basis.note, unknown=True)
    return PreviewCell("\n".join(labels + ([basis.note] if basis.note else [])))


def activities(pasted: Sequence[PastedActivity], existing_categories: Sequence[str]) -> PastePreview:
    """Pasted purpose-table rows as the activities they become."""
    cats = _Categories(existing_categories)
    preview = PastePreview(
        [
            field_label("activity", "purpose"),
            field_label("activity", "operations"),
            field_label("activity", "personal_data"),
            field_label("activity", "legal_basis"),
            field_label("activity", "retention"),
        ]
    )
    for row in pasted:
        preview.rows.append(
            [
                PreviewCell(row.purpose, unknown=not row.purpose),
                PreviewCell("\n".join(f"• {o}" for o in row.operations)),
                cats.cell(row.categories),
                _basis(row.legal_basis),
                PreviewCell(row.retention),
            ]
        )
    preview.new_categories = list(cats.new.values())
    preview.existing_categories = list(cats.used)
    return preview


def recipients(pasted: Sequence[PastedRecipient], existing_categories: Sequence[str]) -> PastePreview:
    """Pasted sharing-table rows (a notice's) as the recipients they become."""
    cats = _Categories(existing_categories)
    preview = PastePreview(
        [
            field_label("recipient", "name"),
            field_label("recipient", "purpose"),
            field_label("recipient", "personal_data"),
            field_label("recipient", "legal_basis"),
        ]
    )
    for row in pasted:
        preview.rows.append(
            [PreviewCell(row.name), PreviewCell(row.purpose), cats.cell(row.categories), _basis(row.legal_basis)]
        )
    preview.new_categories = list(cats.new.values())
    preview.existing_categories = list(cats.used)
    return preview


def records(
    headings: Sequence[str],
    rows: Sequence[Sequence[tuple[str, bool]]],
    categories: Sequence[Sequence[str]],
    category_column: int | None,
    existing_categories: Sequence[str],
) -> PastePreview:
    """Rows pasted into one of the other tables: each cell as written, with whether it was read.

    ``rows`` holds (text, read) per column; ``category_column`` is where the link column's names go.
    """
    cats = _Categories(existing_categories)
    preview = PastePreview(list(headings))
    for index, row in enumerate(rows):
        cells = [PreviewCell(text, unknown=bool(text) and not read) for text, read in row]
        if category_column is not None and category_column < len(cells):
            names = categories[index] if index < len(categories) else ()
            cells[category_column] = cats.cell([n for n in names if n.strip()])
        preview.rows.append(cells)
    preview.new_categories = list(cats.new.values())
    preview.existing_categories = list(cats.used)
    return preview
