"""The editors for list-valued cells: operations, categories, legal basis."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain import labels as lb
from ropa_desktop.domain.enums import LegalBasis, SpecialCategoryCondition
from ropa_desktop.domain.fields import field_label, long_label
from ropa_desktop.i18n import _
from ropa_desktop.interchange.editing import Choice
from ropa_desktop.store import readmodel as rm


def standard_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK/Cancel with our translated texts (PySide6 ships no Norwegian catalogue)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(text.replace("&", ""))
    return button


class ListEditorDialog(QDialog):
    """An ordered list, one item per row: add, remove, move up and down, edit in place."""

    def __init__(self, title: str, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        for text in items:
            self._add_item(text)
        add, remove = _button(_("&Add"), self), _button(_("&Remove"), self)
        up, down = _button(_("Move &up"), self), _button(_("Move &down"), self)
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        side = QVBoxLayout()
        for b in (add, remove, up, down):
            side.addWidget(b)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(standard_buttons(self))
        self.resize(560, 360)

    def _add_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _add(self) -> None:
        item = self._add_item("")
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def items(self) -> list[str]:
        texts = (self.list.item(i).text().strip() for i in range(self.list.count()))
        return [t for t in texts if t]


class CategoryPickerDialog(QDialog):
    """Choose categories of personal data: type to filter, tick, or add a new one by name."""

    def __init__(self, categories: dict[int, rm.Category], chosen: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = field_label("activity", "personal_data")
        self.setWindowTitle(title)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(_("Type to filter or name a new category"))
        self.filter.setAccessibleName(_("Filter categories"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self._new: list[str] = []
        order = chosen + [c for c in categories if c not in chosen]
        for cid in order:
            category = categories.get(cid)
            if category is None:
                continue
            text = category.name
            if category.special:
                text = _("{name} (special category)").format(name=category.name)
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cid in chosen else Qt.CheckState.Unchecked)
            if category.special:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        self.add = _button(_("Add &new category"), self)
        self.add.clicked.connect(self.add_new)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self.add_new)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add)
        layout.addWidget(standard_buttons(self))
        self.resize(460, 480)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def add_new(self) -> None:
        name = self.filter.text().strip()
        if not name:
            return
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.text().casefold() == name.casefold():
                item.setCheckState(Qt.CheckState.Checked)
                self.filter.clear()
                return
        item = QListWidgetItem(name, self.list)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.filter.clear()

    def set_checked(self, name: str, checked: bool = True) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[Choice]:
        out: list[Choice] = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out


class LegalBasisDialog(QDialog):
    """The art. 6(1) bases, the art. 9(2) condition (when special categories are processed)
    and the balancing test that becomes the footnote of a legitimate interest."""

    def __init__(self, value: dict[str, Any], special: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(field_label("activity", "legal_basis"))
        chosen = set(value.get("legal_basis") or [])
        group = QGroupBox(_("Art. 6(1)"), self)
        box = QVBoxLayout(group)
        self.boxes: dict[str, QCheckBox] = {}
        for basis in LegalBasis:
            check = QCheckBox(f"({basis.value}) {lb.label(basis)}", group)
            check.setChecked(basis.value in chosen)
            check.setAccessibleName(lb.label(basis))
            box.addWidget(check)
            self.boxes[basis.value] = check
        form = QFormLayout()
        self.condition = QComboBox(self)
        self.condition.setAccessibleName(_("Art. 9(2) condition"))
        self.condition.addItem(_("None"), None)
        for cond in SpecialCategoryCondition:
            self.condition.addItem(f"({cond.value}) {lb.label(cond)}", cond.value)
        current = value.get("special_condition")
        self.condition.setCurrentIndex(max(0, self.condition.findData(current)) if current else 0)
        self._show_condition = special or bool(current)
        self.condition.setVisible(self._show_condition)
        condition_label = QLabel(_("Art. 9(2) condition"), self)
        condition_label.setBuddy(self.condition)
        condition_label.setVisible(self._show_condition)
        form.addRow(condition_label, self.condition)
        self.balancing = QPlainTextEdit(value.get("balancing_test") or "", self)
        self.balancing.setAccessibleName(field_label("activity", "balancing_test"))
        self.balancing.setTabChangesFocus(True)
        balancing_label = QLabel(long_label("activity", "balancing_test"), self)
        balancing_label.setBuddy(self.balancing)
        form.addRow(balancing_label, self.balancing)
        legit = self.boxes[LegalBasis.LEGITIMATE_INTERESTS.value]
        self.balancing.setEnabled(legit.isChecked())
        legit.toggled.connect(self.balancing.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addLayout(form)
        layout.addWidget(standard_buttons(self))

    def value(self) -> dict[str, Any]:
        letters = [letter for letter, check in self.boxes.items() if check.isChecked()]
        return {
            "legal_basis": letters,
            "special_condition": self.condition.currentData() if self._show_condition else None,
            "balancing_test": self.balancing.toPlainText().strip(),
        }


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A one-line text question with translated buttons; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QLineEdit(text, dialog)
    edit.setAccessibleName(label)
    caption = QLabel(label, dialog)
    caption.setBuddy(edit)
    layout = QVBoxLayout(dialog)
    layout.addWidget(caption)
    layout.addWidget(edit)
    layout.addWidget(standard_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.text().strip()


def inform(parent: QWidget | None, title: str, text: str, warning: bool = False) -> None:
    """A message with our own translated OK button (Qt's standard buttons have no bokmål catalogue)."""
    from PySide6.QtWidgets import QMessageBox

    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, parent=parent)
    box.setObjectName("messageDialog")
    box.setDefaultButton(box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole))
    box.exec()
