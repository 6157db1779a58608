"""The dashboard and data map (issue 18) for large registers. Run: PYTHONPATH=. python tests/benchmarks/bench_overview.py [sizes...]

Prints, per register size: the checks (the dashboard's findings), the
dashboard figures, the map (graph, summarised), its layout with the crossings
of the display order and of the barycenter order, and the SVG and PNG
rendering (best of three runs each). Target (issue 18): dashboard and map of
10,000 activities computed in under 1 s, the map summarised.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format as jf
from ropa_desktop.overview.dashboard import build_dashboard
from ropa_desktop.overview.datamap import build_map
from ropa_desktop.overview.layout import layout
from ropa_desktop.overview.png import dashboard_png, map_png
from ropa_desktop.overview.svg import dashboard_svg, map_svg
from tests.benchmarks.synthetic import synthetic_document

T = TypeVar("T")
RUNS = 3


def best(fn: Callable[[], T]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(RUNS):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result  # type: ignore[return-value]


def bench(size: int, work: Path) -> None:
    tr = translator("nb")
    with jf.import_document(synthetic_document(size), work / f"overview-{size}.ropa") as register:
        snapshot = register.snapshot()
    org = snapshot.organisations[0]
    t_checks, findings = best(lambda: run_checks(snapshot))
    t_board, board = best(lambda: build_dashboard(org, findings, tr))
    t_map, m = best(lambda: build_map(org, tr))
    t_layout, lay = best(lambda: layout(m))
    t_svg, svg = best(lambda: (map_svg(lay, tr), dashboard_svg(board, tr)))
    t_png, png = best(lambda: (map_png(lay, tr), dashboard_png(board, tr)))
    computed = t_board + t_map + t_layout
    print(
        f"{size:>6} activities: checks {t_checks * 1000:7.1f} ms; dashboard {t_board * 1000:6.1f} ms; "
        f"map {t_map * 1000:6.1f} ms ({len(m.nodes)} nodes, {len(m.edges)} edges, "
        f"{'summarised' if m.summarised else 'full'}); layout {t_layout * 1000:6.1f} ms "
        f"(crossings: display order {lay.plain_crossings}, barycenter {lay.crossings}); "
        f"dashboard+map computed {computed * 1000:6.1f} ms (+ checks {(computed + t_checks) * 1000:6.1f} ms); "
        f"SVG {t_svg * 1000:6.1f} ms ({len(svg[0]) // 1024} + {len(svg[1]) // 1024} KiB); "
        f"PNG {t_png * 1000:6.1f} ms ({len(png[0]) // 1024} + {len(png[1]) // 1024} KiB)"
    )


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [100, 1_000, 10_000]
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            bench(size, Path(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
