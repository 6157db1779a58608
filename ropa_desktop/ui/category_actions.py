"""Edit ▸ Merge categories…: fold a duplicate personal-data category into the one to keep.

The store's :class:`~ropa_desktop.store.operations.Merge` does the work in one
transaction (every activity and recipient listing the duplicate lists the kept
one instead, the duplicate is deleted); the session makes it one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from ropa_desktop.i18n import _
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.ui.dialogs import inform, standard_buttons

if TYPE_CHECKING:
    from ropa_desktop.ui.main_window import MainWindow


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class MergeCategoriesDialog(QDialog):
    """Two lists of the organisation's categories: the duplicate to merge and the one to keep."""

    def __init__(self, names: dict[int, str], removed_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeCategories")
        self.setWindowTitle(_("Merge categories"))
        self.names = names
        self.removed = QComboBox(self)
        self.kept = QComboBox(self)
        for combo in (self.removed, self.kept):
            for cid, name in names.items():
                combo.addItem(name, cid)
        self.removed.setAccessibleName(_("Category to merge"))
        self.kept.setAccessibleName(_("Category to keep"))
        first = removed_id if removed_id in names else next(iter(names), None)
        if first is not None:
            self.removed.setCurrentIndex(self.removed.findData(first))
        self.removed.currentIndexChanged.connect(lambda _i: self._suggest_kept())
        self.kept.currentIndexChanged.connect(lambda _i: self._explain())
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Merge:"), self.removed)
        form.addRow(_("Into:"), self.kept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        self.buttons = standard_buttons(self)
        layout.addWidget(self.buttons)
        self._suggest_kept()

    def _suggest_kept(self) -> None:
        """Point "Into" at a category with the same name (the usual duplicate), else at another one."""
        removed = self.removed_id()
        name = self.names.get(removed, "") if removed is not None else ""
        others = [cid for cid in self.names if cid != removed]
        twin = next((cid for cid in others if _same_name(self.names[cid], name)), others[0] if others else None)
        if twin is not None:
            self.kept.setCurrentIndex(self.kept.findData(twin))
        self._explain()

    def _explain(self) -> None:
        removed, kept = self.removed_id(), self.kept_id()
        ok = removed is not None and kept is not None and removed != kept
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(ok)
        if not ok:
            self.explanation.setText(_("Choose two different categories."))
            return
        self.explanation.setText(
            _(
                "Every activity and recipient that lists «{removed}» will list «{kept}» instead, "
                "and «{removed}» is deleted. Undo puts it back."
            ).format(removed=self.names[removed or 0], kept=self.names[kept or 0])
        )

    def removed_id(self) -> int | None:
        data = self.removed.currentData()
        return int(data) if data is not None else None

    def kept_id(self) -> int | None:
        data = self.kept.currentData()
        return int(data) if data is not None else None


def merge_categories(window: MainWindow) -> bool:
    """Ask which category to merge into which and do it as one undo step; True when merged."""
    session, editor = window.session, window.editor
    if session is None or session.readonly:
        return False
    rows = rm.records(session.register, "personal_data", editor.organisation_id, ["name"])
    names = {int(r["id"]): str(r["name"]) for r in rows}
    if len(names) < 2:
        inform(
            window, _("Merge categories"), _("There is nothing to merge: the register has fewer than two categories.")
        )
        return False
    dialog = MergeCategoriesDialog(names, editor.current_category_id(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    kept, removed = dialog.kept_id(), dialog.removed_id()
    if kept is None or removed is None or kept == removed:
        return False
    text = _("merge of «{removed}» into «{kept}»").format(removed=names[removed], kept=names[kept])
    return session.perform(ops.Merge("personal_data", kept, removed), text) is not None
