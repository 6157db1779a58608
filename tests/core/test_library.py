"""Templates of standard activities, and activities duplicated, copied and moved (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.cli import main
from ropa_desktop.errors import ImportProblems
from ropa_desktop.interchange import json_format
from ropa_desktop.interchange import templates as tl
from ropa_desktop.interchange import transplant as tp
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile

REPO = Path(__file__).resolve().parents[2]
STABLE_IDS = [
    "payroll",
    "accounting",
    "customers",
    "newsletter",
    "recruitment",
    "website",
    "cctv",
    "access-control",
    "customer-service",
]


def _org(register: RegisterFile, index: int = 0) -> dict[str, Any]:
    return json_format.organisation_document(register.snapshot().organisations[index])


def _comparable(org: dict[str, Any]) -> list[dict[str, Any]]:
    """Each activity with its links replaced by the names they point at (ids differ between registers)."""
    sections = {key: {r["id"]: r["name"] for r in org.get(section, [])} for key, _e, _l, section in tp.ACTIVITY_LISTS}
    out = []
    for a in org.get("activities", []):
        row = {k: v for k, v in a.items() if k not in ("id", "client_id")}
        for key in sections:
            row[key] = [sections[key][i] for i in a.get(key, [])]
        out.append(row)
    return out


# --------------------------------------------------------------------------- the shipped library


def test_the_shipped_library_has_the_stable_ids_in_both_languages() -> None:
    library = tl.shipped_library()
    assert [t.id for t in library] == STABLE_IDS
    for t in library:
        assert t.title_in("nb") != t.title_in("en"), t.id
        nb = tl.localise(dict(t.activity), "nb")
        en = tl.localise(dict(t.activity), "en")
        assert nb["purpose"] and en["purpose"] and nb["purpose"] != en["purpose"], t.id


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_register_of_every_template_checks_with_no_errors(lang: str, register: RegisterFile) -> None:
    register.apply(tl.add_templates(register, 1, tl.shipped_library(), lang))
    org = register.snapshot().organisations[0]
    assert len(org.activities) == len(STABLE_IDS)
    errors = [f for f in run_checks(register.snapshot()) if f.severity == "error"]
    assert errors == []


def test_every_law_the_templates_name_is_cited_in_docs_templates_md() -> None:
    doc = (REPO / "docs" / "templates.md").read_text("utf-8")
    laws = set()
    for t in tl.shipped_library():
        text = json.dumps(tl.localise(dict(t.activity), "nb"), ensure_ascii=False)
        for law in (
            "bokføringsloven",
            "bokføringsforskriften",
            "a-opplysningsloven",
            "skatteforvaltningsloven",
            "folketrygdloven",
            "statistikkloven",
            "markedsføringsloven",
            "ekomloven",
            "personopplysningsforskriften",
            "arbeidsmiljøloven",
        ):
            if law in text:
                laws.add(law)
    assert len(laws) >= 8
    for law in laws:
        assert law in doc, law
    for stable_id in STABLE_IDS:
        assert f"`{stable_id}`" in doc, stable_id


def test_categories_named_by_several_templates_are_created_once(register: RegisterFile) -> None:
    register.apply(tl.add_templates(register, 1, tl.find(["payroll", "cctv", "access-control"]), "nb"))
    org = register.snapshot().organisations[0]
    names = [c.name for c in org.data_subjects]
    assert names.count("Ansatte") == 1
    ansatte = next(c.id for c in org.data_subjects if c.name == "Ansatte")
    assert sum(ansatte in a.data_subject_ids for a in org.activities) == 3


def test_templates_go_into_an_open_register_as_one_undo_step(register: RegisterFile) -> None:
    register.apply(ops.Create("data_subject", {"organisation_id": 1, "name": "ansatte "}))
    applied = register.apply(tl.add_templates(register, 1, tl.find(["payroll"]), "nb"))
    org = register.snapshot().organisations[0]
    assert [c.name for c in org.data_subjects] == ["ansatte "]  # found by name, not made twice
    assert org.personal_data and org.recipients
    register.apply(applied.inverse)
    org = register.snapshot().organisations[0]
    assert org.activities == [] and org.personal_data == [] and org.recipients == []
    assert [c.name for c in org.data_subjects] == ["ansatte "]


def test_an_unknown_template_names_the_known_ones() -> None:
    with pytest.raises(tl.UnknownTemplate) as err:
        tl.find(["payroll", "payrol"])
    assert "payrol" in err.value.render() and "customer-service" in err.value.render()


# --------------------------------------------------------------------------- the user's library


def test_save_as_template_then_use_it_in_another_register(register: RegisterFile, tmp_path: Path) -> None:
    register.apply(tl.add_templates(register, 1, tl.find(["cctv"]), "nb"))
    activity_id = register.snapshot().organisations[0].activities[0].activity.id
    assert activity_id is not None
    register.apply(ops.Update("activity", activity_id, {"status": "approved", "purpose": "Kamera på lageret"}))
    made = tl.template_from_activity(register, 1, activity_id, "Kamera på lageret i Ålesund")
    assert made.id == "kamera-pa-lageret-i-alesund"
    path = tl.save_user_templates([made])
    assert path == tl.user_library_path() and path.exists()
    assert "kamera-pa-lageret-i-alesund" in [t.id for t in tl.all_templates()]

    with RegisterFile.create(tmp_path / "ny ø.ropa") as other:
        other.apply(ops.Create("organisation", {"name": "Ny AS"}))
        other.apply(tl.add_templates(other, 1, tl.find([made.id]), "en"))
        back = _comparable(_org(other))[0]
    original = _comparable(_org(register))[0]
    assert original["status"] == "approved"
    assert "status" not in back  # a template describes the kind of activity, not its approval: a draft
    original.pop("status")
    back.pop("status", None)
    assert back == original


def test_a_user_template_may_not_take_a_shipped_id(register: RegisterFile) -> None:
    register.apply(tl.add_templates(register, 1, tl.find(["website"]), "nb"))
    made = tl.template_from_activity(register, 1, 1, "x", template_id="website")
    with pytest.raises(tl.TemplateIdTaken):
        tl.save_user_templates([made])
    assert not tl.user_library_path().exists()


def test_a_library_file_is_shared_by_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tl.Template("lonn-oslo", "Lønn Oslo", {"purpose": "Lønn", "legal_basis": ["b"]})
    tl.save_user_templates([mine])
    shared = tmp_path / "bibliotek æ.json"
    assert main(["templates", "export", "-o", str(shared)]) == 0
    tl.user_library_path().unlink()
    assert main(["templates", "import", str(shared)]) == 0
    assert [t.id for t in tl.user_library()] == ["lonn-oslo"]
    capsys.readouterr()
    assert main(["templates"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "payroll\tPayroll and personnel administration"
    assert listed[-1].startswith("lonn-oslo\tLønn Oslo")


def test_a_bad_library_file_is_reported_and_the_library_is_untouched(tmp_path: Path) -> None:
    tl.save_user_templates([tl.Template("mine", "Mine", {"purpose": "x"})])
    before = tl.user_library_path().read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "ropa-templates",
                "version": 1,
                "templates": [
                    {"id": "Bad Id", "activity": {}},
                    {"id": "ok", "activity": {"legal_basis": ["z"]}},
                ],
            }
        ),
        "utf-8",
    )
    with pytest.raises(ImportProblems) as err:
        tl.import_library(bad)
    assert any("templates[0].id" in p for p in err.value.problems)
    assert tl.user_library_path().read_bytes() == before
    bad.write_text(json.dumps({"format": "ropa-templates", "version": 1, "templates": [
        {"id": "ok", "activity": {"legal_basis": ["z"]}}]}), "utf-8")  # fmt: skip
    with pytest.raises(ImportProblems) as err:
        tl.import_library(bad)
    assert any("legal_basis" in p for p in err.value.problems)
    assert tl.user_library_path().read_bytes() == before


# --------------------------------------------------------------------------- ropa new --from-template


def test_ropa_new_from_templates(tmp_path: Path) -> None:
    target = tmp_path / "ny register.ropa"
    assert (
        main(["--lang", "nb", "new", str(target), "--org", "Bryggen AS", "--from-template", "payroll,newsletter"]) == 0
    )
    with RegisterFile.open(target, readonly=True) as reg:
        org = reg.snapshot().organisations[0]
        assert [a.activity.purpose for a in org.activities] == [
            "Lønn og personaladministrasjon",
            "Sende nyhetsbrev og markedsføring på e-post",
        ]


def test_ropa_new_with_an_unknown_template_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.ropa"
    assert main(["new", str(target), "--org", "X", "--from-template", "payroll,nope"]) == 2
    assert "nope" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- duplicate, copy, move


@pytest.fixture
def sample(tmp_path: Path) -> RegisterFile:
    return json_format.import_json_file(REPO / "samples" / "promeister-solutions.json", tmp_path / "pro.ropa")


def test_duplicate_copies_every_field_and_link_right_after_the_original(sample: RegisterFile) -> None:
    with sample:
        before = _comparable(_org(sample))
        org_id = sample.snapshot().organisations[0].organisation.id
        assert org_id is not None
        third = sample.snapshot().organisations[0].activities[2].activity.id
        assert third is not None
        applied = sample.apply(tp.duplicate_activity(sample, org_id, third))
        after = _comparable(_org(sample))
        assert after[:3] == before[:3] and after[3] == before[2] and after[4:] == before[3:]
        assert len(sample.snapshot().organisations[0].data_subjects) == len(_org(sample)["data_subject_categories"])
        sample.apply(applied.inverse)
        assert _comparable(_org(sample)) == before


def test_copy_to_another_register_resolves_by_name_and_undoes_in_the_target(
    sample: RegisterFile, tmp_path: Path
) -> None:
    with sample, RegisterFile.create(tmp_path / "mål.ropa") as target:
        target.apply(ops.Create("organisation", {"name": "Mål AS"}))
        target.apply(ops.Create("recipient", {"organisation_id": 1, "name": "  microsoft ", "role": "processor"}))
        source_org = sample.snapshot().organisations[0]
        assert source_org.organisation.id is not None
        chosen = [a.activity.id for a in source_org.activities[:4] if a.activity.id is not None]
        moved = tp.move_between_registers(sample, source_org.organisation.id, chosen, target, 1)
        assert moved.deleted is None
        copied = _comparable(_org(target))
        original = _comparable(_org(sample))[:4]
        # the recipient the target had is used (by name) rather than a second "Microsoft" being made
        names = [r["name"] for r in _org(target)["recipients"]]
        assert sum(n.strip().casefold() == "microsoft" for n in names) <= 1
        for a, b in zip(copied, original, strict=True):
            b["recipients"] = [("  microsoft " if n.casefold() == "microsoft" else n) for n in b["recipients"]]
            assert a == b
        target.apply(moved.copied.inverse)
        assert _org(target).get("activities", []) == []
        assert len(_org(sample)["activities"]) == len(source_org.activities)


def test_move_between_registers_deletes_in_the_source(sample: RegisterFile, tmp_path: Path) -> None:
    with sample, RegisterFile.create(tmp_path / "b.ropa") as target:
        target.apply(ops.Create("organisation", {"name": "B"}))
        org = sample.snapshot().organisations[0]
        assert org.organisation.id is not None
        first = org.activities[0].activity
        assert first.id is not None
        moved = tp.move_between_registers(sample, org.organisation.id, [first.id], target, 1, move=True)
        assert moved.deleted is not None
        assert first.purpose not in [a.activity.purpose for a in sample.snapshot().organisations[0].activities]
        assert [a.activity.purpose for a in target.snapshot().organisations[0].activities] == [first.purpose]


def test_a_move_that_cannot_delete_in_the_source_says_the_activities_are_in_both(
    sample: RegisterFile, tmp_path: Path
) -> None:
    sample.close()
    with (
        RegisterFile.open(tmp_path / "pro.ropa", readonly=True) as source,
        RegisterFile.create(tmp_path / "b.ropa") as target,
    ):
        target.apply(ops.Create("organisation", {"name": "B"}))
        org = source.snapshot().organisations[0]
        assert org.organisation.id is not None and org.activities[0].activity.id is not None
        with pytest.raises(tp.MoveHalfDone) as err:
            tp.move_between_registers(source, org.organisation.id, [org.activities[0].activity.id], target, 1, True)
        assert "both registers" in err.value.render()
        assert len(target.snapshot().organisations[0].activities) == 1
        assert len(source.snapshot().organisations[0].activities) == len(org.activities)


def test_move_within_a_register_is_one_undo_step(register: RegisterFile) -> None:
    other = register.apply(ops.Create("organisation", {"name": "Datter AS"})).record_id
    assert other is not None
    register.apply(tl.add_templates(register, 1, tl.find(["payroll", "cctv"]), "en"))
    ids = [a.activity.id for a in register.snapshot().organisations[0].activities if a.activity.id is not None]
    before = _comparable(_org(register, 0))
    applied = register.apply(tp.copy_within(register, 1, ids[:1], other, move=True))
    assert [a["purpose"] for a in _comparable(_org(register, 0))] == [before[1]["purpose"]]
    assert _comparable(_org(register, 1)) == before[:1]
    register.apply(applied.inverse)
    assert _comparable(_org(register, 0)) == before
    assert _org(register, 1).get("activities", []) == []


def test_ropa_copy_between_files(sample: RegisterFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    purpose = sample.snapshot().organisations[0].activities[1].activity.purpose
    sample.close()
    target = tmp_path / "to ø.ropa"
    assert main(["new", str(target), "--org", "To"]) == 0
    assert main(["copy", str(tmp_path / "pro.ropa"), str(target), "--activity", purpose, "--move"]) == 0
    assert "Moved 1 activity" in capsys.readouterr().out
    with RegisterFile.open(target, readonly=True) as reg:
        assert [a.activity.purpose for a in reg.snapshot().organisations[0].activities] == [purpose]
    assert main(["copy", str(tmp_path / "pro.ropa"), str(target), "--activity", "no such purpose"]) == 2
    assert "no such purpose" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"[]",
        b'{"format": "ropa-register", "version": 2}',
        b'{"format": "ropa-templates", "version": 9, "templates": []}',
        b'{"format": "ropa-templates", "version": 1, "templates": 5}',
        b'{"format": "ropa-templates", "version": 1, "templates": [{"id": "x", "activity": {"data_subjects": "Ansatte"}}]}',
        b'{"format": "ropa-templates", "version": 1, "templates": [{"id": "x", "activity": {"purpose": {"nb": 5}}}]}',
        b'{"format": "ropa-templates", "version": 1, "templates": [{"id": "x", "activity": {"retention_duration": -1}}]}',
    ],
)
def test_a_hostile_library_file_is_one_clear_report(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "lib.json"
    source.write_bytes(content)
    assert main(["templates", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ropa: ") and "Traceback" not in err
    assert not tl.user_library_path().exists()
    if b"retention_duration" in content:
        assert "templates[0].activity.retention_duration" in err


def test_a_lone_surrogate_is_dropped_not_stored(tmp_path: Path) -> None:
    source = tmp_path / "lib.json"
    source.write_text('{"format": "ropa-templates", "version": 1, "templates": [{"id": "x", "title": "A\\ud800B", '
                      '"activity": {"purpose": "P\\udfffQ"}}]}', "utf-8")  # fmt: skip
    assert main(["templates", "import", str(source)]) == 0
    (saved,) = tl.user_library()
    assert saved.title == "AB" and saved.activity["purpose"] == "PQ"


def test_ropa_copy_within_one_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "to orgs.ropa"
    with RegisterFile.create(path) as reg:
        reg.apply(ops.Create("organisation", {"name": "Mor AS"}))
        reg.apply(ops.Create("organisation", {"name": "Datter AS"}))
        reg.apply(tl.add_templates(reg, 1, tl.find(["accounting"]), "nb"))
    assert (
        main(["copy", str(path), "--org", "Mor AS", "--to-org", "1", "--activity", "Regnskap og bokføring", "--move"])
        == 2
    )
    assert "«Mor AS»" in capsys.readouterr().err  # moving to where they are is refused, nothing changes
    assert main(["copy", str(path), "--org", "Mor AS", "--to-org", "Datter AS", "--activity", "1"]) == 0
    with RegisterFile.open(path, readonly=True) as reg:
        orgs = reg.snapshot().organisations
        assert [len(o.activities) for o in orgs] == [1, 1]
        assert _comparable(json_format.organisation_document(orgs[0])) == _comparable(
            json_format.organisation_document(orgs[1])
        )
