"""The ``ropa`` command: the register core, headless, for scripts and tests.

Errors are one line on stderr and exit status 2; ``ropa check`` exits 1 when
an error-severity finding exists, ``ropa verify`` when a signed PDF is not
verified. Messages follow ``--lang`` / ``ROPA_LANG`` / the system locale.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ropa_desktop import __version__, cli_library, cli_server, cli_signing, cli_spreadsheet
from ropa_desktop.errors import (
    FileExistsError_,
    NothingToExport,
    RegisterValueWrong,
    RopaError,
    UnexpectedError,
    from_os_error,
    short_path,
)
from ropa_desktop.i18n import LANGUAGES, _, current, ngettext, set_language, translator
from ropa_desktop.safe_files import check_input, check_output, remove_stale_temp_dirs, write_atomic

# The store (SQLAlchemy), the checks and the exports are imported by the subcommands
# that use them: parsing the arguments and --help load none of them (issue 16).
if TYPE_CHECKING:
    from ropa_desktop.domain.register import OrganisationRegister, RegisterSnapshot
    from ropa_desktop.store.register import RegisterFile

SIGNING_WORKER = "--signing-worker"  # signing.worker.WORKER_ARGUMENT, not imported for every command
REGISTER_SUFFIX = ".ropa"  # store.register.SUFFIX, without importing the store for an error message

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class UsageError(RopaError):
    pass


# --------------------------------------------------------------------------- new / import / info


def cmd_new(args: argparse.Namespace) -> int:
    from ropa_desktop.store import operations as ops
    from ropa_desktop.store.register import RegisterFile

    path = Path(args.file)
    if path.exists() and not args.force:
        raise FileExistsError_(path=str(path))
    values = {"name": args.org, "orgnr": args.orgnr or ""}
    templates = cli_library.find_templates(args.from_template)  # an unknown id stops before a file exists
    with RegisterFile.create(path, overwrite=args.force) as register:
        organisation_id = register.apply(ops.Create("organisation", values)).record_id
        if templates and organisation_id is not None:
            cli_library.add_from_templates(register, organisation_id, templates)
    print(_("Created {path}").format(path=path))
    return EXIT_OK


def importers() -> dict[str, Callable[[Path, Path, bool], RegisterFile]]:
    """Import functions by file suffix; the Excel importer joins when present."""
    from ropa_desktop.interchange import json_format

    found: dict[str, Callable[[Path, Path, bool], RegisterFile]] = {".json": json_format.import_json_file}
    try:
        from ropa_desktop.exports import xlsx

        found[".xlsx"] = xlsx.import_xlsx_file
    except ImportError:
        pass
    return found


def cmd_import(args: argparse.Namespace) -> int:
    source, target = Path(args.source), Path(args.output)
    check_input(source)
    check_output(target, force=args.force, inputs=[source])
    if cli_spreadsheet.wants_spreadsheet_import(args, source):
        register = cli_spreadsheet.import_spreadsheet(args, source, target)
    else:
        importer = importers().get(source.suffix.lower())
        if importer is None:
            raise UsageError(_("Cannot import {path}: expected a .json or .xlsx file.").format(path=source))
        register = importer(source, target, args.force)
    with register:
        count = register.snapshot().activity_count
    message = ngettext("Imported {count} activity into {path}", "Imported {count} activities into {path}", count)
    print(message.format(count=count, path=target))
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    with cli_server.open_register(args.file, readonly=True) as register:
        snap = register.snapshot()
    tr = current()
    print(_("Register: {path}").format(path=args.file))
    print(_("Schema version: {version}").format(version=snap.schema_version))
    for org in snap.organisations:
        o = org.organisation
        controller = len(org.activities_of("controller"))
        processor = len(org.activities_of("processor"))
        orgnr = f" ({o.orgnr})" if o.orgnr else ""
        print(f"- {o.name}{orgnr}")
        print("  " + _("Controller register: {count} activities").format(count=tr.format_number(controller)))
        if o.is_processor or processor:
            print("  " + _("Processor register: {count} activities").format(count=tr.format_number(processor)))
    return EXIT_OK


# --------------------------------------------------------------------------- export


def export_json(args: argparse.Namespace, register: RegisterFile) -> None:
    from ropa_desktop.exports.selection import select_organisations
    from ropa_desktop.interchange import json_format

    snapshot = select_organisations(register.snapshot(), args.org)
    data = json_format.dumps(json_format.snapshot_document(snapshot)).encode("utf-8")
    write_atomic(Path(args.output), data, replace=args.force)


def export_xlsx(args: argparse.Namespace, register: RegisterFile) -> None:
    from ropa_desktop.exports import xlsx
    from ropa_desktop.exports.selection import select_organisations

    snapshot = select_organisations(register.snapshot(), args.org)
    language = args.export_lang or current().language
    if getattr(args, "layout", "standard") == "datatilsynet":
        from ropa_desktop.exports.xlsx_datatilsynet import export_datatilsynet_xlsx

        export_datatilsynet_xlsx(snapshot, Path(args.output), translator(language), replace=args.force)
        return
    xlsx.export_xlsx(snapshot, Path(args.output), translator(language), replace=args.force)


Exporter = Callable[[argparse.Namespace, "RegisterFile"], None]


def exporters() -> dict[str, Exporter]:
    """Export functions by format name; xlsx and pdf plug in here."""
    found: dict[str, Exporter] = {"json": export_json, "xlsx": export_xlsx, "pdf": cli_signing.export_pdf_command}
    return found


def cmd_export(args: argparse.Namespace) -> int:
    exporter = exporters().get(args.format)
    if exporter is None:
        raise UsageError(_("Unknown export format {format}.").format(format=args.format))
    inputs = [] if cli_server.is_server_url(args.file) else [Path(args.file)]
    for source in inputs:
        check_input(source)
    check_output(Path(args.output), force=args.force, inputs=inputs)
    # Signing records the approval in the register, so only then is it opened for writing.
    # A signed PDF's signing worker starts first: it loads pyHanko while the register is read and printed.
    with (
        cli_signing.signing_worker(args),
        cli_server.open_register(args.file, readonly=not cli_signing.wants_writable(args)) as register,
    ):
        exporter(args, register)
    print(_("Wrote {path}").format(path=args.output))
    return EXIT_OK


# --------------------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    if args.explain:
        from ropa_desktop.checks.reference import explain, find_rule

        found = find_rule(args.explain)
        if found is None:
            print(_("ropa: no rule has the id {rule}").format(rule=args.explain), file=sys.stderr)
            return EXIT_ERROR
        print(explain(found))
        return EXIT_OK
    if not args.file:
        print(_("ropa: give the register file to check, or --explain ID"), file=sys.stderr)
        return EXIT_ERROR
    from ropa_desktop.checks.engine import SEVERITY_LABELS, Severity, has_errors, run_checks

    with cli_server.open_register(args.file, readonly=True) as register:
        snapshot = register.snapshot()
    findings = run_checks(snapshot)
    tr = current()
    if args.format == "json":
        print(json.dumps([f.as_dict(tr) for f in findings], ensure_ascii=False, indent=2))
    else:
        names = {o.organisation.id: o.organisation.name for o in snapshot.organisations}
        for f in findings:
            severity = tr.gettext(SEVERITY_LABELS[f.severity])
            print(f"{severity}: [{f.rule_id}] {names.get(f.organisation_id, '')}: {f.render(tr)}")
        counts = Counter(f.severity for f in findings)
        print(
            _("{errors} errors, {warnings} warnings, {notes} notes").format(
                errors=counts[Severity.ERROR], warnings=counts[Severity.WARNING], notes=counts[Severity.INFO]
            )
        )
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


# --------------------------------------------------------------------------- notice


def _source_files(location: str) -> tuple[Path, ...]:
    """The register file an output must never be written over; none for a server's address."""
    return () if cli_server.is_server_url(location) else (Path(location),)


