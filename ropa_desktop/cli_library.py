"""The ``ropa`` face of templates and of copying activities (issue 19).

``ropa templates`` lists the shipped and the user's templates; ``templates export``
and ``templates import`` share a library file; ``ropa new … --from-template``
starts a register from templates; ``ropa copy`` copies or moves activities to
another organisation or register.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_, _, current, ngettext
from ropa_desktop.safe_files import check_input, check_output

if TYPE_CHECKING:  # the store loads with the command that opens a register, not with --help
    from ropa_desktop.interchange.templates import Template
    from ropa_desktop.store.register import RegisterFile


class NoSuchOrganisation(RopaError):
    message = N_("There is no organisation «{name}» in {path}.")


class NoSuchActivity(RopaError):
    message = N_("There is no activity «{name}» in «{org}».")


class AlreadyThere(RopaError):
    message = N_("The activities already belong to «{org}»; name another organisation with --to-org.")


class SeveralOrganisations(RopaError):
    message = N_("{path} holds several organisations; name one with {option}.")


def _lang() -> str:
    return current().language


def template_ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def add_new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from-template",
        dest="from_template",
        type=template_ids,
        default=[],
        metavar="ID[,ID…]",
        help=_("start with an activity from each of these templates (see: ropa templates)"),
    )


def find_templates(ids: list[str]) -> list[Template]:
    if not ids:
        return []
    from ropa_desktop.interchange import templates as tl

    return tl.find(ids)


def add_from_templates(register: RegisterFile, organisation_id: int, chosen: list[Template]) -> None:
    """Add an activity for each template to a new register, in the language of messages."""
    from ropa_desktop.interchange import templates as tl

    register.apply(tl.add_templates(register, organisation_id, chosen, _lang()))


def cmd_templates(args: argparse.Namespace) -> int:
    from ropa_desktop.interchange import templates as tl

    for t in tl.all_templates():
        mark = "" if t.shipped else "  " + _("(your own)")
        print(f"{t.id}\t{t.title_in(_lang())}{mark}")
    return 0


def cmd_templates_export(args: argparse.Namespace) -> int:
    from ropa_desktop.interchange import templates as tl

    target = Path(args.output)
    check_output(target, force=args.force)
    chosen = tl.find(args.ids) if args.ids else tl.user_library()
    tl.write_library(target, chosen)
    print(ngettext("Wrote {n} template to {path}", "Wrote {n} templates to {path}", len(chosen)).format(
        n=len(chosen), path=target))  # fmt: skip
    return 0


def cmd_templates_import(args: argparse.Namespace) -> int:
    from ropa_desktop.interchange import templates as tl

    source = Path(args.source)
    check_input(source)
    added = tl.import_library(source)
    print(ngettext("Added {n} template to {path}", "Added {n} templates to {path}", len(added)).format(
        n=len(added), path=tl.user_library_path()))  # fmt: skip
    return 0


def _organisation(register: RegisterFile, name: str | None, option: str) -> int:
    from ropa_desktop.store import readmodel as rm

    orgs = rm.organisations(register)
    if name is None:
        if len(orgs) != 1:
            raise SeveralOrganisations(path=register.path.name, option=option)
        return orgs[0].id
    for o in orgs:
        if o.name == name or str(o.id) == name:
            return o.id
    raise NoSuchOrganisation(name=name, path=register.path.name)


def _activities(register: RegisterFile, organisation_id: int, org_name: str, wanted: list[str]) -> list[int]:
    """Activity ids from ids or purposes (exact text)."""
    from ropa_desktop.store import readmodel as rm

    rows = [
        r
        for kind in ("controller", "processor")
        for r in rm.activity_rows(register, organisation_id, kind)  # small registers: CLI use
    ]
    found: list[int] = []
    for w in wanted:
        match = next((r.id for r in rows if str(r.id) == w or r.purpose == w), None)
        if match is None:
            raise NoSuchActivity(name=w, org=org_name)
        found.append(match)
    return found


def cmd_copy(args: argparse.Namespace) -> int:
    from ropa_desktop.interchange import transplant as tp
    from ropa_desktop.store import readmodel as rm
    from ropa_desktop.store.register import RegisterFile

    same_file = args.target is None
    with RegisterFile.open(args.file) as source:
        source_org = _organisation(source, args.org, "--org")
        org_name = next(o.name for o in rm.organisations(source) if o.id == source_org)
        ids = _activities(source, source_org, org_name, args.activity)
        if same_file:
            target_org = _organisation(source, args.to_org, "--to-org")
            if target_org == source_org and args.move:
                raise AlreadyThere(org=org_name)
            source.apply(tp.copy_within(source, source_org, ids, target_org, move=args.move))
        else:
            with RegisterFile.open(args.target) as target:
                target_org = _organisation(target, args.to_org, "--to-org")
                tp.move_between_registers(source, source_org, ids, target, target_org, move=args.move)
    done = (
        ngettext("Moved {n} activity", "Moved {n} activities", len(ids))
        if args.move
        else ngettext("Copied {n} activity", "Copied {n} activities", len(ids))
    )
    print(done.format(n=len(ids)))
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("templates", help=_("list the templates of standard activities (ids and titles)"))
    p.set_defaults(func=cmd_templates)
    inner = p.add_subparsers(dest="templates_command", parser_class=type(p))
    e = inner.add_parser("export", help=_("write templates to a library file to share"))
    e.add_argument("-o", "--output", required=True, help=_("the library file to write (.json)"))
    e.add_argument(
        "--ids", type=template_ids, default=[], metavar="ID[,ID…]", help=_("these templates (default: your own)")
    )
    e.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    e.set_defaults(func=cmd_templates_export)
    i = inner.add_parser("import", help=_("add the templates of a library file to your own"))
    i.add_argument("source", help=_("the library file (.json)"))
    i.set_defaults(func=cmd_templates_import)

    c = sub.add_parser("copy", help=_("copy or move activities to another organisation or register"))
    c.add_argument("file", help=_("the register file (.ropa)"))
    c.add_argument("target", nargs="?", help=_("the register to copy to (default: the same file)"))
    c.add_argument("--activity", action="append", required=True, help=_("an activity's id or purpose; repeat for more"))
    c.add_argument("--org", help=_("the organisation the activities belong to (name or id)"))
    c.add_argument("--to-org", dest="to_org", help=_("the organisation to copy to (name or id)"))
    c.add_argument("--move", action="store_true", help=_("remove the activities from where they were"))
    c.set_defaults(func=cmd_copy)
