"""The one way tests find the seed privacy notices: ``../shared/seeds`` beside the checkout.

The path is relative to the checkout, never absolute, so a clone anywhere (or CI) finds it or skips
with the reason. ``ROPA_SEEDS`` points elsewhere. A copy of the ProMeister notice travels with the tests
(``tests/samples/seeds``) so what is built from it is checked in CI too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
VENDORED_SEEDS = Path(__file__).resolve().parent / "samples" / "seeds"
SEED_FILES = {
    "promeister-solutions": "000_d06a716b7219f12d.txt",
    "mestergruppen": "001_1f52342cf4e5dd41.txt",
    "proactima": "002_4423e157a1584978.txt",
}


def shared_seeds() -> Path | None:
    """``../shared/seeds`` relative to the checkout (or ``ROPA_SEEDS``), or None when it is not there."""
    explicit = os.environ.get("ROPA_SEEDS")
    folder = Path(explicit) if explicit else REPO.parent / "shared" / "seeds"
    return folder if folder.is_dir() else None


def seed_notice(name: str) -> Path:
    """The seed notice a sample was built from; the test skips, saying why, when neither copy is present."""
    for folder in (VENDORED_SEEDS, shared_seeds()):
        if folder is not None and (folder / SEED_FILES[name]).is_file():
            return folder / SEED_FILES[name]
    pytest.skip(
        f"the seed notice {SEED_FILES[name]} is neither in tests/samples/seeds nor in ../shared/seeds (set ROPA_SEEDS)"
    )
