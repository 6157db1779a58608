"""The board's approval in one step: print the register, sign it, record the approval.

The ``ropa`` command (``export --format pdf --sign``) and the editor's Sign…
both call :func:`export_signed_pdf`, so the two faces cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import Translator
from ropa_desktop.safe_files import temporary_path
from ropa_desktop.signing.approval import record_approval
from ropa_desktop.signing.pades import APPROVAL_REASON, sign_pdf
from ropa_desktop.store.register import RegisterFile


@dataclass(frozen=True)
class RecordedApproval:
    organisation: str
    version: int
    signer: str


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
) -> list[RecordedApproval]:
    """Export ``snapshot`` as the board PDF, sign it into ``output`` and record one approval per organisation.

    The unsigned print-out only ever exists as a temporary file beside ``output``;
    if signing fails (a wrong passphrase, say) nothing is written and nothing recorded.
    """
    output = Path(output)
    # Our recognisable temporary name: a print-out a kill leaves behind is removed at the next start.
    unsigned = temporary_path(output.parent)
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
        version = record_approval(register, org.organisation.id, output, [summary.signer])
        recorded.append(RecordedApproval(org.organisation.name, version, summary.signer))
    return recorded
