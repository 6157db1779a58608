"""The stems a Wording looks for first never hide a match of its pattern (checks/common.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ropa_desktop.checks import common, dpia
from ropa_desktop.checks.common import Wording

WORDINGS: list[Wording] = [
    common.MARKETING,
    common.ELECTRONIC_CHANNEL,
    common.ELECTRONIC_ADDRESS,
    common.TRACKING,
    common.TRACKING_NOT_NECESSARY,
    dpia._LOCATION,
    dpia._MONITORING,
    dpia._SCORING,
    dpia._INNOVATIVE,
    dpia._ANY_WORDING,
]
# Pieces of the wordings, in any case, among ordinary text and the characters case folding treats specially.
PIECES = sorted({stem for w in WORDINGS for stem in w.stems} | {"e-post", "E-mail", "KI", "AI", "Cookies", "GPS"})
_piece = st.sampled_from(PIECES).flatmap(lambda p: st.sampled_from([p, p.upper(), p.title()]))
_filler = st.text(st.sampled_from(list(" -.,/abcæøåÆØÅßſKİµ\u212a\u212bxyz")), max_size=4)
TEXTS = st.lists(st.one_of(_piece, _filler), max_size=8).map("".join)


@settings(max_examples=400)
@given(text=TEXTS)
def test_a_wording_finds_what_its_pattern_finds(text: str) -> None:
    for wording in WORDINGS:
        assert bool(wording.search(text)) == bool(wording.regex.search(text)), (wording.pattern, text)


def test_a_text_without_a_stem_is_not_searched() -> None:
    plain = "Formål nummer 1: tilby og administrere kurs og tjenester"
    assert dpia._MONITORING.search(plain) is None
    assert dpia._MONITORING.search("Kameraovervåking av inngangen") is not None
    assert common.TRACKING.search("Vi bruker COOKIES til statistikk") is not None
