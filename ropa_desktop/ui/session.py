"""An open register in the editor: the file or server register, its undo stack, and change notification."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import EditConflict, RegisterReadOnly, RopaError
from ropa_desktop.i18n import _
from ropa_desktop.store import operations as ops
from ropa_desktop.store.conflicts import expecting_theirs
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui.after_paint import after_paint
from ropa_desktop.ui.commands import OperationCommand

# The server register's modules load SQLAlchemy: they are imported when a server register is
# opened, never for a register file (the editor's first paint: issue 16).
if TYPE_CHECKING:
    from ropa_desktop.store.server import ServerRegister
    from ropa_desktop.store.server_changes import ChangeListener


def is_server_register(register: object) -> bool:
    """Whether ``register`` is a :class:`ServerRegister` (which exists only once its module is loaded)."""
    server = sys.modules.get("ropa_desktop.store.server")
    return server is not None and isinstance(register, server.ServerRegister)


class RegisterSession(QObject):
    """Every edit goes through :meth:`perform`: applied (saved) at once, then pushed for undo."""

    changed = Signal(object)  # the operation that was applied (or undone)
    failed = Signal(str)  # a rendered RopaError
    saved = Signal()
    replayed = Signal(str, object)  # "Undid: edit of Purpose", the operation that undo/redo applied
    connection = Signal(str)  # a server register's connection: why it was lost, or "" when it is back

    #: How often the editor looks for other editors' changes (the listener waits in its own thread).
    POLL_MS = 200

    readonly_reason = ""  # why the register is read-only, for the banner ("" when it is not)

    def __init__(self, register: RegisterFile | ServerRegister, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # A ServerRegister has RegisterFile's interface (apply, read, snapshot, links, audit_trail, close),
        # so the editor's views take either under the file's type.
        self.register = cast(RegisterFile, register)
        self.undo_stack = QUndoStack(self)
        self._snapshot: RegisterSnapshot | None = None
        # Asked when someone else changed a field first: True keeps the user's value ("use mine"),
        # False keeps theirs. Without one (no window), theirs is kept: never overwritten unseen.
        self.resolve_conflict: Callable[[EditConflict], bool] | None = None
        self.connection_lost = ""  # why the server connection is lost ("" while it is fine)
        self._listener: ChangeListener | None = None
        self._store_opening: threading.Thread | None = None
        if is_server_register(register):
            self._listener = cast("ServerRegister", register).listen()
            self._poll_timer = QTimer(self)
            self._poll_timer.setInterval(self.POLL_MS)
            self._poll_timer.timeout.connect(self.poll_server)
            self._poll_timer.start()

    def open_store_after_paint(self, window: QWidget) -> None:
        """Once ``window`` has painted the register, load its write path (SQLAlchemy) in a background
        thread, so the first edit does not wait for it; an edit before then opens it itself."""
        if isinstance(self.register, RegisterFile) and not self.register.readonly:
            after_paint(window, self._open_store_in_background)

    def _open_store_in_background(self) -> None:
        if self._store_opening is None:
            register = self.register
            self._store_opening = threading.Thread(target=_open_store, args=(register,), name="ropa-store", daemon=True)
            self._store_opening.start()

    def poll_server(self) -> None:
        """Other editors' changes appear (re-read, keeping the selection); a lost connection is told at once."""
        if self._listener is None:
            return
        from ropa_desktop.store.server_changes import Changed, ConnectionBack, ConnectionLost

        refresh = False
        for event in self._listener.events():
            if isinstance(event, Changed):
                refresh = True
            elif isinstance(event, ConnectionLost):
                self.connection_lost = event.reason or "?"
                self.connection.emit(self.connection_lost)
            elif isinstance(event, ConnectionBack):
                self.connection_lost = ""
                self.connection.emit("")
        if refresh:
            self.external_change()

    @property
    def on_server(self) -> bool:
        return is_server_register(self.register)

    @property
    def title(self) -> str:
        """The window title's name: the file name, or the server address without password and options."""
        if self.on_server:
            return str(self.register.path).split("?", 1)[0]
        return self.register.path.name

    @property
    def document_path(self) -> Path:
        """Where files made from the register go by default: beside the file, or named after the server database."""
        if self.on_server:
            from ropa_desktop.store.server_address import ServerAddress

            database = ServerAddress.from_url(cast("ServerRegister", self.register).url).database
            return Path.home() / f"{database or 'register'}.ropa"
        return self.register.path

    @property
    def readonly(self) -> bool:
        return self.register.readonly

    def snapshot(self) -> RegisterSnapshot:
        if self._snapshot is None:
            self._snapshot = self.register.snapshot()
        return self._snapshot

    def perform(self, operation: ops.Operation, text: str) -> ops.Applied | None:
        """Apply ``operation`` now and make it undoable as ``text`` ("edit of Purpose")."""
        applied = self._apply(operation)
        if applied is not None:
            # applied.operation: after "use mine" in a conflict, the edit as it was finally made (redo repeats that)
            command = OperationCommand(self._apply, applied.operation, applied.inverse, text, self._replayed)
            self.undo_stack.push(command)
        return applied

    def _replayed(self, undo: bool, operation: ops.Operation, text: str) -> None:
        message = _("Undid: {action}") if undo else _("Redid: {action}")
        self.replayed.emit(message.format(action=text), operation)

    def _apply(self, operation: ops.Operation) -> ops.Applied | None:
        if self.register.readonly:
            self.failed.emit(RegisterReadOnly().render())
            return None
        if self.connection_lost:  # refused at once and said so: never queued, never half-written
            from ropa_desktop.store.server_changes import ConnectionLostError

            self.failed.emit(ConnectionLostError(reason=self.connection_lost).render())
            return None
        while True:
            try:
                applied = self.register.apply(operation)
                break
            except EditConflict as conflict:
                # Someone else changed the field first (a team register): the user chooses, nothing is overwritten unseen.
                if self.resolve_conflict is None or not self.resolve_conflict(conflict):
                    self.external_change()  # keep theirs: show the register as it now is
                    return None
                operation = expecting_theirs(operation, conflict)
            except RopaError as exc:
                self.failed.emit(exc.render())
                return None
        self._snapshot = None
        self.changed.emit(operation)
        self.saved.emit()
        return applied

    def external_change(self) -> None:
        """Something outside the undo stack wrote to the register (a recorded approval): re-read it."""
        self._snapshot = None
        self.changed.emit(None)

    def close(self) -> None:
        if self._store_opening is not None:
            self._store_opening.join()  # the engine it makes is disposed by the register's close
        if self._listener is not None:
            self._poll_timer.stop()
            self._listener.stop()
        self.undo_stack.clear()
        self.register.close()


def _open_store(register: RegisterFile) -> None:
    # A failure here is not lost: the first edit opens the store itself and reports what fails then.
    with contextlib.suppress(Exception):
        register.open_store()


def edit_text(field_label: str) -> str:
    """The undo text of an edit to one field: "edit of Purpose"."""
    return _("edit of {field}").format(field=_(field_label))
