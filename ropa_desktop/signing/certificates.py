"""Certificates for signing: loading a .p12 file, and making a self-signed one.

A self-signed certificate proves that the signed PDF has not changed since it
was signed (integrity); it does not prove who signed it (identity), because
anyone can make one in any name. Only a certificate issued by a trusted
provider proves identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from ropa_desktop.i18n import N_, current
from ropa_desktop.safe_files import check_output
from ropa_desktop.safe_files import write_atomic as write_atomic  # pades imports it from here
from ropa_desktop.signing.errors import (
    CertificateExpiredError,
    CertificateMissingError,
    CertificateNameMissingError,
    CertificateNotForSigningError,
    CertificateNotYetValidError,
    CertificateUnreadableError,
    EmptyPassphraseError,
    WrongPassphraseError,
)
from ropa_desktop.signing.verification import KEY_USAGE_NAMES, CertificateFacts, Problem

SELF_SIGNED_NOTICE = N_(
    "This self-signed certificate proves that a signed PDF has not been changed since it was signed (integrity). "
    "It does not prove who signed it (identity): anyone can make a certificate in any name."
)

VALIDITY_DAYS = 5 * 365
PRIVATE_MODE = 0o600  # the .p12 holds the private key: its owner only
SHARED_MODE = 0o644  # the .pem is for the board and anyone checking the signature


@dataclass(frozen=True)
class CreatedCertificate:
    p12: Path  # certificate with private key, kept by the signer
    pem: Path  # certificate alone, for ``ropa verify --trust``


def pem_beside(p12: Path) -> Path:
    """Where the certificate to share goes: beside the .p12, with the same name."""
    return Path(p12).with_suffix(".pem")


def create_signing_certificate(
    name: str, p12: Path, passphrase: bytes, *, organisation: str = "", force: bool = False
) -> CreatedCertificate:
    """Make a self-signed certificate: the private ``.p12`` and the ``.pem`` to give the board.

    ``ropa cert create`` and the editor's Sign dialog both call this. Neither file
    is overwritten unless ``force``; both are checked before either is written.
    """
    p12 = Path(p12)
    pem = pem_beside(p12)
    if not passphrase:
        raise EmptyPassphraseError()
    if not name.strip():
        raise CertificateNameMissingError()
    for path in (p12, pem):
        check_output(path, force=force)
    cert = create_certificate(name.strip(), p12, passphrase, organisation=organisation.strip(), replace=force)
    try:
        write_atomic(pem, cert.public_bytes(serialization.Encoding.PEM), replace=force, mode=SHARED_MODE)
    except BaseException:
        if not force:
            p12.unlink(missing_ok=True)  # ours, written a moment ago: not one without the other
        raise
    return CreatedCertificate(p12, pem)


def create_certificate(
    name: str, destination: Path, passphrase: bytes, *, organisation: str = "", replace: bool = True
) -> x509.Certificate:
    """Write a self-signed signing certificate with its private key (mode 0600), protected by ``passphrase``."""
    if not passphrase:
        raise EmptyPassphraseError()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    subject = x509.Name(attributes)
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(passphrase)
    )
    write_atomic(Path(destination), data, replace=replace, mode=PRIVATE_MODE)
    return cert


def export_certificate_pem(p12: Path, passphrase: bytes, destination: Path) -> None:
    """The public certificate of a .p12 file as PEM (readable by all), for ``ropa verify --trust``."""
    _, cert, _ = _load(p12, passphrase)
    write_atomic(Path(destination), cert.public_bytes(serialization.Encoding.PEM), mode=SHARED_MODE)


def check_signing_certificate(p12: Path, passphrase: bytes, *, now: datetime | None = None) -> str:
    """The signer's name if ``p12`` opens with ``passphrase`` and may sign now; otherwise the clear error."""
    return signer_name(load_signer(p12, passphrase, now=now))


