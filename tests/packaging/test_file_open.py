"""Files handed over by the desktop (macOS Finder's QFileOpenEvent) reach the window, and the app has its icon."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui.file_open import ICON_SIZES, app_icon, install_file_open_filter
from tests.seeds import REPO


def test_a_file_open_event_is_passed_to_the_window(qapp: QApplication, tmp_path: Path) -> None:
    opened: list[Path] = []
    handler = install_file_open_filter(qapp, opened.append)
    try:
        target = tmp_path / "Styret 2026.ropa"
        consumed = QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(target)))
        assert opened == [target]
        assert consumed
    finally:
        qapp.removeEventFilter(handler)


def test_a_non_local_url_and_other_events_are_left_alone(qapp: QApplication) -> None:
    opened: list[Path] = []
    handler = install_file_open_filter(qapp, opened.append)
    try:
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(QUrl("https://example.no/register.ropa")))
        QCoreApplication.sendEvent(qapp, QEvent(QEvent.Type.ApplicationActivate))
        assert opened == []
    finally:
        qapp.removeEventFilter(handler)


def test_the_app_icon_has_every_rendered_size(qapp: QApplication) -> None:
    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert sizes == {(n, n) for n in ICON_SIZES}


def test_a_register_handed_over_by_finder_opens_in_the_main_window(qapp: QApplication, register: RegisterFile) -> None:
    from ropa_desktop.ui.main_window import MainWindow

    path = register.path
    register.close()
    window = MainWindow()
    handler = install_file_open_filter(qapp, window.open_file)
    try:
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(path)))
        assert window.session is not None
        assert window.session.register.path == path
    finally:
        qapp.removeEventFilter(handler)
        window.close_register()
        window.deleteLater()


def test_a_new_application_gets_the_icon_and_the_desktop_entry_name() -> None:
    # make_application hands back pytest-qt's instance as it is, so a fresh process shows what users get.
    code = (
        "from ropa_desktop.ui.app import make_application; app = make_application([]); "
        "print(app.windowIcon().isNull(), app.desktopFileName())"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["False", "ropa-desktop"], result.stderr
