"""The notice as a Word document (DOCX) through python-docx, for users who edit it in Word.

Real Word headings (the built-in Title / Heading 1 / Heading 2 styles, so the
navigation pane and a table of contents work), real tables in the built-in
"Table Grid" style with a header row that repeats on each page, and bulleted
lists in the built-in "List Bullet" style; A4 pages, document language set so
Word checks Norwegian spelling.

Footnotes: python-docx has no footnote API, and a notice's balancing tests
belong under the table they explain (as the published notices print them), so
they are emulated: the superscript mark (¹ ² ³) after the legal basis and the
notes as a list right under the table. Gaps are bold and highlighted yellow.

Tables are written as WordprocessingML directly (one ``parse_xml`` per table):
python-docx's cell and paragraph objects cost about 40 ms per purpose row,
38 s for a 1,000-activity register (measured), against milliseconds this way.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from ropa_desktop.notice.document import Bullets, Cell, Heading, Inline, Notice, Paragraph, Run, Table
from ropa_desktop.notice.document import printable as clean

_LANGUAGE_TAGS = {"nb": "nb-NO", "en": "en-GB"}
# The built-in styles of python-docx's default template (checked in render_docx).
BULLET_STYLE_ID = "ListBullet"
TABLE_STYLE_ID = "TableGrid"
TABLE_FONT = '<w:sz w:val="18"/><w:szCs w:val="18"/>'  # half-points
_TEXT_WIDTH_TWIPS = 9638  # A4 less two 2 cm margins


# --------------------------------------------------------------------------- paragraphs (python-docx)


def _runs(paragraph: DocxParagraph, runs: Inline) -> None:
    for r in runs:
        run = paragraph.add_run(clean(r.text))
        if r.bold or r.gap:
            run.bold = True
        if r.gap:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _bullet(paragraph: DocxParagraph) -> DocxParagraph:
    # The style id directly: assigning a style by name makes python-docx scan every style per paragraph.
    paragraph._p.style = BULLET_STYLE_ID
    return paragraph


# --------------------------------------------------------------------------- tables (WordprocessingML)


def _run_xml(text: str, *, bold: bool = False, gap: bool = False) -> str:
    # 9 pt in tables: five columns on a portrait A4 page need it.
    props = ("<w:b/>" if bold or gap else "") + ('<w:highlight w:val="yellow"/>' if gap else "") + TABLE_FONT
    props = f"<w:rPr>{props}</w:rPr>"
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(clean(text))}</w:t></w:r>'


def _paragraph_xml(runs: Inline, *, bullet: bool = False) -> str:
    # Bullets in a cell hang at 3 mm instead of the style's 6 mm, leaving the narrow column its text.
    style = (
        f'<w:pPr><w:pStyle w:val="{BULLET_STYLE_ID}"/><w:ind w:left="170" w:hanging="170"/></w:pPr>' if bullet else ""
    )
    return f"<w:p>{style}{''.join(_run_xml(r.text, bold=r.bold, gap=r.gap) for r in runs)}</w:p>"


def _cell_xml(content: Cell, width: int) -> str:
    paragraphs = []
    for block in content:
        if isinstance(block, Paragraph):
            paragraphs.append(_paragraph_xml(block.runs))
        else:
            paragraphs.extend(_paragraph_xml(item, bullet=True) for item in block.items)
    body = "".join(paragraphs) or "<w:p/>"  # a cell must hold a paragraph
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def _table_xml(t: Table) -> str:
    width = _TEXT_WIDTH_TWIPS // max(1, len(t.headers))
    header = "".join(_cell_xml([Paragraph(_bold(h))], width) for h in t.headers)
    rows = "".join("<w:tr>" + "".join(_cell_xml(c, width) for c in row) + "</w:tr>" for row in t.rows)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in t.headers)
    return (
        f"<w:tbl {nsdecls('w')}>"
        f'<w:tblPr><w:tblStyle w:val="{TABLE_STYLE_ID}"/><w:tblW w:w="{width * len(t.headers)}" w:type="dxa"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" '
        'w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f'<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>{header}</w:tr>{rows}</w:tbl>'
    )


def _bold(text: str) -> Inline:
    return [Run(text, bold=True)]


# --------------------------------------------------------------------------- the document


def render_docx(notice: Notice, now: datetime | None = None) -> bytes:
    doc = Document()
    assert doc.styles["List Bullet"].style_id == BULLET_STYLE_ID
    assert doc.styles["Table Grid"].style_id == TABLE_STYLE_ID
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    language = _LANGUAGE_TAGS.get(notice.language, notice.language)
    # The document language, so Word checks the spelling in Norwegian for a Norwegian notice.
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    normal.element.get_or_add_rPr().append(lang)
    props = doc.core_properties
    props.title = clean(notice.title)
    props.language = language
    if now is not None:
        props.created = props.modified = now
    body = doc.element.body
    for block in notice.blocks:
        if isinstance(block, Heading):
            doc.add_heading(clean(block.text), level=max(0, block.level - 1))
        elif isinstance(block, Paragraph):
            _runs(doc.add_paragraph(), block.runs)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(_bullet(doc.add_paragraph()), item)
        else:
            body._insert_tbl(parse_xml(_table_xml(block)))
            for mark, runs in block.notes:
                paragraph = _bullet(doc.add_paragraph())
                paragraph.add_run(mark + " ")
                _runs(paragraph, runs)
                paragraph.paragraph_format.space_after = Pt(2)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
