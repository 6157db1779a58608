"""The menu bar: standard actions with standard shortcuts, all texts translated."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMenu

from ropa_desktop import __version__
from ropa_desktop.i18n import LANGUAGES, N_, _
from ropa_desktop.ui import file_actions, signing_ui
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.dialogs import inform
from ropa_desktop.ui.session import RegisterSession

if TYPE_CHECKING:
    from ropa_desktop.ui.main_window import MainWindow

LANGUAGE_NAMES = {"nb": "Norsk bokmål", "en": "English"}
EXPORTS = (
    ("xlsx", file_actions.xlsx_export, N_("E&xcel…"), ".xlsx"),
    ("xlsx_datatilsynet", file_actions.datatilsynet_export, N_("Excel in &Datatilsynet's layout…"), ".xlsx"),
    ("pdf", file_actions.pdf_export, N_("&PDF…"), ".pdf"),
)
SIGN = file_actions.signed_pdf_export
VERIFY = file_actions.pdf_verification


@dataclass
class Actions:
    by_name: dict[str, QAction] = field(default_factory=dict)
    recent_menu: QMenu | None = None
    undo: QAction | None = None
    redo: QAction | None = None
    stack: QUndoStack | None = None  # the stack Undo/Redo are connected to

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]


def _action(
    window: MainWindow, actions: Actions, name: str, text: str, shortcut: QKeySequence.StandardKey | str | None = None
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(f"action_{name}")
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    actions.by_name[name] = action
    return action


def build(window: MainWindow) -> Actions:
    a = Actions()
    bar = window.menuBar()
    editor = window.editor
    std = QKeySequence.StandardKey

    file_menu = bar.addMenu(_("&File"))
    file_menu.addAction(_action(window, a, "new", _("&New register…"), std.New))
    a["new"].triggered.connect(window.new_register)
    file_menu.addAction(_action(window, a, "open", _("&Open…"), std.Open))
    a["open"].triggered.connect(window.open_dialog)
    file_menu.addAction(_action(window, a, "open_server", _("Open from &Server…")))  # a team register (issue 20)
    a["open_server"].triggered.connect(window.open_from_server)
    a.recent_menu = file_menu.addMenu(_("Open &Recent"))
    a.recent_menu.aboutToShow.connect(lambda: _fill_recent(window, a))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, a, "save_copy", _("Save a &Copy…"), std.SaveAs))
    a["save_copy"].triggered.connect(window.save_copy)
    file_menu.addAction(_action(window, a, "import", _("&Import…")))
    a["import"].triggered.connect(lambda: import_file(window))
    file_menu.addAction(_action(window, a, "import_sheet", _("Import &Spreadsheet into This Register…")))
    a["import_sheet"].triggered.connect(lambda: _import_spreadsheet(window))
    export_menu = file_menu.addMenu(_("&Export"))
    for key, load, text, suffix in EXPORTS:
        act = _action(window, a, f"export_{key}", _(text))
        act.triggered.connect(lambda _c=False, f=load, t=text, s=suffix: _export(window, f, t, s))
        export_menu.addAction(act)
    export_menu.addSeparator()
    export_language = export_menu.addMenu(_("Export &language"))
    for code in LANGUAGES:
        act = _action(window, a, f"export_language_{code}", LANGUAGE_NAMES[code])
        act.setCheckable(True)
        act.setChecked(st.export_language() == code)
        act.triggered.connect(lambda _c=False, c=code: _set_export_language(a, c))
        export_language.addAction(act)
    file_menu.addAction(_action(window, a, "print_preview", _("Print pre&view…")))
    a["print_preview"].triggered.connect(lambda: _print(window, preview=True))
    file_menu.addAction(_action(window, a, "print", _("&Print…"), std.Print))
    a["print"].triggered.connect(lambda: _print(window, preview=False))
    file_menu.addAction(_action(window, a, "notice", _("Privacy &notice…")))
    a["notice"].triggered.connect(lambda: _show_notice(window))
    file_menu.addAction(_action(window, a, "sign", _("&Sign…")))
    a["sign"].triggered.connect(lambda: signing_ui.sign_register(window))
    file_menu.addAction(_action(window, a, "verify", _("&Verify signed PDF…")))
    a["verify"].triggered.connect(lambda: signing_ui.verify_file(window))
    file_menu.addAction(_action(window, a, "history", _("Approvals and &history…")))
    a["history"].triggered.connect(lambda: _show_history(window))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, a, "close", _("&Close"), std.Close))
    a["close"].triggered.connect(window.close_register)
    file_menu.addAction(_action(window, a, "quit", _("&Quit"), std.Quit))
    a["quit"].triggered.connect(window.close)

    edit_menu = bar.addMenu(_("&Edit"))
    a.undo = _action(window, a, "undo", _("&Undo"), std.Undo)
    a.redo = _action(window, a, "redo", _("&Redo"), std.Redo)
    _set_undo_texts(a, "", "", False, False)  # nothing to undo until a register is open
    edit_menu.addAction(a.undo)
    edit_menu.addAction(a.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(_action(window, a, "copy", _("&Copy rows"), std.Copy))
    a["copy"].triggered.connect(editor.copy_rows)
    edit_menu.addAction(_action(window, a, "paste", _("&Paste rows"), std.Paste))
    a["paste"].triggered.connect(lambda: editor.paste_rows())
    edit_menu.addSeparator()
    edit_menu.addAction(_action(window, a, "add", _("&Add row"), "Ctrl+Shift+N"))
    a["add"].triggered.connect(editor.add_row)
    edit_menu.addAction(_action(window, a, "delete", _("&Delete rows"), std.Delete))
    a["delete"].triggered.connect(editor.delete_rows)
    edit_menu.addAction(_action(window, a, "move_up", _("Move row &up"), "Ctrl+Up"))
    a["move_up"].triggered.connect(lambda: editor.move_row(-1))
    edit_menu.addAction(_action(window, a, "move_down", _("Move row do&wn"), "Ctrl+Down"))
    a["move_down"].triggered.connect(lambda: editor.move_row(1))
    _add_library_actions(window, a, edit_menu)
    edit_menu.addSeparator()
    edit_menu.addAction(_action(window, a, "organisation_details", _("&Organisation details…")))
    a["organisation_details"].triggered.connect(window.sidebar.edit_current)
    edit_menu.addAction(_action(window, a, "find", _("&Find…"), std.Find))
    a["find"].triggered.connect(editor.focus_filter)

    view_menu = bar.addMenu(_("&View"))
    language_menu = view_menu.addMenu(_("&Language"))
    chosen = st.language()
    for code in LANGUAGES:
        act = _action(window, a, f"language_{code}", LANGUAGE_NAMES[code])
        act.setCheckable(True)
        act.setChecked(code == chosen)
        act.triggered.connect(lambda _c=False, c=code: _set_language(window, a, c))
        language_menu.addAction(act)
    view_menu.addSeparator()
    view_menu.addAction(_action(window, a, "findings", _("&Findings pane"), "F8"))
    a["findings"].setCheckable(True)
    a["findings"].setChecked(True)
    a["findings"].toggled.connect(editor.set_findings_visible)
    editor.findings_visibility_changed.connect(a["findings"].setChecked)
    # The organisations sidebar steps aside on a narrow window (a laptop at 200 %); here it comes back.
    view_menu.addAction(_action(window, a, "organisations", _("&Organisations pane"), "F7"))
    a["organisations"].setCheckable(True)
    a["organisations"].setChecked(True)
    a["organisations"].triggered.connect(window.sidebar.set_pane_visible)
    window.sidebar.pane_visibility_changed.connect(a["organisations"].setChecked)

    help_menu = bar.addMenu(_("&Help"))
    help_menu.addAction(_action(window, a, "guide", _("Register &guide"), std.HelpContents))
    a["guide"].triggered.connect(lambda: _open_guide(window))
    help_menu.addAction(_action(window, a, "about", _("&About ropa-desktop")))
    a["about"].triggered.connect(
        lambda: inform(
            window,
            _("About ropa-desktop"),
            _("ropa-desktop {version}: records of processing activities (GDPR art. 30).").format(version=__version__),
        )
    )
    for action in a.by_name.values():
        window.addAction(action)  # shortcuts work even when the menu bar is hidden (macOS full screen)
    return a


def _open_guide(window: MainWindow) -> None:
    from ropa_desktop.ui.help_browser import open_guide

    open_guide(window)


def _print(window: MainWindow, preview: bool) -> None:
    from ropa_desktop.ui import printing

    (printing.print_preview if preview else printing.print_register)(window)


def install_context_menus(window: MainWindow) -> None:
    """Right-click on any table: the Edit menu's row actions and the guide, on the row under the mouse."""
    actions = window.menu_actions
    for table in window.editor.tables():
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(lambda pos, t=table: _table_menu(window, actions, t, pos))


