"""Benchmark of the editor on a team register over loopback PostgreSQL (offscreen). Run as root or a user
who can run initdb (Debian package postgresql):

    PYTHONPATH=. python tests/benchmarks/bench_team_server.py [--size 10000] [--edits 200]

Prints: open from the server to the first painted purpose table; one edit through the editor's session
(with ``expected`` and the change notification) p50/p99; how soon another editor's change is on screen;
two editor processes x ``--concurrent`` edits on a few shared records: throughput, conflicts, lost edits.
Targets (issue 20): open 10,000 activities < 2 s; single edit p99 < 20 ms; others' changes within ~1 s;
0 lost. The cluster runs with fsync on, as a real server does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ROPA_LANG", "en")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ropa_desktop.store import operations as ops
from ropa_desktop.store import server
from ropa_desktop.ui import purpose_model as pm
from tests.benchmarks.bench_ui import PaintWatch, Pump, build, edit_figures, edit_timings, percentile
from tests.postgres_cluster import Cluster


def wait_until(app: QApplication, done: Callable[[], bool], seconds: float = 30) -> None:
    # Not a bare processEvents() spin: PySide6 6.12.0 on Python 3.11 drops a reference to None on every
    # such call, and some ten thousand of them abort the interpreter ("none_dealloc").
    deadline = time.perf_counter() + seconds
    while not done() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--concurrent", type=int, default=1000, help="edits per editor in the two-editor run")
    parser.add_argument("--shared", type=int, default=20, help="records the two editors share")
    parser.add_argument("--only-concurrent", action="store_true", help="only the two-editor run (no window)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ropa-bench-team-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    cluster = Cluster()
    cluster.start()
    try:
        url = cluster.new_database()
        file = tmp / "synthetic.ropa"
        build(args.size, str(file))
        server.init_server(url)
        server.push(file, url)
        if args.only_concurrent:
            concurrent_editors(url, args.concurrent, args.shared, tmp)
            return 0
        app = QApplication(sys.argv[:1])
        from ropa_desktop.ui.main_window import MainWindow

        window = MainWindow()
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        # What the user sees first is the Overview tab (counted in the background); the purpose table
        # is one click away. Timed: the window's first paint with the register's tab open, the Overview
        # complete, and the purpose table's first paint once chosen.
        watch = PaintWatch(window.editor.tabs)  # a paint of the tabs or any page in them
        app.installEventFilter(watch)
        table_watch = PaintWatch(window.editor.purpose_table.viewport())
        app.installEventFilter(table_watch)
        watch.painted = False
        t = time.perf_counter()
        window.set_register(server.ServerRegister.open(url))
        wait_until(app, lambda: watch.painted)
        opened = (time.perf_counter() - t) * 1000
        dashboard = window.editor.pictures.dashboard
        wait_until(app, lambda: dashboard.board is not None, 120)
        overview = (time.perf_counter() - t) * 1000
        table_watch.painted = False
        t_table = time.perf_counter()
        window.editor.tabs.setCurrentWidget(window.editor.purpose_table)
        wait_until(app, lambda: table_watch.painted)
        table = (time.perf_counter() - t_table) * 1000
        print(
            f"{args.size:>7} activities on the server: open to first paint {opened:.0f} ms "
            f"(Overview complete {overview:.0f} ms, in the background); purpose table painted "
            f"{table:.0f} ms after choosing its tab"
        )
        window.editor.wait_for_background()
        app.processEvents()

        session = window.session
        assert session is not None
        committed, painted = edit_timings(Pump(), window, args.edits)
        print(
            f"one edit through the editor (expected + NOTIFY, committed; the row and the detail pane re-read), "
            f"{args.edits} edits: {edit_figures(committed, painted)}"
        )
        model = window.editor.purpose_model
        store_timings = []
        with server.ServerRegister.open(url) as other:
            ids = [a.activity.id for a in other.snapshot().organisations[0].activities[:50]]
            for i in range(args.edits):
                activity_id = ids[i % len(ids)]
                assert activity_id is not None
                t = time.perf_counter()
                other.apply(ops.Update("activity", activity_id, {"retention": f"{i} år"}))
                store_timings.append((time.perf_counter() - t) * 1000)
            print(
                f"one store operation on the server, {args.edits} edits: p50 {statistics.median(store_timings):.1f} ms, "
                f"p99 {percentile(store_timings, 0.99):.1f} ms"
            )
            app.processEvents()
            latencies = []
            first = ids[0]
            assert first is not None
            for i in range(args.changes):
                text = f"Endret av en kollega {i}"
                t = time.perf_counter()
                other.apply(ops.Update("activity", first, {"purpose": text}))
                wait_until(app, lambda text=text: model.index(0, pm.PURPOSE).data() == text, 10)  # type: ignore[misc]
                latencies.append((time.perf_counter() - t) * 1000)
        print(
            f"another editor's change on screen, {args.changes} changes: p50 {statistics.median(latencies):.0f} ms, "
            f"max {max(latencies):.0f} ms (poll every {session.POLL_MS} ms, then the tables re-read)"
        )
        window.close_register()
        window.close()
        concurrent_editors(url, args.concurrent, args.shared, tmp)
    finally:
        cluster.remove()
    return 0


def concurrent_editors(url: str, edits: int, shared: int, folder: Path) -> None:
    from tests.benchmarks.team_edits import two_editors

    with server.ServerRegister.open(url) as register:
        ids = [a.activity.id for a in register.snapshot().organisations[0].activities[:shared]]
    record_ids = [i for i in ids if i is not None]
    found = two_editors(url, record_ids, edits, folder)
    timings = found["timings"]
    print(
        f"two editors x {edits} edits on {len(record_ids)} shared records: {found['edits']} edits in "
        f"{found['wall_seconds']:.1f} s ({found['edits'] / found['wall_seconds']:.0f} edits/s together), "
        f"{found['acknowledged']} saved, {found['conflicts']} refused as conflicts, {found['lost']} lost, "
        f"{found['unexplained']} unexplained, {found['broken_chain']} broken chains; "
        f"per edit p50 {statistics.median(timings):.1f} ms, p99 {percentile(timings, 0.99):.1f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
