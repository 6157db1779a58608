"""Benchmark of the register core. Run: PYTHONPATH=. python tests/benchmarks/bench_core.py [sizes...]

Prints, per register size: import time, `ropa check` time (in-process: open
read-only, snapshot, run every rule, render findings), file size, and the
latency of single committed edits (p50/p99 over 500 edits).
Targets (issue 2): check on 10,000 activities < 1 s; edit commit p99 < 5 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.interchange import json_format as jf
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests.benchmarks.synthetic import synthetic_document

EDITS = 500


def bench(size: int, work: Path) -> dict[str, float]:
    doc = synthetic_document(size)
    path = work / f"bench-{size}.ropa"
    t0 = time.perf_counter()
    jf.import_document(doc, path).close()
    import_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    with RegisterFile.open(path, readonly=True) as reg:
        findings = run_checks(reg.snapshot())
        rendered = [f.render() for f in findings]
    check_s = time.perf_counter() - t0

    # The real command, as a script would run it (includes interpreter start-up).
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ropa_desktop.cli", "check", str(path)], capture_output=True, check=False)
    check_cli_s = time.perf_counter() - t0

    latencies = []
    with RegisterFile.open(path) as reg:
        for i in range(EDITS):
            record = 1 + (i * 7919) % size
            t0 = time.perf_counter()
            reg.apply(ops.Update("activity", record, {"purpose": f"Endret formål {i}"}))
            latencies.append(time.perf_counter() - t0)
    latencies.sort()
    return {
        "activities": size,
        "import_s": import_s,
        "check_s": check_s,
        "check_cli_s": check_cli_s,
        "findings": len(rendered),
        "file_mb": path.stat().st_size / 1e6,
        "edit_p50_ms": statistics.median(latencies) * 1e3,
        "edit_p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1e3,
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000]
    print(
        f"{'activities':>10} {'import s':>9} {'check s':>8} {'ropa check s':>12} {'findings':>8} "
        f"{'file MB':>8} {'edit p50 ms':>11} {'edit p99 ms':>11}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            r = bench(size, Path(tmp))
            print(
                f"{r['activities']:>10,} {r['import_s']:>9.2f} {r['check_s']:>8.2f} {r['check_cli_s']:>12.2f} "
                f"{r['findings']:>8,} {r['file_mb']:>8.1f} {r['edit_p50_ms']:>11.2f} {r['edit_p99_ms']:>11.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
