"""The editor's two picture tabs, Overview and Data map, kept beside the register tables.

They are rebuilt from the session's snapshot only when shown after a change,
so editing a cell does not recompute a map nobody is looking at. The Overview,
shown first when a register opens, is counted in a background thread: for a
register of 10,000 activities the snapshot and the checks take seconds, and
the window must paint (and stay usable) at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import _, current
from ropa_desktop.safe_files import check_output, write_atomic
from ropa_desktop.ui.after_paint import after_paint
from ropa_desktop.ui.background import BackgroundRead, start_read
from ropa_desktop.ui.dashboard_view import DashboardView
from ropa_desktop.ui.dialogs import inform
from ropa_desktop.ui.map_view import MapView

if TYPE_CHECKING:
    from ropa_desktop.ui.editor import Editor


class PicturesTabs(QObject):
    def __init__(self, editor: Editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.dashboard = DashboardView(editor)
        self.dashboard.setObjectName("overviewDashboard")
        self.map = MapView(editor)
        self.map.setObjectName("dataMap")
        editor.tabs.addTab(self.dashboard, _("Overview"))
        editor.tabs.addTab(self.map, _("Data map"))
        self._stale = {"dashboard": True, "map": True}
        self._show_first = False
        self._dashboard_worker: BackgroundRead | None = None
        self._dashboard_generation = 0  # a newer build makes an older one's result stale
        self._after_first_paint = False  # a register just opened: its first count waits for the paint
        self._count_pending = False  # a count waits for the window's paint (started then, on what is open then)
        self.dashboard.record_requested.connect(self._go_to)
        self.map.activity_selected.connect(lambda activity_id: self._go_to("activity", activity_id))
        self.map.record_selected.connect(self._go_to)
        self.dashboard.save_requested.connect(lambda: self.save_picture("dashboard"))
        self.map.save_requested.connect(lambda: self.save_picture("map"))

    def opened(self) -> None:
        """A register was opened: its overview is the first thing shown."""
        self._show_first = True
        self._after_first_paint = True

    def stale(self) -> None:
        self._stale = {"dashboard": True, "map": True}
        if self._show_first and self.editor.session is not None:
            self._show_first = False
            # An empty register opens on its purposes, whose empty table says how to start: its overview
            # would say "None" everywhere, with the purposes tab scrolled out of sight.
            first = self.dashboard if self.editor.purpose_model.rowCount() else self.editor.purpose_table
            self.editor.tabs.setCurrentWidget(first)
        self.refresh_if_shown()

    def organisation(self) -> OrganisationRegister | None:
        session = self.editor.session
        if session is None:
            return None
        return session.snapshot().organisation(self.editor.organisation_id)

    def refresh_if_shown(self) -> None:
        shown = self.editor.tabs.currentWidget()
        if shown is self.dashboard and self._stale["dashboard"]:
            self._stale["dashboard"] = False
            self._build_dashboard()
        elif shown is self.map and self._stale["map"]:
            self._stale["map"] = False
            self.map.set_organisation(self.organisation())

    def _build_dashboard(self) -> None:
        session = self.editor.session
        self._dashboard_generation += 1
        if session is None:
            self.dashboard.set_dashboard(None)
            return
        if self._dashboard_worker is not None:
            self._stale["dashboard"] = True  # one build at a time: this one follows when the running one ends
            return
        self.dashboard.set_waiting()
        if self._count_pending:
            return  # the waiting count starts soon, on the register as it is then
        if self._after_first_paint:
            # The window paints the register (the overview saying it is counting) before the count
            # takes the interpreter: a 10,000-activity register is read and checked for seconds.
            self._after_first_paint, self._count_pending = False, True
            after_paint(self.editor, self._start_pending_count)
            return
        self._start_count()

    def _start_pending_count(self) -> None:
        if self._count_pending:  # not started meanwhile (wait_for_background)
            self._start_count()

    def _start_count(self) -> None:
        self._count_pending = False
        session = self.editor.session
        if session is None or self._dashboard_worker is not None:
            return
        register, organisation_id, tr = session.register, self.editor.organisation_id, current()

        def read() -> tuple[Any, dict[tuple[str, int], str]] | None:
            # The checks and the overview's figures load here, in the background (issue 16).
            from ropa_desktop.checks.engine import run_checks
            from ropa_desktop.overview.dashboard import build_dashboard

            snapshot = register.snapshot()
            org = snapshot.organisation(organisation_id)
            if org is None:
                return None
            return build_dashboard(org, run_checks(snapshot), tr), record_names(org)

        self._dashboard_worker = start_read(
            read, self._dashboard_generation, self._dashboard_ready, self._dashboard_finished
        )

    def _dashboard_ready(self, generation: int, result: tuple[Any, dict[tuple[str, int], str]] | None) -> None:
        if generation != self._dashboard_generation or self.editor.session is None:
            return
        board, names = result if result is not None else (None, None)
        self.dashboard.set_dashboard(board, names)

    def _dashboard_finished(self) -> None:
        if self._dashboard_worker is not None:
            self._dashboard_worker.deleteLater()
        self._dashboard_worker = None
        if self._stale["dashboard"]:
            self.refresh_if_shown()

    def wait_for_background(self, start_pending: bool = True) -> None:
        """Let the Overview's build finish (closing the register, tests, benchmarks); ``start_pending``:
        start it first if it is still waiting for the window's paint (a closing register's is dropped)."""
        if start_pending:
            self._start_pending_count()
        self._count_pending = False
        if self._dashboard_worker is not None:
            self._dashboard_worker.wait()

    def save_picture(self, kind: str, target: Path | None = None) -> Path | None:
        """Save the map or the overview as SVG or PNG. The file dialog asks before replacing a file;
        the register itself is refused, and the picture is written whole or not at all."""
        session = self.editor.session
        org = self.organisation()
        if session is None or org is None:
            return None
        title = _("Save the data map") if kind == "map" else _("Save the overview")
        asked = False  # whether the file dialog has asked about replacing this very name
        if target is None:
            register = session.document_path
            default = register.with_name(f"{register.stem}-{'map' if kind == 'map' else 'overview'}.svg")
            filters = {".svg": _("SVG picture (*.svg)"), ".png": _("PNG picture (*.png)")}
            chosen_name, chosen = QFileDialog.getSaveFileName(
                self.editor, title, str(default), ";;".join(filters.values())
            )
            if not chosen_name:
                return None
            target = Path(chosen_name)
            asked = target.suffix.lower() in filters
            if not asked:
                target = target.with_name(target.name + next((s for s, f in filters.items() if f == chosen), ".svg"))
        from ropa_desktop.overview import output  # the SVG and PNG writers: loaded when a picture is saved

        try:
            fmt = output.picture_format(target)
            check_output(target, force=asked, inputs=(session.document_path,))
            tr = current()
            data = (
                output.map_bytes(org, fmt, tr)
                if kind == "map"
                else output.dashboard_bytes(session.snapshot(), org, fmt, tr)
            )
            write_atomic(target, data)
        except RopaError as exc:
            inform(self.editor, title, exc.render(), warning=True)
            return None
        except OSError as exc:
            inform(self.editor, title, f"{exc.strerror or exc}: {target}", warning=True)
            return None
        status = getattr(self.editor.window(), "statusBar", None)
        if callable(status):
            status().showMessage(_("Wrote {path}").format(path=str(target)), 5000)
        return target

    def _go_to(self, entity: str, record_id: int) -> None:
        self.editor.go_to(self.editor.organisation_id, entity, record_id, "")


def record_names(org: OrganisationRegister) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    for a in org.activities:
        names[("activity", a.activity.id or 0)] = a.activity.purpose or _("(no purpose)")
    for r in org.recipients:
        names[("recipient", r.recipient.id or 0)] = r.recipient.name
    for c in org.personal_data:
        names[("personal_data", c.id or 0)] = c.name
    for t in org.transfers:
        names[("transfer", t.id or 0)] = current().country_name(t.country) if t.country else _("Transfer")
    return names
