"""The organisations of the register; an organisation that is also a processor shows its
processor register as a separate entry under it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain.fields import FIELD_LABELS, long_label
from ropa_desktop.i18n import _
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.entities import ENTITIES
from ropa_desktop.ui.dialogs import ask_text
from ropa_desktop.ui.organisation_dialog import OrganisationDialog
from ropa_desktop.ui.session import RegisterSession, edit_text

ORG_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
# Device-independent pixels below which a window is narrow: a 1366 × 768 laptop at 150 % (911) or 200 % (683).
NARROW_WINDOW = 1000


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is yes


class OrganisationSidebar(QWidget):
    """The organisations of the register, in the left part of the window's splitter.

    With one organisation the sidebar takes only what its name needs, and on a narrow window none at all:
    the window title names the organisation and Edit ▸ Organisation details opens it. With several it stays
    (it is how one switches between them), at most a fifth of the width. View ▸ Organisations pane or dragging
    the splitter shows or hides it, and that choice then holds while the window is open.
    """

    selected = Signal(int, str)  # organisation id, register kind
    pane_visibility_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organisationSidebar")
        self.session: RegisterSession | None = None
        self.chosen_visible: bool | None = None  # the user's own choice (menu or splitter), once made
        self._narrow: bool | None = None
        self._watched: QSplitter | None = None
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Organisations"))
        self.tree.currentItemChanged.connect(self._current_changed)
        # The organisation's own details: double-click, Enter or the context menu.
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.edit_organisation(int(item.data(0, ORG_ROLE))))
        self.tree.installEventFilter(self)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        # The organisation's own details (name, contact, DPO) were found only by double-click: a button too.
        self.details_button = QPushButton(_("Details…"), self)
        self.details_button.setAccessibleName(_("Organisation details"))
        self.details_button.setToolTip(_("Name, organisation number, contact and data protection officer"))
        self.details_button.clicked.connect(self.edit_current)
        self.details_button.setEnabled(False)  # until a register is open
        self.add_button = QPushButton(_("Add"), self)
        self.add_button.setAccessibleName(_("Add organisation"))
        self.rename_button = QPushButton(_("Rename"), self)
        self.rename_button.setAccessibleName(_("Rename organisation"))
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setAccessibleName(_("Remove organisation"))
        self.add_button.clicked.connect(self.add_organisation)
        self.rename_button.clicked.connect(self.rename_organisation)
        self.remove_button.clicked.connect(self.remove_organisation)
        # Stacked, not side by side: the sidebar stays narrow (a laptop screen needs the width for
        # the purpose table), and long Norwegian button texts never widen it.
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        for b in (self.details_button, self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    # ------------------------------------------------------------------ place in the window

    def _splitter(self) -> QSplitter | None:
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter) or len(splitter.sizes()) != 2:
            return None
        if self._watched is not splitter:
            self._watched = splitter
            splitter.installEventFilter(self)  # window resizes: narrow or wide now?
            splitter.splitterMoved.connect(self._dragged)
        return splitter

    def pane_visible(self) -> bool:
        splitter = self._splitter()
        return splitter is not None and splitter.sizes()[0] > 0

    def set_pane_visible(self, visible: bool) -> None:
        """Show or hide the sidebar as the user asks (View ▸ Organisations pane)."""
        self.chosen_visible = visible
        self._place(visible)

    def fit(self) -> None:
        """The sidebar's width for this register and window (see the class's description)."""
        splitter = self._splitter()
        if splitter is None:
            return
        self._narrow = splitter.width() < NARROW_WINDOW
        if self.chosen_visible is not None:
            self._place(self.chosen_visible)
        else:
            self._place(not (self._narrow and self.organisation_count() <= 1))

    def _place(self, visible: bool) -> None:
        splitter = self._splitter()
        if splitter is None:
            return
        sizes = splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        if not visible:
            splitter.setSizes([0, total])
        else:
            width = self.compact_width()
            if self.organisation_count() > 1:
                width = min(width, max(self.minimumSizeHint().width(), total // 5))
            if sizes[0] == 0 or sizes[0] > width:
                splitter.setSizes([width, total - width])
        self.pane_visibility_changed.emit(splitter.sizes()[0] > 0)

    def _dragged(self, _position: int, _index: int) -> None:
        self.chosen_visible = self.pane_visible()
        self.pane_visibility_changed.emit(self.chosen_visible)

    def _resized(self) -> None:
        splitter = self._splitter()
        if splitter is not None and self._narrow is not None and (splitter.width() < NARROW_WINDOW) != self._narrow:
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._resized)  # after the splitter has shared out its new width
            return False
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and (current := self.current()) is not None
        ):
            self.edit_organisation(current[0])
            return True
        return super().eventFilter(watched, event)

    def _context_menu(self, position: QPoint) -> None:
        item = self.tree.itemAt(position)
        if item is not None:
            self.tree.setCurrentItem(item)
        menu = self.context_menu()
        menu.exec(self.tree.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("organisationMenu")
        editable = self.session is not None and not self.session.readonly
        current = self.current()
        details = menu.addAction(_("Organisation details…"))
        details.setEnabled(current is not None)
        if current is not None:
            details.triggered.connect(lambda: self.edit_organisation(current[0]))
        for text, slot, needs_current in (
            (_("Add organisation…"), self.add_organisation, False),
            (_("Rename…"), self.rename_organisation, True),
            (_("Remove"), self.remove_organisation, True),
        ):
            action = menu.addAction(text)
            action.setEnabled(editable and (current is not None or not needs_current))
            action.triggered.connect(slot)
        return menu

    def set_session(self, session: RegisterSession | None) -> None:
        self.session = session
        editable = session is not None and not session.readonly
        for b in (self.add_button, self.rename_button, self.remove_button):
            b.setEnabled(editable)
        self.details_button.setEnabled(session is not None)  # read-only registers show them too
        self.refresh()

    def refresh(self, keep: tuple[int, str] | None = None) -> None:
        keep = keep or self.current()
        self.tree.blockSignals(True)
        self.tree.clear()
        if self.session is not None:
            for o in rm.organisations(self.session.register):
                item = QTreeWidgetItem(self.tree, [o.name or _("(unnamed)")])
                item.setData(0, ORG_ROLE, o.id)
                item.setData(0, KIND_ROLE, "controller")
                item.setToolTip(0, _("Records of processing activities as controller"))
                if o.is_processor or o.has_processor_activities:
                    child = QTreeWidgetItem(item, [_("Processor register")])
                    child.setData(0, ORG_ROLE, o.id)
                    child.setData(0, KIND_ROLE, "processor")
                    font = child.font(0)
                    font.setItalic(True)
                    child.setFont(0, font)
                item.setExpanded(True)
        self.tree.blockSignals(False)
        target = self._find(keep) if keep else None
        if target is None and self.tree.topLevelItemCount():
            target = self.tree.topLevelItem(0)
        if target is None:
            return
        if self.tree.currentItem() is target:
            self._current_changed(target, None)  # no change signal will come: say it once here
        else:
            self.tree.setCurrentItem(target)  # its change signal shows the register (once)

    def compact_width(self) -> int:
        """The width the sidebar needs: the longest entry (or button), within sensible bounds."""
        metrics = self.tree.fontMetrics()
        texts = [b.text().replace("&", "") for b in (self.add_button, self.rename_button, self.remove_button)]
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                children = (top.child(j) for j in range(top.childCount()))
                texts += [top.text(0), *(f"    {c.text(0)}" for c in children if c is not None)]
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        return max(self.minimumSizeHint().width(), min(widest + 48, 30 * metrics.averageCharWidth()))

    def organisation_count(self) -> int:
        return self.tree.topLevelItemCount()

    def _find(self, key: tuple[int, str]) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for item in (top, *(top.child(j) for j in range(top.childCount()))):
                if item is not None and (item.data(0, ORG_ROLE), item.data(0, KIND_ROLE)) == key:
                    return item
        return None

    def select(self, organisation_id: int, kind: str = "controller") -> None:
        item = self._find((organisation_id, kind))
        if item is not None:
            self.tree.setCurrentItem(item)

    def current(self) -> tuple[int, str] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return int(item.data(0, ORG_ROLE)), str(item.data(0, KIND_ROLE))

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.selected.emit(int(item.data(0, ORG_ROLE)), str(item.data(0, KIND_ROLE)))

    def _name(self, organisation_id: int) -> str:
        if self.session is None:
            return ""
        return next((o.name for o in rm.organisations(self.session.register) if o.id == organisation_id), "")

    # ------------------------------------------------------------------ editing

    def add_organisation(self) -> None:
        """A new organisation with all its details, entered in one dialog: one undo step."""
        if self.session is None or self.session.readonly:
            return
        dialog = OrganisationDialog({}, self, adding=True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = {k: v for k, v in dialog.values().items() if v not in ("", None)}
        applied = self.session.perform(
            ops.Create("organisation", values), _("addition of {thing}").format(thing=_("organisation"))
        )
        if applied is not None and applied.record_id is not None:
            self.refresh((applied.record_id, "controller"))

    def edit_current(self) -> None:
        """The details of the organisation chosen in the list (the first one when none is)."""
        current = self.current()
        first = self.tree.topLevelItem(0)
        if current is None and first is not None:
            current = (int(first.data(0, ORG_ROLE)), "controller")
        if current is not None:
            self.edit_organisation(current[0])

    def edit_organisation(self, organisation_id: int, field: str = "") -> None:
        """The organisation dialog, its cursor in ``field`` (a finding's); OK is one undoable update."""
        if self.session is None:
            return
        values = rm.organisation_details(self.session.register, organisation_id)
        if values is None:
            return
        dialog = OrganisationDialog(values, self)
        if self.session.readonly:
            for widget in dialog.widgets.values():
                widget.setEnabled(False)
        if field:
            dialog.focus_field(field)
        if dialog.exec() != QDialog.DialogCode.Accepted or self.session.readonly:
            return
        changes = dialog.changes()
        if not changes:
            return
        label = (
            edit_text(_field_msgid(next(iter(changes))))
            if len(changes) == 1
            else edit_text(ENTITIES["organisation"].label)
        )
        expected = {name: values[name] for name in changes if name in values}  # what the dialog showed
        self.session.perform(ops.Update("organisation", organisation_id, changes, expected=expected), label)

    def rename_organisation(self) -> None:
        current = self.current()
        if self.session is None or current is None:
            return
        old = self._name(current[0])
        name = ask_text(self, _("Rename organisation"), long_label("organisation", "name"), old)
        if name and name != old:
            self.session.perform(
                ops.Update("organisation", current[0], {"name": name}, expected={"name": old}),
                edit_text(FIELD_LABELS["organisation", "name"]),
            )

    def remove_organisation(self) -> None:
        current = self.current()
        if self.session is None or current is None:
            return
        name = self._name(current[0])
        text = _("Remove {name} and its whole register? You can undo this.").format(name=name)
        if confirm(self, _("Remove organisation"), text, _("Remove")):
            self.session.perform(
                ops.Delete("organisation", current[0]), _("removal of {thing}").format(thing=_("organisation"))
            )


def _field_msgid(field: str) -> str:
    from ropa_desktop.domain.fields import FIELD_LABELS

    return FIELD_LABELS.get(("organisation", field)) or FIELD_LABELS.get(("*", field)) or field
