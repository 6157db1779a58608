"""The editors for list-valued cells: operations, categories, legal basis."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
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
from ropa_desktop.domain.category_hints import CATEGORY_FLAGS, suggest_flags, suggested_flags
from ropa_desktop.domain.enums import LegalBasis, SpecialCategoryCondition
from ropa_desktop.domain.fields import field_label, long_label, tooltip
from ropa_desktop.i18n import _
from ropa_desktop.interchange.editing import CategoryChoices, Choice
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


def picked(picker: CategoryPickerDialog, before: list[int]) -> CategoryChoices | None:
    """What an accepted picker changed, or None when it changed nothing."""
    choices = picker.choices()
    if list(choices.chosen) == before and not choices.changed_flags:
        return None
    return choices


class CategoryPickerDialog(QDialog):
    """Choose categories: type to filter, tick, Enter ticks the best match; a new category is made
    only through the explicit "Create «X»" entry. Personal-data categories show their flags as
    check boxes beside the list (for the selected category); a new one starts with the flags its
    name suggests (health data, national identity numbers)."""

    def __init__(
        self,
        categories: dict[int, rm.Category],
        chosen: list[int],
        parent: QWidget | None = None,
        flags: Mapping[int, Mapping[str, Any]] | None = None,
    ) -> None:
        super().__init__(parent)
        title = field_label("activity", "personal_data")
        self.setWindowTitle(title)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(_("Type to filter, Enter to tick the match"))
        self.filter.setAccessibleName(_("Filter categories"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        # Flags of each category, by id (existing) or name (new): None when this picker shows none.
        self._flags: dict[Choice, dict[str, bool]] | None = None
        self._saved_flags: dict[int, dict[str, bool]] = {}
        if flags is not None:
            self._saved_flags = {cid: {f: bool(v.get(f)) for f in CATEGORY_FLAGS} for cid, v in flags.items()}
            self._flags = {cid: dict(v) for cid, v in self._saved_flags.items()}
        order = chosen + [c for c in categories if c not in chosen]
        for cid in order:
            category = categories.get(cid)
            if category is None:
                continue
            item = QListWidgetItem(category.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cid in chosen else Qt.CheckState.Unchecked)
            self._mark_special(item, category.special)
        self.create_item = QListWidgetItem("", self.list)
        self.create_item.setData(Qt.ItemDataRole.UserRole, None)
        self.create_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.create_item.setHidden(True)
        self.add = _button(_("Create new category…"), self)
        self.add.setEnabled(False)
        self.add.clicked.connect(self.add_new)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.itemDoubleClicked.connect(self._activated)
        self.flag_boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        if self._flags is not None:
            group = QGroupBox(_("Flags of the selected category"), self)
            group_layout = QVBoxLayout(group)
            for name in CATEGORY_FLAGS:
                box = QCheckBox(field_label("personal_data", name), group)
                box.setToolTip(tooltip("personal_data", name))
                box.toggled.connect(lambda on, flag=name: self._set_flag(flag, on))
                group_layout.addWidget(box)
                self.flag_boxes[name] = box
            self.hint = QLabel("", group)
            self.hint.setWordWrap(True)
            group_layout.addWidget(self.hint)
            group_layout.addStretch(1)
            row.addWidget(group)
            self.list.currentItemChanged.connect(lambda *_a: self._show_flags())
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addLayout(row, 1)
        layout.addWidget(self.add)
        layout.addWidget(standard_buttons(self))
        self._show_flags()
        self.resize(640 if self._flags is not None else 460, 480)

    @staticmethod
    def _mark_special(item: QListWidgetItem, special: bool) -> None:
        font = item.font()
        font.setBold(special)
        item.setFont(font)
        name = str(item.data(Qt.ItemDataRole.UserRole + 1) or item.text())
        item.setData(Qt.ItemDataRole.UserRole + 1, name)
        item.setText(_("{name} (special category)").format(name=name) if special else name)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count()) if self.list.item(i) is not self.create_item]

    @staticmethod
    def _name(item: QListWidgetItem) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole + 1) or item.text())

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        exact = False
        for item in self._items():
            name = self._name(item).casefold()
            item.setHidden(bool(needle) and needle not in name)
            exact = exact or name == needle
        offer = bool(needle) and not exact
        self.create_item.setHidden(not offer)
        self.create_item.setText(_("Create «{name}»").format(name=text.strip()) if offer else "")
        self.add.setEnabled(offer)
        self.add.setText(_("Create «{name}»").format(name=text.strip()) if offer else _("Create new category…"))

    def tick_match(self) -> None:
        """Enter in the filter: tick the category named exactly so, else the first one shown. With
        no match it only points at "Create «X»": half-typed text never becomes a category."""
        needle = self.filter.text().strip().casefold()
        if not needle:
            return
        shown = [item for item in self._items() if not item.isHidden()]
        match = next((i for i in shown if self._name(i).casefold() == needle), shown[0] if shown else None)
        if match is None:
            # Focus on the entry: a second Enter makes the category, deliberately and visibly.
            self.list.setCurrentItem(self.create_item)
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        match.setCheckState(Qt.CheckState.Checked)
        self.filter.clear()
        self.list.setCurrentItem(match)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Enter in the filter (with text) ticks the match, on a list entry ticks or creates it; only
        from an empty filter does it close the dialog (both widgets would pass it on to OK)."""
        enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        if enter and watched is self.filter and self.filter.text().strip():
            self.tick_match()
            return True
        if enter and watched is self.list and self.list.currentItem() is not None:
            self._activated(self.list.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _activated(self, item: QListWidgetItem) -> None:
        if item is self.create_item:
            self.add_new()
        elif item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def add_new(self) -> None:
        """The explicit "Create «X»": a new category named as typed, ticked, with the suggested flags."""
        name = self.filter.text().strip()
        if not name:
            return
        for item in self._items():
            if self._name(item).casefold() == name.casefold():
                item.setCheckState(Qt.CheckState.Checked)
                self.filter.clear()
                return
        item = QListWidgetItem(name, self.list)
        self.list.insertItem(self.list.row(self.create_item), self.list.takeItem(self.list.row(item)))
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        if self._flags is not None:
            self._flags[name] = dict.fromkeys(CATEGORY_FLAGS, False) | suggested_flags(name)
            self._mark_special(item, self._flags[name]["special"])
        self.filter.clear()
        self.list.setCurrentItem(item)
        self._show_flags()

    def _current_key(self) -> Choice | None:
        item = self.list.currentItem()
        if item is None or item is self.create_item:
            return None
        key: Choice = item.data(Qt.ItemDataRole.UserRole)
        return key

    def _show_flags(self) -> None:
        if self._flags is None:
            return
        key = self._current_key()
        values = self._flags.get(key, {}) if key is not None else {}
        for name, box in self.flag_boxes.items():
            box.blockSignals(True)
            box.setChecked(bool(values.get(name)))
            box.setEnabled(key is not None)
            box.blockSignals(False)
        hint = suggest_flags(self._name(self.list.currentItem())) if key is not None else None
        missing = hint is not None and (
            (hint.special and not values.get("special")) or (hint.national_id and not values.get("national_id"))
        )
        self.hint.setText(_("The name suggests a flag that is not ticked.") if missing else "")

    def _set_flag(self, flag: str, on: bool) -> None:
        key = self._current_key()
        if self._flags is None or key is None:
            return
        self._flags.setdefault(key, dict.fromkeys(CATEGORY_FLAGS, False))[flag] = on
        if flag == "special":
            self._mark_special(self.list.currentItem(), on)
        self._show_flags()

    def set_checked(self, name: str, checked: bool = True) -> None:
        for item in self._items():
            if self._name(item) == name or item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[Choice]:
        return [
            item.data(Qt.ItemDataRole.UserRole) for item in self._items() if item.checkState() == Qt.CheckState.Checked
        ]

    def choices(self) -> CategoryChoices:
        """The chosen categories with the flags of new ones and the flags changed on existing ones."""
        flags = self._flags or {}
        new = {k: {f: True for f, on in v.items() if on} for k, v in flags.items() if isinstance(k, str)}
        changed = {
            k: {f: on for f, on in v.items() if on != self._saved_flags.get(k, {}).get(f, False)}
            for k, v in flags.items()
            if isinstance(k, int)
        }
        return CategoryChoices(tuple(self.chosen()), new, {k: v for k, v in changed.items() if v})


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
