"""Benchmark of templates and moving activities. Run: PYTHONPATH=. python tests/benchmarks/bench_library.py [sizes...]

Per register size (synthetic activities): duplicating one activity (what Ctrl+D
waits for: build the Batch and commit it), adding all nine templates, and
copying then moving 1 and 100 activities into a second register file.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from ropa_desktop.interchange import json_format as jf
from ropa_desktop.interchange import templates as tl
from ropa_desktop.interchange import transplant as tp
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.register import RegisterFile
from tests.benchmarks.synthetic import synthetic_document


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def bench(size: int, work: Path) -> None:
    with jf.import_document(synthetic_document(size), work / f"src-{size}.ropa") as source:
        org = rm.organisations(source)[0].id
        ids = rm.activity_ids(source, org, "controller")
        t0 = time.perf_counter()
        source.apply(tp.duplicate_activity(source, org, ids[len(ids) // 2]))
        duplicate = time.perf_counter() - t0
        t0 = time.perf_counter()
        source.apply(tl.add_templates(source, org, tl.shipped_library(), "nb"))
        templates = time.perf_counter() - t0
        figures = [f"duplicate {_ms(duplicate)}", f"9 templates {_ms(templates)}"]
        with RegisterFile.create(work / f"dst-{size}.ropa") as target:
            target.apply(ops.Create("organisation", {"name": "Target"}))
            for count in (1, 100):
                chosen = ids[:count] if count == 1 else ids[1 : 1 + count]
                t0 = time.perf_counter()
                tp.move_between_registers(source, org, chosen, target, 1, move=True)
                figures.append(f"move {count} {_ms(time.perf_counter() - t0)}")
    print(f"{size:>7} activities: " + ", ".join(figures))


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            bench(size, Path(tmp))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
