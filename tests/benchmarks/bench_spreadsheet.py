"""Benchmark of the spreadsheet import. Run: PYTHONPATH=. python tests/benchmarks/bench_spreadsheet.py [rows...]

Writes a plain register spreadsheet (one row per activity, Norwegian headings,
multi-line list cells) with openpyxl, then times guessing the mapping and
importing it into a new register, as `ropa import SHEET --mapping guess` does.
Target (issue 19): 10,000 rows in under 10 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from ropa_desktop.interchange import spreadsheet as ss

HEADINGS = ["Formål", "Behandling", "Kategorier av registrerte", "Kategorier av personopplysninger",
            "Mottakere", "Rettslig grunnlag", "Lagringstid"]  # fmt: skip


def write_sheet(rows: int, path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Protokoll")
    ws.append(["Protokoll over behandlingsaktiviteter"])
    ws.append([])
    ws.append(HEADINGS)
    for i in range(rows):
        ws.append(
            [
                f"Formål nummer {i}",
                "Registrere\nSende ut\nArkivere",
                f"Kunder\nAnsatte gruppe {i % 40}",
                f"Navn\nE-postadresse\nOpplysning {i % 200}",
                f"Regnskapsfører\nBank {i % 10}",
                "Avtale\nRettslig forpliktelse" if i % 2 else "Berettiget interesse",
                f"{1 + i % 10} år",
            ]
        )
    wb.save(path)


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            sheet = Path(tmp) / f"register {size}.xlsx"
            write_sheet(size, sheet)
            t0 = time.perf_counter()
            sheets = ss.read_sheets(sheet)
            t1 = time.perf_counter()
            mapping = ss.guess_mapping(sheets)
            t2 = time.perf_counter()
            with ss.import_spreadsheet(sheet, Path(tmp) / f"out {size}.ropa", mapping) as register:
                count = register.snapshot().activity_count
            t3 = time.perf_counter()
            print(
                f"{size:>6} rows: read {t1 - t0:.2f} s, guess {t2 - t1:.2f} s, "
                f"read+convert+validate+write {t3 - t2:.2f} s; {count} activities"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
