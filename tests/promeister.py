"""The one ProMeister register of the tests: ``samples/promeister-solutions.json`` imported as shipped.

The sample holds only what ProMeister's published notice (seed 000) says. Tests compare what a face
shows with this document, the input, never with a copy of the expected text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from ropa_desktop.resources import samples_dir

SAMPLE = samples_dir() / "promeister-solutions.json"


@cache
def _document_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def document() -> dict[str, Any]:
    """A fresh copy of the sample document (callers may change it)."""
    loaded: dict[str, Any] = json.loads(_document_text())
    return loaded


def organisation() -> dict[str, Any]:
    organisations: list[dict[str, Any]] = document()["organisations"]
    return organisations[0]


def activities() -> list[dict[str, Any]]:
    """The activities in table order, each with its personal data as category names."""
    org = organisation()
    names = {c["id"]: c["name"] for c in org["personal_data_categories"]}
    rows: list[dict[str, Any]] = sorted(org["activities"], key=lambda a: a.get("position", 0))
    return [a | {"personal_data": [names[i] for i in a.get("personal_data", [])]} for a in rows]


def recipients(*roles: str | None) -> list[dict[str, Any]]:
    """The recipients with one of ``roles`` (a processor has no role in the sample, only a service)."""
    return [r for r in organisation()["recipients"] if r.get("role") in roles]


def balancing_tests() -> list[str]:
    """The distinct balancing tests of the purpose table, in table order: the footnotes ¹, ², ³ …"""
    seen: list[str] = []
    for activity in activities():
        text = activity.get("balancing_test") or ""
        if text and text not in seen:
            seen.append(text)
    return seen


def copy_to(folder: Path, template: Path, name: str = "promeister.ropa") -> Path:
    """A fresh copy of the imported register (importing once per session, copying per test)."""
    path = folder / name
    path.write_bytes(template.read_bytes())
    return path
