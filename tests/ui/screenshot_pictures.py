"""Show the Overview or the Data map tab of the ProMeister sample for a screenshot (run under Xvfb + openbox).

Xvfb :21 -screen 0 1366x768x24 & DISPLAY=:21 openbox &
DISPLAY=:21 PYTHONPATH=. python tests/ui/screenshot_pictures.py overview & sleep 5; DISPLAY=:21 import -window root shot.png
The window stays up for ``seconds`` (default 8) and then closes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from ropa_desktop.i18n import set_language
from ropa_desktop.interchange.json_format import import_json_file
from ropa_desktop.resources import samples_dir


def main(tab: str, seconds: float, language: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="ropa-shot-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    app = QApplication(sys.argv[:1])
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
