"""Settings (QSettings): window geometry, splitters, column widths, recent files and servers, language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from ropa_desktop.i18n import LANGUAGES, current, system_language

if TYPE_CHECKING:
    from ropa_desktop.store.server_address import ServerAddress

MAX_RECENT = 8


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ropa-desktop", "ropa-desktop")


def recent_files() -> list[Path]:
    """Registers only: an import source is never reopened from here (that would import it again)."""
    value = app_settings().value("recent_files", [])
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(str(p)) for p in items if p and str(p).lower().endswith(".ropa")]


def imported_sources() -> dict[str, str]:
    """Import source → the register it became (see :mod:`ropa_desktop.interchange.opening`)."""
    raw = app_settings().value("imported_sources", "")
    try:
        found = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def set_imported_sources(memory: dict[str, str]) -> None:
    app_settings().setValue("imported_sources", json.dumps(memory, ensure_ascii=False))


def add_recent(path: Path) -> None:
    items = [str(path.resolve())] + [str(p) for p in recent_files() if str(p) != str(path.resolve())]
    app_settings().setValue("recent_files", items[:MAX_RECENT])


def register_folder() -> Path:
    """Where New and Open start: the folder of the register used last, else the user's Documents
    folder (never the working directory, which is the install folder when started from a menu)."""
    for recent in recent_files():
        if recent.parent.is_dir():
            return recent.parent
    from platformdirs import user_documents_dir  # loads when a file dialog opens, not at start-up

    documents = Path(user_documents_dir())
    # A fresh account may have no Documents folder; the home folder beats the working directory.
    return documents if documents.is_dir() else Path.home()


def language() -> str:
    value = app_settings().value("language", "")
    return value if isinstance(value, str) and value in LANGUAGES else system_language()


def set_language(value: str) -> None:
    app_settings().setValue("language", value)


def export_language() -> str:
    """The language of exported documents; chosen apart from the UI (an English copy for a foreign owner).

    Until one is chosen, the language the editor speaks now (ROPA_LANG, the setting or the system's)."""
    value = app_settings().value("export_language", "")
    return value if isinstance(value, str) and value in LANGUAGES else current().language


def set_export_language(value: str) -> None:
    app_settings().setValue("export_language", value)


def server_connections() -> list[ServerAddress]:
    """Remembered register servers, most recent first; never a password (that is in the keychain)."""
    from ropa_desktop.store.server_address import ServerAddress  # the store loads when a server is used

    raw = app_settings().value("server_connections", "")
    try:
        found = json.loads(raw) if isinstance(raw, str) and raw else []
    except ValueError:
        return []
    items = found if isinstance(found, list) else []
    addresses = (ServerAddress.from_settings(item) for item in items if isinstance(item, dict))
    return [a for a in addresses if a is not None]


def set_server_connections(addresses: list[ServerAddress]) -> None:
    app_settings().setValue("server_connections", json.dumps([a.to_settings() for a in addresses], ensure_ascii=False))
