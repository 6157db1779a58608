"""Fixtures for the sample registers in ``samples/`` and the seed notices they are built from."""

from __future__ import annotations

from pathlib import Path

from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.interchange import json_format
from ropa_desktop.resources import samples_dir

SAMPLES = ("promeister-solutions", "mestergruppen", "proactima")


def sample_path(name: str) -> Path:
    return samples_dir() / f"{name}.json"


def load_sample(name: str, tmp_path: Path) -> OrganisationRegister:
    with json_format.import_json_file(sample_path(name), tmp_path / f"{name}.ropa") as register:
        snapshot = register.snapshot()
    assert len(snapshot.organisations) == 1
    return snapshot.organisations[0]
