"""Excel export time against the floor: openpyxl writing the same cell texts with no styling.

Run: PYTHONPATH=. python tests/benchmarks/bench_xlsx.py [1000 10000 100000]
Target (issue 4): within 1.5x of the floor at 10,000 activities.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ropa_desktop.domain import models as m
from ropa_desktop.domain.labels import footnotes
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord, RegisterSnapshot
from ropa_desktop.exports.xlsx import export_xlsx
from ropa_desktop.exports.xlsx_render import RowRenderer
from ropa_desktop.i18n import translator
from ropa_desktop.interchange.xlsx_layout import PURPOSES


def make_snapshot(activities: int) -> RegisterSnapshot:
    org = OrganisationRegister(m.Organisation(id=1, name="Benchmark AS", orgnr="917100462"))
    org.data_subjects = [m.DataSubjectCategory(id=i, name=f"Registrerte {i}") for i in range(1, 6)]
    org.personal_data = [
        m.PersonalDataCategory(id=i, name=f"Kategori {i}", special=i == 3, national_id=i == 4) for i in range(1, 21)
    ]
    org.recipients = [
        RecipientRecord(m.Recipient(id=i, name=f"Mottaker {i}", role="processor", country="SE")) for i in range(1, 11)
    ]
    org.security_measures = [m.SecurityMeasure(id=i, name=f"Tiltak {i}") for i in range(1, 4)]
    for i in range(1, activities + 1):
        org.activities.append(
            ActivityRecord(
                m.ProcessingActivity(
                    id=i,
                    position=i,
                    purpose=f"Formål nummer {i} for behandling av personopplysninger",
                    operations=["Motta og behandle påmeldinger", "Kommunisere med deg", f"Fakturere ordre {i}"],
                    legal_basis=["b", "f"] if i % 3 == 0 else ["b"],
                    balancing_test=f"Interesseavveining {i % 7}" if i % 3 == 0 else "",
                    retention="I 5 år etter avsluttet regnskapsår (bokføringsloven § 13)",
                    retention_duration=5,
                    retention_unit="years",
                    responsible_unit="Kundeservice",
                    last_reviewed=date(2024, 5, 27),
                ),
                data_subject_ids=[1, 2],
                personal_data_ids=[1, 2, 3, 4, 5],
                recipient_ids=[i % 10 + 1],
                security_measure_ids=[1],
            )
        )
    return RegisterSnapshot([org], 1)


def floor_rows(snapshot: RegisterSnapshot) -> list[list[Any]]:
    """The cell values the export writes for the purpose table (rendered before timing starts)."""
    tr = translator("nb")
    org = snapshot.organisations[0]
    render = RowRenderer(org, tr, footnotes(org), {})
    return [[render(c, a) for c in PURPOSES.columns] for a in org.activities]


def time_floor(rows: list[list[Any]], path: Path) -> float:
    start = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Purposes")
    for row in rows:
        ws.append(row)
    wb.save(path)
    return time.perf_counter() - start


def time_export(snapshot: RegisterSnapshot, path: Path) -> float:
    start = time.perf_counter()
    export_xlsx(snapshot, path, translator("nb"))
    return time.perf_counter() - start


def main(sizes: list[int]) -> None:
    print(f"{'activities':>10} {'export s':>9} {'floor s':>8} {'ratio':>6} {'MB':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            snapshot = make_snapshot(n)
            rows = floor_rows(snapshot)
            # Interleaved, best of several: the machine may be shared, and the minimum is the least disturbed run.
            repeats = 5 if n <= 10_000 else 2
            floors, exports = [], []
            for _ in range(repeats):
                floors.append(time_floor(rows, Path(tmp) / "floor.xlsx"))
                exports.append(time_export(snapshot, Path(tmp) / "export.xlsx"))
            floor, export = min(floors), min(exports)
            size = (Path(tmp) / "export.xlsx").stat().st_size / 1e6
            print(f"{n:>10,} {export:>9.2f} {floor:>8.2f} {export / floor:>6.2f} {size:>6.1f}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