def table_menu(window: MainWindow, table: QAbstractItemView) -> QMenu:
    """The context menu of ``table`` (also for tests)."""
    a = window.menu_actions
    menu = QMenu(table)
    menu.setObjectName("tableContextMenu")
    names: list[str | None] = ["add", "delete", None, "copy", "paste", None, "move_up", "move_down", None, "guide"]
    if table is window.editor.purpose_table:  # activities also come from templates and duplicates (issue 19)
        names[2:2] = [None, "duplicate", "from_template", "copy_to"]
    elif table.objectName() == "categoriesTable":  # duplicates pile up there (a paste, a typo)
        names[2:2] = [None, "merge_categories"]
    for name in names:
        if name is None:
            menu.addSeparator()
        else:
            menu.addAction(a[name])
    return menu


def _table_menu(window: MainWindow, actions: Actions, table: QAbstractItemView, position: QPoint) -> None:
    index = table.indexAt(position)
    if index.isValid() and not table.selectionModel().isSelected(index):
        table.setCurrentIndex(index)  # the menu acts on the row clicked, as in every spreadsheet
    table_menu(window, table).exec(table.viewport().mapToGlobal(position))


def _add_library_actions(window: MainWindow, a: Actions, menu: QMenu) -> None:
    """Templates, duplicate, copy and move (issue 19): ui/library_actions.py."""
    from ropa_desktop.ui import library_actions as lib

    menu.addSeparator()
    menu.addAction(_action(window, a, "duplicate", _("Duplicat&e activity"), "Ctrl+D"))
    a["duplicate"].triggered.connect(lambda: lib.duplicate_activity(window))
    menu.addAction(_action(window, a, "from_template", _("New activity from &template…")))
    a["from_template"].triggered.connect(lambda: lib.new_activity_from_template(window))
    menu.addAction(_action(window, a, "save_template", _("&Save activity as template…")))
    a["save_template"].triggered.connect(lambda: lib.save_as_template(window))
    menu.addAction(_action(window, a, "copy_to", _("Copy or m&ove activities to…")))
    a["copy_to"].triggered.connect(lambda: lib.copy_or_move(window))
    menu.addAction(_action(window, a, "merge_categories", _("&Merge categories…")))
    a["merge_categories"].triggered.connect(lambda: _merge_categories(window))


