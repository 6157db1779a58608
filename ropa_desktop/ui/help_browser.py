"""The register guide (F1, Help → Register guide): a bundled HTML page per language in a QTextBrowser.

F1 on a field opens the guide at the section that explains that field; the sections are anchors in
``ropa_desktop/data/help/guide.<language>.html``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.i18n import _, current
from ropa_desktop.resources import package_data
from ropa_desktop.ui.detail_pane import HELP_FIELD
from ropa_desktop.ui.table_model import RegisterTableModel

# Field -> the guide's section (anchor). Fields not listed open the guide at the top.
SECTIONS: dict[str, str] = {
    "legal_basis": "legal-basis",
    "legal_bases": "legal-basis",
    "legal_basis_note": "legal-basis",
    "basis": "legal-basis",
    "national_law": "supplementary",
    "disclosure_law": "supplementary",
    "balancing_test": "balancing",
    "consent_withdrawal": "balancing",
    "consent_record": "balancing",
    "special_condition": "special",
    "special_condition_note": "special",
    "special": "special",
    "criminal_basis": "criminal",
    "criminal": "criminal",
    "national_id_justification": "national-id",
    "national_id": "national-id",
    "retention": "retention",
    "retention_duration": "retention",
    "retention_unit": "retention",
    "retention_trigger": "retention",
    "retention_legal_ref": "retention",
    "retention_reason": "retention",
    "deletion_method": "retention",
    "recipients": "recipients",
    "role": "recipients",
    "dpa_in_place": "recipients",
    "dpa_date": "recipients",
    "transfers": "transfers",
    "mechanism": "transfers",
    "other_mechanisms": "transfers",
    "safeguards": "transfers",
    "dpf_certified": "transfers",
    "security_measures": "security",
    "applies_to_all": "security",
    "large_scale": "dpia",
    "systematic_monitoring": "dpia",
    "automated_decisions": "dpia",
    "new_technology": "dpia",
    "combines_datasets": "dpia",
    "dpia_answers": "dpia",
    "dpia_need": "dpia",
    "dpia_need_reason": "dpia",
    "dpia_status": "dpia",
    "dpia_reference": "dpia",
    "dpia_date": "dpia",
    "dpia_criteria": "dpia",
    "purpose": "start",
    "operations": "start",
    "personal_data": "special",
}


def guide_path(language: str | None = None) -> Path:
    """The guide in the user's language (English when there is none in it)."""
    code = language or current().language
    path = package_data(f"help/guide.{code}.html")
    return path if path.exists() else package_data("help/guide.en.html")


def field_in_focus(widget: QWidget | None) -> str:
    """The field the focused control edits: a detail-pane control, or the current column of a table."""
    while widget is not None:
        name = widget.property(HELP_FIELD)
        if isinstance(name, str) and name:
            return name
        if isinstance(widget, QAbstractItemView):
            model = widget.model()
            if isinstance(model, RegisterTableModel) and widget.currentIndex().isValid():
                found = model.column_field(widget.currentIndex().column())
                return found[1] if found else ""
            return ""
        widget = widget.parentWidget()
    return ""


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(_("Register guide"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path())))
        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(760, int(screen.width() * 0.6)), min(820, int(screen.height() * 0.85)))

    def show_field(self, field: str) -> str:
        """Scroll to the section that explains ``field``; the anchor shown ("" for the top)."""
        anchor = SECTIONS.get(field, "")
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)
        return anchor


def open_guide(parent: QWidget, field: str | None = None) -> GuideDialog:
    """Show the guide (one per window, not modal), at the section of ``field`` or of the focused field."""
    existing = parent.findChild(GuideDialog, "guideDialog")
    dialog = existing if isinstance(existing, GuideDialog) else GuideDialog(parent)
    chosen = field if field is not None else field_in_focus(QApplication.focusWidget())
    dialog.show()
    dialog.raise_()
    dialog.show_field(chosen)
    return dialog
