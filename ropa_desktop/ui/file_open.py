"""Files the desktop hands to the running app, and the app's icon.

On macOS, Finder does not put a double-clicked ``.ropa`` file on the command
line: it sends the application a ``QFileOpenEvent`` (at launch and while the
app runs). PyInstaller's argv emulation would turn only the first of those
into ``sys.argv`` and is off in our bundle, so the event is handled here. On
Windows and Linux the file arrives as an argument and this filter stays idle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent, QIcon

from ropa_desktop.resources import resources_dir

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


class FileOpenFilter(QObject):
    """Passes every local file of a ``QFileOpenEvent`` to ``open_file``."""

    def __init__(self, open_file: Callable[[Path], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_file = open_file

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file()
            if name:
                self._open_file(Path(name))
                return True
        return super().eventFilter(watched, event)


def install_file_open_filter(application: QObject, open_file: Callable[[Path], object]) -> FileOpenFilter:
    """Install the filter on the application; it lives as long as the application does."""
    handler = FileOpenFilter(open_file, application)
    application.installEventFilter(handler)
    return handler


def app_icon() -> QIcon:
    """The window and taskbar icon, every rendered size (see ``packaging/make_icons.py``)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resources_dir() / "icons" / f"ropa-desktop-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon
