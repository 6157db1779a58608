"""Exports, import and signing: functions that live in other packages, loaded when first used.

An action whose package is missing (not installed in this build) is disabled. Each loader is a
plain import inside a function, so start-up does not pay for the package and the import-linter
contracts still see the import.
"""

from __future__ import annotations

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

Loader = Callable[[], Callable[..., Any]]  # raises ImportError when this build leaves the package out


def xlsx_export() -> Callable[..., Any]:
    from ropa_desktop.exports.xlsx import export_xlsx

    return export_xlsx


def datatilsynet_export() -> Callable[..., Any]:
    from ropa_desktop.exports.xlsx_datatilsynet import export_datatilsynet_xlsx

    return export_datatilsynet_xlsx


def pdf_export() -> Callable[..., Any]:
    from ropa_desktop.exports.pdf import export_pdf

    return export_pdf


def xlsx_import() -> Callable[..., Any]:
    from ropa_desktop.interchange.xlsx_import import import_xlsx_file

    return import_xlsx_file


def signed_pdf_export() -> Callable[..., Any]:
    from ropa_desktop.signing.board import export_signed_pdf

    return export_signed_pdf


def pdf_verification() -> Callable[..., Any]:
    from ropa_desktop.signing.pades import verify_pdf

    return verify_pdf


def find_function(load: Loader) -> Callable[..., Any] | None:
    try:
        return load()
    except ImportError:
        return None


# What each loader imports, found (not imported) to enable its menu action at start-up: importing
# would load openpyxl, reportlab or pyHanko before the window shows (issue 16). A build that leaves
# one out has its action disabled; the loader itself is still the test when the action runs.
LOADER_MODULES: dict[Loader, tuple[str, ...]] = {
    xlsx_export: ("ropa_desktop.exports.xlsx", "openpyxl"),
    datatilsynet_export: ("ropa_desktop.exports.xlsx_datatilsynet", "openpyxl"),
    pdf_export: ("ropa_desktop.exports.pdf", "reportlab"),
    xlsx_import: ("ropa_desktop.interchange.xlsx_import", "openpyxl"),
    signed_pdf_export: ("ropa_desktop.signing.board", "reportlab", "pyhanko"),
    pdf_verification: ("ropa_desktop.signing.pades", "pyhanko"),
}


def _findable(module: str) -> bool:
    if module in sys.modules:
        return sys.modules[module] is not None
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # its package is missing
        return False


def available(load: Loader) -> bool:
    modules = LOADER_MODULES.get(load)
    if modules is None:  # a loader not listed above: import to know
        return find_function(load) is not None
    return all(_findable(module) for module in modules)


def export(parent: QWidget, session: RegisterSession, load: Loader, title: str, suffix: str) -> None:
    function = find_function(load)
    if function is None:
        inform(parent, title, _("This export is not part of this installation."))
        return
    default = str(session.document_path.with_suffix(suffix))
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


def set_enabled_by_availability(action: QAction, load: Loader) -> None:
    ok = available(load)
    action.setEnabled(ok)
    if not ok:
        action.setToolTip(_("Not part of this installation"))
