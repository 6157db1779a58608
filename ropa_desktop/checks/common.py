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
    return (a for a in org.activities if a.activity.register_kind == e.RegisterKind.CONTROLLER)


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


def category_ids(org: OrganisationRegister, pattern: re.Pattern[str], key: str) -> frozenset[int]:
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

MARKETING = re.compile(
    r"markedsfør\w*|nyhetsbrev\w*|reklame\w*|kampanje\w*|direkte ?markedsføring|"
    r"\bmarketing\b|newsletters?|advertis\w*|promotion\w*",
    re.IGNORECASE,
)
ELECTRONIC_CHANNEL = re.compile(r"nyhetsbrev\w*|e-?post\w*|\bsms\b|newsletters?|e-?mails?", re.IGNORECASE)
ELECTRONIC_ADDRESS = re.compile(r"e-?post\w*|e-?mail\w*|mobil\w*|telefon\w*|phone", re.IGNORECASE)
TRACKING = re.compile(
    r"informasjonskapsl\w*|cookies?|piksl\w*|pixels?|sporingsteknolog\w*|tracking technolog\w*|"
    r"google analytics|meta pixel|facebook pixel|tag manager",
    re.IGNORECASE,
)
TRACKING_NOT_NECESSARY = re.compile(
    r"analy\w*|statisti\w*|markedsfør\w*|marketing|annons\w*|advertis\w*|målrett\w*|target\w*|"
    r"skreddersy\w*|personalis\w*|tilpass\w*|retarget\w*|remarket\w*",
    re.IGNORECASE,
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
