"""Shared fixtures. Tests never touch the user's real settings or files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offscreen Qt unless a developer asks to watch (QT_QPA_PLATFORM=xcb pytest ...).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ROPA_LANG", "en")

# Under pytest-xdist each worker gets its own temp folder (and so its own private ropa-* folders in it),
# so a test that counts what the program left in the temp folder never sees another worker's files.
if os.environ.get("PYTEST_XDIST_WORKER"):
    import tempfile

    _worker_temp = Path(tempfile.gettempdir()) / f"ropa-tests-{os.environ['PYTEST_XDIST_WORKER']}-{os.getpid()}"
    _worker_temp.mkdir(parents=True, exist_ok=True)
    os.environ["TMPDIR"] = str(_worker_temp)
    tempfile.tempdir = str(_worker_temp)

from ropa_desktop.i18n import set_language
from ropa_desktop.interchange import json_format
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests import promeister as pm


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


@pytest.fixture(scope="session")
def promeister_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ProMeister sample imported once per session; tests get copies."""
    path = tmp_path_factory.mktemp("promeister") / "promeister.ropa"
    json_format.import_json_file(pm.SAMPLE, path).close()
    return path


@pytest.fixture
def promeister_path(tmp_path: Path, promeister_template: Path) -> Path:
    """A fresh, closed copy of the ProMeister register (``samples/promeister-solutions.json``)."""
    return pm.copy_to(tmp_path, promeister_template)


@pytest.fixture
def promeister(promeister_path: Path) -> Iterator[RegisterFile]:
    """The ProMeister register, open."""
    with RegisterFile.open(promeister_path) as reg:
        yield reg
