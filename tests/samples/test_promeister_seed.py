"""The ProMeister sample against the notice it is built from: no row, item or category may go missing.

The seed is the text extraction of the published notice: tab-separated table rows whose cells hold
``<ul>`` bullet lists (with or without "•" bullets), rows split by page breaks, footnotes ¹ ² ³.
The parser below reads it the way the sample was built, so a row dropped from the sample, an item left
out of a cell, or a category not linked to its activity fails here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.domain.models import PersonalDataCategory
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister
from tests.samples.conftest import load_sample
from tests.seeds import seed_notice

PURPOSE_HEADER = "Formål\tBehandling\tKategorier av personopplysninger\tRettslig grunnlag\tLagringstid"
SHARING_HEADER = "Kategori av personopplysningsansvarlig\tFormål\tKategorier av personopplysninger\tRettslig grunnlag"
BASIS_LETTERS = {
    "Oppfylle avtale": "b",
    "Samtykke": "a",
    "Berettiget interesse": "f",
    "Tredjeparts berettigete interesse": "f",
}
FOOTNOTE_MARKS = "¹²³"
# Spellings the sample normalises: one category, one name (docs/samples.md says why).
SPELLING = {
    "Kontakinformasjon": "Kontaktinformasjon",
    "Adresse og kontakinformasjon": "Adresse og kontaktinformasjon",
    "Testresultat": "Testresultater",
}
# The one retention text the sample corrects; the activity's notes keep the original.
RETENTION_CORRECTIONS = {
    "1 5 år og deretter inntil bruker/konto blir inaktiv": "I 5 år og deretter inntil bruker/konto blir inaktiv"
}
NORWEGIAN_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ]
    )
}


def _flat(cell: str) -> str:
    """A cell's text without list markup or bullets, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", cell).replace("•", " ")
    return " ".join(text.split())


def _items(cell: str) -> list[str]:
    """The bullet items of a cell that uses "•" bullets."""
    text = re.sub(r"<[^>]+>", " ", cell)
    return [" ".join(part.split()) for part in text.split("•") if part.strip()]


def _category(item: str) -> str:
    item = item.replace("(se nedenfor om særskilte personopplysninger)", "").strip()
    return SPELLING.get(item, item)


@dataclass
class PurposeRow:
    purpose: str
    operations: str  # flattened
    categories: str  # flattened
    basis: str
    retention: str


def _table_rows(text: str, header: str) -> list[list[str]]:
    """Rows of every occurrence of a table (it repeats its header after each page break)."""
    rows: list[list[str]] = []
    lines = text.splitlines()
    inside = False
    for line in lines:
        if line == header:
            inside = True
            continue
        if inside and "\t" in line:
            rows.append(line.split("\t"))
        elif inside and line.strip() and "\t" not in line:
            inside = False
    return rows


def purpose_rows(text: str) -> list[PurposeRow]:
    rows: list[PurposeRow] = []
    for cells in _table_rows(text, PURPOSE_HEADER):
        cells = [*cells, "", "", "", ""][:5]
        if not cells[0].strip():
            # A page break split the row: the fragment continues the last row before the break.
            previous = rows[-1]
            previous.operations = " ".join(filter(None, [previous.operations, _flat(cells[1])]))
            previous.categories = " ".join(filter(None, [previous.categories, _flat(cells[2])]))
            continue
        rows.append(PurposeRow(cells[0].strip(), _flat(cells[1]), _flat(cells[2]), cells[3].strip(), cells[4].strip()))
    return rows


def footnotes(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"^- ([¹²³]) (.+)$", text, re.MULTILINE)}


@pytest.fixture
def seed() -> str:
    return seed_notice("promeister-solutions").read_text(encoding="utf-8")


@pytest.fixture
def org(tmp_path: Path) -> OrganisationRegister:
    return load_sample("promeister-solutions", tmp_path)


def _activity(org: OrganisationRegister, purpose: str) -> ActivityRecord:
    found = [a for a in org.activities if a.activity.purpose == purpose]
    assert found, f"purpose row missing from the sample: {purpose!r}"
    return found[0]


def _basis(cell: str) -> tuple[list[str], str]:
    mark = next((c for c in cell if c in FOOTNOTE_MARKS), "")
    label = cell.replace(mark, "").strip()
    return ([BASIS_LETTERS[label]] if label in BASIS_LETTERS else []), mark


def test_parser_sees_the_whole_purpose_table(seed: str) -> None:
    rows = purpose_rows(seed)
    assert len(rows) == 10
    # The page-break fragment ("Testresultat") joins the course-history row, the last before the break.
    history = next(r for r in rows if r.purpose == "Gi oversikt over kurs-historikk")
    assert history.categories.endswith("Kurshistorikk Testresultat")


def test_every_purpose_row_is_an_activity_with_its_cells(seed: str, org: OrganisationRegister) -> None:
    notes = footnotes(seed)
    names = org.personal_data_by_id
    for row in purpose_rows(seed):
        record = _activity(org, row.purpose)
        act = record.activity
        assert " ".join(act.operations) == row.operations, row.purpose
        linked = " ".join(names[i].name for i in record.personal_data_ids)
        if row.categories.startswith("Se kategorier"):
            assert record.personal_data_ids, row.purpose  # taken from the sharing table, tested below
        else:
            expected = " ".join(_category(i) for i in _split_categories(row.categories, names))
            assert linked == expected, row.purpose
        letters, mark = _basis(row.basis)
        if letters:
            assert set(letters) <= set(act.legal_basis), row.purpose
        else:
            assert act.legal_basis_note.startswith(row.basis), row.purpose
        if mark:
            assert act.balancing_test == notes[mark], row.purpose
        expected_retention = RETENTION_CORRECTIONS.get(row.retention, row.retention)
        assert act.retention == expected_retention, row.purpose
        if expected_retention != row.retention:
            assert row.retention.split(" og ")[0] in act.notes  # the correction is documented on the record


