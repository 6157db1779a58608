"""Writing output files so that they never destroy an input: the one atomic write of the program.

Every output (a JSON, Excel or PDF export, an imported register, a copy, a
certificate) is written to a temporary file in the destination's folder, synced
to disk, and renamed into place, so a reader sees the old file or the whole new
one, never a part. Before that, :func:`check_output` refuses a destination that
is one of the files being read (by file identity: symlinks and hard links
included) and, unless forced, one that already exists.

Temporary files carry a recognisable short name, ``.~ropa-HOST-PID-RANDOM.tmp``:
short so that a 255-byte destination name still works, and naming the host and
process so that :func:`remove_stale_temporaries` removes only what one of our
processes left behind when it was killed, never a live process's file.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import secrets
import shutil
import socket
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ropa_desktop.errors import (
    FileExistsError_,
    FolderNotWritable,
    NotAFile,
    OutputIsInput,
    PermissionDenied,
    from_os_error,
    short_path,
)

WINDOWS = sys.platform == "win32"
# Four hex digits of the host name: enough to tell the machines sharing one network folder apart.
HOST_TAG = hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]
TEMP_PREFIX = ".~ropa-"
# SQLite adds -wal/-shm/-journal to a temporary register; those are ours too.
_TEMP_NAME = re.compile(r"^\.~ropa-([0-9a-f]{4})-(\d+)-[0-9a-f]+\.tmp(-wal|-shm|-journal)?$")
_TEMP_DIR_NAME = re.compile(r"^ropa-([0-9a-f]{4})-(\d+)-")


def temporary_path(folder: Path) -> Path:
    """A fresh name for a temporary file in ``folder`` (not created)."""
    return folder / f"{TEMP_PREFIX}{HOST_TAG}-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def is_our_temporary(path: Path) -> bool:
    return _TEMP_NAME.match(path.name) is not None


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (when unsure: yes)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if WINDOWS:
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    query_limited_information, still_active = 0x1000, 259
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == still_active)
    finally:
        kernel32.CloseHandle(handle)


def _stale(match: re.Match[str] | None) -> bool:
    return match is not None and match.group(1) == HOST_TAG and not pid_alive(int(match.group(2)))


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporaries a killed process of ours left in ``folder``; return what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(TEMP_PREFIX) and _stale(_TEMP_NAME.match(entry.name)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def remove_stale_temp_dirs() -> list[Path]:
    """Remove the private temporary folders (openpyxl's sheet streams) of killed processes of ours."""
    removed: list[Path] = []
    base = Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith("ropa-") and _stale(_TEMP_DIR_NAME.match(entry.name)):
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                    removed.append(Path(entry.path))
    return removed


_private_dir: Path | None = None


def private_temp_dir() -> Path:
    """This process's own folder in the system temp folder (mode 0700), removed at exit."""
    global _private_dir
    if _private_dir is None or not _private_dir.is_dir():
        _private_dir = Path(tempfile.mkdtemp(prefix=f"ropa-{HOST_TAG}-{os.getpid()}-"))
        atexit.register(shutil.rmtree, _private_dir, True)
    return _private_dir


# --------------------------------------------------------------------------- refusing destinations


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (symlinks followed, hard links detected)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_input(source: Path) -> None:
    """Refuse, with the right reason, a file that cannot be read: missing, not a file, or not ours to read."""
    try:
        st = os.stat(source)
    except OSError as exc:
        raise from_os_error(exc, source) from None
    if not stat.S_ISREG(st.st_mode):
        raise NotAFile(path=short_path(source))
    if not WINDOWS and not os.access(source, os.R_OK):
        raise PermissionDenied(path=short_path(source))


def check_output(destination: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write ``destination`` over an input (always) or over an existing file (unless ``force``)."""
    for source in inputs:
        if same_file(destination, source):
            raise OutputIsInput(path=short_path(destination))
    try:
        exists = os.path.lexists(destination)
        folder_ok = destination.parent.is_dir()
    except OSError as exc:  # a name or path too long, say
        raise from_os_error(exc, destination) from None
    if exists and not force:
        raise FileExistsError_(path=short_path(destination))
    if not folder_ok or (not WINDOWS and not os.access(destination.parent, os.W_OK | os.X_OK)):
        raise FolderNotWritable(path=short_path(destination.parent))


# --------------------------------------------------------------------------- the atomic write


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder for this).

    Never raises: the rename has happened, and some file systems (network shares) refuse this.
    """
    if WINDOWS:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _remove_temporary(tmp: Path) -> None:
    for side in (tmp, *(Path(str(tmp) + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(FileNotFoundError):
            side.unlink()


def _move_into_place(tmp: Path, destination: Path, replace: bool) -> None:
    if replace:
        os.replace(tmp, destination)
        return
    # Without --force, a file that appeared meanwhile must still not be overwritten: a hard link
    # fails if the name exists. File systems without hard links fall back to a checked rename.
    try:
        os.link(tmp, destination)
    except FileExistsError:
        raise FileExistsError_(path=str(destination)) from None
    except OSError:
        if os.path.lexists(destination):
            raise FileExistsError_(path=str(destination)) from None
        os.replace(tmp, destination)
        return
    tmp.unlink()


@contextmanager
def atomic_output(destination: Path, *, replace: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``destination``; when the block succeeds, sync it and rename it into place.

    On any failure (or interruption) the temporary file is removed and
    ``destination`` is left as it was. ``replace=False`` refuses a file that
    appeared at ``destination`` meanwhile.
    """
    destination = Path(destination)
    folder = destination.parent
    remove_stale_temporaries(folder)
    tmp = temporary_path(folder)
    try:
        yield tmp
        _fsync_file(tmp)
        _move_into_place(tmp, destination, replace)
        fsync_folder(folder)
    finally:
        _remove_temporary(tmp)


def write_atomic(destination: Path, data: bytes, *, replace: bool = True, mode: int | None = None) -> None:
    """Write ``data`` to ``destination`` so that the file is either complete or as it was.

    ``mode`` sets the POSIX permissions whatever the umask (a private key 0600, a certificate to
    share 0644). The temporary file is created private and widened only then, so a private file
    is never readable by others for a moment. Windows keeps the folder's default ACL (private to
    the user in their own folders) and ignores ``mode``.
    """
    with atomic_output(destination, replace=replace) as tmp:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, 0o666 if mode is None else 0o600)  # 0o666: as open() does, less the umask
        with os.fdopen(fd, "wb") as fh:
            if mode is not None and not WINDOWS:
                os.fchmod(fh.fileno(), mode)
            fh.write(data)


__all__ = [
    "atomic_output",
    "check_input",
    "check_output",
    "fsync_folder",
    "is_our_temporary",
    "pid_alive",
    "private_temp_dir",
    "remove_stale_temp_dirs",
    "remove_stale_temporaries",
    "same_file",
    "temporary_path",
    "write_atomic",
]