def _merge_categories(window: MainWindow) -> None:
    from ropa_desktop.ui.category_actions import merge_categories

    merge_categories(window)


def _show_notice(window: MainWindow) -> None:
    from ropa_desktop.ui.notice_view import show_notice

    show_notice(window)


def _export(window: MainWindow, load: file_actions.Loader, text: str, suffix: str) -> None:
    if window.session is not None:
        file_actions.export(window, window.session, load, _(text).replace("&", "").rstrip("…"), suffix)


def attach_undo(window: MainWindow, session: RegisterSession | None) -> None:
    """Point Undo/Redo at the open register's stack: "Undo edit of Purpose"."""
    actions = window.menu_actions
    assert actions.undo is not None and actions.redo is not None
    if actions.stack is not None:
        with contextlib.suppress(RuntimeError, TypeError):
            actions.undo.triggered.disconnect(actions.stack.undo)
            actions.redo.triggered.disconnect(actions.stack.redo)
    actions.stack = session.undo_stack if session is not None else None
    if session is None:
        _set_undo_texts(actions, "", "", False, False)
        return
    stack = session.undo_stack
    actions.undo.triggered.connect(stack.undo)
    actions.redo.triggered.connect(stack.redo)

    def update() -> None:
        _set_undo_texts(actions, stack.undoText(), stack.redoText(), stack.canUndo(), stack.canRedo())

    stack.indexChanged.connect(lambda _i: update())
    stack.cleanChanged.connect(lambda _c: update())
    update()


