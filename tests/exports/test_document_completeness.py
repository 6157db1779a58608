"""The complete art. 30 document: every required element the register holds is on paper, every missing one
is marked where it belongs.

For the three samples and for generated registers, the board PDF (read back with ``pdftotext``) and the
workbook (read back with calamine, a second reader) must contain every value of every art. 30 element, and a
"Not stated [rule id]" marker for every required element the checks find missing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from ropa_desktop.checks.engine import load_rules, run_checks
from ropa_desktop.domain import enums as e
from ropa_desktop.domain.gaps import Gaps
from ropa_desktop.domain.labels import label
from ropa_desktop.domain.register import OrganisationRegister, RegisterSnapshot
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.exports.xlsx_datatilsynet import export_datatilsynet_xlsx
from ropa_desktop.exports.xlsx_export import export_xlsx
from ropa_desktop.i18n import Translator, translator
from ropa_desktop.interchange import json_format
from ropa_desktop.resources import samples_dir
from tests.exports.conftest import pdf_text

SAMPLES = ["promeister-solutions", "mestergruppen", "proactima"]


def squashed(value: str) -> str:
    """Cells wrap anywhere (a long word too): compare without any whitespace."""
    return re.sub(r"\s+", "", value)


def required_values(org: OrganisationRegister, tr: Translator) -> list[tuple[str, str]]:
    """(where, text) for every value of every art. 30(1)/(2) element the register holds."""
    o = org.organisation
    out = [("organisation name", o.name)]
    out += [(f"organisation {k}", getattr(o, k)) for k in ("address", "dpo_name", "representative_name")]
    out.append(("joint controllers", o.joint_controllers))
    names: dict[str, dict[int, Any]] = {
        "data_subjects": org.data_subjects_by_id,
        "personal_data": org.personal_data_by_id,
        "sources": org.sources_by_id,
        "security_measures": org.security_measures_by_id,
    }
    for record in org.activities:
        a = record.activity
        where = f"activity {a.id}"
        out.append((f"{where} purpose", a.purpose))
        out += [(f"{where} processing", op) for op in a.operations]
        for key, ids in (
            ("data_subjects", record.data_subject_ids),
            ("personal_data", record.personal_data_ids),
            ("sources", record.source_ids),
            ("security_measures", record.security_measure_ids),
        ):
            out += [(f"{where} {key}", names[key][i].name) for i in ids if i in names[key]]
        out += [(f"{where} recipient", org.recipients_by_id[i].recipient.name) for i in record.recipient_ids]
        out += [(f"{where} legal basis", label(b, tr, e.LegalBasis)) for b in a.legal_basis]
        out.append((f"{where} retention", a.retention))
        if a.client_id in org.clients_by_id:
            out.append((f"{where} controller served", org.clients_by_id[a.client_id].name))
    for r in org.recipients:
        out.append((f"recipient {r.recipient.id}", r.recipient.name))
        if r.recipient.role != e.RecipientRole.PROCESSOR:
            out.append((f"recipient {r.recipient.id} purpose", r.recipient.purpose))
    for t in org.transfers:
        if t.country:
            out.append((f"transfer {t.id} country", tr.country_name(t.country)))
        if t.mechanism:
            out.append((f"transfer {t.id} mechanism", label(t.mechanism, tr, e.TransferMechanism)))
    out += [(f"security measure {m.id}", m.name) for m in org.security_measures]
    return [(where, value) for where, value in out if value and value.strip()]


def _empty(org: OrganisationRegister, entity: str, record_id: int, field: str) -> bool:
    if entity == "organisation":
        return not getattr(org.organisation, field)
    if entity == "activity":
        record = next(a for a in org.activities if a.activity.id == record_id)
        links = {"data_subjects": record.data_subject_ids, "personal_data": record.personal_data_ids}
        links |= {"security_measures": record.security_measure_ids}
        value: Any = links[field] if field in links else getattr(record.activity, field)
    elif entity == "recipient":
        value = getattr(org.recipients_by_id[record_id].recipient, field)
    else:
        value = getattr(next(t for t in org.transfers if t.id == record_id), field)
    return value is None or value == "" or value == []


def expected_gaps(snapshot: RegisterSnapshot, only: set[tuple[str, str]] | None = None) -> Counter[str]:
    """How many "Not stated" markers of each rule the document must show: one per missing required element
    (of the ``only`` fields a layout has a place for)."""
    counts: Counter[str] = Counter()
    for org in snapshot.organisations:
        findings = [f for f in run_checks(snapshot) if f.organisation_id == org.organisation.id]
        for (entity, record_id, field), rule_id in Gaps.of(findings).by_field.items():
            if (only is None or (entity, field) in only) and _empty(org, entity, record_id, field):
                counts[rule_id] += 1
    return counts


def datatilsynet_values(org: OrganisationRegister, tr: Translator) -> list[tuple[str, str]]:
    """The art. 30 elements Datatilsynet's templates have a column for (one row per activity)."""
    keep = ("organisation", "activity")
    dropped = ("sources",)  # the templates have no column for sources
    return [
        (where, value)
        for where, value in required_values(org, tr)
        if where.startswith(keep) and not any(d in where for d in dropped)
    ]


