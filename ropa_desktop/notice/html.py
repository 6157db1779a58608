"""The notice as one self-contained HTML page for a website.

Semantic tables (``<thead>``, ``<th scope="col">``), the style sheet inline
with a print section, nothing loaded from the network (no fonts, scripts or
images), and every text from the register escaped with :func:`html.escape`,
so markup typed into the register prints literally.
"""

from __future__ import annotations

from html import escape as _escape

from ropa_desktop.notice.document import Bullets, Cell, Heading, Inline, Notice, Paragraph, Table, printable

STYLE = """
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; line-height: 1.45; color: #1b1f24;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.8rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #9aa4b1; padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #e8edf3; }
td ul { margin: 0; padding-left: 1.1rem; }
.notes { font-size: 0.88rem; list-style: none; padding-left: 0; }
.mark { font-weight: bold; }
.gap { background: #ffe08a; color: #5a3d00; font-weight: bold; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .gap { outline: 1px solid #000; }
}
"""


def escape(text: str) -> str:
    return _escape(printable(text))


def _inline(runs: Inline) -> str:
    out = []
    for r in runs:
        text = escape(r.text)
        if r.gap:
            text = f'<mark class="gap">{text}</mark>'
        elif r.mark:
            text = f'<span class="mark">{text}</span>'
        elif r.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _list(items: list[Inline]) -> str:
    return "<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>"


def _cell(cell: Cell) -> str:
    parts = []
    for block in cell:
        parts.append(_inline(block.runs) if isinstance(block, Paragraph) else _list(block.items))
    return "".join(parts)


def _table(t: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in t.headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>\n" for row in t.rows)
    caption = f"<caption>{escape(t.caption)}</caption>" if t.caption else ""
    html = f"<table>{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>\n"
    if t.notes:
        notes = "".join(f'<li><span class="mark">{escape(m)}</span> {_inline(runs)}</li>' for m, runs in t.notes)
        html += f'<ul class="notes">{notes}</ul>\n'
    return html


def render_html(notice: Notice) -> str:
    body = []
    for block in notice.blocks:
        if isinstance(block, Heading):
            anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
            body.append(f"<h{block.level}{anchor}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_inline(block.runs)}</p>")
        elif isinstance(block, Bullets):
            body.append(_list(block.items))
        else:
            body.append(_table(block))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(notice.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(notice.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
