"""The pictures as files: the map or the dashboard of one organisation, as SVG or PNG bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.domain.register import OrganisationRegister, RegisterSnapshot
from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_, Translator, current
from ropa_desktop.overview.dashboard import build_dashboard
from ropa_desktop.overview.datamap import build_map
from ropa_desktop.overview.layout import layout
from ropa_desktop.overview.svg import dashboard_svg, map_svg

FORMATS = (".svg", ".png")


class PictureFormatUnknown(RopaError):
    message = N_("Cannot write {path}: the picture must be a .svg or .png file.")


def picture_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise PictureFormatUnknown(path=str(path))
    return suffix[1:]


def map_bytes(org: OrganisationRegister, fmt: str, translator: Translator | None = None) -> bytes:
    tr = translator or current()
    lay = layout(build_map(org, tr))
    if fmt == "png":
        from ropa_desktop.overview.png import map_png

        return map_png(lay, tr)
    return map_svg(lay, tr).encode("utf-8")


def dashboard_bytes(
    snapshot: RegisterSnapshot,
    org: OrganisationRegister,
    fmt: str,
    translator: Translator | None = None,
    today: date | None = None,
) -> bytes:
    tr = translator or current()
    board = build_dashboard(org, run_checks(snapshot, today), tr, today)
    if fmt == "png":
        from ropa_desktop.overview.png import dashboard_png

        return dashboard_png(board, tr)
    return dashboard_svg(board, tr).encode("utf-8")
