"""What a verification of a signed PDF found, signature by signature, and the verdict.

:func:`ropa_desktop.signing.pades.verify_pdf` fills these records from pyHanko's
validation; this module holds no PDF code, only the rules that decide whether
a signed print-out can be relied on:

* every signature is intact (the signed bytes and the signature match);
* every signer's certificate is valid today and at the time the signer states,
  and allows signing (key usage digitalSignature or nonRepudiation);
* nothing but further signatures follows any signature: no content, annotation
  or form change, however it was added and whoever signed after it;
* the last signature covers the whole file;
* with certificates to trust, every signer chains to one of them.

:func:`ropa_desktop.signing.report.report_lines` words the result for both
faces (``ropa verify`` and the editor's Verify signed PDF…).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from ropa_desktop.i18n import N_


class Coverage(enum.Enum):
    """How much of the file a signature's byte range covers."""

    WHOLE_FILE = "whole_file"
    ITS_REVISION = "its_revision"  # the file as it was signed; later updates follow it
    PARTIAL = "partial"  # not even its own revision: a damaged or crafted file


class ChangesAfter(enum.Enum):
    """What the updates after a signature do (pyHanko's modification analysis, in our words)."""

    NONE = "none"
    SIGNATURES = "signatures"  # only further signatures (and signature maintenance)
    FORM_FILLING = "form_filling"  # form fields other than the later signatures were filled or changed
    ANNOTATIONS = "annotations"
    CONTENT = "content"  # anything else: pages, text, structure


class Problem(enum.Enum):
    NOT_INTACT = N_("the signed content or the signature itself has been altered")
    PARTIAL_COVERAGE = N_("the signature does not cover the file as it was when signed")
    CHANGED_AFTER = N_("the document was changed after this signature")
    NOT_WHOLE_FILE = N_("the last signature does not cover the whole file")
    NOT_YET_VALID = N_("the certificate is not valid yet, or was not at the stated signing time")
    EXPIRED = N_("the certificate has expired")
    WRONG_USAGE = N_("the certificate is not meant for signing (key usage)")
    NOT_TRUSTED = N_("the signer's certificate does not chain to a trusted certificate")


# Key usages (RFC 5280) that allow signing documents. nonRepudiation is called contentCommitment in
# newer texts and in the ``cryptography`` package.
SIGNING_KEY_USAGES = frozenset({"digital_signature", "content_commitment"})

KEY_USAGE_NAMES = {
    "digital_signature": N_("digital signature"),
    "content_commitment": N_("non-repudiation"),
    "key_encipherment": N_("key encipherment"),
    "data_encipherment": N_("data encipherment"),
    "key_agreement": N_("key agreement"),
    "key_cert_sign": N_("certificate signing"),
    "crl_sign": N_("revocation list signing"),
    "encipher_only": N_("encipher only"),
    "decipher_only": N_("decipher only"),
}


@dataclass(frozen=True)
class CertificateFacts:
    subject: str  # the common name, or the whole subject when it has none
    issuer: str
    valid_from: datetime
    valid_until: datetime
    key_usage: tuple[str, ...] | None  # names as in KEY_USAGE_NAMES; None: no key usage extension (any use)
    self_signed: bool

    def problems_at(self, moment: datetime) -> list[Problem]:
        """Why this certificate cannot make a signature at ``moment``; empty when it can."""
        found = []
        if moment < self.valid_from:
            found.append(Problem.NOT_YET_VALID)
        if moment > self.valid_until:
            found.append(Problem.EXPIRED)
        if self.key_usage is not None and not SIGNING_KEY_USAGES & set(self.key_usage):
            found.append(Problem.WRONG_USAGE)
        return found


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of the file, as found (facts) and as judged (problems)."""

    field_name: str
    signer: str
    signing_time: datetime | None  # as the signer's computer stated it; not proven by a timestamp
    certificate: CertificateFacts | None
    intact: bool
    coverage: Coverage
    changes_after: ChangesAfter
    changed_fields: tuple[str, ...]  # form fields changed after this signature
    chains_to_trusted: bool
    problems: tuple[Problem, ...] = ()
    # Judged: None when no certificate to trust was given; else whether the signer chains to one of
    # them with a certificate that may sign (an expired or encipherment-only one is never trusted).
    trusted: bool | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class VerificationReport:
    path: str
    signatures: tuple[SignatureCheck, ...]
    trust_given: bool
    checked_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and all(s.ok for s in self.signatures)

    @property
    def problems(self) -> list[Problem]:
        return [p for s in self.signatures for p in s.problems]


def judge(
    found: Sequence[SignatureCheck], *, trust_given: bool, path: str, now: datetime | None = None
) -> VerificationReport:
    """Apply the rules of this module's docstring to the signatures as found, first to last."""
    now = now or datetime.now(UTC)
    judged = []
    for index, sig in enumerate(found):
        later_fields = {s.field_name for s in found[index + 1 :]}
        problems: list[Problem] = []
        if not sig.intact:
            problems.append(Problem.NOT_INTACT)
        if sig.coverage is Coverage.PARTIAL:
            problems.append(Problem.PARTIAL_COVERAGE)
        if not _only_later_signatures(sig, later_fields):
            problems.append(Problem.CHANGED_AFTER)
        if index == len(found) - 1 and sig.coverage is not Coverage.WHOLE_FILE:
            problems.append(Problem.NOT_WHOLE_FILE)
        certificate_problems = _certificate_problems(sig, now)
        problems.extend(certificate_problems)
        if trust_given and not sig.chains_to_trusted:
            problems.append(Problem.NOT_TRUSTED)
        trusted = sig.chains_to_trusted and not certificate_problems if trust_given else None
        judged.append(replace(sig, problems=tuple(dict.fromkeys(problems)), trusted=trusted))
    return VerificationReport(path=path, signatures=tuple(judged), trust_given=trust_given, checked_at=now)


def _only_later_signatures(sig: SignatureCheck, later_fields: set[str]) -> bool:
    if sig.changes_after is ChangesAfter.NONE:
        return True
    # Form filling that only filled the fields later signatures sit in is a co-signature; any other
    # field, annotation or content change (the board signed something else) is not.
    if sig.changes_after in (ChangesAfter.SIGNATURES, ChangesAfter.FORM_FILLING):
        return set(sig.changed_fields) <= later_fields
    return False


def _certificate_problems(sig: SignatureCheck, now: datetime) -> list[Problem]:
    if sig.certificate is None:
        return [Problem.NOT_INTACT]
    # Without a trusted timestamp the stated signing time proves nothing, so the certificate must be
    # valid now as well: a stolen, expired key could otherwise sign with any date it likes.
    found = sig.certificate.problems_at(now)
    if sig.signing_time is not None:
        found += [p for p in sig.certificate.problems_at(sig.signing_time) if p not in found]
    return found
