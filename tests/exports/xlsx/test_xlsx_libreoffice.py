"""LibreOffice as the second, independent reader of the workbook.

LibreOffice runs twice for the whole module (converting to CSV, and
re-saving as .xlsx as a user would); each run costs seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RegisterSnapshot
from ropa_desktop.exports.xlsx import export_xlsx, import_xlsx_file
from ropa_desktop.i18n import translator
from tests import promeister as sample
from tests.exports.xlsx.conftest import CSV_FILTER, import_doc, needs_soffice, read_csv_sheets, soffice_convert
from tests.exports.xlsx.test_xlsx_import import register_document

pytestmark = [pytest.mark.slow, needs_soffice]

EN = translator("en")
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "=1/0", "#N/A", "\t=2+2"]


@dataclass
class Converted:
    workdir: Path
    promeister_doc: dict[str, object]
    csv: dict[str, dict[str, list[list[str]]]]  # workbook stem -> sheet -> rows
    resaved: Path  # directory of workbooks LibreOffice saved again


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Converted]:
    work = tmp_path_factory.mktemp("libreoffice")
    profile = work / "profile"
    with import_doc(sample.document(), work / "promeister.ropa") as reg:
        export_xlsx(reg.snapshot(), work / "promeister.xlsx", EN)
        expected = register_document(reg)
    org = OrganisationRegister(m.Organisation(id=1, name="=Injection AS"))
    org.activities = [
        ActivityRecord(m.ProcessingActivity(id=i, purpose=p, operations=[p], retention=p))
        for i, p in enumerate(PAYLOADS, 1)
    ]
    export_xlsx(RegisterSnapshot([org], 1), work / "injection.xlsx", EN)
    workbooks = [work / "promeister.xlsx", work / "injection.xlsx"]
    soffice_convert(workbooks, CSV_FILTER, work / "csv", profile)
    soffice_convert(workbooks, "xlsx:Calc MS Excel 2007 XML", work / "resaved", profile)
    yield Converted(
        work,
        expected,
        {stem: read_csv_sheets(work / "csv", stem) for stem in ("promeister", "injection")},
        work / "resaved",
    )


def test_libreoffice_finds_every_activity_recipient_and_footnote(converted: Converted) -> None:
    sheets = converted.csv["promeister"]
    assert {"Organisation", "Purposes", "Sharing", "Balancing tests", "Processors", "Change log"} <= set(sheets)
    purposes = sheets["Purposes"]
    assert purposes[2][:5] == ["Purpose", "Processing", "Data subjects", "Categories of personal data", "Legal basis"]
    assert [row[0] for row in purposes[3:]] == [a["purpose"] for a in sample.activities()]
    bases = [row[4] for row in purposes[3:]]
    assert bases.count("Legitimate interests ¹") == 1 and "Legitimate interests ³" in bases
    sharing = {row[0]: row for row in sheets["Sharing"][3:]}
    assert "Statens vegvesen" in sharing and "Isovator (stiftelsen returpass)" in sharing
    assert sharing["Selskap i konsernet som er behandlingsansvarlig for digitale bestillinger"][4] == (
        "Legitimate interests ³"
    )
    assert [row[1] for row in sheets["Processors"][3:]] == [r["name"] for r in sample.recipients(None)]
    notes = [row[:2] for row in sheets["Balancing tests"][3:]]
    assert notes == [
        ["¹", sample.balancing_tests()[0]],
        ["²", sample.balancing_tests()[1]],
        ["³", sample.balancing_tests()[2]],
    ]
    assert [row[0] for row in sheets["Change log"][3:]] == ["2023-04-26", "2024-05-27", "2024-09-25"]


def test_formula_payloads_stay_literal_text_after_libreoffice_calculates(converted: Converted) -> None:
    sheets = converted.csv["injection"]
    rows = sheets["Purposes"][3:]
    assert [row[0] for row in rows] == PAYLOADS
    assert [row[1] for row in rows] == ["• " + p for p in PAYLOADS]
    assert [row[7] for row in rows] == PAYLOADS
    assert sheets["Organisation"][3][1] == "=Injection AS"
    # And in the workbook LibreOffice saves again, they are still text cells, not formulas.
    ws = openpyxl.load_workbook(converted.resaved / "injection.xlsx")["Purposes"]
    for row, payload in enumerate(PAYLOADS, 4):
        assert (ws.cell(row, 1).value, ws.cell(row, 1).data_type) == (payload, "s")


def test_workbook_resaved_by_libreoffice_imports_to_the_same_register(converted: Converted, tmp_path: Path) -> None:
    with import_xlsx_file(converted.resaved / "promeister.xlsx", tmp_path / "back.ropa") as back:
        assert register_document(back) == converted.promeister_doc
