"""Maintain the gettext catalogues: extract, update, compile, check, pseudo.

Usage (from the repository root)::

    python tools/i18n.py extract   # ropa_desktop/**.py -> translations/ropa.pot
    python tools/i18n.py update    # merge the .pot into nb and en (en: msgstr = msgid)
    python tools/i18n.py check     # exit 1 on untranslated, fuzzy, placeholder mismatch or a stale .pot
    python tools/i18n.py compile   # .po -> ropa_desktop/locale/*/LC_MESSAGES/ropa.mo (as the build does)
    python tools/i18n.py pseudo    # write a pseudo-translated catalogue (see ROPA_PSEUDO=1)

After merging branches that add strings: ``extract``, ``update``, translate the
``nb`` entries ``check`` lists, ``check`` again.

Catalogues are written sorted, without line numbers and with a fixed header
date, so running the tool twice changes nothing and merges stay small.
"""

from __future__ import annotations

import argparse
import io
import string
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ropa_desktop.pseudo import pseudo_translate  # noqa: E402
from tools.catalogues import CatalogueError, compile_catalogues  # noqa: E402
from tools.catalogues import read_catalogue as _read  # noqa: E402

DOMAIN = "ropa"
LANGUAGES = ("nb", "en")
SOURCE_LANGUAGE = "en"  # msgids are English: the en catalogue copies them
PSEUDO_LANGUAGE = "en_XA"
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("TRANSLATORS:",)
# A fixed date: a changing POT-Creation-Date would make every run a diff.
HEADER_DATE = datetime(2026, 1, 1, tzinfo=UTC)
WIDTH = 100
HEADER_COMMENT = (
    "# ropa-desktop messages ({language}).\n"
    "# Maintained with tools/i18n.py (extract, update, check); msgids are English.\n"
    "#"
)

MessageKey = tuple[str, str | None]  # (msgid, context); msgid is the singular for plurals


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def source(self) -> Path:
        return self.root / "ropa_desktop"

    @property
    def memory(self) -> Path:
        """Norwegian translations waiting for their msgids (strings other branches add; Qt's buttons)."""
        return self.root / "translations" / "memory" / "nb.po"

    @property
    def pot(self) -> Path:
        return self.root / "translations" / f"{DOMAIN}.pot"

    def po(self, language: str) -> Path:
        return self.root / "translations" / language / "LC_MESSAGES" / f"{DOMAIN}.po"

    def mo(self, language: str) -> Path:
        return self.root / "ropa_desktop" / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


# --------------------------------------------------------------------------- extract


def _method_map(root: Path) -> list[tuple[str, str]]:
    """The ``[python: pattern]`` sections of babel.cfg (the same file pybabel reads)."""
    cfg = root / "babel.cfg"
    methods: list[tuple[str, str]] = []
    if cfg.is_file():
        for line in cfg.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("[") and line.endswith("]") and ":" in line:
                method, pattern = line[1:-1].split(":", 1)
                # babel.cfg patterns are relative to the root; extract_from_dir walks ropa_desktop/.
                methods.append((pattern.strip().removeprefix("ropa_desktop/"), method.strip()))
    return methods or [("**.py", "python")]


