from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ropa_desktop.errors import ImportProblems
from ropa_desktop.exports.xlsx import (
    ForeignWorkbook,
    WorkbookDamaged,
    WorkbookProtected,
    export_xlsx,
    import_xlsx_file,
    read_workbook,
)
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format
from ropa_desktop.store.register import RegisterFile
from tests import promeister as sample
from tests.exports.xlsx.conftest import import_doc

EN = translator("en")


def register_document(reg: RegisterFile) -> dict[str, Any]:
    """The register as JSON without approvals (which the workbook does not carry)."""
    doc = json_format.snapshot_document(reg.snapshot())
    for org in doc["organisations"]:
        org.pop("approvals", None)
    return doc


def workbook_register(path: Path, tmp_path: Path) -> dict[str, Any]:
    with import_xlsx_file(path, tmp_path / f"{path.stem}-back.ropa") as reg:
        return register_document(reg)


@pytest.fixture
def exported(promeister: RegisterFile, tmp_path: Path) -> Path:
    out = tmp_path / "pm.xlsx"
    export_xlsx(promeister.snapshot(), out, EN)
    return out


def test_promeister_round_trip(promeister: RegisterFile, exported: Path, tmp_path: Path) -> None:
    with import_xlsx_file(exported, tmp_path / "back.ropa") as back:
        assert register_document(back) == register_document(promeister)
        assert json_format.fingerprint(back.snapshot().organisations[0]) == json_format.fingerprint(
            promeister.snapshot().organisations[0]
        )


def test_norwegian_workbook_reads_back(promeister: RegisterFile, tmp_path: Path) -> None:
    out = tmp_path / "nb.xlsx"
    export_xlsx(promeister.snapshot(), out, translator("nb"))
    assert workbook_register(out, tmp_path) == register_document(promeister)


