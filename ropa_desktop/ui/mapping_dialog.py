"""The column-mapping dialog of the spreadsheet import: each column's field, and a preview of what rows become.

The mapping is proposed by :func:`spreadsheet.guess_mapping`; the user changes
any column's field and sees the first rows as activities (lists split, legal
bases recognised, a basis kept as written marked). The import itself is one
Batch on the open register, so one Undo takes it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain import enums as e
from ropa_desktop.domain.fields import field_label
from ropa_desktop.domain.labels import label
from ropa_desktop.errors import ImportProblems, RopaError
from ropa_desktop.i18n import _, ngettext
from ropa_desktop.interchange import spreadsheet as ss
from ropa_desktop.interchange.editing import add_imported_activities

if TYPE_CHECKING:
    from ropa_desktop.ui.main_window import MainWindow

PREVIEW_ROWS = 5


class MappingDialog(QDialog):
    def __init__(self, source: Path, sheets: list[ss.Sheet], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self.setWindowTitle(_("Import {name}").format(name=source.name))
        self.sheets = sheets
        self.source = source
        self.guess = ss.guess_mapping(sheets)
        where = QLabel(
            _("Sheet {sheet}, headings in row {row}").format(sheet=self.guess.sheet, row=self.guess.header_row), self
        )
        self.columns = QTableWidget(len(self.guess.columns), 2, self)
        self.columns.setObjectName("mappingColumns")
        self.columns.setAccessibleName(_("The spreadsheet's columns and the field each becomes"))
        self.columns.setHorizontalHeaderLabels([_("Column"), _("Field")])
        self.combos: list[QComboBox] = []
        for row, (heading, target) in enumerate(self.guess.columns.items()):
            self.columns.setItem(row, 0, QTableWidgetItem(heading))
            combo = QComboBox(self.columns)
            combo.setAccessibleName(_("Field for the column {heading}").format(heading=heading))
            combo.addItem(_("(leave out)"), None)
            for fname in ss.TARGET_FIELDS:
                combo.addItem(field_label("activity", fname), fname)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.currentIndexChanged.connect(self.refresh)
            self.columns.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        self.columns.resizeColumnsToContents()
        self.preview = QTableWidget(self)
        self.preview.setObjectName("mappingPreview")
        self.preview.setAccessibleName(_("The first rows as activities"))
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.columns, 1)
        layout.addWidget(QLabel(_("The first rows as activities") + ":", self))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(900, 640)
        self.conversion = ss.Conversion({}, [], [])
        self.refresh()

    def mapping(self) -> ss.ColumnMapping:
        columns = {heading: combo.currentData() for heading, combo in zip(self.guess.columns, self.combos, strict=True)}
        return ss.ColumnMapping(columns, self.guess.sheet, self.guess.header_row)

    def refresh(self) -> None:
        try:
            self.conversion = ss.convert(
                self.sheets, self.mapping(), self.source.stem
            )  # the name is not used: rows join the open register
        except RopaError as exc:
            self.problems.setText(exc.render())
            self.import_button.setEnabled(False)
            return
        org = self.conversion.document["organisations"][0]
        names = {key: {r["id"]: r["name"] for r in org.get(key, [])} for key in ss.LIST_SECTIONS.values()}
        fields = [f for f in ss.TARGET_FIELDS if f in set(self.mapping().columns.values())]
        activities = self.conversion.activities[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(fields))
        self.preview.setRowCount(len(activities))
        self.preview.setHorizontalHeaderLabels([field_label("activity", f) for f in fields])
        for row, activity in enumerate(activities):
            for col, fname in enumerate(fields):
                self.preview.setItem(row, col, QTableWidgetItem(_cell(activity, fname, names)))
        self.preview.resizeColumnsToContents()
        self.preview.resizeRowsToContents()
        count = len(self.conversion.problems)
        shown = "\n".join(p.render() for p in self.conversion.problems[:3])
        heading = ngettext("{count} problem:", "{count} problems:", count).format(count=count)
        self.problems.setText(heading + "\n" + shown if count else "")
        self.import_button.setEnabled(count == 0 and bool(self.conversion.activities))


def _cell(activity: dict[str, Any], fname: str, names: dict[str, dict[int, str]]) -> str:
    """What the cell becomes, as the user will see it in the register."""
    if fname in ss.LIST_SECTIONS:
        return "\n".join(names[ss.LIST_SECTIONS[fname]][i] for i in activity.get(fname, []))
    if fname == "operations":
        return "\n".join(activity.get(fname, []))
    if fname == "legal_basis":
        letters = activity.get("legal_basis", [])
        if not letters and activity.get("legal_basis_note"):
            return _("not recognised, kept as written: {text}").format(text=activity["legal_basis_note"])
        return "\n".join(label(e.LegalBasis(x)) for x in letters)
    return str(activity.get(fname, ""))


def import_spreadsheet_into(window: MainWindow) -> None:
    """File ▸ Import Spreadsheet into This Register: pick a sheet, map its columns, add its rows in one undo step."""
    from ropa_desktop.ui.dialogs import inform
    from ropa_desktop.ui.importing import ImportProblemsDialog

    session = window.session
    if session is None or session.readonly:
        return
    filters = _("Spreadsheets (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv)")
    chosen, _filter = QFileDialog.getOpenFileName(window, _("Import Spreadsheet"), "", filters)
    if not chosen:
        return
    source = Path(chosen)
    try:
        sheets = ss.read_sheets(source)
    except RopaError as exc:
        inform(window, _("Import Spreadsheet"), exc.render(), warning=True)
        return
    dialog = MappingDialog(source, sheets, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    problems = dialog.conversion.problems
    if problems:
        ImportProblemsDialog(source, ImportProblems([p.render() for p in problems]), window).exec()
        return
    editor = window.editor
    batch = add_imported_activities(
        session.register, editor.organisation_id, editor.register_kind, dialog.conversion.document["organisations"][0]
    )
    session.perform(batch, _("import of {name}").format(name=source.name))
