"""Which flags a personal-data category's name suggests (Qt-free): art. 9 special categories and
national identity numbers, in Norwegian and English, as notices name them ("Allergier", "Fødselsnummer").

A suggestion only: the editor offers the flag, the owner decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Word stems, matched at the start of a word (so "helseopplysninger" and "health data" both match,
# but "forhelse" does not). Norwegian first, then English, per art. 9(1) heading.
_SPECIAL_STEMS: tuple[str, ...] = (
    # health (incl. allergies, sick leave, disability)
    "helse",
    "allergi",
    "sykdom",
    "sykemeld",
    "sykefravær",
    "diagnose",
    "medisin",
    "funksjonsnedsett",
    "health",
    "allerg",
    "illness",
    "sick leave",
    "diagnos",
    "medical",
    "disabilit",
    # racial or ethnic origin
    "etnisk",
    "etnisitet",
    "rase",
    "ethnic",
    "racial",
    # political opinions, religious or philosophical beliefs
    "politisk",
    "religi",
    "livssyn",
    "tro og",
    "political",
    "philosophical belief",
    # trade union membership
    "fagforening",
    "trade union",
    "union member",
    # genetic and biometric data
    "genetisk",
    "biometri",
    "fingeravtrykk",
    "ansiktsgjenkjenn",
    "genetic",
    "biometric",
    "fingerprint",
    "facial recognition",
    # sex life or sexual orientation
    "seksuell",
    "seksualliv",
    "sex life",
    "sexual",
)
_NATIONAL_ID_STEMS: tuple[str, ...] = (
    "fødselsnummer",
    "fodselsnummer",
    "personnummer",
    "d-nummer",
    "dnummer",
    "national identity number",
    "national id",
    "social security number",
    "personal identity number",
)


def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in stems) + ")", re.IGNORECASE)


_SPECIAL = _pattern(_SPECIAL_STEMS)
_NATIONAL_ID = _pattern(_NATIONAL_ID_STEMS)


# The yes/no flags a personal-data category carries, in the order the picker shows them beside it:
# art. 9(1), personopplysningsloven § 12, art. 10, then the format-2 DPIA criteria (highly personal data).
CATEGORY_FLAGS: tuple[str, ...] = ("special", "national_id", "criminal", "location", "financial", "communications")


@dataclass(frozen=True)
class FlagHint:
    special: bool = False
    national_id: bool = False

    def __bool__(self) -> bool:
        return self.special or self.national_id


def suggest_flags(name: str) -> FlagHint:
    """The flags a category named ``name`` probably needs."""
    return FlagHint(special=bool(_SPECIAL.search(name)), national_id=bool(_NATIONAL_ID.search(name)))


def suggested_flags(name: str) -> dict[str, bool]:
    """The flags to tick when a category named ``name`` is created (only the suggested ones)."""
    hint = suggest_flags(name)
    return {flag: True for flag in ("special", "national_id") if getattr(hint, flag)}
