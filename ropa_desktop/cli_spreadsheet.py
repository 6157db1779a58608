"""The ``ropa`` face of the spreadsheet import: ``import SHEET --mapping …`` and ``mapping guess SHEET``.

``mapping guess`` prints the proposed column mapping as JSON, to be edited and
passed back with ``import --mapping FILE.json``; a shipped preset is named
instead of a file (``--mapping ico-controller``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ropa_desktop.i18n import _
from ropa_desktop.safe_files import check_input

if TYPE_CHECKING:  # the store loads with the command that opens a register, not with --help
    from ropa_desktop.store.register import RegisterFile

GUESS = "guess"


def wants_spreadsheet_import(args: argparse.Namespace, source: Path) -> bool:
    """A mapping was given, or the file is a spreadsheet that cannot be our own workbook."""
    return bool(args.mapping) or source.suffix.lower() in (".ods", ".csv", ".xls", ".xlsb")


def import_spreadsheet(args: argparse.Namespace, source: Path, target: Path) -> RegisterFile:
    from ropa_desktop.interchange import spreadsheet as ss

    mapping = None if args.mapping in (None, GUESS) else ss.load_mapping(args.mapping)
    return ss.import_spreadsheet(
        source, target, mapping, organisation=args.org, skip_rows=args.skip_rows, overwrite=args.force
    )


def _rows(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected row numbers separated by commas, such as 5,7")) from None


def add_import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mapping",
        help=_(
            "read any spreadsheet (xlsx, ods, csv) with this column mapping: a preset name, a .json file or 'guess'"
        ),
    )
    p.add_argument("--org", help=_("name of the organisation (default: the file name)"))
    p.add_argument(
        "--skip-rows", dest="skip_rows", type=_rows, default=[], help=_("spreadsheet rows to leave out, such as 5,7")
    )


def cmd_mapping_guess(args: argparse.Namespace) -> int:
    from ropa_desktop.interchange import spreadsheet as ss

    source = Path(args.source)
    check_input(source)
    print(ss.guess_mapping(ss.read_sheets(source)).to_json(), end="")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("mapping", help=_("column mappings for importing any spreadsheet"))
    inner = p.add_subparsers(dest="mapping_command", required=True, parser_class=type(p))
    g = inner.add_parser(GUESS, help=_("print the proposed column mapping of a spreadsheet as JSON"))
    g.add_argument("source", help=_("the spreadsheet (.xlsx, .ods or .csv)"))
    g.set_defaults(func=cmd_mapping_guess)
