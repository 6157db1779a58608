"""The main window: the register's life cycle (new, open, close, save a copy) and the layout.

Menus are built in :mod:`menus`; the editing area is :class:`Editor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ropa_desktop.errors import (
    ImportProblems,
    RegisterFolderReadOnly,
    RegisterInUse,
    RegisterNotWritable,
    RopaError,
)
from ropa_desktop.i18n import _, current
from ropa_desktop.interchange import opening
from ropa_desktop.interchange.templates import Template, add_templates
from ropa_desktop.safe_files import same_file
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import importing, menus
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.editor import Editor
from ropa_desktop.ui.record_model import DEFAULT_WIDTHS
from ropa_desktop.ui.server_dialogs import ask_conflict
from ropa_desktop.ui.session import RegisterSession
from ropa_desktop.ui.settings import add_recent, app_settings
from ropa_desktop.ui.sidebar import OrganisationSidebar
from ropa_desktop.ui.start_screen import StartScreen
from ropa_desktop.ui.tables import RecordTable

if TYPE_CHECKING:
    from ropa_desktop.store.server import ServerRegister  # loads SQLAlchemy: only with a server register

APP_TITLE = "ropa-desktop"


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, message, parent=parent)
    box.setObjectName("errorDialog")
    ok = box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.exec()


def ask_readonly(parent: QWidget | None, message: str, in_use: bool = True) -> bool:
    title = _("Register in use") if in_use else _("Register cannot be changed")
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    box.setObjectName("inUseDialog")
    readonly = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(readonly)
    box.exec()
    return box.clickedButton() is readonly


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.session: RegisterSession | None = None
        self.organisation_name = ""
        self.start = StartScreen(self)
        self.sidebar = OrganisationSidebar(self)
        self.editor = Editor(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([180, 1420])
        self.editor.horizontal.setSizes([1110, 310])
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        self.start.new_requested.connect(self.new_register)
        self.start.open_requested.connect(self.open_dialog)
        self.start.path_chosen.connect(self.open_file)
        self.sidebar.selected.connect(self.editor.show_register)
        self.editor.organisation_selected.connect(self.sidebar.select)
        self.editor.organisation_changed.connect(self._organisation_changed)
        self.editor.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.editor.organisation_requested.connect(self.sidebar.edit_organisation)
        self.editor.save_copy_requested.connect(self.save_copy)
        self.menu_actions = menus.build(self)
        menus.install_context_menus(self)
        self._restore_settings()
        self._update_state()

    # ------------------------------------------------------------------ opening and closing

    def open_dialog(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            _("Open register"),
            str(st.register_folder()),
            ";;".join((_("Registers (*.ropa)"), _("Files to import (*.json *.xlsx)"))),
        )
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path, readonly: bool = False) -> bool:
        """Open a register, or import a JSON or Excel file into a new one; errors are shown, files untouched."""
        path = Path(path)
        if opening.is_import_source(path):
            return self.import_source(path)
        if self._focus_if_open(path):
            return True
        try:
            register = RegisterFile.open(path, readonly=readonly)
        except (RegisterInUse, RegisterNotWritable) as exc:
            if not readonly and ask_readonly(self, exc.render(), isinstance(exc, RegisterInUse)):
                return self._open_readonly(path, exc)
            return False
        except RopaError as exc:
            show_error(self, _("Cannot open the register"), exc.render())
            return False
        self.set_register(register)
        add_recent(path)
        return True

    def open_from_server(self) -> None:
        from ropa_desktop.ui.server_dialogs import open_from_server

        open_from_server(self)

    def _open_readonly(self, path: Path, cause: RopaError) -> bool:
        try:
            register = RegisterFile.open(path, readonly=True)
        except RopaError as exc:
            show_error(self, _("Cannot open the register"), exc.render())
            return False
        self.set_register(register, _readonly_reason(path, cause))
        add_recent(path)
        return True

    def _focus_if_open(self, path: Path) -> bool:
        """A register already open in one of this program's windows: bring that window forward."""
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, MainWindow)
                and widget.session is not None
                and same_file(widget.session.register.path, path)
            ):
                widget.show()
                widget.raise_()
                widget.activateWindow()
                widget.statusBar().showMessage(_("{name} is already open.").format(name=path.name), 5000)
                return True
        return False

    def import_source(self, source: Path) -> bool:
        """Import a JSON or Excel file into a new register the user places (never silently over one)."""
        memory = st.imported_sources()
        before = opening.remembered_register(memory, source)
        if before is not None:
            answer = importing.ask_reopen(self, source, before)
            if answer == "open":
                return self.open_file(before)
            if answer != "import":
                return False
        destination = importing.choose_destination(
            self, source, opening.default_destination(source, st.register_folder())
        )
        if destination is None:
            return False
        if self.session is not None and same_file(self.session.register.path, destination):
            self.close_register()  # replacing the open register (the file dialog asked first)
        try:
            register = opening.import_source(source, destination, overwrite=destination.exists())
        except ImportProblems as exc:
            importing.ImportProblemsDialog(source, exc, self).exec()
            return False
        except RopaError as exc:
            show_error(self, _("Cannot import"), exc.render())
            return False
        st.set_imported_sources(opening.remember(memory, source, destination))
        self.set_register(register)
        add_recent(destination)
        self.statusBar().showMessage(
            _("Imported {source} into {register}").format(source=source.name, register=str(destination)), 8000
        )
        return True

    def new_register(self) -> None:
        suggested = st.register_folder() / _("Records of processing.ropa")
        target, _chosen = QFileDialog.getSaveFileName(self, _("New register"), str(suggested), _("Registers (*.ropa)"))
        if target:
            from ropa_desktop.ui.library_actions import choose_templates_for_new_register

            templates = choose_templates_for_new_register(self)  # issue 19: start from a chosen set
            if templates is not None and self.create_register(Path(target).with_suffix(".ropa"), templates=templates):
                # A new owner's first question is "where do my company's details go?": show them at once.
                self.sidebar.edit_current()

    def create_register(self, path: Path, organisation: str | None = None, templates: Sequence[Template] = ()) -> bool:
        try:
            register = RegisterFile.create(path, overwrite=path.exists())
            org = register.apply(ops.Create("organisation", {"name": organisation or path.stem})).record_id
            if templates and org is not None:
                register.apply(add_templates(register, org, templates, current().language))
        except RopaError as exc:
            show_error(self, _("Cannot create the register"), exc.render())
            return False
        self.set_register(register)
        add_recent(path)
        return True

    def set_register(self, register: RegisterFile | ServerRegister, readonly_reason: str = "") -> None:
        self.close_register()
        session = RegisterSession(register, self)
        session.readonly_reason = readonly_reason
        session.resolve_conflict = lambda conflict: ask_conflict(self, conflict)  # a team register: never silently
        self.session = session
        session.failed.connect(lambda message: show_error(self, _("The change was not saved"), message))
        session.saved.connect(lambda: self.statusBar().showMessage(_("Saved"), 3000))
        session.changed.connect(lambda _op: self.sidebar.refresh() if _organisation_changing(_op) else None)
        menus.attach_undo(self, session)
        self.editor.set_session(session)
        self.sidebar.set_session(session)
        session.open_store_after_paint(self)  # SQLAlchemy after the first paint, never before (issue 16)
        self.stack.setCurrentWidget(self.splitter)
        self.fit_sidebar()
        if register.readonly:
            self.statusBar().showMessage(_("Opened read-only: editing is off."), 8000)
        self._update_state()

    def fit_sidebar(self) -> None:
        """The sidebar as narrow as one organisation's name, out of the way on a narrow window (sidebar.py)."""
        self.sidebar.fit()

    def close_register(self) -> None:
        if self.session is None:
            return
        self._save_settings()
        session, self.session = self.session, None
        self.editor.set_session(None)
        self.sidebar.set_session(None)
        menus.attach_undo(self, None)
        session.close()
        session.deleteLater()
        self.organisation_name = ""
        self.start.refresh()
        self.stack.setCurrentWidget(self.start)
        self._update_state()

    def save_copy(self) -> None:
        """A copy of the register; from a read-only register, the copy is opened for editing."""
        if self.session is None:
            return
        current = self.session.document_path
        default = opening.default_destination(current.with_name(_("{name} copy").format(name=current.stem) + ".ropa"))
        target, _chosen = QFileDialog.getSaveFileName(self, _("Save a copy"), str(default), _("Registers (*.ropa)"))
        if target:
            self.save_copy_to(Path(target).with_suffix(".ropa"))

    def save_copy_to(self, target: Path) -> bool:
        assert self.session is not None
        try:
            self.session.register.save_copy(target)
        except (RopaError, OSError) as exc:
            message = exc.render() if isinstance(exc, RopaError) else f"{exc.strerror or exc}: {target}"
            show_error(self, _("Cannot save a copy"), message)
            return False
        if self.session.readonly:
            return self.open_file(target)
        self.statusBar().showMessage(_("Copy saved to {path}").format(path=str(target)), 5000)
        return True

    # ------------------------------------------------------------------ window state

    def _organisation_changed(self, name: str) -> None:
        self.organisation_name = name
        self._update_state()

    def _update_state(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_TITLE)
        else:
            parts = [self.session.title]
            if self.organisation_name:
                parts.append(self.organisation_name)
            if self.session.readonly:
                parts.append(_("read-only"))
            self.setWindowTitle(" — ".join([*parts, APP_TITLE]))
        menus.update_enabled(self)

    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            # First start: a generous window that still fits the screen it opens on.
            available = self.screen().availableGeometry()
            self.resize(min(1600, int(available.width() * 0.92)), min(1000, int(available.height() * 0.92)))
        for splitter in (self.splitter, self.editor.horizontal, self.editor.vertical):
            state = settings.value(f"splitter/{splitter.objectName()}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        for table in self.editor.tables():
            state = settings.value(f"columns/{table.objectName()}")
            if table is self.editor.purpose_table:
                shares = settings.value("columns/purposeShares")
                if isinstance(shares, list) and all(isinstance(s, str | float | int) for s in shares):
                    self.editor.purpose_table.sharing_header.restore_widths([int(float(s) * 1000) for s in shares])
                self.editor.purpose_table.fit_columns()
            elif isinstance(state, QByteArray):
                table.horizontalHeader().restoreState(state)
            elif isinstance(table, RecordTable):
                for column, spec in enumerate(table.spec.columns):
                    table.setColumnWidth(column, DEFAULT_WIDTHS.get(spec.kind, 200))

    def _save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.splitter, self.editor.horizontal, self.editor.vertical):
            settings.setValue(f"splitter/{splitter.objectName()}", splitter.saveState())
        for table in self.editor.record_tables:
            settings.setValue(f"columns/{table.objectName()}", table.horizontalHeader().saveState())
        settings.setValue("columns/purposeShares", [str(s) for s in self.editor.purpose_table.sharing_header.shares])
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._save_settings()
        self.close_register()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(
            url.toLocalFile().lower().endswith((".ropa", *opening.IMPORT_SUFFIXES)) for url in event.mimeData().urls()
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        for url in event.mimeData().urls():
            local = url.toLocalFile()
            if local.lower().endswith((".ropa", *opening.IMPORT_SUFFIXES)):
                event.acceptProposedAction()
                self.open_file(Path(local))
                return


def _organisation_changing(operation: ops.Operation) -> bool:
    if isinstance(operation, ops.Batch):
        return any(_organisation_changing(o) for o in operation.operations)
    if isinstance(operation, ops.Restore):
        return any(name == "organisation" for name, _rows in operation.rows)
    return getattr(operation, "entity", "") == "organisation"


def _readonly_reason(path: Path, cause: RopaError) -> str:
    """The banner's "why": the diagnosis of the real cause, in a sentence."""
    if isinstance(cause, RegisterInUse):
        return _("{name} is open in another window or program.").format(name=path.name)
    if isinstance(cause, RegisterFolderReadOnly):
        return _("the folder {folder} cannot be written to (permissions or a read-only disk).").format(
            folder=str(path.parent)
        )
    return _("you do not have permission to change {name}.").format(name=path.name)
