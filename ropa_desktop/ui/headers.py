"""Column headings that wrap instead of being cut off.

Norwegian headings are long ("Kategorier av personopplysninger", "Rettslig grunnlag"); Qt's
header draws each on one line and elides it when the column is narrow (1366×768, 125 %), so the
user cannot read what a column holds. This header wraps a heading at word boundaries and grows
to the tallest heading for the columns' current widths.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

_WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
_MAX_LINES = 3  # a heading longer than this still elides: the header must not eat the table


class WrappingHeader(QHeaderView):
    """A horizontal header whose headings wrap onto up to three lines at the columns' widths."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        # The wrap flag goes on each section's drawing options, not on defaultAlignment: a saved
        # header state carrying it is refused by restoreState (the users' column widths lost).
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Qt caches the header's height; a column's new width can change it. Coalesced: dragging a
        # column edge resizes many times per frame, and re-measuring may itself resize sections.
        self._remeasure = QTimer(self)
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(0)
        self._remeasure.timeout.connect(self._measure_again)
        self.sectionResized.connect(self._remeasure.start)

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logicalIndex: int) -> None:  # noqa: N802, N803
        super().initStyleOptionForIndex(option, logicalIndex)
        option.textAlignment |= Qt.TextFlag.TextWordWrap

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:  # noqa: N802, N803 - Qt's names
        size = super().sectionSizeFromContents(logicalIndex)
        model = self.model()
        if model is None:
            return size
        text = model.headerData(logicalIndex, self.orientation(), Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return size
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
        width = self.sectionSize(logicalIndex) - 2 * margin
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == logicalIndex:
            width -= self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, self) + margin
        metrics = self.fontMetrics()
        wrapped = metrics.boundingRect(QRect(0, 0, max(width, metrics.averageCharWidth() * 4), 100_000), _WRAP, text)
        height = min(wrapped.height(), metrics.lineSpacing() * _MAX_LINES) + 2 * margin
        return QSize(size.width(), max(size.height(), height))

    def tallest_heading(self) -> int:
        """The height the headings need at the columns' current widths (what the header takes)."""
        return max((self.sectionSizeFromContents(i).height() for i in range(self.count())), default=0)

    def _measure_again(self) -> None:
        if self.count():
            # headerDataChanged drops Qt's cached size hint; the view then lays the header out anew.
            self.headerDataChanged(self.orientation(), 0, self.count() - 1)
