"""The building blocks of the board PDF that reportlab does not offer as needed.

- :class:`PagedTable` lays out a long table in time linear in its rows: rows are
  measured once, in small batches, and each page gets its own small Table with
  the heading row. A single reportlab Table re-measures what is left at every
  page break, which grows faster than linearly.
- Page numbers ("Page X of Y", the contents) are known only after the last
  page, so :func:`deferred_canvas` keeps every page and draws them on save.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ropa_desktop.exports.pdf_fonts import BOLD, REGULAR
from ropa_desktop.exports.pdf_signature_fields import SIGNATURE_FIELD as SIGNATURE_FIELD  # its home: no reportlab

CellValue: TypeAlias = Any  # a Flowable, a list of them, or plain text

MEASURE_BATCH = 40
GRID_COLOUR = colors.HexColor("#9aa5b1")
GRID_WIDTH = 0.4
MARGIN = 16 * mm


class ExportCancelledError(Exception):
    """The progress callback asked to stop."""


@dataclass
class LayoutState:
    """What the pages learn while they are laid out, for the deferred drawing."""

    heading_pages: dict[str, int] = field(default_factory=dict)
    contents_slots: dict[int, list[tuple[str, float, float]]] = field(default_factory=dict)
    footer_text: Callable[[int, int], str] = lambda page, pages: f"{page} / {pages}"
    signature_boxes: list[tuple[int, tuple[int, int, int, int]]] = field(default_factory=list)
    rows_total: int = 0
    rows_done: int = 0
    progress: Callable[[int, int], bool] | None = None

    def rows_drawn(self, count: int) -> None:
        self.rows_done += count
        if self.progress is not None and not self.progress(self.rows_done, self.rows_total):
            raise ExportCancelledError


class CellParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that keeps its line breaks for one width.

    A table cell is wrapped when the rows are measured, again when its page's
    table is sized and again when it is drawn, always at the same width;
    breaking lines is most of the layout time.
    """

    # (owner id, available width, width, height); the id keeps split-off copies, which share
    # this attribute's value but not the line breaks, from using it.
    _wrapped: tuple[int, float, float, float] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        cached = self._wrapped
        # Paragraph.split may drop blPara to force a fresh wrap.
        if cached is not None and cached[0] == id(self) and cached[1] == avail_width and hasattr(self, "blPara"):
            self.width, self.height = cached[2], cached[3]
            return cached[2], cached[3]
        width, height = super().wrap(avail_width, avail_height)
        self._wrapped = (id(self), avail_width, width, height)
        return width, height


LONG_TEXT = 1_500
"""Characters from which a cell's text is cut into pieces, one table row each (see :func:`expand_rows`)."""
LINES_PER_PIECE = 6


