"""Export → import → export gives the same register, for generated registers."""

from __future__ import annotations

import itertools
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from ropa_desktop.domain import enums as e
from ropa_desktop.exports.xlsx import export_xlsx, import_xlsx_file
from ropa_desktop.i18n import translator
from tests.exports.xlsx.conftest import import_doc
from tests.exports.xlsx.test_xlsx_import import register_document

# Text as users type it, plus the strings a spreadsheet is tempted to interpret.
_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="•")
TEXT = st.one_of(
    st.text(_CHARS, max_size=12),
    st.sampled_from(["=1+1", "+47 22 00 00 00", "-", "@x", "#N/A", "0012", "1e5", "TRUE", "2024-01-01", "a\nb", "\tx"]),
)
ITEM = st.text(_CHARS, min_size=1, max_size=10).filter(lambda s: not s.startswith("• "))
NAME = st.sampled_from(["Navn", "Kontaktinformasjon", "Navn (special category)", "", "Æøå", "=A1"])
COUNTRY = st.sampled_from(["", "NO", "SE", "US", "IN", "GB", "JP"])
DATES = st.one_of(st.none(), st.dates().filter(lambda d: d.year >= 1901))


def _letters(enum: type[StrEnum]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from([m.value for m in enum]), unique=True, max_size=3)


def _one(enum: type[StrEnum]) -> st.SearchStrategy[str]:
    return st.sampled_from([m.value for m in enum])


@st.composite
def organisation(draw: st.DrawFn, ids: Any) -> dict[str, Any]:
    def new_id(counter: str) -> int:
        number: int = next(ids[counter])
        return number

    def named(counter: str, n: int, **extra: Any) -> list[dict[str, Any]]:
        return [{"id": new_id(counter), "name": draw(NAME), **{k: draw(v) for k, v in extra.items()}} for _ in range(n)]

    subjects = named("subject", draw(st.integers(0, 2)), description=TEXT)
    data = named(
        "data", draw(st.integers(0, 3)), special=st.booleans(), criminal=st.booleans(), national_id=st.booleans()
    )
    sources = named("source", draw(st.integers(0, 2)), description=TEXT)
    measures = named("measure", draw(st.integers(0, 2)), kind=_one(e.SecurityMeasureKind), applies_to_all=st.booleans())
    clients = named("client", draw(st.integers(0, 2)), orgnr=TEXT, country=COUNTRY, dpo=TEXT)

    def some(records: list[dict[str, Any]]) -> list[int]:
        return draw(st.lists(st.sampled_from([r["id"] for r in records]), unique=True)) if records else []

    recipients = named(
        "recipient",
        draw(st.integers(0, 3)),
        role=_one(e.RecipientRole),
        country=COUNTRY,
        service=TEXT,
        purpose=TEXT,
        legal_basis=_letters(e.LegalBasis),
        balancing_test=TEXT,
        dpa_in_place=st.one_of(st.none(), st.booleans()),
        dpa_date=DATES,
    )
    for r in recipients:
        r["personal_data"] = some(data)
    transfers = [
        {
            "id": new_id("transfer"),
            "recipient_id": draw(st.one_of(st.none(), st.sampled_from([r["id"] for r in recipients])))
            if recipients
            else None,
            "country": draw(COUNTRY),
            "mechanism": draw(st.one_of(st.none(), _one(e.TransferMechanism))),
            "dpf_certified": draw(st.booleans()),
            "safeguards": draw(TEXT),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    activities = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(_one(e.RegisterKind))
        activity = {
            "id": new_id("activity"),
            "register_kind": kind,
            "purpose": draw(TEXT),
            "operations": draw(st.lists(ITEM, max_size=3)),
            "legal_basis": draw(_letters(e.LegalBasis)),
            "legal_basis_note": draw(TEXT),
            "balancing_test": draw(TEXT),
            "special_condition": draw(st.one_of(st.none(), _one(e.SpecialCategoryCondition))),
            "retention": draw(TEXT),
            "retention_duration": draw(st.one_of(st.none(), st.integers(0, 10_000))),
            "retention_unit": draw(st.one_of(st.none(), _one(e.DurationUnit))),
            "retention_trigger": draw(st.one_of(st.none(), _one(e.RetentionTrigger))),
            "dpia_need": draw(_one(e.DpiaNeed)),
            "dpia_criteria": draw(_letters(e.DpiaCriterion)),
            "status": draw(_one(e.ActivityStatus)),
            "last_reviewed": draw(DATES),
            "notes": draw(TEXT),
            "data_subjects": some(subjects),
            "personal_data": some(data),
            "sources": some(sources),
            "recipients": some(recipients),
            "security_measures": some(measures),
        }
        if kind == e.RegisterKind.PROCESSOR and clients:
            activity["client_id"] = draw(st.one_of(st.none(), st.sampled_from([c["id"] for c in clients])))
        activities.append({k: v for k, v in activity.items() if v is not None})
    return {
        "id": new_id("organisation"),
        "name": draw(st.text(_CHARS, min_size=1, max_size=12).filter(str.strip)),
        "orgnr": draw(TEXT),
        "country": draw(COUNTRY),
        "dpo_name": draw(TEXT),
        "is_processor": draw(st.booleans()),
        "data_subject_categories": subjects,
        "personal_data_categories": data,
        "sources": sources,
        "recipients": [{k: v for k, v in r.items() if v is not None} for r in recipients],
        "transfers": [{k: v for k, v in t.items() if v is not None} for t in transfers],
        "security_measures": measures,
        "processor_clients": clients,
        "activities": activities,
        "change_log": [{"id": new_id("log"), "when": d, "text": draw(TEXT)} for d in draw(st.lists(DATES, max_size=2))],
    }


@st.composite
def registers(draw: st.DrawFn) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    counters = ("organisation", "subject", "data", "source", "measure", "client", "recipient", "transfer", "activity")
    for kind in (*counters, "log"):
        ids[kind] = itertools.count(draw(st.integers(1, 5)))
    orgs = [draw(organisation(ids)) for _ in range(draw(st.integers(1, 2)))]
    for org in orgs:
        for log in org["change_log"]:
            if log["when"] is None:
                del log["when"]
    return {"format": "ropa-register", "version": 1, "organisations": orgs}


def _cells(path: Path) -> dict[str, list[list[Any]]]:
    wb = CalamineWorkbook.from_path(str(path))
    sheets = {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}
    for name, rows in sheets.items():
        if name.endswith("Organisation"):
            sheets[name] = rows[:-1]  # the export date
    return sheets


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=registers(), language=st.sampled_from(["en", "nb"]))
def test_export_import_export_gives_the_same_register(doc: dict[str, Any], language: str) -> None:
    tr = translator(language)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        with import_doc(doc, tmp_path / "a.ropa") as original:
            export_xlsx(original.snapshot(), tmp_path / "a.xlsx", tr)
            expected = register_document(original)
        with import_xlsx_file(tmp_path / "a.xlsx", tmp_path / "b.ropa") as back:
            assert register_document(back) == expected
            export_xlsx(back.snapshot(), tmp_path / "b.xlsx", tr)
        assert _cells(tmp_path / "b.xlsx") == _cells(tmp_path / "a.xlsx")
