"""The board PDF's pictures: the overview page and the data map pages, as reportlab vector drawings.

They draw the core's dashboard plan and map layout (:mod:`ropa_desktop.overview`), the same
picture the editor, the SVG and the PNG show, in the same colours. On paper a map node shows its
whole label, wrapped: the core lays the boxes out with the heights measured here. A map taller
than a page is cut into parts (:mod:`ropa_desktop.overview.pages`); a large register's map arrives
summarised from the core, and says how many activities it folded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Group, Path, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, PageBreak, Paragraph

from ropa_desktop.checks.engine import Finding
from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.exports.pdf_fonts import BOLD, REGULAR, register_fonts
from ropa_desktop.i18n import N_, Translator
from ropa_desktop.overview import svg as look
from ropa_desktop.overview.dashboard import Dashboard, Figure, build_dashboard
from ropa_desktop.overview.datamap import Layer, MapNode, build_map
from ropa_desktop.overview.layout import COLUMN_GAP, HEADER, MARGIN, NODE_HEIGHT, NODE_WIDTH, MapLayout, layout, place
from ropa_desktop.overview.pages import MapPart, split_map

LABEL_SIZE = 12.0  # in the layout's units; scaled with the picture (about 7 pt on A4 landscape)
LABEL_LEADING = 13.5
LABEL_PAD = 7.0
MAX_LABEL_LINES = 8  # a purpose longer than this (a pasted paragraph) ends in "…"
HEADING_ROOM = 46.0  # points above a picture for the section heading
NOTE_ROOM = 24.0  # points below it for the part note
MIN_DASHBOARD_SCALE = 0.62  # below this the dashboard's 11.5-unit text gets smaller than 7 pt: use two pages

PART_NOTE = N_(
    "Part {part} of {parts}: activities {first}–{last} of {total} in the map's order. "
    "A source, data subject, recipient or country linked from several parts is shown on each."
)
ORPHANS_NOTE = N_("Part {part} of {parts}: records no activity links to.")
UNLINKED_NOTE = N_("It also shows the records no activity links to.")
SHRINK = 0.85  # a map a little taller than a page is drawn a little smaller rather than cut in two


def _colour(value: str) -> colors.Color:
    return colors.HexColor(value)


class _Sketch:
    """The core's top-left coordinates onto a reportlab group (whose origin is bottom-left)."""

    def __init__(self, width: float, height: float, top: float = 0.0) -> None:
        self.width, self.height, self.top = width, height, top
        self.group = Group()

    def _y(self, y: float) -> float:
        return self.height - (y - self.top)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        size: float,
        colour: str = look.INK,
        bold: bool = False,
        end: bool = False,
    ) -> None:
        self.group.add(
            String(
                x,
                self._y(y),
                look.clean(content),
                fontName=BOLD if bold else REGULAR,
                fontSize=size,
                fillColor=_colour(colour),
                textAnchor="end" if end else "start",
            )
        )

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        stroke: str | None,
        width: float = 1.0,
        dashed: bool = False,
        radius: float = 5.0,
    ) -> None:
        self.group.add(
            Rect(
                x,
                self._y(y) - h,
                w,
                h,
                rx=radius,
                ry=radius,
                fillColor=_colour(fill),
                strokeColor=_colour(stroke) if stroke else None,
                strokeWidth=width,
                strokeDashArray=[4, 3] if dashed else None,
            )
        )

    def curve(self, x1: float, y1: float, x2: float, y2: float, colour: str, width: float, dashed: bool) -> None:
        mid = (x1 + x2) / 2
        path = Path(strokeColor=_colour(colour), strokeWidth=width, fillColor=None)
        if dashed:
            path.strokeDashArray = [5, 3]
        path.moveTo(x1, self._y(y1))
        path.curveTo(mid, self._y(y1), mid, self._y(y2), x2, self._y(y2))
        self.group.add(path)

    def line(self, x1: float, y: float, x2: float, colour: str, width: float) -> None:
        path = Path(strokeColor=_colour(colour), strokeWidth=width, fillColor=None)
        path.moveTo(x1, self._y(y))
        path.lineTo(x2, self._y(y))
        self.group.add(path)

    def drawing(self, scale: float) -> Drawing:
        drawing = Drawing(self.width * scale, self.height * scale)
        self.group.transform = (scale, 0, 0, scale, 0, 0)
        drawing.add(self.group)
        drawing.hAlign = "LEFT"
        return drawing


