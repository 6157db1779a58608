"""No "problem(er)" / "row(s)" in the catalogues: counted words go through ngettext."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]

_FAKE_PLURAL = re.compile(r"\w\((?:s|es|er|e|r)\)", re.IGNORECASE)


def test_no_parenthesised_plurals_in_the_catalogues() -> None:
    offenders = []
    for po in sorted((REPO / "translations").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            offenders += [f"{po.parent.parent.name}: {t}" for t in (*ids, *strings) if t and _FAKE_PLURAL.search(t)]
    assert offenders == []