def cut_text(value: str, size: int) -> list[str]:
    """``value`` in pieces of at most ``size`` characters, cut at a line end or a space where there is one."""
    pieces: list[str] = []
    start, end_of_text = 0, len(value)
    while end_of_text - start > size:
        end = start + size
        cut = value.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = value.rfind(" ", start + size // 2, end)
        cut = end if cut < 0 else cut + 1
        pieces.append(value[start:cut].rstrip("\n"))
        start = cut
    pieces.append(value[start:])
    return pieces


class LongText(Flowable):  # type: ignore[misc]
    """A cell text too long for one row; :func:`expand_rows` cuts it into pieces that fit the column.

    Laying out one paragraph of N characters across pages costs time in N²
    (reportlab breaks the rest of the text into lines again at every page);
    pieces of a few dozen lines each cost time in N. Outside a table it lays
    itself out as one paragraph.
    """

    def __init__(self, value: str, style: Any, markup: Callable[[str], str], bullet: str | None = None) -> None:
        super().__init__()
        self.value, self.style, self.markup, self.bullet = value, style, markup, bullet
        self._paragraph: Paragraph | None = None

    def pieces(self, width: float) -> list[Flowable]:
        per_line = max(10, int(width / (self.style.fontSize * 0.5)))
        return [
            CellParagraph(self.markup(piece), self.style, bulletText=self.bullet if i == 0 else None)
            for i, piece in enumerate(cut_text(self.value, per_line * LINES_PER_PIECE))
        ]

    def _whole(self) -> Paragraph:
        if self._paragraph is None:
            self._paragraph = CellParagraph(self.markup(self.value), self.style, bulletText=self.bullet)
        return self._paragraph

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self._whole().wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return list(self._whole().split(avail_width, avail_height))

    def draw(self) -> None:
        self._whole().drawOn(self.canv, 0, 0)


def _items(cell: CellValue) -> list[Any]:
    return list(cell) if isinstance(cell, (list, tuple)) else [cell]


def _is_long(cell: CellValue) -> bool:
    return any(isinstance(item, LongText) for item in _items(cell))


def _cell_groups(cell: CellValue, width: float) -> list[list[Any]]:
    """A cell's content as one group per row: each piece of a long text starts a row."""
    groups: list[list[Any]] = [[]]
    for item in _items(cell):
        if not isinstance(item, LongText):
            groups[-1].append(item)
            continue
        for i, piece in enumerate(item.pieces(width)):
            if i:
                groups.append([])
            groups[-1].append(piece)
    return groups


CELL_PADDING = 8.0  # LEFTPADDING + RIGHTPADDING of table_style


def expand_rows(
    rows: Sequence[Sequence[CellValue]], col_widths: Sequence[float]
) -> tuple[list[list[CellValue]], set[int]]:
    """Rows with long texts cut into continuation rows; returns the rows and the indexes of continuations."""
    out: list[list[CellValue]] = []
    continued: set[int] = set()
    for row in rows:
        if not any(_is_long(cell) for cell in row):
            out.append(list(row))
            continue
        columns = [_cell_groups(cell, width - CELL_PADDING) for cell, width in zip(row, col_widths, strict=False)]
        for j in range(max(len(groups) for groups in columns)):
            if j:
                continued.add(len(out))
            out.append([groups[j] if j < len(groups) and groups[j] else "" for groups in columns])
    return out, continued


def continuation_style(continued: set[int], start: int, end: int, first_row: int) -> list[tuple[Any, ...]]:
    """Style commands that hide the rule above each continuation row, so a cut text reads as one cell.

    The white rule would also nick the column rules where it crosses them, so those are drawn
    again over it. A continuation that starts a page keeps its rule under the heading.
    """
    commands: list[tuple[Any, ...]] = []
    for i in range(start, end):
        row = first_row + i - start
        if i not in continued or row == first_row:
            continue
        commands += [
            ("LINEABOVE", (0, row), (-1, row), 0.6, colors.white),
            ("LINEBEFORE", (0, row - 1), (-1, row), GRID_WIDTH, GRID_COLOUR),
            ("LINEAFTER", (-1, row - 1), (-1, row), GRID_WIDTH, GRID_COLOUR),
        ]
    return commands


class PagedTable(Flowable):  # type: ignore[misc]
    """A table of any length, heading row repeated on every page, laid out in linear time."""

    def __init__(
        self,
        header: Sequence[CellValue],
        rows: Sequence[Sequence[CellValue]],
        col_widths: Sequence[float],
        style: TableStyle,
        state: LayoutState,
        frame_height: float,
        *,
        continued: set[int] | None = None,
        _shared: dict[str, Any] | None = None,
        _start: int = 0,
    ) -> None:
        super().__init__()
        self.continued = continued or set()
        self.header = list(header)
        self.rows = rows
        self.col_widths = list(col_widths)
        self.style = style
        self.state = state
        self.frame_height = frame_height
        self.start = _start
        # Row heights and their running sums, measured once and shared by every split part.
        self.shared: dict[str, Any] = _shared if _shared is not None else {}

    def _table(
        self, rows: Sequence[Sequence[CellValue]], *, heading: bool = True, start: int | None = None, **kw: Any
    ) -> Table:
        data = [self.header, *rows] if heading else list(rows)
        table = Table(data, colWidths=self.col_widths, style=self.style, repeatRows=1 if heading else 0, **kw)
        if start is not None and self.continued:
            table.setStyle(continuation_style(self.continued, start, start + len(rows), 1 if heading else 0))
        return table

    def _measure(self, avail_width: float) -> None:
        if "sums" in self.shared:
            return
        heights: list[float] = []
        header_height = 0.0
        for i in range(0, len(self.rows), MEASURE_BATCH):
            table = self._table(self.rows[i : i + MEASURE_BATCH])
            table.wrap(avail_width, 1e9)
            header_height = table._rowHeights[0]
            heights.extend(table._rowHeights[1:])
        if not self.rows:
            table = self._table([])
            table.wrap(avail_width, 1e9)
            header_height = table._rowHeights[0]
        self.shared["header"] = header_height
        self.shared["sums"] = [0.0, *accumulate(heights)]

    def _remaining_height(self) -> float:
        sums: list[float] = self.shared["sums"]
        return float(self.shared["header"] + sums[-1] - sums[self.start])

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._measure(avail_width)
        self.width = sum(self.col_widths)
        self.height = self._remaining_height()
        return self.width, self.height

    def _fitting_rows(self, avail_height: float) -> int:
        sums: list[float] = self.shared["sums"]
        budget = avail_height - self.shared["header"] + sums[self.start] + 1e-6
        end = bisect_right(sums, budget) - 1
        return max(0, min(end, len(self.rows)) - self.start)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._measure(avail_width)
        count = self._fitting_rows(avail_height)
        if count == 0:
            sums: list[float] = self.shared["sums"]
            row_height = sums[self.start + 1] - sums[self.start] if self.start < len(self.rows) else 0.0
            if self.shared["header"] + row_height > self.frame_height and avail_height > self.frame_height / 2:
                # A row taller than a page: let reportlab split inside it, starting here.
                oversize = self._table([self.rows[self.start]], splitInRow=1)
                return [*oversize.split(avail_width, avail_height), self._rest(self.start + 1)]
            return []
        return [_PageTable(self, self.start, self.start + count), self._rest(self.start + count)]

    def _rest(self, start: int) -> PagedTable:
        return PagedTable(
            self.header,
            self.rows,
            self.col_widths,
            self.style,
            self.state,
            self.frame_height,
            continued=self.continued,
            _shared=self.shared,
            _start=start,
        )

    def draw(self) -> None:
        part = _PageTable(self, self.start, len(self.rows))
        part.wrapOn(self.canv, self.width, self.height)
        part.drawOn(self.canv, 0, 0)


class _PageTable(Flowable):  # type: ignore[misc]
    """The rows of a PagedTable that fit on one page."""

    def __init__(self, owner: PagedTable, start: int, end: int) -> None:
        super().__init__()
        self.owner, self.start, self.end = owner, start, end

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        sums: list[float] = self.owner.shared["sums"]
        self.width = sum(self.owner.col_widths)
        self.height = self.owner.shared["header"] + sums[self.end] - sums[self.start]
        return self.width, self.height

    def draw(self) -> None:
        sums: list[float] = self.owner.shared["sums"]
        heights = [self.owner.shared["header"]] + [sums[i + 1] - sums[i] for i in range(self.start, self.end)]
        table = self.owner._table(self.owner.rows[self.start : self.end], start=self.start, rowHeights=heights)
        table.wrapOn(self.canv, self.width, 1e9)
        table.drawOn(self.canv, 0, self.height - table._height)
        self.owner.state.rows_drawn(self.end - self.start)


def table_style(*extra: tuple[Any, ...], heading: bool = True) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), GRID_WIDTH, GRID_COLOUR),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if heading:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3a5f")),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
        ]
    commands.extend(extra)
    return TableStyle(commands)


