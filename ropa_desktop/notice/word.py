"""The notice as a Word document (DOCX) through python-docx, for users who edit it in Word.

Real Word headings (the built-in Title / Heading 1 / Heading 2 styles, so the
navigation pane and a table of contents work), real tables with a repeating
header row, and bulleted lists in the built-in List Bullet style. python-docx
has no footnote API, so the balancing tests are emulated as the published
notices print them: the superscript mark (¹ ² ³) after the legal basis and the
numbered notes in a list right under the table. Gaps are highlighted yellow.
"""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from ropa_desktop.notice.document import Bullets, Cell, Heading, Inline, Notice, Paragraph, Table

_LANGUAGE_TAGS = {"nb": "nb-NO", "en": "en-GB"}


def _runs(paragraph: DocxParagraph, runs: Inline) -> None:
    for r in runs:
        run = paragraph.add_run(r.text)
        if r.bold or r.gap:
            run.bold = True
        if r.gap:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _fill_cell(cell: _Cell, content: Cell) -> None:
    first = cell.paragraphs[0]
    used = False
    for block in content:
        items = [block.runs] if isinstance(block, Paragraph) else block.items
        for runs in items:
            paragraph = first if not used else cell.add_paragraph()
            used = True
            if isinstance(block, Bullets):
                paragraph.style = "List Bullet"
            _runs(paragraph, runs)


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _table(doc: object, t: Table) -> None:
    table = doc.add_table(rows=1, cols=len(t.headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, t.headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for row in t.rows:
        cells = table.add_row().cells
        for cell, content in zip(cells, row, strict=True):
            _fill_cell(cell, content)
    for mark, runs in t.notes:
        paragraph = doc.add_paragraph(style="List Bullet")  # type: ignore[attr-defined]
        paragraph.add_run(mark + " ")
        _runs(paragraph, runs)
        paragraph.paragraph_format.space_after = Pt(2)


def render_docx(notice: Notice, now: datetime | None = None) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    # The document language, so Word checks the spelling in Norwegian for a Norwegian notice.
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), _LANGUAGE_TAGS.get(notice.language, notice.language))
    r_pr.append(lang)
    props = doc.core_properties
    props.title = notice.title
    props.language = _LANGUAGE_TAGS.get(notice.language, notice.language)
    if now is not None:
        props.created = props.modified = now
    for block in notice.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=max(0, block.level - 1))
        elif isinstance(block, Paragraph):
            _runs(doc.add_paragraph(), block.runs)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(doc.add_paragraph(style="List Bullet"), item)
        else:
            _table(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
