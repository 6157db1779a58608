"""The signing worker of ``ropa export --format pdf --sign``: pyHanko loads beside the print-out.

A signed export spends a third of its time importing pyHanko and cryptography and
opening the .p12, and another third building the PDF; one process does them one
after the other (the GIL makes a thread no help). So the command starts this
worker first: the same program (``ropa --signing-worker`` when frozen, ``python -P -m
ropa_desktop.cli --signing-worker`` from source), which imports the signing code and,
once the passphrase comes over its stdin (never argv or the environment), opens the
.p12, while the command reads the register, checks it and builds the print-out. The
command then sends the PDF and gets it back signed (issue 16).

The worker is a thin face over :mod:`ropa_desktop.signing.pades`: the same
:func:`~ropa_desktop.signing.pades.sign_pdf_bytes` signs. Its errors in the user's
words (wrong passphrase, expired certificate ...) come back as their class and
parameters, and are raised again as the same :class:`RopaError`. Anything else (it
cannot start, dies, answers nonsense or not in time) ends the worker, and the
command signs in its own process as it did before: the export is never lost for it.

Protocol (binary pipes): every message is a JSON header and a payload, each sent as
4 bytes of big-endian length and the bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TypeVar

from ropa_desktop.errors import RopaError
from ropa_desktop.exports.pdf_signature_fields import SignatureBox
from ropa_desktop.i18n import Translator, current, set_language, translator
from ropa_desktop.signing import errors as signing_errors
from ropa_desktop.signing.signature import InProcessSigning, SignatureSummary, sign_print_out

WORKER_ARGUMENT = "--signing-worker"  # what ``cli.main`` recognises before building its parser
DISABLE_VARIABLE = "ROPA_SIGNING_WORKER"  # "0": sign in the command's own process
ANSWER_TIMEOUT = 60.0  # seconds; a worker slower than this is ended and the command signs itself
STOP_TIMEOUT = 5.0
_LENGTH = struct.Struct(">I")
T = TypeVar("T")


class WorkerGone(Exception):
    """The worker cannot be used (ended, silent, or answered out of turn)."""


def worker_command() -> list[str]:
    """The same program, as a signing worker."""
    if getattr(sys, "frozen", False):  # the bundle's ``ropa`` executable
        return [sys.executable, WORKER_ARGUMENT]
    # -P: not the current folder on the module path, so a stray cryptography.py there is not imported.
    return [sys.executable, "-P", "-m", "ropa_desktop.cli", WORKER_ARGUMENT]


# --------------------------------------------------------------------------- the pipe


def send(stream: IO[bytes], header: dict[str, Any], payload: bytes = b"") -> None:
    body = json.dumps(header).encode("utf-8")
    stream.write(_LENGTH.pack(len(body)) + body + _LENGTH.pack(len(payload)) + payload)
    stream.flush()


def receive(stream: IO[bytes]) -> tuple[dict[str, Any], bytes] | None:
    """The next message, or None at the end of the stream (also in the middle of a message)."""
    body, payload = _frame(stream), _frame(stream)
    if body is None or payload is None:
        return None
    header = json.loads(body)
    if not isinstance(header, dict):
        raise ValueError("a message header is a JSON object")
    return header, payload


def _frame(stream: IO[bytes]) -> bytes | None:
    size = _exactly(stream, _LENGTH.size)
    return None if size is None else _exactly(stream, _LENGTH.unpack(size)[0])


def _exactly(stream: IO[bytes], count: int) -> bytes | None:
    data = b""
    while len(data) < count:
        chunk = stream.read(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _error_header(exc: RopaError) -> dict[str, Any]:
    return {"error": type(exc).__name__, "params": {k: str(v) for k, v in exc.params.items()}}


def _error_from(header: dict[str, Any]) -> RopaError:
    """The worker's error as the same class and parameters; only the signing errors are known."""
    found = getattr(signing_errors, str(header["error"]), None)
    if not (isinstance(found, type) and issubclass(found, RopaError)):
        raise WorkerGone(f"unknown error {header['error']!r}")
    params = header.get("params")
    if not isinstance(params, dict):
        raise WorkerGone("error without parameters")
    return found(**params)


# --------------------------------------------------------------------------- the worker's side


def serve(requests: IO[bytes], answers: IO[bytes]) -> int:
    """The worker: import the signing code, open the .p12 when asked, sign one PDF, end."""
    from ropa_desktop.signing import pades  # noqa: F401  (imported now, while the command prints)
    from ropa_desktop.signing.certificates import load_signer

    opened = receive(requests)
    if opened is None:  # the command ended without signing
        return 0
    header, passphrase = opened
    set_language(str(header["ui_language"]))  # the errors' dates are formatted in the user's language
    try:
        signer = load_signer(Path(header["p12"]), passphrase)
    except RopaError as exc:
        send(answers, _error_header(exc))
        return 0
    send(answers, {"ready": True})
    asked = receive(requests)
    if asked is None:
        return 0
    header, unsigned = asked
    try:
        signed, summary = sign_print_out(
            signer,
            unsigned,
            str(header["name"]),
            fields=_boxes(header["fields"]),
            reason=str(header["reason"]),
            location=str(header["location"]),
            translator=translator(str(header["language"])),
        )
    except RopaError as exc:
        send(answers, _error_header(exc))
        return 0
    facts = {
        "signer": summary.signer,
        "signed_at": summary.signed_at.isoformat(),
        "field_name": summary.field_name,
        "sha256": summary.sha256,
    }
    send(answers, {"signed": facts}, signed)
    return 0


