"""The real catalogues: complete, not fuzzy, placeholders intact, and in step with the source."""

from __future__ import annotations

from babel.messages.catalog import Catalog

import tools.i18n as tool
from tests.seeds import REPO
from tools.catalogues import read_catalogue

PATHS = tool.Paths(REPO)

# The legal vocabulary of the notices and the domain guide. A msgid listed here must, wherever it
# exists in the catalogue, be translated exactly so (labels, table headings, exports alike).
GLOSSARY = {
    "Consent": "Samtykke",
    "Contract": "Oppfylle avtale",
    "Performance of a contract": "Oppfylle avtale",
    "Legal obligation": "Rettslig forpliktelse",
    "Vital interests": "Vern av vitale interesser",
    "Legitimate interests": "Berettiget interesse",
    "Processor": "Databehandler",
    "Independent controller": "Selvstendig behandlingsansvarlig",
    "Joint controller": "Felles behandlingsansvarlig",
    "Controller": "Behandlingsansvarlig",
    "Retention": "Lagringstid",
    "Purpose": "Formål",
    "Processing": "Behandling",
    "Categories of personal data": "Kategorier av personopplysninger",
    "Categories of data subjects": "Kategorier av registrerte",
    "Legal basis": "Rettslig grunnlag",
    "Balancing test": "Interesseavveining",
    "Data processing agreement": "Databehandleravtale",
    "Data protection officer": "Personvernombud",
    "Page {page} of {pages}": "Side {page} av {pages}",
}


def _catalogue(language: str) -> Catalog:
    return read_catalogue(PATHS.po(language), language)


def _messages(language: str) -> list[tuple[str, object, object]]:
    return [(tool._key(m)[0], m.id, m.string) for m in _catalogue(language) if m.id]


def test_pot_is_up_to_date_with_the_source() -> None:
    fresh = {tool._key(m) for m in tool.extract_catalog(REPO) if m.id}
    stored = {tool._key(m) for m in read_catalogue(PATHS.pot) if m.id}
    assert sorted(fresh - stored) == [], "messages missing from ropa.pot: run `python tools/i18n.py extract`"
    assert sorted(stored - fresh) == [], "ropa.pot has messages no longer in the source: run extract"


def test_catalogues_hold_every_template_message() -> None:
    template = {tool._key(m) for m in read_catalogue(PATHS.pot) if m.id}
    for language in tool.LANGUAGES:
        present = {tool._key(m) for m in _catalogue(language) if m.id}
        assert sorted(template - present) == [], f"{language}: run `python tools/i18n.py update`"


def test_norwegian_is_complete() -> None:
    missing = tool.untranslated(tool.catalogue_issues(read_catalogue(PATHS.pot), _catalogue("nb"), "nb"))
    assert missing == [], "untranslated nb msgids:\n" + "\n".join(missing)


def test_english_is_complete_and_equals_the_msgids() -> None:
    for _key, msgid, msgstr in _messages("en"):
        assert msgstr == (tuple(msgid) if isinstance(msgid, (list, tuple)) else msgid)


def test_no_fuzzy_and_identical_placeholders() -> None:
    issues = [
        i
        for language in tool.LANGUAGES
        for i in tool.catalogue_issues(read_catalogue(PATHS.pot), _catalogue(language), language)
        if i.kind in {"fuzzy", "placeholders"}
    ]
    assert [str(i) for i in issues] == []


def test_tool_check_passes_on_the_checkout() -> None:
    assert [str(i) for i in tool.check(PATHS)] == []


def test_legal_vocabulary_uses_the_notices_wording() -> None:
    """Where these msgids exist, their Norwegian is the wording of the notices and the domain guide."""
    nb = {key: msgstr for key, _id, msgstr in _messages("nb")}
    expected = {
        "Legitimate interest without a balancing test": "Berettiget interesse uten interesseavveining",
        "Processor without a data processing agreement": "Databehandler uten databehandleravtale",
        "Activity without a legal basis": "Behandling uten rettslig grunnlag",
        "Activity without categories of personal data": "Behandling uten kategorier av personopplysninger",
    }
    for msgid, wording in expected.items():
        assert nb[msgid] == wording
    wrong = {term: nb[term] for term, wording in GLOSSARY.items() if term in nb and nb[term] != wording}
    assert wrong == {}, "glossary terms translated differently from the notices' wording"


def test_translation_memory_is_consistent() -> None:
    """The memory feeds future msgids: its entries must already pass the same checks."""
    memory = read_catalogue(PATHS.memory, "nb")
    assert len(memory) > 100
    issues = [str(i) for i in tool.catalogue_issues(memory, memory, "memory")]
    assert issues == []
    wrong = {m.id: m.string for m in memory if m.id in GLOSSARY and m.string != GLOSSARY[m.id]}
    assert wrong == {}
