"""Render the app and document icons from their one source, resources/icons/ropa.svg.

Writes into resources/icons/:
  ropa-desktop-<N>.png, ropa-document-<N>.png   (16 ... 512 px; the app window and Linux use these)
  ropa-desktop.ico, ropa-document.ico           (Windows: the executable, the installer, .ropa files)
  ropa-desktop.icns, ropa-document.icns         (macOS: the .app and .ropa files)

The generated files are committed, so building the app never needs this script;
run it again after editing the SVG:  python packaging/make_icons.py
Needs PySide6 (QtSvg, part of PySide6-Essentials) and Pillow (the ``build`` extra).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "ropa.svg"
# The SVG holds both icons side by side, each in a 256-unit square.
VARIANTS = {"ropa-desktop": 0, "ropa-document": 1}
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> dict[str, bytes]:
    """PNG bytes of each variant at ``size`` px, rendered by Qt's SVG renderer."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0], "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    sheet = QImage(size * len(VARIANTS), size, QImage.Format.Format_ARGB32)
    sheet.fill(Qt.GlobalColor.transparent)
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, sheet.width(), sheet.height()))
    painter.end()
    result = {}
    for name, column in VARIANTS.items():
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        sheet.copy(column * size, 0, size, size).save(buffer, "PNG")
        buffer.close()
        result[name] = bytes(data.data())
    return result


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image

    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    rendered = {size: render(size) for size in sizes}
    for name in VARIANTS:
        images = {size: Image.open(io.BytesIO(rendered[size][name])).convert("RGBA") for size in sizes}
        for size in PNG_SIZES:
            (ICONS / f"{name}-{size}.png").write_bytes(rendered[size][name])
        # Each size is drawn by the renderer, not scaled down from the largest one.
        ico = [images[s] for s in ICO_SIZES]
        ico[-1].save(ICONS / f"{name}.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=ico[:-1])
        icns = [images[s] for s in ICNS_SIZES]
        icns[-1].save(ICONS / f"{name}.icns", format="ICNS", append_images=icns[:-1])
        print(f"{name}: {len(PNG_SIZES)} PNGs, .ico, .icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
