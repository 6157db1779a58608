"""Very long fields in the board PDF: cut into rows that fit a page, nothing lost (issue 11 items 9 and 14).

Speed is measured by tests/benchmarks/bench_pdf_long_fields.py; these tests check the layout.
"""

from __future__ import annotations

import re
from pathlib import Path

from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RegisterSnapshot
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.exports.pdf_flowables import LongText, cut_text, expand_rows
from ropa_desktop.exports.pdf_sections import Styles, text
from ropa_desktop.i18n import translator
from tests.exports.conftest import page_count, pdf_text

EN = translator("en")


def numbered(count: int, prefix: str) -> str:
    """Words that say where they stand, with a paragraph break now and then."""
    return " ".join(f"{prefix}{i:06d}" + ("\n" if i % 500 == 499 else "") for i in range(count))


def snapshot(name: str, purpose: str) -> RegisterSnapshot:
    org = OrganisationRegister(m.Organisation(id=1, name=name, orgnr="917100462"))
    activity = m.ProcessingActivity(id=1, organisation_id=1, position=0, purpose=purpose, legal_basis=["b"])
    org.activities.append(ActivityRecord(activity))
    return RegisterSnapshot([org], 1)


MAP_COLUMNS = "Sources and data subjects Processing activities Recipients and processors Countries"


def words(pdf: Path, prefix: str) -> list[int]:
    """The numbered words in print order, leaving out the data map's page (issue 18), whose node shows the
    first lines of the purpose."""
    text = pdf_text(pdf)
    start = text.find(MAP_COLUMNS)
    if start >= 0:
        end = text.find("Page ", start)
        text = text[:start] + text[end:]
    return [int(w) for w in re.findall(rf"{prefix}(\d{{6}})", text)]


def test_a_field_of_100000_characters_prints_every_word_in_order(tmp_path: Path) -> None:
    purpose = numbered(11_000, "w")  # 88,000 characters
    out = tmp_path / "long.pdf"
    export_pdf(snapshot("Eksempel AS", purpose), out, EN, include_findings=False)
    assert words(out, "w") == list(range(11_000))
    assert page_count(out) > 20


def test_a_40000_character_organisation_name_prints_whole(tmp_path: Path) -> None:
    name = numbered(5_000, "n")  # 40,000 characters
    out = tmp_path / "name.pdf"
    export_pdf(snapshot(name, "Kundeoppfølging"), out, EN, include_findings=False)
    found = words(out, "n")
    # The cover, the facts table and the approval text each print the whole name; the page header a start.
    assert found.count(4_999) >= 3
    assert set(found) == set(range(5_000))


def test_long_cells_become_rows_of_bounded_size() -> None:
    value = numbered(20_000, "w")
    pieces = cut_text(value, 1_000)
    assert "".join(p if p.endswith(" ") else p + "\n" for p in pieces).split() == value.split()
    assert max(len(p) for p in pieces) <= 1_000
    cell = LongText(value, Styles.cell, text)
    rows, continued = expand_rows([[cell, "short"]], [200.0, 100.0])
    assert len(rows) > 20
    assert continued == set(range(1, len(rows)))
    assert rows[0][1] == ["short"] and all(r[1] == "" for r in rows[1:])
