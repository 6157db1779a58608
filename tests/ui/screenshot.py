"""Take the README screenshot: the main window on the ProMeister sample register (run under Xvfb).

Xvfb :99 -screen 0 1600x1000x24 &
DISPLAY=:99 PYTHONPATH=. python tests/ui/screenshot.py docs/screenshots/main-window.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ropa_desktop.i18n import set_language
from ropa_desktop.interchange.json_format import import_json_file
from ropa_desktop.resources import samples_dir


def main(target: Path) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="ropa-shot-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    app = QApplication(sys.argv[:1])
    set_language("en")
    from ropa_desktop.ui import purpose_model as pm
    from ropa_desktop.ui.main_window import MainWindow

    path = tmp / "promeister.ropa"
    # The curated sample: the notice's own text lost some bullets, which the sample restores.
    import_json_file(samples_dir() / "promeister-solutions.json", path).close()
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    window.open_file(path)
    editor = window.editor
    editor.purpose_table.setCurrentIndex(editor.purpose_model.index(4, pm.LEGAL_BASIS))
    editor.wait_for_background()
    for _ in range(20):
        app.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(target))
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
