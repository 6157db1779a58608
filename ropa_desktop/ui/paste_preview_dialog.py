"""The preview shown before a paste of several rows is applied: OK adds them all as one undo step,
Cancel writes nothing. The content comes from :mod:`ropa_desktop.interchange.paste_preview`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.i18n import _, ngettext
from ropa_desktop.interchange.paste_preview import NewCategory, PastePreview, new_category_text
from ropa_desktop.ui.dialogs import standard_buttons
from ropa_desktop.ui.headers import WrappingHeader

# Light tints that keep dark text readable in light and dark themes alike (the text colour is set too).
_UNKNOWN = QColor(255, 236, 179)  # amber: a value the paste could not read
_NEW = QColor(200, 230, 201)  # green: a category the paste creates


def _suggested(category: NewCategory) -> dict[str, bool]:
    return {flag: True for flag, on in (("special", category.special), ("national_id", category.national_id)) if on}


class PastePreviewDialog(QDialog):
    def __init__(self, preview: PastePreview, table_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pastePreview")
        self.setWindowTitle(_("Paste preview"))
        self.preview = preview
        count = len(preview.rows)
        intro = QLabel(
            ngettext(
                "{count} pasted row becomes a new row of «{table}». Check it before it is added:",
                "{count} pasted rows become new rows of «{table}». Check them before they are added:",
                count,
            ).format(count=count, table=table_title),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(count, len(preview.headings), self)
        self.table.setObjectName("pastePreviewTable")
        self.table.setAccessibleName(_("Paste preview"))
        self.table.setHorizontalHeader(WrappingHeader(self.table))  # the long headings readable
        self.table.setHorizontalHeaderLabels(preview.headings)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        dark_text = QBrush(QColor(20, 20, 20))
        for r, row in enumerate(preview.rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell.text or (_("(empty)") if cell.unknown else ""))
                if cell.unknown:
                    item.setBackground(QBrush(_UNKNOWN))
                    item.setForeground(dark_text)
                    item.setToolTip(_("Not recognised: kept as written, check it after the paste."))
                self.table.setItem(r, c, item)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 3)
        self.new_list = QListWidget(self)
        self.new_list.setObjectName("newCategories")
        self.new_list.setAccessibleName(_("New categories"))
        self._flag_items: list[tuple[QListWidgetItem, NewCategory]] = []
        for category in preview.new_categories:
            line = QListWidgetItem(new_category_text(category), self.new_list)
            line.setBackground(QBrush(_NEW))
            line.setForeground(dark_text)
            if _suggested(category):
                line.setFlags(line.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                line.setCheckState(Qt.CheckState.Checked)
                self._flag_items.append((line, category))
        if preview.new_categories:
            layout.addWidget(
                QLabel(
                    ngettext(
                        "{count} new category (★); existing ones with a matching name are shown beside it:",
                        "{count} new categories (★); existing ones with a matching name are shown beside them:",
                        len(preview.new_categories),
                    ).format(count=len(preview.new_categories)),
                    self,
                )
            )
            layout.addWidget(self.new_list, 1)
        else:
            self.new_list.hide()
        notes = []
        if preview.existing_categories:
            notes.append(_("Existing categories used: {names}.").format(names=", ".join(preview.existing_categories)))
        if preview.unknown_count:
            notes.append(
                ngettext(
                    "{count} value was not recognised (amber): it is kept as written.",
                    "{count} values were not recognised (amber): they are kept as written.",
                    preview.unknown_count,
                ).format(count=preview.unknown_count)
            )
        if notes:
            summary = QLabel(" ".join(notes), self)
            summary.setWordWrap(True)
            summary.setForegroundRole(QPalette.ColorRole.WindowText)
            layout.addWidget(summary)
        self.buttons = standard_buttons(self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ngettext("&Add {count} row", "&Add {count} rows", count).format(count=count))
        layout.addWidget(self.buttons)
        # Roomy, but never larger than the screen (a laptop at 200 % has 683 × 384 points).
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(520, screen.height() - 40))
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def new_flags(self) -> dict[str, dict[str, bool]]:
        """The flags the new categories get: those their names suggest, unless unticked here."""
        return {
            category.name: _suggested(category)
            for line, category in self._flag_items
            if line.checkState() == Qt.CheckState.Checked
        }

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # Row heights follow the wrapped text only once the columns have their real widths.
        super().showEvent(event)
        self.table.resizeRowsToContents()
