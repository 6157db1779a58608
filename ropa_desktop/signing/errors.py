"""Errors of signing and verification, in the user's words."""

from __future__ import annotations

from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_


class CertificateUnreadable(RopaError):
    message = N_("{path} is not a valid .p12 certificate file (it may be damaged). Nothing was signed.")


class WrongPassphrase(RopaError):
    message = N_("The passphrase for {path} is wrong. Nothing was signed.")


class CertificateMissing(RopaError):
    message = N_("The certificate file {path} does not exist.")


class PdfUnreadable(RopaError):
    message = N_("{path} cannot be read as a PDF: {reason}")


class SigningFailed(RopaError):
    message = N_("{path} could not be signed: {reason}. No file was written.")


class NotSigned(RopaError):
    message = N_("{path} has no signature.")


class EmptyPassphrase(RopaError):
    message = N_("The passphrase must not be empty.")
