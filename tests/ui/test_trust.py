"""Issue 12, "Trust in the editor": each of the seven problems a new user met, reproduced and fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from ropa_desktop import cli
from ropa_desktop.interchange.json_format import export_json
from ropa_desktop.store import access
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.organisation_dialog import OrganisationDialog
from tests.ui.conftest import DialogRecorder, ImportRecorder, OrganisationDialogRecorder

ALL_DETAILS = {
    "name": "Rørlegger Hansen AS",
    "orgnr": "917 100 462",
    "address": "Storgata 1, 0155 Oslo",
    "email": "personvern@hansen.example",
    "phone": "+47 22 00 00 00",
    "contact_person": "Kari Hansen",
    "dpo_name": "Ola Nordmann",
    "dpo_contact": "pvo@hansen.example",
    "representative_name": "Hansen EU GmbH",
    "representative_contact": "Berlin",
    "joint_controllers": "Rørleggerkjeden SA (felles kundeklubb)",
    "is_controller": True,
    "is_processor": True,
    "notes": "Registrert i Brønnøysund.",
}


def _export(register: RegisterFile, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(export_json(register), encoding="utf-8")
    return path


# ---------------------------------------------------------------------- 1. edits are never silently lost


def test_reopening_an_imported_json_offers_the_register_with_the_edits(
    window: MainWindow, dialogs: DialogRecorder, imports: ImportRecorder, promeister: RegisterFile, tmp_path: Path
) -> None:
    source = _export(promeister, tmp_path / "klient å" / "register.json")
    before = source.read_bytes()
    assert window.open_file(source)
    target = source.with_suffix(".ropa")
    assert imports.asked == [(source, target)]  # the user places it; beside the source by default
    assert window.session is not None and window.session.register.path == target
    model = window.editor.purpose_model
    assert model.setData(model.index(0, pm.PURPOSE), "Endret formål")
    window.close_register()
    assert st.recent_files() == [target.resolve()]  # the register, never the source
    assert window.start.recent.item(0).text().startswith("register.ropa")

    dialogs.answer = "Open the register"
    assert window.open_file(source)
    assert dialogs.shown[-1][0] == "importedBeforeDialog" and str(target.resolve()) in dialogs.shown[-1][1]
    assert len(imports.asked) == 1  # not imported over the edits
    assert window.editor.purpose_model.index(0, pm.PURPOSE).data() == "Endret formål"
    assert source.read_bytes() == before

    # Another client's file with the same name becomes its own register, beside it.
    other = _export(promeister, tmp_path / "klient b" / "register.json")
    assert window.open_file(other)
    assert window.session is not None and window.session.register.path == other.with_suffix(".ropa")
    window.close_register()
    with RegisterFile.open(target, readonly=True) as first:
        assert first.snapshot().organisations[0].activities[0].activity.purpose == "Endret formål"


def test_importing_again_asks_where_and_cancel_writes_nothing(
    window: MainWindow, dialogs: DialogRecorder, imports: ImportRecorder, promeister: RegisterFile, tmp_path: Path
) -> None:
    source = _export(promeister, tmp_path / "register.json")
    assert window.open_file(source)
    window.close_register()
    dialogs.answer = "Import again…"
    imports.cancel = True
    assert not window.open_file(source)
    assert len(imports.asked) == 2 and window.session is None
    assert st.recent_files() == [source.with_suffix(".ropa").resolve()]


# ---------------------------------------------------------------------- 2. the organisation's own details


def test_organisation_details_from_an_empty_register(
    window: MainWindow, organisation_dialog: OrganisationDialogRecorder, tmp_path: Path, qtbot: QtBot
) -> None:
    assert window.create_register(tmp_path / "tom.ropa", "Tom AS")
    assert window.session is not None
    side = window.sidebar
    organisation_dialog.fill = dict(ALL_DETAILS)
    side.add_organisation()  # adding asks for every detail at once
    new_id = side.current()
    assert new_id is not None and new_id[0] != 1
    stored = rm.organisation_details(window.session.register, new_id[0])
    assert stored is not None
    assert {k: stored[k] for k in ALL_DETAILS} == ALL_DETAILS
    assert window.session.undo_stack.count() == 1

    # The first organisation: double-click, Enter and the context menu all open the dialog.
    side.select(1)
    organisation_dialog.fill = {"orgnr": "917100462", "address": "Kirkegata 2", "dpo_name": "Per"}
    side.tree.itemDoubleClicked.emit(side.tree.currentItem(), 0)
    assert len(organisation_dialog.shown) == 2
    stored = rm.organisation_details(window.session.register, 1)
    assert stored is not None and (stored["orgnr"], stored["address"], stored["dpo_name"]) == (
        "917100462",
        "Kirkegata 2",
        "Per",
    )
    assert window.session.undo_stack.count() == 2  # three fields, one undo step
    window.menu_actions["undo"].trigger()
    stored = rm.organisation_details(window.session.register, 1)
    assert stored is not None and (stored["orgnr"], stored["address"], stored["dpo_name"]) == ("", "", "")
    organisation_dialog.fill = {}
    qtbot.keyClick(side.tree, Qt.Key.Key_Return)
    assert len(organisation_dialog.shown) == 3
    menu = side.context_menu()
    details = next(a for a in menu.actions() if a.text() == "Organisation details…")
    assert details.isEnabled()
    details.trigger()
    assert len(organisation_dialog.shown) == 4


def test_orgnr_is_checked_as_you_type(qtbot: QtBot) -> None:
    dialog = OrganisationDialog({"name": "Test AS", "country": "NO"})
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    orgnr = dialog.line("orgnr")
    for typed, valid in (("917 100 46", False), ("917 100 463", False), ("917 100 462", True), ("", True)):
        orgnr.setText(typed)
        assert ok.isEnabled() is valid, typed
        assert dialog.orgnr_status.isHidden() is valid, typed
    orgnr.setText("917100463")
    assert "check digit" in dialog.orgnr_status.text()
    foreign = OrganisationDialog({"name": "Acme Ltd", "country": "GB", "orgnr": "01234567"})
    qtbot.addWidget(foreign)
    assert foreign.buttons.buttons()[0].isEnabled()  # other countries' numbers are not Norwegian ones


def test_organisation_finding_opens_the_dialog_on_its_field(
    window: MainWindow, organisation_dialog: OrganisationDialogRecorder, tmp_path: Path, qtbot: QtBot
) -> None:
    assert window.create_register(tmp_path / "tom.ropa", "Tom AS")
    editor = window.editor
    editor.refresh_findings()
    with qtbot.waitSignal(editor.findings_updated, timeout=10000):
        pass
    findings = editor.findings.model._findings
    missing = next(f for f in findings if f.rule_id == "organisation.orgnr.missing")
    row = findings.index(missing)
    organisation_dialog.fill = {"orgnr": "917100462"}
    editor.findings.view.activated.emit(editor.findings.model.index(row, 1))
    assert organisation_dialog.focused == ["orgnr"]
    assert window.session is not None
    stored = rm.organisation_details(window.session.register, 1)
    assert stored is not None and stored["orgnr"] == "917100462"


# ---------------------------------------------------------------------- 3. read-only, and why


@pytest.mark.parametrize(
    ("probe", "reason"),
    [("file_writable", "permission to change"), ("folder_writable", "cannot be written to")],
)
def test_read_only_file_or_folder_opens_read_only_and_says_why(
    window: MainWindow,
    dialogs: DialogRecorder,
    promeister_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    probe: str,
    reason: str,
) -> None:
    """As root chmod does not bite: the file system's refusal is simulated at the diagnosis probe (the
    real refusal, a read-only mount, is tested in tests/core/test_opening_access.py)."""
    dialogs.answer = "Open read-only"
    with monkeypatch.context() as simulated:
        simulated.setattr(access, probe, lambda path: False)
        assert window.open_file(promeister_path)
    name, text = dialogs.shown[0]
    assert name == "inUseDialog" and reason in text
    assert "another window" not in text and "damaged" not in text
    session = window.session
    assert session is not None and session.readonly
    editor = window.editor
    assert not editor.readonly_banner.isHidden() and reason in editor.readonly_text.text()
    assert editor.save_copy_button.isVisibleTo(window)
    failed: list[str] = []
    session.failed.connect(failed.append)
    model = editor.purpose_model
    assert not model.flags(model.index(0, pm.PURPOSE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, pm.PURPOSE), "changed")
    combos = [w for w in editor.detail.widgets.values() if isinstance(w, QComboBox)]
    assert combos and not any(c.isEnabled() for c in combos)
    assert failed == []  # editing is off, not silently reverted with an error
    # "Save a copy…" gives an editable register.
    copy = tmp_path / "kopi æøå.ropa"
    assert window.save_copy_to(copy)
    assert window.session is not None and not window.session.readonly and window.session.register.path == copy
    assert editor.readonly_banner.isHidden()


def test_damaged_register_is_called_damaged(window: MainWindow, dialogs: DialogRecorder, promeister_path: Path) -> None:
    data = promeister_path.read_bytes()
    promeister_path.write_bytes(data[: len(data) // 2])
    assert not window.open_file(promeister_path)
    assert [n for n, _t in dialogs.shown] == ["errorDialog"] and "damaged" in dialogs.shown[0][1]


# ---------------------------------------------------------------------- 4. the wheel never changes data


def _wheel(widget: QWidget, notches: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _value(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    assert isinstance(widget, QAbstractSpinBox)
    return widget.text()


def test_scrolling_over_the_detail_pane_changes_nothing(
    window: MainWindow, promeister_path: Path, qtbot: QtBot
) -> None:
    assert window.open_file(promeister_path)
    window.activateWindow()
    qtbot.waitExposed(window)
    editor = window.editor
    editor.purpose_table.selectRow(0)
    editor.purpose_table.setFocus()
    guarded = [w for w in editor.detail.findChildren(QWidget) if isinstance(w, QComboBox | QAbstractSpinBox)]
    visible = [w for w in guarded if w.isVisibleTo(editor.detail) and w.isEnabled()]
    assert len(visible) >= 5  # retention unit, counted from, DPIA need, DPIA status, status, period
    before = {id(w): _value(w) for w in visible}
    for widget in visible:
        for notches in (-1, 1, -3):
            _wheel(widget, notches)
        assert _value(widget) == before[id(widget)], widget.accessibleName()
    assert window.session is not None and window.session.undo_stack.count() == 0
    # With the focus in it, the wheel still works: the filter holds back only unfocused widgets.
    spin = next(w for w in visible if isinstance(w, QSpinBox))
    spin.setFocus()
    if spin.hasFocus():
        _wheel(spin, 1)
        assert _value(spin) != before[id(spin)]


def test_organisation_dialog_has_no_wheel_traps(qtbot: QtBot) -> None:
    dialog = OrganisationDialog(dict(ALL_DETAILS))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.line("name").setFocus()
    traps = [w for w in dialog.findChildren(QWidget) if isinstance(w, QComboBox | QAbstractSpinBox)]
    assert traps, "the DPO-required choice is a combo box: it must be guarded"
    before = {id(w): _value(w) for w in traps}
    for widget in traps:
        _wheel(widget, -1)
        _wheel(widget, 1)
    assert {id(w): _value(w) for w in traps} == before
    assert dialog.changes() == {}


# ---------------------------------------------------------------------- 5. undo in view; findings of this organisation


def test_undo_shows_the_change_it_undid(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    sharing, sharing_model = editor.record_tables[0], editor.record_models[0]
    editor.tabs.setCurrentWidget(sharing)
    name_column = [c.field for c in sharing_model.spec.columns].index("name")
    record = sharing_model.record_at(1)
    assert record is not None
    assert sharing_model.setData(sharing_model.index(1, name_column), "Visma Software AS (endret)")
    editor.tabs.setCurrentWidget(editor.purpose_table)
    editor.purpose_table.selectRow(4)
    window.menu_actions["undo"].trigger()
    assert editor.tabs.currentWidget() is sharing
    current = sharing_model.record_at(sharing.currentIndex().row())
    assert current is not None and current["id"] == record["id"] and current["name"] == record["name"]
    assert window.session is not None
    text = window.session.undo_stack.text(0)
    assert text.startswith("edit of ")
    assert window.statusBar().currentMessage() == f"Undid: {text}"
    editor.tabs.setCurrentWidget(editor.purpose_table)
    window.menu_actions["redo"].trigger()
    assert editor.tabs.currentWidget() is sharing
    assert window.statusBar().currentMessage() == f"Redid: {text}"


def test_undo_of_a_purpose_edit_selects_its_row(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    model = editor.purpose_model
    activity = model.activity_at(6)
    assert activity is not None
    assert model.setData(model.index(6, pm.PURPOSE), "Nytt formål")
    editor.purpose_table.selectRow(0)
    editor.tabs.setCurrentWidget(editor.record_tables[2])
    window.menu_actions["undo"].trigger()
    assert editor.tabs.currentWidget() is editor.purpose_table
    assert editor.current_activity_id() == activity.id
    assert window.statusBar().currentMessage() == "Undid: edit of Purpose"


def test_findings_show_the_current_organisation_or_all(window: MainWindow, promeister_path: Path, qtbot: QtBot) -> None:
    assert window.open_file(promeister_path)
    assert window.session is not None
    window.session.perform(ops.Create("organisation", {"name": "Tom AS"}), "addition")
    editor = window.editor
    editor.refresh_findings()
    with qtbot.waitSignal(editor.findings_updated, timeout=10000):
        pass
    pane = editor.findings
    shown = {f.organisation_id for f in pane.model._findings}
    assert shown == {editor.organisation_id}
    pane.show_all.setChecked(True)
    assert {f.organisation_id for f in pane.model._findings} == {1, 2}
    pane.show_all.setChecked(False)
    window.sidebar.select(2)
    assert {f.organisation_id for f in pane.model._findings} == {2}


# ---------------------------------------------------------------------- 6. import problems in full


def test_import_problems_are_listed_like_ropa_import(
    window: MainWindow,
    imports: ImportRecorder,
    promeister: RegisterFile,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = json.loads(export_json(promeister))
    activities = doc["organisations"][0]["activities"]
    activities[0]["legal_basis"] = ["z"]
    activities[2]["status"] = "bogus"
    activities[3]["dpia_need"] = 7
    source = tmp_path / "feil.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert not window.open_file(source)
    assert window.session is None and not source.with_suffix(".ropa").exists()
    assert len(imports.problems) == 1
    assert cli.main(["import", str(source), "-o", str(tmp_path / "cli.ropa")]) == 2
    cli_lines = [line.strip() for line in capsys.readouterr().err.splitlines()[1:]]
    assert len(cli_lines) >= 3
    assert imports.problems[0].splitlines() == cli_lines


def test_import_problems_can_be_copied(qtbot: QtBot) -> None:
    from ropa_desktop.errors import ImportProblems
    from ropa_desktop.ui.importing import ImportProblemsDialog

    error = ImportProblems(["Purposes, row 4, Legal basis: unknown value «z»", "line 7: not valid JSON"])
    dialog = ImportProblemsDialog(Path("a.xlsx"), error)
    qtbot.addWidget(dialog)
    dialog.copy()
    assert QGuiApplication.clipboard().text() == "\n".join(error.problems)


# ---------------------------------------------------------------------- 7. the open file, Undo on the start screen, sidecars


def test_opening_the_open_file_focuses_it(window: MainWindow, dialogs: DialogRecorder, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    session = window.session
    assert window.open_file(promeister_path)
    assert dialogs.shown == [] and window.session is session
    assert session is not None and not session.readonly
    assert "already open" in window.statusBar().currentMessage()


def test_undo_and_redo_are_off_without_a_register(window: MainWindow, promeister_path: Path) -> None:
    assert not window.menu_actions["undo"].isEnabled() and not window.menu_actions["redo"].isEnabled()
    assert window.open_file(promeister_path)
    window.close_register()
    assert not window.menu_actions["undo"].isEnabled() and not window.menu_actions["redo"].isEnabled()


def test_closing_leaves_no_sidecar_files(window: MainWindow, promeister_path: Path, qtbot: QtBot) -> None:
    before = sorted(p.name for p in promeister_path.parent.iterdir())
    assert window.open_file(promeister_path)
    model = window.editor.purpose_model
    assert model.setData(model.index(0, pm.PURPOSE), "Endret")
    window.editor.refresh_findings()
    window.close_register()
    after = sorted(p.name for p in promeister_path.parent.iterdir())
    leftovers = [n for n in after if n.endswith(("-wal", "-shm", "-journal"))]
    assert leftovers == []
    # Only the lock file may stay (unlinking a held POSIX lock is racy; see the report); settings live here too.
    assert [n for n in after if n not in before and not n.startswith(".~lock.") and n != "settings"] == []


# ---------------------------------------------------------------------- every finding leads somewhere


@pytest.mark.parametrize("rule_id", sorted(__import__("tests.core.test_checks", fromlist=["GAPS"]).GAPS))
def test_every_finding_focuses_its_record_and_field(
    window: MainWindow, organisation_dialog: OrganisationDialogRecorder, tmp_path: Path, rule_id: str
) -> None:
    from ropa_desktop.checks.engine import run_checks
    from ropa_desktop.checks.locations import location_of
    from ropa_desktop.interchange import json_format as jf
    from ropa_desktop.ui.detail_pane import FIELD_NAMES
    from ropa_desktop.ui.editor import EDITED_IN
    from ropa_desktop.ui.tables import RecordTable
    from tests.core.test_checks import GAPS, TODAY, _mutated

    path = tmp_path / "gap.ropa"
    jf.import_document(_mutated(GAPS[rule_id]), path).close()
    assert window.open_file(path)
    assert window.session is not None
    findings = [f for f in run_checks(window.session.register.snapshot(), today=TODAY) if f.rule_id == rule_id]
    assert findings
    editor = window.editor
    for finding in findings:
        editor.tabs.setCurrentIndex(editor.tabs.count() - 1)  # start somewhere else
        assert editor.show_finding(finding), finding
        place = location_of(finding.rule_id, finding.entity, finding.field)
        focus = window.focusWidget()
        if place.entity == "organisation":
            assert organisation_dialog.focused[-1] == place.field
        elif place.entity == "activity":
            assert editor.current_activity_id() == finding.record_id
            if place.field in FIELD_NAMES:
                target = editor.detail.widgets[place.field]
                assert focus is target or target.isAncestorOf(focus), (place, focus)
                assert target.isVisibleTo(editor.detail)
            else:
                assert focus is editor.purpose_table
                assert editor.purpose_table.currentIndex().column() == pm.FIELD_COLUMN[place.field]
        else:
            table = editor.current_table()
            assert isinstance(table, RecordTable) and table.spec.entity == place.entity and focus is table
            if place.field:
                column = table.spec.columns[table.currentIndex().column()].field
                assert column in (place.field, EDITED_IN.get(place.field))
                record = table.model().record_at(table.currentIndex().row())  # type: ignore[attr-defined]
                assert record["id"] == finding.record_id
