"""The completeness checks: rules over a register snapshot that produce findings.

Each rule has a stable id (used by scripts, tests and the findings pane),
a severity, and a translatable message; a finding points at the record and
field to fix.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from ropa_desktop.checks.locations import location_of
from ropa_desktop.domain.register import OrganisationRegister, RegisterSnapshot
from ropa_desktop.i18n import N_, Translator, current


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_LABELS = {
    Severity.ERROR: N_("Error"),
    Severity.WARNING: N_("Warning"),
    Severity.INFO: N_("Note"),
}


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    organisation_id: int
    entity: str  # "organisation", "activity", "recipient", "transfer", ...
    record_id: int
    field: str  # the field to fix; "" when the record as a whole
    message: str  # msgid
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def location(self) -> tuple[str, int, str]:
        """(entity, record id, field): where to fix it. (entity, field) is in the field catalogue; field ""
        with record id 0 means the entity's table as a whole (no security measures at all)."""
        place = location_of(self.rule_id, self.entity, self.field)
        return place.entity, self.record_id if place.entity == self.entity else 0, place.field

    def render(self, translator: Translator | None = None) -> str:
        tr = translator or current()
        return tr.gettext(self.message).format(**self.params)

    def as_dict(self, translator: Translator | None = None) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "severity": self.severity.value,
            "organisation_id": self.organisation_id,
            "entity": self.entity,
            "record_id": self.record_id,
            "field": self.field,
            "message": self.render(translator),
        }


@dataclass(frozen=True)
class Context:
    today: date


RuleFunction = Callable[[OrganisationRegister, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: Severity
    description: str  # msgid: what the rule looks for
    check: RuleFunction
    article: str = ""  # where the requirement comes from, e.g. "GDPR art. 30(1)(f)"
    why: str = ""  # msgid: why a consultant cares
    fix: str = ""  # msgid: how to fix it in the register


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: Severity, description: str, *, article: str = "", why: str = "", fix: str = ""
) -> Callable[[RuleFunction], RuleFunction]:
    def register(fn: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, description, fn, article, why, fix)
        return fn

    return register


def load_rules() -> dict[str, Rule]:
    """Every rule, registered by importing the modules that declare them."""
    from ropa_desktop.checks import legal_rules, recipient_rules, rules  # noqa: F401 - registers the rules

    return RULES


def run_checks(snapshot: RegisterSnapshot, today: date | None = None) -> list[Finding]:
    """Every finding for every organisation, in a stable order."""
    load_rules()

    ctx = Context(today or date.today())
    findings: list[Finding] = []
    for org in snapshot.organisations:
        for r in RULES.values():
            findings.extend(r.check(org, ctx))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    positions = _positions(snapshot)
    # Within a severity: the organisation itself, then activities in table order, then recipients and
    # transfers in theirs, so findings about one record stay together.
    entity_order = {"organisation": 0, "personal_data": 1, "activity": 2, "recipient": 3, "transfer": 4}
    findings.sort(
        key=lambda f: (
            f.organisation_id,
            order[f.severity],
            entity_order.get(f.entity, 5),
            positions.get((f.entity, f.record_id), 0),
            f.rule_id,
        )
    )
    return findings


def _positions(snapshot: RegisterSnapshot) -> dict[tuple[str, int], int]:
    out: dict[tuple[str, int], int] = {}
    for org in snapshot.organisations:
        for i, a in enumerate(org.activities):
            out[("activity", a.activity.id or 0)] = i
        for i, r in enumerate(org.recipients):
            out[("recipient", r.recipient.id or 0)] = i
        for i, t in enumerate(org.transfers):
            out[("transfer", t.id or 0)] = i
        for i, c in enumerate(org.personal_data):
            out[("personal_data", c.id or 0)] = i
    return out


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def iter_by_rule(findings: Iterable[Finding], rule_id: str) -> Iterator[Finding]:
    return (f for f in findings if f.rule_id == rule_id)
