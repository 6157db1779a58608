"""The editing area of the main window: the tables, the filter, the detail and findings panes.

It owns no file: it shows the organisation and register the sidebar selects
from a :class:`RegisterSession`, and turns user actions into store operations.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.checks.engine import Finding, Severity, run_checks
from ropa_desktop.checks.locations import location_of
from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_, _, ngettext
from ropa_desktop.interchange import editing, paste_preview, tsv
from ropa_desktop.interchange.paste_preview import PastePreview
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.edit_scope import activity_edits, catalogue_edit, touches_catalogue
from ropa_desktop.store.entities import ENTITIES
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui import record_model as rec
from ropa_desktop.ui.background import BackgroundRead, start_read
from ropa_desktop.ui.detail_pane import FIELD_NAMES, DetailPane
from ropa_desktop.ui.findings import FindingsPane
from ropa_desktop.ui.pictures import PicturesTabs
from ropa_desktop.ui.server_dialogs import ConnectionBanner
from ropa_desktop.ui.session import RegisterSession
from ropa_desktop.ui.tables import PurposeTable, RecordTable, RegisterTable
from ropa_desktop.ui.wheel_guard import guard_wheel

# (tab title msgid, object name, spec) for the catalogue tables after the purpose table.
RECORD_TABS: tuple[tuple[str, str, rec.TableSpec], ...] = (
    (N_("Sharing"), "sharingTable", rec.SHARING),
    (N_("Processors"), "processorsTable", rec.PROCESSORS),
    (N_("Transfers"), "transfersTable", rec.TRANSFERS),
    (N_("Security measures"), "securityTable", rec.SECURITY),
    (N_("Categories"), "categoriesTable", rec.PERSONAL_DATA),
    (N_("Data subjects"), "dataSubjectsTable", rec.DATA_SUBJECTS),
    (N_("Sources"), "sourcesTable", rec.SOURCES),
    (N_("Change log"), "changeLogTable", rec.CHANGE_LOG),
    (N_("Controllers served"), "clientsTable", rec.CLIENTS),
)
FINDINGS_DELAY_MS = 250
# Fields a catalogue table edits inside another column's editor (the legal-basis dialog holds the test).
EDITED_IN = {"balancing_test": "legal_basis", "legal_basis_note": "legal_basis"}


class Editor(QWidget):
    status = Signal(str)
    organisation_changed = Signal(str)  # name, for the window title
    organisation_selected = Signal(int, str)  # the editor moved to another register (a finding)
    findings_updated = Signal()
    findings_visibility_changed = Signal(bool)
    organisation_requested = Signal(int, str)  # the organisation dialog, focused on a field
    save_copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: RegisterSession | None = None
        # The organisation and catalogues the detail pane last read: kept while only activities change.
        self._detail_catalogues: object = None
        self.organisation_id = 0
        self.register_kind = "controller"
        self.filter = QLineEdit(self)
        self.filter.setObjectName("filterBox")
        self.filter.setPlaceholderText(_("Filter rows…"))
        self.filter.setAccessibleName(_("Filter rows"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.readonly_banner = QFrame(self)
        self.readonly_banner.setObjectName("readonlyBanner")
        self.readonly_banner.setStyleSheet(
            "#readonlyBanner { background: palette(highlight); } "
            "#readonlyBanner QLabel { color: palette(highlighted-text); padding: 4px; }"
        )
        self.readonly_text = QLabel(self.readonly_banner)
        self.readonly_text.setObjectName("readonlyText")
        self.readonly_text.setWordWrap(True)
        self.save_copy_button = QPushButton(_("Save a copy…"), self.readonly_banner)
        self.save_copy_button.setAccessibleName(_("Save a copy of the register to edit it"))
        self.save_copy_button.clicked.connect(self.save_copy_requested)
        banner_layout = QHBoxLayout(self.readonly_banner)
        banner_layout.setContentsMargins(4, 2, 4, 2)
        banner_layout.addWidget(self.readonly_text, 1)
        banner_layout.addWidget(self.save_copy_button)
        self.readonly_banner.hide()

        self.purpose_model = pm.PurposeTableModel()
        self.purpose_table = PurposeTable(self)
        self.purpose_table.setModel(self.purpose_model)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("registerTabs")
        self.tabs.setAccessibleName(_("Register tables"))
        self.tabs.addTab(self.purpose_table, _("Purposes"))
        self.record_models: list[rec.RecordTableModel] = []
        self.record_tables: list[RegisterTable] = []
        for title, name, spec in RECORD_TABS:
            model = rec.RecordTableModel(spec)
            table = RecordTable(spec, name, _(title), self)
            table.setModel(model)
            self.record_models.append(model)
            self.record_tables.append(table)
            self.tabs.addTab(table, _(title))
        self.pictures = PicturesTabs(self)
        self.tabs.currentChanged.connect(self._tab_changed)
        for any_table in self.tables():
            any_table.horizontalHeader().sectionClicked.connect(lambda col, t=any_table: self._sort(t, col))

        self.detail = DetailPane(self)
        guard_wheel(self.detail)  # scrolling the pane must not change a DPIA or a retention unit
        self.findings = FindingsPane(self)
        self.findings.activated.connect(self.show_finding)
        self.purpose_table.selectionModel().currentRowChanged.connect(self._current_activity_changed)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.readonly_banner)
        self.connection_banner = ConnectionBanner(self)  # a team register's lost server connection
        top_layout.addWidget(self.connection_banner)
        top_layout.addWidget(self.filter)
        top_layout.addWidget(self.tabs, 1)
        self.vertical = QSplitter(Qt.Orientation.Vertical, self)
        self.vertical.setObjectName("editorVerticalSplitter")
        self.vertical.addWidget(top)
        self.vertical.addWidget(self.findings)
        self.vertical.setStretchFactor(0, 4)
        self.vertical.setStretchFactor(1, 1)
        self.vertical.setCollapsible(0, False)
        self.vertical.setCollapsible(1, True)  # the findings pane folds away (View → Findings pane, F8)
        self.vertical.splitterMoved.connect(lambda *_a: self.findings_visibility_changed.emit(self.findings_visible()))
        self._findings_height = 200
        self.horizontal = QSplitter(Qt.Orientation.Horizontal, self)
        self.horizontal.setObjectName("editorHorizontalSplitter")
        self.horizontal.addWidget(self.vertical)
        self.horizontal.addWidget(self.detail)
        self.horizontal.setStretchFactor(0, 3)
        self.horizontal.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.horizontal)

        self._findings_generation = 0
        self._findings_worker: BackgroundRead | None = None
        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.setInterval(FINDINGS_DELAY_MS)
        self._findings_timer.timeout.connect(self.refresh_findings)

    def findings_visible(self) -> bool:
        return self.vertical.sizes()[1] > 0

    def set_findings_visible(self, visible: bool) -> None:
        sizes = self.vertical.sizes()
        total = sum(sizes)
        if visible == (sizes[1] > 0) or total <= 0:
            return
        if visible:
            height = min(self._findings_height, total // 2)
            self.vertical.setSizes([total - height, height])
        else:
            self._findings_height = sizes[1]
            self.vertical.setSizes([total, 0])
        self.findings_visibility_changed.emit(visible)

    # ------------------------------------------------------------------ session

    def tables(self) -> list[RegisterTable]:
        return [self.purpose_table, *self.record_tables]

    def set_session(self, session: RegisterSession | None) -> None:
        self.wait_for_background()
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
            self.session.replayed.disconnect(self.show_replayed)
            self.session.connection.disconnect(self.connection_banner.show_lost)
            self.session.connection.disconnect(self._connection_changed)
        self.connection_banner.show_lost("")
        self.session = session
        self._detail_catalogues = None
        self.readonly_banner.setVisible(session is not None and session.readonly)
        if session is not None and session.readonly:
            reason = session.readonly_reason or _("the register is open in another window or program.")
            self.readonly_text.setText(
                _("Opened read-only: {reason} Editing is off; save a copy to make changes.").format(reason=reason)
            )
        self.detail.set_session(session)
        if session is not None:
            self.pictures.opened()
            session.changed.connect(self._changed)
            session.replayed.connect(self.show_replayed)
            session.connection.connect(self.connection_banner.show_lost)
            session.connection.connect(self._connection_changed)
            self.findings.show_checking()
        else:
            self.purpose_model.load(None, 0)
            for model in self.record_models:
                model.load(None, 0)
            self.findings.set_findings([])

    def show_register(self, organisation_id: int, register_kind: str) -> None:
        self.organisation_id, self.register_kind = organisation_id, register_kind
        self.findings.set_organisation(organisation_id)
        self.purpose_model.load(self.session, organisation_id, register_kind)
        for model in self.record_models:
            model.load(self.session, organisation_id)
        self._apply_filter()
        self.pictures.stale()
        title = _("Purposes") if register_kind == "controller" else _("Processing for controllers")
        self.tabs.setTabText(0, title)
        if self.session is not None:
            orgs = rm.organisations(self.session.register)
            self.organisation_changed.emit(next((o.name for o in orgs if o.id == organisation_id), ""))
        if self.purpose_model.rowCount():
            self.purpose_table.selectRow(0)
        else:
            self._show_detail(None)
        # After the first paint: checks and the full row set for filtering are read in the background.
        self._findings_timer.start()
        QTimer.singleShot(0, self.purpose_model.preload)

    def _changed(self, operation: ops.Operation | None) -> None:
        # None: written outside the undo stack (a recorded approval); re-read everything.
        activity_ids = activity_edits(operation) if operation is not None else None
        one_record = catalogue_edit(operation) if operation is not None else None
        if activity_ids is None or operation is None or touches_catalogue(operation):
            self._detail_catalogues = None  # a catalogue or the organisation may have changed: read them again
        current = self.current_activity_id()
        # The edited activity is usually the one the detail pane shows: one read serves the pane and the row.
        try:
            detail = self._read_detail(current) if activity_ids and current in activity_ids else None
        except RopaError:  # out of reach since the edit: the rows and the pane say so below
            detail = None
        if activity_ids is not None:
            renumbered = False
            for activity_id in activity_ids:
                fresh = rm.activity_row_of(detail[1]) if detail is not None and activity_id == current else None
                renumbered |= self.purpose_model.refresh_activity(activity_id, fresh)
            if operation is not None and touches_catalogue(operation):
                for model in self.record_models:
                    model.reload()
            elif renumbered:  # the sharing table's marks follow the activities' numbering
                for model in self.record_models:
                    if model.spec.mark_footnotes:
                        model.reload()
        elif one_record is not None:
            # One cell of a catalogue: re-read that entity's tables only, and what shows it elsewhere.
            entity, fields = one_record
            for model in self.record_models:
                if model.spec.entity == entity:
                    model.reload()
            if entity == "personal_data":
                self.purpose_model.refresh_categories()
            if entity == "recipient" and fields & {"legal_basis", "balancing_test", "role"}:
                self.purpose_model.renumber_footnotes()
        else:
            self._reload_keeping_selection()
        shown = self.current_activity_id()
        self._show_detail(shown, detail if shown == current else None)
        self.pictures.stale()
        self._findings_timer.start()

    def _reload_keeping_selection(self) -> None:
        """Re-read every table (another editor's change, an approval), each keeping the row the user is on."""
        current = self.purpose_table.currentIndex()
        activity_id = self.current_activity_id()
        kept = [(table, table.currentIndex()) for table in self.record_tables]
        self.purpose_model.reload()
        for model in self.record_models:
            model.reload()
        # The same activity even when rows above it came or went; else the same place.
        row = self.purpose_model.row_of(activity_id) if activity_id is not None else None
        if row is None and current.isValid() and current.row() < self.purpose_model.rowCount():
            row = current.row()
        if row is not None:
            self.purpose_table.setCurrentIndex(self.purpose_model.index(row, max(current.column(), 0)))
        for table, index in kept:
            table_model = table.model()
            if index.isValid() and index.row() < table_model.rowCount():
                table.setCurrentIndex(table_model.index(index.row(), index.column()))

    def refresh_findings(self) -> None:
        """Run the checks in a background thread; a newer run supersedes an older one."""
        self._findings_timer.stop()
        self._findings_generation += 1
        if self.session is None:
            self.findings.set_findings([])
            return
        if self._findings_worker is not None:
            self._findings_timer.start()  # one run at a time; try again shortly
            return
        register = self.session.register
        self._findings_worker = start_read(
            lambda: _check(register), self._findings_generation, self._findings_ready, self._findings_worker_finished
        )

    def _findings_ready(
        self,
        generation: int,
        result: tuple[list[Finding], tuple[Counter[Severity], dict[int, Counter[Severity]]]],
    ) -> None:
        findings, counts = result
        if generation == self._findings_generation and self.session is not None:
            self.findings.set_findings(findings, *counts)
            self.findings_updated.emit()

    def _findings_worker_finished(self) -> None:
        if self._findings_worker is not None:
            self._findings_worker.deleteLater()
        self._findings_worker = None

    def wait_for_background(self) -> None:
        """Let background reads finish (closing the register, tests, benchmarks)."""
        if self._findings_timer.isActive() and self.session is not None:
            self.refresh_findings()
        if self._findings_worker is not None:
            self._findings_worker.wait()
        self.purpose_model.wait_for_preload()
        self.pictures.wait_for_background()

    # ------------------------------------------------------------------ selection and detail

    def current_category_id(self) -> int | None:
        """The personal-data category on the current row of the Categories tab, when that tab is shown."""
        table = self.current_table()
        model = table.model()
        if not isinstance(model, rec.RecordTableModel) or model.spec.entity != "personal_data":
            return None
        record = model.record_at(table.currentIndex().row())
        return int(record["id"]) if record is not None else None

    def current_table(self) -> RegisterTable:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, RegisterTable) else self.purpose_table  # the pictures are no table

    def current_activity_id(self) -> int | None:
        row = self.purpose_table.currentIndex().row()
        activity = self.purpose_model.activity_at(row)
        return activity.id if activity else None

    def _current_activity_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        activity = self.purpose_model.activity_at(current.row())
        self._show_detail(activity.id if activity else None)

    def _read_detail(self, activity_id: int | None) -> tuple[Any, Any] | None:
        """The detail pane's activity and catalogues (raises RopaError when a team register's server is out of reach)."""
        if self.session is None or activity_id is None:
            return None
        found = rm.activity_detail(self.session.register, self.organisation_id, activity_id, self._detail_catalogues)
        self._detail_catalogues = found[0] if found else None
        return found

    def _show_detail(self, activity_id: int | None, found: tuple[Any, Any] | None = None) -> None:
        """Show an activity in the detail pane (``found``: its detail, when the caller has just read it)."""
        if found is None:
            try:
                found = self._read_detail(activity_id)
            except RopaError:  # the server is out of reach (the banner says so): the pane says it too
                self.detail.show_out_of_reach(activity_id)
                return
        self.detail.out_of_reach = False
        org, record = found if found else (None, None)
        self.detail.show_activity(self.session, org, record)

    def _connection_changed(self, reason: str) -> None:
        """A team register's connection was lost ("" when back): the detail pane keeps its activity, read-only."""
        self.detail.set_reachable(not reason)

    def select_activity(self, activity_id: int, column: int = 0) -> bool:
        row = self.purpose_model.row_of(activity_id)
        if row is None and self.purpose_model.filter_text:
            self.filter.clear()
            row = self.purpose_model.row_of(activity_id)
        if row is None:
            return False
        self.tabs.setCurrentWidget(self.purpose_table)
        index = self.purpose_model.index(row, column)
        self.purpose_table.setCurrentIndex(index)
        self.purpose_table.scrollTo(index)
        return True

    def show_finding(self, finding: Finding) -> bool:
        """Take the user to the record and field a finding points at."""
        place = location_of(finding.rule_id, finding.entity, finding.field)
        record_id = finding.record_id if place.entity == finding.entity else None
        return self.go_to(finding.organisation_id, place.entity, record_id, place.field)

    def go_to(self, organisation_id: int, entity: str, record_id: int | None, field: str) -> bool:
        """Show ``field`` of a record: the organisation dialog, the purpose table and detail pane, or the
        catalogue table holding it (``record_id`` None: the table itself). False when there is no such place."""
        if entity == "organisation":
            self.organisation_requested.emit(organisation_id, field)
            return True
        if entity == "activity":
            if record_id is None:
                self._show_organisation(organisation_id, self.register_kind)
                self.tabs.setCurrentWidget(self.purpose_table)
                self.purpose_table.setFocus()
                return True
            kind = "controller"
            if self.session is not None:
                found = rm.activity_detail(self.session.register, organisation_id, record_id)
                if found is None:
                    return False
                kind = found[1].activity.register_kind
            self._show_organisation(organisation_id, kind)
            column = pm.FIELD_COLUMN.get(field, 0)
            if not self.select_activity(record_id, column):
                return False
            if field in FIELD_NAMES:
                self.detail.focus_field(field)
            else:
                self.purpose_table.setFocus()
            return True
        self._show_organisation(organisation_id, self.register_kind)
        for table, model in zip(self.record_tables, self.record_models, strict=True):
            if model.spec.entity != entity:
                continue
            fields = [c.field for c in model.spec.columns]
            field = field if field in fields else EDITED_IN.get(field, field)
            if record_id is None:
                if field and field not in fields:
                    continue
                self.tabs.setCurrentWidget(table)
                table.setFocus()
                return True
            row = model.row_of(record_id)
            if row is None and self.filter.text():
                self.filter.clear()
                row = model.row_of(record_id)
            if row is None or (field and field not in fields):
                continue
            self.tabs.setCurrentWidget(table)
            index = model.index(row, fields.index(field) if field else 0)
            table.setCurrentIndex(index)
            table.scrollTo(index)
            table.setFocus()
            return True
        return False

    def _show_organisation(self, organisation_id: int, kind: str) -> None:
        if (organisation_id, kind) != (self.organisation_id, self.register_kind):
            self.show_register(organisation_id, kind)
            self.organisation_selected.emit(organisation_id, kind)

    def show_replayed(self, message: str, operation: ops.Operation) -> None:
        """After undo or redo: say what was undone and show the change where it happened."""
        place = ops.target(operation)
        if self.session is not None and place is not None:
            if place.entity == "organisation":
                if place.record_id is not None:
                    self._show_organisation(place.record_id, "controller")
            else:
                organisation_id = (
                    rm.organisation_of(self.session.register, place.entity, place.record_id)
                    if place.record_id is not None
                    else None
                )
                self.go_to(organisation_id or self.organisation_id, place.entity, place.record_id, place.field)
        self.status.emit(message)  # after the move: changing tabs clears the status line

    # ------------------------------------------------------------------ filter and sort

    def _filter_changed(self, _text: str) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        text = self.filter.text()
        self.purpose_model.set_filter(text)
        for model in self.record_models:
            model.set_filter(text)

    def _tab_changed(self, _index: int) -> None:
        self.status.emit("")
        self.pictures.refresh_if_shown()

    def _sort(self, table: RegisterTable, column: int) -> None:
        model = table.model()
        assert isinstance(model, pm.PurposeTableModel | rec.RecordTableModel)
        header = table.horizontalHeader()
        # Third click returns to the user's own row order (the order of the exports).
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
                header.setSortIndicatorShown(False)
                model.sort(-1)
                return
            order = Qt.SortOrder.DescendingOrder
        else:
            order = Qt.SortOrder.AscendingOrder
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, order)
        model.sort(column, order)

    # ------------------------------------------------------------------ row operations

    def _selected_rows(self, table: RegisterTable) -> list[int]:
        rows = {i.row() for i in table.selectionModel().selectedRows()}
        if not rows and table.currentIndex().isValid():
            rows = {table.currentIndex().row()}
        return sorted(rows)

    def add_row(self) -> None:
        if self.session is None or self.session.readonly:
            return
        table = self.current_table()
        if table is self.purpose_table:
            current = self.purpose_model.activity_at(table.currentIndex().row())
            index = (
                self.purpose_model.position_of(current.id) + 1 if current and not self.purpose_model.sorted else None
            )
            op = editing.new_activity(self.organisation_id, self.register_kind, index=index)
            applied = self.session.perform(op, _("addition of {thing}").format(thing=_("processing activity")))
            if applied is not None and applied.record_id is not None:
                self.select_activity(applied.record_id, pm.PURPOSE)
                self.purpose_table.setFocus()
                self.purpose_table.start_editing(self.purpose_table.currentIndex())
            return
        model = table.model()
        assert isinstance(model, rec.RecordTableModel)
        values = {"organisation_id": self.organisation_id, **model.spec.defaults}
        kind = ENTITIES[model.spec.entity]
        applied = self.session.perform(
            ops.Create(model.spec.entity, values), _("addition of {thing}").format(thing=_(kind.label))
        )
        if applied is not None and applied.record_id is not None:
            row = model.row_of(applied.record_id)
            if row is not None:
                table.setFocus()
                table.setCurrentIndex(model.index(row, 0))
                table.start_editing(model.index(row, 0))

    def delete_rows(self) -> None:
        if self.session is None or self.session.readonly:
            return
        table = self.current_table()
        rows = self._selected_rows(table)
        if table is self.purpose_table:
            ids = [a.id for r in rows if (a := self.purpose_model.activity_at(r)) is not None]
            entity = "activity"
        else:
            model = table.model()
            assert isinstance(model, rec.RecordTableModel)
            ids = [rec_["id"] for r in rows if (rec_ := model.record_at(r)) is not None]
            entity = model.spec.entity
        if not ids:
            return
        text = ngettext("deletion of {count} row", "deletion of {count} rows", len(ids)).format(count=len(ids))
        op: ops.Operation = (
            ops.Delete(entity, ids[0]) if len(ids) == 1 else ops.Batch(tuple(ops.Delete(entity, i) for i in ids))
        )
        self.session.perform(op, text)

    def move_row(self, step: int) -> None:
        """Move the current row up or down in the user's order (the order of the exports)."""
        if self.session is None or self.session.readonly:
            return
        table = self.current_table()
        column = max(0, table.currentIndex().column())
        if table is self.purpose_table:
            activity = self.purpose_model.activity_at(table.currentIndex().row())
            if activity is None or self.purpose_model.sorted:
                self.status.emit(_("Turn sorting off to change the row order."))
                return
            target = self.purpose_model.position_of(activity.id) + step
            if target < 0 or target >= self.purpose_model.total_count:
                return
            self.session.perform(ops.Move("activity", activity.id, target), _("move of a row"))
            self.select_activity(activity.id, column)
            return
        model = table.model()
        assert isinstance(model, rec.RecordTableModel)
        record = model.record_at(table.currentIndex().row())
        if record is None or model.sorted:
            return
        # Swap with the row shown next to it: the table may show a subset (processors) or a grouping
        # (sharing by role), so the neighbour's place in the full order is the target.
        neighbour = model.record_at(table.currentIndex().row() + step)
        if neighbour is None:
            return
        target = model.position_of(neighbour["id"])
        self.session.perform(ops.Move(model.spec.entity, record["id"], target), _("move of a row"))
        row = model.row_of(record["id"])
        if row is not None:
            table.setCurrentIndex(model.index(row, column))

    # ------------------------------------------------------------------ clipboard

    def copy_rows(self) -> str:
        """The selected rows as TSV (lists as bullet lines inside one cell), also put on the clipboard."""
        table = self.current_table()
        model = table.model()
        out: list[list[tsv.Cell]] = []
        for row in self._selected_rows(table):
            cells: list[tsv.Cell] = []
            for column in range(model.columnCount()):
                index = model.index(row, column)
                text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                if isinstance(model, rec.RecordTableModel) and model.spec.columns[column].kind == "date":
                    text = str(index.data(Qt.ItemDataRole.EditRole) or "")  # ISO: every spreadsheet reads it
                lines = text.split("\n")
                if text.startswith("• "):
                    cells.append([line.removeprefix("• ") for line in lines])
                elif len(lines) > 1:
                    cells.append(lines)
                else:
                    cells.append(text)
            out.append(cells)
        count = len(out)
        if out and self.session is not None:
            # The balancing tests the copied marks point at, below the rows as a notice prints them,
            # so a paste elsewhere keeps them (and the marks).
            marks = {m for cells in out for c in self._legal_basis_cells(model, cells) for m in tsv.footnote_marks(c)}
            if marks:
                notes = rm.footnotes(self.session.register, self.organisation_id).items_for(marks)
                out += tsv.footnote_rows(notes)
        text = tsv.format_rows(out)
        if out:
            QGuiApplication.clipboard().setText(text)
            self.status.emit(ngettext("Copied {count} row", "Copied {count} rows", count).format(count=count))
        return text

    @staticmethod
    def _legal_basis_cells(model: QAbstractItemModel, cells: list[tsv.Cell]) -> list[tsv.Cell]:
        """The cells of a copied row that can carry a footnote mark."""
        if isinstance(model, rec.RecordTableModel):
            return [c for c, column in zip(cells, model.spec.columns, strict=False) if column.kind == "letters"]
        return cells[pm.LEGAL_BASIS : pm.LEGAL_BASIS + 1]

    def paste_rows(self, text: str | None = None, preview: bool = True) -> int:
        """Paste tab-separated rows as new records in one undoable step; the number added.

        Several rows are shown in a preview first (``preview``): Cancel there writes nothing.
        """
        if self.session is None or self.session.readonly:
            return 0
        rows: list[list[tsv.Cell]] = []
        if text is None:
            # A table copied from a browser, Word or LibreOffice: its HTML keeps the cells and lists
            # that the plain text loses; the text is the fallback.
            mime = QGuiApplication.clipboard().mimeData()
            if mime is not None and mime.hasHtml():
                rows = tsv.parse_html(mime.html())
            text = QGuiApplication.clipboard().text()
        table = self.current_table()
        rows, footnotes = tsv.split_footnotes(rows or tsv.parse_rows(text))
        register = self.session.register
        existing = [c.name for c in rm.categories(register, self.organisation_id).values()]
        organisation_id = self.organisation_id
        # The Batch is built from the preview's answer: new categories get the flags ticked there.
        make: Callable[[Mapping[str, Mapping[str, bool]]], ops.Batch]
        shown: PastePreview
        if table is self.purpose_table:
            pasted = tsv.purpose_rows(rows, footnotes)
            if not pasted:
                return 0
            current = self.purpose_model.activity_at(table.currentIndex().row())
            index = (
                self.purpose_model.position_of(current.id) + 1 if current and not self.purpose_model.sorted else None
            )
            kind = self.register_kind

            def make(flags: Mapping[str, Mapping[str, bool]]) -> ops.Batch:
                return editing.paste_activities(register, organisation_id, kind, pasted, index, flags)

            shown = paste_preview.activities(pasted, existing)
        else:
            model = table.model()
            assert isinstance(model, rec.RecordTableModel)
            width = len(model.spec.columns)
            if model.spec is rec.SHARING and not all(len(r) == width for r in rows):
                # A notice's sharing table (controller category, purpose, categories, legal basis).
                recipients = tsv.sharing_rows(rows, footnotes)
                if not recipients:
                    return 0

                def make(flags: Mapping[str, Mapping[str, bool]]) -> ops.Batch:
                    return editing.paste_recipients(register, organisation_id, recipients, new_flags=flags)

                shown = paste_preview.recipients(recipients, existing)
            else:
                # The table's own rows (its Copy, or a spreadsheet laid out like it): column by column.
                kept = [row for row in rows if any(tsv.as_text(c) for c in row)]
                read = [model.values_from_cells(row, footnotes) for row in kept]
                if not read:
                    return 0
                spec = model.spec

                def make(flags: Mapping[str, Mapping[str, bool]]) -> ops.Batch:
                    values, names = [v for v, _n in read], [n for _v, n in read]
                    return editing.paste_records(
                        register, organisation_id, spec.entity, values, spec.link, names, flags
                    )

                shown = self._records_preview(model, kept, read, existing)
        count = len(shown.rows)
        flags: Mapping[str, Mapping[str, bool]] = {}
        if preview and count > 1:
            chosen = self._confirm_paste(shown, table)
            if chosen is None:
                return 0
            flags = chosen
        label = ngettext("paste of {count} row", "paste of {count} rows", count).format(count=count)
        return count if self.session.perform(make(flags), label) is not None else 0

    @staticmethod
    def _records_preview(
        model: rec.RecordTableModel,
        rows: list[list[tsv.Cell]],
        read: list[tuple[dict[str, Any], list[str]]],
        existing: list[str],
    ) -> PastePreview:
        columns = model.spec.columns
        cells = [
            [
                (tsv.as_text(cell).strip(), values.get(column.field) not in (None, "", []) or not column.editable)
                for column, cell in zip(columns, row, strict=False)
            ]
            for row, (values, _names) in zip(rows, read, strict=True)
        ]
        link_column = next((i for i, c in enumerate(columns) if c.kind == "categories"), None)
        headings = [_(c.header) for c in columns]
        return paste_preview.records(headings, cells, [n for _v, n in read], link_column, existing)

    def _confirm_paste(self, shown: PastePreview, table: RegisterTable) -> dict[str, dict[str, bool]] | None:
        """The preview: None when cancelled, else the flags the new categories get."""
        from ropa_desktop.ui.paste_preview_dialog import PastePreviewDialog

        title = self.tabs.tabText(self.tabs.indexOf(table)).replace("&", "")
        dialog = PastePreviewDialog(shown, title, self)
        return dialog.new_flags() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def select_all_rows(self) -> None:
        table = self.current_table()
        table.selectionModel().select(QModelIndex(), QItemSelectionModel.SelectionFlag.Select)
        table.selectAll()


MAX_FINDINGS_SHOWN = 5000  # a pane of 280,000 findings helps nobody and costs ~1 KB each


def _release_memory() -> None:
    """Hand the check run's freed snapshot back to the OS (glibc keeps it otherwise)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (macOS, Windows): their allocators return memory on their own


def _check(register: RegisterFile) -> tuple[list[Finding], tuple[Counter[Severity], dict[int, Counter[Severity]]]]:
    """Run the checks (off the GUI thread): the findings shown, the counts by severity and the same
    per organisation."""
    findings = run_checks(register.snapshot())
    counts = Counter(f.severity for f in findings)
    by_organisation: dict[int, Counter[Severity]] = {}
    for f in findings:
        by_organisation.setdefault(f.organisation_id, Counter())[f.severity] += 1
    shown = findings[:MAX_FINDINGS_SHOWN]
    del findings
    gc.collect()
    _release_memory()
    return shown, (counts, by_organisation)