def _split_categories(flat: str, names: dict[int, PersonalDataCategory]) -> list[str]:
    """Split a flattened category cell into items by the longest known category names."""
    known = sorted(
        {c.name for c in names.values()}
        | set(SPELLING)
        | {
            "Fødselsnummer (se nedenfor om særskilte personopplysninger)",
            "Allergier (se nedenfor om særskilte personopplysninger)",
        },
        key=len,
        reverse=True,
    )
    items: list[str] = []
    rest = flat
    while rest:
        match = next((k for k in known if rest == k or rest.startswith(k + " ")), None)
        assert match is not None, f"category not in the sample: {rest!r}"
        items.append(match)
        rest = rest[len(match) :].strip()
    return items


def test_special_categories_and_national_id(seed: str, org: OrganisationRegister) -> None:
    by_name = {c.name: c for c in org.personal_data}
    assert by_name["Allergier"].special and not by_name["Allergier"].national_id
    assert by_name["Fødselsnummer"].national_id and not by_name["Fødselsnummer"].special
    fnr = by_name["Fødselsnummer"].id
    justification = "Fødselsnummeret kan bare brukes når det er saklig behov for sikker identifisering av en person"
    assert justification in seed
    for a in org.activities:
        if fnr in a.personal_data_ids:
            assert justification in a.activity.national_id_justification, a.activity.purpose


def test_every_independent_controller_row_is_a_recipient(seed: str, org: OrganisationRegister) -> None:
    rows = _table_rows(seed, SHARING_HEADER)
    assert len(rows) == 5
    notes = footnotes(seed)
    recipients = {r.recipient.name: r for r in org.recipients}
    names = org.personal_data_by_id
    for cells in rows:
        name, purpose, categories, basis = (c.strip() for c in cells)
        assert name in recipients, f"independent controller missing: {name!r}"
        record = recipients[name]
        rec = record.recipient
        assert rec.role == "independent_controller"
        assert rec.purpose == purpose
        assert [names[i].name for i in record.personal_data_ids] == [_category(i) for i in _items(categories)]
        letters, mark = _basis(basis)
        assert rec.legal_basis == letters
        assert rec.balancing_test == (notes[mark] if mark else "")
        if basis.startswith("Tredjeparts"):
            assert rec.legal_basis_note == "Tredjeparts berettigete interesse"  # a third party's interest, as written


def test_processors_by_service_and_sources(seed: str, org: OrganisationRegister) -> None:
    processors = {r.recipient.service: r.recipient for r in org.recipients if r.recipient.role == "processor"}
    section = seed.split("Våre databehandlere hjelper oss med:")[1].split("Selskaper som er selvstendige")[0]
    listed = re.findall(r"^- \*\*(.+?)\*\* \((.+)\)$", section, re.MULTILINE)
    assert len(listed) == 7
    for service, description in listed:
        assert service in processors, f"processor service missing: {service!r}"
        assert processors[service].description == description
        assert processors[service].dpa_in_place is True
    sources = {s.name: s.description for s in org.sources}
    section = seed.split("Personopplysninger vi får fra tredjepart:")[1].split("Til hvilke formål")[0]
    listed = re.findall(r"^- \*\*(.+?):\*\* (.+)$", section, re.MULTILINE)
    assert len(listed) == 4
    for name, supplies in listed:
        assert sources.get(name) == supplies, name


def test_change_table_is_the_change_log(seed: str, org: OrganisationRegister) -> None:
    table = seed.split("Når\tHva")[1]
    expected = []
    for when, what in re.findall(r"^(\d+\.\s*\w+ \d{4})\t(.+)$", table, re.MULTILINE):
        day, month, year = re.match(r"(\d+)\.\s*(\w+) (\d{4})", when).groups()  # type: ignore[union-attr]
        expected.append((date(int(year), NORWEGIAN_MONTHS[month.lower()], int(day)), what.strip()))
    assert len(expected) == 3
    assert [(c.when, c.text) for c in org.change_log] == expected


def test_controller_identity_and_contact(seed: str, org: OrganisationRegister) -> None:
    o = org.organisation
    assert f"organisasjonsnummer {o.orgnr}" in seed
    assert o.address in seed
    assert o.email in seed
    subjects = {s.name for s in org.data_subjects}
    assert {"Kunder", "Kursdeltakere", "Leverandører"} <= subjects


def test_vendored_seed_is_the_shared_one() -> None:
    from tests.seeds import SEED_FILES, VENDORED_SEEDS, shared_seeds

    shared = shared_seeds()
    if shared is None:
        pytest.skip("../shared/seeds is not beside this checkout (set ROPA_SEEDS)")
    name = SEED_FILES["promeister-solutions"]
    assert (VENDORED_SEEDS / name).read_bytes() == (shared / name).read_bytes()
