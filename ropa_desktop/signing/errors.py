"""Errors of signing and verification, in the user's words."""

from __future__ import annotations

from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_


class CertificateUnreadableError(RopaError):
    message = N_("{path} is not a valid .p12 certificate file (it may be damaged). Nothing was signed.")


class WrongPassphraseError(RopaError):
    message = N_("The passphrase for {path} is wrong. Nothing was signed.")


class CertificateMissingError(RopaError):
    message = N_("The certificate file {path} does not exist.")


class PdfUnreadableError(RopaError):
    message = N_("{path} cannot be read as a PDF: {reason}")


class SigningFailedError(RopaError):
    message = N_("{path} could not be signed: {reason}. No file was written.")


class NotSignedError(RopaError):
    message = N_("{path} has no signature.")


class EmptyPassphraseError(RopaError):
    message = N_("The passphrase must not be empty.")


class CertificateNameMissingError(RopaError):
    message = N_("Enter the name to sign with; it is shown in the signature.")


class CertificateExpiredError(RopaError):
    message = N_("The certificate in {path} expired on {date}. Nothing was signed.")


class CertificateNotYetValidError(RopaError):
    message = N_("The certificate in {path} is not valid until {date}. Nothing was signed.")


class CertificateNotForSigningError(RopaError):
    message = N_(
        "The certificate in {path} is not meant for signing (its key usage is: {usage}; signing needs digital "
        "signature or non-repudiation). Nothing was signed."
    )


class ApprovalNotRecordedError(RopaError):
    message = N_("The approval could not be recorded in {path}: {reason}. No signed PDF was written.")


class TrustCertificateUnreadableError(RopaError):
    message = N_("The certificate to trust, {path}, cannot be read: {reason}")
