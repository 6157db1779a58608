"""Print and print preview of the register: the board PDF itself, page by page.

The preview shows exactly the document the board gets (File → Export → PDF): the register is exported
to a temporary PDF in the background, and each of its pages is rasterised with PDFium (pypdfium2) at the
printer's resolution onto the printer's page. One layout, not a second one built for paper.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter, QTransform
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from ropa_desktop.i18n import _
from ropa_desktop.i18n import translator as i18n_translator
from ropa_desktop.ui import file_actions
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.background import run_in_background
from ropa_desktop.ui.dialogs import inform

if TYPE_CHECKING:
    from ropa_desktop.ui.main_window import MainWindow

MAX_DPI = 300  # enough for text on paper; more only costs memory (an A4 page at 300 dpi is 35 MB)
_FORMATS = {
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGB": QImage.Format.Format_RGB888,
}


def available() -> bool:
    return file_actions.available(file_actions.pdf_export) and file_actions._findable("pypdfium2")


class BoardPages:
    """The pages of one board PDF, drawn onto a printer (the preview's or a real one)."""

    def __init__(self, pdf: Path) -> None:
        import pypdfium2

        self.document = pypdfium2.PdfDocument(str(pdf))

    def __len__(self) -> int:
        return len(self.document)

    def landscape(self, index: int = 0) -> bool:
        width, height = self.document[index].get_size() if len(self) else (1.0, 0.0)
        return bool(width > height)

    def sheet_orientation(self) -> QPageLayout.Orientation:
        """The shape most pages have (landscape for a register of any size: its tables)."""
        wide = sum(self.landscape(i) for i in range(len(self)))
        return QPageLayout.Orientation.Landscape if wide * 2 >= len(self) else QPageLayout.Orientation.Portrait

    def image(self, index: int, dpi: float) -> QImage:
        page = self.document[index]
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
        try:
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, _FORMATS[bitmap.mode])
            return image.copy()  # own the pixels: the bitmap's buffer goes with it
        finally:
            bitmap.close()
            page.close()

    def paint(self, printer: QPrinter) -> int:
        """Draw every page (or the range the print dialog chose) on ``printer``; the number drawn.

        The board PDF mixes portrait pages (cover, contents, approval) and landscape ones (the tables),
        while a print job, and Qt's preview, has one sheet shape. A page of the other shape is turned a
        quarter (as PDF readers' "auto portrait/landscape" does) so that it fills the sheet at full size.
        """
        first, last = printer.fromPage(), printer.toPage()
        indexes = range(len(self)) if first == 0 else range(first - 1, min(last, len(self)))
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        sheet = QRectF(painter.viewport())
        drawn = 0
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for index in indexes:
                if drawn:
                    printer.newPage()
                image = self.image(index, dpi)
                if (image.width() > image.height()) != (sheet.width() > sheet.height()):
                    image = image.transformed(QTransform().rotate(90))
                scale = min(sheet.width() / image.width(), sheet.height() / image.height())
                target = QRectF(0, 0, image.width() * scale, image.height() * scale)
                target.moveCenter(sheet.center())
                painter.drawImage(target, image)
                drawn += 1
        finally:
            painter.end()
        return drawn

    def close(self) -> None:
        self.document.close()


def prepare_printer(pages: BoardPages) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(_("Records of processing activities"))
    printer.setPageOrientation(pages.sheet_orientation())
    printer.setFromTo(1, len(pages))
    return printer


def with_board_pdf(window: MainWindow, title: str, use: Callable[[BoardPages], None]) -> None:
    """Export the open register's board PDF to a temporary file in the background, then ``use`` its pages."""
    session = window.session
    if session is None:
        return
    if not available():
        inform(window, title, _("Printing is not part of this installation."))
        return
    snapshot = session.snapshot()
    translator = i18n_translator(st.export_language())
    folder = Path(tempfile.mkdtemp(prefix="ropa-print-"))
    pdf = folder / "register.pdf"

    def job(progress: Callable[[int, int], bool]) -> Path:
        from ropa_desktop.exports.pdf import export_pdf

        export_pdf(snapshot, pdf, translator, progress=progress)
        return pdf

    def done(path: Any) -> None:
        pages = BoardPages(Path(path))
        try:
            use(pages)
        finally:
            pages.close()
            shutil.rmtree(folder, ignore_errors=True)

    def failed(message: str) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        inform(window, title, message, warning=True)

    run_in_background(window, title, job, done, failed)


def print_preview(window: MainWindow) -> None:
    def show(pages: BoardPages) -> None:
        printer = prepare_printer(pages)
        preview = QPrintPreviewDialog(printer, window)
        preview.setObjectName("printPreview")
        preview.setWindowTitle(_("Print preview"))
        preview.paintRequested.connect(pages.paint)
        preview.setWindowState(preview.windowState() | Qt.WindowState.WindowMaximized)
        preview.exec()

    with_board_pdf(window, _("Print preview"), show)


def print_register(window: MainWindow) -> None:
    def show(pages: BoardPages) -> None:
        printer = prepare_printer(pages)
        dialog = QPrintDialog(printer, window)
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, len(pages))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            pages.paint(printer)

    with_board_pdf(window, _("Print"), show)


__all__ = ["BoardPages", "available", "print_preview", "print_register"]
