"""The spreadsheet import's mapping dialog: proposal, a changed column, preview, one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QDialog, QFileDialog

from ropa_desktop.interchange import spreadsheet as ss
from ropa_desktop.ui import mapping_dialog as md
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow


def _sheet(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Protokoll for Verksted AS"])
    ws.append([])
    ws.append(["Formål", "Kategorier av registrerte", "Rettslig grunnlag", "Kol D"])
    ws.append(["Lønn", "Ansatte\nVikarer", "Rettslig forpliktelse", "HR"])
    ws.append(["Nyhetsbrev", "Kunder", "se eget notat", "Salg"])
    wb.save(path)
    return path


def test_dialog_shows_the_guess_and_previews_a_changed_column(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _sheet(tmp_path / "reg.xlsx")
    dialog = md.MappingDialog(source, ss.read_sheets(source))
    qtbot.addWidget(dialog)
    assert [c.currentData() for c in dialog.combos] == ["purpose", "data_subjects", "legal_basis", None]
    assert dialog.preview.rowCount() == 2
    item = dialog.preview.item(1, 2)
    assert item is not None and "se eget notat" in item.text()  # a basis not recognised is marked, kept as written
    dialog.combos[3].setCurrentIndex(dialog.combos[3].findData("responsible_unit"))
    assert dialog.mapping().columns["Kol D"] == "responsible_unit"
    assert dialog.preview.columnCount() == 4
    assert dialog.import_button.isEnabled()
    dialog.combos[0].setCurrentIndex(0)  # no purpose column: nothing can be imported
    assert not dialog.import_button.isEnabled()
    assert "purpose" in dialog.problems.text()


def test_import_into_the_open_register_is_one_undo_step(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.create_register(tmp_path / "p.ropa", "Verksted AS")
    source = _sheet(tmp_path / "reg æ.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(md.MappingDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.menu_actions["import_sheet"].trigger()
    model = window.editor.purpose_model
    assert [model.index(r, pm.PURPOSE).data() for r in range(model.rowCount())] == ["Lønn", "Nyhetsbrev"]
    assert window.menu_actions["undo"].text() == "&Undo import of reg æ.xlsx"
    window.menu_actions["undo"].trigger()
    assert model.rowCount() == 0
    assert window.session is not None
    assert window.session.snapshot().organisations[0].data_subjects == []
