"""Excel workbook export and import of the art. 30 register (issue 4).

The UI and the ``ropa`` command call :func:`export_xlsx` and
:func:`import_xlsx_file`; the layout both share lives in
:mod:`ropa_desktop.interchange.xlsx_layout`.
"""

from ropa_desktop.exports.xlsx_export import CellTooLong, ExportCancelled, export_xlsx
from ropa_desktop.interchange.xlsx_import import (
    ForeignWorkbook,
    WorkbookDamaged,
    WorkbookProtected,
    import_xlsx_file,
    read_workbook,
)

__all__ = [
    "CellTooLong",
    "ExportCancelled",
    "ForeignWorkbook",
    "WorkbookDamaged",
    "WorkbookProtected",
    "export_xlsx",
    "import_xlsx_file",
    "read_workbook",
]
