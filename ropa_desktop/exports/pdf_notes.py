"""A paged table whose footnotes print at the end of each page's part, on the page of their marks.

Built on :class:`ropa_desktop.exports.pdf_flowables.PagedTable` (linear layout): each page takes as many
rows as fit together with the texts of the footnotes those rows mark; a note marked on several pages is
printed on each of them, so a reader never turns pages to find it.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer

from ropa_desktop.exports.pdf_flowables import PagedTable, _PageTable

NOTES_GAP = 4.0  # points between the table and its notes


class NotedTable(PagedTable):
    def __init__(
        self,
        *args: Any,
        row_notes: Sequence[Sequence[tuple[str, str]]],
        note: Any,
        markup: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.row_notes, self.note_style, self.markup = row_notes, note, markup

    def notes(self, start: int, end: int) -> list[Flowable]:
        seen: dict[str, str] = {}
        for row in self.row_notes[start:end]:
            for mark, text in row:
                seen.setdefault(mark, text)
        # Each note parsed once per table; every page gets its own copy to lay out.
        parsed: dict[str, Paragraph] = self.shared.setdefault("notes", {})
        out: list[Flowable] = []
        for mark, text in seen.items():
            if mark not in parsed:
                parsed[mark] = Paragraph(f"{mark} {self.markup(text)}", self.note_style)
            out.append(copy.copy(parsed[mark]))
        return out

    def _notes_height(self, notes: list[Flowable], width: float) -> float:
        if not notes:
            return 0.0
        heights: dict[tuple[str, float], float] = self.shared.setdefault("note_heights", {})
        total = NOTES_GAP
        for p in notes:
            key = (p.text, width)
            if key not in heights:
                heights[key] = float(p.wrap(width, 1e9)[1]) + float(p.getSpaceAfter())
            total += heights[key]
        return total

    def _rows_height(self, start: int, end: int) -> float:
        sums: list[float] = self.shared["sums"]
        return float(self.shared["header"] + sums[end] - sums[start])

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        if height > avail_height:
            # Split anyway, so the notes of every remaining row need not be gathered (that would make a long
            # table quadratic): the height only has to say "too tall".
            self._tail_notes, self.notes_height = [], 0.0
            return width, height
        self._tail_notes = self.notes(self.start, len(self.rows))
        self.notes_height = self._notes_height(self._tail_notes, width)
        self.height = height + self.notes_height
        return width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._measure(avail_width)
        count = self._fitting_rows(avail_height)
        width = sum(self.col_widths)
        while count > 0:
            end = self.start + count
            notes = self.notes(self.start, end)
            if self._rows_height(self.start, end) + self._notes_height(notes, width) <= avail_height + 1e-6:
                if end >= len(self.rows):
                    return [_PageTable(self, self.start, end), *self._spaced(notes)]
                return [_PageTable(self, self.start, end), *self._spaced(notes), self._rest(end)]
            count -= 1
        if self._fitting_rows(self.frame_height) == 0:
            return list(super().split(avail_width, avail_height))  # a row taller than a page: the base rules
        if avail_height < self.frame_height - 1e-6:
            return []  # not even one row with its notes fits below what is there: a fresh page holds it
        # A row whose notes make it taller than a page: the row, then its notes, which flow on (and split).
        end = self.start + 1
        rest = [self._rest(end)] if end < len(self.rows) else []
        return [_PageTable(self, self.start, end), *self._spaced(self.notes(self.start, end)), *rest]

    def _spaced(self, notes: list[Flowable]) -> list[Flowable]:
        return [Spacer(1, NOTES_GAP), *notes] if notes else []

    def _rest(self, start: int) -> PagedTable:
        return NotedTable(
            self.header,
            self.rows,
            self.col_widths,
            self.style,
            self.state,
            self.frame_height,
            row_notes=self.row_notes,
            note=self.note_style,
            markup=self.markup,
            continued=self.continued,
            _shared=self.shared,
            _start=start,
        )

    def draw(self) -> None:
        part = _PageTable(self, self.start, len(self.rows))
        part.wrapOn(self.canv, self.width, self.height)
        part.drawOn(self.canv, 0, self.notes_height)
        y = self.notes_height - NOTES_GAP
        for note in self._tail_notes:
            _, h = note.wrap(self.width, 1e9)
            y -= h
            note.drawOn(self.canv, 0, y)
            y -= note.getSpaceAfter()
