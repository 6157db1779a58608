"""What an attacker (or an outdated certificate) produces, made here with cryptography and pyHanko directly.

The program itself refuses to sign with a certificate that cannot sign, and
never edits a signed PDF; these helpers do both, so the tests can show that
``ropa verify`` sees through the result.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

SIGNING = {"digital_signature": True, "content_commitment": True}
ENCIPHERMENT_ONLY = {"key_encipherment": True}


def make_certificate(
    directory: Path,
    stem: str,
    name: str,
    passphrase: bytes,
    *,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    usage: dict[str, bool] | None = None,
) -> tuple[Path, Path]:
    """A self-signed certificate as ``stem.p12`` (with its key) and ``stem.pem``; ``usage`` None: no extension."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from or now - timedelta(days=1))
        .not_valid_after(valid_until or now + timedelta(days=365))
    )
    if usage is not None:
        flags = dict.fromkeys(
            (
                "digital_signature",
                "content_commitment",
                "key_encipherment",
                "data_encipherment",
                "key_agreement",
                "key_cert_sign",
                "crl_sign",
                "encipher_only",
                "decipher_only",
            ),
            False,
        )
        flags.update(usage)
        builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    cert = builder.sign(key, hashes.SHA256())
    p12, pem = directory / f"{stem}.p12", directory / f"{stem}.pem"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name.encode(), key, cert, None, serialization.BestAvailableEncryption(passphrase)
        )
    )
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return p12, pem


def sign_anyway(source: Path, destination: Path, p12: Path, passphrase: bytes, field: str = "BoardApproval") -> None:
    """Sign with pyHanko alone, without the program's certificate checks; a new field when ``field`` is taken."""
    signer = signers.SimpleSigner.load_pkcs12_data(p12.read_bytes(), other_certs=[], passphrase=passphrase)
    writer = IncrementalPdfFileWriter(io.BytesIO(source.read_bytes()), strict=False)
    taken = {name for name, value, _ref in fields.enumerate_sig_fields(writer.prev) if value is not None}
    if field in taken:
        field = f"{field}-{len(taken) + 1}"
        fields.append_signature_field(
            writer, fields.SigFieldSpec(sig_field_name=field, on_page=0, box=(40, 40, 200, 90))
        )
    out = io.BytesIO()
    meta = signers.PdfSignatureMetadata(
        field_name=field, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
    )
    signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=out)
    destination.write_bytes(out.getvalue())


def replace_first_page(source: Path, destination: Path, text: str) -> None:
    """An incremental update that replaces the first page's content with ``text``."""
    writer = IncrementalPdfFileWriter(io.BytesIO(source.read_bytes()), strict=False)
    page_ref, _resources = writer.find_page_for_modification(0)
    content = generic.StreamObject(stream_data=f"BT /F1 24 Tf 72 500 Td ({text}) Tj ET".encode("latin-1"))
    page_ref.get_object()[generic.NameObject("/Contents")] = writer.add_object(content)
    writer.mark_update(page_ref)
    out = io.BytesIO()
    writer.write(out)
    destination.write_bytes(out.getvalue())


def add_annotation(source: Path, destination: Path, text: str) -> None:
    """An incremental update that puts a free-text note on the first page."""
    writer = IncrementalPdfFileWriter(io.BytesIO(source.read_bytes()), strict=False)
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    note = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (100, 100, 400, 200)]),
            generic.NameObject("/Contents"): generic.TextStringObject(text),
            generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
        }
    )
    ref = writer.add_object(note)
    existing = page.raw_get("/Annots") if "/Annots" in page else None
    if existing is None:
        page[generic.NameObject("/Annots")] = generic.ArrayObject([ref])
    else:
        existing.get_object().append(ref)
        if isinstance(existing, generic.IndirectObject):
            writer.mark_update(existing)
    writer.mark_update(page_ref)
    out = io.BytesIO()
    writer.write(out)
    destination.write_bytes(out.getvalue())


def add_empty_signature_field(source: Path, destination: Path, name: str) -> None:
    """An incremental update adding an unsigned signature field (it could carry a fake stamp's look)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(source.read_bytes()), strict=False)
    fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=name, on_page=0, box=(100, 100, 400, 200)))
    out = io.BytesIO()
    writer.write(out)
    destination.write_bytes(out.getvalue())
