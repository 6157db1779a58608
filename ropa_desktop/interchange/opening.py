"""Opening what a user hands the app: a register, or a JSON interchange file imported first."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from ropa_desktop.interchange.json_format import import_json_file
from ropa_desktop.store.register import RegisterFile

APP_NAME = "ropa-desktop"


def imported_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "imported"


def imported_path(source: Path) -> Path:
    """Where a JSON file is imported to; importing the same name again replaces it."""
    return imported_dir() / f"{source.stem}.ropa"


def open_any(path: Path, readonly: bool = False) -> RegisterFile:
    """Open a ``.ropa`` register, or import a ``.json`` file into a new register and open that.

    Raises :class:`~ropa_desktop.errors.RopaError`; the file given is never changed.
    """
    if path.suffix.lower() == ".json":
        destination = imported_path(path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        register = import_json_file(path, destination, overwrite=True)
        if readonly:
            register.close()
            return RegisterFile.open(destination, readonly=True)
        return register
    return RegisterFile.open(path, readonly=readonly)
