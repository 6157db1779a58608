"""The board's approval in one step: print the register, sign it, record the approval.

The ``ropa`` command (``export --format pdf --sign``) and the editor's Sign…
both call :func:`export_signed_pdf`, so the two faces cannot drift apart.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ropa_desktop.checks.engine import Finding, Severity, run_checks
from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import OpenErrorsError
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import Translator
from ropa_desktop.signing.approval import record_approval
from ropa_desktop.signing.pades import APPROVAL_REASON, sign_pdf
from ropa_desktop.store.register import RegisterFile


@dataclass(frozen=True)
class RecordedApproval:
    organisation: str
    version: int
    signer: str
    open_errors: int = 0


def open_errors(snapshot: RegisterSnapshot) -> list[Finding]:
    """The errors the check reports now: what signing asks about before the board approves."""
    return [f for f in run_checks(snapshot) if f.severity is Severity.ERROR]


def describe_errors(snapshot: RegisterSnapshot, errors: list[Finding], translator: Translator) -> list[str]:
    names = {o.organisation.id: o.organisation.name for o in snapshot.organisations}
    return [f"[{f.rule_id}] {names.get(f.organisation_id, '')}: {f.render(translator)}" for f in errors]


def export_signed_pdf(
    register: RegisterFile,
    snapshot: RegisterSnapshot,
    output: Path,
    p12: Path,
    passphrase: bytes,
    translator: Translator,
    *,
    location: str = "",
    include_findings: bool | None = None,
    allow_open_errors: bool = False,
) -> list[RecordedApproval]:
    """Export ``snapshot`` as the board PDF, sign it into ``output`` and record one approval per organisation.

    The unsigned print-out only ever exists as a temporary file beside ``output``;
    if signing fails (a wrong passphrase, say) nothing is written and nothing recorded.

    A register with open errors is signed only when the caller has asked the user
    (``allow_open_errors``); the approval then records how many were open, and the
    approval page says so.
    """
    errors = open_errors(snapshot)
    if errors and not allow_open_errors:
        raise OpenErrorsError(describe_errors(snapshot, errors, translator), count=len(errors))
    output = Path(output)
    fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".unsigned.pdf", dir=output.parent)
    os.close(fd)
    unsigned = Path(name)
    try:
        export_pdf(snapshot, unsigned, translator, include_findings=include_findings)
        summary = sign_pdf(
            unsigned,
            output,
            p12,
            passphrase,
            reason=translator.gettext(APPROVAL_REASON),
            location=location,
            translator=translator,
        )
    finally:
        unsigned.unlink(missing_ok=True)
    recorded = []
    for org in snapshot.organisations:
        assert org.organisation.id is not None
        count = sum(1 for f in errors if f.organisation_id == org.organisation.id)
        version = record_approval(register, org.organisation.id, output, [summary.signer], open_errors=count)
        recorded.append(RecordedApproval(org.organisation.name, version, summary.signer, count))
    return recorded
