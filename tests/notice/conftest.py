"""Fixtures for the privacy notice: sample registers as snapshots, and the notice read back from each format."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import html5lib
import pytest
from docx import Document

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.interchange import json_format
from ropa_desktop.resources import samples_dir

SAMPLES = ("promeister-solutions", "mestergruppen", "proactima")


def squash(text: str) -> str:
    return " ".join(text.split())


def snapshot_of_document(document: dict[str, Any], folder: Path) -> RegisterSnapshot:
    source = folder / "source.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with json_format.import_json_file(source, folder / "register.ropa", True) as register:
        return register.snapshot()


def sample_snapshot(name: str, folder: Path) -> RegisterSnapshot:
    with json_format.import_json_file(samples_dir() / f"{name}.json", folder / f"{name}.ropa", True) as register:
        return register.snapshot()


def html_text(data: bytes) -> str:
    """The text a browser shows, from an HTML5 parse (strict: a parse error fails the test)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(data.decode("utf-8"))
    body = tree.find("body")
    assert body is not None
    return squash("".join(body.itertext()))


def markdown_text(data: bytes) -> str:
    """The text of the Markdown with its escapes undone (what a renderer shows, near enough)."""
    text = data.decode("utf-8").replace("<br>", " ")
    text = re.sub(r"\*\*", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return squash(html.unescape(text))


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells as python-docx reads them."""
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return squash(" ".join(parts))


def soffice_texts(files: list[Path]) -> dict[Path, str]:
    """The same DOCX files as LibreOffice Writer reads them (converted to plain text in one run)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("soffice (libreoffice-writer-nogui) is not installed")
    out = files[0].parent / "txt"
    profile = files[0].parent / "lo-profile"
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "txt:Text"]
    subprocess.run([*cmd, "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=300)
    texts = {}
    for f in files:
        converted = out / (f.stem + ".txt")
        if not converted.exists():
            pytest.skip("soffice cannot read DOCX here (LibreOffice Writer missing)")
        texts[f] = squash(converted.read_text(encoding="utf-8-sig"))
    return texts
