"""What the window shows with no register open: new, open, recent files, the sample registers."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ropa_desktop.i18n import _
from ropa_desktop.resources import samples_dir
from ropa_desktop.ui.settings import recent_files

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def sample_files() -> list[Path]:
    folder = samples_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


class StartScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    path_chosen = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startScreen")
        title = QLabel(_("Records of processing activities"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(_("Create a register, open one, or look at a sample first."), self)
        intro.setWordWrap(True)
        self.new_button = QPushButton(_("&New register…"), self)
        self.new_button.setAccessibleName(_("New register"))
        self.open_button = QPushButton(_("&Open…"), self)
        self.open_button.setAccessibleName(_("Open a register"))
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.recent = self._list(_("Recent files"))
        self.samples = self._list(_("Open a sample register"))
        recent_label = QLabel(_("&Recent files"), self)
        recent_label.setBuddy(self.recent)
        samples_label = QLabel(_("Open a &sample register"), self)
        samples_label.setBuddy(self.samples)
        column = QWidget(self)
        column.setMaximumWidth(760)  # a readable column, not lists stretched across a wide screen
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(24, 12, 24, 12)  # a 1366 × 768 screen at 200 % has 384 points of height
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)
        layout.addWidget(samples_label)
        layout.addWidget(self.samples, 1)
        self.refresh()

    def _list(self, name: str) -> QListWidget:
        view = QListWidget(self)
        view.setAccessibleName(name)
        view.setMinimumHeight(self.fontMetrics().height() * 3)
        view.itemActivated.connect(lambda item: self.path_chosen.emit(item.data(PATH_ROLE)))
        return view

    def refresh(self) -> None:
        self.recent.clear()
        for path in recent_files():
            item = QListWidgetItem(f"{path.name}  —  {path.parent}", self.recent)
            item.setData(PATH_ROLE, path)
        if not self.recent.count():
            placeholder = QListWidgetItem(_("No recent files"), self.recent)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        self.samples.clear()
        for path in sample_files():
            item = QListWidgetItem(_sample_title(path), self.samples)
            item.setData(PATH_ROLE, path)
            item.setToolTip(str(path))
        if not self.samples.count():
            placeholder = QListWidgetItem(_("No sample registers installed"), self.samples)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)


def _sample_title(path: Path) -> str:
    """The organisations a sample holds, as written in it ("ProMeister Solutions AS"), not its file name."""
    try:
        names = [str(o["name"]) for o in json.loads(path.read_text(encoding="utf-8"))["organisations"]]
    except (OSError, ValueError, KeyError, TypeError):
        names = []
    return ", ".join(names) or path.stem
