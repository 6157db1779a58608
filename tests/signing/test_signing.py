"""PAdES signing and verification of the board PDF, checked by pyHanko and independently by poppler's pdfsig."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from ropa_desktop.cli import main
from ropa_desktop.signing.certificates import create_certificate, export_certificate_pem
from ropa_desktop.signing.errors import CertificateUnreadableError, WrongPassphraseError
from ropa_desktop.signing.pades import sign_pdf, verify_pdf
from ropa_desktop.signing.verification import Coverage
from tests.exports.conftest import poppler
from tests.signing.conftest import PASSPHRASE, SIGNER


def pdfsig(pdf: Path) -> str:
    result = subprocess.run([poppler("pdfsig"), str(pdf)], capture_output=True, text=True)
    return result.stdout + result.stderr


def signed_ranges(pdf: Path) -> list[tuple[int, int]]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf.read_bytes())
    assert match is not None
    a, b, c, d = (int(x) for x in match.groups())
    return [(a, a + b), (c, c + d)]


@pytest.mark.slow
def test_pdfsig_reports_valid_signature_over_the_whole_document(signed_pdf: Path) -> None:
    report = pdfsig(signed_pdf)
    assert "Signature is Valid" in report
    assert "Total document signed" in report
    assert SIGNER in report
    assert "ETSI.CAdES.detached" in report  # PAdES


def test_verify_reports_signer_intact_and_whole_file(signed_pdf: Path) -> None:
    report = verify_pdf(signed_pdf)
    (result,) = report.signatures
    assert result.signer == SIGNER
    assert result.intact and result.coverage is Coverage.WHOLE_FILE and report.ok
    assert result.signing_time is not None
    assert result.certificate is not None and result.certificate.self_signed
    assert result.certificate.key_usage == ("digital_signature", "content_commitment")
    assert not result.chains_to_trusted  # self-signed, and nothing was given to trust


def test_trusting_the_certificate_makes_the_signer_trusted(signed_pdf: Path, certificate: Path, tmp_path: Path) -> None:
    pem = tmp_path / "signer.pem"
    export_certificate_pem(certificate, PASSPHRASE, pem)
    assert verify_pdf(signed_pdf, [pem]).signatures[0].chains_to_trusted
    assert verify_pdf(signed_pdf, [pem]).ok
    other = tmp_path / "other.p12"
    create_certificate("Someone Else", other, b"x")
    export_certificate_pem(other, b"x", tmp_path / "other.pem")
    untrusted = verify_pdf(signed_pdf, [tmp_path / "other.pem"])
    assert not untrusted.signatures[0].chains_to_trusted and not untrusted.ok


def test_stamp_sits_in_the_approval_page_field(signed_pdf: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with signed_pdf.open("rb") as fh:
        reader = PdfFileReader(fh)
        sig = reader.embedded_signatures[0]
        assert sig.field_name == "BoardApproval"
        widget = sig.sig_field
        rect = [float(v) for v in widget["/Rect"]]
        pages = int(reader.root["/Pages"]["/Count"])
        page = widget.raw_get("/P")
        assert page.idnum == reader.root["/Pages"]["/Kids"].raw_get(pages - 1).idnum  # the approval page is last
        assert rect[2] - rect[0] > 100 and rect[3] - rect[1] > 50
        assert sig.sig_object["/Reason"] == "Godkjent av styret"
        assert sig.sig_object["/Location"] == "Gjøvik"


@pytest.mark.slow
def test_flipping_a_signed_byte_makes_ropa_verify_and_pdfsig_fail(signed_pdf: Path, tmp_path: Path) -> None:
    data = signed_pdf.read_bytes()
    (first_start, first_end), (second_start, second_end) = signed_ranges(signed_pdf)
    author = data.index(b"ProMeister Solutions AS")
    positions = [author, first_start + 20, (first_start + first_end) // 2, second_start + 5, second_end - 40]
    for position in positions:
        assert first_start <= position < first_end or second_start <= position < second_end
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        bad = tmp_path / f"tampered-{position}.pdf"
        bad.write_bytes(bytes(tampered))
        assert main(["verify", str(bad)]) != 0, position
        assert "Signature is Valid" not in pdfsig(bad), position


def test_bytes_appended_after_signing_make_ropa_verify_fail(
    signed_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(signed_pdf.read_bytes() + b"\n% added later\n")
    assert main(["verify", str(appended)]) == 1
    out = capsys.readouterr().out
    assert "the last signature does not cover the whole file" in out
    assert main(["verify", str(signed_pdf)]) == 0


def test_wrong_passphrase_is_a_clear_error_and_writes_nothing(
    unsigned_pdf: Path, certificate: Path, tmp_path: Path
) -> None:
    out = tmp_path / "never.pdf"
    with pytest.raises(WrongPassphraseError) as caught:
        sign_pdf(unsigned_pdf, out, certificate, b"wrong", reason="x")
    assert "passphrase" in caught.value.render()
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".never")] == []


def test_corrupt_p12_is_a_clear_error_and_writes_nothing(unsigned_pdf: Path, certificate: Path, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.p12"
    data = bytearray(certificate.read_bytes())
    corrupt.write_bytes(bytes(data[: len(data) // 2]))
    out = tmp_path / "never.pdf"
    with pytest.raises(CertificateUnreadableError):
        sign_pdf(unsigned_pdf, out, corrupt, PASSPHRASE, reason="x")
    assert not out.exists()
    not_a_p12 = tmp_path / "text.p12"
    not_a_p12.write_text("hello")
    with pytest.raises(CertificateUnreadableError):
        sign_pdf(unsigned_pdf, out, not_a_p12, PASSPHRASE, reason="x")
    assert not out.exists()


def test_cli_sign_verify_and_cert_create(
    unsigned_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"hemmelig\n")
    p12 = tmp_path / "board.p12"
    assert main(["cert", "create", "--name", "Styret i Test AS", "-o", str(p12), "--passphrase-file", str(secret)]) == 0
    out = capsys.readouterr().out
    assert "integrity" in out and "identity" in out
    assert p12.exists() and p12.with_suffix(".pem").exists()
    signed = tmp_path / "signed.pdf"
    args = ["sign", str(unsigned_pdf), "-o", str(signed), "--p12", str(p12), "--passphrase-file", str(secret)]
    assert main(args) == 0
    assert main(["verify", str(signed), "--trust", str(p12.with_suffix(".pem"))]) == 0
    out = capsys.readouterr().out
    assert "Signer: Styret i Test AS" in out and "Intact: yes" in out and "Trusted: yes" in out
    secret.write_bytes(b"feil\n")
    again = tmp_path / "again.pdf"
    assert main(["sign", str(unsigned_pdf), "-o", str(again), "--p12", str(p12), "--passphrase-file", str(secret)]) == 2
    assert "passphrase" in capsys.readouterr().err
    assert not again.exists()


@pytest.mark.slow
def test_a_second_board_member_signs_beside_the_first(signed_pdf: Path, certificate: Path, tmp_path: Path) -> None:
    cosigned = tmp_path / "cosigned.pdf"
    summary = sign_pdf(signed_pdf, cosigned, certificate, PASSPHRASE, reason="Godkjent av styret")
    assert summary.field_name == "BoardApproval-2"
    poppler = pdfsig(cosigned)
    assert poppler.count("Signature is Valid") == 2
    assert "Total document signed" in poppler  # the last signature covers everything, the first its revision
    report = verify_pdf(cosigned)
    assert report.ok and [s.coverage for s in report.signatures] == [Coverage.ITS_REVISION, Coverage.WHOLE_FILE]


def stamp_fonts(pdf: Path) -> set[str]:
    """The /BaseFont of every font the signature stamp's appearance uses."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with pdf.open("rb") as fh:
        reader = PdfFileReader(fh)
        appearance = reader.embedded_signatures[-1].sig_field["/AP"]["/N"]
        found: set[str] = set()
        pending = [appearance]
        while pending:  # the stamp's text box is a form XObject inside the appearance
            resources = pending.pop().get_object().get("/Resources", {})
            found.update(str(f.get_object()["/BaseFont"]) for f in resources.get("/Font", {}).values())
            pending.extend(resources.get("/XObject", {}).values())
        return found


