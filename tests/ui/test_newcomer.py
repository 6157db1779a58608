"""A first-time owner's path: New starts in Documents (or the last folder), the organisation's
details open on a new register and have a visible button and menu entry."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from ropa_desktop.ui import library_actions
from ropa_desktop.ui.main_window import MainWindow
from tests.ui.conftest import OrganisationDialogRecorder


def test_new_register_starts_in_documents_then_the_last_folder_and_opens_the_details(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    organisation_dialog: OrganisationDialogRecorder,
) -> None:
    documents = tmp_path / "Mine dokumenter"
    documents.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    monkeypatch.chdir(tmp_path)  # the working directory is never offered
    started: list[str] = []
    elsewhere = tmp_path / "Kunder æøå"
    elsewhere.mkdir()

    def save_as(parent: QWidget, title: str, start: str, filters: str) -> tuple[str, str]:
        started.append(start)
        return str(elsewhere / "Bakeri.ropa"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(library_actions, "choose_templates_for_new_register", lambda parent: [])
    organisation_dialog.fill = {"orgnr": "974760673"}
    window.new_register()
    assert Path(started[0]).parent == documents and started[0].endswith(".ropa")
    assert len(organisation_dialog.shown) == 1 and organisation_dialog.shown[0]["name"] == "Bakeri"
    # An empty register opens on its purposes, whose empty table says how to start; the overview would only
    # say "None" everywhere, with the purposes tab scrolled out of sight (seen in the newcomer walk).
    assert window.editor.tabs.currentWidget() is window.editor.purpose_table
    assert window.session is not None
    details = window.session.snapshot().organisations[0].organisation
    assert details.orgnr == "974760673"  # what the owner typed there is saved

    window.close_register()
    window.new_register()
    assert Path(started[1]).parent == elsewhere  # the folder used last


def test_details_button_and_menu_entry_open_the_organisation(
    window: MainWindow, promeister_path: Path, organisation_dialog: OrganisationDialogRecorder
) -> None:
    assert not window.sidebar.details_button.isEnabled()
    assert window.open_file(promeister_path)
    assert window.sidebar.details_button.isVisible() and window.sidebar.details_button.isEnabled()
    window.sidebar.details_button.click()
    window.menu_actions["organisation_details"].trigger()
    assert [shown["name"] for shown in organisation_dialog.shown] == ["ProMeister Solutions AS"] * 2
