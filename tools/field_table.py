"""Keep the field tables of docs/json-format.md in step with the field catalogue.

Each table lists a record type's fields with what users call them (the catalogue's
English heading), the article the field answers, and whether art. 30 requires it;
the type and meaning columns are written by hand and kept as they are. Usage::

    python tools/field_table.py          # rewrite the tables in place
    python tools/field_table.py --check  # exit 1 when the document is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ropa_desktop.domain.fields import FIELDS, Required  # noqa: E402
from ropa_desktop.interchange.json_format import SECTIONS  # noqa: E402

DOC = ROOT / "docs" / "json-format.md"
HEADER = "| field | type | meaning | heading | article | art. 30 requires |\n|---|---|---|---|---|---|\n"
_TABLE = re.compile(r"^(### (.+?)\n\n)((?:\|.*\n)+)", re.MULTILINE)
_ROW = re.compile(r"^\| `(\w+)` \| (.*?) \| (.*?) \|")


def _entity(title: str) -> str | None:
    if title.startswith("Organisation"):
        return "organisation"
    return next((s.entity for s in SECTIONS if title == f"`{s.key}`"), None)


def _required(required: Required) -> str:
    names = [
        name
        for flag, name in ((Required.CONTROLLER, "controller"), (Required.PROCESSOR, "processor"))
        if flag & required
    ]
    return ", ".join(names)


def _table(entity: str, rows: str) -> str:
    out = [HEADER]
    for line in rows.splitlines():
        found = _ROW.match(line)
        if found is None:
            continue
        name, kind, meaning = found.groups()
        info = FIELDS.get((entity, name))
        heading = info.heading if info else ""
        article = info.article if info else ""
        required = _required(info.required) if info else ""
        out.append(f"| `{name}` | {kind} | {meaning} | {heading} | {article} | {required} |\n")
    return "".join(out)


def render(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        entity = _entity(match.group(2))
        return match.group(0) if entity is None else match.group(1) + _table(entity, match.group(3))

    return _TABLE.sub(replace, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/field_table.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/json-format.md is out of date")
    args = parser.parse_args(argv)
    text = DOC.read_text(encoding="utf-8")
    fresh = render(text)
    if args.check:
        if fresh != text:
            print("docs/json-format.md: the field tables differ from the catalogue; run tools/field_table.py")
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