def stamp_text(pdf: Path) -> str:
    result = subprocess.run([poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True)
    return result.stdout


@pytest.mark.slow
def test_a_stamp_with_norwegian_letters_is_in_the_standard_font(signed_pdf: Path) -> None:
    """Helvetica (WinAnsi) has æøå: nothing embedded, and the stamp reads as signed (pdftotext, pdfsig)."""
    assert stamp_fonts(signed_pdf) == {"/Helvetica"}
    text = stamp_text(signed_pdf)
    assert f"Digitally signed by {SIGNER}" in text or f"Digitalt signert av {SIGNER}" in text
    assert "Gjøvik" in text
    assert "Signature is Valid" in pdfsig(signed_pdf)


@pytest.mark.slow
def test_a_name_beyond_winansi_is_stamped_in_the_embedded_font(unsigned_pdf: Path, tmp_path: Path) -> None:
    """A Sámi name (č, ŋ) is not in Helvetica's encoding: the stamp embeds DejaVu Sans and prints it whole."""
    name = "Máret Čáhppes Ŋuolja"
    p12 = tmp_path / "sámi.p12"
    create_certificate(name, p12, PASSPHRASE)
    out = tmp_path / "signed.pdf"
    sign_pdf(unsigned_pdf, out, p12, PASSPHRASE, reason="Godkjent av styret")
    fonts = stamp_fonts(out)
    assert len(fonts) == 1 and "Helvetica" not in next(iter(fonts))  # a subset: /ABCDEF+DejaVuSans...
    assert name in stamp_text(out)
    assert "Signature is Valid" in pdfsig(out)


def test_the_standard_font_takes_what_winansi_has() -> None:
    from ropa_desktop.signing.pades import stamp_fits_standard_font

    assert stamp_fits_standard_font("Digitalt signert av Åse Ødegård\nGodkjent av styret\n€ «sitat» – ja")
    assert stamp_fits_standard_font("Time: November 28, 2026, 12:50:36\u202fPM UTC")  # CLDR's narrow space
    assert not stamp_fits_standard_font("Máret Čáhppes")
    assert not stamp_fits_standard_font("Łukasz")
