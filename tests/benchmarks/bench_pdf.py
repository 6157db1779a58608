"""Benchmark: board PDF generation for 1,000 and 10,000 activities, and signing.

Run: PYTHONPATH=. /work/venv/bin/python tests/benchmarks/bench_pdf.py
Targets (issue 5): < 3 s at 1,000 activities, < 20 s at 10,000, signing < 1 s.
The register is built in memory from the ProMeister seed's rows, repeated.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord, RegisterSnapshot
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import translator
from ropa_desktop.signing.certificates import create_certificate
from ropa_desktop.signing.pades import sign_pdf
from tests.exports import promeister as pm


def snapshot(count: int) -> RegisterSnapshot:
    org = OrganisationRegister(m.Organisation(id=1, **pm.ORGANISATION))
    ids = {name: i for i, name in enumerate(pm.PERSONAL_DATA, start=1)}
    org.personal_data = [m.PersonalDataCategory(id=i, organisation_id=1, name=n) for n, i in ids.items()]
    for i, row in enumerate(pm.SHARING, start=1):
        values = {k: v for k, v in row.items() if k != "personal_data"}
        rec = m.Recipient(id=i, organisation_id=1, role="independent_controller", **values)
        org.recipients.append(RecipientRecord(rec, [ids[n] for n in row["personal_data"]]))
    for n in range(count):
        row = pm.ACTIVITIES[n % len(pm.ACTIVITIES)]
        values = {k: v for k, v in row.items() if k != "personal_data"}
        values["purpose"] = f"{row['purpose']} ({n + 1})"
        activity = m.ProcessingActivity(id=n + 1, organisation_id=1, position=n, status="approved", **values)
        org.activities.append(ActivityRecord(activity, personal_data_ids=[ids[x] for x in row["personal_data"]]))
    return RegisterSnapshot([org], 1)


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
