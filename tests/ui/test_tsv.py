"""Pasted and copied rows (Qt-free)."""

from __future__ import annotations

from ropa_desktop.interchange import tsv
from tests.ui.notice_tables import purpose_table_text


def test_bullet_and_ul_cells_become_lists() -> None:
    rows = tsv.parse_rows(
        "Formål\tBehandling\n"
        'Kurs\t<ul style="list-style-type: none"> • Fakturere arbeidsgiver • Gi oversikt '
        "\t<ul><li>Navn</li><li>E-post</li></ul>\n"
    )
    assert rows[1][1] == ["Fakturere arbeidsgiver", "Gi oversikt"]
    assert rows[1][2] == ["Navn", "E-post"]


def test_notice_purpose_table_becomes_activities() -> None:
    pasted = tsv.purpose_rows(tsv.parse_rows(purpose_table_text()))
    purposes = [p.purpose for p in pasted]
    assert len(pasted) == 10
    assert purposes[0] == "Brukeradministrasjon og support"
    assert "Formål" not in purposes and "ProMeister" not in purposes  # headers and page footers skipped
    first = pasted[0]
    assert first.operations[1] == "Kontrollere identitet"
    assert first.categories == ["Innloggingsdetaljer", "Navn", "Kontaktinformasjon", "Kommunikasjon med deg"]
    assert first.legal_basis.letters == ["b"]
    # The row split over a page break ("Testresultat" on the next page) continues the row before it.
    assert pasted[3].categories[-1] == "Testresultat"
    assert pasted[4].legal_basis.letters == ["f"]  # "Berettiget interesse ¹"
    assert pasted[-1].legal_basis.letters == [] and pasted[-1].legal_basis.note.startswith("Se rettslig grunnlag")


def test_copy_format_round_trips_lists() -> None:
    rows: list[list[tsv.Cell]] = [["Kurs", ["a", "b"], "5 år"], ["Support", [], "Til slutt"]]
    assert tsv.parse_rows(tsv.format_rows(rows)) == [["Kurs", ["a", "b"], "5 år"], ["Support", "", "Til slutt"]]


def test_legal_basis_words_and_article_letters() -> None:
    assert tsv.parse_legal_basis("Samtykke").letters == ["a"]
    assert tsv.parse_legal_basis("art. 6(1)(c) og berettiget interesse ²").letters == ["c", "f"]
    assert tsv.parse_legal_basis("Se tabellen").note == "Se tabellen"


def test_footnotes_below_a_table_become_the_balancing_tests_their_marks_point_at() -> None:
    text = (
        "Formål\tBehandling\tKategorier\tRettslig grunnlag\tLagringstid\n"
        "Markedsføring\tSende nyhetsbrev\tE-post\tBerettiget interesse ¹\t2 år\n"
        "Kundeservice\tSvare på henvendelser\tNavn\tOppfylle avtale\t1 år\n"
        "¹ Vi har vurdert at interessen veier tyngre enn personvernulempen.\n"
    )
    rows, notes = tsv.split_footnotes(tsv.parse_rows(text))
    assert notes == {"¹": "Vi har vurdert at interessen veier tyngre enn personvernulempen."}
    pasted = tsv.purpose_rows(rows, notes)
    assert [p.purpose for p in pasted] == ["Markedsføring", "Kundeservice"]
    assert pasted[0].legal_basis.letters == ["f"]
    assert pasted[0].balancing_test == notes["¹"]
    assert pasted[1].balancing_test == ""


def test_unquoted_list_cells_rejoin_when_broken_rows_outnumber_whole_ones() -> None:
    # Three of five rows break (a list cell each): the heading's width, not the most common one, is the table's.
    text = (
        "Formål\tBehandling\tKategorier\tRettslig grunnlag\tLagringstid\n"
        "Lønn\t• Utbetale\t• Navn\n• Kontonummer\tRettslig forpliktelse\t5 år\n"
        "Helse\t• Følge opp\t• Navn\n• Helse\n• Adresse\tAvtale\t\n"
    )
    rows = tsv.parse_rows(text)
    assert [len(r) for r in rows] == [5, 5, 5]
    assert rows[2][2] == ["Navn", "Helse", "Adresse"] and rows[2][3] == "Avtale"
