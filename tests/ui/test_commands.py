"""Undo commands on a bare QUndoStack, no widgets (the orange-canvas pattern)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui.commands import OperationCommand


def _push(stack: QUndoStack, register: RegisterFile, op: ops.Operation, text: str) -> OperationCommand:
    command = OperationCommand(register.apply, op, None, text)
    stack.push(command)  # push runs redo: the operation is applied here
    return command


def test_create_undo_redo_keeps_the_id(register: RegisterFile, qapp: object) -> None:
    stack = QUndoStack()
    command = _push(stack, register, ops.Create("activity", {"organisation_id": 1, "purpose": "Lønn"}), "add")
    assert isinstance(command.inverse, ops.Delete)
    activity_id = command.inverse.record_id
    assert [a.activity.purpose for a in register.snapshot().organisations[0].activities] == ["Lønn"]
    stack.undo()
    assert register.snapshot().organisations[0].activities == []
    stack.redo()
    (record,) = register.snapshot().organisations[0].activities
    assert record.activity.id == activity_id


def test_update_and_links_undo_in_order(register: RegisterFile, qapp: object) -> None:
    stack = QUndoStack()
    aid = register.apply(ops.Create("activity", {"organisation_id": 1, "purpose": "A"})).record_id
    cid = register.apply(ops.Create("personal_data", {"organisation_id": 1, "name": "Navn"})).record_id
    assert aid is not None and cid is not None
    _push(stack, register, ops.Update("activity", aid, {"purpose": "B"}), "edit of Purpose")
    _push(stack, register, ops.SetLinks("activity.personal_data", aid, (cid,)), "edit of Categories")
    assert stack.undoText() == "edit of Categories"
    stack.undo()
    assert register.links("activity.personal_data", aid) == ()
    stack.undo()
    assert register.snapshot().organisations[0].activities[0].activity.purpose == "A"
    stack.redo()
    stack.redo()
    org = register.snapshot().organisations[0]
    assert org.activities[0].activity.purpose == "B"
    assert org.activities[0].personal_data_ids == [cid]


def test_already_applied_command_is_not_applied_twice(register: RegisterFile, qapp: object) -> None:
    stack = QUndoStack()
    op = ops.Create("activity", {"organisation_id": 1, "purpose": "Once"})
    applied = register.apply(op)
    stack.push(OperationCommand(register.apply, op, applied.inverse, "add"))
    assert len(register.snapshot().organisations[0].activities) == 1
    stack.undo()
    assert register.snapshot().organisations[0].activities == []
