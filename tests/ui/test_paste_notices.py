"""Paste that understands real notices (Qt-free): list markers, unquoted multi-line cells, and HTML
tables as a browser, Word and LibreOffice put them on the clipboard, made from the ProMeister notice's
own tables (the only one of the three seed notices with tables; the other two are prose)."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest

from ropa_desktop.interchange import tsv
from tests.ui.notice_tables import purpose_table_text, sharing_rows

MARKERS = ["•", "-", "–", "*", "·", "1.", "1)", "a)"]


@pytest.mark.parametrize("marker", MARKERS)
def test_list_markers_at_line_starts_become_lists(marker: str) -> None:
    def numbered(i: int) -> str:
        if marker[0].isdigit():
            return f"{i + 1}{marker[1:]}"
        if marker[0].isalpha():
            return f"{'abc'[i]}{marker[1:]}"
        return marker

    cell = "\n".join(f"{numbered(i)} {name}" for i, name in enumerate(["Navn", "E-post", "Fødselsnummer"]))
    rows = tsv.parse_rows(f'Kurs\t"{cell}"\tSamtykke\n')
    assert rows == [["Kurs", ["Navn", "E-post", "Fødselsnummer"], "Samtykke"]]
    # One item alone: no junk category "- Navn".
    assert tsv.parse_rows(f"Kurs\t{numbered(0)} Navn\n")[0][1] == ["Navn"]


def test_dashes_inside_words_are_not_markers() -> None:
    assert tsv.parse_rows("Kurs\tE-post og 1-2 dager\n")[0][1] == "E-post og 1-2 dager"
    assert tsv.parse_rows("Kurs\tI 5 år\n")[0][1] == "I 5 år"


def test_unquoted_multi_line_cells_stay_in_their_row() -> None:
    text = (
        "Formål\tBehandling\tKategorier\tRettslig grunnlag\tLagringstid\n"
        "Kurs\t- Fakturere\n- Gi oversikt\t- Navn\n- E-post\tAvtale\t5 år\n"
        "Markedsføring\tSende nyhetsbrev\tNavn\tSamtykke\tTil samtykket trekkes\n"
    )
    pasted = tsv.purpose_rows(tsv.parse_rows(text))
    assert [p.purpose for p in pasted] == ["Kurs", "Markedsføring"]
    assert pasted[0].operations == ["Fakturere", "Gi oversikt"]
    assert pasted[0].categories == ["Navn", "E-post"]
    assert pasted[0].legal_basis.letters == ["b"] and pasted[0].retention == "5 år"
    assert pasted[1].legal_basis.letters == ["a"]


# --------------------------------------------------------------------------- HTML from the notice


def _browser_cell(cell: tsv.Cell) -> str:
    if isinstance(cell, list):
        return '<ul style="list-style-type: none">' + "".join(f"<li>{html.escape(i)}</li>" for i in cell) + "</ul>"
    return html.escape(cell)


def _word_cell(cell: tsv.Cell) -> str:
    # Word: list items are paragraphs with a Symbol-font "·" and non-breaking spaces.
    if isinstance(cell, list):
        return "".join(
            "<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
            "<span style='font-family:Symbol'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;"
            f"</span></span><![endif]>{html.escape(i)}<o:p></o:p></p>"
            for i in cell
        )
    return f"<p class=MsoNormal>{html.escape(cell)}<o:p></o:p></p>"


def _libreoffice_cell(cell: tsv.Cell) -> str:
    # LibreOffice Calc: a multi-line cell is text with <br>, bullets as typed.
    if isinstance(cell, list):
        return "<br>".join(f"• {html.escape(i)}" for i in cell)
    return f"<font face='Liberation Sans'>{html.escape(cell)}</font>"


STYLES: dict[str, Callable[[tsv.Cell], str]] = {
    "browser": _browser_cell,
    "word": _word_cell,
    "libreoffice": _libreoffice_cell,
}


def _as_html(rows: list[list[tsv.Cell]], cell: Callable[[tsv.Cell], str]) -> str:
    body = "\n".join("<tr>" + "".join(f"<td>\n{cell(c)}\n</td>" for c in row) + "</tr>" for row in rows)
    return (
        "<html><head><style>td { border: 1px solid }</style></head><body>"
        f"<!--StartFragment--><table>\n<tbody>{body}</tbody></table><!--EndFragment--></body></html>"
    )


@pytest.mark.parametrize("style", list(STYLES))
def test_html_purpose_table_from_the_notice(style: str) -> None:
    from_text = tsv.parse_rows(purpose_table_text())
    expected = tsv.purpose_rows(from_text)
    table_rows = [r for r in from_text if len(r) > 1]  # the page footers are not table rows in HTML
    pasted = tsv.purpose_rows(tsv.parse_html(_as_html(table_rows, STYLES[style])))
    assert len(pasted) == len(expected) == 10
    for got, want in zip(pasted, expected, strict=True):
        assert got.purpose == want.purpose
        assert got.operations == want.operations
        assert got.categories == want.categories
        assert got.legal_basis == want.legal_basis
        assert got.retention == want.retention


@pytest.mark.parametrize("style", list(STYLES))
def test_html_sharing_table_from_the_notice(style: str) -> None:
    rows = sharing_rows()
    expected = tsv.sharing_rows(rows)
    pasted = tsv.sharing_rows(tsv.parse_html(_as_html(rows, STYLES[style])))
    assert [(p.name, p.purpose, p.categories, p.legal_basis) for p in pasted] == [
        (p.name, p.purpose, p.categories, p.legal_basis) for p in expected
    ]
    assert any("Fødselsnummer" in p.categories for p in pasted)


def test_html_without_a_table_is_empty_and_headers_with_colspan_keep_columns() -> None:
    assert tsv.parse_html("<p>Bare tekst</p><ul><li>a</li></ul>") == []
    rows = tsv.parse_html("<table><tr><td colspan=2>Kurs og support</td><td>Navn<br>E-post</td></tr></table>")
    assert rows == [["Kurs og support", "", ["Navn", "E-post"]]]
