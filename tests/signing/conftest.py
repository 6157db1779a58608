"""Fixtures for signing: a self-signed certificate and a signed ProMeister print-out."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import translator
from ropa_desktop.signing.certificates import create_certificate
from ropa_desktop.store.register import RegisterFile

PASSPHRASE = b"korrekt hest batteri stift"
SIGNER = "Åse Ødegård"


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cert") / "signer.p12"
    create_certificate(SIGNER, path, PASSPHRASE)
    return path


@pytest.fixture
def unsigned_pdf(promeister: RegisterFile, tmp_path: Path) -> Path:
    out = tmp_path / "unsigned.pdf"
    export_pdf(promeister.snapshot(), out, translator("en"), include_findings=False)
    return out


@pytest.fixture
def signed_pdf(unsigned_pdf: Path, certificate: Path, tmp_path: Path) -> Path:
    from ropa_desktop.signing.pades import sign_pdf

    out = tmp_path / "signed.pdf"
    sign_pdf(unsigned_pdf, out, certificate, PASSPHRASE, reason="Godkjent av styret", location="Gjøvik")
    return out