class Heading(Paragraph):  # type: ignore[misc]
    """A section heading: an outline entry, a link target and a page number for the contents."""

    def __init__(self, text: str, style: Any, key: str, state: LayoutState, level: int = 0) -> None:
        super().__init__(text, style)
        self.key, self.state, self.level = key, state, level
        self.plain = text

    def draw(self) -> None:
        super().draw()
        canv = self.canv
        canv.bookmarkPage(self.key)
        canv.addOutlineEntry(self._outline_text(), self.key, level=self.level, closed=self.level > 0)
        self.state.heading_pages[self.key] = canv.getPageNumber()

    def _outline_text(self) -> str:
        return "".join(frag.text for frag in self.frags if hasattr(frag, "text")) or self.key


class KeepWithStart(Flowable):  # type: ignore[misc]
    """A heading (with its lead-in) kept with at least the start of the content it heads.

    Like reportlab's ``KeepTogether``, it never draws itself: its height says "too tall", and the frame asks
    :meth:`split` where it may break. Below what is on the page already, the lead goes there only when the
    body's first part (a table's heading row and first row, a paragraph's first lines) fits under it;
    otherwise everything moves to the next page. At the top of a page it is laid out as it comes. Unlike
    ``KeepTogether`` a long table is not pushed whole to a fresh page: only its start has to fit.
    """

    def __init__(self, lead: Sequence[Flowable], body: Flowable) -> None:
        super().__init__()
        self.lead, self.body = list(lead), body

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 0xFFFFFF  # always split: split() decides where the page may end

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.lead[0].getSpaceBefore())

    def _lead_height(self, avail_width: float, avail_height: float) -> float:
        height = 0.0
        for i, flowable in enumerate(self.lead):
            height += flowable.wrapOn(self.canv, avail_width, avail_height)[1] + flowable.getSpaceAfter()
            if i:
                height += flowable.getSpaceBefore()
        return height

    def _body_starts_in(self, avail_width: float, room: float) -> bool:
        room -= self.body.getSpaceBefore()
        if room <= 0:
            return False
        if self.body.wrapOn(self.canv, avail_width, room)[1] <= room + 1e-6:
            return True
        return bool(self.body.splitOn(self.canv, avail_width, room))

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = [*self.lead, self.body]
        frame = getattr(self, "_frame", None)
        if frame is None or frame._atTop:
            return parts
        room = avail_height - self._lead_height(avail_width, avail_height)
        # Returning nothing makes reportlab carry this to the next frame, where it is at the top.
        return parts if self._body_starts_in(avail_width, room) else []

    def draw(self) -> None:  # pragma: no cover - split() always replaces it
        raise AssertionError("KeepWithStart is always split")