# --------------------------------------------------------------------------- the data map


def label_lines(node: MapNode) -> list[str]:
    """A node's whole label (with its ⚠/◆ marks) wrapped to the box, in the PDF's font."""
    marks = ("⚠ " if node.gap else "") + ("◆ " if node.special else "")
    label = marks + " ".join(look.clean(node.label).split())
    lines: list[str] = simpleSplit(label, REGULAR, LABEL_SIZE, NODE_WIDTH - 2 * LABEL_PAD) or [""]
    if len(lines) > MAX_LABEL_LINES:
        lines = [*lines[: MAX_LABEL_LINES - 1], look.shorten(lines[MAX_LABEL_LINES - 1], 30).rstrip("…") + "…"]
    return lines


def node_height(node: MapNode) -> float:
    lines = len(label_lines(node))
    return max(NODE_HEIGHT, lines * LABEL_LEADING + 2 * LABEL_PAD - (LABEL_LEADING - LABEL_SIZE))


def map_drawing(lay: MapLayout, tr: Translator, scale: float) -> Drawing:
    sketch = _Sketch(lay.width, lay.height + look.LEGEND_HEIGHT)
    for layer in Layer:
        x = MARGIN + int(layer) * (NODE_WIDTH + COLUMN_GAP)
        sketch.text(x, MARGIN + 14, tr.gettext(look.LAYER_TITLES[layer]), 13, bold=True)
    for e in sorted(lay.map.edges, key=lambda e: (e.special or e.third_country, e.source, e.target)):
        a, b = lay.boxes[e.source], lay.boxes[e.target]
        if a.x > b.x:
            a, b = b, a
        sketch.curve(
            a.x + a.width,
            a.centre_y,
            b.x,
            b.centre_y,
            look.edge_colour(e.special, e.third_country),
            look.edge_width(e.weight),
            e.third_country and not e.special,
        )
    for node in lay.nodes_in_order():
        box = lay.boxes[node.key]
        marked = node.gap or node.special or node.third_country
        sketch.box(
            box.x,
            box.y,
            box.width,
            box.height,
            look.node_fill(node),
            look.node_stroke(node),
            2 if marked else 1,
            node.gap,
        )
        lines = label_lines(node)
        y = box.centre_y - (len(lines) - 1) * LABEL_LEADING / 2 + LABEL_SIZE * 0.35
        for line in lines:
            sketch.text(box.x + LABEL_PAD, y, line, LABEL_SIZE)
            y += LABEL_LEADING
    y = lay.height + 4
    x = MARGIN
    for colour, label in look.legend(tr):
        sketch.line(x, y + 6, x + 24, colour, 3)
        sketch.text(x + 30, y + 10, label, 11, look.MUTED)
        x += 40 + 7 * len(label)
    if lay.map.summarised:
        sketch.text(lay.width - MARGIN, y + 10, look.summary_text(lay, tr), 11, look.MUTED, end=True)
    return sketch.drawing(scale)


def _part_note(part: MapPart, total: int, tr: Translator) -> str:
    if part.first_activity == 0:
        return tr.gettext(ORPHANS_NOTE).format(part=part.number, parts=part.of)
    also = " " + tr.gettext(UNLINKED_NOTE) if part.unlinked else ""
    return (
        tr.gettext(PART_NOTE).format(
            part=part.number,
            parts=part.of,
            first=tr.format_number(part.first_activity),
            last=tr.format_number(part.last_activity),
            total=tr.format_number(total),
        )
        + also
    )


