"""Any spreadsheet register back through a guessed column mapping (issue 19)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from ropa_desktop.cli import main
from ropa_desktop.domain import enums as e
from ropa_desktop.domain.fields import field_label
from ropa_desktop.domain.labels import label
from ropa_desktop.errors import ImportProblems
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format
from ropa_desktop.interchange import spreadsheet as ss
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "samples").glob("*.json"))
_LISTS = {
    "data_subjects": "data_subject_categories",
    "personal_data": "personal_data_categories",
    "recipients": "recipients",
}
_FIELDS = (
    "purpose",
    "operations",
    "data_subjects",
    "personal_data",
    "recipients",
    "legal_basis",
    "legal_basis_note",
    "retention",
)


def _plain_rows(sample: Path, lang: str) -> list[list[str]]:
    """The sample as a plain spreadsheet: one row per activity, the catalogue's headings in ``lang``."""
    tr = translator(lang)
    org = json.loads(sample.read_text("utf-8"))["organisations"][0]
    names = {key: {r["id"]: r["name"] for r in org.get(key, [])} for key in _LISTS.values()}
    rows = [[field_label("activity", f, tr) for f in _FIELDS]]
    for a in org["activities"]:
        row = []
        for f in _FIELDS:
            if f in _LISTS:
                row.append("\n".join(names[_LISTS[f]][i] for i in a.get(f, [])))
            elif f == "operations":
                row.append("\n".join(a.get(f, [])))
            elif f == "legal_basis":
                row.append("\n".join(label(e.LegalBasis(x), tr) for x in a.get(f, [])))
            else:
                row.append(a.get(f, ""))
        rows.append(row)
    return rows


def _shuffled(rows: list[list[str]], seed: int) -> list[list[str]]:
    order = list(range(len(rows[0])))
    random.Random(seed).shuffle(order)
    return [[r[i] for i in order] for r in rows]


def _save(rows: list[list[Any]], path: Path, title: str = "Protokoll") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _values(org: dict[str, Any], field: str) -> list[Any]:
    """What each activity of a register document says in ``field``, categories by name."""
    out: list[Any] = []
    for a in org["activities"]:
        if field in _LISTS:
            names = {r["id"]: r["name"] for r in org.get(_LISTS[field], [])}
            out.append([names[i] for i in a.get(field, [])])
        elif field in ("operations", "legal_basis"):
            out.append(list(a.get(field, [])))
        else:
            out.append(a.get(field, ""))
    return out


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_samples_come_back_through_the_guessed_mapping(sample: Path, lang: str, tmp_path: Path) -> None:
    sheet = _save(_shuffled(_plain_rows(sample, lang), seed=len(sample.stem)), tmp_path / "plan ø.xlsx")
    mapping = ss.guess_mapping(ss.read_sheets(sheet))
    assert set(mapping.columns.values()) == set(_FIELDS)
    with ss.import_spreadsheet(sheet, tmp_path / "back.ropa", mapping, organisation="X") as reg:
        back = json_format.organisation_document(reg.snapshot().organisations[0])
    original = json.loads(sample.read_text("utf-8"))["organisations"][0]
    for field in _FIELDS:
        assert _values(back, field) == _values(original, field), field


