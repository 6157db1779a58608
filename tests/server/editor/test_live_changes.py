"""Other editors' changes appear in the open editor (LISTEN/NOTIFY), and a lost server connection is told.

Waits have generous limits (they are not speed measurements: tests/benchmarks/team_server.py measures
how soon a change appears).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPlainTextEdit

from ropa_desktop.i18n import _, set_language
from ropa_desktop.interchange.json_format import import_json_file
from ropa_desktop.store import operations as ops
from ropa_desktop.store import server
from ropa_desktop.store.server_changes import Changed
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui.main_window import MainWindow
from tests.postgres_cluster import Cluster

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
PATIENCE_MS = 15_000


def publish_sample(url: str, tmp_path: Path) -> None:
    sample = tmp_path / "Pro Meister æøå.ropa"
    import_json_file(SAMPLES / "promeister-solutions.json", sample).close()
    server.init_server(url)
    server.push(sample, url)


def set_purpose(url: str, activity_id: int, text: str) -> None:
    with server.ServerRegister.open(url) as other:
        other.apply(ops.Update("activity", activity_id, {"purpose": text}))


def test_another_editors_change_appears_and_the_selection_stays(
    qtbot: Any, window: MainWindow, pg_url: str, tmp_path: Path
) -> None:
    publish_sample(pg_url, tmp_path)
    window.set_register(server.ServerRegister.open(pg_url))
    assert window.session is not None
    model = window.editor.purpose_model
    window.editor.purpose_table.setCurrentIndex(model.index(2, pm.RETENTION))
    selected = window.editor.current_activity_id()
    first = model.activity_at(0)
    assert first is not None and selected is not None and first.id != selected
    listener = window.session._listener
    assert listener is not None and listener.wait_until_listening()

    set_purpose(pg_url, first.id, "Endret av en kollega")
    qtbot.waitUntil(lambda: model.index(0, pm.PURPOSE).data() == "Endret av en kollega", timeout=PATIENCE_MS)
    assert window.editor.current_activity_id() == selected  # refreshed in place, the user's row kept
    assert window.editor.purpose_table.currentIndex().column() == pm.RETENTION


def test_a_listener_hears_others_and_not_its_own_writes(pg_url: str, tmp_path: Path) -> None:
    publish_sample(pg_url, tmp_path)
    with server.ServerRegister.open(pg_url) as mine, server.ServerRegister.open(pg_url) as theirs:
        listener = mine.listen()
        try:
            assert listener.wait_until_listening()
            activity = mine.snapshot().organisations[0].activities[0].activity
            assert activity.id is not None
            mine.apply(ops.Update("activity", activity.id, {"purpose": "Mitt"}))
            theirs.apply(ops.Update("activity", activity.id, {"purpose": "Deres"}))
            heard: list[Any] = []
            for _attempt in range(100):
                heard += listener.events()
                if heard:
                    break
                listener._stop.wait(0.1)
            assert heard == [Changed(frozenset({"activity"}))]  # theirs only: mine is already on screen
        finally:
            listener.stop()


def test_a_lost_connection_shows_a_banner_refuses_edits_and_reconnects(
    qtbot: Any, window: MainWindow, own_cluster: Cluster, tmp_path: Path, dialogs: Any
) -> None:
    url = own_cluster.new_database()
    publish_sample(url, tmp_path)
    window.set_register(server.ServerRegister.open(url))
    session = window.session
    assert session is not None and session._listener is not None
    assert session._listener.wait_until_listening()
    model = window.editor.purpose_model
    banner = window.editor.connection_banner
    detail = window.editor.detail
    before = model.index(0, pm.PURPOSE).data()
    window.editor.purpose_table.setCurrentIndex(model.index(0, pm.PURPOSE))
    shown = window.editor.current_activity_id()
    assert detail.record is not None and detail.record.activity.id == shown
    notes = detail.widgets["notes"]
    assert isinstance(notes, QPlainTextEdit) and not notes.isReadOnly()
    assert not banner.isVisibleTo(window)

    set_language("nb")  # the banner speaks the user's language, not libpq's English
    try:
        own_cluster.kill()
        qtbot.waitUntil(lambda: banner.isVisibleTo(window), timeout=PATIENCE_MS)
        assert session.connection_lost
        assert banner.text() == _(
            "The connection to the register server is lost. Changes are not saved until it is back; reconnecting…"
        )
        assert banner.text().startswith("Forbindelsen til protokollserveren er brutt.")
        assert session.connection_lost not in banner.text()
        assert session.connection_lost in banner.toolTip()  # the technical reason, for the IT department

        # The detail pane keeps the activity the user was on, read-only, and says why.
        assert detail.record is not None and detail.record.activity.id == shown
        assert detail.reach_note.isVisibleTo(window) and notes.isReadOnly()
        assert detail.title.text() == before
        # Another row cannot be read now: the pane says so instead of "No activity selected".
        window.editor.purpose_table.setCurrentIndex(model.index(1, pm.PURPOSE))
        assert detail.record is None
        assert detail.title.text() == _(
            "The register server cannot be reached: the activity is shown when the connection is back."
        )
        window.editor.purpose_table.setCurrentIndex(model.index(0, pm.PURPOSE))

        assert not model.setData(model.index(0, pm.PURPOSE), "Skrevet uten forbindelse")
        assert [name for name, _text in dialogs.shown] == ["errorDialog"]
        assert session.connection_lost not in dialogs.shown[0][1]
        assert session.undo_stack.count() == 0  # nothing queued to be written later
    finally:
        set_language("en")

    own_cluster.start()
    qtbot.waitUntil(lambda: not banner.isVisibleTo(window), timeout=PATIENCE_MS * 2)
    assert not session.connection_lost
    qtbot.waitUntil(lambda: detail.record is not None, timeout=PATIENCE_MS)  # re-read once back
    assert detail.record is not None and detail.record.activity.id == shown
    assert not detail.reach_note.isVisibleTo(window) and not notes.isReadOnly()
    with server.ServerRegister.open(url) as reader:
        assert reader.snapshot().organisations[0].activities[0].activity.purpose == before  # nothing half-written
    assert model.setData(model.index(0, pm.PURPOSE), "Skrevet etter gjenoppkobling")
    with server.ServerRegister.open(url) as reader:
        assert reader.snapshot().organisations[0].activities[0].activity.purpose == "Skrevet etter gjenoppkobling"
