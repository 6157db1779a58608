"""docs/json-format.md lists every field of every record type the format carries."""

from __future__ import annotations

import re

import pytest

from ropa_desktop.domain.models import field_names
from ropa_desktop.interchange.json_format import SECTIONS
from ropa_desktop.store.entities import ENTITIES
from tests.seeds import REPO


def test_every_field_is_documented() -> None:
    doc = (REPO / "docs" / "json-format.md").read_text(encoding="utf-8")
    tables = dict(re.findall(r"^### (.+?)\n\n((?:\|.*\n)+)", doc, re.MULTILINE))
    sections = {"organisation": next(t for title, t in tables.items() if title.startswith("Organisation"))}
    sections.update({s.entity: tables[f"`{s.key}`"] for s in SECTIONS})
    for entity, table in sections.items():
        documented = set(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE))
        fields = set(field_names(ENTITIES[entity].model)) - {"organisation_id", "position"}
        section = next((s for s in SECTIONS if s.entity == entity), None)
        links = set(section.links) if section else set()
        assert fields | links == documented, entity


def test_the_field_tables_follow_the_field_catalogue() -> None:
    """Headings, articles and art. 30 requirements in the document are the catalogue's (tools/field_table.py)."""
    from ropa_desktop.domain.fields import FIELDS
    from tools import field_table

    assert field_table.main(["--check"]) == 0
    doc = (REPO / "docs" / "json-format.md").read_text(encoding="utf-8")
    sections = {f"`{s.key}`": s.entity for s in SECTIONS}
    for title, table in re.findall(r"^### (.+?)\n\n((?:\|.*\n)+)", doc, re.MULTILINE):
        entity = "organisation" if title.startswith("Organisation") else sections[title]
        for name in re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE):
            assert name == "id" or (entity, name) in FIELDS, (entity, name)


@pytest.mark.slow
def test_fields_doc_shows_every_face_reads_and_writes_every_version_2_field() -> None:
    """docs/fields.md is what tools/fields_coverage.py measures now, and it has no hole (issue 13)."""
    from tools import fields_coverage

    measured = fields_coverage.measure()
    holes = [(key, face) for key, found in measured if not all(found.values()) for face, ok in found.items() if not ok]
    assert holes == []
    assert fields_coverage.main(["--check"], measured=lambda: measured) == 0
