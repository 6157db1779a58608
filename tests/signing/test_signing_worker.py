"""The signing worker of ``ropa export --format pdf --sign`` (issue 16): same signature, same errors, a fallback.

The worker is the same program started by the command; these tests run the real one, and
replace its command line to make it fail to start, die, or hang.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.cli import main
from ropa_desktop.i18n import translator
from ropa_desktop.signing import worker
from ropa_desktop.signing.errors import CertificateExpiredError, WrongPassphraseError
from ropa_desktop.signing.pades import verify_pdf
from ropa_desktop.store.plain_read import read_snapshot
from tests.exports.conftest import poppler
from tests.seeds import REPO
from tests.signing.conftest import PASSPHRASE, SIGNER


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "passfrase æøå.txt"
    path.write_bytes(PASSPHRASE + b"\n")
    return path


def sign_args(register: Path, pdf: Path, certificate: Path, passphrase: Path) -> list[str]:
    return [
        "--lang",
        "en",
        "export",
        str(register),
        "--format",
        "pdf",
        "-o",
        str(pdf),
        "--sign",
        "--p12",
        str(certificate),
        "--passphrase-file",
        str(passphrase),
        "--allow-open-errors",
    ]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Every worker process the command starts, to look at after it returns."""
    processes: list[subprocess.Popen[bytes]] = []
    real = worker.SigningWorker.__init__

    def recording(self: worker.SigningWorker, process: subprocess.Popen[bytes]) -> None:
        processes.append(process)
        real(self, process)

    monkeypatch.setattr(worker.SigningWorker, "__init__", recording)
    return processes


def run_command(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ropa_desktop.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_the_command_signs_in_its_worker_and_pdfsig_and_ropa_verify_accept_it(
    promeister_path: Path, certificate: Path, passphrase_file: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "styre æøå.pdf"
    # The parent reports what it imported: the signing libraries stayed in the worker.
    child = (
        "import json, sys\nfrom ropa_desktop import cli\ncode = cli.main(sys.argv[1:])\n"
        "print(json.dumps({'exit': code, 'modules': sorted(sys.modules)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", child, *sign_args(promeister_path, pdf, certificate, passphrase_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["exit"] == 0
    roots = {name.split(".")[0] for name in report["modules"]}
    assert not roots & {"pyhanko", "pyhanko_certvalidator", "cryptography", "asn1crypto"}
    assert "ropa_desktop.signing.worker" in report["modules"]
    check = subprocess.run([poppler("pdfsig"), str(pdf)], capture_output=True, text=True, check=False)
    assert "Signature is Valid" in check.stdout and "Total document signed" in check.stdout
    assert SIGNER in check.stdout
    verified = run_command(["--lang", "en", "verify", str(pdf)])
    assert verified.returncode == 0, verified.stdout + verified.stderr
    approvals = read_snapshot(promeister_path).organisations[0].approvals
    assert [a.signers for a in approvals] == [[SIGNER]]


def test_a_wrong_passphrase_says_the_same_with_and_without_the_worker(
    promeister_path: Path, certificate: Path, tmp_path: Path
) -> None:
    wrong = tmp_path / "feil.txt"
    wrong.write_text("ikke denne\n", encoding="utf-8")
    pdf = tmp_path / "styre.pdf"
    args = sign_args(promeister_path, pdf, certificate, wrong)
    by_worker = run_command(args)
    in_process = run_command(args, env={worker.DISABLE_VARIABLE: "0"})
    expected = WrongPassphraseError(path=str(certificate)).render(translator("en"))
    assert by_worker.stderr == in_process.stderr == f"ropa: {expected}\n"
    assert by_worker.returncode == in_process.returncode != 0
    assert not pdf.exists()
    assert list(tmp_path.glob("*.tmp*")) == []
    assert read_snapshot(promeister_path).organisations[0].approvals == []


def test_the_worker_ends_with_the_command_after_an_error(
    promeister_path: Path,
    certificate: Path,
    tmp_path: Path,
    started: list[subprocess.Popen[bytes]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong = tmp_path / "feil.txt"
    wrong.write_text("ikke denne\n", encoding="utf-8")
    assert main(sign_args(promeister_path, tmp_path / "styre.pdf", certificate, wrong)) != 0
    assert "passphrase" in capsys.readouterr().err
    assert len(started) == 1
    assert started[0].poll() is not None  # ended, not left behind


def test_the_worker_ends_when_the_command_fails_before_signing(
    promeister_path: Path,
    certificate: Path,
    passphrase_file: Path,
    tmp_path: Path,
    started: list[subprocess.Popen[bytes]],
) -> None:
    args = sign_args(promeister_path, tmp_path / "styre.pdf", certificate, passphrase_file)
    args.remove("--allow-open-errors")  # the sample has open errors: refused before the passphrase is sent
    assert main(args) != 0
    assert len(started) == 1 and started[0].poll() is not None


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["/nonexistent/ropa æøå", worker.WORKER_ARGUMENT], id="cannot start"),
        pytest.param([sys.executable, "-c", "pass"], id="ends at once"),
        pytest.param([sys.executable, "-c", "import sys; sys.stdout.buffer.write(b'nonsense')"], id="talks nonsense"),
        pytest.param([sys.executable, "-c", "import time; time.sleep(60)"], id="never answers"),
    ],
)
def test_a_worker_that_fails_leaves_the_command_to_sign_itself(
    command: list[str],
    promeister_path: Path,
    certificate: Path,
    passphrase_file: Path,
    tmp_path: Path,
    started: list[subprocess.Popen[bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(worker, "worker_command", lambda: command)
    monkeypatch.setattr(worker, "ANSWER_TIMEOUT", 2.0)
    pdf = tmp_path / "styre.pdf"
    assert main(sign_args(promeister_path, pdf, certificate, passphrase_file)) == 0
    report = verify_pdf(pdf)
    assert report.ok and [s.signer for s in report.signatures] == [SIGNER]
    assert len(read_snapshot(promeister_path).organisations[0].approvals) == 1
    assert all(process.poll() is not None for process in started)


def _requests(*messages: tuple[dict[str, Any], bytes]) -> io.BytesIO:
    stream = io.BytesIO()
    for header, payload in messages:
        worker.send(stream, header, payload)
    stream.seek(0)
    return stream


def test_the_worker_answers_a_certificate_error_as_its_class_and_parameters(tmp_path: Path) -> None:
    """The face of the worker without a process: the error comes back as the same RopaError."""
    answers = io.BytesIO()
    opened = {"p12": str(tmp_path / "mangler.p12"), "ui_language": "en"}
    assert worker.serve(_requests((opened, b"x")), answers) == 0
    answers.seek(0)
    message = worker.receive(answers)
    assert message is not None
    error = worker._error_from(message[0])
    assert type(error).__name__ == "CertificateMissingError"
    assert str(tmp_path / "mangler.p12") in error.render(translator("en"))


def test_an_error_crosses_the_pipe_with_the_same_message() -> None:
    original = CertificateExpiredError(path="styre æøå.p12", date="1. januar 2020")
    header = worker._error_header(original)
    again = worker._error_from(header)
    assert type(again) is CertificateExpiredError
    assert again.render(translator("nb")) == original.render(translator("nb"))


def test_an_error_the_worker_may_not_raise_is_refused() -> None:
    with pytest.raises(worker.WorkerGone):
        worker._error_from({"error": "SystemExit", "params": {}})
