"""SVG of the data map and the dashboard, written by hand: no network, no fonts fetched, every text escaped."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ropa_desktop.i18n import N_, Translator, current
from ropa_desktop.overview.datamap import Layer, MapNode
from ropa_desktop.overview.layout import COLUMN_GAP, HEADER, MARGIN, NODE_WIDTH, MapLayout

# The editor's overview and map draw with the colours and texts here before any SVG is written:
# the dashboard's figures (and the checks they count) and xml.sax (which loads urllib) load with
# the first picture, not with the editor's first paint (issue 16).
if TYPE_CHECKING:
    from ropa_desktop.overview.dashboard import Bar, Dashboard, Figure

# Colours shared with the PNG/PDF drawing (a light print palette: the pictures go on paper).
INK = "#1f2933"
MUTED = "#616e7c"
EDGE = "#9aa5b1"
SPECIAL = "#8e24aa"
THIRD = "#d9480f"
GAP = "#c62828"
FILL = {"origin": "#e3f2fd", "activity": "#e8f5e9", "recipient": "#fff8e1", "country": "#f3e5f5", "gap": "#ffffff"}
TONES = {"good": "#2e7d32", "warning": "#ef8f00", "bad": "#c62828", "neutral": "#4c6ef5"}
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
LAYER_TITLES = {
    Layer.ORIGIN: N_("Sources and data subjects"),
    Layer.ACTIVITY: N_("Processing activities"),
    Layer.RECIPIENT: N_("Recipients and processors"),
    Layer.COUNTRY: N_("Countries"),
}
LEGEND_HEIGHT = 28.0

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as XML allows it: control characters and lone surrogates (a hostile register) dropped."""
    return _CONTROL.sub("", text)


def text_el(
    x: float, y: float, content: str, size: float = 12, fill: str = INK, weight: str = "normal", anchor: str = "start"
) -> str:
    from xml.sax.saxutils import escape

    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" font-weight="{weight}" '
        f'text-anchor="{anchor}">{escape(clean(content))}</text>'
    )


def shorten(text: str, limit: int) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_fill(node: MapNode) -> str:
    if node.gap and node.kind in ("unknown_country",):
        return FILL["gap"]
    return {Layer.ORIGIN: FILL["origin"], Layer.ACTIVITY: FILL["activity"], Layer.RECIPIENT: FILL["recipient"]}.get(
        node.layer, FILL["country"]
    )


def node_stroke(node: MapNode) -> str:
    if node.gap:
        return GAP
    if node.special:
        return SPECIAL
    if node.third_country:
        return THIRD
    return MUTED


def edge_colour(special: bool, third: bool) -> str:
    return SPECIAL if special else THIRD if third else EDGE


def edge_width(weight: int) -> float:
    """A summarised edge standing for many links is drawn thicker, up to a limit."""
    return min(1.0 + math.sqrt(max(weight - 1, 0)) * 0.6, 6.0)


def hover_text(node: MapNode) -> str:
    parts = [node.label, node.detail, node.gap_text]
    return "\n".join(p for p in parts if p)


def legend(tr: Translator) -> list[tuple[str, str]]:
    return [
        (SPECIAL, tr.gettext(N_("◆ special categories or national ID"))),
        (THIRD, tr.gettext(N_("outside the EEA"))),
        (GAP, tr.gettext(N_("⚠ gap: not stated in the register"))),
    ]


def summary_text(lay: MapLayout, tr: Translator) -> str:
    count = tr.format_number(lay.map.activity_count)
    return tr.gettext(N_("Summarised: {count} activities grouped by legal basis")).format(count=count)


