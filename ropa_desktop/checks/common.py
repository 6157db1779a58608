"""What the rule modules share: building findings, naming records, reading legal bases and texts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from ropa_desktop.checks.engine import Finding, Severity
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister


def org_id(org: OrganisationRegister) -> int:
    return org.organisation.id or 0


def finding(
    org: OrganisationRegister,
    rule_id: str,
    severity: Severity,
    entity: str,
    record_id: int | None,
    field: str,
    message: str,
    **params: object,
) -> Finding:
    return Finding(rule_id, severity, org_id(org), entity, record_id or 0, field, message, dict(params))


def label(activity: ActivityRecord) -> str:
    return (
        activity.activity.purpose.strip().splitlines()[0]
        if activity.activity.purpose.strip()
        else f"#{activity.activity.id or 0}"
    )


def excerpt(text: str, limit: int = 80) -> str:
    """A quotable start of a long text, so a finding stays one readable line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def controller_activities(org: OrganisationRegister) -> Iterator[ActivityRecord]:
    # A dozen rules walk the controller's activities: pick them out once per check run.
    controller = per_organisation(
        org, "controller", lambda: [a for a in org.activities if a.activity.register_kind == e.RegisterKind.CONTROLLER]
    )
    return iter(controller)


T = TypeVar("T")


def per_organisation(org: OrganisationRegister, key: str, compute: Callable[[], T]) -> T:
    """Compute a fact about the organisation once per check run (a snapshot is read-only while it is checked).

    Kept in the snapshot object's own dict, as ``cached_property`` does, so it goes with the snapshot.
    """
    store = vars(org)
    name = f"_checks_{key}"
    if name not in store:
        store[name] = compute()
    return store[name]  # type: ignore[no-any-return]


_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")


class Wording:
    """A case-insensitive wording with the stems every match contains, looked for first.

    A Unicode ``re.IGNORECASE`` alternation costs some 100 µs on a purpose text, and the checks read
    every activity's text with a dozen of them: on a 10,000-activity register that was most of
    ``ropa check``. Looking for plain stems in the case-folded text is some fifty times cheaper, and
    most texts contain none, so the pattern rarely runs. Within Latin-1 (Norwegian and English text)
    case folding maps every character ``re.IGNORECASE`` equates with a stem's letter to that letter, so
    a text without a stem cannot match; text with other characters (a Kelvin sign, a dotted İ) goes
    straight to the pattern.
    """

    def __init__(self, pattern: str, stems: tuple[str, ...]) -> None:
        self.regex = re.compile(pattern, re.IGNORECASE)
        self.stems = tuple(stem.casefold() for stem in stems)

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii() or not _BEYOND_LATIN1.search(text):
            folded = text.casefold()
            if not any(map(folded.__contains__, self.stems)):  # map: no generator frame per stem
                return None
        return self.regex.search(text)


def category_ids(org: OrganisationRegister, pattern: re.Pattern[str] | Wording, key: str) -> frozenset[int]:
    """Ids of the data categories whose name or description matches ``pattern`` (once per organisation)."""
    return per_organisation(
        org,
        key,
        lambda: frozenset(
            c.id for c in org.personal_data if c.id is not None and pattern.search(f"{c.name} {c.description}")
        ),
    )


def bases(act: m.ProcessingActivity) -> set[str]:
    """Every art. 6(1) letter the activity rests on: the main list and the entries for parts of it."""
    return set(act.legal_basis) | {str(entry.get("basis", "")) for entry in act.legal_bases}


def activity_text(a: ActivityRecord) -> str:
    """The activity's own words (purpose and operations), for the checks that read wording."""
    act = a.activity
    return " ".join([act.purpose, *act.operations, act.legal_basis_note])


# --------------------------------------------------------------------------- wording the checks read

MARKETING = Wording(
    r"markedsfør\w*|nyhetsbrev\w*|reklame\w*|kampanje\w*|direkte ?markedsføring|"
    r"\bmarketing\b|newsletters?|advertis\w*|promotion\w*",
    ("markedsfør", "nyhetsbrev", "reklame", "kampanje", "marketing", "newsletter", "advertis", "promotion"),
)
ELECTRONIC_CHANNEL = Wording(
    r"nyhetsbrev\w*|e-?post\w*|\bsms\b|newsletters?|e-?mails?", ("nyhetsbrev", "post", "sms", "newsletter", "mail")
)
ELECTRONIC_ADDRESS = Wording(
    r"e-?post\w*|e-?mail\w*|mobil\w*|telefon\w*|phone", ("post", "mail", "mobil", "telefon", "phone")
)
TRACKING = Wording(
    r"informasjonskapsl\w*|cookies?|piksl\w*|pixels?|sporingsteknolog\w*|tracking technolog\w*|"
    r"google analytics|meta pixel|facebook pixel|tag manager",
    (
        "informasjonskapsl",
        "cookie",
        "piksl",
        "pixel",
        "sporingsteknolog",
        "tracking technolog",
        "google analytics",
        "tag manager",
    ),
)
TRACKING_NOT_NECESSARY = Wording(
    r"analy\w*|statisti\w*|markedsfør\w*|marketing|annons\w*|advertis\w*|målrett\w*|target\w*|"
    r"skreddersy\w*|personalis\w*|tilpass\w*|retarget\w*|remarket\w*",
    (
        "analy",
        "statisti",
        "markedsfør",
        "marketing",
        "annons",
        "advertis",
        "målrett",
        "target",
        "skreddersy",
        "personalis",
        "tilpass",
        "remarket",
    ),
)
# The GDPR itself is never the supplementary national law art. 6(3) asks for.
GDPR_ITSELF = re.compile(
    r"personvernforordning\w*|\bforordning(?:en)?\b|\bGDPR\b|general data protection regulation|"
    r"\b(?:art(?:ikkel|icle)?\.?|art)\s*6\b",
    re.IGNORECASE,
)
NAMED_LAW = re.compile(
    r"\b\w+(?:loven|lova|lovens|forskriften)\b|\blov(?:en)? om\b|\blov av\b|§\s*\d|\bforskrift om\b|"
    r"\b[A-Z]\w+(?: [A-Z]\w+)* (?:Act|Regulations?|Code)\b|\bLOV-\d|\bFOR-\d",
)


def names_a_law(text: str) -> bool:
    """Whether ``text`` names a specific law other than the GDPR (a national act, a section)."""
    for match in NAMED_LAW.finditer(text):
        if not GDPR_ITSELF.search(match.group(0)) and "personopplysningslov" not in match.group(0).lower():
            return True
    # "personopplysningsloven § 12" names a provision; the act alone does not add a basis.
    return bool(re.search(r"personopplysningslov\w*\s*§\s*\d", text, re.IGNORECASE))
