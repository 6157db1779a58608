"""Smoke test of the frozen signing worker (packaging/ci-build.sh): ``ropa --signing-worker`` signs.

``ropa export --sign`` falls back to signing in its own process when its worker fails, so its
success alone does not show that the bundle's worker works; this talks to the worker directly,
as the command does (:mod:`ropa_desktop.signing.worker`), and writes what it signed.

    python packaging/smoke_signing_worker.py BUNDLE/ropa CERT.p12 PASSPHRASE_FILE UNSIGNED.pdf SIGNED.pdf
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ropa_desktop.signing.worker import WORKER_ARGUMENT, SigningWorker


def main(ropa: str, p12: str, passphrase_file: str, unsigned: str, signed: str) -> int:
    # The user's empty environment, as the rest of the smoke test runs the bundle.
    env = {"HOME": os.environ.get("HOME", "/tmp"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    process = subprocess.Popen([ropa, WORKER_ARGUMENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    worker = SigningWorker(process)
    try:
        passphrase = Path(passphrase_file).read_bytes().rstrip(b"\r\n")
        worker.send({"p12": str(Path(p12).resolve()), "ui_language": "en"}, passphrase)
        opened, _ = worker.answer()
        if opened != {"ready": True}:
            print(f"FAIL: the frozen signing worker did not open the certificate: {opened}")
            return 1
        # The print-out already has its signature field (ropa export --format pdf): none to add.
        request = {"name": unsigned, "fields": [], "reason": "Smoke test", "location": "", "language": "en"}
        worker.send(request, Path(unsigned).read_bytes())
        answer, data = worker.answer()
        if "signed" not in answer or not data.startswith(b"%PDF"):
            print(f"FAIL: the frozen signing worker did not sign: {answer}")
            return 1
        Path(signed).write_bytes(data)
        print(f"the frozen signing worker signed {signed} as {answer['signed']['signer']}")
        return 0
    finally:
        worker.stop()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
