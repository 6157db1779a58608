"""Page breaks of the board PDF: a section heading never ends a page, away from what it heads.

Each section below starts with a row taller than the room the section asks for before it starts (its
``CondPageBreak``), and the purpose table before them grows one row at a time, so every heading comes to
stand near a page foot in one of the print-outs. Each heading is then found on its page with PDFium
(pypdfium2, the app's own print engine), and some text of the section must stand below it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdfium2
import pytest

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord, RegisterSnapshot
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import translator

FOOTER_BAND = 36.0  # points from the page's lower edge: the page number line, not content


def tall(words: int, prefix: str) -> str:
    """A text that makes a row far taller than the 40–60 mm a section reserves before its heading."""
    return " ".join(f"{prefix}{i}" for i in range(words))


def register(fillers: int) -> RegisterSnapshot:
    """A register with every section of the print-out, each opened by a tall row; ``fillers`` one-line rows
    lengthen the purpose table, which moves every later heading down the page."""
    org = OrganisationRegister(
        m.Organisation(id=1, name="Sideskift AS", orgnr="917100462", address="Gate 1, 0150 Oslo", email="a@b.no")
    )
    org.personal_data.append(m.PersonalDataCategory(id=1, organisation_id=1, name="Navn"))
    for i in range(fillers):
        org.activities.append(
            ActivityRecord(
                m.ProcessingActivity(
                    id=100 + i, organisation_id=1, position=i, purpose=f"Fyll {i}", legal_basis=["b"], retention="1 år"
                ),
                personal_data_ids=[1],
            )
        )
    screened = m.ProcessingActivity(
        id=1,
        organisation_id=1,
        position=fillers,
        purpose="Kameraovervåking",
        legal_basis=["f"],
        balancing_test="Vurdert",
        retention="30 dager",
        dpia_need=e.DpiaNeed.NEEDED,
        dpia_need_reason=tall(140, "dpia"),
    )
    on_behalf = m.ProcessingActivity(
        id=2, organisation_id=1, position=fillers + 1, purpose=tall(150, "oppdrag"), register_kind="processor"
    )
    org.activities += [ActivityRecord(screened, personal_data_ids=[1]), ActivityRecord(on_behalf)]
    roles = (
        (e.RecipientRole.INDEPENDENT_CONTROLLER, "NO"),
        (e.RecipientRole.PUBLIC_AUTHORITY, "NO"),
        (e.RecipientRole.PROCESSOR, "US"),
    )
    for rid, (role, country) in enumerate(roles, start=1):
        org.recipients.append(
            RecipientRecord(
                m.Recipient(
                    id=rid,
                    organisation_id=1,
                    name=f"Mottaker {rid}",
                    role=role,
                    country=country,
                    service="IT",
                    purpose=tall(150, f"formaal{rid}_"),
                    description=tall(150, f"beskrivelse{rid}_"),
                    legal_basis=["c"],
                    dpa_in_place=True,
                ),
                personal_data_ids=[1],
            )
        )
    org.transfers.append(
        m.Transfer(id=1, organisation_id=1, recipient_id=3, country="US", mechanism="scc", safeguards=tall(150, "t"))
    )
    org.security_measures.append(
        m.SecurityMeasure(id=1, organisation_id=1, kind="encryption", name="Kryptering", description=tall(200, "k"))
    )
    org.change_log.append(m.ChangeLogEntry(id=1, organisation_id=1, when=date(2026, 1, 5), text=tall(250, "endring")))
    org.approvals.append(m.Approval(id=1, organisation_id=1, version=1, approved_on=date(2026, 1, 6)))
    return RegisterSnapshot([org], 3)


@dataclass
class Stranded:
    page: int
    heading: str


def stranded_headings(pdf: Path) -> tuple[list[Stranded], int]:
    """Headings (the PDF's outline entries) with no text below them on their page; and how many were looked at."""
    doc = pypdfium2.PdfDocument(str(pdf))
    out: list[Stranded] = []
    entries = [(b.get_title(), b.get_dest()) for b in doc.get_toc()]
    for title, dest in entries:
        assert dest is not None
        index = dest.get_index()
        assert index is not None
        page = doc[index]
        text = page.get_textpage()
        matches: list[tuple[int, int]] = []
        search = text.search(title, match_case=True)
        while (found := search.get_next()) is not None:
            matches.append(found)
        assert matches, (index + 1, title)

        def size(match: tuple[int, int], text: pypdfium2.PdfTextPage = text) -> float:
            _left, bottom, _right, top = text.get_charbox(match[0])
            return float(top - bottom)

        start, count = max(matches, key=size)  # the heading is the biggest type with these words
        bottom = min(text.get_charbox(i)[1] for i in range(start, start + count))
        below = any(
            FOOTER_BAND < text.get_charbox(i)[3] < bottom - 1
            for i in range(text.count_chars())
            if not start <= i < start + count and text.get_text_range(i, 1).strip()
        )
        if not below:
            out.append(Stranded(index + 1, title))
    return out, len(entries)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_no_page_ends_with_a_section_heading(tmp_path: Path, language: str) -> None:
    tr = translator(language)
    looked_at = 0
    problems: dict[int, list[Stranded]] = {}
    for fillers in range(0, 26, 3):  # a filler row is about 22 pt: every heading crosses a page foot
        out = tmp_path / f"breaks-{fillers}.pdf"
        export_pdf(register(fillers), out, tr, include_findings=True)
        stranded, headings = stranded_headings(out)
        looked_at += headings
        if stranded:
            problems[fillers] = stranded
    assert looked_at >= 9 * 12  # every print-out has its dozen headings, found in the outline
    assert not problems
