"""Reading and compiling the gettext catalogues: the one compiler.

Both the build hook (``hatch_build.py``, which runs in an isolated build
environment from an sdist with only hatchling and Babel installed) and
``tools/i18n.py compile`` call :func:`compile_catalogues`, so a wheel, a frozen
build and a developer checkout carry the same ``.mo`` files. Hence only the
standard library and Babel here.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po


class CatalogueError(Exception):
    """A catalogue that cannot be parsed; the message names the file."""


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        try:
            return read_po(fh, locale=locale, abort_invalid=True)
        except PoFileError as exc:
            raise CatalogueError(f"{path}: {exc}") from None


def compile_catalogues(root: Path) -> list[Path]:
    """Compile ``translations/<lang>/LC_MESSAGES/*.po`` under ``root`` into ``ropa_desktop/locale``.

    Fuzzy entries are left out (they are guesses, not translations); a catalogue
    that does not parse stops the build with :class:`CatalogueError`.
    """
    written = []
    for po in sorted((root / "translations").glob("*/LC_MESSAGES/*.po")):
        language = po.parent.parent.name
        target = root / "ropa_desktop" / "locale" / language / "LC_MESSAGES" / (po.stem + ".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        catalog = read_catalogue(po, language)
        with target.open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        written.append(target)
    return written
