"""PAdES baseline B-B signatures of the board PDF, and their verification, offline.

The visible stamp fills the empty signature field the print-out put on its
approval page; the next board member's goes beside it, and a PDF from
elsewhere gets it at the foot of the last page. The stamp is drawn in the PDF
standard font Helvetica with the WinAnsi encoding when that has every letter
of its text (æøå and the rest of Western Europe's); a name beyond it (Sámi č,
Polish ł, ...) is drawn in DejaVu Sans, embedded as a subset. The standard font
needs no font file read, subset and embedded: that took fontTools a fifth of
the time of a signed export (issue 16).
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.api import FontEngine, FontEngineFactory, ShapeResult
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleTrustManager

from ropa_desktop.exports.pdf_signature_fields import SIGNATURE_FIELD
from ropa_desktop.i18n import N_, Translator, current
from ropa_desktop.signing.certificates import certificate_facts, load_signer, signer_name, write_atomic
from ropa_desktop.signing.errors import (
    NotSignedError,
    PdfUnreadableError,
    SigningFailedError,
    TrustCertificateUnreadableError,
)
from ropa_desktop.signing.signature import APPROVAL_REASON as APPROVAL_REASON  # cli_signing imports it from here
from ropa_desktop.signing.signature import SignatureSummary
from ropa_desktop.signing.verification import ChangesAfter, Coverage, SignatureCheck, VerificationReport, judge

DEFAULT_FIELD = SIGNATURE_FIELD
_FALLBACK_BOX = (40, 40, 280, 130)  # bottom left of the last page, in points
STAMP_FONT_SIZE = 8


def _page_count(reader: PdfFileReader) -> int:
    return int(reader.root["/Pages"]["/Count"])


STANDARD_FONT = "Helvetica"
STANDARD_ENCODING = "cp1252"  # what the PDF calls WinAnsiEncoding
# Spaces WinAnsi lacks, drawn as the one it has: CLDR puts a narrow no-break space before "PM" in English times.
_STAND_IN_SPACES = str.maketrans({"\u202f": "\xa0", "\u2009": " ", "\u200a": " "})


class _StandardFontEngine(FontEngine):
    """Helvetica, not embedded, its text in WinAnsi bytes and measured with the font's own widths
    (pyHanko's SimpleFontEngine writes PDFDocEncoding, which differs from WinAnsi for € and the quotes,
    and gives every letter one width)."""

    def __init__(self, writer: BasePdfFileWriter) -> None:
        super().__init__(writer, STANDARD_FONT, embedded_subset=False)

    @property
    def uses_complex_positioning(self) -> bool:
        return False

    def shape(self, txt: str) -> ShapeResult:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        txt = txt.translate(_STAND_IN_SPACES)
        data = txt.encode(STANDARD_ENCODING)
        escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        return ShapeResult(b"(" + escaped + b") Tj", x_advance=stringWidth(txt, STANDARD_FONT, 1), y_advance=0)

    def as_resource(self) -> generic.DictionaryObject:
        name = generic.NameObject
        return generic.DictionaryObject(
            {
                name("/Type"): name("/Font"),
                name("/Subtype"): name("/Type1"),
                name("/BaseFont"): name(f"/{STANDARD_FONT}"),
                name("/Encoding"): name("/WinAnsiEncoding"),
            }
        )


class _StandardFontFactory(FontEngineFactory):
    def create_font_engine(self, writer: BasePdfFileWriter, obj_stream: Any = None) -> FontEngine:
        return _StandardFontEngine(writer)


def stamp_fits_standard_font(text: str) -> bool:
    """Whether Helvetica (WinAnsi) has every letter of the stamp's ``text``."""
    try:
        text.translate(_STAND_IN_SPACES).encode(STANDARD_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _stamp_lines(tr: Translator, *, with_location: bool) -> str:
    lines = [
        tr.gettext(N_("Digitally signed by {signer}")).format(signer="%(signer)s"),
        "%(reason)s",
        *(["%(location)s"] if with_location else []),
        tr.gettext(N_("Time: {time}")).format(time="%(local_time)s"),
    ]
    return "\n".join(lines)


def _stamp_style(tr: Translator, *, with_location: bool, params: dict[str, str]) -> TextStampStyle:
    """The stamp for the text ``params`` fill in: in the standard font when it has all of its letters."""
    stamp_text = _stamp_lines(tr, with_location=with_location)
    font: FontEngineFactory
    if stamp_fits_standard_font(stamp_text % params):
        font = _StandardFontFactory()
    else:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory  # fontTools: only for such a name

        from ropa_desktop.exports.pdf_fonts import stamp_font_file

        font = GlyphAccumulatorFactory(str(stamp_font_file()), font_size=STAMP_FONT_SIZE)
    return TextStampStyle(
        stamp_text=stamp_text,
        # Both sizes must agree, or the glyphs are placed for one size and drawn at another.
        text_box_style=TextBoxStyle(font=font, font_size=STAMP_FONT_SIZE, leading=STAMP_FONT_SIZE + 3),
        border_width=1,
        background=None,
    )


def sign_pdf(
    source: Path,
    destination: Path,
    p12: Path,
    passphrase: bytes,
    *,
    reason: str,
    location: str = "",
    field_name: str = DEFAULT_FIELD,
    translator: Translator | None = None,
) -> SignatureSummary:
    """Sign ``source`` into ``destination`` (PAdES B-B, visible stamp); nothing is written on failure."""
    signed, summary = sign_pdf_data(
        source, p12, passphrase, reason=reason, location=location, field_name=field_name, translator=translator
    )
    write_atomic(Path(destination), signed)
    return summary


def sign_pdf_data(
    source: Path,
    p12: Path,
    passphrase: bytes,
    *,
    reason: str,
    location: str = "",
    field_name: str = DEFAULT_FIELD,
    translator: Translator | None = None,
    signer: signers.SimpleSigner | None = None,
) -> tuple[bytes, SignatureSummary]:
    """The signed PDF as bytes, for a caller that decides where and when it is written.

    ``signer``: the .p12 already opened by the caller (:func:`load_signer`), so its key is not
    decrypted twice."""
    signer = signer or load_signer(Path(p12), passphrase)
    source = Path(source)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise PdfUnreadableError(path=str(source), reason=exc.strerror or str(exc)) from None
    return sign_pdf_bytes(
        data, str(source), signer, reason=reason, location=location, field_name=field_name, translator=translator
    )


def sign_pdf_bytes(
    data: bytes,
    name_for_messages: str,
    signer: signers.SimpleSigner,
    *,
    reason: str,
    location: str = "",
    field_name: str = DEFAULT_FIELD,
    translator: Translator | None = None,
) -> tuple[bytes, SignatureSummary]:
    """``data`` (a PDF) signed by ``signer`` (from :func:`load_signer`), and the facts of its signature.

    The one signing of the program: the editor's, the command's, and its signing worker's."""
    tr = translator or current()
    name = signer_name(signer)
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        field_name = _prepare_field(writer, field_name)
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            reason=reason,
            location=location or None,
            name=name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        # Local time with its zone, in the print-out's language: pyHanko fills its own "ts"
        # with a fixed English format, so the stamp uses a parameter of ours.
        stamped_at = datetime.now().astimezone()
        text = {"reason": reason, "location": location, "local_time": stamp_time(stamped_at, tr)}
        style = _stamp_style(tr, with_location=bool(location), params={**text, "signer": name})
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
        pdf_signer.sign_pdf(writer, output=out, appearance_text_params=text, bytes_reserved=_room_for(signer))
    except (PdfError, SigningError, ValueError, KeyError) as exc:
        raise SigningFailedError(path=name_for_messages, reason=str(exc)) from None
    signed = out.getvalue()
    reader = PdfFileReader(io.BytesIO(signed))
    embedded = reader.embedded_signatures[-1]
    signed_at = embedded.self_reported_timestamp or datetime.now().astimezone()
    return signed, SignatureSummary(name, signed_at, field_name, hashlib.sha256(signed).hexdigest())


# Room for the signature beyond the certificates it carries: the signed attributes and the signature
# value (512 bytes for RSA-4096) take about 1,000 bytes; the rest is margin.
_SIGNATURE_ROOM = 4096


def _room_for(signer: signers.Signer) -> int:
    """The space the signature container gets in the file, as hexadecimal digits (two per byte).

    pyHanko would measure it by making a trial signature first, which costs as much as the signature.
    The container holds the signer's certificate and those of its chain, and a few hundred bytes more.
    """
    certificates = [signer.signing_cert, *signer.cert_registry] if signer.signing_cert is not None else []
    return 2 * (sum(len(c.dump()) for c in certificates) + _SIGNATURE_ROOM)


def stamp_time(moment: datetime, tr: Translator) -> str:
    """The time on the stamp: local, with its zone ("28. november 2026, 07:48:45 CET")."""
    return tr.format_local_time(moment)


def _prepare_field(writer: IncrementalPdfFileWriter, field_name: str) -> str:
    """The field to sign: the print-out's own, or a new one beside it for the next board member."""
    existing = {name: (value, ref) for name, value, ref in fields.enumerate_sig_fields(writer.prev, filled_status=None)}
    if field_name not in existing:
        # Not our print-out (or its field was removed): stamp at the foot of the last page.
        page, box = _page_count(writer.prev) - 1, _FALLBACK_BOX
    elif existing[field_name][0] is None:
        return field_name
    else:
        page, box = _next_box(
            writer.prev, existing[field_name][1], sum(1 for n in existing if n.startswith(field_name))
        )
        field_name = f"{field_name}-{sum(1 for n in existing if n.startswith(field_name)) + 1}"
    fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=box))
    return field_name


