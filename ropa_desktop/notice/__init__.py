"""The privacy notice (GDPR art. 13/14) written from the register (issue 17).

:mod:`.build` turns one organisation into a :class:`.document.Notice` (a small,
format-neutral document model plus the list of gaps); :mod:`.html`,
:mod:`.docx` and :mod:`.markdown` lay that model out, and :mod:`.write` picks
the renderer and writes the file. Qt-free: the ``ropa notice`` command and the
editor's preview use the same code.
"""

from __future__ import annotations

from ropa_desktop.notice.build import build_notice
from ropa_desktop.notice.document import Gap, Notice

__all__ = ["Gap", "Notice", "build_notice"]
