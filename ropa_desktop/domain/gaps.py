"""Gaps: required art. 30 elements the register does not hold, printed where they belong.

A gap is a finding of the completeness checks that points at a field left
empty. The board PDF and the workbook print a styled "Not stated" marker with
the finding's rule id in that field's place, so a missing legal basis reads as
missing rather than as nothing; the workbook import reads the marker back as
an empty cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ropa_desktop.i18n import N_, Translator

NOT_STATED = N_("Not stated")
_RULE_ID = re.compile(r"^\[[a-z_]+(?:\.[a-z_]+)+\]$")


# Findings about the register's own upkeep rather than an element of the document: no marker.
_NOT_DOCUMENT_FIELDS = frozenset({("activity", "last_reviewed"), ("activity", "dpia_status")})
# Findings of the consultant's rules that ask for an assessment or an agreement kept beside the register
# (art. 26 arrangement, art. 37 DPO assessment, the law behind a disclosure), not for an art. 30 element
# the document prints: no marker; the findings page lists them.
_NOT_DOCUMENT_RULES = frozenset(
    {"joint_controller.arrangement.missing", "organisation.dpo.assessment.missing", "recipient.law.missing"}
)


class PointsAtField(Protocol):
    @property
    def rule_id(self) -> str: ...
    @property
    def entity(self) -> str: ...
    @property
    def record_id(self) -> int: ...
    @property
    def field(self) -> str: ...


def marker(rule_id: str, tr: Translator) -> str:
    """The text printed in a missing element's place, e.g. ``Ikke oppgitt [activity.legal_basis.missing]``."""
    return f"{tr.gettext(NOT_STATED)} [{rule_id}]"


def is_marker(text: str, translators: Iterable[Translator]) -> bool:
    """True for a cell that holds nothing but a gap marker in one of ``translators``' languages (the import
    reads it as empty)."""
    words, _, rule_id = text.strip().rpartition(" ")
    return _RULE_ID.match(rule_id) is not None and any(words == tr.gettext(NOT_STATED) for tr in translators)


@dataclass
class Gaps:
    """Which fields of which records are missing, and the rule that says so."""

    by_field: dict[tuple[str, int, str], str] = field(default_factory=dict)

    @classmethod
    def of(cls, findings: Iterable[PointsAtField]) -> Gaps:
        gaps = cls()
        for f in findings:
            if (
                f.field
                and f.rule_id.endswith((".missing", ".incomplete"))
                and (f.entity, f.field) not in _NOT_DOCUMENT_FIELDS
                and f.rule_id not in _NOT_DOCUMENT_RULES
            ):
                gaps.by_field.setdefault((f.entity, f.record_id, f.field), f.rule_id)
        return gaps

    def rule(self, entity: str, record_id: int | None, field_name: str) -> str | None:
        return self.by_field.get((entity, record_id or 0, field_name))
