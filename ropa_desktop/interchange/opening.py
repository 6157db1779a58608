"""Opening what a user hands the app: a register, or an import source (JSON, Excel) made into one.

An import source is never opened in place: importing makes a new ``.ropa``
register where the user chooses (by default beside the source, with the same
name), and only that register is remembered as a recent file. The program
remembers which register each source became, so opening the source again can
offer the register instead of silently importing over the user's edits.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_documents_dir

from ropa_desktop.store.register import SUFFIX, RegisterFile

IMPORT_SUFFIXES = (".json", ".xlsx")


def is_import_source(path: Path) -> bool:
    return path.suffix.lower() in IMPORT_SUFFIXES


def _folder_writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK)


def _is_program_sample(source: Path) -> bool:
    from ropa_desktop.resources import samples_dir

    try:
        return os.path.samefile(source.resolve().parent, samples_dir())
    except OSError:
        return False


def default_destination(source: Path, fallback: Path | None = None) -> Path:
    """Where an import goes unless the user says otherwise: beside the source, same name, ``.ropa``.

    A source in a folder the user cannot write, or one of the program's own samples (the
    README's first step: a register made from one belongs with the user's files, not inside
    the program), is imported into ``fallback`` (default: the user's Documents folder).
    """
    beside = source.with_suffix(SUFFIX)
    if _folder_writable(source.parent) and not _is_program_sample(source):
        return beside
    folder = fallback if fallback is not None else Path(user_documents_dir())
    return folder / beside.name


def source_key(source: Path) -> str:
    """How a source is remembered: its absolute path, case-folded where file names ignore case."""
    text = str(source.resolve())
    return os.path.normcase(text)


def remembered_register(memory: Mapping[str, str], source: Path) -> Path | None:
    """The register ``source`` was imported into before, if that register still exists."""
    found = memory.get(source_key(source))
    if not found:
        return None
    path = Path(found)
    return path if path.is_file() else None


def remember(memory: Mapping[str, str], source: Path, register: Path) -> dict[str, str]:
    """``memory`` with ``source`` → ``register`` added; entries whose register is gone are dropped."""
    kept = {key: value for key, value in memory.items() if Path(value).is_file()}
    kept[source_key(source)] = str(register.resolve())
    return kept


def import_source(source: Path, destination: Path, overwrite: bool = False) -> RegisterFile:
    """Import a JSON or Excel file into a new register at ``destination`` and open it for writing.

    Raises :class:`~ropa_desktop.errors.RopaError` (:class:`~ropa_desktop.errors.ImportProblems`
    lists every problem); the source is never changed, and nothing is written when it has problems.
    """
    if source.suffix.lower() == ".xlsx":
        from ropa_desktop.interchange.xlsx_import import import_xlsx_file  # openpyxl: loaded when first used

        return import_xlsx_file(source, destination, overwrite=overwrite)
    from ropa_desktop.interchange.json_format import import_json_file

    return import_json_file(source, destination, overwrite=overwrite)