def cmd_notice(args: argparse.Namespace) -> int:
    """Write the privacy notice of one organisation; exit 1 when it shows gaps (like ``check``)."""
    from ropa_desktop.exports.selection import select_organisations
    from ropa_desktop.notice import build_notice
    from ropa_desktop.notice.write import check_destination, write_notice

    source, output = _source_files(args.file), Path(args.output)
    check_destination(output, force=args.force, inputs=source)
    with cli_server.open_register(args.file, readonly=True) as register:
        snapshot = register.snapshot()
    if args.org is None and len(snapshot.organisations) != 1:
        names = ", ".join(o.organisation.name for o in snapshot.organisations)
        raise UsageError(
            _("The register holds several organisations; choose one with --org: {names}").format(names=names)
        )
    org = select_organisations(snapshot, args.org).organisations[0]
    notice = build_notice(org, translator(args.notice_lang or current().language))
    write_notice(notice, args.format, output, force=args.force, inputs=source)
    print(_("Wrote {path}").format(path=output))
    for gap in notice.gaps:
        print(_("Missing: {what}").format(what=gap.text), file=sys.stderr)
    if notice.gaps:
        count = len(notice.gaps)
        message = ngettext(
            "The notice has {count} gap: fill it in the register and write the notice again.",
            "The notice has {count} gaps: fill them in the register and write the notice again.",
            count,
        )
        print(message.format(count=count), file=sys.stderr)
    return EXIT_FINDINGS if notice.gaps else EXIT_OK


