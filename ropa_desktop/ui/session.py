"""An open register in the editor: the file, its undo stack, and change notification."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import RegisterReadOnly, RopaError
from ropa_desktop.i18n import _
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui.commands import OperationCommand


class RegisterSession(QObject):
    """Every edit goes through :meth:`perform`: applied (saved) at once, then pushed for undo."""

    changed = Signal(object)  # the operation that was applied (or undone)
    failed = Signal(str)  # a rendered RopaError
    saved = Signal()
    replayed = Signal(str, object)  # "Undid: edit of Purpose", the operation that undo/redo applied

    readonly_reason = ""  # why the register is read-only, for the banner ("" when it is not)

    def __init__(self, register: RegisterFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.undo_stack = QUndoStack(self)
        self._snapshot: RegisterSnapshot | None = None

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
            self.undo_stack.push(OperationCommand(self._apply, operation, applied.inverse, text, self._replayed))
        return applied

    def _replayed(self, undo: bool, operation: ops.Operation, text: str) -> None:
        message = _("Undid: {action}") if undo else _("Redid: {action}")
        self.replayed.emit(message.format(action=text), operation)

    def _apply(self, operation: ops.Operation) -> ops.Applied | None:
        if self.register.readonly:
            self.failed.emit(RegisterReadOnly().render())
            return None
        try:
            applied = self.register.apply(operation)
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
        self.undo_stack.clear()
        self.register.close()


def edit_text(field_label: str) -> str:
    """The undo text of an edit to one field: "edit of Purpose"."""
    return _("edit of {field}").format(field=_(field_label))
