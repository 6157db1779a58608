"""Pasting a privacy notice's purpose table: rows with list cells become activities in one undo step."""

from __future__ import annotations

from pathlib import Path

from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow
from tests.seeds import seed_notice
from tests.ui.notice_tables import purpose_table_text


def test_paste_notice_rows_then_undo(window: MainWindow, tmp_path: Path) -> None:
    assert window.create_register(tmp_path / "p.ropa", "ProMeister Solutions AS")
    editor = window.editor
    assert editor.paste_rows(purpose_table_text(), preview=False) == 10
    model = editor.purpose_model
    assert model.rowCount() == 10
    assert model.index(0, pm.PURPOSE).data() == "Brukeradministrasjon og support"
    assert model.index(0, pm.PROCESSING).data(pm.VALUE_ROLE)[:2] == [
        "Gi deg rettighet til å logge inn i brukerkonto",
        "Kontrollere identitet",
    ]
    assert window.session is not None
    org = window.session.snapshot().organisations[0]
    names = [c.name for c in org.personal_data]
    assert names.count("Navn") == 1  # a category named in several rows is created once and shared
    navn = next(c.id for c in org.personal_data if c.name == "Navn")
    assert sum(1 for a in org.activities if navn in a.personal_data_ids) == 4  # the rows with bullet lists
    assert window.menu_actions["undo"].text() == "&Undo paste of 10 rows"
    window.menu_actions["undo"].trigger()
    assert model.rowCount() == 0
    assert window.session.snapshot().organisations[0].personal_data == []
    window.menu_actions["redo"].trigger()
    assert model.rowCount() == 10


def test_paste_matches_existing_categories_and_inserts_after_current(window: MainWindow, tmp_path: Path) -> None:
    assert window.create_register(tmp_path / "p.ropa", "Verksted AS")
    editor = window.editor
    editor.paste_rows(
        "Lønn\t• Utbetale lønn\t<ul><li>Navn</li><li>Kontonummer</li></ul>\tRettslig forpliktelse\t5 år\n"
    )
    editor.paste_rows("Rekruttering\tVurdere søkere\t• navn • CV\tSamtykke\t6 måneder\n")
    editor.purpose_table.setCurrentIndex(editor.purpose_model.index(0, 0))
    editor.paste_rows("Fakturering\t\tNavn\tAvtale\t\n")
    model = editor.purpose_model
    assert [model.index(r, 0).data() for r in range(3)] == ["Lønn", "Fakturering", "Rekruttering"]
    assert window.session is not None
    org = window.session.snapshot().organisations[0]
    assert [c.name for c in org.personal_data] == ["Navn", "Kontonummer", "CV"]
    assert model.index(1, pm.LEGAL_BASIS).data() == "Performance of a contract"


def test_copy_rows_as_tsv(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    editor = window.editor
    editor.purpose_table.selectRow(0)
    text = editor.copy_rows()
    first = text.split("\t")
    assert first[0] == "Brukeradministrasjon og support"
    assert first[1].startswith('"• Gi deg rettighet til å logge inn i brukerkonto\n• Kontrollere identitet')
    # What we copy pastes back as the same activity.
    before = editor.purpose_model.rowCount()
    assert editor.paste_rows(text) == 1
    assert editor.purpose_model.index(1, pm.PROCESSING).data() == editor.purpose_model.index(0, pm.PROCESSING).data()
    assert editor.purpose_model.rowCount() == before + 1


def test_paste_notice_sharing_table(window: MainWindow, tmp_path: Path) -> None:
    lines = seed_notice("promeister-solutions").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Kategori av personopplysningsansvarlig"))
    text = "\n".join(lines[start : start + 7])
    assert window.create_register(tmp_path / "s.ropa", "ProMeister Solutions AS")
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.record_tables[0])
    assert editor.paste_rows(text, preview=False) == 5
    sharing = editor.record_models[0]
    assert sharing.index(0, 0).data() == "Statens vegvesen"
    assert sharing.index(0, 3).data() == "• Navn\n• Adresse og kontakinformasjon\n• Fødselsnummer"
    assert sharing.index(3, 4).data() == "Legitimate interests"  # "Tredjeparts berettigete interesse ³"
    window.menu_actions["undo"].trigger()
    assert sharing.rowCount() == 0


def test_paste_html_clipboard_before_its_text(window: MainWindow, tmp_path: Path) -> None:
    """A browser puts the table as HTML and as flattened text; the HTML's cells and lists win."""
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QGuiApplication

    assert window.create_register(tmp_path / "h.ropa", "Bakeriet AS")
    mime = QMimeData()
    mime.setHtml(
        "<table><tr><th>Formål</th><th>Behandling</th><th>Kategorier</th><th>Rettslig grunnlag</th>"
        "<th>Lagringstid</th></tr><tr><td>Kundeklubb</td><td><ul><li>Sende tilbud</li><li>Registrere kjøp</li>"
        "</ul></td><td>Navn<br>E-post<br>Allergier</td><td>Samtykke</td><td>Til du melder deg ut</td></tr></table>"
    )
    mime.setText("Formål Behandling Kategorier\nKundeklubb Sende tilbud Registrere kjøp Navn E-post")
    QGuiApplication.clipboard().setMimeData(mime)
    editor = window.editor
    assert editor.paste_rows() == 1
    model = editor.purpose_model
    assert model.index(0, pm.PURPOSE).data() == "Kundeklubb"
    assert model.index(0, pm.PROCESSING).data(pm.VALUE_ROLE) == ["Sende tilbud", "Registrere kjøp"]
    assert window.session is not None
    org = window.session.snapshot().organisations[0]
    assert sorted(c.name for c in org.personal_data) == ["Allergier", "E-post", "Navn"]
    assert org.activities[0].activity.legal_basis == ["a"]