# --------------------------------------------------------------------------- pictures


def _one_organisation(snapshot: RegisterSnapshot, name: str | None) -> OrganisationRegister:
    from ropa_desktop.exports.selection import select_organisations

    if not snapshot.organisations:
        raise NothingToExport()
    if name is None and len(snapshot.organisations) > 1:
        names = ", ".join(o.organisation.name for o in snapshot.organisations)
        raise UsageError(
            _("The register holds several organisations; choose one with --org: {names}").format(names=names)
        )
    return select_organisations(snapshot, name).organisations[0]


def cmd_picture(args: argparse.Namespace) -> int:
    """``ropa map`` and ``ropa dashboard``: one organisation's picture as SVG or PNG."""
    from ropa_desktop.overview import output

    source, target = _source_files(args.file), Path(args.output)
    fmt = output.picture_format(target)
    for path in source:
        check_input(path)
    check_output(target, force=args.force, inputs=source)
    with cli_server.open_register(args.file, readonly=True) as register:
        snapshot = register.snapshot()
    org = _one_organisation(snapshot, args.org)
    data = output.map_bytes(org, fmt) if args.command == "map" else output.dashboard_bytes(snapshot, org, fmt)
    write_atomic(target, data, replace=args.force)
    print(_("Wrote {path}").format(path=target))
    return EXIT_OK


# --------------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """argparse with errors in our one-line, exit-2 form."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ropa", description=_("Records of processing activities (GDPR art. 30), headless."))
    parser.add_argument("--version", action="version", version=f"ropa {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages (default: system locale)"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("new", help=_("create a new register file"))
    p.add_argument("file", help=_("the register file to create (.ropa)"))
    p.add_argument("--org", required=True, help=_("name of the organisation"))
    p.add_argument("--orgnr", help=_("organisation number"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    cli_library.add_new_arguments(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import", help=_("create a register from a JSON or Excel file"))
    p.add_argument("source", help=_("the file to import (.json or .xlsx)"))
    p.add_argument("-o", "--output", required=True, help=_("the register file to create (.ropa)"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    cli_spreadsheet.add_import_arguments(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help=_("export a register to JSON, Excel or PDF"))
    p.add_argument("file", help=_("the register file (.ropa)"))
    p.add_argument("--format", required=True, choices=sorted(exporters()), help=_("output format"))
    p.add_argument("-o", "--output", required=True, help=_("the file to write"))
    p.add_argument("--org", help=_("only this organisation (name or id)"))
    p.add_argument("--export-lang", dest="export_lang", choices=LANGUAGES, help=_("language of the exported document"))
    p.add_argument(
        "--layout",
        choices=("standard", "datatilsynet"),
        default="standard",
        help=_("Excel only: the editable workbook (standard) or the columns of Datatilsynet's protocol templates"),
    )
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    cli_signing.add_export_arguments(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("check", help=_("check a register for gaps"))
    p.add_argument("file", nargs="?", help=_("the register file (.ropa)"))
    p.add_argument("--explain", metavar="ID", help=_("explain the rule with this id and exit"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=_("output format"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("notice", help=_("write the privacy notice (art. 13/14) of an organisation"))
    p.add_argument("file", help=_("the register file (.ropa)"))
    p.add_argument("--org", help=_("only this organisation (name or id)"))
    p.add_argument(
        "--lang", dest="notice_lang", choices=LANGUAGES, help=_("language of the notice (default: as messages)")
    )
    p.add_argument("--format", choices=("html", "docx", "md"), default="html", help=_("output format"))
    p.add_argument("-o", "--output", required=True, help=_("the file to write"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    p.set_defaults(func=cmd_notice)

    for name, help_text in (
        ("map", _("draw the data map (sources, activities, recipients, countries) as SVG or PNG")),
        ("dashboard", _("draw the overview dashboard as SVG or PNG")),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", help=_("the register file (.ropa)"))
        p.add_argument("--org", help=_("only this organisation (name or id)"))
        p.add_argument("-o", "--output", required=True, help=_("the picture to write (.svg or .png)"))
        p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
        p.set_defaults(func=cmd_picture)

    cli_signing.add_parsers(sub)
    cli_spreadsheet.add_parsers(sub)
    cli_library.add_parsers(sub)
    cli_server.add_parsers(sub)

    p = sub.add_parser("info", help=_("show organisations, activity counts and schema version"))
    p.add_argument("file", help=_("the register file (.ropa)"))
    p.set_defaults(func=cmd_info)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [SIGNING_WORKER]:  # this program started by a signed export as its signing worker
        from ropa_desktop.signing.worker import serve

        return serve(sys.stdin.buffer, sys.stdout.buffer)
    # Text from a hostile file (a lone surrogate) or a console that cannot show æøå must not crash a message.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    # The language must be known before the parser's help texts are built.
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            set_language(argv[i + 1])
    parser = build_parser()
    args = parser.parse_args(argv)
    remove_stale_temp_dirs()  # what a killed export left in the temp folder
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`ropa info x.ropa | head -3`): as any Unix filter, stop quietly. Python
        # would flush stdout again at exit and complain, so what is left goes to the null device.
        _silence_stdout()
        return EXIT_ERROR
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        error = as_user_error(exc, _subject(args))
        print(f"ropa: {error.render()}", file=sys.stderr)
        for problem in getattr(error, "problems", []):
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _subject(args: argparse.Namespace) -> str:
    """The file a command works on, for messages about errors that do not name one."""
    return str(getattr(args, "file", None) or getattr(args, "source", None) or "")


def as_user_error(exc: BaseException, subject: str) -> RopaError:
    """Any exception as a :class:`RopaError`: its own message, an OS error's, or a neutral one.

    The neutral one names only the exception's type: its text may quote the register.
    """
    if isinstance(exc, RopaError):
        return exc
    if isinstance(exc, OSError):
        return from_os_error(exc, subject)
    if subject.lower().endswith(REGISTER_SUFFIX) and isinstance(exc, _WRONG_VALUE):
        # The register passed SQLite's checks, so a value of the wrong type or vocabulary in it
        # (written by another tool, or two flipped bytes) is the likely cause, not the program.
        return RegisterValueWrong(kind=type(exc).__name__, path=short_path(subject))
    return UnexpectedError(kind=type(exc).__name__, path=short_path(subject))


_WRONG_VALUE = (ValueError, TypeError, LookupError, AttributeError, ArithmeticError)


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "translator"]
