"""The privacy notice as a format-neutral document: headings, paragraphs, lists, tables.

Text from the register is carried as plain strings in :class:`Run` objects and
escaped by each renderer for its format; nothing here holds markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Control characters no output format can hold (XML 1.0 forbids them, HTML calls them parse errors);
# register text pasted from elsewhere can carry them. Tab, newline and carriage return stay.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` without the control characters that would make a document invalid."""
    return _CONTROL.sub("", text)


@dataclass(frozen=True)
class Gap:
    """Something the notice must say that the register does not hold.

    ``entity``/``record_id``/``field`` point at where to fill it in (the same
    addressing as a check finding); ``text`` is the translated description that
    also appears in the placeholder.
    """

    organisation_id: int
    entity: str
    record_id: int
    field: str
    text: str


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look. ``mark`` is a footnote mark (¹ ² ³), ``gap`` a placeholder."""

    text: str
    bold: bool = False
    mark: bool = False
    gap: bool = False


Inline = list[Run]


@dataclass
class Paragraph:
    runs: Inline


@dataclass
class Bullets:
    items: list[Inline]


@dataclass
class Heading:
    level: int  # 1 = the notice's title, 2 = sections, 3 = subsections
    text: str
    anchor: str = ""


Cell = list[Paragraph | Bullets]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    caption: str = ""
    notes: list[tuple[str, Inline]] = field(default_factory=list)  # footnotes printed under the table


Block = Heading | Paragraph | Bullets | Table


@dataclass
class Notice:
    language: str
    title: str
    blocks: list[Block]
    gaps: list[Gap]

    def plain_text(self) -> str:
        """Every text of the notice, one block a line (for tests and search)."""
        out: list[str] = []

        def inline(runs: Inline) -> str:
            return "".join(r.text for r in runs)

        def cell_text(cell: Cell) -> str:
            parts: list[str] = []
            for b in cell:
                parts.extend([inline(b.runs)] if isinstance(b, Paragraph) else [inline(i) for i in b.items])
            return " ".join(parts)

        for block in self.blocks:
            if isinstance(block, Heading):
                out.append(block.text)
            elif isinstance(block, Paragraph):
                out.append(inline(block.runs))
            elif isinstance(block, Bullets):
                out.extend(inline(i) for i in block.items)
            else:
                out.append(" | ".join(block.headers))
                out.extend(" | ".join(cell_text(c) for c in row) for row in block.rows)
                out.extend(f"{mark} {inline(runs)}" for mark, runs in block.notes)
        return "\n".join(out)
