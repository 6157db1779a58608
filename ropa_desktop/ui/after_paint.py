"""Work that waits until the window has painted (issue 16: show first, compute after).

Background threads started before the first paint compete with it for the interpreter (one
GIL on two cores): the overview's count of a 10,000-activity register, the rows read for the
filter, the store's import of SQLAlchemy. They start here instead, once the window's next
repaint has ended.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    """Calls ``then`` once, shortly after the window's next repaint (Qt paints a top-level widget's
    changes in one UpdateRequest), or after a second at most (a hidden window never repaints).
    The short wait lets the first frame and what is queued right behind it (the first-paint exit
    of the start-up benchmark) go first."""

    FALLBACK_MS = 1000
    AFTER_PAINT_MS = 100

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.UpdateRequest and self._then is not None:
            QTimer.singleShot(self.AFTER_PAINT_MS, self, self._fire)
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)
            then()
            self.deleteLater()


def after_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` on the GUI thread once ``widget``'s window has painted its next frame."""
    _AfterPaint(widget.window(), then)
