"""Help where the question arises: tooltips from the field catalogue, the register guide (F1), empty-table
hints, context menus, and print / print preview over the board PDF."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ropa_desktop.domain.fields import FIELDS, face
from ropa_desktop.i18n import set_language
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import printing
from ropa_desktop.ui.detail_pane import FIELDS as DETAIL_FIELDS
from ropa_desktop.ui.help_browser import SECTIONS, GuideDialog, field_in_focus, guide_path, open_guide
from ropa_desktop.ui.main_window import MainWindow
from ropa_desktop.ui.menus import table_menu
from ropa_desktop.ui.table_model import RegisterTableModel


def test_every_purpose_column_header_has_a_tooltip_with_its_article(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    model = window.editor.purpose_model
    for column, info in enumerate(face("purpose_table")):
        tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip and info.article in tip, (info.name, tip)
        assert tip.strip().endswith(info.help.rstrip(".") + ".")


def test_every_catalogue_table_header_has_a_tooltip(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    for table in window.editor.record_tables:
        model = table.model()
        assert isinstance(model, RegisterTableModel)
        for column in range(model.columnCount()):
            tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            entity, field = model.column_field(column) or ("", "")
            info = FIELDS[entity, field]
            assert tip, (table.objectName(), field)
            assert info.article in tip


def test_every_detail_pane_control_and_caption_has_a_tooltip_with_its_article(
    window: MainWindow, promeister_path: Path
) -> None:
    assert window.open_file(promeister_path)
    pane = window.editor.detail
    for spec in DETAIL_FIELDS:
        article = FIELDS["activity", spec.name].article
        for part in (pane.widgets[spec.name], pane.captions[spec.name]):
            tip = part.toolTip()
            assert tip.strip(), spec.name
            assert article in tip, (spec.name, tip)


def test_tooltips_are_in_the_users_language(window: MainWindow, promeister_path: Path) -> None:
    set_language("nb")
    try:
        assert window.open_file(promeister_path)
        tip = window.editor.purpose_model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith("Lagringstid (art. 30 nr. 1 bokstav f)\n")
    finally:
        set_language("en")


def test_articles_are_cited_as_each_language_writes_them() -> None:
    from ropa_desktop.domain.fields import cite
    from ropa_desktop.i18n import translator

    nb = translator("nb")
    assert cite("art. 30(1)(a), 30(2)(a)", nb) == "art. 30 nr. 1 bokstav a, 30 nr. 2 bokstav a"
    assert cite("art. 9(2)", nb) == "art. 9 nr. 2"
    assert cite("art. 44–49", nb) == "art. 44–49"
    assert cite("personopplysningsloven § 12", nb) == "personopplysningsloven § 12"
    assert cite("art. 30(1)(f)", translator("en")) == "art. 30(1)(f)"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_guide_has_every_section_the_fields_point_to(language: str) -> None:
    text = guide_path(language).read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([\w-]+)"', text))
    assert set(SECTIONS.values()) <= anchors
    for article in ("6", "9", "30", "35", "45", "46", "49"):
        assert f"art. {article}" in text
    assert guide_path(language).name == f"guide.{language}.html"


def test_f1_on_a_detail_field_opens_the_guide_at_its_section(
    window: MainWindow, promeister_path: Path, qtbot: QtBot
) -> None:
    assert window.open_file(promeister_path)
    control = window.editor.detail.widgets["retention_trigger"]
    control.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is control)
    assert field_in_focus(QApplication.focusWidget()) == "retention_trigger"
    window.menu_actions["guide"].trigger()
    dialog = window.findChild(GuideDialog, "guideDialog")
    assert dialog is not None and dialog.isVisible()
    assert window.menu_actions["guide"].shortcut().toString() == "F1"
    browser = dialog.browser
    top = browser.verticalScrollBar().value()
    assert top > 0  # scrolled away from the top to the retention section
    assert dialog.show_field("") == "" and browser.verticalScrollBar().value() == 0
    assert dialog.show_field("retention_trigger") == "retention"
    assert browser.verticalScrollBar().value() == top
    assert "Counted from" not in browser.toPlainText() or "counted from" in browser.toPlainText()


def test_f1_in_the_purpose_table_follows_the_current_column(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    table = window.editor.purpose_table
    table.setCurrentIndex(window.editor.purpose_model.index(0, 3))
    assert field_in_focus(table) == "legal_basis"
    dialog = open_guide(window, field_in_focus(table))
    assert dialog.browser.verticalScrollBar().value() > 0


def test_an_empty_register_says_how_to_start(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    assert window.create_register(tmp_path / "Bakeri.ropa", "Bakeriet AS")
    hint = window.editor.purpose_table.empty_hint()
    assert "paste" in hint.lower() and "Ctrl+V" in hint and "Add row" in hint and "template" in hint
    sources = next(t for t in window.editor.record_tables if t.objectName() == "sourcesTable")
    assert sources.empty_hint()
    window.editor.add_row()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    assert window.editor.purpose_model.rowCount() == 1
    assert window.editor.purpose_table.empty_hint() == ""
    window.editor.filter.setText("no such activity anywhere")
    assert window.editor.purpose_table.empty_hint() == "No rows match the filter."


def test_no_hint_without_a_register(window: MainWindow) -> None:
    assert window.editor.purpose_table.empty_hint() == ""


def test_every_table_has_a_context_menu_with_the_row_actions(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    activities = [a.objectName() for a in table_menu(window, window.editor.purpose_table).actions()]
    assert {"action_duplicate", "action_from_template", "action_copy_to"} <= set(activities)
    for table in window.editor.record_tables:
        assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
        names = [a.objectName() for a in table_menu(window, table).actions() if not a.isSeparator()]
        merge = ["action_merge_categories"] if table.objectName() == "categoriesTable" else []
        assert names == [
            "action_add",
            "action_delete",
            *merge,
            "action_copy",
            "action_paste",
            "action_move_up",
            "action_move_down",
            "action_guide",
        ]
    assert window.sidebar.context_menu().actions()


def test_sort_descending_on_the_second_click(window: MainWindow, promeister_path: Path) -> None:
    assert window.open_file(promeister_path)
    table = window.editor.purpose_table
    model = window.editor.purpose_model
    header = table.horizontalHeader()

    def purposes() -> list[str]:
        return [str(model.index(r, 0).data()) for r in range(model.rowCount())]

    original = purposes()
    header.sectionClicked.emit(0)
    assert purposes() == sorted(original, key=str.casefold)
    header.sectionClicked.emit(0)
    assert purposes() == sorted(original, key=str.casefold, reverse=True)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    header.sectionClicked.emit(0)
    assert purposes() == original


@pytest.fixture
def board_pdf(promeister_path: Path, tmp_path: Path) -> Iterator[Path]:
    from ropa_desktop.exports.pdf import export_pdf
    from ropa_desktop.i18n import translator

    pdf = tmp_path / "board.pdf"
    with RegisterFile.open(promeister_path, readonly=True) as reg:
        export_pdf(reg.snapshot(), pdf, translator("nb"))
    yield pdf


def test_printing_draws_every_page_of_the_board_pdf(board_pdf: Path, tmp_path: Path, qtbot: QtBot) -> None:
    import pypdfium2

    pages = printing.BoardPages(board_pdf)
    try:
        printer = printing.prepare_printer(pages)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(96)  # the drawing, not the dots per inch, is under test
        out = tmp_path / "printed.pdf"
        printer.setOutputFileName(str(out))
        drawn = pages.paint(printer)
        assert drawn == len(pages) > 1
        printed = pypdfium2.PdfDocument(str(out))
        assert len(printed) == len(pages)
        sheets = {w > h for w, h in (printed[i].get_size() for i in range(len(printed)))}
        originals = [pages.landscape(i) for i in range(len(pages))]
        assert len(set(originals)) == 2  # a portrait cover, landscape tables
        assert sheets == {sum(originals) * 2 >= len(originals)}  # one sheet shape: the shape most pages have
        printed.close()
        image = pages.image(0, 50)
        assert image.width() > image.height() if pages.landscape() else image.width() < image.height()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
        assert len(colours) > 2  # text and rules, not a blank page
    finally:
        pages.close()


def test_print_preview_exports_the_register_and_shows_its_pages(
    window: MainWindow, promeister_path: Path, qtbot: QtBot
) -> None:
    assert window.open_file(promeister_path)
    seen: list[int] = []
    printing.with_board_pdf(window, "Print preview", lambda pages: seen.append(len(pages)))
    qtbot.waitUntil(lambda: bool(seen), timeout=30000)
    assert seen[0] > 1
    assert window.menu_actions["print_preview"].isEnabled()
    assert window.menu_actions["print"].isEnabled()


def test_qt_standard_texts_are_in_bokmal(qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    from ropa_desktop.ui.qt_strings import install_qt_translations

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    # Why the app answers Qt's texts itself: PySide6 has Nynorsk but no Bokmål catalogue.
    assert not (folder / "qtbase_nb.qm").exists() and not (folder / "qtbase_no.qm").exists()
    installed = install_qt_translations("nb")
    try:
        replace = QCoreApplication.translate("QFileDialog", "%1 already exists.\nDo you want to replace it?")
        assert replace == "%1 finnes allerede.\nVil du erstatte den?"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
        assert QCoreApplication.translate("QPrintPreviewDialog", "Next page") == "Neste side"
        assert QCoreApplication.translate("SomeOtherClass", "Cancel") == "Cancel"  # only Qt's own dialogs
        assert QCoreApplication.translate("QFileDialog", "A text we do not know") == "A text we do not know"
    finally:
        for one in installed:
            QCoreApplication.removeTranslator(one)
    assert install_qt_translations("en") == []