def _load(p12: Path, passphrase: bytes) -> tuple[PrivateKeyTypes, x509.Certificate, list[x509.Certificate]]:
    """The key, certificate and further certificates of a .p12 file: one decryption (its key
    derivation is the costly part of signing, so it is done once per signature)."""
    p12 = Path(p12)
    if not p12.is_file():
        raise CertificateMissingError(path=str(p12))
    data = p12.read_bytes()
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, passphrase)
    except ValueError:
        # The same error for both causes; tell them apart by whether the container itself parses.
        try:
            asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parsing is the test
        except Exception:
            raise CertificateUnreadableError(path=str(p12)) from None
        raise WrongPassphraseError(path=str(p12)) from None
    if cert is None or key is None:
        raise CertificateUnreadableError(path=str(p12))
    return key, cert, list(others)


class LoadedKeySigner(SimpleSigner):
    """pyHanko's signer, signing with the private key as the .p12 gave it.

    pyHanko's own :meth:`SimpleSigner.sign_raw` loads the key again from its DER form for every
    signature it makes, and loading an RSA key checks it: a sixth of a signed export's time (issue 16).
    RSA (PKCS #1 v1.5) and ECDSA keys sign here; any other mechanism goes to pyHanko's code.
    """

    def __init__(self, private_key: PrivateKeyTypes, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        try:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:  # a mechanism asn1crypto cannot name (RSASSA-PSS, say): pyHanko's code knows
            return bytes(super().sign_raw(data, digest_algorithm))
        key = self.private_key
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        return bytes(super().sign_raw(data, digest_algorithm))


def load_signer(p12: Path, passphrase: bytes, *, now: datetime | None = None) -> SimpleSigner:
    """A pyHanko signer from a .p12 file, or a clear error for a wrong passphrase, a damaged file,
    or a certificate that cannot sign today (expired, not yet valid, or not meant for signing)."""
    key, cert, others = _load(p12, passphrase)
    refuse_unusable(cert, p12, now or datetime.now(UTC))
    # What SimpleSigner.load_pkcs12_data builds, from the material decrypted above (not decrypted again).
    try:
        der = serialization.Encoding.DER
        plain = serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        signer = LoadedKeySigner(
            key,
            signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(der, *plain)),
            signing_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
            cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
                [asn1_x509.Certificate.load(c.public_bytes(der)) for c in others]
            ),
        )
    except ValueError:
        raise CertificateUnreadableError(path=str(p12)) from None
    return signer


def certificate_facts(cert: x509.Certificate) -> CertificateFacts:
    """What a signature's reader needs to know about the signer's certificate."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        key_usage: tuple[str, ...] | None = None
    else:
        key_usage = tuple(name for name in KEY_USAGE_NAMES if _has_usage(usage, name))
    return CertificateFacts(
        subject=_common_name(cert.subject),
        issuer=_common_name(cert.issuer),
        valid_from=cert.not_valid_before_utc,
        valid_until=cert.not_valid_after_utc,
        key_usage=key_usage,
        self_signed=cert.issuer == cert.subject,
    )


def refuse_unusable(cert: x509.Certificate, p12: Path, now: datetime) -> None:
    """Raise the first reason why ``cert`` must not sign at ``now``, in the user's words."""
    facts = certificate_facts(cert)
    problems = facts.problems_at(now)
    tr = current()
    if Problem.EXPIRED in problems:
        raise CertificateExpiredError(path=str(p12), date=tr.format_local_time(facts.valid_until))
    if Problem.NOT_YET_VALID in problems:
        raise CertificateNotYetValidError(path=str(p12), date=tr.format_local_time(facts.valid_from))
    if Problem.WRONG_USAGE in problems:
        usages = ", ".join(tr.gettext(KEY_USAGE_NAMES[u]) for u in facts.key_usage or ())
        raise CertificateNotForSigningError(path=str(p12), usage=usages or "-")


def _has_usage(usage: x509.KeyUsage, name: str) -> bool:
    try:
        return bool(getattr(usage, name))
    except ValueError:  # encipher_only/decipher_only are undefined unless key_agreement is set
        return False


def _common_name(name: x509.Name) -> str:
    common = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(common[0].value) if common else name.rfc4514_string()


def signer_name(signer: SimpleSigner) -> str:
    cert = signer.signing_cert
    if cert is None:
        return ""
    names = cert.subject.native
    return str(names.get("common_name") or cert.subject.human_friendly)