def _next_box(reader: PdfFileReader, signed_field: Any, taken: int) -> tuple[int, tuple[int, int, int, int]]:
    """Beside the first signature (to the right, then below), on its page, for co-signers."""
    widget = signed_field.get_object()
    left, bottom, right, top = (int(float(v)) for v in widget["/Rect"])
    page_ref = widget.raw_get("/P")
    page_index = next(
        (i for i, ref in enumerate(_page_refs(reader)) if ref.idnum == page_ref.idnum), _page_count(reader) - 1
    )
    width, height, gap = right - left, top - bottom, 10
    page_width = float(page_ref.get_object()["/MediaBox"][2])
    per_row = max(1, int((page_width - left) // (width + gap)))
    row, column = divmod(taken, per_row)
    x, y = left + column * (width + gap), bottom - row * (height + 2 * gap)  # the caption sits below a box
    if y < 30:  # no room left on the page: the foot of the last page
        return _page_count(reader) - 1, _FALLBACK_BOX
    return page_index, (x, y, x + width, y + height)


def _page_refs(reader: PdfFileReader) -> list[Any]:
    refs: list[Any] = []
    stack: list[Any] = [reader.root.raw_get("/Pages")]
    while stack:
        ref = stack.pop()
        node = ref.get_object()
        if node.get("/Type") == "/Pages":
            stack.extend(reversed(list(node.raw_get("/Kids"))))
        else:
            refs.append(ref)
    return refs


def _trust_roots(paths: Sequence[Path]) -> list[asn1_x509.Certificate]:
    from pyhanko.keys import load_certs_from_pemder

    roots: list[asn1_x509.Certificate] = []
    for path in paths:
        try:
            found = list(load_certs_from_pemder([str(path)]))
        except OSError as exc:
            raise TrustCertificateUnreadableError(path=str(path), reason=exc.strerror or str(exc)) from None
        except ValueError as exc:
            raise TrustCertificateUnreadableError(path=str(path), reason=str(exc)) from None
        if not found:
            raise TrustCertificateUnreadableError(path=str(path), reason=current().gettext(N_("no certificate found")))
        roots.extend(found)
    return roots


@contextmanager
def _quiet_validation_logs() -> Iterator[None]:
    """pyHanko logs an untrusted chain with a traceback; the result already says "not trusted"."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    previous = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)  # child loggers inherit the level, not ``disabled``
    try:
        yield
    finally:
        for lg, level in zip(loggers, previous, strict=True):
            lg.setLevel(level)


def verify_pdf(path: Path, trust: Sequence[Path] = ()) -> VerificationReport:
    """Check every signature of ``path`` offline; ``trust`` are PEM/DER certificates to trust.

    The facts come from pyHanko (integrity, coverage, its modification analysis
    of every later revision, the chain to ``trust``); the verdict from
    :func:`ropa_desktop.signing.verification.judge`.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PdfUnreadableError(path=str(path), reason=exc.strerror or str(exc)) from None
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError) as exc:
        raise PdfUnreadableError(path=str(path), reason=str(exc)) from None
    if not signatures:
        raise NotSignedError(path=str(path))
    roots = _trust_roots(trust) if trust else []
    found = [_check_signature(embedded, roots) for embedded in signatures]
    return judge(found, trust_given=bool(trust), path=str(path))


def _check_signature(embedded: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate]) -> SignatureCheck:
    context = ValidationContext(
        trust_manager=SimpleTrustManager.build(trust_roots=roots),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    cert = embedded.signer_cert
    facts = certificate_facts(x509.load_der_x509_certificate(cert.dump())) if cert is not None else None
    signer = facts.subject if facts else ""
    try:
        with _quiet_validation_logs():
            status = validate_pdf_signature(embedded, context, key_usage_settings=_SIGNING_USAGE)
    except Exception:  # a damaged signature container: nothing about it can be trusted
        return SignatureCheck(
            field_name=embedded.field_name,
            signer=signer,
            signing_time=embedded.self_reported_timestamp,
            certificate=facts,
            intact=False,
            coverage=Coverage.PARTIAL,
            changes_after=ChangesAfter.CONTENT,
            changed_fields=(),
            chains_to_trusted=False,
        )
    coverage = _COVERAGE.get(status.coverage, Coverage.PARTIAL) if status.coverage else Coverage.PARTIAL
    diff = status.diff_result
    changed: tuple[str, ...] = ()
    if coverage is Coverage.WHOLE_FILE:
        changes = ChangesAfter.NONE
    elif isinstance(diff, DiffResult):
        changes = _CHANGES.get(diff.modification_level, ChangesAfter.CONTENT)
        changed = tuple(sorted(diff.changed_form_fields))
    else:  # the analysis found something it cannot explain, or did not run
        changes = ChangesAfter.CONTENT
    if status.docmdp_ok is False:  # the signer forbade (/DocMDP) what came after
        changes = ChangesAfter.CONTENT
    return SignatureCheck(
        field_name=embedded.field_name,
        signer=signer,
        signing_time=status.signer_reported_dt,
        certificate=facts,
        intact=bool(status.intact and status.valid),
        coverage=coverage,
        changes_after=changes,
        changed_fields=changed,
        chains_to_trusted=bool(status.trusted),
    )


_COVERAGE = {
    SignatureCoverageLevel.ENTIRE_FILE: Coverage.WHOLE_FILE,
    SignatureCoverageLevel.ENTIRE_REVISION: Coverage.ITS_REVISION,
}

_CHANGES = {
    ModificationLevel.NONE: ChangesAfter.NONE,
    ModificationLevel.LTA_UPDATES: ChangesAfter.SIGNATURES,
    ModificationLevel.FORM_FILLING: ChangesAfter.FORM_FILLING,
    ModificationLevel.ANNOTATIONS: ChangesAfter.ANNOTATIONS,
    ModificationLevel.OTHER: ChangesAfter.CONTENT,
}

# pyHanko's default asks for nonRepudiation alone; a board member's certificate may carry either.
_SIGNING_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
