"""The board PDF's overview and data map pages (issue 18): every record of the map is printed, or folded
and counted; the pictures are vector drawings; the print-out still signs and verifies."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format
from ropa_desktop.overview.datamap import Layer, build_map
from ropa_desktop.overview.layout import layout
from ropa_desktop.overview.pages import split_map
from tests.exports.conftest import page_count, pdf_text, poppler
from tests.samples.conftest import SAMPLES, sample_path

COLUMNS = "Sources and data subjects Processing activities Recipients and processors Countries"


def _map_pages(pdf: Path) -> str:
    """The text of the data map's pages: the first page with the map's column titles and its parts."""
    pages = [pdf_text(pdf, n) for n in range(1, page_count(pdf) + 1)]
    first = next(i for i, text in enumerate(pages) if COLUMNS in text)
    last = first
    while last + 1 < len(pages) and re.search(r"Part \d+ of \d+", pages[last + 1]):
        last += 1
    return " ".join(pages[first : last + 1])


@pytest.mark.parametrize("name", SAMPLES)
def test_every_activity_recipient_and_country_is_on_the_map_pages(name: str, tmp_path: Path) -> None:
    with json_format.import_json_file(sample_path(name), tmp_path / f"{name}.ropa") as reg:
        snapshot = reg.snapshot()
    tr = translator("en")
    pdf = tmp_path / "board.pdf"
    export_pdf(snapshot, pdf, tr, today=date(2026, 11, 28))
    org = snapshot.organisations[0]
    text = _map_pages(pdf)
    names = [a.activity.purpose for a in org.activities] + [r.recipient.name for r in org.recipients]
    countries = {c.strip().upper() for r in org.recipients for c in [r.recipient.country] if c.strip()}
    countries |= {t.country.upper() for t in org.transfers if t.country}
    names += [tr.country_name(c) for c in countries]
    missing = [n for n in names if " ".join(n.split()) not in text]
    assert not missing, missing


def test_a_large_register_prints_a_summarised_map_that_says_how_many_it_folded(tmp_path: Path) -> None:
    from tests.benchmarks.synthetic import synthetic_document

    with json_format.import_document(synthetic_document(400), tmp_path / "big.ropa") as reg:
        snapshot = reg.snapshot()
    pdf = tmp_path / "big.pdf"
    export_pdf(snapshot, pdf, translator("en"), today=date(2026, 11, 28))
    text = _map_pages(pdf)
    assert "Summarised: 400 activities grouped by legal basis" in text
    m = build_map(snapshot.organisations[0], translator("en"))
    for node in m.layer(Layer.ACTIVITY):  # each group and its count
        assert " ".join(node.label.split()) in text


def test_a_map_taller_than_a_page_is_cut_into_parts_that_keep_every_node(tmp_path: Path) -> None:
    with json_format.import_json_file(sample_path("promeister-solutions"), tmp_path / "pm.ropa") as reg:
        org = reg.snapshot().organisations[0]
    lay = layout(build_map(org, translator("en")))
    parts = split_map(lay, 300.0)
    assert len(parts) > 1
    assert all(p.of == len(parts) for p in parts)
    seen = {n.key for p in parts for n in p.layout.map.nodes}
    assert seen == {n.key for n in lay.map.nodes}
    # every activity on exactly one part, in the map's order
    activities = [k for p in parts for k in p.layout.order[Layer.ACTIVITY]]
    assert activities == lay.order[Layer.ACTIVITY]
    # an edge drawn on a part joins two nodes of that part, and is an edge of the whole map
    whole = {(e.source, e.target) for e in lay.map.edges}
    for p in parts:
        keys = {n.key for n in p.layout.map.nodes}
        assert all(e.source in keys and e.target in keys and (e.source, e.target) in whole for e in p.layout.map.edges)


def test_the_pictures_are_vector_drawings(tmp_path: Path) -> None:
    """No raster image anywhere in the print-out: the overview and the map are paths and text.
    (The signing tests in tests/signing export the same print-out, pages included, and verify it.)"""
    with json_format.import_json_file(sample_path("promeister-solutions"), tmp_path / "pm.ropa") as reg:
        snapshot = reg.snapshot()
    pdf = tmp_path / "board.pdf"
    export_pdf(snapshot, pdf, translator("nb"), today=date(2026, 11, 28))
    listed = subprocess.run([poppler("pdfimages"), "-list", str(pdf)], check=True, capture_output=True, text=True)
    assert len(listed.stdout.strip().splitlines()) == 2  # the heading lines only
    text = pdf_text(pdf)
    assert "Oversikt" in text and "Datakart" in text
