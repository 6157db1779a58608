"""The automatic change log (Når / Hva): the audit trail summarised, one line per changed record.

Manual change-log entries (ChangeLogEntry) are what an organisation chooses to
publish; these automatic lines are the complete history an auditor can ask for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ropa_desktop.domain.fields import field_label
from ropa_desktop.i18n import N_, Translator, current
from ropa_desktop.store.entities import ENTITIES

_VERBS = {
    "create": N_("Added {entity} «{name}»"),
    "delete": N_("Removed {entity} «{name}»"),
    "restore": N_("Restored {entity} «{name}»"),
    "update": N_("Changed {fields} of {entity} «{name}»"),
    "link": N_("Changed {fields} of {entity} «{name}»"),
    "move": N_("Moved {entity} «{name}»"),
    "import": N_("Imported the register"),
}


@dataclass(frozen=True)
class HistoryLine:
    when: datetime
    what: str
    organisation_id: int | None
    who: str = ""  # the audit trail's actor (format version 3); empty in older history


def _image_name(entry: Mapping[str, Any]) -> str:
    """The name in a create or delete entry's record image, if any."""
    for side in ("old", "new"):
        try:
            image = json.loads(entry[side] or "null")
        except json.JSONDecodeError:
            continue
        if isinstance(image, dict):
            text = str(image.get("name") or image.get("purpose") or "").strip()
            if text:
                return text.splitlines()[0]
    return ""


def _last_known_names(audit: list[Mapping[str, Any]]) -> dict[tuple[str, int], str]:
    """Names of records that no longer exist, from the newest image the trail holds of each."""
    found: dict[tuple[str, int], str] = {}
    for entry in audit:
        key = (entry["entity"], entry["record_id"] or 0)
        if key not in found and entry["operation"] in ("create", "delete"):
            name = _image_name(entry)
            if name:
                found[key] = name
    return found


def summarise(
    audit: Iterable[Mapping[str, Any]],
    names: Mapping[tuple[str, int], str],
    translator: Translator | None = None,
    organisation_id: int | None = None,
) -> list[HistoryLine]:
    """Fold audit entries (newest first, as ``RegisterFile.audit_trail`` returns them) into lines.

    Entries of one operation share a timestamp and record; they become one line
    naming every field changed. ``names`` maps (entity, id) to a current name.
    """
    tr = translator or current()
    audit = list(audit)
    remembered = _last_known_names(audit)
    lines: list[HistoryLine] = []
    group: list[Mapping[str, Any]] = []

    def flush() -> None:
        if not group:
            return
        first = group[0]
        key = (first["entity"], first["record_id"] or 0)
        # Adding and removing name the record as it was then; edits name it as it is now.
        own = _image_name(first) if first["operation"] in ("create", "delete") else ""
        entity = ENTITIES.get(first["entity"])
        fields: list[str] = []
        for e in reversed(group):  # newest first: reverse to name fields in the order they were set
            label = field_label(first["entity"], e["field"], tr) if e["field"] else ""
            if label and label not in fields:
                fields.append(label)
        text = tr.gettext(_VERBS.get(first["operation"], _VERBS["update"])).format(
            entity=tr.gettext(entity.label) if entity else "",
            name=own or names.get(key) or remembered.get(key) or f"#{first['record_id']}",
            fields=", ".join(fields),
        )
        when = datetime.fromisoformat(first["at"])
        lines.append(HistoryLine(when, text, first.get("organisation_id"), str(first.get("actor") or "")))
        group.clear()

    for entry in audit:
        if organisation_id is not None and entry.get("organisation_id") not in (organisation_id, None):
            continue
        if group and (
            entry["at"] != group[0]["at"]
            or entry["entity"] != group[0]["entity"]
            or entry["record_id"] != group[0]["record_id"]
            or entry["operation"] != group[0]["operation"]
            or entry.get("actor") != group[0].get("actor")
        ):
            flush()
        group.append(entry)
    flush()
    return lines
