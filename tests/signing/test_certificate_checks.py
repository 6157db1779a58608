"""Certificates that cannot sign: sign refuses them, and verify --trust does not call them trusted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ropa_desktop.cli import main
from ropa_desktop.errors import RopaError
from ropa_desktop.signing.errors import (
    CertificateExpiredError,
    CertificateNotForSigningError,
    CertificateNotYetValidError,
)
from ropa_desktop.signing.pades import sign_pdf, verify_pdf
from ropa_desktop.signing.verification import Problem
from tests.signing.forge import ENCIPHERMENT_ONLY, make_certificate, sign_anyway

PASS = b"passord"
NOW = datetime.now(UTC)

UNUSABLE = {
    "expired": (
        {"valid_from": datetime(2020, 1, 1, tzinfo=UTC), "valid_until": datetime(2021, 1, 1, tzinfo=UTC)},
        CertificateExpiredError,
        Problem.EXPIRED,
    ),
    "not-yet-valid": (
        {"valid_from": NOW + timedelta(days=30), "valid_until": NOW + timedelta(days=400)},
        CertificateNotYetValidError,
        Problem.NOT_YET_VALID,
    ),
    "encipherment-only": ({"usage": ENCIPHERMENT_ONLY}, CertificateNotForSigningError, Problem.WRONG_USAGE),
}


@pytest.mark.parametrize("kind", sorted(UNUSABLE))
def test_sign_refuses_a_certificate_that_cannot_sign(
    kind: str, unsigned_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options, error, _problem = UNUSABLE[kind]
    p12, _pem = make_certificate(tmp_path, kind, "Åse Ødegård", PASS, **options)  # type: ignore[arg-type]
    out = tmp_path / "signed.pdf"
    with pytest.raises(error) as caught:
        sign_pdf(unsigned_pdf, out, p12, PASS, reason="Godkjent av styret")
    assert str(p12) in caught.value.render() and "Nothing was signed" in caught.value.render()
    assert not out.exists()
    secret = tmp_path / "pass.txt"
    secret.write_bytes(PASS)
    args = ["sign", str(unsigned_pdf), "-o", str(out), "--p12", str(p12), "--passphrase-file", str(secret)]
    assert main(["--lang", "nb", *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "Ingenting ble signert" in err  # translated
    assert not out.exists()


def test_expired_message_names_the_date(unsigned_pdf: Path, tmp_path: Path) -> None:
    options = UNUSABLE["expired"][0]
    p12, _pem = make_certificate(tmp_path, "old", "Åse Ødegård", PASS, **options)  # type: ignore[arg-type]
    with pytest.raises(RopaError) as caught:
        sign_pdf(unsigned_pdf, tmp_path / "x.pdf", p12, PASS, reason="x")
    assert "2021" in caught.value.render()


@pytest.mark.parametrize("kind", sorted(UNUSABLE))
def test_verify_trust_does_not_trust_a_certificate_that_cannot_sign(
    kind: str, unsigned_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options, _error, problem = UNUSABLE[kind]
    p12, pem = make_certificate(tmp_path, kind, "Åse Ødegård", PASS, **options)  # type: ignore[arg-type]
    signed = tmp_path / "signed.pdf"
    sign_anyway(unsigned_pdf, signed, p12, PASS)
    report = verify_pdf(signed, [pem])
    (check,) = report.signatures
    assert problem in check.problems and check.trusted is False
    assert check.intact  # the bytes are fine; the certificate is not
    assert main(["verify", str(signed), "--trust", str(pem)]) == 1
    assert "Trusted: no" in capsys.readouterr().out
    assert main(["verify", str(signed)]) == 1  # a certificate that cannot sign fails with or without --trust


@pytest.mark.parametrize(
    "usage", [{"digital_signature": True}, {"content_commitment": True}, None], ids=["digsig", "nonrep", "no-extension"]
)
def test_certificates_that_may_sign_are_accepted_and_trusted(
    usage: dict[str, bool] | None, unsigned_pdf: Path, tmp_path: Path
) -> None:
    p12, pem = make_certificate(tmp_path, "ok", "Åse Ødegård", PASS, usage=usage)
    signed = tmp_path / "signed.pdf"
    sign_pdf(unsigned_pdf, signed, p12, PASS, reason="Godkjent av styret")
    assert main(["verify", str(signed), "--trust", str(pem)]) == 0
