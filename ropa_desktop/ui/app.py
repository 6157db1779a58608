"""``ropa-desktop [FILE]``: start the editor, optionally on a register or a JSON file."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from ropa_desktop import __version__
from ropa_desktop.i18n import _, set_language
from ropa_desktop.safe_files import remove_stale_temp_dirs
from ropa_desktop.ui.file_open import app_icon, install_file_open_filter

if TYPE_CHECKING:
    from ropa_desktop.ui.main_window import MainWindow


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ropa-desktop", description=_("Edit records of processing activities."))
    parser.add_argument(
        "file",
        nargs="?",
        help=_("a register (.ropa), a JSON interchange file (.json) or a register server's address (postgresql://…)"),
    )
    parser.add_argument("--version", action="version", version=__version__)
    return parser.parse_args(list(argv))


def make_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("ropa-desktop")
    QCoreApplication.setApplicationName("ropa-desktop")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication([sys.argv[0], *argv])
    app.setApplicationDisplayName("ropa-desktop")
    app.setDesktopFileName("ropa-desktop")  # Linux: the .desktop entry (and its icon) of our windows
    app.setWindowIcon(app_icon())
    return app


class _ExitOnFirstPaint(QObject):
    """Benchmarks: end the process once the opened register is painted (start-up measured whole).

    The register is painted when the tab shown on opening paints its content: the purpose table
    with rows, or the overview (``ROPA_EXIT_AFTER_FIRST_PAINT=1``: the overview's page, filled or
    still saying it is being computed; ``=overview``: the overview with its figures).
    """

    def __init__(self, window: MainWindow, filled_overview: bool) -> None:
        super().__init__(window)
        self.editor = window.editor
        self.filled_overview = filled_overview
        # The table's rows paint on its viewport; the overview's page is a child of the scroll area,
        # painted in the same pass as the area's frame (the exit waits for the pass to end).
        self.editor.purpose_table.viewport().installEventFilter(self)
        self.editor.pictures.dashboard.installEventFilter(self)

    def _painted(self, watched: QObject) -> bool:
        editor = self.editor
        if editor.session is None:
            return False
        dashboard = editor.pictures.dashboard
        if watched is dashboard and editor.tabs.currentWidget() is dashboard:
            return dashboard.board is not None or (not self.filled_overview and dashboard.waiting)
        model = editor.purpose_table.model()
        shown = editor.tabs.currentWidget() is editor.purpose_table
        return watched is editor.purpose_table.viewport() and shown and model is not None and model.rowCount() > 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._painted(watched):
            # After this paint returns; os._exit skips teardown, which is not start-up.
            QTimer.singleShot(0, lambda: (sys.stdout.flush(), os._exit(0)))
        return False


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = make_application([])
    from ropa_desktop.ui import settings

    language = os.environ.get("ROPA_LANG") or settings.language()
    set_language(language)
    from ropa_desktop.ui.qt_strings import install_qt_translations

    install_qt_translations(language)  # Qt's file dialog, standard buttons and print dialogs in Bokmål too
    from ropa_desktop.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    # What a killed export left in the temp folder (register text in openpyxl's sheet streams).
    QTimer.singleShot(0, remove_stale_temp_dirs)
    install_file_open_filter(app, window.open_file)  # macOS Finder: QFileOpenEvent, not argv
    exit_after = os.environ.get("ROPA_EXIT_AFTER_FIRST_PAINT", "")
    if args.file is not None and exit_after in ("1", "overview"):
        _ExitOnFirstPaint(window, filled_overview=exit_after == "overview")
    quit_after = os.environ.get("ROPA_QUIT_AFTER_MS", "")
    if quit_after.isdigit():
        # Smoke tests (CI) start the app offscreen and let it close itself cleanly, including a
        # dialog still waiting for an answer (where to put an imported file).
        QTimer.singleShot(int(quit_after), QApplication.closeAllWindows)
    if args.file is not None:
        # From inside the event loop: importing a file asks where the register goes.
        location: str = args.file
        if "://" in location:  # a server's address; the store's modules load only then (start-up time)
            from ropa_desktop.ui.server_dialogs import open_server_url

            QTimer.singleShot(0, lambda: open_server_url(window, location))
        else:
            QTimer.singleShot(0, lambda: window.open_file(Path(location)))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
