"""Errors users see. Each carries a translatable message and its parameters.

The message is rendered in whatever language the caller asks for, so the same
error reads correctly in the Norwegian UI and in an English script.
"""

from __future__ import annotations

from typing import Any

from ropa_desktop.i18n import N_, Translator, current


class RopaError(Exception):
    """Base of every error that is meant for the user, not a traceback."""

    message: str = N_("Something went wrong.")

    def __init__(self, message: str | None = None, **params: Any) -> None:
        if message is not None:
            self.message = message
        self.params = params
        super().__init__(self.render())

    def render(self, translator: Translator | None = None) -> str:
        tr = translator or current()
        return tr.gettext(self.message).format(**self.params)


class RegisterNotFound(RopaError):
    message = N_("The register file {path} does not exist.")


class NotARegister(RopaError):
    message = N_("{path} is not a register file.")


class RegisterCorrupt(RopaError):
    message = N_("The register file {path} is damaged and cannot be opened. The file has not been changed.")


class RegisterTooNew(RopaError):
    message = N_(
        "{path} was made by a newer version of the program (file version {found}, this program reads up to "
        "{supported}). Update the program to open it. The file has not been changed."
    )


class RegisterInUse(RopaError):
    message = N_("{path} is open in another window or program. It can be opened read-only.")


class RegisterNotWritable(RopaError):
    """The register can be read but not changed; the subclass says why (shown in the read-only banner)."""

    message = N_("{path} cannot be changed. It can be opened read-only.")


class RegisterFilePermission(RegisterNotWritable):
    message = N_("You do not have permission to change {path} (the file is read-only). It can be opened read-only.")


class RegisterFolderReadOnly(RegisterNotWritable):
    message = N_(
        "The folder {folder} cannot be written to (permissions or a read-only disk), so {name} cannot be "
        "changed there. It can be opened read-only."
    )


class RegisterReadOnly(RopaError):
    message = N_("The register is open read-only; changes cannot be saved.")


class FileExistsError_(RopaError):  # noqa: N801 - avoid shadowing the builtin
    message = N_("{path} already exists. Use --force to overwrite it.")


class OutputIsInput(RopaError):
    message = N_("{path} is the register being read; choose another file name. Nothing was written.")


class FolderNotWritable(RopaError):
    message = N_("The folder {path} does not exist or cannot be written to. Nothing was written.")


class NothingToExport(RopaError):
    message = N_("The register holds no organisation; there is nothing to export.")


class InvalidValue(RopaError):
    """A value a store operation or an import refused; ``field`` says which."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        self.field = field
        super().__init__(message, **params)

    def render(self, translator: Translator | None = None) -> str:
        return f"{self.field}: {super().render(translator)}"


class RecordNotFound(RopaError):
    message = N_("No {entity} with id {id} in this register.")


class EditConflict(RopaError):
    """Someone else changed the field after this writer last saw it; nothing was written.

    Carries both values so the editor can show theirs beside yours and let the user choose.
    """

    message = N_("Someone else changed this field ({field}) after you last saw it. Nothing was saved.")

    def __init__(self, entity: str, record_id: int, field: str, *, theirs: Any, yours: Any, seen: Any) -> None:
        self.entity, self.record_id, self.field = entity, record_id, field
        self.theirs, self.yours, self.seen = theirs, yours, seen
        super().__init__(field=field)


class ImportProblems(RopaError):
    """Validation of an import found problems; nothing was written."""

    message = N_("The file cannot be imported: {count} problems found. Nothing was written.")

    def __init__(self, problems: list[str], **params: Any) -> None:
        self.problems = problems
        super().__init__(count=len(problems), **params)

    def render(self, translator: Translator | None = None) -> str:
        tr = translator or current()
        count = int(self.params.get("count", len(self.problems)))
        return tr.ngettext(
            "The file cannot be imported: {count} problem found. Nothing was written.",
            "The file cannot be imported: {count} problems found. Nothing was written.",
            count,
        ).format(**self.params)


class PermissionDenied(RopaError):
    message = N_("Permission denied: {path}. Nothing was changed.")


class PathTooLong(RopaError):
    message = N_("The file name or path is too long: {path}")


class DiskFull(RopaError):
    message = N_("The disk is full; {path} was not written.")


class FileUnreadable(RopaError):
    message = N_("Cannot use {path}: {reason}")


class RegisterUnreadable(RopaError):
    """The file passed SQLite's checks but holds values the program cannot read (wrong types, damaged text)."""

    message = N_(
        "The register file {path} is damaged: {where} holds a value this program cannot read. "
        "The file has not been changed."
    )


class RegisterValueWrong(RopaError):
    message = N_(
        "The register file {path} holds a value of the wrong kind ({kind}) and may be damaged. "
        "The file has not been changed."
    )


class UnexpectedError(RopaError):
    message = N_("Unexpected error ({kind}) while working on {path}. Nothing was written.")


def short_path(path: object, limit: int = 160) -> str:
    """A path for a one-line message: very long ones keep their start and their end."""
    text = str(path)
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def from_os_error(exc: OSError, path: object = None) -> RopaError:
    """The user's message for an operating-system error (its text never comes from a file's content)."""
    import errno

    where = short_path(exc.filename if exc.filename is not None else (path or ""))
    if isinstance(exc, PermissionError):
        return PermissionDenied(path=where)
    if isinstance(exc, FileNotFoundError):
        return FileMissing(path=where)
    if exc.errno == errno.ENAMETOOLONG:
        return PathTooLong(path=where)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(path=where)
    return FileUnreadable(path=where, reason=exc.strerror or type(exc).__name__)


class FileMissing(RopaError):
    message = N_("{path} does not exist.")


class NotAFile(RopaError):
    message = N_("{path} is not a file.")


class RegisterNameTooLong(RopaError):
    message = N_(
        "The name of {path} is too long for a register: it can have at most {limit} bytes, to leave room for the "
        "files the database keeps beside it. Choose a shorter name."
    )


class OpenErrorsError(RopaError):
    """Signing was asked for a register with open errors, and the user has not confirmed it."""

    message = N_(
        "The register has {count} open errors. Fix them, or confirm that the board approves it with open errors (--allow-open-errors)."
    )

    def __init__(self, lines: list[str], **params: Any) -> None:
        super().__init__(**params)
        self.problems = lines
