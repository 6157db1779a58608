"""Table views: multi-line cells that grow to fit, dialogs for list cells, combo boxes for choices."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ropa_desktop.domain import labels as lb
from ropa_desktop.domain.fields import field_label
from ropa_desktop.i18n import N_, _, current
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui import record_model as rec
from ropa_desktop.ui.dialogs import CategoryPickerDialog, LegalBasisDialog, ListEditorDialog, picked
from ropa_desktop.ui.headers import WrappingHeader
from ropa_desktop.ui.legal_dialogs import ChoicesDialog
from ropa_desktop.ui.row_heights import RowHeights
from ropa_desktop.ui.table_model import RegisterTableModel

Index = QModelIndex | QPersistentModelIndex
ScrollHint = QAbstractItemView.ScrollHint


CELL_PADDING = 6  # vertical breathing room so bullet lists do not touch the grid


class PaddedDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + CELL_PADDING)


class ChoiceDelegate(PaddedDelegate):
    """Combo boxes for enum, country and yes/no columns of a :class:`RecordTableModel`."""

    def __init__(self, spec: rec.TableSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec

    def _column(self, index: Index) -> rec.Column:
        return self.spec.columns[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        column = self._column(index)
        if column.kind not in ("enum", "country", "bool", "recipient"):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setAccessibleName(_(column.header))
        model = index.model()
        if column.kind == "recipient" and isinstance(model, rec.RecordTableModel):
            combo.addItem("", None)
            for rid, name in model.recipient_names().items():
                combo.addItem(name, rid)
        elif column.kind == "enum":
            if column.field in ("mechanism",):
                combo.addItem("", None)
            assert column.vocabulary is not None
            for value, text in lb.labels_of(column.vocabulary):
                combo.addItem(text, value)
        elif column.kind == "country":
            combo.addItem("", "")
            for code, name in current().countries():
                combo.addItem(name, code)
        else:
            combo.addItem(_("Unknown"), None)
            combo.addItem(_("Yes"), True)
            combo.addItem(_("No"), False)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            value = index.data(rec.VALUE_ROLE)
            found = editor.findData(value)
            editor.setCurrentIndex(max(0, found))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            if editor.currentData() != index.data(rec.VALUE_ROLE):
                model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        if editor.property("text") == index.data(Qt.ItemDataRole.EditRole):
            return  # unchanged: no empty undo step
        super().setModelData(editor, model, index)


class UnchangedSkippingDelegate(PaddedDelegate):
    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if editor.property("text") == index.data(Qt.ItemDataRole.EditRole):
            return
        super().setModelData(editor, model, index)


class RegisterTable(QTableView):
    """A table of the register: word-wrapped cells, rows sized to their content, dialogs for lists."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move between cells
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Rows grow to fit their wrapped text, measured when about to be seen (not all on every edit).
        self.row_heights = RowHeights(self)
        self.setHorizontalHeader(WrappingHeader(self))  # long Norwegian headings wrap, not cut off
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.setHighlightSections(False)
        self.setSortingEnabled(False)
        self.row_heights.watch_columns(header)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        self.row_heights.watch_model(model)

    def setHorizontalHeader(self, header: QHeaderView) -> None:  # noqa: N802
        super().setHorizontalHeader(header)
        self.row_heights.watch_columns(header)

    def scrollTo(self, index: Index, hint: ScrollHint = ScrollHint.EnsureVisible) -> None:  # noqa: N802
        if index.isValid():
            self.row_heights.measure_above(index.row())  # true heights decide where it lands
            self.updateGeometries()  # and the scroll range they make (Qt updates it later otherwise)
        super().scrollTo(index, hint)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.row_heights.all_stale()

    def empty_hint(self) -> str:
        """What the empty table says: how to start, or that the filter hides every row ("" with rows)."""
        model = self.model()
        if not isinstance(model, RegisterTableModel) or model.rowCount() or model.session is None:
            return ""
        if model.filter_text:
            return _("No rows match the filter.")
        return "\n".join(_(line) for line in self.start_hints())

    def start_hints(self) -> list[str]:
        return [
            N_("Nothing here yet."),
            N_("Add a row with Edit → Add row (Ctrl+Shift+N) or from the right-click menu."),
        ]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.row_heights.measure_visible()
        super().paintEvent(event)
        hint = self.empty_hint()
        if hint:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            # A left-aligned block in the middle: bullet lines read as a list, not as centred poetry.
            area = self.viewport().rect().adjusted(24, 32, -24, -24)
            width = min(area.width(), 40 * self.fontMetrics().averageCharWidth() * 2)
            area.setLeft(area.left() + (area.width() - width) // 2)
            area.setWidth(width)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), hint)
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            index = self.currentIndex()
            if index.isValid() and self.edit(index, QAbstractItemView.EditTrigger.EditKeyPressed, event):
                return
        super().keyPressEvent(event)

    def open_dialog(self, index: QModelIndex) -> bool:
        """Open the dialog editor for ``index`` when its column has one; True when it did."""
        return False

    def edit(self, index: Index, trigger: QAbstractItemView.EditTrigger, event: Any) -> bool:  # type: ignore[override]
        # Qt calls edit() on every current-row change too; only explicit edit requests open a dialog.
        explicit = trigger in (
            QAbstractItemView.EditTrigger.DoubleClicked,
            QAbstractItemView.EditTrigger.EditKeyPressed,
            QAbstractItemView.EditTrigger.AllEditTriggers,
        )
        if index.isValid() and self.has_dialog(index.column()):
            if explicit and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.open_dialog(self.model().index(index.row(), index.column()))
            return False
        return super().edit(index, trigger, event)

    def has_dialog(self, column: int) -> bool:
        return False

    def start_editing(self, index: QModelIndex) -> None:
        """Begin editing as the Edit key (F2) would."""
        self.edit(index, QAbstractItemView.EditTrigger.EditKeyPressed, None)


