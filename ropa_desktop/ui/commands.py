"""Undo commands over store operations (the orange-canvas pattern).

A command holds one operation and its inverse. ``redo`` applies the
operation, ``undo`` applies the inverse; each application returns the next
inverse, so records keep their ids across undo and redo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ropa_desktop.store import operations as ops

Applier = Callable[[ops.Operation], ops.Applied | None]
# Told after an undo (True) or redo (False) was applied: the operation that ran and the command's text.
Replayed = Callable[[bool, ops.Operation, str], None]


class OperationCommand(QUndoCommand):
    def __init__(
        self,
        apply: Applier,
        operation: ops.Operation,
        inverse: ops.Operation | None,
        text: str,
        replayed: Replayed | None = None,
    ) -> None:
        """``inverse`` given: the operation was already applied (push must not apply it again)."""
        super().__init__(text)
        self._apply = apply
        self._replayed = replayed
        self.operation = operation
        self.inverse = inverse
        self._skip_first_redo = inverse is not None

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        applied = self._apply(self.operation)
        if applied is None:
            self.setObsolete(True)
            return
        self.inverse = applied.inverse
        if self._replayed is not None:
            self._replayed(False, self.operation, self.text())

    def undo(self) -> None:
        if self.inverse is None:
            return
        applied = self._apply(self.inverse)
        if applied is None:
            self.setObsolete(True)
            return
        undone = self.inverse
        self.operation = applied.inverse
        if self._replayed is not None:
            self._replayed(True, undone, self.text())
