"""The three forgeries of issue 11, and the genuine print-out beside them, through ``ropa verify``.

Each forgery carries the board member's name; only the genuine file (signed,
or co-signed, with the board's own certificates, nothing else added) exits 0
with ``--trust board.pem``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ropa_desktop.cli import main
from ropa_desktop.signing.certificates import create_certificate, export_certificate_pem
from ropa_desktop.signing.pades import sign_pdf, verify_pdf
from ropa_desktop.signing.verification import ChangesAfter, Coverage, Problem
from tests.exports.conftest import poppler
from tests.signing.conftest import PASSPHRASE, SIGNER
from tests.signing.forge import add_annotation, add_empty_signature_field, replace_first_page

ATTACKER_PASSPHRASE = b"not the board"


@pytest.fixture
def board_pem(certificate: Path, tmp_path: Path) -> Path:
    pem = tmp_path / "board.pem"
    export_certificate_pem(certificate, PASSPHRASE, pem)
    return pem


@pytest.fixture
def attacker(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate the attacker made, in the board member's own name."""
    p12 = tmp_path / "attacker.p12"
    create_certificate(SIGNER, p12, ATTACKER_PASSPHRASE)
    pem = tmp_path / "attacker.pem"
    export_certificate_pem(p12, ATTACKER_PASSPHRASE, pem)
    return p12, pem


def attacker_signs(source: Path, destination: Path, attacker: tuple[Path, Path]) -> Path:
    sign_pdf(source, destination, attacker[0], ATTACKER_PASSPHRASE, reason="Godkjent av styret")
    return destination


def verify(pdf: Path, *trusted: Path) -> int:
    return main(["verify", str(pdf), *(arg for pem in trusted for arg in ("--trust", str(pem)))])


def test_genuine_print_out_and_board_cosignature_verify(
    signed_pdf: Path, board_pem: Path, certificate: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verify(signed_pdf, board_pem) == 0
    second = tmp_path / "second.p12"
    create_certificate("Bjørn Ås", second, b"styremedlem")
    second_pem = tmp_path / "second.pem"
    export_certificate_pem(second, b"styremedlem", second_pem)
    cosigned = tmp_path / "cosigned.pdf"
    sign_pdf(signed_pdf, cosigned, second, b"styremedlem", reason="Godkjent av styret")
    capsys.readouterr()
    assert verify(cosigned, board_pem, second_pem) == 0
    out = capsys.readouterr().out
    assert "Signature 1 of 2" in out and "Signature 2 of 2" in out
    assert "only the later signatures (BoardApproval-2)" in out
    # The co-signer must be trusted too.
    assert verify(cosigned, board_pem) == 1


def test_a_unsigned_print_out_signed_with_a_self_made_certificate_in_the_board_members_name(
    unsigned_pdf: Path, board_pem: Path, attacker: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = attacker_signs(unsigned_pdf, tmp_path / "forged-a.pdf", attacker)
    capsys.readouterr()
    assert verify(forged, board_pem) == 1
    out = capsys.readouterr().out
    assert f"Signer: {SIGNER}" in out and "Trusted: no" in out and "NOT verified" in out
    report = verify_pdf(forged, [board_pem])
    assert [(s.problems, s.trusted) for s in report.signatures] == [((Problem.NOT_TRUSTED,), False)]
    # Without --trust only integrity is checked, and the report says that identity was not.
    assert verify(forged) == 0
    assert "Trusted: not checked" in capsys.readouterr().out


def test_b_board_signed_pdf_with_its_content_replaced_then_signed_again(
    signed_pdf: Path, board_pem: Path, attacker: tuple[Path, Path], tmp_path: Path
) -> None:
    replaced = tmp_path / "replaced.pdf"
    replace_first_page(signed_pdf, replaced, "Forged register")
    forged = attacker_signs(replaced, tmp_path / "forged-b.pdf", attacker)
    assert verify(forged, board_pem) == 1
    # Even trusting the attacker, the board's signature does not cover what is shown now.
    assert verify(forged, board_pem, attacker[1]) == 1
    board, last = verify_pdf(forged, [board_pem, attacker[1]]).signatures
    assert board.intact and board.coverage is Coverage.ITS_REVISION
    assert board.changes_after is ChangesAfter.CONTENT and board.problems == (Problem.CHANGED_AFTER,)
    assert last.ok and last.coverage is Coverage.WHOLE_FILE


def test_c_board_signed_pdf_with_an_annotation_then_cosigned(
    signed_pdf: Path, board_pem: Path, attacker: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annotated = tmp_path / "annotated.pdf"
    add_annotation(signed_pdf, annotated, "Ikke godkjent likevel")
    forged = attacker_signs(annotated, tmp_path / "forged-c.pdf", attacker)
    capsys.readouterr()
    assert verify(forged, board_pem) == 1
    assert verify(forged, board_pem, attacker[1]) == 1
    out = capsys.readouterr().out
    assert "the document was changed after this signature" in out
    board = verify_pdf(forged, [board_pem, attacker[1]]).signatures[0]
    assert Problem.CHANGED_AFTER in board.problems


def test_an_unsigned_annotation_after_the_last_signature_fails_even_unforged(
    signed_pdf: Path, board_pem: Path, tmp_path: Path
) -> None:
    annotated = tmp_path / "annotated.pdf"
    add_annotation(signed_pdf, annotated, "Lagt til etterpå")
    report = verify_pdf(annotated, [board_pem])
    assert report.signatures[0].problems == (Problem.CHANGED_AFTER, Problem.NOT_WHOLE_FILE)
    assert verify(annotated, board_pem) == 1


def test_verify_exit_2_when_nothing_can_be_checked(
    unsigned_pdf: Path, signed_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(unsigned_pdf)]) == 2
    assert "has no signature" in capsys.readouterr().err
    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate")
    assert main(["verify", str(signed_pdf), "--trust", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.pem" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_what_pdfsig_says_about_the_forgeries(
    signed_pdf: Path, unsigned_pdf: Path, attacker: tuple[Path, Path], tmp_path: Path
) -> None:
    """pdfsig checks each signature's bytes but not what was added after it: the board's signature of a
    replaced page is "Valid", only "Not total document signed" hints at the change."""
    replaced = tmp_path / "replaced.pdf"
    replace_first_page(signed_pdf, replaced, "Forged register")
    forged = attacker_signs(replaced, tmp_path / "forged-b.pdf", attacker)
    report = subprocess.run([poppler("pdfsig"), str(forged)], capture_output=True, text=True).stdout
    first = report.split("Signature #2")[0]
    assert "Signature is Valid" in first and "Not total document signed" in first


def test_an_unsigned_field_slipped_in_before_a_cosignature_fails(
    signed_pdf: Path, board_pem: Path, certificate: Path, tmp_path: Path
) -> None:
    """pyHanko calls a new signature field "form filling"; only fields that later signatures fill are allowed."""
    with_field = tmp_path / "with-field.pdf"
    add_empty_signature_field(signed_pdf, with_field, "Styreleder")
    cosigned = tmp_path / "cosigned.pdf"
    sign_pdf(with_field, cosigned, certificate, PASSPHRASE, reason="Godkjent av styret")
    board, second = verify_pdf(cosigned, [board_pem]).signatures
    assert board.changes_after is ChangesAfter.FORM_FILLING and "Styreleder" in board.changed_fields
    assert board.problems == (Problem.CHANGED_AFTER,) and second.ok
    assert verify(cosigned, board_pem) == 1