# The purpose columns' shares of the width before the user drags a border (purpose, processing,
# categories, legal basis, retention): the list columns get most, the short ones wrap.
PURPOSE_SHARES = (0.17, 0.25, 0.25, 0.15, 0.18)


class WidthSharingHeader(WrappingHeader):
    """Columns that share the table's width in proportions the user can change by dragging.

    Stretch mode would fill the width but freeze the borders; here a drag changes the shares
    and a resize of the window keeps them, so nothing is ever pushed off to the right.
    """

    def __init__(self, shares: tuple[float, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shares = list(shares)
        self._fitting = False
        self.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setStretchLastSection(False)
        self.setMinimumSectionSize(60)
        self.sectionResized.connect(self._user_resized)

    def fit(self, width: int) -> None:
        count = self.count()
        if count == 0 or width <= 0:
            return
        shares = (self.shares + [1.0] * count)[:count]
        total = sum(shares) or 1.0
        self._fitting = True
        try:
            used = 0
            for column in range(count - 1):
                size = max(self.minimumSectionSize(), int(width * shares[column] / total))
                self.resizeSection(column, size)
                used += size
            self.resizeSection(count - 1, max(self.minimumSectionSize(), width - used))
        finally:
            self._fitting = False

    def _user_resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting or self.count() == 0:
            return
        # The dragged column keeps its new width; the columns after it share what is left.
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QTableView) else self.length()
        sizes = [self.sectionSize(c) for c in range(self.count())]
        before = sum(sizes[: column + 1])
        after = sizes[column + 1 :]
        rest = max(0, width - before)
        if after:
            weight = sum(after) or 1
            sizes[column + 1 :] = [max(self.minimumSectionSize(), int(rest * s / weight)) for s in after]
        total = sum(sizes) or 1
        self.shares = [s / total for s in sizes]
        self.fit(width)

    def restore_widths(self, widths: list[int]) -> None:
        """Shares from widths saved by an earlier session (or an older version's fixed widths)."""
        total = sum(widths)
        if total > 0 and len(widths) == len(self.shares):
            self.shares = [w / total for w in widths]


# How to start an empty register, one line each (msgids); Help → Register guide says more.
START_HINTS: list[str] = [
    N_("No processing activities yet. To start:"),
    N_("• paste the table of purposes from your privacy notice (Ctrl+V),"),
    N_("• start from a template with Edit → New activity from template…,"),
    N_("• or add an activity with Edit → Add row (Ctrl+Shift+N)."),
    N_("Press F1 for the register guide."),
]


class PurposeTable(RegisterTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("purposeTable", parent)
        self.setAccessibleName(_("Purpose table"))
        self.setItemDelegate(UnchangedSkippingDelegate(self))
        self.sharing_header = WidthSharingHeader(PURPOSE_SHARES, self)
        self.setHorizontalHeader(self.sharing_header)
        self.sharing_header.setSectionsClickable(True)
        self.sharing_header.setHighlightSections(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.sharing_header.fit(self.viewport().width())

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        self.sharing_header.fit(self.viewport().width())

    def fit_columns(self) -> None:
        self.sharing_header.fit(self.viewport().width())

    def has_dialog(self, column: int) -> bool:
        return column in (pm.PROCESSING, pm.CATEGORIES, pm.LEGAL_BASIS)

    def start_hints(self) -> list[str]:
        return list(START_HINTS)

    def purpose_model(self) -> pm.PurposeTableModel:
        model = self.model()
        assert isinstance(model, pm.PurposeTableModel)
        return model

    def open_dialog(self, index: QModelIndex) -> bool:
        model = self.purpose_model()
        column = index.column()
        value = index.data(pm.VALUE_ROLE)
        new: Any = None
        if column == pm.PROCESSING:
            dialog = ListEditorDialog(field_label("activity", "operations"), value, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                new = dialog.items()
        elif column == pm.CATEGORIES:
            picker = CategoryPickerDialog(model.categories(), value, self, model.category_flags())
            if picker.exec() == QDialog.DialogCode.Accepted:
                new = picked(picker, value)
        elif column == pm.LEGAL_BASIS:
            cats = model.categories()
            ids = model.data(model.index(index.row(), pm.CATEGORIES), pm.VALUE_ROLE) or []
            special = any(cats[i].special for i in ids if i in cats)
            basis = LegalBasisDialog(value, special, self)
            if basis.exec() == QDialog.DialogCode.Accepted:
                new = basis.value()
        else:
            return False
        if new is not None and new != value:
            model.setData(index, new, Qt.ItemDataRole.EditRole)
        return True


class RecordTable(RegisterTable):
    def __init__(self, spec: rec.TableSpec, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.spec = spec
        self.setAccessibleName(accessible)
        self.setItemDelegate(ChoiceDelegate(spec, self))

    def has_dialog(self, column: int) -> bool:
        return self.spec.columns[column].kind in ("categories", "letters", "choices", "recipients")

    def open_dialog(self, index: QModelIndex) -> bool:
        model = self.model()
        assert isinstance(model, rec.RecordTableModel)
        column = self.spec.columns[index.column()]
        value = index.data(rec.VALUE_ROLE)
        new: Any = None
        if column.kind == "categories":
            picker = CategoryPickerDialog(model.categories(), value or [], self, model.category_flags())
            if picker.exec() == QDialog.DialogCode.Accepted:
                new = picked(picker, value or [])
        elif column.kind == "letters":
            basis = LegalBasisDialog({"legal_basis": value or []}, False, self)
            basis.balancing.setVisible(False)
            if basis.exec() == QDialog.DialogCode.Accepted:
                new = basis.value()["legal_basis"]
        elif column.kind == "choices" and column.vocabulary is not None:
            choices = ChoicesDialog(_(column.header), column.vocabulary, value or [], self)
            if choices.exec() == QDialog.DialogCode.Accepted:
                new = choices.chosen()
        elif column.kind == "recipients":
            names = [(str(rid), name) for rid, name in model.recipient_names().items()]
            chooser = ChoicesDialog(_(column.header), names, [str(v) for v in value or []], self)
            if chooser.exec() == QDialog.DialogCode.Accepted:
                new = [int(v) for v in chooser.chosen()]
        else:
            return False
        if new is not None and new != value:
            model.setData(index, new, Qt.ItemDataRole.EditRole)
        return True


__all__ = ["ChoiceDelegate", "PurposeTable", "RecordTable"]