def map_pages(
    org: OrganisationRegister,
    tr: Translator,
    heading: Callable[[], Flowable],
    note_style: ParagraphStyle,
    width: float,
    height: float,
) -> list[Flowable]:
    """The data map on as many landscape pages as it needs, the first under ``heading()``."""
    register_fonts()
    m = build_map(org, tr)
    ordered = layout(m)  # the order the editor and the SVG draw
    heights = {n.key: node_height(n) for n in m.nodes}
    lay = place(m, ordered.order, ordered.crossings, ordered.plain_crossings, heights)
    scale = width / lay.width
    room = height - HEADING_ROOM - NOTE_ROOM
    parts = split_map(lay, room / (scale * SHRINK) - look.LEGEND_HEIGHT, heights)
    activities = len(lay.order[Layer.ACTIVITY])
    out: list[Flowable] = []
    for part in parts:
        if part.number > 1:
            out.append(PageBreak())
        else:
            out.append(heading())
        sheet = part.layout
        fitted = min(scale, room / (sheet.height + look.LEGEND_HEIGHT))  # an oversized part is shrunk, not cut
        out.append(map_drawing(sheet, tr, fitted))
        if part.of > 1:
            out.append(Paragraph(escape(_part_note(part, activities, tr)), note_style))
    return out


# --------------------------------------------------------------------------- the overview


def dashboard_drawing(board: Dashboard, tr: Translator, width: float, height: float) -> Drawing:
    """The dashboard plan below its title band (the PDF's heading says what it is), scaled to fit."""
    plan = look.dashboard_plan(board, tr)
    top = MARGIN + HEADER - 24  # keep the subtitle line, drop the title (the section heading)
    sketch = _Sketch(plan.width, plan.height - top, top)
    sketch.text(MARGIN, MARGIN + 16 + 8, plan.subtitle, 12, look.MUTED)
    for panel in plan.panels:
        f = panel.figure
        sketch.box(panel.x, panel.y, look.PANEL_WIDTH, panel.height, "#f8f9fb", "#d9dee4", radius=6)
        sketch.text(panel.x + 12, panel.y + 22, f.title, 13.5, bold=True)
        if not f.bars:
            sketch.text(panel.x + 12, panel.y + 48, tr.gettext(look.NONE), 11.5, look.MUTED)
        for row in panel.rows:
            sketch.text(panel.x + 12, row.y + 14, look.shorten(row.bar.label, 30), 11.5)
            sketch.box(row.bar_x, row.y + 4, look.BAR_SPACE, 12, "#e9ecef", None, radius=2)
            if row.length > 0.5:
                sketch.box(row.bar_x, row.y + 4, row.length, 12, look.TONES[row.bar.tone], None, radius=2)
            sketch.text(row.bar_x + look.BAR_SPACE + 8, row.y + 14, row.value, 11, look.MUTED)
        if f.note:
            y = panel.rows[-1].y + look.BAR_ROW + 12 if panel.rows else panel.y + 60
            sketch.text(panel.x + 12, y, look.note_text(f, tr), 10.5, look.MUTED)
    return sketch.drawing(min(width / sketch.width, height / sketch.height))


def _dashboard_parts(board: Dashboard, tr: Translator, width: float, height: float) -> list[Dashboard]:
    """The figures in as few pages as keep the text at least ~7 pt: in order, a page at a time."""
    parts: list[Dashboard] = []
    chunk: list[Figure] = []
    for figure in board.figures:
        trial = replace(board, figures=[*chunk, figure])
        plan = look.dashboard_plan(trial, tr)
        if chunk and min(width / plan.width, height / plan.height) < MIN_DASHBOARD_SCALE:
            parts.append(replace(board, figures=chunk))
            chunk = [figure]
        else:
            chunk.append(figure)
    if chunk:
        parts.append(replace(board, figures=chunk))
    return parts


def overview_pages(
    org: OrganisationRegister,
    findings: Sequence[Finding],
    tr: Translator,
    today: date,
    heading: Callable[[], Flowable],
    width: float,
    height: float,
) -> list[Flowable]:
    """The overview dashboard on one landscape page (two when a register has many bars), under ``heading()``."""
    register_fonts()
    board = build_dashboard(org, list(findings), tr, today)
    room = height - HEADING_ROOM
    out: list[Flowable] = [heading()]
    for i, part in enumerate(_dashboard_parts(board, tr, width, room)):
        if i:
            out.append(PageBreak())
        out.append(dashboard_drawing(part, tr, width, room))
    return out