DATATILSYNET_GAPS = {("organisation", "address")} | {
    ("activity", f)
    for f in ("purpose", "data_subjects", "personal_data", "retention", "security_measures", "legal_basis", "client_id")
}


def workbook_text(path: Path) -> str:
    wb = CalamineWorkbook.from_path(str(path))
    cells = [
        str(v) for name in wb.sheet_names for row in wb.get_sheet_by_name(name).to_python() for v in row if v != ""
    ]
    return "\n".join(cells)


def assert_complete(
    snapshot: RegisterSnapshot,
    text: str,
    tr: Translator,
    face: str,
    values: Callable[[OrganisationRegister, Translator], list[tuple[str, str]]] = required_values,
    gaps: set[tuple[str, str]] | None = None,
    source: Callable[[str], str] = lambda rule_id: f"[{rule_id}]",
) -> None:
    """``source``: what follows the marker (the workbooks' rule id; the PDF's article, for the board)."""
    flat = squashed(text)
    for org in snapshot.organisations:
        missing = [(where, value) for where, value in values(org, tr) if squashed(value) not in flat]
        assert not missing, f"{face} lacks {missing[:5]}"
    marker = squashed(tr.gettext("Not stated"))
    for rule_id, count in expected_gaps(snapshot, gaps).items():
        shown = flat.count(marker + squashed(source(rule_id)))
        assert shown >= count, f"{face}: {shown} markers for {rule_id}, {count} elements missing"


def check_document(snapshot: RegisterSnapshot, tmp_path: Path, language: str) -> None:
    tr = translator(language)
    pdf, xlsx = tmp_path / "register.pdf", tmp_path / "register.xlsx"
    export_pdf(snapshot, pdf, tr, include_findings=False)  # no findings table: its rule ids would hide a gap
    rules = load_rules()
    assert_complete(snapshot, pdf_text(pdf), tr, "PDF", source=lambda rule_id: f"({rules[rule_id].article})")
    assert "missing]" not in pdf_text(pdf)  # no check id where the board reads
    export_xlsx(snapshot, xlsx, tr)
    assert_complete(snapshot, workbook_text(xlsx), tr, "workbook")
    regulator = tmp_path / "datatilsynet.xlsx"
    export_datatilsynet_xlsx(snapshot, regulator, tr)
    text = workbook_text(regulator)
    assert_complete(snapshot, text, tr, "Datatilsynet layout", datatilsynet_values, DATATILSYNET_GAPS)


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_required_element_of_a_sample_is_in_the_pdf_and_the_workbook(sample: str, tmp_path: Path) -> None:
    with json_format.import_json_file(samples_dir() / f"{sample}.json", tmp_path / f"{sample}.ropa") as register:
        snapshot = register.snapshot()
    check_document(snapshot, tmp_path, "nb")


