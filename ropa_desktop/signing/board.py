"""The board's approval in one step: print the register, sign it, record the approval.

The ``ropa`` command (``export --format pdf --sign``) and the editor's Sign…
both call :func:`export_signed_pdf`, so the two faces cannot drift apart.

A signed print-out without its approval in the register (or an approval of a
file that is not there) would be a lie either way, so both happen or neither:
the register's writability is checked before anything is made, the approvals
are recorded (one transaction) while the signed file still waits under a
temporary name beside the output, and withdrawn if it cannot be moved into place.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ropa_desktop.checks.engine import Finding, Severity, run_checks
from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import OpenErrorsError, RegisterReadOnly
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import N_, Translator, current
from ropa_desktop.safe_files import atomic_output, temporary_path
from ropa_desktop.signing.approval import ApproverEntry, approval_operation, approvers_operation
from ropa_desktop.signing.errors import ApprovalNotRecordedError, PdfUnreadableError
from ropa_desktop.signing.signature import APPROVAL_REASON, InProcessSigning, Signing
from ropa_desktop.store import operations as ops
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


def describe_errors(
    snapshot: RegisterSnapshot, errors: list[Finding], translator: Translator, *, with_rule_ids: bool = True
) -> list[str]:
    """One line per error; the rule ids are for the command line (``ropa check --explain``), not the editor."""
    names = {o.organisation.id: o.organisation.name for o in snapshot.organisations}
    return [
        (f"[{f.rule_id}] " if with_rule_ids else "") + f"{names.get(f.organisation_id, '')}: {f.render(translator)}"
        for f in errors
    ]


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
    approvers: Sequence[ApproverEntry] | None = None,
    approved_on: date | None = None,
    signing: Signing | None = None,
) -> list[RecordedApproval]:
    """Export ``snapshot`` as the board PDF, sign it into ``output`` and record one approval per organisation.

    Temporary files only ever exist beside ``output``; if signing or recording
    fails (a wrong passphrase, a register that cannot be written) nothing is
    written and nothing recorded.

    A register with open errors is signed only when the caller has asked the user
    (``allow_open_errors``); the approval then records how many were open, and the
    approval page says so.

    ``approvers`` (for a snapshot of one organisation) replaces its list of approvers
    before printing, so the approval page names them; ``approved_on`` (default today)
    is printed beside each of them and recorded. If signing then fails, the list is
    put back as it was.

    ``signing`` (default: in this process, with ``p12`` and ``passphrase``) makes the signature;
    the command's signing worker may report the certificate's error only when asked to sign,
    after the print-out is made: nothing has been written or recorded by then either.
    """
    ensure_can_record(register)  # a register that cannot take the approval says so first
    errors = open_errors(snapshot)
    if errors and not allow_open_errors:
        raise OpenErrorsError(describe_errors(snapshot, errors, translator), count=len(errors))
    # A wrong passphrase or an expired certificate before anything changes; the signer is then used as is.
    signing = signing or InProcessSigning(Path(p12), passphrase)
    signing.ready()
    approved_on = approved_on or date.today()
    entered = _enter_approvers(register, snapshot, approvers)
    if entered is not None:
        snapshot = register.snapshot(snapshot.organisations[0].organisation.id)
    try:
        return _print_sign_record(
            register,
            snapshot,
            output,
            translator,
            location,
            include_findings,
            approved_on,
            errors,
            signing,
        )
    except BaseException:
        if entered is not None:
            register.apply(entered.inverse)  # nothing signed: the approvers as they were
        raise


def _enter_approvers(
    register: RegisterFile, snapshot: RegisterSnapshot, approvers: Sequence[ApproverEntry] | None
) -> ops.Applied | None:
    if approvers is None:
        return None
    if len(snapshot.organisations) != 1:
        raise ValueError("approvers are entered for one organisation at a time")
    operation = approvers_operation(snapshot.organisations[0], approvers)
    return None if operation is None else _record(register, operation)


def _print_sign_record(
    register: RegisterFile,
    snapshot: RegisterSnapshot,
    output: Path,
    translator: Translator,
    location: str,
    include_findings: bool | None,
    approved_on: date,
    errors: list[Finding],
    signing: Signing,
) -> list[RecordedApproval]:
    output = Path(output)
    # Our recognisable temporary names: what a kill leaves behind is removed at the next start.
    unsigned = temporary_path(output.parent)
    try:
        # The signature fields are added by the signing (pyHanko), in the signing worker if there is one.
        boxes = export_pdf(
            snapshot,
            unsigned,
            translator,
            include_findings=include_findings,
            approved_on=approved_on,
            printed_at=datetime.now().astimezone(),
            signature_fields=False,
        )
        signed, summary = signing.sign(
            _read_print_out(unsigned),
            str(unsigned),
            fields=boxes,
            reason=translator.gettext(APPROVAL_REASON),
            location=location,
            translator=translator,
        )
    finally:
        unsigned.unlink(missing_ok=True)
    applied: ops.Applied | None = None
    try:
        # The approval is recorded while the signed file waits under its temporary name; the
        # atomic write then syncs it and renames it into place.
        with atomic_output(output) as pending:
            pending.write_bytes(signed)
            recorded, operation = _approvals(register, snapshot, summary.sha256, summary.signer, errors, approved_on)
            applied = _record(register, operation)
    except OSError:
        if applied is not None:
            register.apply(applied.inverse)  # the file is not there, so neither is its approval
        raise
    return recorded


def _read_print_out(unsigned: Path) -> bytes:
    try:
        return unsigned.read_bytes()
    except OSError as exc:
        raise PdfUnreadableError(path=str(unsigned), reason=exc.strerror or str(exc)) from None


def ensure_can_record(register: RegisterFile) -> None:
    """Refuse before anything is made when the approval could not be recorded.

    SQLite opens a file it may not write read-only without a word, and in WAL
    mode it needs to create files in the folder too; so ask the system.
    """
    if register.readonly:
        raise RegisterReadOnly()
    for place in (register.path, register.path.parent):
        if not os.access(place, os.W_OK):
            raise ApprovalNotRecordedError(path=str(register.path), reason=current().gettext(_NOT_WRITABLE))


_NOT_WRITABLE = N_("the register file or its folder cannot be written")


def _approvals(
    register: RegisterFile,
    snapshot: RegisterSnapshot,
    sha256: str,
    signer: str,
    errors: list[Finding],
    approved_on: date,
) -> tuple[list[RecordedApproval], ops.Batch]:
    recorded, creates = [], []
    for org in snapshot.organisations:
        assert org.organisation.id is not None
        # The approval keeps what was printed (this snapshot); its number follows the register as it is now.
        now = register.snapshot(org.organisation.id).organisation(org.organisation.id)
        version = max((a.version for a in now.approvals), default=0) + 1 if now else 1
        count = sum(1 for f in errors if f.organisation_id == org.organisation.id)
        creates.append(
            approval_operation(org, sha256, [signer], approved_on=approved_on, version=version, open_errors=count)
        )
        recorded.append(RecordedApproval(org.organisation.name, version, signer, count))
    return recorded, ops.Batch(tuple(creates))


def _record(register: RegisterFile, operation: ops.Batch) -> ops.Applied:
    try:
        return register.apply(operation)
    except Exception as exc:
        # The driver's own words ("attempt to write a readonly database"), never the statement or its values.
        # SQLAlchemy wraps them only if it is loaded: a register file adds the approvals without it.
        sa_exc = sys.modules.get("sqlalchemy.exc")
        if sa_exc is not None and isinstance(exc, sa_exc.DBAPIError):
            raise ApprovalNotRecordedError(path=str(register.path), reason=str(exc.orig)) from None
        if isinstance(exc, sqlite3.Error):
            raise ApprovalNotRecordedError(path=str(register.path), reason=str(exc)) from None
        raise