def _set_undo_texts(actions: Actions, undo: str, redo: str, can_undo: bool, can_redo: bool) -> None:
    assert actions.undo is not None and actions.redo is not None
    actions.undo.setText(_("&Undo {action}").format(action=undo).strip() if undo else _("&Undo"))
    actions.redo.setText(_("&Redo {action}").format(action=redo).strip() if redo else _("&Redo"))
    actions.undo.setEnabled(can_undo)
    actions.redo.setEnabled(can_redo)


def update_enabled(window: MainWindow) -> None:
    actions = window.menu_actions
    is_open = window.session is not None
    editable = is_open and window.session is not None and not window.session.readonly
    for name in ("save_copy", "close", "copy", "find", "notice", "organisation_details"):
        actions[name].setEnabled(is_open)
    for name in ("paste", "add", "delete", "move_up", "move_down", "duplicate", "from_template", "merge_categories"):
        actions[name].setEnabled(editable)
    for name in ("save_template", "copy_to"):
        actions[name].setEnabled(is_open)
    for key, load, _text, _suffix in EXPORTS:
        actions[f"export_{key}"].setEnabled(is_open and file_actions.available(load))
    printable = is_open and file_actions.available(file_actions.pdf_export) and file_actions._findable("pypdfium2")
    for name in ("print_preview", "print"):
        actions[name].setEnabled(printable)
    actions["sign"].setEnabled(editable and file_actions.available(SIGN))
    actions["verify"].setEnabled(file_actions.available(VERIFY))
    actions["history"].setEnabled(is_open)


def _fill_recent(window: MainWindow, actions: Actions) -> None:
    menu = actions.recent_menu
    assert menu is not None
    menu.clear()
    for path in st.recent_files():
        act = menu.addAction(path.name)
        act.setToolTip(str(path))
        act.triggered.connect(lambda _c=False, p=path: window.open_file(p))
    if menu.isEmpty():
        menu.addAction(_("No recent files")).setEnabled(False)


def _set_language(window: MainWindow, actions: Actions, code: str) -> None:
    st.set_language(code)
    for other in LANGUAGES:
        actions[f"language_{other}"].setChecked(other == code)
    inform(window, _("Language"), _("The new language is used after a restart."))


def import_file(window: MainWindow) -> None:
    """Import a JSON or (when installed) Excel file into a new register the user places, and open it."""
    filters = [_("JSON interchange (*.json)")]
    if file_actions.available(file_actions.xlsx_import):
        filters = [_("Files to import (*.json *.xlsx)"), *filters, _("Excel workbooks (*.xlsx)")]
    source, _chosen = QFileDialog.getOpenFileName(window, _("Import"), "", ";;".join(filters))
    if source:
        window.import_source(Path(source))


def _import_spreadsheet(window: MainWindow) -> None:
    from ropa_desktop.ui.mapping_dialog import import_spreadsheet_into

    import_spreadsheet_into(window)


def _set_export_language(actions: Actions, code: str) -> None:
    st.set_export_language(code)
    for other in LANGUAGES:
        actions[f"export_language_{other}"].setChecked(other == code)


def _show_history(window: MainWindow) -> None:
    from ropa_desktop.ui.history_dialog import HistoryDialog

    if window.session is not None:
        HistoryDialog(window.session.register, window.editor.organisation_id, window).exec()
