"""Is a retention text concrete? A reading of "Lagringstid" as a privacy consultant reads it.

Art. 30(1)(f) asks for the time limits for erasure. A text is concrete when it gives a
duration (a number and a unit, also an approximate one: "ca. 6 år", "about two years") or
an event a date can be put on ("until the contract ends", "inntil du trekker samtykket"),
or names the law that sets the period ("bokføringsloven § 13"). Appeals to necessity or
usefulness ("så lenge det er nødvendig", "as long as we may need it", "så lenge det er
hensiktsmessig") and to "the law in force" without naming a law are vague, and so is a
text that gives neither a duration nor an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_NUMBER_WORDS = (
    r"en|ett|ei|én|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|femten|tjue|tretti|atten|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|"
    r"a|an|et|halvt|half"
)
_UNITS = (
    r"sekund(?:er)?|minutt(?:er)?|time(?:r)?|døgn|dag(?:er|s)?|uke(?:r)?|måned(?:er)?|mnd\.?|år(?:et)?|"
    r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|yrs?"
)
# "5 år", "ca. 6 år", "12 måneder", "two years", "3-5 år", "to (2) år", "90 dager", "et år"
DURATION = re.compile(
    rf"(?<![\w§])(?:\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+)?|{_NUMBER_WORDS})(?:\s*\(\d+\))?\s*(?:{_UNITS})(?!\w)",
    re.IGNORECASE,
)
# A specific law, regulation or provision: "bokføringsloven", "lov om produktansvar", "§ 13",
# "the Bookkeeping Act", "forskrift om ...". The GDPR itself sets no retention period.
NAMED_LAW = re.compile(
    r"\b\w+(?:loven|lova|lovens|forskriften)\b|\blov om\b|§\s*\d|\bforskrift om\b|"
    r"\b[A-Z]\w+(?: [A-Z]\w+)* (?:Act|Regulations?)\b|\bsection \d",
)
_GDPR_ONLY = re.compile(r"personvernforordningen|personopplysningsloven|\bGDPR\b|data protection act", re.IGNORECASE)
# Events a date can be put on: the end of a contract, account, relationship, case or consent.
EVENT = re.compile(
    r"\b(?:inntil|til|etter|fra|ved|når|dersom|hvis|så lenge|until|till|after|from|upon|on|when|if|once|as long as|while)\b[^.;]{0,60}?"
    r"(?:avslutt\w*|opphør\w*|slutt\w*|utløp\w*|utført|sletter?|slettes|slettet|trekk\w*|tilbakekall\w*|"
    r"inaktiv\w*|avregistr\w*|melder? (?:deg|seg) av|avmeld\w*|består|varer|er aktiv|aktivt|"
    r"fullført\w*|gjennomført|regnskapsår\w*|årsskift\w*|ansettelse\w*|arbeidsforhold\w*|"
    r"end(?:s|ed)?\b|termination|terminated|expir\w*|clos(?:e|ed|es|ure)|withdraw\w*|revok\w*|deleted?|"
    r"cancel\w*|unsubscrib\w*|inactive|completed?|financial year|employment|lasts|is active|"
    r"overføringen er gjort|transfer is made)",
    re.IGNORECASE,
)
IMMEDIATE = re.compile(
    r"\b(?:umiddelbart|straks|ikke lagret|lagres ikke|lagrer ikke|immediately|not stored|not retained)\b",
    re.IGNORECASE,
)
# Appeals to necessity, usefulness or "the law" in general.
VAGUE = re.compile(
    r"nødvendig|hensiktsmessig|behov|formålet tilsier|relevant|nyttig|"
    r"necessary|needed|need it|appropriate|useful|relevant|required|reasonabl\w*|"
    r"gjeldende (?:lov|regelverk|rett)|lovverk\w*|lovgivning\w*|lovpålag\w*|lovkrav|krav i lov|"
    r"applicable law|law in force|laws? (?:in force|require)|legal(?:ly)? (?:requirements?|obligations?|required)|"
    r"as required by law|required by law|by law",
    re.IGNORECASE,
)

# A lower bound ("minimum 5 år", "at least five years") says when data may be erased at the earliest,
# not when it is: concrete only with an upper bound or an erasure beside it.
LOWER_BOUND = re.compile(
    rf"\b(?:minimum|minst|i det minste|ikke mindre enn|at least|a minimum of|no less than|not less than)\s+"
    rf"(?:i\s+|for\s+)?(?:\d|{_NUMBER_WORDS}\b)",
    re.IGNORECASE,
)
UPPER_BOUND = re.compile(
    r"\b(?:maks\w*|maximum|høyst|inntil|ikke lenger enn|at most|up to|no longer than|not longer than|"
    r"deretter|thereafter|then|slett\w*|anonymi\w*|delete\w*|erase\w*)\b",
    re.IGNORECASE,
)


class Reading(StrEnum):
    CONCRETE = "concrete"
    VAGUE = "vague"
    EMPTY = "empty"


@dataclass(frozen=True)
class RetentionReading:
    reading: Reading
    why: str  # which part decided: "duration", "law", "event", "immediate", "necessity", "nothing"


def read_retention(text: str) -> RetentionReading:
    """Classify a retention text; see the module's docstring for what counts as concrete."""
    flat = " ".join(text.split())
    if not flat:
        return RetentionReading(Reading.EMPTY, "nothing")
    if LOWER_BOUND.search(flat) and not UPPER_BOUND.search(flat):
        return RetentionReading(Reading.VAGUE, "lower_bound")
    if DURATION.search(flat):
        return RetentionReading(Reading.CONCRETE, "duration")
    if IMMEDIATE.search(flat):
        return RetentionReading(Reading.CONCRETE, "immediate")
    if any(not _GDPR_ONLY.fullmatch(m.group(0)) for m in NAMED_LAW.finditer(flat)) and not _only_gdpr(flat):
        return RetentionReading(Reading.CONCRETE, "law")
    vague = VAGUE.search(flat)
    if vague:
        # "as long as necessary to fulfil the contract", "until the customer relationship ends, and then
        # as long as we see fit": the appeal to necessity decides when data is erased, not the event.
        return RetentionReading(Reading.VAGUE, "necessity")
    if EVENT.search(flat):
        return RetentionReading(Reading.CONCRETE, "event")
    return RetentionReading(Reading.VAGUE, "nothing")


def _only_gdpr(text: str) -> bool:
    laws = [m.group(0) for m in NAMED_LAW.finditer(text)]
    return bool(laws) and all(_GDPR_ONLY.search(law) for law in laws)


def is_vague(text: str) -> bool:
    return read_retention(text).reading is Reading.VAGUE
