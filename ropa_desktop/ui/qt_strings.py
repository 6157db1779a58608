"""Qt's own words in the user's language: the file dialog, standard buttons, text-field menus, printing.

Qt ships no Bokmål catalogue (PySide6's ``translations/`` folder has ``qtbase_nn.qm``, Nynorsk, but no
``qtbase_nb.qm`` or ``qtbase_no.qm``). So the app loads Qt's catalogue for the language when one exists
(English and any language Qt adds later) and otherwise answers Qt's questions itself: the Qt source texts a
user meets in the dialogs this app opens are msgids of our own catalogue, translated with the rest of
``ropa.po``. Only the texts listed here are translated, in the Qt classes listed here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ropa_desktop.i18n import N_, Translator, translator

# Qt classes whose standard texts the app shows (file dialog, standard buttons, text editing, printing).
CONTEXTS = frozenset(
    {
        "QAbstractFileIconProvider",
        "QDialogButtonBox",
        "QFileDialog",
        "QFileSystemModel",
        "QLineEdit",
        "QMessageBox",
        "QPageSetupWidget",
        "QPlatformTheme",
        "QPrintDialog",
        "QPrintPreviewDialog",
        "QPrintSettingsOutput",
        "QPrintWidget",
        "QWidgetTextControl",
    }
)
# Qt's source texts, exactly as Qt 6 writes them, one per line. The file dialog's come from Qt's
# qfiledialog.ui / qfiledialog.cpp (QFileDialog), qfilesystemmodel.cpp (QFileSystemModel) and
# qabstractfileiconprovider.cpp (the Type column); Qt 6.7+ spells some differently from Qt 6.5 ("&Look in:"
# for "Look in:"), so both are here. Key names ("Alt+Left") are left to Qt.
# fmt: off
QT_MSGIDS: frozenset[str] = frozenset({
    N_("%1 already exists.\nDo you want to replace it?"),
    N_("%1 already exists.\nDo you want to overwrite it?"),
    N_("%1\nFile not found.\nPlease verify the correct file name was given."),
    N_("%1\nDirectory not found.\nPlease verify the correct directory name was given."),
    N_("&Choose"),
    N_("&Delete"),
    N_("&New Folder"),
    N_("&Open"),
    N_("&Rename"),
    N_("&Save"),
    N_("All Files (*)"),
    N_("All files (*)"),
    N_("Are you sure you want to delete '%1'?"),
    N_("Back"),
    N_("Create New Folder"),
    N_("Detail View"),
    N_("Directory:"),
    N_("File &name:"),
    N_("Files of type:"),
    N_("Forward"),
    N_("Go back"),
    N_("Go forward"),
    N_("Go to the parent directory"),
    N_("List View"),
    N_("Look in:"),
    N_("&Look in:"),
    N_("Files of &type:"),
    N_("Create a New Folder"),
    N_("Change to list view mode"),
    N_("Change to detail view mode"),
    N_("Sidebar"),
    N_("List of places and bookmarks"),
    N_("Files"),
    N_("Directories"),
    N_("Find Directory"),
    N_("Show "),  # the file list's header menu: "Show " + a column name
    N_("Could not delete directory."),
    N_("'%1' is write protected.\nDo you want to delete it anyway?"),
    N_("Folder"),
    N_("Drive"),
    N_("New Folder"),
    N_("Open"),
    N_("Parent Directory"),
    N_("Recent Places"),
    N_("Save As"),
    N_("Show &hidden files"),
    N_("Date Modified"),
    N_("Size"),
    N_("Type"),
    N_("Computer"),
    N_("&Yes"),
    N_("&No"),
    N_("Cancel"),
    N_("Close"),
    N_("OK"),
    N_("Save"),
    N_("Discard"),
    N_("Apply"),
    N_("Help"),
    N_("Show Details..."),
    N_("Hide Details..."),
    N_("&Undo"),
    N_("&Redo"),
    N_("Cu&t"),
    N_("&Copy"),
    N_("&Paste"),
    N_("Select All"),
    N_("Copy &Link Location"),
    N_("Print Preview"),
    N_("Print"),
    N_("&Print"),
    N_("Next page"),
    N_("Previous page"),
    N_("First page"),
    N_("Last page"),
    N_("Fit width"),
    N_("Fit page"),
    N_("Zoom in"),
    N_("Zoom out"),
    N_("Portrait"),
    N_("Landscape"),
    N_("Show single page"),
    N_("Show facing pages"),
    N_("Show overview of all pages"),
    N_("Page setup"),
    N_("Page Setup"),
    N_("Export to PDF"),
    N_("Printer"),
    N_("&Name:"),
    N_("Location:"),
    N_("Type:"),
    N_("Output &file:"),
    N_("P&roperties"),
    N_("Print range"),
    N_("Print all"),
    N_("Pages from"),
    N_("to"),
    N_("Current Page"),
    N_("Selection"),
    N_("Copies:"),
    N_("Collate"),
    N_("Reverse"),
    N_("Options"),
    N_("Color Mode"),
    N_("Color"),
    N_("Grayscale"),
    N_("Double Sided Printing"),
    N_("Off"),
    N_("Long side binding"),
    N_("Short side binding"),
    N_("&Options >>"),
    N_("&Options <<"),
    N_("Print to File (PDF)"),
    N_("Local file"),
    N_("Write PDF file"),
    N_("Paper"),
    N_("Page size:"),
    N_("Orientation"),
    N_("Margins"),
    N_("Width:"),
    N_("Height:"),
    N_("Millimeters (mm)"),
}) | {"Name", "Delete"}  # msgids of the catalogue already (a field heading, an enum wording)
# fmt: on


class CatalogueQtTranslator(QTranslator):
    """A QTranslator that answers the listed Qt texts from our gettext catalogue ("" for anything else)."""

    def __init__(self, tr: Translator) -> None:
        super().__init__()
        self.tr_ = tr

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None is Qt's null string: "no translation here", so Qt keeps its source text. An empty string
        # would be a translation, and every other text in the program would go blank.
        if context not in CONTEXTS or source not in QT_MSGIDS:
            return None
        text = self.tr_.gettext(source)
        return text if text != source else None

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def install_qt_translations(language: str) -> list[QTranslator]:
    """Qt's own catalogue for ``language`` when Qt has one, else our answers; the translators installed."""
    app = QCoreApplication.instance()
    if app is None:
        return []
    installed: list[QTranslator] = []
    if language != "en":
        # Qt's own locale too, so the file dialog's file types ("PNG-bilde", from the system's MIME data) are in
        # the app's language. Its dates and sizes follow the system's regional settings, as the systems' own
        # dialogs do; English keeps the system's locale altogether.
        QLocale.setDefault(QLocale(language))
        qt_catalogue = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_catalogue.load(QLocale(language), "qtbase", "_", folder) and QCoreApplication.installTranslator(
            qt_catalogue
        ):
            installed.append(qt_catalogue)
        own = CatalogueQtTranslator(translator(language))
        own.setParent(app)
        if QCoreApplication.installTranslator(own):  # installed last: asked first
            installed.append(own)
    return installed
