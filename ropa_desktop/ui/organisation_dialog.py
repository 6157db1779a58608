"""The organisation's own details (art. 30(1)(a) and 30(2)(a)): name, org.nr., contact, DPO
(and whether one is required, art. 37), representative, joint controllers, its roles, the source
the register was drawn from, and notes.

Opened from the sidebar (double-click, Enter, context menu), when an
organisation is added, and from any finding about the organisation. OK makes
one store operation of every change, so the whole dialog is one undo step.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain.enums import DpiaNeed
from ropa_desktop.domain.fields import field_label
from ropa_desktop.domain.labels import LABELS
from ropa_desktop.domain.validation import orgnr_problem
from ropa_desktop.i18n import N_, _
from ropa_desktop.ui.dialogs import standard_buttons
from ropa_desktop.ui.wheel_guard import guard_wheel

# The form, in the order of art. 30(1)(a): who, how to reach them, then the DPO and representative.
IDENTITY = ("name", "orgnr", "address", "email", "phone", "contact_person")
DPO = ("dpo_name", "dpo_contact")
DPO_ASSESSMENT = ("dpo_required", "dpo_assessment")  # art. 37: required, and why not when none is appointed
SOURCE = ("source_date", "source_version")  # the notice or document the register was drawn from
REPRESENTATIVE = ("representative_name", "representative_contact")
ROLES = ("is_controller", "is_processor")
LONG = ("joint_controllers", "notes")
FIELDS = (*IDENTITY, *DPO, *DPO_ASSESSMENT, *REPRESENTATIVE, *ROLES, *SOURCE, *LONG)
# dpo_required is three-valued: not assessed yet (None), required, not required.
DPO_REQUIRED_CHOICES: tuple[tuple[bool | None, str], ...] = (
    (None, LABELS[(DpiaNeed, DpiaNeed.UNASSESSED.value)]),  # the one wording of "not assessed" (domain/labels.py)
    (True, N_("Required")),
    (False, N_("Not required")),
)


def _heading(field: str) -> str:
    return field_label("organisation", field)


class OrganisationDialog(QDialog):
    def __init__(self, values: dict[str, Any], parent: QWidget | None = None, *, adding: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("organisationDialog")
        self.setWindowTitle(_("Add organisation") if adding else _("Organisation details"))
        self._original = {name: values.get(name) for name in FIELDS}
        self._country = str(values.get("country") or "NO")
        self.widgets: dict[str, QWidget] = {}
        self.focused_field = ""  # the field a finding opened the dialog on
        # The form scrolls and the buttons stay: at 1366x768 the whole form is taller than the screen,
        # and OK was below its edge.
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(scroll)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        layout = QVBoxLayout(content)

        identity = QFormLayout()
        self.orgnr_status = QLabel(self)
        self.orgnr_status.setObjectName("orgnrStatus")
        self.orgnr_status.setWordWrap(True)
        for name in IDENTITY:
            identity.addRow(self._caption(name, wrap=False), self._line(name))  # short: a wrapped one was clipped
            if name == "orgnr":
                identity.addRow("", self.orgnr_status)  # right under the number, as the user types
        layout.addLayout(identity)
        for title, names in ((_heading("dpo_name"), DPO), (_heading("representative_name"), REPRESENTATIVE)):
            group = QGroupBox(title, self)
            form = QFormLayout(group)
            for name in names:
                form.addRow(self._caption(name), self._line(name))
            if names is DPO:
                required = QComboBox(group)
                required.setObjectName("org_dpo_required")
                required.setAccessibleName(_heading("dpo_required"))
                for value, msgid in DPO_REQUIRED_CHOICES:
                    required.addItem(_(msgid), value)
                required.setCurrentIndex(
                    next(i for i, (v, _m) in enumerate(DPO_REQUIRED_CHOICES) if v == values.get("dpo_required"))
                )
                self.widgets["dpo_required"] = required
                form.addRow(self._caption("dpo_required"), required)
                form.addRow(self._caption("dpo_assessment"), self._line("dpo_assessment"))
            layout.addWidget(group)
        roles = QGroupBox(_("Role"), self)
        roles_layout = QVBoxLayout(roles)
        for name in ROLES:
            box = QCheckBox(_heading(name), roles)
            box.setAccessibleName(_heading(name))
            box.setChecked(bool(values.get(name, name == "is_controller")))
            self.widgets[name] = box
            roles_layout.addWidget(box)
        layout.addWidget(roles)
        source = QFormLayout()
        for name in SOURCE:
            source.addRow(self._caption(name), self._line(name))
        self.line("source_date").setPlaceholderText(_("YYYY-MM-DD"))
        self.source_date_status = QLabel(self)
        self.source_date_status.setWordWrap(True)
        source.addRow("", self.source_date_status)
        layout.addLayout(source)
        long_form = QFormLayout()
        long_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for name in LONG:
            edit = QPlainTextEdit(str(values.get(name) or ""), self)
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(_heading(name))
            edit.setMaximumHeight(64)
            self.widgets[name] = edit
            long_form.addRow(self._caption(name), edit)
        layout.addLayout(long_form)

        self.buttons = standard_buttons(self)
        outer.addWidget(self.buttons)
        for name in (*IDENTITY, *DPO, "dpo_assessment", *REPRESENTATIVE, *SOURCE):
            self.line(name).setText(str(values.get(name) or ""))
        for name in ("orgnr", "name", "source_date"):
            self.line(name).textChanged.connect(self._check_orgnr)
        self._check_orgnr()
        guard_wheel(self)  # scrolling over the form never changes the DPO choice
        self.resize(600, 640)

    def _caption(self, name: str, wrap: bool = True) -> QLabel:
        caption = QLabel(_heading(name), self)
        caption.setWordWrap(wrap)
        return caption

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(f"org_{name}")
        line.setAccessibleName(_heading(name))
        self.widgets[name] = line
        return line

    def line(self, name: str) -> QLineEdit:
        widget = self.widgets[name]
        assert isinstance(widget, QLineEdit)
        return widget

    def _check_orgnr(self) -> None:
        """As the user types: say what is wrong with the number; OK only for a valid one (or none)."""
        problem = orgnr_problem(self.line("orgnr").text(), self._country)
        self.orgnr_status.setText(_(problem) if problem else "")
        self.orgnr_status.setVisible(problem is not None)
        date_ok = _source_date(self.line("source_date").text()) is not False
        self.source_date_status.setText("" if date_ok else _("Write the date as YYYY-MM-DD, e.g. 2026-03-31."))
        self.source_date_status.setVisible(not date_ok)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None and date_ok and bool(self.line("name").text().strip()))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if name == "source_date":
                assert isinstance(widget, QLineEdit)
                parsed = _source_date(widget.text())
                out[name] = parsed if isinstance(parsed, date) else None
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QLineEdit):
                out[name] = widget.text().strip()
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText().strip()
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
        return out

    def changes(self) -> dict[str, Any]:
        """Only the fields the user changed (what the one update operation writes)."""
        return {
            name: value
            for name, value in self.values().items()
            if value != (self._original[name] if self._original[name] is not None else _empty(name, value))
        }

    def focus_field(self, name: str) -> bool:
        widget = self.widgets.get(name)
        if widget is None:
            return False
        self.focused_field = name
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return True


def _empty(name: str, value: Any) -> Any:
    if name in ("dpo_required", "source_date"):
        return None  # "not assessed" and "no date" are stored as null
    return False if isinstance(value, bool) else ""


def _source_date(text: str) -> date | bool | None:
    """The date typed (None when empty), or False when it is not a date."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return False
