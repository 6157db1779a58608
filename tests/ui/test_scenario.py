"""A user's session: new register, an activity added by keyboard, every column of both tables
edited, each edit undone and redone, the register closed, reopened and every value found."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from ropa_desktop.store import operations as ops
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui import record_model as rec
from ropa_desktop.ui.main_window import MainWindow
from tests import promeister as sample


def _add_activity_by_keyboard(qtbot: QtBot, window: MainWindow, purpose: str) -> None:
    editor = window.editor
    editor.purpose_table.setFocus()
    qtbot.keyClick(
        editor.purpose_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit), "a new row starts with its purpose being edited"
    qtbot.keyClicks(line, purpose)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    # The delegate commits the editor with a queued call.
    qtbot.waitUntil(lambda: editor.purpose_model.index(0, pm.PURPOSE).data() == purpose, timeout=30000)


def _edit_undo_redo(window: MainWindow, index_at: Callable[[], Any], value: Any, read: Callable[[], Any]) -> None:
    """Set one cell, check it, undo (old value back, Undo text names the column), redo."""
    before = read()
    model = index_at().model()
    assert model.setData(index_at(), value, Qt.ItemDataRole.EditRole)
    after = read()
    assert after != before
    undo = window.menu_actions["undo"]
    header = model.headerData(index_at().column(), Qt.Orientation.Horizontal)
    assert undo.text() == f"&Undo edit of {header}"
    undo.trigger()
    assert read() == before
    window.menu_actions["redo"].trigger()
    assert read() == after


def test_edit_everything_undo_redo_reopen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "kunde.ropa"
    assert window.create_register(path, "Verksted AS")
    assert "kunde.ropa" in window.windowTitle() and "Verksted AS" in window.windowTitle()
    editor = window.editor
    _add_activity_by_keyboard(qtbot, window, "Kundeservice")
    model = editor.purpose_model
    assert model.rowCount() == 1 and model.index(0, pm.PURPOSE).data() == "Kundeservice"
    assert window.session is not None
    register = window.session.register
    register.apply(ops.Create("personal_data", {"organisation_id": 1, "name": "Navn"}))
    model.reload()

    def cell(column: int) -> Callable[[], Any]:
        return lambda: model.index(0, column)

    def value(column: int) -> Callable[[], Any]:
        return lambda: model.index(0, column).data(pm.VALUE_ROLE)

    _edit_undo_redo(window, cell(pm.PURPOSE), "Kundeservice og support", value(pm.PURPOSE))
    _edit_undo_redo(window, cell(pm.PROCESSING), ["Svare på henvendelser", "Håndtere klager"], value(pm.PROCESSING))
    _edit_undo_redo(window, cell(pm.CATEGORIES), [1, "Kundens korrespondanse"], value(pm.CATEGORIES))
    basis = {"legal_basis": ["f"], "special_condition": None, "balancing_test": "Gjensidig behov."}
    _edit_undo_redo(window, cell(pm.LEGAL_BASIS), basis, value(pm.LEGAL_BASIS))
    _edit_undo_redo(window, cell(pm.RETENTION), "12 måneder etter avsluttet sak", value(pm.RETENTION))
    assert model.index(0, pm.LEGAL_BASIS).data() == "Legitimate interests ¹"

    # The sharing table: a new row, then every column.
    editor.tabs.setCurrentWidget(editor.record_tables[0])
    editor.add_row()
    sharing = editor.record_models[0]
    assert sharing.spec is rec.SHARING and sharing.rowCount() == 1
    edits: dict[str, Any] = {
        "name": "Statens vegvesen",
        "role": "public_authority",
        "purpose": "Registrere sertifiseringer",
        "personal_data": [1],
        "legal_basis": ["c"],
        "country": "NO",
        "dpa_in_place": False,
        # format version 2
        "disclosure_law": "yrkestransportlova § 9",
        "on_request_only": True,
        "arrangement_covers": "",
        "arrangement_contact": "",
        "arrangement_reference": "",
        "arrangement_date": None,
    }
    for column, spec in enumerate(rec.SHARING.columns):
        if spec.field.startswith("arrangement_"):
            continue  # the art. 26 arrangement is for joint controllers
        _edit_undo_redo(
            window,
            lambda c=column: sharing.index(0, c),  # type: ignore[misc]
            edits[spec.field],
            lambda c=column: sharing.index(0, c).data(rec.VALUE_ROLE),  # type: ignore[misc]
        )
    assert sharing.index(0, 5).data() == "Norway"
    assert sharing.index(0, 1).data() == "Public authority"

    window.close_register()
    assert window.session is None
    assert window.open_file(path)
    model = window.editor.purpose_model
    assert model.index(0, pm.PURPOSE).data() == "Kundeservice og support"
    assert model.index(0, pm.PROCESSING).data() == "• Svare på henvendelser\n• Håndtere klager"
    assert model.index(0, pm.CATEGORIES).data() == "• Navn\n• Kundens korrespondanse"
    assert model.index(0, pm.LEGAL_BASIS).data(pm.VALUE_ROLE)["balancing_test"] == "Gjensidig behov."
    assert model.index(0, pm.RETENTION).data() == "12 måneder etter avsluttet sak"
    sharing = window.editor.record_models[0]
    columns = rec.SHARING.columns
    assert [sharing.index(0, c).data(rec.VALUE_ROLE) for c in range(len(columns))] == [edits[s.field] for s in columns]


def test_detail_pane_edit_is_saved_and_undoable(qtbot: QtBot, window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    detail = window.editor.detail
    owner = detail.widgets["responsible_unit"]
    assert isinstance(owner, QLineEdit)
    owner.setText("Kundeservice")
    owner.editingFinished.emit()
    assert window.session is not None
    first = window.session.snapshot().organisations[0].activities[0].activity
    assert first.responsible_unit == "Kundeservice"
    assert window.menu_actions["undo"].text() == "&Undo edit of Owner (responsible unit)"
    assert window.statusBar().currentMessage() == "Saved"
    window.menu_actions["undo"].trigger()
    assert window.session.snapshot().organisations[0].activities[0].activity.responsible_unit == ""


def test_move_delete_and_finding_navigation(qtbot: QtBot, window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    model = editor.purpose_model
    first, second = model.index(0, 0).data(), model.index(1, 0).data()
    editor.purpose_table.setCurrentIndex(model.index(0, 0))
    window.menu_actions["move_down"].trigger()
    assert [model.index(0, 0).data(), model.index(1, 0).data()] == [second, first]
    assert editor.purpose_table.currentIndex().row() == 1
    window.menu_actions["delete"].trigger()
    assert model.rowCount() == len(sample.activities()) - 1
    window.menu_actions["undo"].trigger()
    assert model.rowCount() == len(sample.activities()) and model.index(1, 0).data() == first
    # The checks run in a background thread after each change.
    with qtbot.waitSignal(editor.findings_updated, timeout=30000):
        pass
    finding = next(f for f in editor.findings.model._findings if f.rule_id == "activity.marketing.basis")
    purpose = next(a["purpose"] for a in sample.activities() if a["id"] == finding.record_id)
    editor.purpose_table.setCurrentIndex(model.index(0, 0))
    editor.findings.view.activated.emit(editor.findings.model.index(editor.findings.model._findings.index(finding), 1))
    assert model.activity_at(editor.purpose_table.currentIndex().row()).purpose == purpose
    assert editor.purpose_table.currentIndex().column() == pm.LEGAL_BASIS
