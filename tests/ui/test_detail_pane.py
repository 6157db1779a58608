"""The detail pane: the controller a processor activity serves (art. 30(2)), and organisation-wide measures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel

from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui.main_window import MainWindow


def _register(path: Path) -> None:
    with RegisterFile.create(path) as reg:
        org = reg.apply(ops.Create("organisation", {"name": "Regnskap AS", "is_processor": True})).record_id
        reg.apply(ops.Create("client", {"organisation_id": org, "name": "Bakeri Nord AS", "orgnr": "917100462"}))
        reg.apply(
            ops.Create(
                "activity",
                {"organisation_id": org, "purpose": "Føre regnskap for kunder", "register_kind": "processor"},
            )
        )
        reg.apply(ops.Create("activity", {"organisation_id": org, "purpose": "Lønn til egne ansatte"}))


def test_controller_served_is_chosen_saved_and_undone(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "dp.ropa"
    _register(path)
    assert window.open_file(path)
    clients = next(m for m in window.editor.record_models if m.spec.entity == "client")
    assert clients.rowCount() == 1 and clients.index(0, 0).data() == "Bakeri Nord AS"

    combo = window.editor.detail.widgets["client_id"]
    assert isinstance(combo, QComboBox)
    assert combo.isHidden()  # the controller register's activity has no controller to serve

    top = window.sidebar.tree.topLevelItem(0)
    processor_node = top.child(0) if top is not None else None
    assert processor_node is not None
    window.sidebar.tree.setCurrentItem(processor_node)
    window.editor.purpose_table.selectRow(0)
    assert not combo.isHidden()
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "Bakeri Nord AS"]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)

    assert window.session is not None
    register = window.session.register
    processor_activity = register.snapshot().organisations[0].activities_of("processor")[0].activity
    client_id = register.snapshot().organisations[0].clients[0].id
    assert processor_activity.client_id == client_id
    window.session.undo_stack.undo()
    assert register.snapshot().organisations[0].activities_of("processor")[0].activity.client_id is None


def test_detail_pane_counts_organisation_wide_measures(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "m.ropa"
    with RegisterFile.create(path) as reg:
        org = reg.apply(ops.Create("organisation", {"name": "Tiltak AS"})).record_id
        reg.apply(
            ops.Create(
                "security_measure",
                {"organisation_id": org, "name": "Tilgangsstyring", "kind": "access_control", "applies_to_all": True},
            )
        )
        reg.apply(ops.Create("activity", {"organisation_id": org, "purpose": "Lønn"}))
    assert window.open_file(path)
    window.editor.purpose_table.selectRow(0)
    text = window.editor.detail.widgets["security_measures"].findChild(QLabel, "text")
    assert text is not None and text.text() == "• Tilgangsstyring (all activities)"


def test_the_pane_keeps_catalogues_across_activity_edits_and_rereads_them_after_a_rename(
    window: MainWindow, promeister_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from ropa_desktop.store import readmodel as rm
    from ropa_desktop.ui import purpose_model as pm

    assert window.open_file(promeister_path)
    editor, session = window.editor, window.session
    assert session is not None
    editor.tabs.setCurrentWidget(editor.purpose_table)
    editor.purpose_table.setCurrentIndex(editor.purpose_model.index(0, pm.PURPOSE))
    QApplication.processEvents()
    shown = editor.detail.record
    assert shown is not None and shown.data_subject_ids
    catalogues = editor.detail.org
    assert editor.purpose_model.setData(editor.purpose_model.index(0, pm.PURPOSE), "Brukerstøtte")
    assert editor.detail.org is catalogues  # an activity edit: the catalogues were not read again
    assert editor.detail.title.text() == "Brukerstøtte"

    subject = shown.data_subject_ids[0]
    assert session.perform(ops.Update("data_subject", subject, {"name": "Kursdeltakere og lærlinger"}), "rename")
    assert editor.detail.org is not catalogues
    label = editor.detail.widgets["data_subjects"].findChild(QLabel, "text")
    assert label is not None and "Kursdeltakere og lærlinger" in label.text()

    # The row the table shows after an edit comes from the pane's read: the same as the table's own read.
    for index in range(editor.purpose_model.rowCount()):
        row = editor.purpose_model.activity_at(index)
        assert row is not None
        found = rm.activity_detail(session.register, editor.organisation_id, row.id)
        assert found is not None
        assert rm.activity_row_of(found[1]) == rm.activity_row(session.register, row.id)
