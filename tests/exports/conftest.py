"""Fixtures for the board PDF: the ProMeister register and helpers around poppler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None, *, raw: bool = True) -> str:
    """The PDF's text in drawing order, every run of whitespace one space (cells wrap anywhere)."""
    cmd = [poppler("pdftotext"), *(["-raw"] if raw else []), "-enc", "UTF-8"]
    if first is not None:
        cmd += ["-f", str(first), "-l", str(last or first)]
    out = subprocess.run([*cmd, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def page_count(pdf: Path) -> int:
    out = subprocess.run([poppler("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def squash(value: str) -> str:
    return " ".join(value.split())
