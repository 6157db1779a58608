"""The ``ropa`` subcommands of the board PDF: ``export --format pdf [--sign]``, ``sign``, ``verify``, ``cert create``.

The command-line face of :mod:`ropa_desktop.signing`, beside :mod:`ropa_desktop.cli`
which registers them. The passphrase is read from a file or asked for; it is
held in memory for the one call and never written or logged.

``ropa verify`` exits 0 when the file is verified, 1 when it has signatures
but one of them fails a check (the report says which and why), 2 when it
cannot be checked at all (not a PDF, no signature, an unreadable --trust file).
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import LANGUAGES, N_, Translator, _, current, ngettext, translator
from ropa_desktop.safe_files import check_output
from ropa_desktop.signing.errors import CertificateMissingError

if TYPE_CHECKING:  # the store loads with the command that opens a register, not with --help
    from ropa_desktop.store.register import RegisterFile

EXIT_OK = 0
EXIT_NOT_VERIFIED = 1


class PassphraseError(RopaError):
    message = N_("The passphrase could not be read: {reason}")


class PassphrasesDifferError(RopaError):
    message = N_("The two passphrases differ. Nothing was written.")


class SignOptionsMissingError(RopaError):
    message = N_("--sign needs --p12 CERT.p12.")


def read_passphrase(args: argparse.Namespace, p12: Path, *, confirm: bool = False) -> bytes:
    if args.passphrase_file:
        try:
            data = Path(args.passphrase_file).read_bytes()
        except OSError as exc:
            raise PassphraseError(reason=exc.strerror or str(exc)) from None
        return data.rstrip(b"\r\n")
    try:
        first = getpass.getpass(_("Passphrase for {path}: ").format(path=p12))
        if confirm and getpass.getpass(_("Repeat the passphrase: ")) != first:
            raise PassphrasesDifferError()
    except (EOFError, KeyboardInterrupt):
        raise PassphraseError(reason=_("no passphrase given")) from None
    return first.encode("utf-8")


def export_translator(args: argparse.Namespace) -> Translator:
    lang = getattr(args, "export_lang", None)
    return translator(lang) if lang else current()


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``ropa export`` that only the PDF format uses."""
    parser.add_argument("--sign", action="store_true", help=_("PDF: sign it and record the approval in the register"))
    parser.add_argument("--p12", help=_("PDF: the signing certificate (.p12)"))
    parser.add_argument("--passphrase-file", dest="passphrase_file", help=_("file holding the certificate passphrase"))
    parser.add_argument("--location", default="", help=_("PDF: where it is signed"))
    parser.add_argument(
        "--allow-open-errors",
        action="store_true",
        help=_("PDF: sign and record the approval even though the check reports errors"),
    )
    findings = parser.add_mutually_exclusive_group()
    findings.add_argument(
        "--findings", dest="findings", action="store_true", default=None, help=_("PDF: include open findings")
    )
    findings.add_argument("--no-findings", dest="findings", action="store_false", help=_("PDF: leave findings out"))


def wants_writable(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "sign", False))


@contextmanager
def signing_worker(args: argparse.Namespace) -> Iterator[None]:
    """For a signed PDF, the signing worker (``args.signing_worker``), ended when the command is done."""
    if not (args.format == "pdf" and wants_writable(args) and args.p12):
        yield
        return
    from ropa_desktop.signing.worker import SigningWorker

    worker = args.signing_worker = SigningWorker.start()
    try:
        yield
    finally:
        if worker is not None:
            worker.stop()


def export_pdf_command(args: argparse.Namespace, register: RegisterFile) -> None:
    from ropa_desktop.exports.pdf import export_pdf
    from ropa_desktop.exports.selection import select_organisations

    tr = export_translator(args)
    snapshot = select_organisations(register.snapshot(), args.org)
    output = Path(args.output)
    if not args.sign:
        export_pdf(snapshot, output, tr, include_findings=args.findings, replace=args.force)
        return
    # Signing records the approval through the store: only now are it and pyHanko imported.
    from ropa_desktop.signing.board import ensure_can_record, export_signed_pdf
    from ropa_desktop.signing.worker import WorkerSigning

    if not args.p12:
        raise SignOptionsMissingError()
    p12 = Path(args.p12)
    if not p12.is_file():
        raise CertificateMissingError(path=str(p12))
    ensure_can_record(register)  # before the passphrase is asked for
    allow = bool(getattr(args, "allow_open_errors", False)) or _confirm_open_errors(snapshot)
    passphrase = read_passphrase(args, p12)
    for approval in export_signed_pdf(
        register,
        snapshot,
        output,
        p12,
        passphrase,
        tr,
        location=args.location,
        include_findings=args.findings,
        allow_open_errors=allow,
        signing=WorkerSigning(getattr(args, "signing_worker", None), p12, passphrase),
    ):
        print(
            _("Recorded approval version {version} of {organisation}, signed by {signer}.").format(
                version=approval.version, organisation=approval.organisation, signer=approval.signer
            )
        )
        if approval.open_errors:
            print(
                ngettext(
                    "Approved with {count} open error.", "Approved with {count} open errors.", approval.open_errors
                ).format(count=approval.open_errors)
            )