def test_edits_by_hand_are_taken_in(exported: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb["Purposes"]
    row = ws.max_row + 1
    ws.cell(row, 1, "Nyhetsbrev")
    ws.cell(row, 2, "Sende nyhetsbrev\nMåle åpninger")  # lines without bullets: one item each
    ws.cell(row, 4, "• Navn\n• Allergier (special category)")
    ws.cell(row, 5, "consent")  # the stored value or a label in either language is accepted
    ws.cell(row, 16, "2025-01-31")
    cats = wb["Personal data"]
    cats.cell(cats.max_row + 1, 1, "Nettleserdata")
    wb.save(exported)
    doc = read_workbook(exported)
    org = doc["organisations"][0]
    added = org["activities"][-1]
    assert added["purpose"] == "Nyhetsbrev" and added["id"] == len(sample.activities()) + 1
    assert added["operations"] == ["Sende nyhetsbrev", "Måle åpninger"]
    names = {c["id"]: c["name"] for c in org["personal_data_categories"]}
    assert [names[i] for i in added["personal_data"]] == ["Navn", "Allergier"]
    assert added["legal_basis"] == ["a"] and str(added["last_reviewed"]) == "2025-01-31"
    assert org["personal_data_categories"][-1]["name"] == "Nettleserdata"


def test_every_problem_is_reported_with_sheet_row_and_column(exported: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb["Purposes"]
    ws["E4"] = "Because we want to"
    ws["P5"] = "last spring"
    ws["D6"] = "• Skostørrelse"
    wb["Sharing"]["G4"] = "Atlantis"
    wb["Organisation"]["B4"] = None  # the name
    wb.save(exported)
    target = tmp_path / "never.ropa"
    with pytest.raises(ImportProblems) as info:
        import_xlsx_file(exported, target)
    problems = info.value.problems
    assert 'Sheet "Purposes", row 4, column "Legal basis": unknown value "Because we want to"' in problems
    assert any(p.startswith('Sheet "Purposes", row 5, column "Last reviewed": expected a date') for p in problems)
    assert 'Sheet "Purposes", row 6, column "Categories of personal data": no record named "Skostørrelse"' in problems
    assert 'Sheet "Sharing", row 4, column "Country": unknown country "Atlantis"' in problems
    assert not target.exists()


def test_organisation_name_is_required(exported: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    wb["Organisation"]["B4"] = None
    wb.save(exported)
    with pytest.raises(ImportProblems) as info:
        read_workbook(exported)
    assert info.value.problems == ['Sheet "Organisation", row 4, column "Name": a value is required']


def test_a_missing_column_is_named(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    wb["Purposes"]["H3"] = "Something else"
    wb.save(exported)
    with pytest.raises(ImportProblems) as info:
        read_workbook(exported)
    assert info.value.problems == ['Sheet "Purposes", row 3: the column "Retention" is missing']


def test_a_missing_sheet_is_named(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    del wb["Processors"]
    wb.save(exported)
    with pytest.raises(ImportProblems) as info:
        read_workbook(exported)
    assert info.value.problems == ['Sheet "Processors": the sheet is missing']


def test_foreign_workbook(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Budget 2025"
    wb.save(path)
    with pytest.raises(ForeignWorkbook) as info:
        import_xlsx_file(path, tmp_path / "x.ropa")
    assert 'the hidden sheet "_ropa" that describes its layout is missing' in info.value.render(EN)
    assert not (tmp_path / "x.ropa").exists()


def test_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("just some text, not a workbook")
    with pytest.raises(WorkbookDamaged):
        import_xlsx_file(path, tmp_path / "x.ropa")
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "a zip, but not a workbook")
    with pytest.raises(WorkbookDamaged):
        import_xlsx_file(other, tmp_path / "x.ropa")
    assert not (tmp_path / "x.ropa").exists()


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.95])
def test_truncated_workbook(exported: Path, tmp_path: Path, fraction: float) -> None:
    data = exported.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(WorkbookDamaged) as info:
        import_xlsx_file(cut, tmp_path / "x.ropa")
    assert "damaged, truncated" in info.value.render(EN)
    assert not (tmp_path / "x.ropa").exists()


def test_password_protected_workbook(tmp_path: Path) -> None:
    # Excel encrypts a protected .xlsx into an OLE compound file; its signature is what we recognise.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"EncryptionInfo")
    with pytest.raises(WorkbookProtected) as info:
        import_xlsx_file(path, tmp_path / "x.ropa")
    assert "password-protected" in info.value.render(EN)


def test_two_records_with_one_name_keep_their_identity(tmp_path: Path) -> None:
    doc = {
        "format": "ropa-register",
        "version": 1,
        "organisations": [
            {
                "id": 1,
                "name": "A",
                "personal_data_categories": [{"id": 1, "name": "Navn"}, {"id": 2, "name": "Navn"}],
                "recipients": [{"id": 4, "name": "X", "role": "processor"}, {"id": 3, "name": "X"}],
                "transfers": [{"id": 1, "recipient_id": 3, "country": "US"}],
                "activities": [{"id": 1, "purpose": "P", "personal_data": [2, 1], "recipients": [3]}],
            },
            {"id": 2, "name": "B", "activities": [{"id": 2, "purpose": "Q"}]},
        ],
    }
    with import_doc(doc, tmp_path / "dup.ropa") as reg:
        out = tmp_path / "dup.xlsx"
        export_xlsx(reg.snapshot(), out, EN)
        assert workbook_register(out, tmp_path) == register_document(reg)
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["1 Organisation", "1 Purposes"]


def test_damage_inside_a_sheet_is_reported_as_damage(exported: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]  # a sheet cut off mid-way: XML that never closes
            dst.writestr(item, data)
    with pytest.raises(WorkbookDamaged):
        import_xlsx_file(broken, tmp_path / "x.ropa")
    assert not (tmp_path / "x.ropa").exists()


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_workbook_typed_in_the_editors_former_wording_imports(
    promeister: RegisterFile, tmp_path: Path, language: str
) -> None:
    """The editor once said "Contract", "Public interest", "after the contract ends" …; a user who
    types those (any case, either language) into the workbook gets the values, not "unknown value"."""
    from ropa_desktop.domain import enums as e
    from ropa_desktop.domain.labels import FORMER

    tr = translator(language)
    out = tmp_path / f"{language}.xlsx"
    export_xlsx(promeister.snapshot(), out, tr)

    def former(member: Any) -> str:
        return tr.gettext(FORMER[type(member), member.value][0])

    wb = openpyxl.load_workbook(out)

    def put(sheet_msgid: str, heading_msgid: str, text: str, row: int = 4) -> None:
        ws = wb[tr.gettext(sheet_msgid)]
        headings = [c.value for c in ws[3]]
        ws.cell(row, headings.index(tr.gettext(heading_msgid)) + 1, text)

    put("Purposes", "Legal basis", former(e.LegalBasis.CONTRACT).upper() + "\n" + former(e.LegalBasis.PUBLIC_INTEREST))
    put("Purposes", "Art. 9 condition", former(e.SpecialCategoryCondition.HEALTH_CARE).lower())
    put("Purposes", "Counted from", f"  {former(e.RetentionTrigger.END_OF_CONTRACT)} ")
    put("Security measures", "Kind", former(e.SecurityMeasureKind.CONFIDENTIALITY))
    wb.save(out)
    org = read_workbook(out)["organisations"][0]
    first = org["activities"][0]
    assert first["legal_basis"] == ["b", "e"]
    assert first["special_condition"] == "h"
    assert first["retention_trigger"] == "end_of_contract"
    assert org["security_measures"][0]["kind"] == "confidentiality"


def test_a_workbook_with_the_former_column_headings_imports(
    promeister: RegisterFile, exported: Path, tmp_path: Path
) -> None:
    """Workbooks exported before the field catalogue said "Legal basis, note", "Processor" …"""
    from ropa_desktop.interchange.xlsx_layout import TABLES_BY_KEY

    wb = openpyxl.load_workbook(exported)
    renamed = 0
    meta = {str(r[3]): str(r[4]) for r in wb["_ropa"].iter_rows(values_only=True) if r and r[0] == "sheet"}
    for key, sheet in meta.items():
        table = TABLES_BY_KEY.get(key)
        if table is None:
            continue
        for cell in wb[sheet][3]:
            column = next((c for c in table.columns if EN.gettext(c.heading) == cell.value and c.former), None)
            if column is not None:
                cell.value = EN.gettext(column.former[0])
                renamed += 1
    wb.save(exported)
    assert renamed >= 10
    assert workbook_register(exported, tmp_path) == register_document(promeister)
