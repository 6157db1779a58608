"""Exports and other long jobs off the GUI thread, with a cancellable progress dialog."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import _

Progress = Callable[[int, int], bool]
Job = Callable[[Progress], Any]


class _Worker(QThread):
    progressed = Signal(int, int)
    finished_ok = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.cancelled = threading.Event()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except RopaError as exc:
            self.failed.emit(exc.render())
            return
        except Exception as exc:
            self.failed.emit(_("The job failed: {error}").format(error=str(exc)))
            return
        self.finished_ok.emit(result)


class BackgroundRead(QThread):
    """One read off the GUI thread (checks, rows for filtering): ``done(generation, result)`` when it
    finishes. A newer generation makes the result stale (the caller compares); a read that fails
    because the register closed meanwhile reports nothing."""

    done = Signal(int, object)

    def __init__(self, read: Callable[[], Any], generation: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read = read
        self.generation = generation

    def run(self) -> None:
        try:
            result = self._read()
        except Exception:  # the register was closed meanwhile; the caller reads on demand instead
            return
        self.done.emit(self.generation, result)


def start_read(
    read: Callable[[], Any], generation: int, done: Callable[[int, Any], None], finished: Callable[[], None]
) -> BackgroundRead:
    """Start ``read()`` in a thread; ``done(generation, result)`` and ``finished()`` run on the GUI thread."""
    worker = BackgroundRead(read, generation)
    worker.done.connect(done)
    worker.finished.connect(finished)
    worker.start()
    return worker


def run_in_background(
    parent: QWidget,
    title: str,
    job: Job,
    done: Callable[[Any], None],
    failed: Callable[[str], None],
    modal: bool = False,
) -> _Worker:
    """Run ``job(progress)`` in a thread; ``progress(done, total)`` returns False once the user cancels."""
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(True)
    if modal:
        # The job writes to the register itself: no edits may interleave with it.
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
    worker = _Worker(job, parent)

    def on_progress(value: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(value, max(total, 1)))

    def finish() -> None:
        dialog.reset()
        dialog.deleteLater()

    worker.progressed.connect(on_progress)
    dialog.canceled.connect(worker.cancelled.set)

    def on_done(result: Any) -> None:
        finish()
        done(result)

    def on_failed(message: str) -> None:
        finish()
        failed(message)

    worker.finished_ok.connect(on_done)
    worker.failed.connect(on_failed)
    worker.finished.connect(worker.deleteLater)
    worker.start()
    return worker
