"""Render a notice in one format and write it without ever destroying an input.

The file appears only when complete (:func:`ropa_desktop.safe_files.write_atomic`); an existing file is kept unless the caller
forces it, and the register the notice was read from is never a destination.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ropa_desktop.notice.document import Notice
from ropa_desktop.safe_files import check_output, write_atomic

FORMATS: tuple[str, ...] = ("html", "docx", "md")
SUFFIXES = {"html": ".html", "docx": ".docx", "md": ".md"}


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


def check_destination(destination: Path, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse the register itself (always) and an existing file (unless ``force``): the one output check."""
    check_output(destination, force=force, inputs=inputs)


def write_notice(
    notice: Notice, fmt: str, destination: Path, *, force: bool = False, inputs: tuple[Path, ...] = ()
) -> None:
    """Write ``notice`` as ``fmt`` to ``destination``: whole or not at all (the one atomic write)."""
    check_destination(destination, force=force, inputs=inputs)
    write_atomic(destination, render(notice, fmt), replace=force)
