"""Exports, import and signing: functions that live in other packages, loaded when first used.

An action whose package is missing (not installed in this build) is disabled.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from ropa_desktop.i18n import _
from ropa_desktop.i18n import translator as i18n_translator
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.background import run_in_background
from ropa_desktop.ui.dialogs import inform
from ropa_desktop.ui.session import RegisterSession


def find_function(module: str, name: str) -> Callable[..., Any] | None:
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return found if callable(found) else None


def available(module: str, name: str) -> bool:
    """Whether the module is part of this installation, found without importing it.

    Importing would load openpyxl, reportlab or pyHanko at start-up just to enable a menu item;
    ``name`` is looked up when the action runs (:func:`find_function`).
    """
    if module in sys.modules:
        return True
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # its package is missing, or a stand-in without a spec
        return False


def export(parent: QWidget, session: RegisterSession, module: str, name: str, title: str, suffix: str) -> None:
    function = find_function(module, name)
    if function is None:
        inform(parent, title, _("This export is not part of this installation."))
        return
    default = str(session.register.path.with_suffix(suffix))
    file_filter = _("{kind} files (*{suffix})").format(kind=suffix.lstrip(".").upper(), suffix=suffix)
    target, _chosen = QFileDialog.getSaveFileName(parent, title, default, file_filter)
    if not target:
        return
    snapshot = session.snapshot()
    translator = i18n_translator(st.export_language())
    destination = Path(target)

    def job(progress: Callable[[int, int], bool]) -> Path:
        function(snapshot, destination, translator, progress=progress)
        return destination

    def done(path: Path) -> None:
        status = getattr(parent, "statusBar", None)
        if callable(status):
            status().showMessage(_("Exported to {path}").format(path=str(path)), 8000)

    def failed(message: str) -> None:
        inform(parent, title, message, warning=True)

    run_in_background(parent, title, job, done, failed)


def set_enabled_by_availability(action: QAction, module: str, name: str) -> None:
    ok = available(module, name)
    action.setEnabled(ok)
    if not ok:
        action.setToolTip(_("Not part of this installation"))
