"""Benchmark of the editor on synthetic registers (offscreen). Run:

    PYTHONPATH=. python tests/benchmarks/bench_ui.py [--sizes 10000 100000]

Prints: open to first painted purpose table, filter keystroke to repaint, resident memory, one edit
through the editor (committed to the file, row and detail pane re-read; and to the repainted row).
Targets (issue 3): 10k open < 1 s, 100k open < 3 s, filter < 100 ms at 10k, RSS < 500 MB at 100k;
(issue 20) single edit p99 < 20 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ROPA_LANG", "en")

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from ropa_desktop.interchange.json_format import import_document

CATEGORIES = ["Navn", "Kontaktinformasjon", "Fødselsnummer", "Kurshistorikk", "Kjøretøyopplysninger", "Ordrehistorikk"]
BASES = [["b"], ["a"], ["c"], ["f"], ["b", "c"]]


def synthetic_document(activities: int) -> dict[str, object]:
    categories = [{"id": i + 1, "name": f"{name} {i // len(CATEGORIES)}"} for i, name in enumerate(CATEGORIES * 5)]
    rows = []
    for i in range(activities):
        rows.append(
            {
                "id": i + 1,
                "purpose": f"Formål nummer {i} for kunder og leverandører",
                "operations": [f"Behandling {i}.{j}" for j in range(3)],
                "legal_basis": BASES[i % len(BASES)],
                "retention": f"{i % 10 + 1} år etter avsluttet kundeforhold",
                "personal_data": [(i + k) % len(categories) + 1 for k in range(3)],
            }
        )
    org = {"id": 1, "name": "Syntetisk AS", "personal_data_categories": categories, "activities": rows}
    return {"format": "ropa-register", "version": 1, "organisations": [org]}


def build(size: int, path: str) -> None:
    import_document(synthetic_document(size), path).close()


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class PaintWatch(QObject):
    """Notes a paint of ``within`` or any widget inside it (installed on the application)."""

    def __init__(self, within: QWidget) -> None:
        super().__init__()
        self.within = within
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self.within or self.within.isAncestorOf(watched))
        ):
            self.painted = True
        return False


class Pump:
    """Runs pending events through an event loop object's processEvents, which returns a bool: PySide6
    6.12.0 on Python 3.11 drops a reference to None on every call that returns nothing (the bare
    QApplication.processEvents() included), and the ten thousand of them a wait spins through aborted
    the interpreter ("none_dealloc") at 10,000 activities."""

    def __init__(self) -> None:
        self.loop = QEventLoop()

    def __call__(self) -> None:
        self.loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def wait_for_paint(pump: Pump, watch: PaintWatch) -> None:
    """Until the table has painted since ``watch.painted`` was reset (before the step being timed: a
    step may paint before it returns, and a wait that reset the flag itself would miss that paint)."""
    deadline = time.perf_counter() + 30
    while not watch.painted and time.perf_counter() < deadline:
        pump()


class OpenCounts:
    """Counts, while installed, the table loads and read transactions the editor makes."""

    def __init__(self) -> None:
        from ropa_desktop.store.register import RegisterFile
        from ropa_desktop.ui import purpose_model as pm
        from ropa_desktop.ui import record_model as rec

        self.tables = 0
        self.reads = 0
        read, purpose_load, record_load = RegisterFile.read, pm.PurposeTableModel.load, rec.RecordTableModel.load
        self.patched: list[tuple[type, str, object]] = [
            (RegisterFile, "read", read),
            (pm.PurposeTableModel, "load", purpose_load),
            (rec.RecordTableModel, "load", record_load),
        ]
        counts = self

        @contextlib.contextmanager
        def counted_read(register: Any) -> Iterator[Any]:
            counts.reads += 1
            with read(register) as conn:
                yield conn

        def counted_purposes(model: Any, session: Any, *args: Any) -> None:
            counts.tables += session is not None
            purpose_load(model, session, *args)

        def counted_records(model: Any, session: Any, *args: Any) -> None:
            counts.tables += session is not None
            record_load(model, session, *args)

        for (owner, name, _original), counted in zip(
            self.patched, (counted_read, counted_purposes, counted_records), strict=True
        ):
            setattr(owner, name, counted)

    def remove(self) -> None:
        for owner, name, original in self.patched:
            setattr(owner, name, original)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def edit_timings(pump: Pump, window: Any, edits: int) -> tuple[list[float], list[float]]:
    """``edits`` edits of a purpose cell through the editor, as a user makes them: the row is chosen first
    (not timed; the detail pane shows it), then the edit is timed until it is committed, the row and the
    detail pane re-read (``setData`` returns), and again until the table has repainted the row.
    Every third text is long enough to wrap to more lines (the row grows)."""
    from PySide6.QtWidgets import QApplication

    from ropa_desktop.ui import purpose_model as pm

    editor = window.editor
    table, model = editor.purpose_table, editor.purpose_model
    editor.tabs.setCurrentWidget(table)
    pump()
    watch = PaintWatch(table.viewport())
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    committed, painted = [], []
    try:
        for i in range(edits):
            index = model.index(i % 12, pm.PURPOSE)
            table.setCurrentIndex(index)
            pump()
            watch.painted = False
            t = time.perf_counter()
            assert model.setData(index, f"Formål redigert {i}" + " og skrevet om til en lengre tekst" * (i % 3))
            committed.append((time.perf_counter() - t) * 1000)
            wait_for_paint(pump, watch)
            painted.append((time.perf_counter() - t) * 1000)
    finally:
        app.removeEventFilter(watch)
    return committed, painted


def edit_figures(committed: list[float], painted: list[float]) -> str:
    return (
        f"p50 {statistics.median(committed):.1f} ms, p99 {percentile(committed, 0.99):.1f} ms "
        f"(to the repainted row: p50 {statistics.median(painted):.1f} ms, p99 {percentile(painted, 0.99):.1f} ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--edits", type=int, default=200, help="edits through the editor (0: none)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ropa-bench-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    app = QApplication(sys.argv[:1])  # kept: the windows below need it alive
    assert app is QApplication.instance()
    pump = Pump()
    from ropa_desktop.ui.main_window import MainWindow

    for size in args.sizes:
        path = tmp / f"synthetic-{size}.ropa"
        t = time.perf_counter()
        # Built in a child process so the memory figures are the editor's, not the generator's.
        code = f"from tests.benchmarks.bench_ui import build; build({size}, {str(path)!r})"
        subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
        print(f"{size:>7} activities: built register in {time.perf_counter() - t:.2f} s (not part of the figures)")
        window = MainWindow()
        window.resize(1400, 900)
        window.show()
        pump()
        # A register opens on the page the user last had (the overview at first): the first paint of
        # whichever page of the register shows is the figure.
        watch = PaintWatch(window.editor.tabs)
        app.installEventFilter(watch)
        counts = OpenCounts()
        watch.painted = False
        t = time.perf_counter()
        window.open_file(path)
        wait_for_paint(pump, watch)
        opened = time.perf_counter() - t
        print(f"{size:>7} activities: open to first painted table {opened * 1000:.0f} ms")
        print(
            f"{size:>7} activities: on open to first paint {counts.tables} table loads, {counts.reads} read transactions"
        )
        print(f"{size:>7} activities: resident memory at first paint {rss_mb():.0f} MB")
        t = time.perf_counter()
        window.editor.wait_for_background()  # the checks and the full row set, read after the first paint
        pump()
        counts.remove()
        print(
            f"{size:>7} activities: with the background reads {counts.tables} table loads, {counts.reads} read transactions"
        )
        print(
            f"{size:>7} activities: background reads (checks, rows for filtering) done "
            f"{(time.perf_counter() - t + opened) * 1000:.0f} ms after opening; "
            f"{window.editor.findings.summary.text()}"
        )
        app.removeEventFilter(watch)
        window.editor.tabs.setCurrentWidget(window.editor.purpose_table)  # the filter narrows the purpose table
        pump()
        watch = PaintWatch(window.editor.purpose_table.viewport())
        app.installEventFilter(watch)
        box = window.editor.filter
        timings = []
        for text in ("1", "12", "123", "1234"):
            watch.painted = False
            t = time.perf_counter()
            box.setText(text)  # one keystroke: textChanged → filter → repaint
            wait_for_paint(pump, watch)
            timings.append((time.perf_counter() - t) * 1000)
        shown = window.editor.purpose_model.visible_count
        print(
            f"{size:>7} activities: filter keystroke to repaint "
            + ", ".join(f"{ms:.0f}" for ms in timings)
            + f" ms (first builds the search text; {shown} rows match '1234')"
        )
        box.setText("")
        pump()
        app.removeEventFilter(watch)
        print(f"{size:>7} activities: resident memory with checks and all rows loaded {rss_mb():.0f} MB")
        if args.edits:
            committed, painted = edit_timings(pump, window, args.edits)
            print(
                f"{size:>7} activities: one edit through the editor, {args.edits} edits: {edit_figures(committed, painted)}"
            )
        window.close()
        window.deleteLater()
        pump()
    return 0


if __name__ == "__main__":
    sys.exit(main())
