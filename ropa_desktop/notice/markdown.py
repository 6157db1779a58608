"""The notice as Markdown (CommonMark with GitHub tables), for sites built from Markdown.

Register text is escaped: every Markdown metacharacter gets a backslash and
``&`` becomes ``&amp;``, so a purpose like ``*new* <b>`` prints as typed and
never becomes emphasis, a link or HTML. Lists inside table cells are written
as "• item" lines joined by ``<br>``, the one HTML tag GitHub tables need.
"""

from __future__ import annotations

import re

from ropa_desktop.notice.document import Bullets, Cell, Heading, Inline, Notice, Paragraph, Table, printable

# Characters that are markup anywhere in a line ($ is GitHub's math), and what is markup only at a line start
# (a heading, a list item, a quote, a numbered item, a setext underline).
_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~$])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))")


def escape_md(text: str) -> str:
    """``text`` as Markdown that renders literally (one line: newlines become spaces)."""
    text = " ".join(printable(text).split())
    text = _ANYWHERE.sub(r"\\\1", text.replace("&", "&amp;"))
    found = _LINE_START.match(text)
    if found is None:
        return text
    if found.group(2)[0].isdigit():  # "1." starts a numbered list: escape the dot, not the digits
        end = found.end()
        return text[:end] + "\\" + text[end:]
    return text[: found.start(2)] + "\\" + text[found.start(2) :]


def _inline(runs: Inline) -> str:
    out = []
    for r in runs:
        text = escape_md(r.text)
        if not text.strip():
            out.append(text)
        elif r.gap or r.bold:
            # Emphasis must hug the text: "** x**" is not bold.
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            out.append(f"{lead}**{text.strip()}**{trail}")
        else:
            out.append(text)
    return "".join(out)


def _cell(cell: Cell) -> str:
    parts: list[str] = []
    for block in cell:
        if isinstance(block, Paragraph):
            parts.append(_inline(block.runs))
        else:
            parts.extend("• " + _inline(i) for i in block.items)
    return "<br>".join(parts) or " "


def _table(t: Table) -> list[str]:
    lines = ["| " + " | ".join(escape_md(h) for h in t.headers) + " |", "|" + "---|" * len(t.headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows]
    if t.notes:
        lines.append("")
        lines += [f"- {escape_md(m)} {_inline(runs)}" for m, runs in t.notes]
    return lines


def render_markdown(notice: Notice) -> str:
    lines: list[str] = []
    for block in notice.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + escape_md(block.text), ""]
        elif isinstance(block, Paragraph):
            lines += [_inline(block.runs), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_inline(i)}" for i in block.items] + [""]
        else:
            lines += [*_table(block), ""]
    return "\n".join(lines).rstrip() + "\n"