def test_title_block_spacer_rows_merged_and_multiline_cells_import(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Protokoll over behandlingsaktiviteter"])
    ws.merge_cells("A1:E1")
    ws.append(["Sist oppdatert 2025-03-01"])
    ws.append([])
    ws.append(
        ["Behandlingsformål", "Kategorier av registrerte", "Personopplysninger", "Behandlingsgrunnlag", "Sletting"]
    )
    ws.append([])
    ws.append(["Lønn", "Ansatte", "• Navn\n• Kontonummer", "Art. 6 nr. 1 bokstav c", "5 år"])
    ws.append(["Kundeoppfølging", "Kunder", "Navn\nE-postadresse", "Avtale", "Så lenge kundeforholdet varer"])
    ws.append([None, "Prospekter", "Telefonnummer", None, None])
    ws.merge_cells("A7:A8")  # one purpose over two rows: one activity
    ws.append([])
    ws.append(["Nyhetsbrev", "Kunder", "E-postadresse", "Samtykke", "Til samtykket trekkes"])
    path = tmp_path / "rot.xlsx"
    wb.save(path)
    mapping = ss.guess_mapping(ss.read_sheets(path))
    assert mapping.header_row == 4
    assert mapping.columns["Sletting"] == "retention"
    conversion = ss.convert(ss.read_sheets(path), mapping, "Rot AS")
    assert conversion.problems == []
    acts = conversion.activities
    assert [a["purpose"] for a in acts] == ["Lønn", "Kundeoppfølging", "Nyhetsbrev"]
    assert conversion.rows == [6, 7, 10]
    assert [a["legal_basis"] for a in acts] == [["c"], ["b"], ["a"]]
    assert (acts[0]["retention_duration"], acts[0]["retention_unit"]) == (5, "years")
    categories = conversion.document["organisations"][0]["personal_data_categories"]
    assert [c["name"] for c in categories] == ["Navn", "Kontonummer", "E-postadresse", "Telefonnummer"]
    assert acts[1]["personal_data"] == [1, 3, 4]
    assert acts[1]["data_subjects"] == [2, 3]  # Kunder, Prospekter


def test_columns_guessed_by_content_when_the_heading_says_nothing(tmp_path: Path) -> None:
    rows = [["Hva", "Kol 2", "Kol 3"], ["Lønn", "art. 6(1)(c)", "5 år"], ["Kunder", "6(1)(b)", "3 months"]]
    sheets = ss.read_sheets(_save(rows, tmp_path / "x.xlsx"))
    mapping = ss.guess_mapping(sheets)
    assert mapping.columns == {"Hva": None, "Kol 2": "legal_basis", "Kol 3": "retention"}


def test_a_malformed_sheet_is_reported_by_row_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Formål", "Rettslig grunnlag", "Lagringstid"],
        ["Lønn", "Rettslig forpliktelse", "5 år"],
        ["", "Avtale", "3 år"],
        ["Kunder", "Avtale", "1 år"],
        [None, None, "10 år"],
    ]
    sheet = _save(rows, tmp_path / "feil.xlsx")
    target = tmp_path / "feil.ropa"
    with pytest.raises(ImportProblems) as caught:
        ss.import_spreadsheet(sheet, target)
    assert caught.value.problems == [
        "Sheet Protokoll, row 3, column A (Formål): a purpose is required",
        "Sheet Protokoll, row 5, column A (Formål): a purpose is required",
    ]
    assert not target.exists()
    with ss.import_spreadsheet(sheet, target, skip_rows=[3, 5]) as reg:
        assert [a.activity.purpose for a in reg.snapshot().organisations[0].activities] == ["Lønn", "Kunder"]


