"""Make resources/fonts/DejaVuSans-Stamp.ttf, the font of the visible signature stamp.

pyHanko writes the stamp font's glyph widths in font units, which PDF readers
take as thousandths of an em; DejaVu Sans has 2048 units per em, so its text
would be spread out to twice its width. This script keeps the Latin letters
and punctuation of DejaVu Sans, drops hinting and rescales it to 1000 units
per em. Run it again only when the source font changes:

    /work/venv/bin/python tools/make_stamp_font.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
UNICODES = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x2010, 0x2030), 0x20AC, 0x2122]


def main() -> None:
    font = TTFont(FONTS / "DejaVuSans.ttf")
    options = subset.Options()
    options.hinting = False
    options.drop_tables += ["FFTM", "DSIG"]
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    scale_upem(font, 1000)
    font.save(FONTS / "DejaVuSans-Stamp.ttf")


if __name__ == "__main__":
    main()
