"""The privacy notice (issue 17) for large registers. Run: PYTHONPATH=. python tests/benchmarks/bench_notice.py [sizes...]

Prints, per register size and language: reading the organisation (snapshot),
building the notice, and rendering it as HTML, Markdown and DOCX (best of
three runs each), the total from snapshot to the three files' bytes, and the
output sizes. Target (issue 17): the notice for 1,000 activities in under 2 s.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format as jf
from ropa_desktop.notice import build_notice
from ropa_desktop.notice.write import render
from ropa_desktop.store.register import RegisterFile
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
    source = work / f"notice-{size}.json"
    source.write_text(json.dumps(synthetic_document(size), ensure_ascii=False), encoding="utf-8")
    path = work / f"notice-{size}.ropa"
    jf.import_json_file(source, path, True).close()
    with RegisterFile.open(path, readonly=True) as register:
        t_snapshot, snapshot = best(register.snapshot)
    org = snapshot.organisations[0]
    for language in ("nb", "en"):
        tr = translator(language)
        t_build, notice = best(lambda tr=tr: build_notice(org, tr))  # type: ignore[misc]
        figures = {}
        sizes = {}
        for fmt in ("html", "md", "docx"):
            t, data = best(lambda fmt=fmt, notice=notice: render(notice, fmt))  # type: ignore[misc]
            figures[fmt], sizes[fmt] = t, len(data)
        total = t_snapshot + t_build + sum(figures.values())
        print(
            f"{size:>6} activities {language}: snapshot {t_snapshot * 1000:7.1f} ms, build {t_build * 1000:7.1f} ms, "
            + ", ".join(f"{fmt} {t * 1000:7.1f} ms ({sizes[fmt] / 1024:,.0f} KiB)" for fmt, t in figures.items())
            + f"; total {total:5.2f} s {'(target < 2 s met)' if size == 1000 and total < 2 else ''}"
        )


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1000]
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            bench(size, Path(tmp))


if __name__ == "__main__":
    main(sys.argv[1:])
