"""The single-writer lock of a register: one ``.~lock.NAME#`` file beside the real file.

Keyed on the file's identity, not on the path it was opened by: symlinks are
resolved first, so every name of one register maps to one lock file. The lock
is an OS lock on that file (``flock`` on macOS and Linux, ``LockFileEx`` through
filelock on Windows), so a process that dies releases it and a stale lock file
never blocks anyone. The lock file is removed on a clean close; on POSIX the
removal is made safe by re-checking, after taking the lock, that the name still
refers to the file that was locked. It is opened read-only when it belongs to
another user, so another local user's old lock file does not block either.
Read-only opens take no lock and create no file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path

from ropa_desktop.errors import FolderNotWritable, RegisterInUse

# Room for the lock's and SQLite's additions within a 255-byte file name.
_MAX_NAME_BYTES = 120


def real_path(path: Path) -> Path:
    """The register's path with every symlink resolved (its folder and its own name)."""
    return Path(os.path.realpath(path))


def lock_path(path: Path) -> Path:
    """The lock file of the register at ``path`` (hidden on macOS and Linux)."""
    real = real_path(path)
    name = real.name
    if len(os.fsencode(name)) > _MAX_NAME_BYTES:
        # A long name is shortened, with a digest so two long names still get two locks.
        digest = hashlib.sha1(os.fsencode(name.casefold())).hexdigest()[:12]
        name = os.fsdecode(os.fsencode(name)[:60]).rstrip("\ufffd") + "~" + digest
    return real.with_name(f".~lock.{name}#")


class RegisterLock:
    """An exclusive, non-blocking lock on one register, released by :meth:`release` or by the process ending."""

    def __init__(self, register: Path) -> None:
        self.register = register
        self.path = lock_path(register)
        self._fd: int | None = None
        self._windows: object | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None or self._windows is not None

    def acquire(self) -> None:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            self._acquire_windows()
            return
        import fcntl

        for _attempt in range(20):
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise RegisterInUse(path=str(self.register)) from None
            except OSError:
                os.close(fd)
                raise
            # The previous holder may have removed the file between our open and our lock.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path, follow_symlinks=False))
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                return
            os.close(fd)
        raise RegisterInUse(path=str(self.register))

    def _open(self) -> int:
        flags = os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags, 0o644)
        except PermissionError:
            # Another user's lock file: a read-only descriptor can hold the lock just as well.
            try:
                return os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
            except FileNotFoundError:
                raise FolderNotWritable(path=str(self.path.parent)) from None
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o644)  # not the umask's 0600: others must be able to open it to test it
        return fd

    def _acquire_windows(self) -> None:  # pragma: no cover - Windows only
        from filelock import Timeout, WindowsFileLock

        # filelock's Windows lock is LockFileEx on a file it deletes when released.
        lock = WindowsFileLock(str(self.path), timeout=0, is_singleton=False)
        try:
            lock.acquire()
        except Timeout:
            raise RegisterInUse(path=str(self.register)) from None
        self._windows = lock

    def release(self) -> None:
        if self._windows is not None:  # pragma: no cover - Windows only
            self._windows.release()  # type: ignore[attr-defined]
            self._windows = None
        if self._fd is None:
            return
        # Unlink while still holding the lock: anyone who opened the old file re-checks and retries.
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


def is_free(register: Path) -> bool:
    """Whether no process holds the register's write lock (never creates a lock file)."""
    path = lock_path(register)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        if not path.exists():
            return True
        try:
            os.remove(path)  # a held lock file cannot be removed on Windows
        except OSError:
            return False
        return True
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def remove_stale_locks(folder: Path) -> None:
    """Remove lock files in ``folder`` that no process holds (a killed process's); held ones stay.

    Safe against a process locking the file at the same moment: it re-checks after
    locking that the name still refers to the file it locked (see :meth:`RegisterLock.acquire`).
    """
    if sys.platform == "win32":  # pragma: no cover - Windows deletes its lock files itself
        return
    import fcntl

    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(".~lock.") and e.name.endswith("#")]
    except OSError:
        return
    for name in names:
        path = folder / name
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False)):
                os.unlink(path)
        except OSError:
            pass  # held by a live process, or not ours to remove
        finally:
            os.close(fd)


def acquire(register: Path) -> RegisterLock:
    """Take the write lock of ``register`` or raise :class:`RegisterInUse` (:class:`FolderNotWritable`)."""
    lock = RegisterLock(register)
    try:
        lock.acquire()
    except FileNotFoundError:
        raise FolderNotWritable(path=str(lock.path.parent)) from None
    except PermissionError:
        raise FolderNotWritable(path=str(lock.path.parent)) from None
    return lock
