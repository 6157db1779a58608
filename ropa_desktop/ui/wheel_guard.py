"""Scrolling a form must never change a value: combo boxes, spin boxes and date fields ignore the
mouse wheel unless the user has put the focus in them.

One filter object serves every such widget. The wheel event it holds back is
marked ignored, so Qt passes it on to the parent and the scroll area scrolls as
the user meant.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)  # QAbstractSpinBox covers QSpinBox, QDoubleSpinBox, QDateEdit


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return super().eventFilter(watched, event)


_GUARD: WheelGuard | None = None


def wheel_guard() -> WheelGuard:
    """The shared filter (one per application, parented to it so it lives as long as the widgets)."""
    global _GUARD
    if _GUARD is None:
        _GUARD = WheelGuard(QApplication.instance())
    return _GUARD


def guard_wheel(root: QWidget) -> None:
    """Install the shared filter on every combo, spin and date box under ``root`` (and ``root`` itself)."""
    guard = wheel_guard()
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, GUARDED):
            # The wheel must not give focus either (Qt's WheelFocus), or the second notch would edit.
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(guard)