def test_a_spreadsheet_error_value_is_a_problem_not_an_empty_cell(tmp_path: Path) -> None:
    source = tmp_path / "feil.csv"
    source.write_text("Formål,Rettslig grunnlag\nLønn,#REF!\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as caught:
        ss.import_spreadsheet(source, tmp_path / "feil.ropa")
    assert caught.value.problems == [
        "Sheet feil, row 2, column B (Rettslig grunnlag): the cell holds the spreadsheet error #REF!"
    ]


def test_csv_and_ods_read_like_xlsx(tmp_path: Path) -> None:
    csv_path = tmp_path / "reg.csv"
    csv_path.write_text('Formål;Kategorier av registrerte\nLønn;"Ansatte\nVikarer"\n', encoding="utf-8-sig")
    conversion = ss.convert(ss.read_sheets(csv_path), ss.guess_mapping(ss.read_sheets(csv_path)), "A")
    assert conversion.problems == []
    subjects = conversion.document["organisations"][0]["data_subject_categories"]
    assert [s["name"] for s in subjects] == ["Ansatte", "Vikarer"]


def test_cli_mapping_guess_then_import_with_the_edited_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = _save([["Purpose of processing", "Odd column"], ["Payroll", "HR"]], tmp_path / "reg.xlsx")
    assert main(["mapping", "guess", str(sheet)]) == 0
    proposal = json.loads(capsys.readouterr().out)
    assert proposal["columns"] == {"Purpose of processing": "purpose", "Odd column": None}
    proposal["columns"]["Odd column"] = "responsible_unit"
    mapping_file = tmp_path / "min mapping.json"
    mapping_file.write_text(json.dumps(proposal), encoding="utf-8")
    target = tmp_path / "ut.ropa"
    assert main(["import", str(sheet), "--mapping", str(mapping_file), "-o", str(target), "--org", "Org AS"]) == 0
    with RegisterFile.open(target, readonly=True) as reg:
        org = reg.snapshot().organisations[0]
    assert org.organisation.name == "Org AS"
    assert [(a.activity.purpose, a.activity.responsible_unit) for a in org.activities] == [("Payroll", "HR")]


def test_presets_load_and_name_only_known_fields() -> None:
    assert {"datatilsynet-controller", "ico-controller"} <= set(ss.preset_names())
    for name in ss.preset_names():
        mapping = ss.load_mapping(name)
        assert "purpose" in mapping.columns.values()


def test_ico_preset_reads_the_template_layout(tmp_path: Path) -> None:
    mapping = ss.load_mapping("ico-controller")
    headings = list(mapping.columns)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Template"
    for r in range(1, 9):
        ws.cell(r, 1, f"Contact block {r}")
    for c, heading in enumerate(headings, start=1):
        ws.cell(9, c, heading)
    ws.cell(10, 1, "HR")
    ws.cell(10, 2, "Payroll")
    ws.cell(10, headings.index("Article 6 lawful basis for processing personal data") + 1, "Legal obligation")
    wb.create_sheet("Notes")
    path = tmp_path / "ico.xlsx"
    wb.save(path)
    conversion = ss.convert(ss.read_sheets(path), mapping, "UK Ltd")
    assert conversion.problems == []
    assert conversion.activities == [{"responsible_unit": "HR", "purpose": "Payroll", "legal_basis": ["c"]}]


def test_an_unknown_preset_names_the_shipped_ones() -> None:
    with pytest.raises(ss.MappingInvalid) as caught:
        ss.load_mapping("nope")
    assert "datatilsynet-controller" in str(caught.value)


def test_a_sheet_imports_into_an_open_register_in_one_undoable_batch(register: RegisterFile, tmp_path: Path) -> None:
    from ropa_desktop.interchange.editing import add_imported_activities

    existing = register.apply(ops.Create("data_subject", {"organisation_id": 1, "name": "Ansatte"})).record_id
    rows = [["Formål", "Kategorier av registrerte", "Mottakere"], ["Lønn", "ansatte\nVikarer", "Bank"]]
    sheets = ss.read_sheets(_save(rows, tmp_path / "inn.xlsx"))
    conversion = ss.convert(sheets, ss.guess_mapping(sheets), "ignored")
    assert conversion.problems == []
    batch = add_imported_activities(register, 1, "controller", conversion.document["organisations"][0])
    applied = register.apply(batch)
    org = register.snapshot().organisations[0]
    [activity] = org.activities
    assert activity.activity.purpose == "Lønn"
    subjects = {s.id: s.name for s in org.data_subjects}
    assert [subjects[i] for i in activity.data_subject_ids] == ["Ansatte", "Vikarer"]
    assert activity.data_subject_ids[0] == existing  # found by name, not created twice
    assert [r.recipient.name for r in org.recipients] == ["Bank"]
    register.apply(applied.inverse)  # what the editor's undo does
    org = register.snapshot().organisations[0]
    assert (org.activities, [s.name for s in org.data_subjects], org.recipients) == ([], ["Ansatte"], [])
