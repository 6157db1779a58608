"""Fixtures for the sample registers in ``samples/`` and the seed notices they are built from."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.interchange import json_format
from ropa_desktop.resources import samples_dir

SAMPLES = ("promeister-solutions", "mestergruppen", "proactima")
SEED_FILES = {
    "promeister-solutions": "000_d06a716b7219f12d.txt",
    "mestergruppen": "001_1f52342cf4e5dd41.txt",
    "proactima": "002_4423e157a1584978.txt",
}


def seeds_dir() -> Path | None:
    """``shared/seeds`` next to the checkout or one of its parents (worktrees live one level deeper)."""
    explicit = os.environ.get("ROPA_SEEDS")
    if explicit:
        return Path(explicit)
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


def sample_path(name: str) -> Path:
    return samples_dir() / f"{name}.json"


# A copy of the ProMeister notice travels with the tests, so the comparison runs in CI too.
VENDORED_SEEDS = Path(__file__).with_name("seeds")


@pytest.fixture
def seed_text() -> Iterator[object]:
    def read(name: str) -> str:
        for folder in (VENDORED_SEEDS, seeds_dir()):
            if folder is not None and (folder / SEED_FILES[name]).is_file():
                return (folder / SEED_FILES[name]).read_text(encoding="utf-8")
        pytest.skip("the seed notice is neither in tests/samples/seeds nor in shared/seeds (set ROPA_SEEDS)")

    yield read


def load_sample(name: str, tmp_path: Path) -> OrganisationRegister:
    with json_format.import_json_file(sample_path(name), tmp_path / f"{name}.ropa") as register:
        snapshot = register.snapshot()
    assert len(snapshot.organisations) == 1
    return snapshot.organisations[0]
