"""Lint, formatting, types and the Qt-free-core contract run with the test suite, so CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, cwd=REPO)


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return path


def test_ruff_lint() -> None:
    result = _run(_tool("ruff"), "check", "ropa_desktop", "tests", "tools", "hatch_build.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run(_tool("ruff"), "format", "--check", "ropa_desktop", "tests", "tools", "hatch_build.py")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict() -> None:
    """Strict over the app and the tests alike (the packages come from pyproject.toml)."""
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    checked = int(result.stdout.rsplit(" in ", 1)[1].split()[0])
    assert checked > len(list((REPO / "tests").rglob("*.py"))), result.stdout


def test_mypy_covers_the_tests() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert {"ropa_desktop", "tests"} <= set(config["packages"])
    assert not any("tests" in pattern for pattern in config.get("exclude", []))


def test_import_contracts() -> None:
    result = _run(_tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_core_package_is_under_the_qt_contract() -> None:
    """A new core package must join the contract, or it could import Qt unnoticed."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    listed = set(contract["source_modules"])
    package = REPO / "ropa_desktop"
    present = {
        f"ropa_desktop.{p.stem if p.is_file() else p.name}"
        for p in package.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and not p.name.startswith("__"))
    }
    allowed_qt = {"ropa_desktop.ui"}
    assert present - allowed_qt <= listed, sorted(present - allowed_qt - listed)
