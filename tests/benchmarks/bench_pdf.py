"""Benchmark: board PDF generation for 1,000 and 10,000 activities, and signing.

Run: PYTHONPATH=. /work/venv/bin/python tests/benchmarks/bench_pdf.py
Targets (issue 5): < 3 s at 1,000 activities, < 20 s at 10,000, signing < 1 s.
The register is the ProMeister sample (samples/promeister-solutions.json) with its rows repeated.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format
from ropa_desktop.signing.certificates import create_certificate
from ropa_desktop.signing.pades import sign_pdf
from tests import promeister as sample


def snapshot(count: int) -> RegisterSnapshot:
    """The ProMeister sample with its activities repeated to ``count`` rows, all approved."""
    doc = sample.document()
    org = doc["organisations"][0]
    rows = org["activities"]
    org["activities"] = [
        row | {"id": n + 1, "purpose": f"{row['purpose']} ({n + 1})", "status": "approved"}
        for n, row in ((n, rows[n % len(rows)]) for n in range(count))
    ]
    with tempfile.TemporaryDirectory() as tmp, json_format.import_document(doc, Path(tmp) / "bench.ropa") as reg:
        return reg.snapshot()


def main() -> None:
    # The machine may be shared: CPU time shows the scaling when wall time is disturbed by other load.
    tr = translator("nb")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        export_pdf(snapshot(10), out / "warmup.pdf", tr)  # fonts and imports
        for count in (1_000, 10_000):
            snap = snapshot(count)
            started, cpu = time.perf_counter(), time.process_time()
            export_pdf(snap, out / f"{count}.pdf", tr, include_findings=False)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            size = (out / f"{count}.pdf").stat().st_size / 1e6
            print(f"PDF, {count:>6,} activities: {elapsed:6.2f} s wall, {cpu:6.2f} s CPU  ({size:.1f} MB)")
        for count in (1_000,):
            snap = snapshot(count)
            for a in snap.organisations[0].activities:
                a.activity.status = "draft"
            started = time.perf_counter()
            export_pdf(snap, out / f"{count}-findings.pdf", tr)
            print(f"PDF, {count:>6,} draft activities with open findings: {time.perf_counter() - started:6.2f} s wall")
        p12 = out / "bench.p12"
        create_certificate("Benchmark Signer", p12, b"pass")
        for count in (10, 1_000, 10_000):
            source = out / ("warmup.pdf" if count == 10 else f"{count}.pdf")
            started = time.perf_counter()
            sign_pdf(source, out / f"{count}-signed.pdf", p12, b"pass", reason="Godkjent av styret")
            print(f"Signing the {count:>6,}-activity PDF: {time.perf_counter() - started:6.2f} s")


if __name__ == "__main__":
    main()
