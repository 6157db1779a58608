"""The editor's "Privacy notice…" window: live preview, gaps that lead to the field, Save as…."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from ropa_desktop.store import operations as ops
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.notice_view import NoticeView


def _open_notice(window: MainWindow) -> NoticeView:
    assert window.menu_actions["notice"].isEnabled()
    window.menu_actions["notice"].trigger()
    view = window.findChild(NoticeView, "noticeView")
    assert isinstance(view, NoticeView)
    return view


def test_the_preview_follows_the_register_and_gaps_lead_to_the_field(
    qtbot: QtBot, window: MainWindow, promeister_path: Path
) -> None:
    assert not window.menu_actions["notice"].isEnabled()
    assert window.open_file(promeister_path)
    view = _open_notice(window)
    snapshot = window.session.snapshot()  # type: ignore[union-attr]
    org = snapshot.organisations[0]
    text = view.preview.toPlainText()
    for record in org.activities:
        assert " ".join(record.activity.purpose.split())[:40] in " ".join(text.split())
    # Emptying a retention text makes a gap appear, pointing at that activity.
    first = org.activities[0].activity
    window.session.perform(ops.Update("activity", first.id, {"retention": "", "retention_duration": None}), "edit")  # type: ignore[union-attr]
    qtbot.waitUntil(
        lambda: any(g.field == "retention" and g.record_id == first.id for g in view.notice.gaps), timeout=3000
    )  # type: ignore[union-attr]
    gaps_before = view.gap_list.count()
    assert gaps_before == len(view.notice.gaps) > 0  # type: ignore[union-attr]
    retention_gaps = [g for g in view.notice.gaps if g.field == "retention" and g.record_id == first.id]  # type: ignore[union-attr]
    assert retention_gaps[0].record_id == first.id
    assert retention_gaps[0].text in view.preview.toPlainText()

    # Double-clicking the gap selects the activity in the editor.
    row = view.notice.gaps.index(retention_gaps[0])  # type: ignore[union-attr]
    view.gap_list.itemActivated.emit(view.gap_list.item(row))
    current = window.editor.purpose_table.currentIndex()
    assert current.isValid()
    row_data = window.editor.purpose_model.activity_at(current.row())
    assert row_data is not None and row_data.id == retention_gaps[0].record_id

    # Filling the gap in the register updates the preview and the list.
    window.session.perform(  # type: ignore[union-attr]
        ops.Update("activity", retention_gaps[0].record_id, {"retention": "Så lenge avtalen varer"}), "edit"
    )
    qtbot.waitUntil(lambda: view.gap_list.count() == gaps_before - 1, timeout=30000)
    assert "Så lenge avtalen varer" in view.preview.toPlainText()


def test_the_notice_is_saved_in_the_chosen_format(
    qtbot: QtBot, window: MainWindow, promeister_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_file(promeister_path)
    view = _open_notice(window)
    view.language.setCurrentIndex(view.language.findData("en"))
    target = tmp_path / "personvern æøå"

    def fake_save(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return str(target), "Word (*.docx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    view.save_button.click()
    written = target.with_suffix(".docx")
    assert written.read_bytes().startswith(b"PK")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(promeister_path), "HTML (*.html)"))
    before = promeister_path.read_bytes()
    view.save_button.click()  # the register itself is refused, with a message
    assert promeister_path.read_bytes() == before
