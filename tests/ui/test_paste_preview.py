"""The preview before a paste of several rows: what it shows, OK adds all in one undo step, Cancel nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ropa_desktop.interchange.json_format import export_json
from ropa_desktop.store import operations as ops
from ropa_desktop.ui import paste_preview_dialog as ppd
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow
from tests.ui.notice_tables import purpose_table_text

NOTICE = (
    "Formål\tBehandling\tKategorier av personopplysninger\tRettslig grunnlag\tLagringstid\n"
    "Lønn\t• Utbetale lønn\t• Navn\n• Kontonummer\tRettslig forpliktelse\t5 år\n"
    "Bedriftshelse\t• Følge opp sykefravær\t• navn\n• Helseopplysninger\n• Navn og adresse\tVi spør først\t\n"
    "Nyhetsbrev\t• Sende e-post\t• E-postadresse\tSamtykke\tTil du melder deg av\n"
)


class Answer:
    def __init__(self, button: QDialogButtonBox.StandardButton, untick: str = "") -> None:
        self.button = button
        self.untick = untick  # a new category whose suggested flag the owner turns down
        self.shown: list[ppd.PastePreviewDialog] = []

    def __call__(self, dialog: ppd.PastePreviewDialog) -> int:
        self.shown.append(dialog)
        for i in range(dialog.new_list.count()):
            line = dialog.new_list.item(i)
            if self.untick and line.text().startswith(f"★ {self.untick}"):
                line.setCheckState(Qt.CheckState.Unchecked)
        dialog.buttons.button(self.button).click()  # the dialog's own button, as the user presses it
        return dialog.result()


def _org_id(window: MainWindow) -> int:
    return window.editor.organisation_id


def test_preview_shows_rows_fields_bases_and_new_categories_and_cancel_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.create_register(tmp_path / "Bakeri æøå.ropa", "Bakeri AS")
    session = window.session
    assert session is not None
    session.perform(ops.Create("personal_data", {"organisation_id": _org_id(window), "name": "Navn"}), "add")
    before, steps = export_json(session.register), session.undo_stack.count()
    cancel = Answer(QDialogButtonBox.StandardButton.Cancel)
    monkeypatch.setattr(ppd.PastePreviewDialog, "exec", lambda dialog: cancel(dialog))

    assert window.editor.paste_rows(NOTICE) == 0
    assert export_json(session.register) == before and session.undo_stack.count() == steps

    (dialog,) = cancel.shown
    table = dialog.table
    assert table.rowCount() == 3  # the heading row is not an activity
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headings == ["Purpose", "Processing", "Categories of personal data", "Legal basis", "Retention"]
    assert table.item(0, 0).text() == "Lønn" and table.item(0, 3).text() == "Legal obligation"
    assert table.item(2, 3).text() == "Consent"
    unknown = table.item(1, 3)  # "Vi spør først" names no art. 6 basis: kept as a note, marked
    assert unknown.text() == "Vi spør først" and unknown.toolTip()
    assert unknown.background().color() != table.item(0, 3).background().color()
    assert table.item(1, 2).text() == "• Navn\n• Helseopplysninger ★\n• Navn og adresse ★"  # "navn" is the existing one
    new = [dialog.new_list.item(i).text() for i in range(dialog.new_list.count())]
    assert new == [
        "★ Kontonummer (new)",
        "★ Helseopplysninger (new)  — mark as: special category?",
        "★ Navn og adresse (new)  matches existing: Navn",
        "★ E-postadresse (new)",
    ]
    assert dialog.preview.unknown_count == 1
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "&Add 3 rows"


def test_ok_applies_every_row_in_one_undo_step_and_undo_removes_all(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.create_register(tmp_path / "p.ropa", "ProMeister Solutions AS")
    session = window.session
    assert session is not None
    empty, steps = export_json(session.register), session.undo_stack.count()
    ok = Answer(QDialogButtonBox.StandardButton.Ok, untick="Allergier")
    monkeypatch.setattr(ppd.PastePreviewDialog, "exec", lambda dialog: ok(dialog))

    assert window.editor.paste_rows(purpose_table_text()) == 10
    assert len(ok.shown) == 1 and ok.shown[0].table.rowCount() == 10
    # The names suggest the flags; ticked in the preview they are set, unticked they are not.
    categories = {c.name: c for c in session.snapshot().organisations[0].personal_data}
    fnr = next(c for name, c in categories.items() if name.startswith("Fødselsnummer"))
    allergies = next(c for name, c in categories.items() if name.startswith("Allergier"))
    assert fnr.national_id and not fnr.special
    assert not allergies.special
    assert not categories["Navn"].special and not categories["Navn"].national_id
    assert window.editor.purpose_model.rowCount() == 10
    assert session.undo_stack.count() == steps + 1
    window.menu_actions["undo"].trigger()
    assert window.editor.purpose_model.rowCount() == 0
    assert export_json(session.register) == empty  # activities and the categories the paste made


def test_one_row_pastes_without_a_preview(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.create_register(tmp_path / "p.ropa", "Verksted AS")
    ask = Answer(QDialogButtonBox.StandardButton.Cancel)
    monkeypatch.setattr(ppd.PastePreviewDialog, "exec", lambda dialog: ask(dialog))
    assert window.editor.paste_rows("Lønn\tUtbetale lønn\tNavn\tAvtale\t5 år\n") == 1
    assert ask.shown == [] and window.editor.purpose_model.index(0, pm.PURPOSE).data() == "Lønn"


def test_preview_of_a_catalogue_table_marks_values_it_could_not_read(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.create_register(tmp_path / "p.ropa", "Verksted AS")
    editor = window.editor
    table = next(t for t in editor.record_tables if t.objectName() == "categoriesTable")
    editor.tabs.setCurrentWidget(table)
    cancel = Answer(QDialogButtonBox.StandardButton.Cancel)
    monkeypatch.setattr(ppd.PastePreviewDialog, "exec", lambda dialog: cancel(dialog))
    assert editor.paste_rows("Navn\tFullt navn\tNo\nHelse\tSykemelding\tkanskje\n") == 0
    (dialog,) = cancel.shown
    assert dialog.table.item(0, 2).toolTip() == ""  # "No" read as a value
    assert dialog.table.item(1, 2).text() == "kanskje" and dialog.table.item(1, 2).toolTip()  # not read
