"""Pseudo-translation: every message accented, bracketed and about 40 % longer.

Run the program with ``ROPA_PSEUDO=1`` to see it. A label that is cut off, a
string that stays plain (it bypassed the catalogue) or a layout that does not
grow with German- or Norwegian-length text shows at a glance. Placeholders
(``{name}``), Qt mnemonics (``&``) and markup are left intact so the program
still runs.
"""

from __future__ import annotations

import gettext as _gettext
import re

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒğĥîĵķĺɱñöþʠŕšţûṽŵẋýžÅƁÇĐÉƑĞĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Placeholders, HTML tags and entities must survive untouched.
_PROTECTED = re.compile(r"(\{[^{}]*\}|<[^<>]*>|&[a-zA-Z]+;|%\(?[a-z_]*\)?[sdr])")
GROWTH = 0.4
_PADDING = " ~·"


def pseudo_translate(message: str) -> str:
    """``"Purpose"`` → ``"[!! Þûŕþöšé ~· !!]"``: same placeholders, at least 40 % longer."""
    if not message:
        return message
    parts = _PROTECTED.split(message)
    accented = "".join(part if _PROTECTED.fullmatch(part) else part.translate(_ACCENTED) for part in parts)
    visible = len(_PROTECTED.sub("", message))
    extra = max(1, round(visible * GROWTH))
    padding = (_PADDING + "~·" * (extra // 2 + 1))[:extra]
    return f"[!! {accented}{padding} !!]"


class PseudoTranslations(_gettext.NullTranslations):
    """Wraps a catalogue so that every message comes back pseudo-translated."""

    def gettext(self, message: str) -> str:
        return pseudo_translate(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translate(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_translate(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translate(msgid1 if n == 1 else msgid2)
