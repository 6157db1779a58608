"""What changed in an organisation's register since an approval.

The approval keeps the canonical JSON that was approved; comparing its
activities with the current document by record id gives the added, removed
and changed activities, and for changed ones the names of the fields.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from ropa_desktop.domain.models import Approval
from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.interchange.json_format import organisation_document

ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class ActivityChange:
    kind: ChangeKind
    activity_id: int
    purpose: str  # the current purpose; the approved one for a removed activity
    fields: list[str] = field(default_factory=list)  # changed fields, in model order


def _activities(document: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {int(a["id"]): a for a in document.get("activities", []) if isinstance(a, dict) and "id" in a}


def _approved_document(approval: Approval) -> dict[str, Any]:
    if not approval.snapshot:
        return {}
    try:
        loaded = json.loads(approval.snapshot)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def changes_since(approval: Approval, org: OrganisationRegister) -> list[ActivityChange]:
    """Added, changed and removed activities, in current register order (removed ones last)."""
    before = _activities(_approved_document(approval))
    after = _activities(organisation_document(org, include_approvals=False))
    changes: list[ActivityChange] = []
    for activity_id, now in after.items():
        old = before.get(activity_id)
        if old is None:
            changes.append(ActivityChange("added", activity_id, str(now.get("purpose", ""))))
            continue
        keys = list(now) + [k for k in old if k not in now]
        changed = [k for k in keys if k != "id" and old.get(k) != now.get(k)]
        if changed:
            changes.append(ActivityChange("changed", activity_id, str(now.get("purpose", "")), changed))
    for activity_id, old in before.items():
        if activity_id not in after:
            changes.append(ActivityChange("removed", activity_id, str(old.get("purpose", ""))))
    return changes
