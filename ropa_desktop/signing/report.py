"""The one wording of a verification report, for ``ropa verify`` and the editor's Verify signed PDF…."""

from __future__ import annotations

from datetime import datetime

from ropa_desktop.i18n import N_, Translator
from ropa_desktop.signing.verification import (
    KEY_USAGE_NAMES,
    ChangesAfter,
    Coverage,
    Problem,
    SignatureCheck,
    VerificationReport,
)

VERIFIED = N_("Verified: every signature is valid, and nothing but signatures was added after any of them.")
NOT_VERIFIED = N_("NOT verified: do not rely on this file as signed. The problems are listed below.")

_COVERAGE = {
    Coverage.WHOLE_FILE: N_("the whole file"),
    Coverage.ITS_REVISION: N_("the file as it was when signed; later additions follow it"),
    Coverage.PARTIAL: N_("only part of the file as it was when signed"),
}

_CHANGES = {
    ChangesAfter.NONE: N_("nothing"),
    ChangesAfter.SIGNATURES: N_("only signature data, nothing visible"),
    ChangesAfter.ANNOTATIONS: N_("annotations (comments, marks) were added or changed"),
    ChangesAfter.CONTENT: N_("the document was changed (pages, text, annotations or structure)"),
}


def report_lines(report: VerificationReport, tr: Translator) -> list[str]:
    """The verdict, then one block per signature, first to last."""
    count = len(report.signatures)
    lines = [tr.gettext(VERIFIED if report.ok else NOT_VERIFIED), report.path]
    for number, check in enumerate(report.signatures, start=1):
        lines.append("")
        lines.append(
            tr.gettext(N_("Signature {number} of {count} (field {field})")).format(
                number=number, count=count, field=check.field_name
            )
        )
        lines.extend("  " + line for line in _signature_lines(check, tr))
    return lines


def _signature_lines(check: SignatureCheck, tr: Translator) -> list[str]:
    _ = tr.gettext
    lines = [
        _(N_("Signer: {name}")).format(name=check.signer),
        _(N_("Signing time (as stated by the signer): {time}")).format(
            time=_when(check.signing_time, tr) or _(N_("unknown"))
        ),
    ]
    cert = check.certificate
    if cert is not None:
        period = {"start": _when(cert.valid_from, tr), "end": _when(cert.valid_until, tr)}
        if cert.self_signed:
            lines.append(_(N_("Certificate: self-signed, valid from {start} to {end}")).format(**period))
        else:
            lines.append(
                _(N_("Certificate: issued by {issuer}, valid from {start} to {end}")).format(
                    issuer=cert.issuer, **period
                )
            )
        usage = (
            _(N_("any (not restricted)"))
            if cert.key_usage is None
            else ", ".join(_(KEY_USAGE_NAMES[u]) for u in cert.key_usage) or "-"
        )
        lines.append(_(N_("Key usage: {usage}")).format(usage=usage))
    lines.append(_(N_("Intact: {answer}")).format(answer=_yes_no(check.intact, tr)))
    lines.append(_(N_("Covers: {what}")).format(what=_(_COVERAGE[check.coverage])))
    lines.append(_(N_("Changed after it: {what}")).format(what=_changes(check, tr)))
    if check.trusted is not None:
        trusted = _yes_no(check.trusted, tr)
    else:
        trusted = _(N_("not checked: no certificate to trust was given"))
    lines.append(_(N_("Trusted: {answer}")).format(answer=trusted))
    if check.problems:
        lines.append(_(N_("Problems:")))
        lines.extend("  - " + _(problem.value) for problem in check.problems)
    return lines


def _changes(check: SignatureCheck, tr: Translator) -> str:
    fields = ", ".join(check.changed_fields)
    if check.changes_after is ChangesAfter.FORM_FILLING:
        if Problem.CHANGED_AFTER in check.problems:
            return tr.gettext(N_("form fields were filled or changed: {fields}")).format(fields=fields)
        return tr.gettext(N_("only the later signatures ({fields})")).format(fields=fields)
    return tr.gettext(_CHANGES[check.changes_after])


def _when(moment: datetime | None, tr: Translator) -> str:
    """In the reader's own time zone: the signer's stated time may carry any offset."""
    return tr.format_local_time(moment)


def _yes_no(value: bool, tr: Translator) -> str:
    return tr.gettext(N_("yes")) if value else tr.gettext(N_("no"))
