"""Recording a signed board print-out as an approval in the register."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

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
    snapshot = register.snapshot(organisation_id)
    org = snapshot.organisation(organisation_id)
    if org is None:
        raise RecordNotFound(entity="organisation", id=organisation_id)
    version = max((a.version for a in org.approvals), default=0) + 1
    values = {
        "organisation_id": organisation_id,
        "version": version,
        "approved_on": approved_on or date.today(),
        "fingerprint": json_format.fingerprint(org),
        "signers": list(signers),
        "signed_file_sha256": hashlib.sha256(Path(signed_pdf).read_bytes()).hexdigest(),
        "snapshot": json_format.dumps(json_format.organisation_document(org, include_approvals=False)),
        "open_errors": open_errors,  # the board approved knowing these were open
    }
    register.apply(ops.Create("approval", values))
    return version
