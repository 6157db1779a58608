"""``ropa-desktop [FILE]``: start the editor, optionally on a register or a JSON file."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

from ropa_desktop import __version__
from ropa_desktop.i18n import _, set_language
from ropa_desktop.safe_files import remove_stale_temp_dirs
from ropa_desktop.ui.file_open import app_icon, install_file_open_filter


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
    """Benchmarks: end the process once the register's table has painted rows (start-up measured whole)."""

    def __init__(self, table: QAbstractItemView) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        model = self.table.model()
        if event.type() == QEvent.Type.Paint and model is not None and model.rowCount() > 0:
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
    if args.file is not None and os.environ.get("ROPA_EXIT_AFTER_FIRST_PAINT") == "1":
        viewport = window.editor.purpose_table.viewport()
        viewport.installEventFilter(_ExitOnFirstPaint(window.editor.purpose_table))
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
