"""Settling an edit conflict: two people changed the same field of a team register.

The store refuses an :class:`~ropa_desktop.store.operations.Update` whose
``expected`` value is no longer the stored one (:class:`EditConflict`). The
editor then shows the other person's value beside the user's; "use mine" is the
same edit again, now expecting the value the other person saved, so that a
third writer in between is caught in turn rather than overwritten.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ropa_desktop.errors import EditConflict
from ropa_desktop.store import operations as ops


def seen(values: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """The values the user saw of the fields in ``changes``: a record (mapping or model) before the edit."""
    if isinstance(values, dict):
        return {name: values.get(name) for name in changes}
    return {name: getattr(values, name) for name in changes}


def expecting_theirs(operation: ops.Operation, conflict: EditConflict) -> ops.Operation:
    """``operation`` expecting the value the other person saved in the conflicting field ("use mine")."""
    if isinstance(operation, ops.Batch):
        return ops.Batch(tuple(expecting_theirs(step, conflict) for step in operation.operations))
    if (
        isinstance(operation, ops.Update)
        and operation.entity == conflict.entity
        and operation.record_id == conflict.record_id
    ):
        return replace(operation, expected={**(operation.expected or {}), conflict.field: conflict.theirs})
    return operation
