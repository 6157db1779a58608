"""The Qt binding itself: a release that miscounts references would abort the editor mid-session."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_qt_calls_that_return_nothing_keep_none_alive(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every call that returns nothing (a
    setter, processEvents); some thousands of them and the interpreter aborts with "none_dealloc"."""
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = 2_000
    before = sys.getrefcount(None)
    for _ in range(calls):
        widget.setEnabled(True)
    lost = before - sys.getrefcount(None)
    assert lost < calls // 2, f"{lost} references to None lost in {calls} calls: this PySide6 release miscounts"
