"""What signs the board print-out, without pyHanko at import: in this process, or in a worker.

:func:`ropa_desktop.signing.board.export_signed_pdf` asks a :class:`Signing` for the
signature; :class:`InProcessSigning` opens the .p12 and signs here (the editor, and
the fallback of every path), :class:`ropa_desktop.signing.worker.WorkerSigning` has a
worker process do the same (the ``ropa`` command: pyHanko's imports and the .p12 then
load beside the print-out, issue 16). Both end in :mod:`ropa_desktop.signing.pades`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ropa_desktop.exports.pdf_signature_fields import SignatureBox, add_signature_fields
from ropa_desktop.i18n import N_, Translator

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

APPROVAL_REASON = N_("Approved by the board")


@dataclass(frozen=True)
class SignatureSummary:
    signer: str
    signed_at: datetime
    field_name: str
    sha256: str  # of the signed file


class Signing(Protocol):
    """The certificate of one signature, and the signing with it."""

    def ready(self) -> None:
        """Raise the certificate's error (wrong passphrase, expired ...) if it is known now."""

    def sign(
        self,
        unsigned: bytes,
        name: str,
        *,
        fields: list[SignatureBox],
        reason: str,
        location: str,
        translator: Translator,
    ) -> tuple[bytes, SignatureSummary]:
        """``unsigned`` (a PDF; ``name`` for messages) with its empty signature ``fields`` added, signed;
        and the facts of its signature."""
        ...


class InProcessSigning:
    """The .p12 opened and the PDF signed in this process; pyHanko loads at :meth:`ready`."""

    def __init__(self, p12: Path, passphrase: bytes) -> None:
        self.p12, self._passphrase = Path(p12), passphrase
        self._signer: SimpleSigner | None = None

    def ready(self) -> None:
        """Open the .p12 now: its key is decrypted once, and its errors come before anything changes."""
        if self._signer is None:
            from ropa_desktop.signing.certificates import load_signer

            self._signer = load_signer(self.p12, self._passphrase)

    def sign(
        self,
        unsigned: bytes,
        name: str,
        *,
        fields: list[SignatureBox],
        reason: str,
        location: str,
        translator: Translator,
    ) -> tuple[bytes, SignatureSummary]:
        self.ready()
        assert self._signer is not None
        return sign_print_out(
            self._signer, unsigned, name, fields=fields, reason=reason, location=location, translator=translator
        )


def sign_print_out(
    signer: SimpleSigner,
    unsigned: bytes,
    name: str,
    *,
    fields: list[SignatureBox],
    reason: str,
    location: str,
    translator: Translator,
) -> tuple[bytes, SignatureSummary]:
    """The print-out's empty signature fields added, and the first of them signed: the one way, here or in
    the signing worker."""
    from ropa_desktop.signing.pades import sign_pdf_bytes

    with_fields = add_signature_fields(unsigned, fields)
    return sign_pdf_bytes(with_fields, name, signer, reason=reason, location=location, translator=translator)
