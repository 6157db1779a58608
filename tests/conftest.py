"""Shared fixtures. Tests never touch the user's real settings or files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offscreen Qt unless a developer asks to watch (QT_QPA_PLATFORM=xcb pytest ...).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ROPA_LANG", "en")

from ropa_desktop.i18n import set_language
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    set_language("en")


@pytest.fixture
def register(tmp_path: Path) -> Iterator[RegisterFile]:
    """A new register holding one organisation (id 1)."""
    with RegisterFile.create(tmp_path / "test.ropa") as reg:
        reg.apply(ops.Create("organisation", {"name": "Test AS", "orgnr": "917100462", "email": "post@test.no"}))
        yield reg
