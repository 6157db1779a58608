"""Sidebar, processor register, exports off the GUI thread, drag and drop, settings."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import sidebar as sidebar_module
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.settings import app_settings
from tests import promeister as sample
from tests.ui.conftest import DialogRecorder, OrganisationDialogRecorder


def test_organisations_add_rename_remove_with_confirmation(
    window: MainWindow,
    dialogs: DialogRecorder,
    promeister_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    organisation_dialog: OrganisationDialogRecorder,
) -> None:
    assert window.open_file(promeister_path)
    side = window.sidebar
    answers = iter(["Mestergruppen Holding AS"])
    monkeypatch.setattr(sidebar_module, "ask_text", lambda *args: next(answers))
    organisation_dialog.fill = {"name": "Mestergruppen AS"}
    side.add_organisation()
    names = [side.tree.topLevelItem(i).text(0) for i in range(side.tree.topLevelItemCount())]
    assert names == ["ProMeister Solutions AS", "Mestergruppen AS"]
    assert side.current() == (2, "controller")
    assert "Mestergruppen AS" in window.windowTitle()
    side.rename_organisation()
    assert side.tree.topLevelItem(1).text(0) == "Mestergruppen Holding AS"
    dialogs.answer = "Cancel"
    side.remove_organisation()
    assert side.tree.topLevelItemCount() == 2
    dialogs.answer = "Remove"
    side.remove_organisation()
    assert side.tree.topLevelItemCount() == 1
    assert "Remove Mestergruppen Holding AS" in dialogs.shown[-1][1]
    window.menu_actions["undo"].trigger()
    assert side.tree.topLevelItemCount() == 2


def test_processor_register_is_shown_apart(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "dp.ropa"
    with RegisterFile.create(path) as reg:
        org = reg.apply(ops.Create("organisation", {"name": "Regnskap AS", "is_processor": True})).record_id
        reg.apply(
            ops.Create(
                "activity",
                {"organisation_id": org, "purpose": "Føre regnskap for kunder", "register_kind": "processor"},
            )
        )
        reg.apply(ops.Create("activity", {"organisation_id": org, "purpose": "Lønn til egne ansatte"}))
    assert window.open_file(path)
    top = window.sidebar.tree.topLevelItem(0)
    assert top.childCount() == 1 and top.child(0).text(0) == "Processor register"
    assert window.editor.purpose_model.index(0, 0).data() == "Lønn til egne ansatte"
    window.sidebar.tree.setCurrentItem(top.child(0))
    model = window.editor.purpose_model
    assert model.register_kind == "processor" and model.rowCount() == 1
    assert model.index(0, 0).data() == "Føre regnskap for kunder"


def test_export_runs_in_background_with_progress(
    qtbot: QtBot, window: MainWindow, promeister_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int]] = []

    def export_xlsx(snapshot: Any, destination: Path, translator: Any, progress: Callable[[int, int], bool]) -> None:
        for i in range(3):
            calls.append((i, 3))
            assert progress(i, 3)
        destination.write_text(str(snapshot.activity_count), encoding="utf-8")

    fake = types.ModuleType("ropa_desktop.exports.xlsx")
    fake.export_xlsx = export_xlsx  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ropa_desktop.exports.xlsx", fake)
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.open_file(promeister_path)
    action = window.menu_actions["export_xlsx"]
    assert action.isEnabled()
    assert window.menu_actions["export_pdf"].isEnabled()  # the PDF export is installed
    action.trigger()
    qtbot.waitUntil(lambda: target.exists() and "Exported" in window.statusBar().currentMessage(), timeout=30000)
    assert target.read_text(encoding="utf-8") == str(len(sample.activities()))
    assert calls == [(0, 3), (1, 3), (2, 3)]


def test_drop_a_register_opens_it(window: MainWindow, promeister_path: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(promeister_path))])
    event = QDropEvent(
        QPointF(QPoint(10, 10)),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.session is not None and window.session.register.path == promeister_path


def test_column_widths_are_remembered(qtbot: QtBot, dialogs: DialogRecorder, promeister_path: Path) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.open_file(promeister_path)
    first.resize(1366, 768)
    first.show()
    before = first.editor.purpose_table.sharing_header.shares[0]
    first.editor.purpose_table.setColumnWidth(0, 333)  # as a drag of the border does
    share = first.editor.purpose_table.sharing_header.shares[0]
    assert share != pytest.approx(before)
    first.editor.record_tables[0].setColumnWidth(0, 277)
    first.close()
    assert app_settings().value("columns/purposeShares") is not None
    second = MainWindow()
    qtbot.addWidget(second)
    # The purpose columns keep their shares of the width (they always fill it); the others their widths.
    assert second.editor.purpose_table.sharing_header.shares[0] == pytest.approx(share, abs=0.002)
    assert second.editor.record_tables[0].columnWidth(0) == 277
    second.close()


def test_choice_editors_for_role_country_and_agreement(window: MainWindow, promeister_path: Path) -> None:
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    from ropa_desktop.ui import record_model as rec

    assert window.open_file(promeister_path)
    table = window.editor.record_tables[0]
    model = table.model()
    assert isinstance(model, rec.RecordTableModel)
    delegate = table.itemDelegate()
    record_id = model.index(0, 0).data(rec.ID_ROLE)
    for column, label, expected in ((1, "Public authority", "public_authority"), (5, "Sweden", "SE")):
        # The sharing table is grouped by role: a new role moves the row into its group.
        index = model.index(model.row_of(record_id) or 0, column)
        editor = delegate.createEditor(table.viewport(), QStyleOptionViewItem(), index)
        assert isinstance(editor, QComboBox)
        delegate.setEditorData(editor, index)
        editor.setCurrentIndex(editor.findText(label))
        delegate.setModelData(editor, model, index)
        assert model.index(model.row_of(record_id) or 0, column).data(rec.VALUE_ROLE) == expected
    row = model.row_of(record_id)
    assert row is not None and row > 0  # after the independent controllers
    assert model.index(row, 6).data() == "Not applicable"  # no art. 28 agreement for an authority


def _inside(widget: Any, kinds: tuple[type, ...]) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent()
    return False


def test_every_control_has_an_accessible_name(window: MainWindow, promeister_path: Path) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

    assert window.open_file(promeister_path)
    unnamed = []
    for kind in (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox):
        for widget in window.findChildren(kind):
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or _inside(widget, (QComboBox, QSpinBox)):
                continue  # the parts of a combo box or spin box are named by it
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or text):
                unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_opening_shows_the_table_first_and_says_checking_until_the_findings_are_in(
    window: MainWindow, promeister_path: Path
) -> None:
    opened: list[str] = []
    window.editor.findings_updated.connect(lambda: opened.append(window.editor.findings.summary.text()))
    assert window.open_file(promeister_path)
    # Opening returns with the rows in the table and the checks not yet run.
    assert window.editor.purpose_model.rowCount() > 0
    assert window.editor.findings.summary.text() == "Checking…"
    assert window.editor.findings.model.rowCount() == 0
    window.editor.wait_for_background()
    QApplication.processEvents()
    assert opened and "finding" in opened[0]
    assert window.editor.findings.model.rowCount() > 0


def test_opening_reads_the_register_into_the_table_once(
    window: MainWindow, promeister_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = window.editor.purpose_model
    loads: list[int] = []
    original = model.load

    def spy(*args: Any, **kwargs: Any) -> None:
        loads.append(args[1])
        original(*args, **kwargs)

    monkeypatch.setattr(model, "load", spy)
    assert window.open_file(promeister_path)
    assert loads == [1]  # the sidebar's selection of the first organisation loads it, and only that
