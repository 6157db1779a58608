from __future__ import annotations

from enum import StrEnum

import pytest

from ropa_desktop.domain import enums as e
from ropa_desktop.domain.labels import LABELS, footnotes, label, labels_of, superscript, value_for_label
from ropa_desktop.domain.validation import VOCABULARIES
from ropa_desktop.i18n import translator
from ropa_desktop.store.register import RegisterFile
from tests import promeister as sample

VOCABS = sorted(set(VOCABULARIES.values()), key=lambda v: v.__name__)


@pytest.mark.parametrize("vocabulary", VOCABS, ids=lambda v: v.__name__)
def test_every_stored_value_has_a_label_that_reads_back(vocabulary: type[StrEnum]) -> None:
    for language in ("en", "nb"):
        tr = translator(language)
        for value, text in labels_of(vocabulary, tr):
            assert (vocabulary, value) in LABELS
            assert value_for_label(vocabulary, text, tr) == value
            assert value_for_label(vocabulary, f"  {text.upper()} ", tr) == value


def test_letters_shared_by_two_articles_keep_their_own_labels() -> None:
    en = translator("en")
    assert label(e.LegalBasis.CONTRACT, en) == "Performance of a contract"
    assert label("b", en, e.LegalBasis) == "Performance of a contract"
    assert label(e.SpecialCategoryCondition.EMPLOYMENT_LAW, en).startswith("Employment")
    with pytest.raises(ValueError, match="vocabulary"):
        label("b", en)
    assert value_for_label(e.LegalBasis, "no such basis", en) is None


def test_superscript_marks() -> None:
    assert [superscript(n) for n in (1, 2, 3, 10)] == ["¹", "²", "³", "¹⁰"]


def test_promeister_footnotes_follow_the_notice(promeister: RegisterFile) -> None:
    org = promeister.snapshot().organisations[0]
    notes = footnotes(org)
    assert notes.items == [
        ("¹", sample.balancing_tests()[0]),
        ("²", sample.balancing_tests()[1]),
        ("³", sample.balancing_tests()[2]),
    ]
    marks = {a.activity.purpose: notes.mark_for_activity(a.activity.id) for a in org.activities}
    assert marks["Markedsføre våre kurs og tjenester"] == "¹"
    assert marks["Håndtere henvendelser til kundeservice eller via websider"] == "²"
    assert marks["Brukeradministrasjon og support"] == ""
    by_name = {r.recipient.name: notes.mark_for_recipient(r.recipient.id) for r in org.recipients}
    # The sharing row rests on the same balancing test as the feedback activity: it reuses ³.
    assert by_name["Selskap i konsernet som er behandlingsansvarlig for digitale bestillinger"] == "³"
    assert by_name["Statens vegvesen"] == ""
    assert notes.items_for(["³"]) == [("³", sample.balancing_tests()[2])]
