"""``ropa export --format xlsx --layout datatilsynet``: the columns of Datatilsynet's protocol templates."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from ropa_desktop import cli
from ropa_desktop.exports.xlsx_datatilsynet import (
    CONTROLLER_COLUMNS,
    HEADING_ROW,
    MANDATORY_FILL,
    OPTIONAL_FILL,
)
from ropa_desktop.i18n import translator
from ropa_desktop.store.register import RegisterFile


def test_the_cli_writes_the_controller_template_columns_in_order_with_mandatory_ones_marked(
    promeister: RegisterFile, tmp_path: Path
) -> None:
    path = Path(promeister.path)
    promeister.close()
    out = tmp_path / "datatilsynet.xlsx"
    args = ["export", str(path), "--format", "xlsx", "--layout", "datatilsynet", "--export-lang", "nb", "-o", str(out)]
    assert cli.main(args) == 0
    nb = translator("nb")
    ws = openpyxl.load_workbook(out)[nb.gettext("Controller")]
    headings = [c.value for c in ws[HEADING_ROW] if c.value]
    expected = [nb.gettext(c.heading) + (" *" if c.mandatory else "") for c in CONTROLLER_COLUMNS]
    assert headings == expected
    fills = [c.fill.fgColor.rgb[-6:] for c in ws[HEADING_ROW] if c.value]
    assert fills == [(MANDATORY_FILL if c.mandatory else OPTIONAL_FILL).fgColor.rgb[-6:] for c in CONTROLLER_COLUMNS]
    assert sum(c.mandatory for c in CONTROLLER_COLUMNS) == 8  # art. 30(1)(b)-(g), the safeguards split out
    assert ws.cell(1, 2).value == "ProMeister Solutions AS"
    purposes = [ws.cell(r, 1).value for r in range(HEADING_ROW + 1, ws.max_row + 1)]
    assert "Brukeradministrasjon og support" in purposes
