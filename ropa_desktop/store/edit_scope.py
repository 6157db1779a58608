"""What an edit touched, from the operation alone (Qt-free): which activities changed in place, which one
catalogue record, whether records were added. The editor uses it to re-read only what changed."""

from __future__ import annotations

from ropa_desktop.store import operations as ops


def activity_edits(operation: ops.Operation) -> list[int] | None:
    """The activities an edit changed in place, or None when rows were added, removed or moved."""
    if isinstance(operation, ops.Update) and operation.entity == "activity":
        return [operation.record_id]
    if isinstance(operation, ops.SetLinks) and operation.link.startswith("activity."):
        return [operation.owner_id]
    if isinstance(operation, ops.Create) and operation.entity != "activity" and operation.entity != "organisation":
        return []
    if isinstance(operation, ops.Batch):
        ids: list[int] = []
        for sub in operation.operations:
            found = activity_edits(sub)
            if found is None:
                return None
            ids.extend(found)
        return ids
    return None


def catalogue_edit(operation: ops.Operation) -> tuple[str, set[str]] | None:
    """(entity, fields) when the operation updates one record outside the purpose table; else None."""
    if isinstance(operation, ops.Update) and operation.entity not in ("activity", "organisation"):
        return operation.entity, set(operation.changes)
    if isinstance(operation, ops.SetLinks) and operation.link.startswith("recipient."):
        return "recipient", {operation.link}
    return None


def touches_catalogue(operation: ops.Operation) -> bool:
    """Whether the operation adds a record (so a catalogue table must be read again)."""
    if isinstance(operation, ops.Batch):
        return any(touches_catalogue(o) for o in operation.operations)
    return isinstance(operation, ops.Create)
