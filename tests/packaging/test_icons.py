"""The committed icons are what packaging/make_icons.py renders from resources/icons/ropa.svg."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.seeds import REPO

ICONS = REPO / "resources" / "icons"


def make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "packaging" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [16, 48])
def test_committed_pngs_match_the_svg(qapp: QApplication, size: int) -> None:
    """Fails when the SVG was edited and make_icons.py was not run again."""
    rendered = make_icons().render(size)
    for name, png in rendered.items():
        fresh, committed = QImage.fromData(png), QImage(str(ICONS / f"{name}-{size}.png"))
        assert (committed.width(), committed.height()) == (size, size)
        worst = max(
            abs(getattr(fresh.pixelColor(x, y), channel)() - getattr(committed.pixelColor(x, y), channel)())
            for x in range(size)
            for y in range(size)
            for channel in ("red", "green", "blue", "alpha")
        )
        assert worst <= 24, f"{name}-{size}.png differs from the SVG by {worst}; run packaging/make_icons.py"


@pytest.mark.parametrize("name", ["ropa-desktop", "ropa-document"])
def test_windows_icon_holds_every_size(name: str) -> None:
    with Image.open(ICONS / f"{name}.ico") as ico:
        assert ico.info["sizes"] == {(n, n) for n in (16, 24, 32, 48, 64, 128, 256)}


@pytest.mark.parametrize("name", ["ropa-desktop", "ropa-document"])
def test_macos_icon_holds_the_retina_sizes(name: str) -> None:
    with Image.open(ICONS / f"{name}.icns") as icns:
        assert {(512, 512, 2), (256, 256, 1), (16, 16, 2)} <= set(icns.info["sizes"])
        assert icns.size == (1024, 1024)


def test_the_app_icon_stays_opaque_in_the_middle_and_clear_in_the_corner() -> None:
    with Image.open(ICONS / "ropa-desktop-16.png") as small:
        rgba = small.convert("RGBA")
        corner, middle = rgba.getpixel((0, 0)), rgba.getpixel((8, 8))
        assert isinstance(corner, tuple) and isinstance(middle, tuple)  # RGBA pixels are tuples
        assert corner[3] < 64  # the rounded tile leaves the corner see-through
        assert middle[3] == 255


def test_the_bundle_does_not_need_the_generator() -> None:
    assert Path(ICONS / "ropa.svg").is_file()
    for name in ("ropa-desktop", "ropa-document"):
        for size in (16, 24, 32, 48, 64, 128, 256, 512):
            assert (ICONS / f"{name}-{size}.png").is_file()
