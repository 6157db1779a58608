"""PNG of the data map and the dashboard, drawn with Pillow (already installed with reportlab).

reportlab's own bitmap renderer (renderPM) needs the rlPyCairo backend and so
the system's cairo library, which the installers would have to carry; Pillow
draws the same boxes, curves and text from the same layout with the bundled
DejaVu font and no system dependency.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from ropa_desktop.i18n import Translator, current
from ropa_desktop.overview import svg as look
from ropa_desktop.overview.dashboard import Dashboard
from ropa_desktop.overview.datamap import Layer
from ropa_desktop.overview.layout import COLUMN_GAP, MARGIN, NODE_WIDTH, MapLayout
from ropa_desktop.resources import resources_dir

SCALE = 2  # pixels per SVG unit: sharp on a 200 % screen and in print

Point = tuple[float, float]


@cache
def _font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(resources_dir() / "fonts" / name), round(size * SCALE))


def _hex(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


class _Canvas:
    def __init__(self, width: float, height: float) -> None:
        self.image = Image.new("RGB", (round(width * SCALE), round(height * SCALE)), "#ffffff")
        self.draw = ImageDraw.Draw(self.image)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        size: float,
        colour: str = look.INK,
        bold: bool = False,
        anchor: str = "ls",
    ) -> None:
        self.draw.text(
            (x * SCALE, y * SCALE), look.clean(content), font=_font(size, bold), fill=_hex(colour), anchor=anchor
        )

    def box(
        self, x: float, y: float, w: float, h: float, fill: str, outline: str, width: float = 1, dashed: bool = False
    ) -> None:
        rect = (x * SCALE, y * SCALE, (x + w) * SCALE, (y + h) * SCALE)
        self.draw.rounded_rectangle(
            rect,
            radius=5 * SCALE,
            fill=_hex(fill),
            outline=None if dashed else _hex(outline),
            width=round(width * SCALE),
        )
        if dashed:
            corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
            self.polyline(corners, outline, width, dashed=True)

    def polyline(self, points: Sequence[Point], colour: str, width: float, dashed: bool = False) -> None:
        scaled = [(px * SCALE, py * SCALE) for px, py in points]
        if not dashed:
            self.draw.line(scaled, fill=_hex(colour), width=max(1, round(width * SCALE)), joint="curve")
            return
        dash, gap, on, left = 5 * SCALE, 3 * SCALE, True, 5 * SCALE
        for (x1, y1), (x2, y2) in itertools.pairwise(scaled):
            length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
            done = 0.0
            while done < length:
                step = min(left, length - done)
                if on:
                    a, b = done / length, (done + step) / length
                    self.draw.line(
                        [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)],
                        fill=_hex(colour),
                        width=max(1, round(width * SCALE)),
                    )
                done += step
                left -= step
                if left <= 0:
                    on = not on
                    left = dash if on else gap

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="PNG", optimize=False)
        return out.getvalue()


def _curve(x1: float, y1: float, x2: float, y2: float, steps: int = 16) -> list[Point]:
    mid = (x1 + x2) / 2
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        x = u**3 * x1 + 3 * u * u * t * mid + 3 * u * t * t * mid + t**3 * x2
        y = u**3 * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y2
        points.append((x, y))
    return points


def map_png(lay: MapLayout, translator: Translator | None = None) -> bytes:
    tr = translator or current()
    canvas = _Canvas(lay.width, lay.height + look.LEGEND_HEIGHT)
    for layer in Layer:
        canvas.text(
            MARGIN + int(layer) * (NODE_WIDTH + COLUMN_GAP),
            MARGIN + 14,
            tr.gettext(look.LAYER_TITLES[layer]),
            13,
            bold=True,
        )
    for e in sorted(lay.map.edges, key=lambda e: (e.special or e.third_country, e.source, e.target)):
        a, b = lay.boxes[e.source], lay.boxes[e.target]
        if a.x > b.x:
            a, b = b, a
        width = look.edge_width(e.weight)
        canvas.polyline(
            _curve(a.x + a.width, a.centre_y, b.x, b.centre_y),
            look.edge_colour(e.special, e.third_country),
            width,
            dashed=e.third_country and not e.special,
        )
    for node in lay.nodes_in_order():
        box = lay.boxes[node.key]
        marked = node.gap or node.special or node.third_country
        canvas.box(
            box.x,
            box.y,
            box.width,
            box.height,
            look.node_fill(node),
            look.node_stroke(node),
            2 if marked else 1,
            node.gap,
        )
        marks = ("⚠ " if node.gap else "") + ("◆ " if node.special else "")
        canvas.text(box.x + 8, box.centre_y + 4, marks + look.shorten(node.label, 30), 11.5)
    y = lay.height + 4
    x = MARGIN
    for colour, label in look.legend(tr):
        canvas.polyline([(x, y + 6), (x + 24, y + 6)], colour, 3)
        canvas.text(x + 30, y + 10, label, 11, look.MUTED)
        x += 40 + 7 * len(label)
    if lay.map.summarised:
        canvas.text(lay.width - MARGIN, y + 10, look.summary_text(lay, tr), 11, look.MUTED, anchor="rs")
    return canvas.png()


def dashboard_png(board: Dashboard, translator: Translator | None = None) -> bytes:
    tr = translator or current()
    plan = look.dashboard_plan(board, tr)
    canvas = _Canvas(plan.width, plan.height)
    canvas.text(MARGIN, MARGIN + 16, plan.title, 18, bold=True)
    canvas.text(plan.width - MARGIN, MARGIN + 16, plan.subtitle, 12, look.MUTED, anchor="rs")
    for panel in plan.panels:
        f = panel.figure
        canvas.box(panel.x, panel.y, look.PANEL_WIDTH, panel.height, "#f8f9fb", "#d9dee4")
        canvas.text(panel.x + 12, panel.y + 22, f.title, 13.5, bold=True)
        if not f.bars:
            canvas.text(panel.x + 12, panel.y + 48, tr.gettext(look.NONE), 11.5, look.MUTED)
        for row in panel.rows:
            canvas.text(panel.x + 12, row.y + 14, look.shorten(row.bar.label, 30), 11.5)
            canvas.box(row.bar_x, row.y + 4, look.BAR_SPACE, 12, "#e9ecef", "#e9ecef")
            if row.length > 0.5:
                canvas.box(row.bar_x, row.y + 4, row.length, 12, look.TONES[row.bar.tone], look.TONES[row.bar.tone])
            canvas.text(row.bar_x + look.BAR_SPACE + 8, row.y + 14, row.value, 11, look.MUTED)
        if f.note:
            y = panel.rows[-1].y + look.BAR_ROW + 12 if panel.rows else panel.y + 60
            canvas.text(panel.x + 12, y, look.note_text(f, tr), 10.5, look.MUTED)
    return canvas.png()
