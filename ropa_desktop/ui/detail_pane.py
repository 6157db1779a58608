"""The selected activity's other art. 30 fields: who, from where, to whom, security, DPIA, owner, status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.checks.dpia import screen
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import labels as lb
from ropa_desktop.domain.fields import FieldInfo, FieldKind, face, tooltip
from ropa_desktop.domain.labels import label as lb_label
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister
from ropa_desktop.i18n import _, current
from ropa_desktop.interchange import editing
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.conflicts import seen
from ropa_desktop.ui.dialogs import CategoryPickerDialog, picked
from ropa_desktop.ui.legal_dialogs import ChoicesDialog, LegalBasesDialog, ScreeningDialog, screening_lines
from ropa_desktop.ui.session import RegisterSession, edit_text

_DETAIL_KIND = {
    FieldKind.TEXT: "text",
    FieldKind.BOOL: "bool",
    FieldKind.NUMBER: "int",
    FieldKind.ENUM: "enum",
    FieldKind.DATE: "date",
    FieldKind.LINK: "links",
}
# Links the detail pane edits: field -> (link, catalogue entity).
_LINKS = {
    "data_subjects": ("activity.data_subjects", "data_subject"),
    "sources": ("activity.sources", "source"),
    "recipients": ("activity.recipients", "recipient"),
    "security_measures": ("activity.security_measures", "security_measure"),
}
_LONG_TEXT = {"balancing_test", "notes", "dpia_need_reason"}
# Fields with an editor of their own (format version 2: entries, ticked choices, the DPIA screening).
_SPECIAL_KIND = {
    "client_id": "client",
    "transfers": "readonly",
    "legal_bases": "entries",
    "marketing_channels": "choices",
    "tracking_purposes": "choices",
    "dpia_answers": "screening",
}
HELP_FIELD = "help_field"  # widget property: the activity field a control edits (F1, the guide)


@dataclass(frozen=True)
class DetailField:
    name: str
    label: str  # msgid: the field's long heading in the catalogue
    kind: str = "text"  # text | long | enum | date | int | links | readonly | client
    vocabulary: type[StrEnum] | None = None
    link: str = ""
    entity: str = ""  # the catalogue a link points into
    help: str = ""  # msgid: the catalogue's help text, shown as the tooltip


def _detail_field(info: FieldInfo) -> DetailField:
    if info.name in _SPECIAL_KIND:
        kind = _SPECIAL_KIND[info.name]
    elif info.name in _LONG_TEXT:
        kind = "long"
    else:
        kind = _DETAIL_KIND[info.kind]
    link, entity = _LINKS.get(info.name, ("", ""))
    return DetailField(info.name, info.long, kind, info.vocabulary, link, entity, info.help)


FIELDS: tuple[DetailField, ...] = tuple(_detail_field(f) for f in face("activity_detail"))
FIELD_NAMES = {f.name for f in FIELDS}


def _entry_text(entry: dict[str, Any]) -> str:
    basis = str(entry.get("basis", ""))
    text = f"{basis}) {lb_label(e.LegalBasis(basis))}" if basis in e.LegalBasis._value2member_map_ else basis
    covers = str(entry.get("covers", ""))
    return f"{text}: {covers}" if covers else text


class DetailPane(QScrollArea):
    """Edits commit when a field loses focus (text) or a choice is made (lists, combos)."""

    focused_field = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName(_("Activity details"))
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # labels wrap instead
        self.session: RegisterSession | None = None
        self.org: OrganisationRegister | None = None
        self.record: ActivityRecord | None = None
        self._loading = False
        self.out_of_reach = False  # a team register's server cannot be reached: shown read-only, as last read
        inner = QWidget(self)
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(
            9, 9, 9 + self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent), 9
        )  # room for the scroll bar
        self.title = QLabel(_("No activity selected"), inner)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        outer.addWidget(self.title)
        self.reach_note = QLabel(
            _(
                "The register server cannot be reached: this is the activity as last read. It can be "
                "changed again when the connection is back."
            ),
            inner,
        )
        self.reach_note.setObjectName("outOfReachNote")
        self.reach_note.setWordWrap(True)
        self.reach_note.hide()
        outer.addWidget(self.reach_note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above fields: a narrow pane
        self.widgets: dict[str, QWidget] = {}
        self.captions: dict[str, QLabel] = {}
        for spec in FIELDS:
            widget = self._make(spec, inner)
            widget.setAccessibleName(_(spec.label))
            widget.setProperty(HELP_FIELD, spec.name)  # F1 opens the guide at this field's section
            tip = tooltip("activity", spec.name)
            caption = QLabel(_(spec.label), inner)
            for part in (widget, caption, *widget.findChildren(QWidget)):
                part.setToolTip(tip)
            caption.setWordWrap(True)  # long Norwegian captions must not widen the pane
            caption.setBuddy(widget)
            form.addRow(caption, widget)
            self.widgets[spec.name] = widget
            self.captions[spec.name] = caption
        outer.addLayout(form)
        outer.addStretch(1)
        self.setWidget(inner)
        inner.installEventFilter(self)
        self.fit_width()
        self.show_activity(None, None, None)

    def _make(self, spec: DetailField, parent: QWidget) -> QWidget:
        if spec.kind == "bool":
            check = QCheckBox(parent)
            check.toggled.connect(lambda on, s=spec: self.commit(s.name, bool(on)))
            return check
        if spec.kind in ("links", "readonly", "choices", "entries", "screening"):
            box = QWidget(parent)
            # The text above its Edit… button, not beside it: the pane then needs only the longest word's
            # width, and the window fits a 1366 px screen at 200 %.
            row = QVBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(2)
            text = QLabel(box)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setObjectName("text")
            row.addWidget(text, 1)
            if spec.kind in ("links", "choices", "entries", "screening"):
                button = QPushButton(_("Edit…"), box)
                button.setAccessibleName(_("Edit {field}").format(field=_(spec.label)))
                button.clicked.connect(lambda _checked=False, s=spec: self.edit_links(s))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            return box
        if spec.kind == "long":
            edit = QPlainTextEdit(parent)
            edit.setProperty("field", spec.name)
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(90)
            edit.installEventFilter(self)
            return edit
        if spec.kind == "client":
            clients = QComboBox(parent)  # filled per organisation in show_activity
            clients.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            clients.setMinimumContentsLength(12)
            clients.activated.connect(lambda _i, s=spec, c=clients: self.commit(s.name, c.currentData()))
            return clients
        if spec.kind == "enum":
            combo = QComboBox(parent)
            # Long choices (art. 9(2) conditions) must not make the pane wider than its splitter
            # share: the pane has no horizontal scrollbar, so the combo shrinks and elides instead.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            if spec.name not in ("dpia_need", "status"):
                combo.addItem("", None)
            assert spec.vocabulary is not None
            for value, shown in lb.labels_of(spec.vocabulary):
                combo.addItem(shown, value)
            combo.activated.connect(lambda _i, s=spec, c=combo: self.commit(s.name, c.currentData()))
            return combo
        if spec.kind == "int":
            spin = QSpinBox(parent)
            spin.setRange(0, 1000)
            spin.setSpecialValueText(_("not set"))
            spin.editingFinished.connect(lambda s=spec, w=spin: self.commit(s.name, w.value() or None))
            return spin
        line = QLineEdit(parent)
        if spec.kind == "date":
            line.setPlaceholderText(_("YYYY-MM-DD"))
        line.editingFinished.connect(lambda s=spec, w=line: self.commit(s.name, self._text_value(s, w.text())))
        return line

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.FocusOut:
            self.commit(str(watched.property("field")), watched.toPlainText())
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            # The form's minimum is known only once its labels are laid out (a shown activity's
            # longest word): widen then, or a control would end beyond the pane's right edge.
            QTimer.singleShot(0, self, self.fit_width)
        return super().eventFilter(watched, event)

    @staticmethod
    def _text_value(spec: DetailField, text: str) -> Any:
        if spec.kind == "date":
            return text.strip() or None
        return text

    def set_session(self, session: RegisterSession | None) -> None:
        self.session = session
        self.out_of_reach = False
        self.show_activity(None, None, None)

    def show_activity(
        self, session: RegisterSession | None, org: OrganisationRegister | None, record: ActivityRecord | None
    ) -> None:
        self.org, self.record = org, record
        self._loading = True
        enabled = (
            record is not None
            and session is not None
            and not session.readonly
            and not session.connection_lost
            and not self.out_of_reach
        )
        if record is not None:
            self.title.setText(record.activity.purpose or _("(no purpose)"))
        elif self.out_of_reach:
            self.title.setText(
                _("The register server cannot be reached: the activity is shown when the connection is back.")
            )
        else:
            self.title.setText(_("No activity selected"))
        self.reach_note.setVisible(record is not None and self.out_of_reach)
        processor = record is not None and record.activity.register_kind == "processor"
        for spec in FIELDS:
            widget = self.widgets[spec.name]
            widget.setEnabled(record is not None)
            value = self._value(spec)
            if spec.kind == "client":
                self._fill_clients(widget, org, value)
                widget.setVisible(processor)
                self.captions[spec.name].setVisible(processor)
                widget.setEnabled(enabled)
                continue
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
                widget.setEnabled(enabled)
                continue
            if spec.kind in ("links", "readonly", "choices", "entries", "screening"):
                label = widget.findChild(QLabel, "text")
                assert label is not None
                label.setText("\n".join(f"• {v}" for v in value) if value else _("None"))
                for button in widget.findChildren(QPushButton):
                    button.setEnabled(enabled)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
                widget.setReadOnly(not enabled)
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
                widget.setEnabled(enabled)
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value or 0))
                widget.setReadOnly(not enabled)
            elif isinstance(widget, QLineEdit):
                if isinstance(value, date):
                    widget.setText(value.isoformat())
                    widget.setToolTip(f"{tooltip('activity', spec.name)}\n{current().format_date(value)}")
                else:
                    widget.setText("" if value is None else str(value))
                widget.setReadOnly(not enabled)
        self._loading = False
        self.fit_width()

    def show_out_of_reach(self, activity_id: int | None) -> None:
        """The server did not answer: keep the activity on show, read-only, when it is the one asked for
        (the user sees what they were working on, and that it cannot change now); else say why it is not."""
        self.out_of_reach = True
        same = self.record is not None and activity_id is not None and self.record.activity.id == activity_id
        self.show_activity(self.session, self.org if same else None, self.record if same else None)

    def set_reachable(self, reachable: bool) -> None:
        """The team register's connection was lost or is back: the activity shown stays, editable again or not."""
        self.out_of_reach = not reachable
        self.show_activity(self.session, self.org, self.record)

    def fit_width(self) -> None:
        """Never narrower than its widest control or longest word (a shown activity's lists can hold
        "sikkerhetsforanstaltninger"): the pane scrolls vertically, never sideways."""
        inner = self.widget()
        if inner is None:
            return
        scroll = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(inner.minimumSizeHint().width() + scroll + 2 * self.frameWidth())

    @staticmethod
    def _fill_clients(widget: QWidget, org: OrganisationRegister | None, value: Any) -> None:
        assert isinstance(widget, QComboBox)
        widget.clear()
        widget.addItem("", None)
        for client in org.clients if org is not None else []:
            widget.addItem(client.name, client.id)
        widget.setCurrentIndex(max(0, widget.findData(value)))

    def _value(self, spec: DetailField) -> Any:
        if self.record is None or self.org is None:
            return None
        org, rec = self.org, self.record
        if spec.name == "data_subjects":
            return [org.data_subjects_by_id[i].name for i in rec.data_subject_ids if i in org.data_subjects_by_id]
        if spec.name == "sources":
            return [org.sources_by_id[i].name for i in rec.source_ids if i in org.sources_by_id]
        if spec.name == "recipients":
            return [org.recipients_by_id[i].recipient.name for i in rec.recipient_ids if i in org.recipients_by_id]
        if spec.name == "security_measures":
            sm = org.security_measures_by_id
            linked = [sm[i].name for i in rec.security_measure_ids if i in sm]
            # Organisation-wide measures cover this activity too (and the checks count them).
            everywhere = [
                _("{measure} (all activities)").format(measure=m.name)
                for m in org.security_measures
                if m.applies_to_all and m.id not in rec.security_measure_ids
            ]
            return linked + everywhere
        if spec.name == "transfers":
            out = []
            for rid in rec.recipient_ids:
                for t in org.transfers_for(rid):
                    name = org.recipients_by_id[rid].recipient.name if rid in org.recipients_by_id else ""
                    out.append(f"{name} → {current().country_name(t.country)}")
            return out
        if spec.kind == "choices" and spec.vocabulary is not None:
            return [lb_label(spec.vocabulary(v)) for v in getattr(rec.activity, spec.name)]
        if spec.kind == "entries":
            return [_entry_text(x) for x in rec.activity.legal_bases]
        if spec.kind == "screening":
            return screening_lines(screen(org, rec))
        return getattr(rec.activity, spec.name)

    def edit_v2(self, spec: DetailField) -> None:
        """The Edit… of the version-2 fields: choice lists, legal bases for parts, the DPIA screening."""
        if self.session is None or self.record is None or self.org is None or self.record.activity.id is None:
            return
        act = self.record.activity
        value: Any
        if spec.kind == "choices" and spec.vocabulary is not None:
            choices = ChoicesDialog(_(spec.label), spec.vocabulary, list(getattr(act, spec.name)), self)
            if choices.exec() != QDialog.DialogCode.Accepted:
                return
            value = choices.chosen()
        elif spec.kind == "entries":
            entries = LegalBasesDialog(list(act.legal_bases), self)
            if entries.exec() != QDialog.DialogCode.Accepted:
                return
            value = entries.entries()
        elif spec.kind == "screening":
            dialog = ScreeningDialog(screen(self.org, self.record), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            value = dialog.answers()
        else:
            return
        self.commit(spec.name, value)

    def commit(self, name: str, value: Any) -> None:
        if self._loading or self.session is None or self.record is None or self.record.activity.id is None:
            return
        if getattr(self.record.activity, name) == value or (
            value in ("", None) and not getattr(self.record.activity, name)
        ):
            return
        spec = next(f for f in FIELDS if f.name == name)
        changes = {name: value}
        update = ops.Update("activity", self.record.activity.id, changes, expected=seen(self.record.activity, changes))
        self.session.perform(update, edit_text(spec.label))

    def edit_links(self, spec: DetailField) -> None:
        if spec.kind != "links":
            self.edit_v2(spec)
            return
        if self.session is None or self.record is None or self.org is None or self.record.activity.id is None:
            return
        organisation_id = self.org.organisation.id or 0
        names = rm.records(self.session.register, spec.entity, organisation_id, ["name"])
        items = {int(r["id"]): rm.Category(int(r["id"]), str(r["name"])) for r in names}
        chosen = list(self.session.register.links(spec.link, self.record.activity.id))
        flags = (
            editing.category_flags(self.session.register, organisation_id) if spec.entity == "personal_data" else None
        )
        picker = CategoryPickerDialog(items, chosen, self, flags)
        picker.setWindowTitle(_(spec.label))
        choices = picked(picker, chosen) if picker.exec() == QDialog.DialogCode.Accepted else None
        if choices is None:
            return
        operation = editing.set_categories(
            self.session.register, organisation_id, spec.link, self.record.activity.id, choices, entity=spec.entity
        )
        self.session.perform(operation, edit_text(spec.label))

    def focus_field(self, name: str) -> bool:
        widget = self.widgets.get(name)
        if widget is None:
            return False
        self.ensureWidgetVisible(widget)
        # A list field is a label and its Edit… button: the button is what takes the keyboard.
        target = widget.findChild(QPushButton) or widget
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
