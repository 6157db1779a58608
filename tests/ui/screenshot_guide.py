"""Screenshots of the help where the question arises (run under Xvfb + openbox; the whole screen is taken).

Xvfb :33 -screen 0 1366x768x24 & openbox &
DISPLAY=:33 PYTHONPATH=. python tests/ui/screenshot_guide.py empty nb docs/screenshots/guide-empty-1366x768-nb.png
DISPLAY=:33 QT_SCALE_FACTOR=1.5 PYTHONPATH=. python tests/ui/screenshot_guide.py guide en shot.png   (1920×1080)
DISPLAY=:33 QT_SCALE_FACTOR=2 PYTHONPATH=. python tests/ui/screenshot_guide.py preview nb shot.png  (2732×1536)

Scenes: ``empty`` (a new register: the start hint and a column's tooltip), ``guide`` (F1 on the "Counted
from" field of the sample), ``preview`` (File → Print preview of the sample), ``menu`` (a table's context menu).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from ropa_desktop.i18n import set_language
from ropa_desktop.interchange.json_format import import_json_file
from ropa_desktop.resources import samples_dir


def settle(app: QApplication, seconds: float = 1.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, target: Path) -> None:
    settle(app)
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["import", "-window", "root", str(target)], check=True)


def main(scene: str, language: str, target: Path) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="ropa-shot-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    app = QApplication(sys.argv[:1])
    set_language(language)
    from ropa_desktop.ui import settings

    settings.set_language(language)  # the board PDF (print preview) follows the UI language
    from ropa_desktop.ui import menus, printing
    from ropa_desktop.ui.main_window import MainWindow
    from ropa_desktop.ui.qt_strings import install_qt_translations

    install_qt_translations(language)
    window = MainWindow()
    window.show()
    window.setWindowState(Qt.WindowState.WindowMaximized)
    settle(app)
    editor = window.editor
    if scene == "empty":
        window.create_register(tmp / "Bakeriet.ropa", "Bakeriet AS")
        settle(app)
        editor.tabs.setCurrentWidget(editor.purpose_table)  # a new register opens on its overview
        settle(app, 0.5)
        header = editor.purpose_table.horizontalHeader()
        x = header.sectionViewportPosition(3) + 20
        tip = editor.purpose_model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        QToolTip.showText(header.mapToGlobal(QPoint(x, header.height())), tip, header)
        shoot(app, target)
        return
    path = tmp / "promeister.ropa"
    import_json_file(samples_dir() / "promeister-solutions.json", path).close()
    window.open_file(path)
    editor.wait_for_background()
    settle(app)
    editor.tabs.setCurrentWidget(editor.purpose_table)
    if scene == "guide":
        control = editor.detail.widgets["retention_trigger"]
        editor.detail.ensureWidgetVisible(control)
        control.setFocus()
        settle(app, 0.5)
        QTest.keyClick(control, Qt.Key.Key_F1)
        shoot(app, target)
    elif scene == "menu":
        table = editor.purpose_table
        table.setCurrentIndex(editor.purpose_model.index(1, 1))
        menu = menus.table_menu(window, table)
        rect = table.visualRect(table.currentIndex())

        def shoot_and_close() -> None:
            shoot(app, target)
            menu.close()

        QTimer.singleShot(1500, shoot_and_close)
        menu.exec(table.viewport().mapToGlobal(rect.center()))
    elif scene == "preview":
        QTimer.singleShot(0, lambda: printing.print_preview(window))

        def take() -> None:
            from PySide6.QtPrintSupport import QPrintPreviewWidget

            for widget in QApplication.topLevelWidgets():
                for view in widget.findChildren(QPrintPreviewWidget):
                    view.setViewMode(QPrintPreviewWidget.ViewMode.FacingPagesView)
                    view.setCurrentPage(2)
            shoot(app, target)
            for widget in QApplication.topLevelWidgets():
                if widget.objectName() == "printPreview":
                    widget.close()

        QTimer.singleShot(12000, take)
        settle(app, 14)
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
