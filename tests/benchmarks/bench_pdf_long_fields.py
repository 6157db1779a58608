"""Benchmark: board PDF time against the length of one field (issue 11 item 9).

Run: PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_pdf_long_fields.py [characters ...]
Before the fix a 200,000-character field took 27 s and 400,000 took 103 s (quadratic); long
cells are now cut into rows that fit a page, so the time should about double when the length
doubles. Prints wall and CPU time and the page count for each length.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RegisterSnapshot
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import translator

SENTENCE = "Opplysningene lagres så lenge kundeforholdet varer, og slettes deretter etter fast rutine. "


def long_text(length: int) -> str:
    words = (SENTENCE * (length // len(SENTENCE) + 1))[:length]
    # Some paragraph breaks, as pasted text has, and one unbroken run (a pasted token or URL).
    return (
        words[: length // 2] + "\n\n" + "x" * min(5_000, length // 4) + words[length // 2 + min(5_000, length // 4) :]
    )


def snapshot(length: int, where: str) -> RegisterSnapshot:
    name = long_text(length) if where == "organisation name" else "Eksempel AS"
    org = OrganisationRegister(m.Organisation(id=1, name=name, orgnr="917100462"))
    purpose = long_text(length) if where == "purpose" else "Kundeoppfølging"
    activity = m.ProcessingActivity(
        id=1, organisation_id=1, position=0, status="approved", purpose=purpose, legal_basis=["b"], retention="5 år"
    )
    org.activities.append(ActivityRecord(activity))
    return RegisterSnapshot([org], 1)


def pages(path: Path) -> int:
    return path.read_bytes().count(b"/Type /Page\n") or path.read_bytes().count(b"/Type /Page")


def main() -> None:
    lengths = [int(a) for a in sys.argv[1:]] or [100_000, 200_000, 400_000, 1_000_000]
    tr = translator("nb")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        export_pdf(snapshot(10, "purpose"), out / "warmup.pdf", tr)
        for where in ("purpose", "organisation name"):
            for length in lengths:
                target = out / f"{length}.pdf"
                started, cpu = time.perf_counter(), time.process_time()
                export_pdf(snapshot(length, where), target, tr, include_findings=False)
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
                print(
                    f"PDF, {where:>17} of {length:>9,} characters: {elapsed:7.2f} s wall, {cpu:7.2f} s CPU, "
                    f"{pages(target):>4} pages"
                )
                target.unlink()


if __name__ == "__main__":
    main()
