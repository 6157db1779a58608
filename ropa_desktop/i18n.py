"""The one translation layer for the UI, the ``ropa`` command, the checks and the exports.

Messages are English msgids in gettext catalogues managed with Babel
(``translations/``); the compiled ``.mo`` files are produced by the build
(``hatch_build.py``) into ``ropa_desktop/locale``. When running from a source
tree that was never built, the ``.po`` files are compiled in memory so that a
developer still sees the real translations.

Two kinds of language exist side by side: the UI language (module-level
:func:`_`) and the language of one export, which a caller gets as a
:class:`Translator` from :func:`translator`, independent of the UI.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import io
import locale as _locale
import os
from datetime import date, datetime
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ropa_desktop.resources import locale_dir, translations_dir

# Babel's locale data loads when a date, number or country name is first formatted, not with the
# messages: ``ropa --help`` needs only the catalogue (issue 16).
if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "ropa"
LANGUAGES: tuple[str, ...] = ("nb", "en")
DEFAULT_LANGUAGE = "en"


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a message for extraction without translating it now."""
    return message


def _load_catalogue(language: str) -> _gettext.NullTranslations:
    if os.environ.get("ROPA_PSEUDO") == "1":
        # Layout testing: every message pseudo-translated (see ropa_desktop/pseudo.py).
        from ropa_desktop.pseudo import PseudoTranslations

        return PseudoTranslations()
    mo_path = locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo_path.is_file():
        with mo_path.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    po_path = translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po_path.is_file():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        return _gettext.GNUTranslations(buf)
    return _gettext.NullTranslations()


class Translator:
    """Messages, dates, numbers and country names in one language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self._catalogue = _load_catalogue(language)
        self._integers: dict[int, str] = {}  # format_number's answers: page numbers and counts recur

    @cached_property
    def locale(self) -> Locale:
        from babel import Locale

        return Locale.parse(self.language)

    def gettext(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalogue.pgettext(context, message)

    def format_date(self, value: date | None, format: str = "medium") -> str:  # noqa: A002
        if value is None:
            return ""
        from babel.dates import format_date

        return format_date(value, format=format, locale=self.locale)

    def format_datetime(self, value: datetime | None, format: str = "medium") -> str:  # noqa: A002
        if value is None:
            return ""
        from babel.dates import format_datetime

        return format_datetime(value, format=format, locale=self.locale)

    def format_local_time(self, value: datetime | None) -> str:
        """A moment in this computer's time zone, with the zone: "28. november 2026, 07:48:45 CET"."""
        return self.format_datetime(value.astimezone(), "long") if value is not None else ""

    def format_number(self, value: float | int) -> str:
        from babel.numbers import format_decimal

        if isinstance(value, int):  # each page's "Page 3 of 14" and the like: Babel's work done once per number
            found = self._integers.get(value)
            if found is None:
                found = self._integers[value] = format_decimal(value, locale=self.locale)
            return found
        return format_decimal(value, locale=self.locale)

    def country_name(self, code: str) -> str:
        """The country's name from Babel's locale data; the code itself when unknown."""
        if not code:
            return ""
        return str(self.locale.territories.get(code.upper(), code))

    def countries(self) -> list[tuple[str, str]]:
        """(code, name) for every country, sorted by name in this language."""
        names = self.locale.territories
        items = [(code, str(name)) for code, name in names.items() if len(code) == 2 and code.isalpha()]
        return sorted(items, key=lambda item: item[1].casefold())


@cache
def translator(language: str) -> Translator:
    """The (cached) translator for one language."""
    return Translator(language)


def system_language() -> str:
    """The supported language closest to the system locale (Norwegian variants → ``nb``)."""
    candidates = [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    with contextlib.suppress(ValueError):
        candidates.append(_locale.getlocale()[0] or "")
    for raw in candidates:
        code = raw.split(".")[0].split(":")[0].lower()
        if code.startswith(("nb", "no", "nn")):
            return "nb"
        if code.startswith("en"):
            return "en"
    return DEFAULT_LANGUAGE


_current: Translator | None = None


def set_language(language: str) -> None:
    """Set the UI language that :func:`_` translates into."""
    global _current
    _current = translator(language)


def current() -> Translator:
    global _current
    if _current is None:
        _current = translator(os.environ.get("ROPA_LANG") or system_language())
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the UI language."""
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return current().ngettext(singular, plural, n)


def available_catalogues() -> dict[str, Path]:
    """Where each language's source catalogue lives (for tests and tools)."""
    return {lang: translations_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po" for lang in LANGUAGES}
