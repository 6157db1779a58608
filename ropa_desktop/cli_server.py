"""The ``ropa`` face of team registers on a PostgreSQL server: ``server init``, ``push`` and ``pull``.

Every command that reads a register (info, check, export, notice, map, dashboard) also takes a server
address (``postgresql://user@host/database``) where it takes a file; see
:func:`open_register`. The store loads only when a command runs, not for ``--help``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ropa_desktop.i18n import _, ngettext

EXIT_OK = 0


def is_server_url(location: str) -> bool:
    # Kept here as well as in the store so that argument handling never imports the store.
    return location.lower().startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def open_register(location: str, readonly: bool = False) -> Any:
    """A register file or a register on a server, by what ``location`` looks like."""
    if is_server_url(location):
        from ropa_desktop.store.server import ServerRegister

        return ServerRegister.open(location, readonly=readonly)
    if readonly:
        # Reading needs no SQLAlchemy: the standard library's sqlite3 reads the file (issue 16).
        from ropa_desktop.store.plain_read import RegisterReader

        return RegisterReader.open(location)
    from ropa_desktop.store.register import RegisterFile

    return RegisterFile.open(location, readonly=readonly)


def cmd_server_init(args: argparse.Namespace) -> int:
    from ropa_desktop.store import server

    server.init_server(args.url)
    print(
        _("Created the register on {server}, with the roles {editors} (edit) and {reviewers} (read only).").format(
            server=server.display_url(args.url), editors=server.EDITORS_ROLE, reviewers=server.REVIEWERS_ROLE
        )
    )
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from ropa_desktop.store import server

    count = server.push(Path(args.file), args.url, force=args.force)
    print(
        ngettext(
            "Published {path} to {server} ({count} record).", "Published {path} to {server} ({count} records).", count
        ).format(path=args.file, server=server.display_url(args.url), count=count)
    )
    return EXIT_OK


def cmd_pull(args: argparse.Namespace) -> int:
    from ropa_desktop.store import server

    count = server.pull(args.url, Path(args.output), force=args.force)
    print(
        ngettext(
            "Wrote {path} from {server} ({count} record).", "Wrote {path} from {server} ({count} records).", count
        ).format(path=args.output, server=server.display_url(args.url), count=count)
    )
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("server", help=_("set up a register on a PostgreSQL server for a team"))
    inner = p.add_subparsers(dest="server_command", required=True, parser_class=type(p))
    i = inner.add_parser("init", help=_("create the register's tables and the editor and reviewer roles"))
    i.add_argument("url", help=_("the database, as postgresql://user@host/database"))
    i.set_defaults(func=cmd_server_init)

    p = sub.add_parser("push", help=_("publish a register file to a register server"))
    p.add_argument("file", help=_("the register file (.ropa)"))
    p.add_argument("url", help=_("the database, as postgresql://user@host/database"))
    p.add_argument("--force", action="store_true", help=_("replace what the server register holds"))
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("pull", help=_("take an offline copy of a register server into a file"))
    p.add_argument("url", help=_("the database, as postgresql://user@host/database"))
    p.add_argument("-o", "--output", required=True, help=_("the register file to write (.ropa)"))
    p.add_argument("--force", action="store_true", help=_("overwrite the file if it exists"))
    p.set_defaults(func=cmd_pull)
