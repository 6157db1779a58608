"""tools/i18n.py on a throw-away tree: extract, update (merge), check, compile, pseudo."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

import tools.i18n as tool
from ropa_desktop.pseudo import pseudo_translate
from tools.catalogues import compile_catalogues, read_catalogue


def _set_nb(
    paths: tool.Paths, translations: dict[str, str | tuple[str, ...]], fuzzy: frozenset[str] = frozenset()
) -> None:
    catalog = read_catalogue(paths.po("nb"), "nb")
    for message in catalog:
        key = tool._key(message)[0]
        if message.id and key in translations:
            message.string = translations[key]
            if key in fuzzy:
                message.flags.add("fuzzy")
    paths.po("nb").write_bytes(tool._serialise(catalog))


def _prepared(tree: Path) -> tool.Paths:
    paths = tool.Paths(tree)
    assert tool.main(["--root", str(tree), "extract"]) == 0
    assert tool.main(["--root", str(tree), "update"]) == 0
    return paths


def test_extract_finds_every_keyword_without_line_numbers(tree: Path) -> None:
    paths = _prepared(tree)
    pot = paths.pot.read_text(encoding="utf-8")
    for msgid in ('msgid "Purpose"', 'msgid "Page {page} of {pages}"', 'msgid_plural "{count} activities"'):
        assert msgid in pot
    assert "#: ropa_desktop/module.py\n" in pot  # the file, not the line: edits elsewhere do not churn the .pot
    assert "Generated-By" not in pot


def test_update_is_idempotent_and_english_copies_msgids(tree: Path) -> None:
    paths = _prepared(tree)
    before = {lang: paths.po(lang).read_bytes() for lang in tool.LANGUAGES}
    assert tool.main(["--root", str(tree), "extract"]) == 0
    assert tool.main(["--root", str(tree), "update"]) == 0
    assert {lang: paths.po(lang).read_bytes() for lang in tool.LANGUAGES} == before
    en = {tool._key(m)[0]: m.string for m in read_catalogue(paths.po("en"), "en") if m.id}
    assert en["Purpose"] == "Purpose"
    assert en["{count} activity"] == ("{count} activity", "{count} activities")


def test_update_keeps_translations_and_revives_removed_msgids(tree: Path) -> None:
    paths = _prepared(tree)
    _set_nb(paths, {"Purpose": "Formål"})
    module = tree / "ropa_desktop" / "module.py"
    source = module.read_text(encoding="utf-8")
    module.write_text(source.replace("N_('Purpose')", "N_('Title')"), encoding="utf-8")
    tool.main(["--root", str(tree), "extract"])
    tool.main(["--root", str(tree), "update"])
    nb = read_catalogue(paths.po("nb"), "nb")
    assert nb.get("Purpose") is None and "Purpose" in nb.obsolete  # kept, out of the way
    module.write_text(source, encoding="utf-8")  # a merge brings the msgid back
    tool.main(["--root", str(tree), "extract"])
    tool.main(["--root", str(tree), "update"])
    revived = read_catalogue(paths.po("nb"), "nb").get("Purpose")
    assert revived is not None and revived.string == "Formål"


def test_check_lists_each_kind_of_problem(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = _prepared(tree)
    assert tool.main(["--root", str(tree), "check"]) == 1
    assert set(tool.untranslated(tool.check(paths))) == {"Purpose", "Page {page} of {pages}", "{count} activity"}
    _set_nb(
        paths,
        {
            "Purpose": "Formål",
            "Page {page} of {pages}": "Side {side} av {pages}",
            "{count} activity": ("én behandling", ""),
        },
        fuzzy=frozenset({"Purpose"}),
    )
    found = {(i.kind, i.msgid) for i in tool.check(paths)}
    assert found == {
        ("fuzzy", "Purpose"),
        ("placeholders", "Page {page} of {pages}"),
        ("untranslated", "{count} activity"),  # the plural form is empty
    }
    _set_nb(
        paths,
        {
            "Page {page} of {pages}": "Side {page} av {pages}",
            "{count} activity": ("én behandling", "{count} behandlinger"),
        },
    )
    catalog = read_catalogue(paths.po("nb"), "nb")
    catalog["Purpose"].flags.discard("fuzzy")
    paths.po("nb").write_bytes(tool._serialise(catalog))
    capsys.readouterr()
    assert tool.main(["--root", str(tree), "check"]) == 0
    assert "catalogues complete" in capsys.readouterr().out
    # A new string in the source makes the .pot stale until extract runs.
    module = tree / "ropa_desktop" / "module.py"
    module.write_text(module.read_text(encoding="utf-8") + "X = N_('Retention')\n", encoding="utf-8")
    assert ("stale-pot", "Retention") in {(i.kind, i.msgid) for i in tool.check(paths)}


def test_compile_writes_mo_files_that_gettext_reads(tree: Path) -> None:
    paths = _prepared(tree)
    _set_nb(paths, {"Purpose": "Formål"})
    written = compile_catalogues(tree)
    assert paths.mo("nb") in written and paths.mo("en") in written
    with paths.mo("nb").open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Purpose") == "Formål"


def test_pseudo_catalogue_keeps_placeholders_and_grows(tree: Path) -> None:
    paths = _prepared(tree)
    out = tree / "pseudo"
    assert tool.main(["--root", str(tree), "pseudo", "-o", str(out)]) == 0
    with (out / "ropa.mo").open("rb") as fh:
        page = gettext.GNUTranslations(fh).gettext("Page {page} of {pages}")
    assert page.startswith("[!! ") and "{page}" in page and "{pages}" in page
    assert page.format(page=1, pages=2)
    assert paths.pot.is_file()


@pytest.mark.parametrize(
    "message",
    [
        "OK",
        "Purpose",
        "Side {page} av {pages}",
        "&File",
        "<b>Bold</b> {name!r}",
        "100 % done",
        "A long sentence. " * 30,
    ],
)
def test_pseudo_translation_is_longer_and_keeps_markup(message: str) -> None:
    pseudo = pseudo_translate(message)
    assert len(pseudo) >= 1.4 * len(message)
    assert tool.placeholders(pseudo) == tool.placeholders(message)
    for kept in ("<b>", "</b>", "&"):
        if kept in message:
            assert kept in pseudo
    assert pseudo != message


def test_update_fills_new_msgids_from_the_translation_memory(tree: Path) -> None:
    paths = tool.Paths(tree)
    memory = Catalog(locale="nb", fuzzy=False)
    memory.add("Purpose", "Formål")
    memory.add(("{count} activity", "{count} activities"), ("{count} behandling", "{count} behandlinger"))
    memory.add("Page {page} of {pages}", "")  # an empty memory entry is no translation
    paths.memory.parent.mkdir(parents=True)
    paths.memory.write_bytes(tool._serialise(memory))
    _prepared(tree)
    nb = read_catalogue(paths.po("nb"), "nb")
    assert nb["Purpose"].string == "Formål" and not nb["Purpose"].fuzzy
    assert nb["{count} activity"].string == ("{count} behandling", "{count} behandlinger")
    assert tool.untranslated(tool.check(paths)) == ["Page {page} of {pages}"]


def test_a_catalogue_with_conflict_markers_is_a_clear_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = _prepared(tree)
    po = paths.po("nb")
    po.write_text(po.read_text(encoding="utf-8") + "<<<<<<< HEAD\nmsgid broken\n", encoding="utf-8")
    before = po.read_bytes()
    assert tool.main(["--root", str(tree), "update"]) == 2
    assert str(po) in capsys.readouterr().err
    assert po.read_bytes() == before  # nothing overwritten
