"""Templates and moving activities in the editor (issue 19).

Edit ▸ Duplicate activity, New activity from template…, Save activity as
template…, Copy or move activities to…; and the template choice a new register
offers. Every change to the open register goes through the session (one undo
step); the operations come from the Qt-free :mod:`~ropa_desktop.interchange`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_, _, current, ngettext
from ropa_desktop.interchange import templates as tl
from ropa_desktop.interchange import transplant as tp
from ropa_desktop.store import operations as ops
from ropa_desktop.store import readmodel as rm
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui.dialogs import ask_text, inform, standard_buttons

if TYPE_CHECKING:
    from ropa_desktop.ui.main_window import MainWindow

_LIBRARY_FILTER = N_("Template libraries (*.json)")
_OTHER_FILE = -1  # the target list's entry "Another register file…"


def _lang() -> str:
    return current().language


class TemplatePickerDialog(QDialog):
    """The templates with a check box each; "import a library" and "export your own" below the list."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None, allow_none: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("templatePicker")
        self.setWindowTitle(title)
        self.allow_none = allow_none
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        caption = QLabel(intro, self)
        caption.setWordWrap(True)
        caption.setBuddy(self.list)
        import_button = QPushButton(_("&Import a template library…"), self)
        import_button.clicked.connect(self._import)
        export_button = QPushButton(_("&Export your templates…"), self)
        export_button.clicked.connect(self._export)
        row = QHBoxLayout()
        row.addWidget(import_button)
        row.addWidget(export_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(standard_buttons(self))
        self.resize(520, 420)
        self.templates: list[tl.Template] = []
        self._fill()

    def _fill(self) -> None:
        chosen = {t.id for t in self.chosen()}
        self.list.clear()
        try:
            self.templates = tl.all_templates()
        except RopaError as exc:  # a damaged user library: the shipped ones still work
            inform(self, _("Templates"), exc.render(), warning=True)
            self.templates = tl.shipped_library()
        for t in self.templates:
            text = t.title_in(_lang()) if t.shipped else _("{title} (your own)").format(title=t.title_in(_lang()))
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setToolTip(str(tl.localise(t.activity.get("purpose", ""), _lang())))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if t.id in chosen else Qt.CheckState.Unchecked)

    def chosen(self) -> list[tl.Template]:
        ids = {
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        }
        return [t for t in self.templates if t.id in ids]

    def check(self, ids: Sequence[str]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in ids:
                item.setCheckState(Qt.CheckState.Checked)

    def accept(self) -> None:
        if not self.chosen() and not self.allow_none:
            inform(self, self.windowTitle(), _("Tick at least one template."))
            return
        super().accept()

    def _import(self) -> None:
        source, _chosen = QFileDialog.getOpenFileName(self, _("Import a template library"), "", _(_LIBRARY_FILTER))
        if source:
            self.import_library(Path(source))

    def import_library(self, source: Path) -> bool:
        try:
            added = tl.import_library(source)
        except RopaError as exc:
            detail = "\n".join(getattr(exc, "problems", [])[:10])
            inform(self, _("Import a template library"), f"{exc.render()}\n{detail}".strip(), warning=True)
            return False
        self._fill()
        self.check([t.id for t in added])
        return True

    def _export(self) -> None:
        target, _chosen = QFileDialog.getSaveFileName(self, _("Export your templates"), "", _(_LIBRARY_FILTER))
        if target:
            self.export_library(Path(target).with_suffix(".json"))

    def export_library(self, target: Path) -> bool:
        try:
            tl.write_library(target, tl.user_library())
        except (RopaError, OSError) as exc:
            inform(self, _("Export your templates"), exc.render() if isinstance(exc, RopaError) else str(exc), True)
            return False
        return True


def choose_templates_for_new_register(window: QWidget) -> list[tl.Template] | None:
    """None: cancelled. An empty list: start empty."""
    dialog = TemplatePickerDialog(
        _("Start from templates"),
        _("Tick the standard activities to start the register with, or none to start empty. Read and adjust each one."),
        window,
        allow_none=True,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


def _editable(window: MainWindow) -> bool:
    return window.session is not None and not window.session.readonly


def _insert_index(window: MainWindow) -> int | None:
    editor = window.editor
    current = editor.purpose_model.activity_at(editor.purpose_table.currentIndex().row())
    if current is None or editor.purpose_model.sorted:
        return None
    return editor.purpose_model.position_of(current.id) + 1


def new_activity_from_template(window: MainWindow, chosen: Sequence[tl.Template] | None = None) -> int:
    """Add an activity for each chosen template after the current row; returns how many."""
    if not _editable(window):
        return 0
    assert window.session is not None
    if chosen is None:
        dialog = TemplatePickerDialog(
            _("New activity from template"), _("Tick the templates to add as activities."), window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        chosen = dialog.chosen()
    editor = window.editor
    batch = tl.add_templates(window.session.register, editor.organisation_id, chosen, _lang(), _insert_index(window))
    batch = _into_register_kind(batch, editor.register_kind)
    text = ngettext("addition of {count} activity from a template", "addition of {count} activities from templates",
                    len(chosen)).format(count=len(chosen))  # fmt: skip
    applied = window.session.perform(batch, text)
    if applied is None:
        return 0
    first = next(op.record_id for op in batch.operations if isinstance(op, ops.Create) and op.entity == "activity")
    if first is not None:
        editor.select_activity(first)
    return len(chosen)


def _into_register_kind(batch: ops.Batch, kind: str) -> ops.Batch:
    """Templates are controller activities; in the processor register they go into the shown register."""
    return ops.Batch(
        tuple(
            ops.Create(op.entity, {**op.values, "register_kind": kind}, op.record_id, op.index)
            if isinstance(op, ops.Create) and op.entity == "activity"
            else op
            for op in batch.operations
        )
    )


def save_as_template(window: MainWindow, title: str | None = None) -> tl.Template | None:
    if window.session is None:
        return None
    editor = window.editor
    activity_id = editor.current_activity_id()
    if activity_id is None:
        inform(window, _("Save activity as template"), _("Choose an activity in the table first."))
        return None
    if title is None:
        row = rm.activity_row(window.session.register, activity_id)
        title = ask_text(
            window, _("Save activity as template"), _("Title of the template:"), row.purpose if row else ""
        )
        if not title:
            return None
    try:
        template = tl.template_from_activity(window.session.register, editor.organisation_id, activity_id, title)
        if template.id in {t.id for t in tl.shipped_library()}:
            template = tl.Template(f"{template.id}-2", template.title, template.activity)
        path = tl.save_user_templates([template])
    except (RopaError, OSError) as exc:
        message = exc.render() if isinstance(exc, RopaError) else str(exc)
        inform(window, _("Save activity as template"), message, warning=True)
        return None
    window.statusBar().showMessage(
        _("Saved the template «{title}» in {path}").format(title=template.title, path=str(path)), 8000
    )
    return template


def duplicate_activity(window: MainWindow) -> int | None:
    if not _editable(window):
        return None
    assert window.session is not None
    editor = window.editor
    activity_id = editor.current_activity_id()
    if activity_id is None:
        return None
    batch = tp.duplicate_activity(window.session.register, editor.organisation_id, activity_id)
    applied = window.session.perform(batch, _("duplicate of an activity"))
    if applied is None or applied.record_id is None:
        return None
    editor.select_activity(applied.record_id)
    return applied.record_id


def _selected_activity_ids(window: MainWindow) -> list[int]:
    editor = window.editor
    rows = sorted({i.row() for i in editor.purpose_table.selectionModel().selectedRows()})
    if not rows and editor.purpose_table.currentIndex().isValid():
        rows = [editor.purpose_table.currentIndex().row()]
    return [a.id for r in rows if (a := editor.purpose_model.activity_at(r)) is not None]


class CopyTargetDialog(QDialog):
    """Where the chosen activities go: another organisation of this register, or another register file."""

    def __init__(self, window: MainWindow, count: int) -> None:
        super().__init__(window)
        self.setObjectName("copyTarget")
        self.setWindowTitle(_("Copy or move activities"))
        assert window.session is not None
        self.target = QComboBox(self)
        self.target.setAccessibleName(_("Copy to"))
        for org in rm.organisations(window.session.register):
            if org.id != window.editor.organisation_id:
                self.target.addItem(_("{name} (this register)").format(name=org.name), org.id)
        self.target.addItem(_("Another register file…"), _OTHER_FILE)
        self.move_box = QCheckBox(_("&Move (remove them here)"), self)
        self.move_box.setEnabled(not window.session.readonly)
        caption = QLabel(
            ngettext("Copy {count} activity to:", "Copy {count} activities to:", count).format(count=count), self
        )
        caption.setBuddy(self.target)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.target)
        layout.addWidget(self.move_box)
        note = QLabel(
            _(
                "Categories, recipients, sources and measures are found by name there, or created. "
                "Between two files the copy is saved first; if removing them here fails, they are in both."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(standard_buttons(self))


def copy_or_move(
    window: MainWindow,
    target_org: int | None = None,
    target_file: Path | None = None,
    move: bool | None = None,
) -> int:
    """Copy or move the selected activities; returns how many (0: nothing done)."""
    if window.session is None:
        return 0
    ids = _selected_activity_ids(window)
    if not ids:
        inform(window, _("Copy or move activities"), _("Choose an activity in the table first."))
        return 0
    if target_org is None and target_file is None:
        dialog = CopyTargetDialog(window, len(ids))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        move = dialog.move_box.isChecked()
        choice = int(dialog.target.currentData())
        if choice == _OTHER_FILE:
            name, _chosen = QFileDialog.getOpenFileName(window, _("Copy to register"), "", _("Registers (*.ropa)"))
            if not name:
                return 0
            target_file = Path(name)
        else:
            target_org = choice
    move = bool(move) and not window.session.readonly
    session = window.session
    source_org = window.editor.organisation_id
    if target_file is None:
        assert target_org is not None
        batch = tp.copy_within(session.register, source_org, ids, target_org, move=move)
        text = (ngettext("move of {count} activity", "move of {count} activities", len(ids)) if move
                else ngettext("copy of {count} activity", "copy of {count} activities", len(ids))).format(count=len(ids))  # fmt: skip
        return len(ids) if session.perform(batch, text) is not None else 0
    return _copy_to_file(window, ids, target_file, move)


def _copy_to_file(window: MainWindow, ids: list[int], target_file: Path, move: bool) -> int:
    assert window.session is not None
    session = window.session
    title = _("Copy or move activities")
    try:
        with RegisterFile.open(target_file) as target:
            orgs = rm.organisations(target)
            if not orgs:
                raise tp.NoOrganisation(path=target_file.name)
            org_id = _choose_organisation(window, [(o.id, o.name) for o in orgs])
            if org_id is None:
                return 0
            document = tp.activities_document(session.register, window.editor.organisation_id, ids)
            target.apply(tp.add_activities(target, org_id, document))
    except RopaError as exc:
        inform(window, title, exc.render(), warning=True)
        return 0
    if move:
        text = ngettext("move of {count} activity", "move of {count} activities", len(ids)).format(count=len(ids))
        if session.perform(ops.Batch(tuple(ops.Delete("activity", i) for i in ids)), text) is None:
            half = tp.MoveHalfDone(target=target_file.name, source=session.title, reason="")
            inform(window, title, half.render(), warning=True)
            return 0
    window.statusBar().showMessage(
        ngettext("Copied {count} activity to {path}", "Copied {count} activities to {path}", len(ids)).format(
            count=len(ids), path=str(target_file)
        ),
        8000,
    )
    return len(ids)


def _choose_organisation(window: QWidget, orgs: list[tuple[int, str]]) -> int | None:
    if len(orgs) == 1:
        return orgs[0][0]
    dialog = QDialog(window)
    dialog.setWindowTitle(_("Choose the organisation"))
    box = QComboBox(dialog)
    box.setAccessibleName(_("Organisation"))
    for org_id, name in orgs:
        box.addItem(name, org_id)
    layout = QVBoxLayout(dialog)
    layout.addWidget(box)
    layout.addWidget(standard_buttons(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return int(box.currentData())
