"""Dialogs for the version-2 fields of an activity: legal bases for parts, choice lists, DPIA screening."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.checks.dpia import RESULT_LABELS, Screening
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.fields import field_label
from ropa_desktop.domain.labels import label
from ropa_desktop.domain.validation import ENTRY_SCHEMAS
from ropa_desktop.i18n import _
from ropa_desktop.ui.dialogs import standard_buttons

ENTRY_KEYS = list(ENTRY_SCHEMAS[(m.ProcessingActivity, "legal_bases")])


class ChoicesDialog(QDialog):
    """Tick any of a vocabulary's values (marketing channels, cookie purposes, transfer mechanisms),
    or of given (value, text) pairs (a transfer's recipients)."""

    def __init__(
        self,
        title: str,
        vocabulary: type[StrEnum] | Sequence[tuple[str, str]],
        chosen: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        pairs = [(m.value, label(m)) for m in vocabulary] if isinstance(vocabulary, type) else list(vocabulary)
        for value, text in pairs:
            box = QCheckBox(text, self)
            box.setChecked(value in chosen)
            layout.addWidget(box)
            self.boxes[value] = box
        layout.addWidget(standard_buttons(self))

    def chosen(self) -> list[str]:
        return [value for value, box in self.boxes.items() if box.isChecked()]


class LegalBasesDialog(QDialog):
    """The further legal bases of an activity, one row each: letter, the part it covers, and its notes."""

    def __init__(self, entries: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(field_label("activity", "legal_bases"))
        self.resize(900, 320)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(ENTRY_KEYS), self)
        self.table.setHorizontalHeaderLabels([field_label("legal_basis_entry", k) for k in ENTRY_KEYS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(field_label("activity", "legal_bases"))
        layout.addWidget(self.table)
        for entry in entries:
            self.add_row(entry)
        add = QPushButton(_("Add &row"), self)
        add.clicked.connect(lambda _checked=False: self.add_row({"basis": e.LegalBasis.CONSENT.value}))
        remove = QPushButton(_("&Remove row"), self)
        remove.clicked.connect(lambda _checked=False: self.table.removeRow(max(0, self.table.currentRow())))
        layout.addWidget(add)
        layout.addWidget(remove)
        layout.addWidget(standard_buttons(self))

    def add_row(self, entry: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox(self.table)
        for member in e.LegalBasis:
            combo.addItem(f"{member.value}) {label(member)}", member.value)
        combo.setCurrentIndex(max(0, combo.findData(entry.get("basis"))))
        self.table.setCellWidget(row, 0, combo)
        for column, key in enumerate(ENTRY_KEYS[1:], start=1):
            self.table.setItem(row, column, QTableWidgetItem(str(entry.get(key, ""))))

    def entries(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 0)
            assert isinstance(combo, QComboBox)
            entry: dict[str, Any] = {"basis": combo.currentData()}
            for column, key in enumerate(ENTRY_KEYS[1:], start=1):
                item = self.table.item(row, column)
                text = item.text().strip() if item is not None else ""
                if text:
                    entry[key] = text
            out.append(entry)
        return out


def screening_lines(screening: Screening) -> list[str]:
    """What the detail pane shows: the result and why, then each item that applies and its reason."""
    why, params = screening.why()
    lines = [f"{_(RESULT_LABELS[screening.result])}: {_(why).format(**params)}"]
    if screening.decided is not None and screening.decided is not screening.result:
        lines.append(_("Decided: {result}").format(result=_(RESULT_LABELS[screening.decided])))
    for item in (*screening.applying_list_items, *screening.applying_criteria):
        reason = _(item.reason).format(**item.reason_params) if item.reason else _("confirmed by you")
        lines.append(f"{_label_of(item.key)}: {reason}")
    return lines


def _label_of(key: str) -> str:
    for vocabulary in (e.DpiaCriterion, e.DpiaListItem):
        if key in vocabulary._value2member_map_:
            return label(vocabulary(key))
    return key


class ScreeningDialog(QDialog):
    """Confirm or override each criterion: checked = applies, unchecked = does not, partly = as derived."""

    def __init__(self, screening: Screening, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("DPIA screening"))
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        hint = QLabel(
            _(
                "Each item is pre-filled from the register, with the reason. Tick to confirm it applies, "
                "untick to override, or leave it half-ticked to follow the register."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        items = (*screening.list_items, *screening.criteria)
        self.table = QTableWidget(len(items), 3, self)
        self.table.setHorizontalHeaderLabels([_("Criterion"), _("Derived from the register"), _("Note")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.keys: list[str] = []
        for row, item in enumerate(items):
            check = QTableWidgetItem(_label_of(item.key))
            check.setFlags(check.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsUserTristate)
            state = {None: Qt.CheckState.PartiallyChecked, True: Qt.CheckState.Checked, False: Qt.CheckState.Unchecked}
            check.setCheckState(state[item.answer])
            check.setFlags(check.flags() & ~Qt.ItemFlag.ItemIsEditable)
            derived = _(item.reason).format(**item.reason_params) if item.derived else _("no")
            reason = QTableWidgetItem(derived)
            reason.setFlags(reason.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, check)
            self.table.setItem(row, 1, reason)
            self.table.setItem(row, 2, QTableWidgetItem(item.note))
            self.keys.append(item.key)
        layout.addWidget(self.table)
        layout.addWidget(standard_buttons(self))

    def answers(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for row, key in enumerate(self.keys):
            check, note_item = self.table.item(row, 0), self.table.item(row, 2)
            note = note_item.text().strip() if note_item is not None else ""
            state = check.checkState() if check is not None else Qt.CheckState.PartiallyChecked
            entry: dict[str, Any] = {"criterion": key}
            if state != Qt.CheckState.PartiallyChecked:
                entry["applies"] = state == Qt.CheckState.Checked
            if note:
                entry["note"] = note
            if len(entry) > 1:
                out.append(entry)
        return out