def _confirm_open_errors(snapshot: object) -> bool:
    """At a terminal, list the open errors and ask; otherwise refuse (the caller passes --allow-open-errors)."""
    import sys

    from ropa_desktop.domain.register import RegisterSnapshot
    from ropa_desktop.i18n import current
    from ropa_desktop.signing.board import describe_errors, open_errors

    assert isinstance(snapshot, RegisterSnapshot)
    errors = open_errors(snapshot)
    if not errors or not sys.stdin.isatty():
        return False
    print(
        ngettext("The register has {count} open error:", "The register has {count} open errors:", len(errors)).format(
            count=len(errors)
        ),
        file=sys.stderr,
    )
    for line in describe_errors(snapshot, errors, current()):
        print(f"  {line}", file=sys.stderr)
    try:
        answer = input(_("Sign and record the approval with open errors? [y/N] "))
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in (_("y"), "y", _("yes"), "yes")


def cmd_sign(args: argparse.Namespace) -> int:
    from ropa_desktop.signing.pades import APPROVAL_REASON, sign_pdf

    source, output, p12 = Path(args.source), Path(args.output), Path(args.p12)
    check_output(output, force=args.force, inputs=[source])
    if not p12.is_file():
        raise CertificateMissingError(path=str(p12))
    tr = export_translator(args)
    passphrase = read_passphrase(args, p12)
    reason = args.reason or tr.gettext(APPROVAL_REASON)
    summary = sign_pdf(source, output, p12, passphrase, reason=reason, location=args.location, translator=tr)
    print(_("Signed {path} as {signer}.").format(path=output, signer=summary.signer))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from ropa_desktop.signing.pades import verify_pdf
    from ropa_desktop.signing.report import report_lines

    report = verify_pdf(Path(args.file), [Path(t) for t in args.trust or []])
    print("\n".join(report_lines(report, current())))
    return EXIT_OK if report.ok else EXIT_NOT_VERIFIED


def cmd_cert_create(args: argparse.Namespace) -> int:
    from ropa_desktop.signing.certificates import SELF_SIGNED_NOTICE, create_signing_certificate, pem_beside

    output = Path(args.output)
    for path in (output, pem_beside(output)):  # before asking for the passphrase
        check_output(path, force=args.force)
    passphrase = read_passphrase(args, output, confirm=True)
    created = create_signing_certificate(
        args.name, output, passphrase, organisation=args.organisation or "", force=args.force
    )
    print(
        _("Wrote {path} (certificate with private key) and {pem} (certificate to share).").format(
            path=created.p12, pem=created.pem
        )
    )
    print(_(SELF_SIGNED_NOTICE))
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sign", help=_("sign a PDF (PAdES) with a .p12 certificate"))
    p.add_argument("source", help=_("the PDF to sign"))
    p.add_argument("-o", "--output", required=True, help=_("the signed PDF to write"))
    p.add_argument("--p12", required=True, help=_("the signing certificate (.p12)"))
    p.add_argument("--passphrase-file", dest="passphrase_file", help=_("file holding the certificate passphrase"))
    p.add_argument("--reason", help=_("reason for signing (default: approved by the board)"))
    p.add_argument("--location", default="", help=_("where it is signed"))
    p.add_argument("--export-lang", dest="export_lang", choices=LANGUAGES, help=_("language of the signature stamp"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    p.set_defaults(func=cmd_sign)

    p = sub.add_parser(
        "verify",
        help=_("check every signature of a signed PDF (exit 0 verified, 1 not verified, 2 cannot be checked)"),
    )
    p.add_argument("file", help=_("the signed PDF"))
    p.add_argument("--trust", action="append", help=_("a certificate (.pem) to trust; may be repeated"))
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("cert", help=_("signing certificates"))
    cert_sub = p.add_subparsers(dest="cert_command", required=True, parser_class=type(p))
    c = cert_sub.add_parser("create", help=_("make a self-signed certificate (proves integrity, not identity)"))
    c.add_argument("--name", required=True, help=_("the signer's name, shown in the signature"))
    c.add_argument("--organisation", help=_("the organisation, shown in the certificate"))
    c.add_argument("-o", "--output", required=True, help=_("the .p12 file to write"))
    c.add_argument("--passphrase-file", dest="passphrase_file", help=_("file holding the passphrase to protect it"))
    c.add_argument("--force", action="store_true", help=_("overwrite existing files"))
    c.set_defaults(func=cmd_cert_create)
