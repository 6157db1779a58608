from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from ropa_desktop import cli
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RegisterSnapshot
from ropa_desktop.exports.xlsx import CellTooLong, ExportCancelled, export_xlsx
from ropa_desktop.i18n import translator
from ropa_desktop.interchange.xlsx_layout import PURPOSES
from ropa_desktop.safe_files import private_temp_dir
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests import promeister as sample

pytestmark = pytest.mark.both_engines  # the workbook of a register file and of a PostgreSQL server register

EN = translator("en")
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\tTabbed", "#N/A", "=1+1"]


def _calamine(path: Path) -> dict[str, list[list[Any]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def _texts(rows: list[list[Any]]) -> set[str]:
    return {str(v) for row in rows for v in row if v not in ("", None)}


def _snapshot(*activities: m.ProcessingActivity) -> RegisterSnapshot:
    org = OrganisationRegister(m.Organisation(id=1, name="Test AS"))
    org.activities = [ActivityRecord(a) for a in activities]
    return RegisterSnapshot([org], 1)


def test_second_reader_finds_every_activity_recipient_and_footnote(promeister: RegisterFile, tmp_path: Path) -> None:
    out = tmp_path / "pm.xlsx"
    export_xlsx(promeister.snapshot(), out, EN)
    sheets = _calamine(out)
    assert list(sheets)[:4] == ["Organisation", "Purposes", "Sharing", "Balancing tests"]
    purposes = sheets["Purposes"]
    assert purposes[2][:5] == ["Purpose", "Processing", "Data subjects", "Categories of personal data", "Legal basis"]
    assert [row[0] for row in purposes[3:]] == [a["purpose"] for a in sample.activities()]
    first = purposes[3]
    assert first[1].split("\n") == ["• " + op for op in sample.activities()[0]["operations"]]
    assert "Legitimate interests ¹" in [row[4] for row in purposes[3:]]
    sharing = [row[0] for row in sheets["Sharing"][3:]]
    assert sharing == [r["name"] for r in sample.organisation()["recipients"] if r.get("role")]
    processors = [row[:2] for row in sheets["Processors"][3:]]
    assert processors == [
        [service, name] for service, name in ((r["service"], r["name"]) for r in sample.recipients(None))
    ]
    notes = [row[:2] for row in sheets["Balancing tests"][3:]]
    assert notes == [
        ["¹", sample.balancing_tests()[0]],
        ["²", sample.balancing_tests()[1]],
        ["³", sample.balancing_tests()[2]],
    ]
    assert "Legitimate interests ³" in [row[4] for row in sheets["Sharing"][3:]]
    categories = _texts(sheets["Purposes"])
    assert any("• Allergier (special category)" in t for t in categories)
    assert any("• Fødselsnummer (national identity number)" in t for t in categories)
    change_log = sheets["Change log"][3:]
    assert [row[0] for row in change_log] == [date(2023, 4, 26), date(2024, 5, 27), date(2024, 9, 25)] or [
        row[0] for row in change_log
    ] == [datetime(2023, 4, 26), datetime(2024, 5, 27), datetime(2024, 9, 25)]


def test_workbook_is_made_to_be_read_and_printed(promeister: RegisterFile, tmp_path: Path) -> None:
    out = tmp_path / "pm.xlsx"
    export_xlsx(promeister.snapshot(), out, EN)
    wb = openpyxl.load_workbook(out)
    ws = wb["Purposes"]
    heading = ws["A3"]
    assert heading.font.b and heading.fill.fgColor.rgb.endswith("2F4B6E")
    body = ws["B4"]
    assert body.alignment.wrap_text and body.alignment.vertical == "top"
    assert ws.freeze_panes == "B4"
    last = 3 + len(sample.activities())
    visible = sum(not c.hidden for c in PURPOSES.columns)  # the hidden id columns come last
    last_visible, first_hidden = get_column_letter(visible), get_column_letter(visible + 1)
    assert ws.auto_filter.ref == f"A3:{last_visible}{last}"  # every visible column can be filtered
    assert ws.print_area == f"'Purposes'!$A$1:$P${last}"  # the paper copy has the art. 30 reading columns
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # Too wide for one page across at 8 pt: printed in parts, the purpose column repeated (see test_xlsx_print).
    assert ws.print_title_cols == "$A:$A" and ws.col_breaks.brk
    assert "ProMeister Solutions AS" in ws.oddHeader.left.text
    assert ws.oddFooter.right.text == "Page &P of &N"
    assert ws.oddFooter.left.text == "Not yet approved"
    assert ws.column_dimensions[first_hidden].hidden  # the id column
    assert ws.row_dimensions[5].height and ws.row_dimensions[5].height > 15  # multi-line rows are tall enough
    log = wb["Change log"]
    assert log["A4"].value == datetime(2023, 4, 26) and log["A4"].number_format == "yyyy-mm-dd"
    assert wb["_ropa"].sheet_state == "hidden"
    assert wb.properties.title == "Records of processing activities — ProMeister Solutions AS"
    assert wb.properties.creator == "ProMeister Solutions AS" and wb.properties.created is not None


def test_norwegian_export_uses_the_norwegian_date_format(promeister: RegisterFile, tmp_path: Path) -> None:
    out = tmp_path / "pm.xlsx"
    export_xlsx(promeister.snapshot(), out, translator("nb"))
    wb = openpyxl.load_workbook(out)
    nb = translator("nb")
    assert wb.sheetnames[1] == nb.gettext("Purposes")
    log = wb[nb.gettext("Change log")]
    assert log["A4"].number_format == "dd.mm.yyyy"
    assert wb[nb.gettext("Purposes")]["A3"].value == nb.gettext("Purpose")


def test_user_text_never_becomes_a_formula(tmp_path: Path) -> None:
    acts = [m.ProcessingActivity(id=i, purpose=p, operations=[p], retention=p) for i, p in enumerate(PAYLOADS, 1)]
    out = tmp_path / "inj.xlsx"
    export_xlsx(_snapshot(*acts), out, EN)
    ws = openpyxl.load_workbook(out)["Purposes"]
    for row, payload in enumerate(PAYLOADS, 4):
        cell = ws.cell(row, 1)
        assert cell.value == payload and cell.data_type == "s"
        assert cell.quotePrefix
        assert ws.cell(row, 8).value == payload and ws.cell(row, 8).data_type == "s"
    values = _calamine(out)["Purposes"]
    assert [row[0] for row in values[3:]] == PAYLOADS


def test_control_characters_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "ctl.xlsx"
    export_xlsx(_snapshot(m.ProcessingActivity(id=1, purpose="Kurs\x00\x07\x1b og\r\nsupport")), out, EN)
    assert openpyxl.load_workbook(out)["Purposes"]["A4"].value == "Kurs og\nsupport"


def _openpyxl_temp_files() -> set[str]:
    """openpyxl's streamed sheets of this process: in our private temp folder (not the shared one)."""
    return set(os.listdir(private_temp_dir()))


def test_over_long_text_stops_the_export_and_leaves_nothing(tmp_path: Path) -> None:
    before = _openpyxl_temp_files()
    out = tmp_path / "long.xlsx"
    long = m.ProcessingActivity(id=2, purpose="Lang", retention="x" * 32_768)
    with pytest.raises(CellTooLong) as info:
        export_xlsx(_snapshot(m.ProcessingActivity(id=1, purpose="Kort"), long), out, EN)
    message = info.value.render(EN)
    assert 'Sheet "Purposes", row 5, column "Retention"' in message and "32768" in message
    assert list(tmp_path.iterdir()) == []
    assert _openpyxl_temp_files() <= before  # openpyxl's streamed sheets (personal data) are gone too


def test_text_at_the_limit_is_kept_whole(tmp_path: Path) -> None:
    out = tmp_path / "limit.xlsx"
    export_xlsx(_snapshot(m.ProcessingActivity(id=1, purpose="x" * 32_767)), out, EN)
    assert openpyxl.load_workbook(out)["Purposes"]["A4"].value == "x" * 32_767


def test_cancelling_leaves_nothing(tmp_path: Path) -> None:
    acts = [m.ProcessingActivity(id=i, purpose=f"Formål {i}") for i in range(1, 1200)]
    out = tmp_path / "big.xlsx"
    out.write_bytes(b"the previous export")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 500

    with pytest.raises(ExportCancelled):
        export_xlsx(_snapshot(*acts), out, EN, progress)
    assert seen[0] == (250, 1199) and seen[-1][0] == 500
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["big.xlsx"]


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    export_xlsx(_snapshot(m.ProcessingActivity(id=1, purpose="a")), tmp_path / "a.xlsx", EN, progress)
    assert seen == [(1, 1)]


def test_cli_exports_and_imports_xlsx(
    register: RegisterFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register.apply(ops.Create("activity", {"organisation_id": 1, "purpose": "Lønn", "legal_basis": ["c"]}))
    location = str(getattr(register, "url", register.path))  # every subcommand accepts a server's address
    register.close()
    out = tmp_path / "out.xlsx"
    assert cli.main(["export", location, "--format", "xlsx", "-o", str(out), "--export-lang", "en"]) == 0
    # The missing required elements are marked, not blank; the import reads the markers as empty again.
    assert _calamine(out)["Purposes"][3][:5] == [
        "Lønn",
        "",
        "Not stated [activity.data_subjects.missing]",
        "Not stated [activity.personal_data.missing]",
        "Legal obligation",
    ]
    back = tmp_path / "back.ropa"
    assert cli.main(["import", str(out), "-o", str(back)]) == 0
    with RegisterFile.open(back, readonly=True) as reg:
        activities = reg.snapshot().organisations[0].activities
        assert [a.activity.purpose for a in activities] == ["Lønn"]
        assert activities[0].data_subject_ids == [] and activities[0].personal_data_ids == []
    assert cli.main(["export", location, "--format", "xlsx", "-o", str(out), "--org", "Nobody"]) == 2


def test_a_footnote_used_by_many_rows_lists_a_few_and_counts_the_rest(tmp_path: Path) -> None:
    acts = [
        m.ProcessingActivity(id=i, purpose=f"Formål {i}", legal_basis=["f"], balancing_test="Felles vurdering")
        for i in range(1, 31)
    ]
    out = tmp_path / "many.xlsx"
    export_xlsx(_snapshot(*acts), out, EN)
    notes = _calamine(out)["Balancing tests"][3]
    assert notes[:2] == ["¹", "Felles vurdering"]
    assert notes[2].split("\n")[0] == "• Formål 1" and notes[2].split("\n")[-1] == "… and 5 more"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_sheet_shows_its_catalogue_face_in_order(promeister: RegisterFile, tmp_path: Path, language: str) -> None:
    """The workbook lays out the field catalogue: each sheet's header row is its face's headings, in order."""
    from ropa_desktop.domain.fields import FACES, FIELDS
    from ropa_desktop.interchange.xlsx_layout import ENTRY_TABLES, HEADING_ROW, TABLES_BY_KEY

    tr = translator(language)
    out = tmp_path / "r.xlsx"
    export_xlsx(promeister.snapshot(), out, tr)
    sheets = _calamine(out)
    shown = {str(r[3]): str(r[4]) for r in sheets["_ropa"] if r and r[0] == "sheet"}
    assert {"purposes", "sharing", "processors", "transfers", "security"} <= set(shown)
    assert "organisation" in shown
    for key, sheet in shown.items():
        if f"workbook_{key}" not in FACES:  # notes on the records, not records: no catalogue fields
            assert key in {"footnotes", "dpia"}, key
            continue
        face = FACES[f"workbook_{key}"]
        expected = [tr.gettext(FIELDS[field].heading) for field in face]
        if key == "organisation":  # one labelled row per field, top to bottom
            labels = [str(row[0]) for row in sheets[sheet][HEADING_ROW:]]
            assert labels[: len(face)] == expected
            continue
        header = [str(cell) for cell in sheets[sheet][HEADING_ROW - 1]]
        if TABLES_BY_KEY[key] in ENTRY_TABLES:  # entries name their activity first, by its purpose
            assert header[0] == tr.gettext(FIELDS["activity", "purpose"].heading), key
            assert header[1 : len(face) + 1] == expected, key
            assert header[len(face) + 1 :] == ["activity_id.ids"], key
            continue
        assert header[: len(face)] == expected, key
        hidden = header[len(face) :]
        assert hidden[0] == "id" and all(h.endswith(".ids") or h == "position" for h in hidden[1:]), key
        assert len(TABLES_BY_KEY[key].columns) == len(header), key
