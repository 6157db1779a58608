"""File ▸ Approvals and history…: who approved which version, what changed since, and every edit.

Approvals are recorded by signing (File ▸ Sign…); the changes since the last
approval are the list the next board print-out carries. The history tab is the
automatic change log folded from the audit trail.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain.fields import field_label
from ropa_desktop.i18n import N_, _, current
from ropa_desktop.interchange.diff import changes_since
from ropa_desktop.store.history import summarise
from ropa_desktop.store.register import RegisterFile

CHANGE_KINDS = {"added": N_("Added"), "changed": N_("Changed"), "removed": N_("Removed")}


def _table(parent: QWidget, name: str, headings: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headings), parent)
    table.setObjectName(name)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headings)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class HistoryDialog(QDialog):
    def __init__(self, register: RegisterFile, organisation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr = current()
        snapshot = register.snapshot(organisation_id)
        org = snapshot.organisations[0] if snapshot.organisations else None
        name = org.organisation.name if org else ""
        self.setWindowTitle(_("Approvals and history — {organisation}").format(organisation=name))
        self.setAccessibleName(_("Approvals and history"))
        self.resize(900, 560)
        tabs = QTabWidget(self)

        approvals = sorted(org.approvals, key=lambda a: a.version) if org else []
        approvals_page = QWidget(tabs)
        layout = QVBoxLayout(approvals_page)
        self.approvals = _table(
            approvals_page,
            _("Approvals"),
            [field_label("approval", f) for f in ("version", "approved_on", "signers", "fingerprint")],
            [
                [str(a.version), tr.format_date(a.approved_on), ", ".join(a.signers), a.fingerprint[:16] + "…"]
                for a in approvals
            ],
        )
        layout.addWidget(self.approvals)
        if approvals and org is not None:
            latest = approvals[-1]
            changes = changes_since(latest, org)
            heading = _("Changes since approval version {version}").format(version=latest.version)
            rows = [
                [
                    tr.gettext(CHANGE_KINDS[c.kind]),
                    c.purpose,
                    ", ".join(dict.fromkeys(field_label("activity", f, tr) for f in c.fields)),
                ]
                for c in changes
            ]
            if not rows:
                heading += " — " + _("none")
        else:
            heading, rows = _("No approval recorded yet. Sign the register (File ▸ Sign…) to record one."), []
        layout.addWidget(QLabel(heading, approvals_page))
        self.changes = _table(
            approvals_page,
            _("Changes since the last approval"),
            [_("Change"), field_label("activity", "purpose"), _("Fields")],
            rows,
        )
        layout.addWidget(self.changes)
        tabs.addTab(approvals_page, _("Approvals"))

        names: dict[tuple[str, int], str] = {}
        if org is not None:
            names[("organisation", organisation_id)] = org.organisation.name
            names.update({("activity", a.activity.id or 0): a.activity.purpose for a in org.activities})
            names.update({("recipient", r.recipient.id or 0): r.recipient.name for r in org.recipients})
        lines = summarise(register.audit_trail(limit=5000), names, tr, organisation_id=organisation_id)
        self.history = _table(
            tabs,
            _("History"),
            [field_label("change_log", "when"), field_label("change_log", "text"), field_label("change_log", "who")],
            [[tr.format_datetime(line.when.astimezone(), "short"), line.what, line.who] for line in lines],
        )
        tabs.addTab(self.history, _("All changes"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout_main = QVBoxLayout(self)
        layout_main.addWidget(tabs)
        layout_main.addWidget(buttons)
