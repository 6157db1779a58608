"""The live results of the completeness checks; activating one takes the user to the field."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.checks.engine import SEVERITY_LABELS, Finding, Severity
from ropa_desktop.i18n import N_, _, current, ngettext

Index = QModelIndex | QPersistentModelIndex
HEADERS = (N_("Severity"), N_("Finding"))
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_MARK = {Severity.ERROR: "●", Severity.WARNING: "▲", Severity.INFO: "○"}


class FindingsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._findings: list[Finding] = []
        self._texts: dict[int, str] = {}

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self._texts = {}  # rendered when first shown: a large register has hundreds of thousands
        self.endResetModel()

    def finding(self, row: int) -> Finding | None:
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings) or not 0 <= index.column() < 2:
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"{SEVERITY_MARK[finding.severity]} {_(SEVERITY_LABELS[finding.severity])}"
            text = self._texts.get(index.row())
            if text is None:
                text = self._texts[index.row()] = finding.render()
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.rule_id
        if role == FINDING_ROLE:
            return finding
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class FindingsPane(QWidget):
    """The findings of the organisation being edited, or (the user's choice) of every organisation."""

    activated = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPane")
        self.model = FindingsModel()
        self.organisation_id = 0
        self._all: list[Finding] = []
        self._checking = False
        self._counts: Counter[Severity] = Counter()
        self._by_organisation: dict[int, Counter[Severity]] = {}
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # "3 errors, 12 warnings, …" must not widen the window at 200 %
        self.show_all = QCheckBox(_("Show all organisations"), self)
        self.show_all.setObjectName("showAllFindings")
        self.show_all.setAccessibleName(_("Show the findings of all organisations"))
        self.show_all.toggled.connect(lambda _on: self._show())
        self.view = QTableView(self)
        self.view.setObjectName("findingsTable")
        self.view.setAccessibleName(_("Findings"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        # activated covers Enter and the platform's click (a double-click here); listening to doubleClicked
        # as well opened the organisation dialog twice.
        self.view.activated.connect(self._activated)
        self.view.setMinimumHeight(self.fontMetrics().height() * 3)  # a header and two rows: short screens at 200 %
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.show_all)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

    def show_checking(self) -> None:
        """A register was opened: its checks run after the first paint; until then the pane says so."""
        self._all = []
        self._checking = True
        self._show()

    def set_findings(
        self,
        findings: list[Finding],
        counts: Counter[Severity] | None = None,
        by_organisation: dict[int, Counter[Severity]] | None = None,
    ) -> None:
        """Keep ``findings``; ``counts`` (by severity, and per organisation) cover all of them when only
        the first are given."""
        self._all = list(findings)
        self._checking = False
        self._counts = counts if counts is not None else Counter(f.severity for f in findings)
        if by_organisation is None:
            by_organisation = {}
            for f in findings:
                by_organisation.setdefault(f.organisation_id, Counter())[f.severity] += 1
        self._by_organisation = by_organisation
        self._show()

    def set_organisation(self, organisation_id: int) -> None:
        if organisation_id != self.organisation_id:
            self.organisation_id = organisation_id
            self._show()

    def _show(self) -> None:
        if self._checking:  # until the first findings of an opened register are in
            self.model.set_findings([])
            self.summary.setText(_("Checking…"))
            return
        if self.show_all.isChecked() or not self.organisation_id:
            findings, counts = self._all, self._counts
        else:
            findings = [f for f in self._all if f.organisation_id == self.organisation_id]
            counts = self._by_organisation.get(self.organisation_id, Counter())
        self.model.set_findings(findings)
        total = sum(counts.values())
        errors = counts.get(Severity.ERROR, 0)
        fmt = current().format_number
        text = (
            ngettext("{count} finding", "{count} findings", total).format(count=fmt(total))
            + " · "
            + ngettext("{count} error", "{count} errors", errors).format(count=fmt(errors))
        )
        if total > len(findings):
            text += " · " + _("showing the first {count}").format(count=fmt(len(findings)))
        self.summary.setText(text)

    def _activated(self, index: QModelIndex) -> None:
        finding = self.model.finding(index.row())
        if finding is not None:
            self.activated.emit(finding)
