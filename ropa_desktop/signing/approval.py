"""Recording a signed board print-out as an approval in the register."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.errors import RecordNotFound
from ropa_desktop.interchange import json_format
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile


def record_approval(
    register: RegisterFile,
    organisation_id: int,
    signed_pdf: Path,
    signers: list[str],
    *,
    approved_on: date | None = None,
    open_errors: int = 0,
) -> int:
    """Record that ``signed_pdf`` approves the organisation's register as it is now; returns the version."""
    org = register.snapshot(organisation_id).organisation(organisation_id)
    if org is None:
        raise RecordNotFound(entity="organisation", id=organisation_id)
    sha256 = hashlib.sha256(Path(signed_pdf).read_bytes()).hexdigest()
    operation = approval_operation(org, sha256, signers, approved_on=approved_on, open_errors=open_errors)
    register.apply(operation)
    return int(operation.values["version"])


def approval_operation(
    org: OrganisationRegister,
    signed_file_sha256: str,
    signers: list[str],
    *,
    approved_on: date | None = None,
    version: int | None = None,
    open_errors: int = 0,
) -> ops.Create:
    """The store operation that records an approval of ``org`` as it is in this snapshot (by default the
    version after its last approval)."""
    assert org.organisation.id is not None
    values = {
        "organisation_id": org.organisation.id,
        "version": version or max((a.version for a in org.approvals), default=0) + 1,
        "approved_on": approved_on or date.today(),
        "fingerprint": json_format.fingerprint(org),
        "signers": list(signers),
        "signed_file_sha256": signed_file_sha256,
        "snapshot": json_format.dumps(json_format.organisation_document(org, include_approvals=False)),
        "open_errors": open_errors,  # the board approved knowing these were open
    }
    return ops.Create("approval", values)


@dataclass(frozen=True)
class ApproverEntry:
    """A board member who approves, as entered when signing: printed on the approval page."""

    name: str
    role: str = ""


def approvers_operation(org: OrganisationRegister, approvers: Sequence[ApproverEntry]) -> ops.Batch | None:
    """The store operation that makes the organisation's approver list ``approvers``, in that order
    (rows changed in place, new ones added, the rest removed); None when nothing changes."""
    assert org.organisation.id is not None
    wanted = [a for a in approvers if a.name.strip() or a.role.strip()]
    steps: list[ops.Operation] = []
    for index, entry in enumerate(wanted):
        values = {"name": entry.name.strip(), "role": entry.role.strip()}
        if index < len(org.approvers):
            old = org.approvers[index]
            assert old.id is not None
            changes = {k: v for k, v in values.items() if getattr(old, k) != v}
            if changes:
                steps.append(ops.Update("approver", old.id, changes))
        else:
            steps.append(ops.Create("approver", {"organisation_id": org.organisation.id, **values}))
    for old in org.approvers[len(wanted) :]:
        assert old.id is not None
        steps.append(ops.Delete("approver", old.id))
    return ops.Batch(tuple(steps)) if steps else None
