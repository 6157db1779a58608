"""Where the application's data files are, from a source tree, a wheel or a frozen bundle.

In a source checkout the top-level ``resources/``, ``samples/`` and
``translations/`` folders are used directly; a wheel or a PyInstaller bundle
carries them inside the package as ``ropa_desktop/_data/...``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(name: str) -> Path:
    bundled = PACKAGE_DIR / "_data" / name
    if bundled.exists():
        return bundled
    return PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    return _first_existing("resources")


def samples_dir() -> Path:
    return _first_existing("samples")


def translations_dir() -> Path:
    return _first_existing("translations")


def locale_dir() -> Path:
    """Compiled ``.mo`` catalogues, produced by the build."""
    return PACKAGE_DIR / "locale"


def package_data(name: str) -> Path:
    """A data file that ships inside the package (``ropa_desktop/data``)."""
    return PACKAGE_DIR / "data" / name
