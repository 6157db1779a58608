"""Fixtures for the translation tests: a throw-away source tree the tools can run on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.seeds import REPO


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A minimal checkout: babel.cfg, a tiny ropa_desktop package, the real catalogues."""
    root = tmp_path / "repo"
    (root / "ropa_desktop").mkdir(parents=True)
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    (root / "ropa_desktop" / "__init__.py").write_text("", encoding="utf-8")
    (root / "ropa_desktop" / "module.py").write_text(
        "from ropa_desktop.i18n import N_, _, ngettext\n"
        "TITLE = N_('Purpose')\n"
        "def f(n: int) -> str:\n"
        "    return _('Page {page} of {pages}') + ngettext('{count} activity', '{count} activities', n)\n",
        encoding="utf-8",
    )
    return root
