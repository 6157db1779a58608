"""The embedded font of the board PDF and its signature stamp.

The PDF standard fonts have no glyphs beyond Latin-1 and are not embedded, so
a print-out opened elsewhere could substitute them; DejaVu Sans (shipped with
its licence in ``resources/fonts``) covers æøå, bullets, dashes and the
superscript footnote digits, and is embedded as a subset.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ropa_desktop.resources import resources_dir

REGULAR = "RopaSans"
BOLD = "RopaSans-Bold"


def font_dir() -> Path:
    return resources_dir() / "fonts"


def regular_font_file() -> Path:
    return font_dir() / "DejaVuSans.ttf"


def bold_font_file() -> Path:
    return font_dir() / "DejaVuSans-Bold.ttf"


@cache
def register_fonts() -> None:
    """Register the family once per process; ``<b>`` in paragraphs picks the bold face."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular_font_file())))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold_font_file())))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)


def stamp_font_file() -> Path:
    """DejaVu Sans cut down and rescaled for pyHanko's stamp (see tools/make_stamp_font.py)."""
    return font_dir() / "DejaVuSans-Stamp.ttf"
