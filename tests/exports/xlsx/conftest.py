"""Fixtures for the Excel export: the ProMeister register and LibreOffice as a second reader."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.interchange import json_format
from ropa_desktop.store.register import RegisterFile

SOFFICE = shutil.which("soffice")
# All sheets, UTF-8 (76), comma-separated, quoted text, formulas as their results (LibreOffice's CSV filter).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def import_doc(doc: dict[str, Any], path: Path) -> RegisterFile:
    return json_format.import_document(doc, path)


def soffice_convert(files: list[Path], target: str, outdir: Path, profile: Path) -> None:
    """Convert files with one LibreOffice run (each run costs seconds)."""
    assert SOFFICE is not None
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


def read_csv_sheets(outdir: Path, stem: str) -> dict[str, list[list[str]]]:
    """The CSV files LibreOffice wrote for one workbook, by sheet name."""
    sheets = {}
    for path in outdir.glob(f"{stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            sheets[path.stem.removeprefix(f"{stem}-")] = list(csv.reader(fh))
    return sheets