def map_svg(lay: MapLayout, translator: Translator | None = None) -> str:
    from xml.sax.saxutils import escape, quoteattr

    tr = translator or current()
    height = lay.height + LEGEND_HEIGHT
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{lay.width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {lay.width:.0f} {height:.0f}" font-family="{FONT}">',
        f"<title>{escape(clean(tr.gettext(N_('Data map')) + ': ' + lay.map.organisation))}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for layer in Layer:
        x = MARGIN + int(layer) * (NODE_WIDTH + COLUMN_GAP)
        out.append(text_el(x, MARGIN + 14, tr.gettext(LAYER_TITLES[layer]), 13, INK, "bold"))
    out.append('<g fill="none">')
    for e in sorted(lay.map.edges, key=lambda e: (e.special or e.third_country, e.source, e.target)):
        a, b = lay.boxes[e.source], lay.boxes[e.target]
        if a.x > b.x:
            a, b = b, a
        x1, y1, x2, y2 = a.x + a.width, a.centre_y, b.x, b.centre_y
        mid = (x1 + x2) / 2
        width = edge_width(e.weight)
        dash = ' stroke-dasharray="5 3"' if e.third_country and not e.special else ""
        out.append(
            f'<path d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" '
            f'stroke="{edge_colour(e.special, e.third_country)}" stroke-width="{width:.1f}"{dash}/>'
        )
    out.append("</g>")
    for node in lay.nodes_in_order():
        box = lay.boxes[node.key]
        dash = ' stroke-dasharray="4 3"' if node.gap else ""
        out.append(f'<g class="node {node.kind}" id={quoteattr(clean(node.key))}>')
        out.append(f"<title>{escape(clean(hover_text(node)))}</title>")
        out.append(
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" rx="5" '
            f'fill="{node_fill(node)}" stroke="{node_stroke(node)}" stroke-width="{2 if node.gap or node.special or node.third_country else 1}"{dash}/>'
        )
        marks = ("⚠ " if node.gap else "") + ("◆ " if node.special else "")
        out.append(text_el(box.x + 8, box.centre_y + 4, marks + shorten(node.label, 30), 11.5))
        out.append("</g>")
    y = lay.height + 4
    x = MARGIN
    for colour, label in legend(tr):
        out.append(
            f'<line x1="{x:.1f}" y1="{y + 6:.1f}" x2="{x + 24:.1f}" y2="{y + 6:.1f}" stroke="{colour}" stroke-width="3"/>'
        )
        out.append(text_el(x + 30, y + 10, label, 11, MUTED))
        x += 40 + 7 * len(label)
    if lay.map.summarised:
        out.append(text_el(lay.width - MARGIN, y + 10, summary_text(lay, tr), 11, MUTED, anchor="end"))
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- dashboard

PANEL_WIDTH = 460.0
PANEL_GAP = 18.0
BAR_ROW = 22.0
LABEL_WIDTH = 190.0
BAR_SPACE = PANEL_WIDTH - LABEL_WIDTH - 24 - 130
COLUMNS = 2
NONE = N_("None")


@dataclass
class BarRow:
    bar: Bar
    y: float
    bar_x: float
    length: float
    value: str


@dataclass
class Panel:
    figure: Figure
    x: float
    y: float
    height: float
    rows: list[BarRow]


@dataclass
class DashboardPlan:
    """Where every panel and bar goes: computed once, drawn by the SVG, PNG and editor renderers alike."""

    title: str
    subtitle: str
    width: float
    height: float
    panels: list[Panel]


def _panel_height(figure: Figure) -> float:
    return 34 + max(len(figure.bars), 1) * BAR_ROW + (18 if figure.note else 0) + 8


def bar_value(figure: Figure, bar: Bar, tr: Translator) -> str:
    total = bar.of or figure.total
    if total:
        share = bar.count / total
        return f"{tr.format_number(bar.count)} / {tr.format_number(total)} ({round(share * 100)} %)"
    return tr.format_number(bar.count)


def note_text(figure: Figure, tr: Translator) -> str:
    return shorten(tr.gettext(N_("Most frequent: {rules}")).format(rules=figure.note), 78)


def dashboard_plan(board: Dashboard, translator: Translator | None = None) -> DashboardPlan:
    tr = translator or current()
    heights = [0.0] * COLUMNS
    top = MARGIN + HEADER + 6
    panels = []
    for figure in board.figures:  # each figure into the shorter column, in order: deterministic
        c = heights.index(min(heights))
        x, y = MARGIN + c * (PANEL_WIDTH + PANEL_GAP), top + heights[c]
        longest = figure.total or max((b.count for b in figure.bars), default=0) or 1
        rows = []
        row_y = y + 34
        for bar in figure.bars:
            scale_to = bar.of or longest
            rows.append(
                BarRow(bar, row_y, x + 12 + LABEL_WIDTH, BAR_SPACE * bar.count / scale_to, bar_value(figure, bar, tr))
            )
            row_y += BAR_ROW
        panels.append(Panel(figure, x, y, _panel_height(figure), rows))
        heights[c] += _panel_height(figure) + PANEL_GAP
    width = 2 * MARGIN + COLUMNS * PANEL_WIDTH + (COLUMNS - 1) * PANEL_GAP
    title = tr.gettext(N_("Overview: {organisation}")).format(organisation=board.organisation)
    subtitle = tr.ngettext("{count} activity", "{count} activities", board.activity_count).format(
        count=tr.format_number(board.activity_count)
    )
    return DashboardPlan(title, subtitle, width, top + max(heights) + MARGIN - PANEL_GAP, panels)


def dashboard_svg(board: Dashboard, translator: Translator | None = None) -> str:
    from xml.sax.saxutils import escape, quoteattr

    tr = translator or current()
    plan = dashboard_plan(board, tr)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{plan.width:.0f}" height="{plan.height:.0f}" '
        f'viewBox="0 0 {plan.width:.0f} {plan.height:.0f}" font-family="{FONT}">',
        f"<title>{escape(clean(plan.title))}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        text_el(MARGIN, MARGIN + 16, plan.title, 18, INK, "bold"),
        text_el(plan.width - MARGIN, MARGIN + 16, plan.subtitle, 12, MUTED, anchor="end"),
    ]
    for panel in plan.panels:
        f = panel.figure
        out.append(f'<g class="figure" id={quoteattr(f.key)}>')
        out.append(
            f'<rect x="{panel.x:.1f}" y="{panel.y:.1f}" width="{PANEL_WIDTH:.1f}" height="{panel.height:.1f}" '
            'rx="6" fill="#f8f9fb" stroke="#d9dee4"/>'
        )
        out.append(text_el(panel.x + 12, panel.y + 22, f.title, 13.5, INK, "bold"))
        if not f.bars:
            out.append(text_el(panel.x + 12, panel.y + 48, tr.gettext(NONE), 11.5, MUTED))
        for row in panel.rows:
            out.append(f"<g><title>{escape(clean(row.bar.label + ': ' + row.value))}</title>")
            out.append(text_el(panel.x + 12, row.y + 14, shorten(row.bar.label, 30), 11.5))
            out.append(
                f'<rect x="{row.bar_x:.1f}" y="{row.y + 4:.1f}" width="{BAR_SPACE:.1f}" height="12" fill="#e9ecef" rx="2"/>'
            )
            out.append(
                f'<rect x="{row.bar_x:.1f}" y="{row.y + 4:.1f}" width="{row.length:.1f}" height="12" '
                f'fill="{TONES[row.bar.tone]}" rx="2"/>'
            )
            out.append(text_el(row.bar_x + BAR_SPACE + 8, row.y + 14, row.value, 11, MUTED))
            out.append("</g>")
        if f.note:
            y = panel.rows[-1].y + BAR_ROW + 12 if panel.rows else panel.y + 60
            out.append(text_el(panel.x + 12, y, note_text(f, tr), 10.5, MUTED))
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
