"""The editor reads and writes the version-2 fields: flags, legal bases for parts, the DPIA screening, tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel

from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import legal_dialogs
from ropa_desktop.ui.detail_pane import DetailField
from ropa_desktop.ui.main_window import MainWindow


def _register(path: Path) -> None:
    with RegisterFile.create(path) as reg:
        org = reg.apply(ops.Create("organisation", {"name": "Flåte AS"})).record_id
        cat = reg.apply(ops.Create("personal_data", {"organisation_id": org, "name": "Kjøretøyposisjon"})).record_id
        act = reg.apply(ops.Create("activity", {"organisation_id": org, "purpose": "Flåtestyring"})).record_id
        reg.apply(ops.SetLinks("activity.personal_data", act or 0, (cat or 0,)))
        reg.apply(ops.Create("recipient", {"organisation_id": org, "name": "Skatteetaten", "role": "public_authority"}))


def _activity(window: MainWindow) -> object:
    assert window.session is not None
    return window.session.register.snapshot().organisations[0].activities[0].activity


def test_flags_screening_and_legal_bases(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flåte æøå.ropa"
    _register(path)
    assert window.open_file(path)
    window.editor.purpose_table.selectRow(0)
    detail = window.editor.detail
    screening = detail.widgets["dpia_answers"].findChild(QLabel, "text")
    assert screening is not None
    # Location data ("posisjon") alone: one criterion, recommended.
    assert "DPIA recommended" in screening.text() and "Kjøretøyposisjon" in screening.text()

    large = detail.widgets["large_scale"]
    assert isinstance(large, QCheckBox)
    large.setChecked(True)
    assert _activity(window).large_scale is True  # type: ignore[attr-defined]
    # Location data with one more criterion: on Datatilsynet's list.
    assert "DPIA required" in screening.text()
    assert "Location data, with one more criterion" in screening.text()
    window.session.undo_stack.undo()  # type: ignore[union-attr]
    assert _activity(window).large_scale is False  # type: ignore[attr-defined]

    # Override the derived sensitive-data criterion in the screening dialog.
    def answer(dialog: legal_dialogs.ScreeningDialog) -> int:
        row = dialog.keys.index("sensitive_data")
        item = dialog.table.item(row, 0)
        assert item is not None
        item.setCheckState(Qt.CheckState.Unchecked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(legal_dialogs.ScreeningDialog, "exec", answer)
    detail.edit_v2(next(f for f in _fields() if f.name == "dpia_answers"))
    assert _activity(window).dpia_answers == [{"criterion": "sensitive_data", "applies": False}]  # type: ignore[attr-defined]
    assert "DPIA not required" in screening.text()

    def bases(dialog: legal_dialogs.LegalBasesDialog) -> int:
        dialog.add_row({"basis": "f", "covers": "Kjørebok for ansatte", "balancing_test": "Vurdert"})
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(legal_dialogs.LegalBasesDialog, "exec", bases)
    detail.edit_v2(next(f for f in _fields() if f.name == "legal_bases"))
    assert _activity(window).legal_bases == [  # type: ignore[attr-defined]
        {"basis": "f", "covers": "Kjørebok for ansatte", "balancing_test": "Vurdert"}
    ]
    text = detail.widgets["legal_bases"].findChild(QLabel, "text")
    assert text is not None and "Kjørebok for ansatte" in text.text()


def _fields() -> tuple[DetailField, ...]:
    from ropa_desktop.ui.detail_pane import FIELDS

    return FIELDS


def test_sharing_table_writes_the_disclosure_law(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "s.ropa"
    _register(path)
    assert window.open_file(path)
    sharing = next(
        m
        for m in window.editor.record_models
        if m.spec.entity == "recipient" and "disclosure_law" in [c.field for c in m.spec.columns]
    )
    column = [c.field for c in sharing.spec.columns].index("disclosure_law")
    assert sharing.setData(sharing.index(0, column), "a-opplysningsloven § 4")
    assert window.session is not None
    rec = window.session.register.snapshot().organisations[0].recipients[0].recipient
    assert rec.disclosure_law == "a-opplysningsloven § 4"
    categories = next(m for m in window.editor.record_models if m.spec.entity == "personal_data")
    fields = [c.field for c in categories.spec.columns]
    assert categories.setData(categories.index(0, fields.index("retention_duration")), "5")
    assert not categories.setData(categories.index(0, fields.index("retention_duration")), "fem")
    cat = window.session.register.snapshot().organisations[0].personal_data[0]
    assert cat.retention_duration == 5