# --------------------------------------------------------------------------- the command's side


class SigningWorker:
    """A started worker process, its answers read by a thread (pipes cannot wait with a timeout everywhere)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None and process.stdout is not None
        self.process = process
        self._answers: queue.Queue[tuple[dict[str, Any], bytes] | None] = queue.Queue()
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    @classmethod
    def start(cls) -> SigningWorker | None:
        """The worker, started; None when it cannot be (then the command signs itself)."""
        if os.environ.get(DISABLE_VARIABLE) == "0":
            return None
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console window of its own
        try:
            process = subprocess.Popen(
                worker_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # its failures show as the command's own when it signs itself
                creationflags=flags,
            )
        except (OSError, ValueError):
            return None
        return cls(process)

    def _read(self, stream: IO[bytes]) -> None:
        try:
            while (message := receive(stream)) is not None:
                self._answers.put(message)
        except (OSError, ValueError):
            pass
        self._answers.put(None)

    def send(self, header: dict[str, Any], payload: bytes = b"") -> None:
        assert self.process.stdin is not None
        try:
            send(self.process.stdin, header, payload)
        except (OSError, ValueError) as exc:  # a broken pipe: the worker has ended
            raise WorkerGone(str(exc)) from None

    def ask(self, header: dict[str, Any], payload: bytes) -> tuple[dict[str, Any], bytes]:
        self.send(header, payload)
        return self.answer()

    def answered(self) -> tuple[dict[str, Any], bytes] | None:
        """Its next answer if it has come, else None (without waiting)."""
        try:
            message = self._answers.get_nowait()
        except queue.Empty:
            return None
        if message is None:
            raise WorkerGone("the worker ended")
        return message

    def answer(self, timeout: float | None = None) -> tuple[dict[str, Any], bytes]:
        try:
            message = self._answers.get(timeout=ANSWER_TIMEOUT if timeout is None else timeout)
        except queue.Empty:
            raise WorkerGone("no answer in time") from None
        if message is None:
            raise WorkerGone("the worker ended")
        return message

    def stop(self) -> None:
        """End the worker. It has nothing left to write when the command stops it (its answer is in, or
        not wanted), so it is killed rather than waited for: an error is not delayed by its imports."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        self.process.kill()  # nothing when it has already ended
        with contextlib.suppress(subprocess.TimeoutExpired):  # not seen; reaped when this process ends
            self.process.wait(timeout=STOP_TIMEOUT)


class WorkerSigning:
    """:class:`~ropa_desktop.signing.signature.Signing` by a :class:`SigningWorker`, else in this process."""

    def __init__(self, worker: SigningWorker | None, p12: Path, passphrase: bytes) -> None:
        self.worker = worker
        self.fallback = InProcessSigning(p12, passphrase)
        self._opened: tuple[dict[str, Any], bytes] | None = None
        if worker is not None:
            header = {"p12": str(Path(p12).resolve()), "ui_language": current().language}
            self._attempt(lambda w: w.send(header, passphrase))

    def _attempt(self, step: Callable[[SigningWorker], T]) -> T | None:
        """``step(worker)``; if the worker fails it (or answers what cannot be read), it is ended and
        None returned: the fallback takes over."""
        if self.worker is None:
            return None
        try:
            return step(self.worker)
        except (WorkerGone, KeyError, TypeError, ValueError):
            self.close()
            return None

    def ready(self) -> None:
        """The worker's answer is not waited for here: the print-out is made meanwhile."""
        if self.worker is None:
            self.fallback.ready()
            return
        if self._opened is None:
            self._opened = self._attempt(lambda w: w.answered())
            if self._opened is not None:
                self._raise_if_error(self._opened[0])

    def _raise_if_error(self, header: dict[str, Any]) -> None:
        if "error" in header:
            error = self._attempt(lambda _w: _error_from(header))
            if error is not None:
                self.close()
                raise error

    def sign(
        self,
        unsigned: bytes,
        name: str,
        *,
        fields: list[SignatureBox],
        reason: str,
        location: str,
        translator: Translator,
    ) -> tuple[bytes, SignatureSummary]:
        if self._opened is None:
            self._opened = self._attempt(lambda w: w.answer())
        if self._opened is not None:
            self._raise_if_error(self._opened[0])
        request = {
            "name": name,
            "fields": fields,
            "reason": reason,
            "location": location,
            "language": translator.language,
        }
        signed = self._attempt(lambda w: w.ask(request, unsigned))
        if signed is not None:
            header, data = signed
            self._raise_if_error(header)
            facts = self._attempt(lambda _w: _summary(header["signed"]))
            if facts is not None and facts.sha256 == hashlib.sha256(data).hexdigest():
                self.close()
                return data, facts
        self.close()
        return self.fallback.sign(
            unsigned, name, fields=fields, reason=reason, location=location, translator=translator
        )

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None


def _boxes(found: Any) -> list[SignatureBox]:
    """The boxes as sent (JSON has lists, not tuples)."""
    return [(int(page), (int(a), int(b), int(c), int(d))) for page, (a, b, c, d) in found]


def _summary(facts: dict[str, Any]) -> SignatureSummary:
    return SignatureSummary(
        signer=str(facts["signer"]),
        signed_at=datetime.fromisoformat(str(facts["signed_at"])),
        field_name=str(facts["field_name"]),
        sha256=str(facts["sha256"]),
    )
