"""Show the Overview or the Data map tab of the ProMeister sample for a screenshot (run under Xvfb + openbox).

Xvfb :21 -screen 0 1366x768x24 & DISPLAY=:21 openbox &
DISPLAY=:21 PYTHONPATH=. python tests/ui/screenshot_pictures.py overview & sleep 5; DISPLAY=:21 import -window root shot.png
The window stays up for ``seconds`` (default 8) and then closes. ROPA_DARK=1 gives the window a dark
palette (Fusion style); QT_SCALE_FACTOR=2 shows it at 200 %.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from ropa_desktop.i18n import set_language
from ropa_desktop.interchange.json_format import import_json_file
from ropa_desktop.resources import samples_dir


def _dark(app: QApplication) -> None:
    from PySide6.QtGui import QColor, QPalette

    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2d31"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1f22"),
        (QPalette.ColorRole.AlternateBase, "#2b2d31"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#3a3d42"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d7be0"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#3a3d42"),
        (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)


def main(tab: str, seconds: float, language: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="ropa-shot-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    app = QApplication(sys.argv[:1])
    if os.environ.get("ROPA_DARK"):
        _dark(app)
    set_language(language)
    from ropa_desktop.ui.main_window import MainWindow

    path = tmp / "promeister.ropa"
    import_json_file(samples_dir() / "promeister-solutions.json", path).close()
    window = MainWindow()
    window.show()
    window.showMaximized()
    window.open_file(path)
    editor = window.editor
    if tab == "map":
        editor.tabs.setCurrentWidget(editor.pictures.map)
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    window.close_register()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0] if args else "overview", float(args[1]) if len(args) > 1 else 8.0, args[2] if len(args) > 2 else "en")
