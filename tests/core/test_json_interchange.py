"""The JSON interchange: byte-identical round trips, and imports that validate everything first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from ropa_desktop.errors import ImportProblems
from ropa_desktop.interchange import json_format as jf
from ropa_desktop.store.register import RegisterFile
from tests.core.helpers import digest, make_register
from tests.core.strategies import register_document


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=register_document())
def test_export_import_export_is_byte_identical(tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any]) -> None:
    work = tmp_path_factory.mktemp("rt")
    with jf.import_document(doc, work / "a.ropa") as first:
        exported = jf.export_json(first)
    with jf.import_document(json.loads(exported), work / "b.ropa") as second:
        assert jf.export_json(second) == exported
    # Nothing of the input was lost on the way: same organisations, and within each register
    # (controller first, then processor) the activities in the order given.
    back = json.loads(exported)
    assert [o["name"] for o in back["organisations"]] == [o["name"] for o in doc["organisations"]]
    for given_org, got_org in zip(doc["organisations"], back["organisations"], strict=True):
        for kind in ("controller", "processor"):

            def ids(org: dict[str, Any], kind: str = kind) -> list[int]:
                return [a["id"] for a in org.get("activities", []) if a.get("register_kind", "controller") == kind]

            assert ids(got_org) == ids(given_org)


def test_export_is_stable_and_diff_friendly(tmp_path: Path) -> None:
    with RegisterFile.open(make_register(tmp_path / "r.ropa")) as reg:
        text = jf.export_json(reg)
        assert text == jf.export_json(reg)
    assert text.endswith("}\n")
    assert '\n  "organisations": [\n' in text  # two-space indentation, one value per line
    assert "Formål" in text  # UTF-8, not \\u escapes


def _doc(**activity: Any) -> dict[str, Any]:
    return {
        "format": "ropa-register",
        "version": 1,
        "organisations": [
            {
                "id": 1,
                "name": "ProMeister Solutions AS",
                "personal_data_categories": [{"id": 1, "name": "Navn"}],
                "activities": [{"id": n, "purpose": f"p{n}"} for n in range(1, 4)] + [{"id": 4, **activity}],
            }
        ],
    }


@pytest.mark.parametrize(
    ("activity", "problem"),
    [
        ({"legal_basis": ["g"]}, 'organisations[0].activities[3].legal_basis: unknown value "g"'),
        ({"personal_data": [7]}, "organisations[0].activities[3].personal_data: refers to id 7"),
        ({"last_reviewed": "27.05.2024"}, "organisations[0].activities[3].last_reviewed: expected a date"),
        ({"purpose": ["x"]}, "organisations[0].activities[3].purpose: expected text"),
        ({"colour": "red"}, "organisations[0].activities[3].colour: unknown field"),
        ({"id": 2}, "organisations[0].activities[3].id: id 2 is used twice"),
        ({"client_id": 3}, "organisations[0].activities[3].client_id: refers to id 3"),
    ],
)
def test_import_names_the_path_of_each_bad_field(tmp_path: Path, activity: dict[str, Any], problem: str) -> None:
    with pytest.raises(ImportProblems) as excinfo:
        jf.import_document(_doc(**activity), tmp_path / "x.ropa")
    assert any(p.startswith(problem) for p in excinfo.value.problems), excinfo.value.problems
    assert not (tmp_path / "x.ropa").exists()


def test_import_reports_every_problem_at_once(tmp_path: Path) -> None:
    doc = _doc(legal_basis=["g"], status="done", retention_duration="five")
    with pytest.raises(ImportProblems) as excinfo:
        jf.import_document(doc, tmp_path / "x.ropa")
    assert len(excinfo.value.problems) == 3


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "not valid JSON"),
        (b'{"format": "ropa-register", "version": 1, "organisations": [', "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"format": "spreadsheet"}', 'format: expected "ropa-register"'),
        (b'{"format": "ropa-register", "version": 9, "organisations": []}', "this program reads up to 2"),
        (b'{"format": "ropa-register", "version": 1, "organisations": [{"id": 1}]}', "name: a value is required"),
    ],
)
def test_malformed_json_files(tmp_path: Path, raw: bytes, problem: str) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(raw)
    with pytest.raises(ImportProblems) as excinfo:
        jf.import_json_file(source, tmp_path / "x.ropa")
    assert any(problem in p for p in excinfo.value.problems), excinfo.value.problems
    assert not (tmp_path / "x.ropa").exists()


def test_a_failed_import_over_an_existing_register_leaves_it_untouched(tmp_path: Path) -> None:
    target = make_register(tmp_path / "r.ropa")
    before = digest(target)
    with pytest.raises(ImportProblems):
        jf.import_document(_doc(legal_basis=["g"]), target, overwrite=True)
    assert digest(target) == before


def test_fingerprint_ignores_approvals_but_not_content(tmp_path: Path) -> None:
    from ropa_desktop.store import operations as ops

    with RegisterFile.open(make_register(tmp_path / "r.ropa")) as reg:
        first = jf.fingerprint(reg.snapshot().organisations[0])
        reg.apply(ops.Create("approval", {"organisation_id": 1, "version": 1, "fingerprint": first}))
        assert jf.fingerprint(reg.snapshot().organisations[0]) == first
        reg.apply(ops.Update("activity", 1, {"purpose": "Endret"}))
        assert jf.fingerprint(reg.snapshot().organisations[0]) != first
