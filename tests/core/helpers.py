"""Helpers shared by the core tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_register(path: Path, activities: int = 30) -> Path:
    """A closed register with some real content spread over several pages."""
    with RegisterFile.create(path) as reg:
        org = reg.apply(ops.Create("organisation", {"name": "ProMeister Solutions AS", "orgnr": "917100462"})).record_id
        cat = reg.apply(ops.Create("personal_data", {"organisation_id": org, "name": "Navn"})).record_id or 0
        reg.apply(
            ops.Batch(
                tuple(
                    ops.Create(
                        "activity",
                        {
                            "organisation_id": org,
                            "purpose": f"Formål {i} " + "lang tekst " * 40,
                            "operations": [f"Behandling {i}.{j}" for j in range(5)],
                            "legal_basis": ["b"],
                        },
                    )
                    for i in range(activities)
                )
            )
        )
        first = reg.snapshot().organisations[0].activities[0].activity.id or 0
        reg.apply(ops.SetLinks("activity.personal_data", first, (cat,)))
    return path
