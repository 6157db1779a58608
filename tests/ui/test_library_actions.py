"""Templates, duplicate, copy and move in the editor (issue 19): one undo step each."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from ropa_desktop.interchange import templates as tl
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import library_actions as lib
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow
from tests.ui.conftest import OrganisationDialogRecorder


def _purposes(window: MainWindow) -> list[str]:
    model = window.editor.purpose_model
    return [str(model.index(r, pm.PURPOSE).data()) for r in range(model.rowCount())]


def _pick(monkeypatch: pytest.MonkeyPatch, ids: list[str]) -> None:
    def accept(dialog: lib.TemplatePickerDialog) -> int:
        dialog.check(ids)
        dialog.accept()
        return QDialog.DialogCode.Accepted if dialog.result() == QDialog.DialogCode.Accepted else 0

    monkeypatch.setattr(lib.TemplatePickerDialog, "exec", accept)


def test_a_new_register_starts_from_the_chosen_templates(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    organisation_dialog: OrganisationDialogRecorder,
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "ny æ"), ""))
    _pick(monkeypatch, ["accounting", "cctv"])
    window.menu_actions["new"].trigger()
    assert len(organisation_dialog.shown) == 1  # the new register's own details come first
    assert _purposes(window) == [
        "Accounting and bookkeeping",
        "Camera surveillance to prevent and investigate burglary, theft and vandalism",
    ]


def test_new_activity_from_template_duplicate_and_undo(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.create_register(tmp_path / "t.ropa", "T AS")
    _pick(monkeypatch, ["newsletter"])
    window.menu_actions["from_template"].trigger()
    assert _purposes(window) == ["Send newsletters and marketing by e-mail"]
    window.menu_actions["duplicate"].trigger()
    assert _purposes(window) == ["Send newsletters and marketing by e-mail"] * 2
    assert window.menu_actions["undo"].text() == "&Undo duplicate of an activity"
    window.menu_actions["undo"].trigger()
    window.menu_actions["undo"].trigger()
    assert _purposes(window) == []
    assert window.session is not None
    assert window.session.register.snapshot().organisations[0].data_subjects == []


def test_a_picker_without_a_tick_says_so(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(lib, "inform", lambda parent, title, text, warning=False: shown.append(text))
    dialog = lib.TemplatePickerDialog("x", "y", window)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert shown == ["Tick at least one template."] and dialog.result() != QDialog.DialogCode.Accepted


def test_save_as_template_offers_it_next_time(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.create_register(tmp_path / "t.ropa", "T AS")
    _pick(monkeypatch, ["website"])
    window.menu_actions["from_template"].trigger()
    made = lib.save_as_template(window, title="Vår nettside")
    assert made is not None and made.id == "var-nettside"
    assert "var-nettside" in [t.id for t in tl.user_library()]
    dialog = lib.TemplatePickerDialog("x", "y", window)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[-1] == "Vår nettside (your own)"
    exported = tmp_path / "del ø.json"
    assert dialog.export_library(exported)
    assert [t.id for t in tl.parse_library(exported.read_bytes())] == ["var-nettside"]
    dialog.deleteLater()


def test_move_to_another_organisation_is_one_undo_step(window: MainWindow, tmp_path: Path) -> None:
    assert window.create_register(tmp_path / "t.ropa", "T AS")
    assert window.session is not None
    window.session.perform(ops.Create("organisation", {"name": "Datter AS"}), "x")
    lib.new_activity_from_template(window, tl.find(["payroll", "recruitment"]))
    window.editor.select_activity(window.editor.purpose_model.activity_at(0).id)  # type: ignore[union-attr]
    assert lib.copy_or_move(window, target_org=2, move=True) == 1
    assert _purposes(window) == ["Recruitment of new staff"]
    orgs = window.session.register.snapshot().organisations
    assert [a.activity.purpose for a in orgs[1].activities] == ["Payroll and personnel administration"]
    assert len(orgs[1].recipients) == 3
    window.menu_actions["undo"].trigger()
    assert _purposes(window) == ["Payroll and personnel administration", "Recruitment of new staff"]
    assert window.session.register.snapshot().organisations[1].activities == []


def test_copy_to_another_file(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "annen fil.ropa"
    with RegisterFile.create(other) as reg:
        reg.apply(ops.Create("organisation", {"name": "Annen AS"}))
    assert window.create_register(tmp_path / "t.ropa", "T AS")
    lib.new_activity_from_template(window, tl.find(["cctv"]))
    window.editor.purpose_table.setCurrentIndex(window.editor.purpose_model.index(0, 0))
    assert lib.copy_or_move(window, target_file=other, move=True) == 1
    assert _purposes(window) == []
    with RegisterFile.open(other, readonly=True) as reg:
        org = reg.snapshot().organisations[0]
        assert org.activities[0].activity.purpose.startswith("Camera surveillance")
        assert {c.name for c in org.data_subjects} == {"Visitors", "Employees"}
    window.menu_actions["undo"].trigger()  # the move's removal here is undoable here
    assert len(_purposes(window)) == 1
    assert window.menu_actions["duplicate"].isEnabled()