# Generated registers: names a user writes (Norwegian letters, markup characters), required elements left out
# at random, recipients in and outside the EEA and in no recorded country.
_words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzæøåÆØÅ0123456789 &<>-.,"), min_size=1, max_size=24).filter(
    lambda s: s.strip() != ""
)
_maybe = st.one_of(st.just(""), _words)


def _subset(ids: list[int]) -> st.SearchStrategy[list[int]]:
    return st.lists(st.sampled_from(ids), unique=True, max_size=3) if ids else st.just([])


@st.composite
def registers(draw: st.DrawFn) -> dict[str, Any]:
    def named(prefix: str, count: int, **extra: st.SearchStrategy[Any]) -> list[dict[str, Any]]:
        return [{"id": i + 1, "name": draw(_words), **{k: draw(v) for k, v in extra.items()}} for i in range(count)]

    subjects = named("ds", draw(st.integers(0, 3)))
    categories = named("pd", draw(st.integers(0, 4)), special=st.booleans(), national_id=st.booleans())
    sources = named("src", draw(st.integers(0, 2)))
    measures = named("sm", draw(st.integers(0, 2)), applies_to_all=st.booleans())
    recipients = named(
        "rec",
        draw(st.integers(0, 4)),
        role=st.sampled_from([r.value for r in e.RecipientRole]),
        country=st.sampled_from(["", "NO", "SE", "US", "IN"]),
        purpose=_maybe,
        legal_basis=st.lists(st.sampled_from(["a", "b", "c", "f"]), unique=True, max_size=2),
        dpa_in_place=st.sampled_from([None, True, False]),
    )
    rec_ids = [r["id"] for r in recipients]
    transfers = [
        {
            "id": i + 1,
            "recipient_id": rid,
            "country": draw(st.sampled_from(["", "US", "IN"])),
            "mechanism": draw(st.sampled_from([None, "scc", "adequacy"])),
            "safeguards": draw(_maybe),
        }
        for i, rid in enumerate(draw(_subset(rec_ids)))
    ]
    activities = [
        {
            "id": i + 1,
            "purpose": draw(_maybe),
            "operations": draw(st.lists(_words, max_size=2)),
            "legal_basis": draw(st.lists(st.sampled_from(["a", "b", "c", "e", "f"]), unique=True, max_size=2)),
            "retention": draw(_maybe),
            "data_subjects": draw(_subset([s["id"] for s in subjects])),
            "personal_data": draw(_subset([c["id"] for c in categories])),
            "sources": draw(_subset([s["id"] for s in sources])),
            "recipients": draw(_subset(rec_ids)),
            "security_measures": draw(_subset([m["id"] for m in measures])),
        }
        for i in range(draw(st.integers(1, 4)))
    ]
    org = {
        "id": 1,
        "name": draw(_words),
        "address": draw(_maybe),
        "dpo_name": draw(_maybe),
        "representative_name": draw(_maybe),
        "joint_controllers": draw(_maybe),
        "data_subject_categories": subjects,
        "personal_data_categories": categories,
        "sources": sources,
        "recipients": recipients,
        "transfers": transfers,
        "security_measures": measures,
        "activities": activities,
    }
    return {"format": "ropa-register", "version": 1, "organisations": [org]}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=registers(), language=st.sampled_from(["nb", "en"]))
def test_every_required_element_of_a_generated_register_is_on_paper(
    document: dict[str, Any], language: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp_path = tmp_path_factory.mktemp("doc")
    with json_format.import_document(document, tmp_path / "generated.ropa") as register:
        snapshot = register.snapshot()
    check_document(snapshot, tmp_path, language)
