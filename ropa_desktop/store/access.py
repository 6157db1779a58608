"""Why a register cannot be written: the diagnosis behind the editor's read-only banner.

The cause decides what the user can do about it, so it is named, not guessed:
the file's own permissions, the folder (permissions or a read-only disk: no
lock file, journal or WAL can be made there), or another program holding the
lock. A damaged file is refused earlier, by the header and integrity checks.

Probing never changes the file: it is opened for writing and closed again
without a byte written (which also catches a read-only file system, where
``os.access`` can say yes to root).
"""

from __future__ import annotations

import errno
import os
from enum import StrEnum
from pathlib import Path

from ropa_desktop.errors import RegisterFilePermission, RegisterFolderReadOnly, RegisterNotWritable

_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


class WriteBlock(StrEnum):
    NONE = "none"
    FILE_PERMISSION = "file-permission"
    FOLDER_READ_ONLY = "folder-read-only"


def file_writable(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno in _DENIED:
            return False
        raise
    os.close(fd)
    return True


def folder_writable(folder: Path) -> bool:
    """Whether files can be created in ``folder`` (the lock, SQLite's journal and WAL live beside the register)."""
    if not os.access(folder, os.W_OK):
        return False
    # os.access does not see a read-only mount on every platform, nor ACLs: ask the file system.
    probe = folder / f".~ropa-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return True
    except OSError as exc:
        if exc.errno in _DENIED:
            return False
        raise
    os.close(fd)
    probe.unlink(missing_ok=True)
    return True


def diagnose(path: Path) -> WriteBlock:
    """What stops this process from writing the register at ``path`` (the lock is checked separately)."""
    path = Path(path)
    if not folder_writable(path.parent):
        return WriteBlock.FOLDER_READ_ONLY
    if not file_writable(path):
        return WriteBlock.FILE_PERMISSION
    return WriteBlock.NONE


def not_writable_error(path: Path, block: WriteBlock) -> RegisterNotWritable:
    if block is WriteBlock.FOLDER_READ_ONLY:
        return RegisterFolderReadOnly(path=str(path), folder=str(path.parent), name=path.name)
    return RegisterFilePermission(path=str(path))


def check_writable(path: Path) -> None:
    """Raise :class:`RegisterNotWritable` naming the cause when ``path`` cannot be written here."""
    block = diagnose(path)
    if block is not WriteBlock.NONE:
        raise not_writable_error(path, block)
