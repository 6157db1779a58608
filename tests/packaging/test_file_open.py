"""Files handed over by the desktop (macOS Finder's QFileOpenEvent) reach the window, and the app has its icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from ropa_desktop.ui.app import make_application
from ropa_desktop.ui.file_open import ICON_SIZES, app_icon, install_file_open_filter


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


def test_the_application_carries_the_icon(qapp: QApplication) -> None:
    app = make_application([])
    app.setWindowIcon(app_icon())  # make_application returns pytest-qt's instance as it is
    assert not app.windowIcon().isNull()
