"""The "Privacy notice…" window: the organisation's notice with live preview, its gaps, and Save as….

The notice itself is written by the core (:mod:`ropa_desktop.notice`); this
window only shows the HTML in a QTextBrowser, lists the gaps (a double-click or
Enter goes to the field, like a finding), and saves through the core's writer.
It re-reads the register after each change (debounced), so the preview follows
the editing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.checks.engine import Finding, Severity
from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import LANGUAGES, _, ngettext, translator
from ropa_desktop.notice import Gap, Notice, build_notice
from ropa_desktop.notice.html import render_html
from ropa_desktop.notice.write import FORMATS, SUFFIXES, write_notice
from ropa_desktop.ui import settings as st
from ropa_desktop.ui.dialogs import inform
from ropa_desktop.ui.session import RegisterSession

if TYPE_CHECKING:
    from ropa_desktop.ui.main_window import MainWindow

LANGUAGE_NAMES = {"nb": "Norsk bokmål", "en": "English"}
FILTERS = {"html": "HTML (*.html)", "docx": "Word (*.docx)", "md": "Markdown (*.md)"}


class NoticeView(QDialog):
    """A non-modal window beside the editor, for the organisation the editor shows."""

    def __init__(self, window: MainWindow, session: RegisterSession) -> None:
        super().__init__(window)
        self.setObjectName("noticeView")
        self.setWindowTitle(_("Privacy notice"))
        self.resize(980, 720)
        self.window_ = window
        self.session = session
        self.notice: Notice | None = None

        self.language = QComboBox(self)
        self.language.setObjectName("noticeLanguage")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(st.export_language())))
        self.language.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        label = QLabel(_("Language of the notice:"), self)
        label.setBuddy(self.language)
        top.addWidget(label)
        top.addWidget(self.language)
        top.addStretch(1)

        self.preview = QTextBrowser(self)
        self.preview.setObjectName("noticePreview")
        self.preview.setOpenLinks(False)  # a notice has no links to follow; nothing is fetched
        self.gap_list = QListWidget(self)
        self.gap_list.setObjectName("noticeGaps")
        self.gap_list.itemActivated.connect(self._go_to_gap)
        self.gap_title = QLabel(self)
        gaps = QWidget(self)
        gap_layout = QVBoxLayout(gaps)
        gap_layout.setContentsMargins(0, 0, 0, 0)
        gap_layout.addWidget(self.gap_title)
        gap_layout.addWidget(self.gap_list)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.preview)
        splitter.addWidget(gaps)
        splitter.setSizes([560, 160])

        # Our own translated buttons: Qt's standard buttons have no bokmål catalogue.
        buttons = QDialogButtonBox(self)
        close = QPushButton(_("Close"), self)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button = QPushButton(_("Save as…"), self)
        self.save_button.setObjectName("noticeSaveAs")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save_as)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        # Typing in a cell fires one change per edit: redraw once things settle.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        session.changed.connect(lambda _op: self._timer.start())
        window.editor.organisation_changed.connect(lambda _name: self._timer.start())
        session.destroyed.connect(self.close)  # the register was closed
        self.refresh()

    # ------------------------------------------------------------------ content

    def language_code(self) -> str:
        return str(self.language.currentData() or LANGUAGES[0])

    def refresh(self) -> None:
        snapshot = self.session.snapshot()
        org = snapshot.organisation(self.window_.editor.organisation_id) or (
            snapshot.organisations[0] if snapshot.organisations else None
        )
        if org is None:
            self.notice = None
            self.preview.setPlainText(_("The register holds no organisation."))
            self._show_gaps([])
            return
        self.notice = build_notice(org, translator(self.language_code()))
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(render_html(self.notice))
        self.preview.verticalScrollBar().setValue(scroll)
        self._show_gaps(self.notice.gaps)

    def _show_gaps(self, gaps: list[Gap]) -> None:
        self.gap_list.clear()
        if gaps:
            text = ngettext(
                "{count} gap: the register lacks what the notice must say (double-click to fill it in)",
                "{count} gaps: the register lacks what the notice must say (double-click to fill them in)",
                len(gaps),
            )
            self.gap_title.setText(text.format(count=len(gaps)))
        else:
            self.gap_title.setText(_("No gaps: the register holds everything the notice must say."))
        for gap in gaps:
            item = QListWidgetItem(gap.text, self.gap_list)
            item.setData(Qt.ItemDataRole.UserRole, gap)

    def _go_to_gap(self, item: QListWidgetItem) -> None:
        gap = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(gap, Gap):
            # A gap points at a record and field exactly as a finding does: the editor already goes there.
            finding = Finding(
                "notice.gap", Severity.WARNING, gap.organisation_id, gap.entity, gap.record_id, gap.field, gap.text
            )
            self.window_.editor.show_finding(finding)
            self.window_.activateWindow()

    # ------------------------------------------------------------------ saving

    def save_as(self) -> None:
        if self.notice is None:
            return
        register = self.session.document_path
        default = register.with_name(f"{register.stem}-{self.language_code()}.html")
        filters = ";;".join(FILTERS[f] for f in FORMATS)
        target, chosen = QFileDialog.getSaveFileName(self, _("Save the privacy notice"), str(default), filters)
        if not target:
            return
        fmt = next((f for f in FORMATS if FILTERS[f] == chosen), "html")
        path = Path(target)
        if path.suffix.lower() not in SUFFIXES.values():
            path = path.with_suffix(SUFFIXES[fmt])
        else:
            fmt = next(f for f, s in SUFFIXES.items() if s == path.suffix.lower())
        try:
            # The file dialog has already asked whether to replace an existing file.
            write_notice(self.notice, fmt, path, force=True, inputs=(register,))
        except RopaError as exc:
            inform(self, _("The privacy notice was not saved"), exc.render(), warning=True)
            return
        except OSError as exc:
            inform(self, _("The privacy notice was not saved"), f"{exc.strerror or exc}: {path}", warning=True)
            return
        self.window_.statusBar().showMessage(_("Wrote {path}").format(path=path), 5000)


def show_notice(window: MainWindow) -> None:
    """Open (or raise) the privacy notice window for the open register."""
    session = window.session
    if session is None:
        return
    existing = window.findChild(NoticeView, "noticeView")
    if isinstance(existing, NoticeView) and existing.session is session:
        existing.refresh()
    else:
        if existing is not None:
            existing.deleteLater()
        existing = NoticeView(window, session)
    existing.show()
    existing.raise_()
    existing.activateWindow()
