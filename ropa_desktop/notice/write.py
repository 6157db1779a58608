"""Render a notice in one format and write it without ever destroying an input.

The file appears only when complete (a temporary file in the destination's
folder, then :func:`os.replace`); an existing file is kept unless the caller
forces it, and the register the notice was read from is never a destination.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ropa_desktop.errors import FileExistsError_, RopaError
from ropa_desktop.i18n import N_
from ropa_desktop.notice.document import Notice

FORMATS: tuple[str, ...] = ("html", "docx", "md")
SUFFIXES = {"html": ".html", "docx": ".docx", "md": ".md"}


class OutputIsRegisterError(RopaError):
    message = N_("{path} is the register itself; choose another file for the privacy notice.")


def render(notice: Notice, fmt: str) -> bytes:
    """The notice as the bytes of a ``fmt`` file (one of :data:`FORMATS`)."""
    renderers: dict[str, Callable[[Notice], bytes]] = {
        "html": lambda n: _html(n).encode("utf-8"),
        "md": lambda n: _markdown(n).encode("utf-8"),
        "docx": _docx,
    }
    return renderers[fmt](notice)


def _html(notice: Notice) -> str:
    from ropa_desktop.notice.html import render_html

    return render_html(notice)


def _markdown(notice: Notice) -> str:
    from ropa_desktop.notice.markdown import render_markdown

    return render_markdown(notice)


def _docx(notice: Notice) -> bytes:
    from ropa_desktop.notice.word import render_docx  # python-docx loads lxml: only when asked for

    return render_docx(notice)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (links and case-insensitive file systems included)."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def check_destination(destination: Path, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    for source in inputs:
        if same_file(destination, source) or os.path.normcase(os.path.abspath(destination)) == os.path.normcase(
            os.path.abspath(source)
        ):
            raise OutputIsRegisterError(path=str(destination))
    if destination.exists() and not force:
        raise FileExistsError_(path=str(destination))


def write_notice(
    notice: Notice, fmt: str, destination: Path, *, force: bool = False, inputs: tuple[Path, ...] = ()
) -> None:
    """Write ``notice`` as ``fmt`` to ``destination``: whole or not at all."""
    check_destination(destination, force=force, inputs=inputs)
    data = render(notice, fmt)
    folder = destination.parent if str(destination.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=".~ropa-notice-", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, destination)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