def _is_lead(flowable: Flowable) -> bool:
    return isinstance(flowable, Heading | Spacer | CondPageBreak)


def keep_headings_with_content(story: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with every :class:`Heading` bound to the start of what follows it (:class:`KeepWithStart`).

    The lead is the heading with any sub-headings and spacers right after it, and a short paragraph that
    introduces a table ("Compared with version 3 …"); a page break held back for a sub-heading is dropped
    inside the group, which keeps the sub-heading with its rows anyway.
    """
    out: list[Flowable] = []
    i, count = 0, len(story)
    while i < count:
        if not isinstance(story[i], Heading):
            out.append(story[i])
            i += 1
            continue
        lead: list[Flowable] = []
        while i < count and (_is_lead(story[i]) or (type(story[i]) is Paragraph and _introduces_table(story, i + 1))):
            if not isinstance(story[i], CondPageBreak):
                lead.append(story[i])
            i += 1
        if i < count and not isinstance(story[i], ActionFlowable | PageBreak):
            out.append(KeepWithStart(lead, story[i]))
            i += 1
        else:
            out += lead
    return out


def _introduces_table(story: Sequence[Flowable], start: int) -> bool:
    while start < len(story) and isinstance(story[start], Spacer):
        start += 1
    return start < len(story) and isinstance(story[start], PagedTable | Table)


class ContentsLine(Flowable):  # type: ignore[misc]
    """One entry of the contents; its page number is drawn once all pages are known."""

    def __init__(self, text: str, key: str, state: LayoutState, level: int = 0, font_size: float = 10.5) -> None:
        super().__init__()
        self.text, self.key, self.state, self.level, self.font_size = text, key, state, level, font_size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.font_size * 1.9
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        indent = 14.0 * self.level
        canv.setFont(BOLD if self.level == 0 else REGULAR, self.font_size)
        canv.drawString(indent, 4, self.text)
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
        text_end = indent + canv.stringWidth(self.text, BOLD if self.level == 0 else REGULAR, self.font_size)
        canv.setDash(1, 2)
        canv.setStrokeColor(colors.HexColor("#9aa5b1"))
        canv.line(text_end + 4, 4, self.width - 28, 4)
        canv.setDash()
        x, y = canv.absolutePosition(self.width, 4)
        self.state.contents_slots.setdefault(canv.getPageNumber(), []).append((self.key, x, y))


class RunningHeader(Flowable):  # type: ignore[misc]
    """Zero-size marker: from here on, pages carry this header text (None: no header)."""

    def __init__(self, left: str | None, right: str = "") -> None:
        super().__init__()
        self.left, self.right = left, right
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.ropa_header = (self.left, self.right)


class SignatureBox(Flowable):  # type: ignore[misc]
    """The place of the visible signature stamp; an empty signature field is put over it."""

    def __init__(self, width: float, height: float, caption: str, state: LayoutState) -> None:
        super().__init__()
        self.width, self.height, self.caption, self.state = width, height, caption, state

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height + 14

    def draw(self) -> None:
        canv = self.canv
        canv.translate(0, 14)
        canv.setStrokeColor(colors.HexColor("#9aa5b1"))
        canv.setDash(3, 3)
        canv.rect(0, 0, self.width, self.height)
        canv.setDash()
        # The caption sits below the box: the stamp has no background and would print over it.
        canv.setFont(REGULAR, 7.5)
        canv.setFillColor(colors.HexColor("#6b7785"))
        canv.drawString(0, -10, self.caption)
        left, bottom = canv.absolutePosition(0, 0)
        right, top = canv.absolutePosition(self.width, self.height)
        self.state.signature_boxes.append((canv.getPageNumber() - 1, (int(left), int(bottom), int(right), int(top))))


def deferred_canvas(state: LayoutState) -> type[Canvas]:
    """A canvas class that holds its pages back until the page count is known."""

    class DeferredCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("initialFontName", REGULAR)
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            self.ropa_header: tuple[str | None, str] = (None, "")

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held_pages.append(dict(self.__dict__))
            # Keep page references of bookmarks and links right while pages are held back.
            self._doc.pageCounter += 1
            self._startPage()

        def save(self) -> None:
            pages = len(self._held_pages)
            self._doc.pageCounter = 1
            for held in self._held_pages:
                self.__dict__.update(held)
                self._decorate(pages)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, pages: int) -> None:
            page = self._pageNumber
            width, height = self._pagesize
            self.saveState()
            self.setFillColor(colors.HexColor("#4a5563"))
            self.setStrokeColor(colors.HexColor("#c3cad3"))
            left, right = self.ropa_header
            margin = MARGIN
            if left is not None:
                self.setFont(REGULAR, 8)
                self.drawString(margin, height - 28, left)
                self.drawRightString(width - margin, height - 28, right)
                self.line(margin, height - 32, width - margin, height - 32)
            self.setFont(REGULAR, 8)
            self.drawCentredString(width / 2, 22, state.footer_text(page, pages))
            self.setFillColor(colors.black)
            for key, x, y in state.contents_slots.get(page, []):
                target = state.heading_pages.get(key)
                if target is not None:
                    self.setFont(REGULAR, 10.5)
                    self.drawRightString(x, y, str(target))
            self.restoreState()

    return DeferredCanvas
