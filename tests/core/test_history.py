"""The automatic change log summarises the audit trail in the user's language."""

from __future__ import annotations

import pytest

from ropa_desktop.i18n import translator
from ropa_desktop.store import operations as ops
from ropa_desktop.store.history import summarise
from ropa_desktop.store.register import RegisterFile

pytestmark = pytest.mark.both_engines  # the store on a file and on a PostgreSQL server


def _names(reg: RegisterFile) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for org in reg.snapshot().organisations:
        out[("organisation", org.organisation.id or 0)] = org.organisation.name
        for a in org.activities:
            out[("activity", a.activity.id or 0)] = a.activity.purpose
    return out


def test_history_lines_name_the_record_and_fields(register: RegisterFile) -> None:
    act = register.apply(ops.Create("activity", {"organisation_id": 1, "purpose": "Kurs"})).record_id or 0
    register.apply(ops.Update("activity", act, {"purpose": "Tilby kurs", "retention": "5 år"}))
    register.apply(ops.Delete("activity", act))
    lines = summarise(register.audit_trail(), _names(register), translator("en"), organisation_id=1)
    texts = [line.what for line in lines]
    assert texts[0] == "Removed processing activity «Tilby kurs»"
    assert texts[1] == "Changed Purpose, Retention of processing activity «Tilby kurs»"
    assert texts[2] == "Added processing activity «Kurs»"
    assert lines[0].when >= lines[-1].when


def test_history_is_per_organisation(register: RegisterFile) -> None:
    other = register.apply(ops.Create("organisation", {"name": "Annen AS"})).record_id
    register.apply(ops.Create("activity", {"organisation_id": other, "purpose": "Lønn"}))
    mine = summarise(register.audit_trail(), _names(register), translator("en"), organisation_id=1)
    assert all("Lønn" not in line.what for line in mine)
