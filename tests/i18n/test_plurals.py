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


def test_one_nb_word_for_the_certificate_secret() -> None:
    """The nb catalogue says "passord" for the certificate's passphrase everywhere; the help page too."""
    nb = REPO / "translations" / "nb" / "LC_MESSAGES" / "ropa.po"
    with nb.open("rb") as fh:
        catalog = read_po(fh)
    strings = [s for m in catalog for s in (m.string if isinstance(m.string, tuple) else (m.string,)) if s]
    guide = (REPO / "ropa_desktop" / "data" / "help" / "guide.nb.html").read_text(encoding="utf-8")
    assert [s for s in strings if "passordfrase" in s.casefold()] == []
    assert "passordfrase" not in guide.casefold()
    assert any("passord" in s.casefold() for s in strings if "sertifikat" in s.casefold())  # the word that stays
