"""Dates, numbers and country names come from Babel in the chosen language; the UI switch works."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa_desktop import i18n
from ropa_desktop.cli import main
from ropa_desktop.i18n import translator


def test_dates_differ_between_norwegian_and_english() -> None:
    day = date(2024, 5, 27)
    assert translator("nb").format_date(day, "long") == "27. mai 2024"
    assert translator("en").format_date(day, "long") == "May 27, 2024"
    assert translator("nb").format_date(day, "short") == "27.05.2024"


def test_numbers_use_the_language_separators() -> None:
    # Norwegian groups with a (no-break) space and uses a decimal comma.
    assert translator("nb").format_number(12345.5).replace("\xa0", " ") == "12 345,5"
    assert translator("en").format_number(12345.5) == "12,345.5"


def test_country_names_in_both_languages() -> None:
    nb, en = translator("nb"), translator("en")
    assert nb.country_name("NO") == "Norge" and en.country_name("NO") == "Norway"
    assert nb.country_name("us") == "USA" and en.country_name("US") == "United States"
    assert nb.country_name("GB") == "Storbritannia"
    codes = dict(nb.countries())
    assert codes["SE"] == "Sverige" and len(codes) > 200
    names = [name for _code, name in nb.countries()]
    assert names == sorted(names, key=str.casefold)


def test_messages_follow_the_translator() -> None:
    message = "Processor without a data processing agreement"
    assert translator("nb").gettext(message) == "Databehandler uten databehandleravtale"
    assert translator("en").gettext(message) == message


def test_export_language_is_independent_of_the_ui_language() -> None:
    i18n.set_language("en")
    assert i18n._("Warning") == "Warning"
    assert translator("nb").gettext("Warning") == "Advarsel"
    i18n.set_language("nb")
    try:
        assert i18n._("Warning") == "Advarsel"
        assert translator("en").gettext("Warning") == "Warning"
    finally:
        i18n.set_language("en")


def test_command_speaks_norwegian(register_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--lang", "nb", "check", str(register_file)])
    out = capsys.readouterr().out
    assert "feil" in out and "merknader" in out
    i18n.set_language("en")


def test_pseudo_switch_wraps_every_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_PSEUDO", "1")
    translator.cache_clear()
    try:
        text = translator("nb").gettext("Page {page} of {pages}")
        assert text.startswith("[!! ") and text.endswith(" !!]") and "{page}" in text
    finally:
        monkeypatch.delenv("ROPA_PSEUDO")
        translator.cache_clear()
    assert translator("nb").gettext("Warning") == "Advarsel"


@pytest.fixture
def register_file(tmp_path: Path) -> Path:
    from ropa_desktop.store import operations as ops
    from ropa_desktop.store.register import RegisterFile

    path = tmp_path / "x.ropa"
    with RegisterFile.create(path) as reg:
        reg.apply(ops.Create("organisation", {"name": "Test AS", "orgnr": "917100462", "email": "post@test.no"}))
    return path