def extract_catalog(root: Path) -> Catalog:
    """All messages of the source tree, as pybabel extract would find them."""
    paths = Paths(root)
    catalog = Catalog(
        project="ropa-desktop",
        copyright_holder="ropa-desktop contributors",
        msgid_bugs_address="",
        creation_date=HEADER_DATE,
        revision_date=HEADER_DATE,
        charset="utf-8",
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(paths.source),
        method_map=_method_map(root),
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        location = (f"ropa_desktop/{Path(filename).as_posix()}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _serialise(catalog: Catalog) -> bytes:
    catalog.header_comment = HEADER_COMMENT.format(language=catalog.locale_identifier or "template")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=True, sort_by_file=False, include_lineno=False)
    # The Babel version is no business of the catalogue: it would make a diff per developer machine.
    lines = [line for line in buffer.getvalue().splitlines(keepends=True) if not line.startswith(b'"Generated-By:')]
    return b"".join(lines)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def cmd_extract(paths: Paths) -> int:
    catalog = extract_catalog(paths.root)
    changed = _write_if_changed(paths.pot, _serialise(catalog))
    print(f"{paths.pot.relative_to(paths.root)}: {len(catalog)} messages{'' if changed else ' (unchanged)'}")
    return 0


# --------------------------------------------------------------------------- update


def _key(message: Message) -> MessageKey:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return (msgid, message.context)


def _lookup(old: Catalog, key: MessageKey) -> Message | None:
    """A message from the old catalogue, or from its obsolete section (a msgid removed and re-added)."""
    found: Message | None = old.get(key[0], context=key[1])
    if found is None:
        found = old.obsolete.get(key[0] if key[1] is None else (key[0], key[1]))
    return found


def _source_strings(message: Message) -> str | tuple[str, ...]:
    if isinstance(message.id, (list, tuple)):
        return tuple(message.id)
    return str(message.id)


def merge(template: Catalog, old: Catalog | None, language: str, memory: Catalog | None = None) -> Catalog:
    """The template's messages with the old translations kept; translations of removed msgids go obsolete.

    Untranslated nb messages are filled from the translation memory when its msgid matches exactly.
    No fuzzy matching: a guessed translation of a similar msgid is wrong more often than it helps
    with legal vocabulary, and matching is slow on large catalogues.
    """
    new = Catalog(
        locale=language,
        domain=DOMAIN,
        project=template.project,
        copyright_holder=template.copyright_holder,
        msgid_bugs_address=template.msgid_bugs_address,
        creation_date=HEADER_DATE,
        revision_date=HEADER_DATE,
        language_team=f"{language} <>",
        charset="utf-8",
        fuzzy=False,
    )
    for message in template:
        if not message.id:
            continue
        previous = _lookup(old, _key(message)) if old is not None else None
        remembered = _lookup(memory, _key(message)) if memory is not None else None
        flags: set[str] = set()
        if language == SOURCE_LANGUAGE:
            translation: str | tuple[str, ...] = _source_strings(message)
        elif previous is not None and _same_shape(previous, message) and _translated(previous):
            translation = _strings(previous)
            flags = {f for f in previous.flags if f == "fuzzy"}
        elif remembered is not None and _same_shape(remembered, message) and _translated(remembered):
            translation = _strings(remembered)  # an exact msgid match: no need to mark it fuzzy
        else:
            translation = ("",) * new.num_plurals if message.pluralizable else ""
        new.add(
            message.id,
            translation,
            locations=message.locations,
            flags=flags | {f for f in message.flags if f != "fuzzy"},
            auto_comments=message.auto_comments,
            user_comments=previous.user_comments if previous is not None else [],
            context=message.context,
        )
    if old is not None:
        kept = {_key(m) for m in new if m.id}
        for message in [*old, *old.obsolete.values()]:
            if message.id and _key(message) not in kept and _translated(message):
                new.obsolete[message.id if message.context is None else (message.id, message.context)] = message
    return new


def _strings(message: Message) -> str | tuple[str, ...]:
    strings = message.string
    return tuple(str(s) for s in strings) if isinstance(strings, (list, tuple)) else str(strings or "")


def _same_shape(previous: Message, message: Message) -> bool:
    return bool(previous.pluralizable) == bool(message.pluralizable)


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(s for s in strings)


def cmd_update(paths: Paths) -> int:
    if not paths.pot.is_file():
        print(f"{paths.pot} is missing: run extract first", file=sys.stderr)
        return 2
    template = _read(paths.pot)
    memory = _read(paths.memory, "nb") if paths.memory.is_file() else None
    for language in LANGUAGES:
        po = paths.po(language)
        old = _read(po, language) if po.is_file() else None
        catalog = merge(template, old, language, memory if language == "nb" else None)
        changed = _write_if_changed(po, _serialise(catalog))
        missing = sum(1 for m in catalog if m.id and not _translated(m))
        before = {_key(m) for m in old if m.id and _translated(m)} if old is not None else set()
        recalled = sum(1 for m in catalog if m.id and _key(m) not in before and _translated(m))
        from_memory = f", {recalled} filled from the memory" if language != SOURCE_LANGUAGE and recalled else ""
        print(
            f"{po.relative_to(paths.root)}: {len([m for m in catalog if m.id])} messages, "
            f"{missing} untranslated{from_memory}{'' if changed else ' (unchanged)'}"
        )
    return 0


# --------------------------------------------------------------------------- compile


def cmd_compile(paths: Paths) -> int:
    for target in compile_catalogues(paths.root):
        print(target.relative_to(paths.root))
    return 0


# --------------------------------------------------------------------------- check


@dataclass(frozen=True)
class Issue:
    language: str
    kind: str  # "untranslated", "fuzzy", "placeholders", "missing", "stale-pot"
    msgid: str
    detail: str = ""

    def __str__(self) -> str:
        extra = f"  ({self.detail})" if self.detail else ""
        return f"{self.language}: {self.kind}: {self.msgid!r}{extra}"


def placeholders(text: str) -> list[str]:
    """The ``{name}`` fields of a format string, sorted (conversion and format spec included)."""
    fields: list[str] = []
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(text):
            if name is not None:
                fields.append(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    except ValueError:
        return ["<unbalanced braces>"]
    return sorted(fields)


def catalogue_issues(template: Catalog, catalog: Catalog, language: str) -> Iterator[Issue]:
    wanted = {_key(m) for m in template if m.id}
    present = {_key(m): m for m in catalog if m.id}
    for key in sorted(wanted - present.keys(), key=lambda k: (k[0], k[1] or "")):
        yield Issue(language, "missing", key[0], "not in the catalogue: run update")
    for key, message in sorted(present.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if key not in wanted:
            continue
        if message.fuzzy:
            yield Issue(language, "fuzzy", key[0])
        if not _translated(message):
            yield Issue(language, "untranslated", key[0])
            continue
        sources = [str(s) for s in message.id] if isinstance(message.id, (list, tuple)) else [str(message.id)]
        strings = message.string
        targets = [str(s) for s in strings] if isinstance(strings, (list, tuple)) else [str(strings or "")]
        expected = placeholders(sources[-1] if len(sources) > 1 else sources[0])
        for target in targets:
            found = placeholders(target)
            # A singular form may leave out the count ("one activity"); extra or misspelt names are errors.
            if found != expected and not (len(sources) > 1 and set(found) <= set(expected)):
                yield Issue(language, "placeholders", key[0], f"msgid {expected} vs msgstr {found}")


def check(paths: Paths, extract: bool = True) -> list[Issue]:
    issues: list[Issue] = []
    if not paths.pot.is_file():
        return [Issue("pot", "missing", str(paths.pot), "run extract")]
    template = _read(paths.pot)
    if extract:
        fresh = {_key(m) for m in extract_catalog(paths.root) if m.id}
        stored = {_key(m) for m in template if m.id}
        for key in sorted(fresh - stored, key=lambda k: (k[0], k[1] or "")):
            issues.append(Issue("pot", "stale-pot", key[0], "in the source, not in ropa.pot: run extract"))
        for key in sorted(stored - fresh, key=lambda k: (k[0], k[1] or "")):
            issues.append(Issue("pot", "stale-pot", key[0], "in ropa.pot, no longer in the source: run extract"))
    for language in LANGUAGES:
        po = paths.po(language)
        if not po.is_file():
            issues.append(Issue(language, "missing", str(po), "run update"))
            continue
        issues.extend(catalogue_issues(template, _read(po, language), language))
    return issues


def cmd_check(paths: Paths, extract: bool) -> int:
    issues = check(paths, extract)
    for issue in issues:
        print(issue)
    if issues:
        kinds = sorted({i.kind for i in issues})
        print(f"{len(issues)} problem(s): {', '.join(kinds)}", file=sys.stderr)
        return 1
    print("catalogues complete")
    return 0


# --------------------------------------------------------------------------- pseudo


def pseudo_catalog(template: Catalog) -> Catalog:
    catalog = Catalog(locale="en", domain=DOMAIN, creation_date=HEADER_DATE, revision_date=HEADER_DATE, fuzzy=False)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            translation: str | tuple[str, ...] = tuple(pseudo_translate(s) for s in message.id)
        else:
            translation = pseudo_translate(message.id)
        catalog.add(message.id, translation, context=message.context)
    return catalog


def cmd_pseudo(paths: Paths, output: Path | None) -> int:
    catalog = pseudo_catalog(_read(paths.pot))
    folder = output or paths.root / "build" / "i18n" / PSEUDO_LANGUAGE / "LC_MESSAGES"
    _write_if_changed(folder / f"{DOMAIN}.po", _serialise(catalog))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    _write_if_changed(folder / f"{DOMAIN}.mo", buffer.getvalue())
    print(f"wrote {folder}; run the app with ROPA_PSEUDO=1 to see every label pseudo-translated")
    return 0


# --------------------------------------------------------------------------- command line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write translations/ropa.pot from the source")
    sub.add_parser("update", help="merge ropa.pot into the nb and en catalogues")
    sub.add_parser("compile", help="compile the .po files into ropa_desktop/locale")
    p = sub.add_parser("check", help="fail on untranslated, fuzzy or placeholder problems")
    p.add_argument("--no-extract", action="store_true", help="do not compare ropa.pot with the source")
    p = sub.add_parser("pseudo", help="write a pseudo-translated catalogue")
    p.add_argument("-o", "--output", type=Path, help="folder for ropa.po/ropa.mo")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = Paths(args.root.resolve())
    try:
        return _run(args, paths)
    except CatalogueError as exc:
        # Typically merge-conflict markers left in a catalogue: say which file, no traceback.
        print(f"cannot read a catalogue: {exc}", file=sys.stderr)
        return 2
    except SyntaxError as exc:
        print(f"cannot extract from {exc.filename}:{exc.lineno}: {exc.msg}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, paths: Paths) -> int:
    if args.command == "extract":
        return cmd_extract(paths)
    if args.command == "update":
        return cmd_update(paths)
    if args.command == "compile":
        return cmd_compile(paths)
    if args.command == "check":
        return cmd_check(paths, extract=not args.no_extract)
    return cmd_pseudo(paths, args.output)


def untranslated(issues: Iterable[Issue]) -> list[str]:
    """The msgids an issue list calls untranslated (for test messages)."""
    return [i.msgid for i in issues if i.kind == "untranslated"]


if __name__ == "__main__":
    sys.exit(main())
