"""Lint, formatting, types and the Qt-free-core contract run with the test suite, so CI enforces them."""

from __future__ import annotations

import ast
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


def _qt_free_definitions(path: Path) -> list[tuple[str, int]]:
    """Top-level functions and classes of a ui module that use no Qt name, directly or through another
    definition of the module that does: (name, lines)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    qt: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(("PySide6", "ropa_desktop.ui")):
            qt |= {alias.asname or alias.name for alias in node.names}
    definitions = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    used = {d.name: {n.id for n in ast.walk(d) if isinstance(n, ast.Name)} for d in definitions}
    changed = True
    while changed:  # a helper that calls a Qt-using helper is Qt code too
        changed = False
        for d in definitions:
            if d.name not in qt and used[d.name] & qt:
                qt.add(d.name)
                changed = True
    return [(d.name, (d.end_lineno or d.lineno) - d.lineno + 1) for d in definitions if d.name not in qt]


def test_the_ui_holds_no_qt_free_logic_the_core_could_own() -> None:
    """Every ui module is Qt code; a Qt-free function there is glue of a few lines, never parsing,
    formatting or data shaping (those live in the core, where the ``ropa`` command and tests reach them)."""
    ui = REPO / "ropa_desktop" / "ui"
    modules = [p for p in ui.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) > 20
    without_qt = [p.name for p in modules if "PySide6" not in p.read_text(encoding="utf-8")]
    assert without_qt == [], f"Qt-free modules belong in the core: {without_qt}"
    glue_lines = 15
    logic = [
        f"{p.name}:{name} ({lines} lines)"
        for p in modules
        for name, lines in _qt_free_definitions(p)
        if lines > glue_lines
    ]
    assert logic == [], f"Qt-free code in ropa_desktop/ui/ to move to the core: {logic}"
