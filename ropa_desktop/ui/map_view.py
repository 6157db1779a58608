"""The data map in the editor: the core's layout drawn in a QGraphicsScene, with pan, zoom, hover and filters.

The picture is the one :mod:`ropa_desktop.overview` computes for the SVG and
PNG; this view only draws it, dims what the filters leave out, and turns a
click (or Enter on the focused node) into "select this activity".
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPainterPath, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import labels
from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.i18n import _, current
from ropa_desktop.overview import svg as look
from ropa_desktop.overview.datamap import DataMap, Layer, MapNode, build_map
from ropa_desktop.overview.layout import COLUMN_GAP, MARGIN, NODE_WIDTH, MapLayout, layout

KEY_ROLE = 0  # QGraphicsItem.data slot holding the node key


class _NodeItem(QGraphicsRectItem):
    def __init__(self, node: MapNode, rect: QRectF) -> None:
        super().__init__(rect)
        self.node = node
        self.setData(KEY_ROLE, node.key)
        self.setToolTip(look.hover_text(node))
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        marked = node.gap or node.special or node.third_country
        pen = QPen(QColor(look.node_stroke(node)), 2 if marked else 1)
        if node.gap:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setBrush(QBrush(QColor(look.node_fill(node))))


class MapGraphicsView(QGraphicsView):
    node_activated = Signal(str)  # node key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Data map"))

    def node_items(self) -> list[_NodeItem]:
        found = [i for i in self.scene().items() if isinstance(i, _NodeItem)] if self.scene() else []
        return sorted(found, key=lambda i: (i.rect().x(), i.rect().y()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, _NodeItem):
            item = item.parentItem()
        super().mouseReleaseEvent(event)
        if isinstance(item, _NodeItem) and event.button() == Qt.MouseButton.LeftButton:
            self._select(item)
            self.node_activated.emit(item.node.key)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)

    def _select(self, item: _NodeItem) -> None:
        if self.scene() is not None:
            self.scene().clearSelection()
        item.setSelected(True)
        item.setFocus()
        self.ensureVisible(item)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        """Tab and Shift+Tab walk the nodes in reading order; past the last (or first) node they leave the map,
        so the keyboard is never trapped in it."""
        items = self.node_items()
        current = next_index = -1
        if self.hasFocus() and items:
            current = next((i for i, it in enumerate(items) if it.isSelected()), -1)
            next_index = current + 1 if forward else (current - 1 if current >= 0 else len(items) - 1)
        if 0 <= next_index < len(items):
            self._select(items[next_index])
            return True
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Arrow keys walk the nodes in reading order; Enter selects the record; + and - zoom."""
        items = self.node_items()
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.15)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / 1.15)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Left) and items:
            current = next((i for i, it in enumerate(items) if it.isSelected()), -1)
            step = 1 if key in (Qt.Key.Key_Down, Qt.Key.Key_Right) else -1
            self._select(items[(current + step) % len(items)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chosen = next((it for it in items if it.isSelected()), None)
            if chosen is not None:
                self.node_activated.emit(chosen.node.key)
        else:
            super().keyPressEvent(event)


class MapView(QWidget):
    """Filters over the map and the map itself; ``activity_selected`` when an activity's node is chosen."""

    activity_selected = Signal(int)
    record_selected = Signal(str, int)  # entity, id: a recipient, source or data subject node
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org: OrganisationRegister | None = None
        self.data_map: DataMap | None = None
        self.map_layout: MapLayout | None = None
        self.purpose_filter = QLineEdit(self)
        self.purpose_filter.setPlaceholderText(_("Filter by purpose…"))
        self.purpose_filter.setAccessibleName(_("Filter the map by purpose"))
        # in font units, so the box keeps room for a word at 200 % on a narrow screen
        self.purpose_filter.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.category_filter = QComboBox(self)
        self.category_filter.setAccessibleName(_("Filter the map by category of personal data"))
        self.role_filter = QComboBox(self)
        self.role_filter.setAccessibleName(_("Filter the map by recipient role"))
        self.third_only = QCheckBox(_("Only transfers outside the EEA"), self)
        self.save_button = QPushButton(_("Save as picture…"), self)
        self.save_button.setToolTip(_("Save the data map as an SVG or PNG picture"))
        self.save_button.clicked.connect(self.save_requested)
        for combo in (self.category_filter, self.role_filter):
            # A long category name must not widen the window past a laptop screen at 200 %.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        # Three short rows, not one long one, so the bar fits 683 points (a 1366 px screen at 200 %).
        first = QHBoxLayout()
        first.addWidget(self.purpose_filter, 1)
        first.addWidget(self.save_button)
        second = QHBoxLayout()
        second.addWidget(self.category_filter, 1)
        second.addWidget(self.role_filter, 1)
        bar = QVBoxLayout()
        bar.addLayout(first)
        bar.addLayout(second)
        bar.addWidget(self.third_only)
        self.view = MapGraphicsView(self)
        self.view.node_activated.connect(self._activated)
        layout_ = QVBoxLayout(self)
        layout_.setContentsMargins(0, 0, 0, 0)
        layout_.addLayout(bar)
        layout_.addWidget(self.view, 1)
        self.purpose_filter.textChanged.connect(self.apply_filters)
        self.category_filter.currentIndexChanged.connect(self.apply_filters)
        self.role_filter.currentIndexChanged.connect(self.apply_filters)
        self.third_only.toggled.connect(self.apply_filters)

    def set_organisation(self, org: OrganisationRegister | None) -> None:
        self.org = org
        tr = current()
        self.category_filter.blockSignals(True)
        self.role_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem(_("All categories"), None)
        self.role_filter.clear()
        self.role_filter.addItem(_("All recipient roles"), None)
        for role, text in labels.labels_of(e.RecipientRole, tr):
            self.role_filter.addItem(text, role)
        if org is not None:
            for c in org.personal_data:
                self.category_filter.addItem(c.name, c.id)
        self.category_filter.blockSignals(False)
        self.role_filter.blockSignals(False)
        scene = QGraphicsScene(self)
        self.data_map = build_map(org, tr) if org is not None else None
        self.map_layout = layout(self.data_map) if self.data_map is not None else None
        if self.map_layout is not None:
            self._draw(scene, self.map_layout)
        self.view.setScene(scene)
        self.apply_filters()

    def _draw(self, scene: QGraphicsScene, lay: MapLayout) -> None:
        tr = current()
        scene.setSceneRect(QRectF(0, 0, lay.width, lay.height))
        scene.setBackgroundBrush(QBrush(QColor("#ffffff")))  # the print palette: the same picture as the SVG
        bold = QFont()
        bold.setBold(True)
        for layer in Layer:
            title = scene.addSimpleText(tr.gettext(look.LAYER_TITLES[layer]), bold)
            title.setBrush(QBrush(QColor(look.INK)))
            title.setPos(MARGIN + int(layer) * (NODE_WIDTH + COLUMN_GAP), MARGIN)
        for edge in lay.map.edges:
            a, b = lay.boxes[edge.source], lay.boxes[edge.target]
            if a.x > b.x:
                a, b = b, a
            x1, y1, x2, y2 = a.x + a.width, a.centre_y, b.x, b.centre_y
            path = QPainterPath(QPointF(x1, y1))
            mid = (x1 + x2) / 2
            path.cubicTo(QPointF(mid, y1), QPointF(mid, y2), QPointF(x2, y2))
            item = QGraphicsPathItem(path)
            pen = QPen(QColor(look.edge_colour(edge.special, edge.third_country)), look.edge_width(edge.weight))
            if edge.third_country and not edge.special:
                pen.setStyle(Qt.PenStyle.DashLine)
            item.setPen(pen)
            item.setData(KEY_ROLE, f"{edge.source}>{edge.target}")
            item.setZValue(-1)
            scene.addItem(item)
        for node in lay.nodes_in_order():
            box = lay.boxes[node.key]
            rect_item = _NodeItem(node, QRectF(box.x, box.y, box.width, box.height))
            scene.addItem(rect_item)
            marks = ("⚠ " if node.gap else "") + ("◆ " if node.special else "")
            text = QGraphicsSimpleTextItem(marks + look.shorten(node.label, 30), rect_item)
            text.setBrush(QBrush(QColor(look.INK)))
            text.setPos(box.x + 8, box.centre_y - text.boundingRect().height() / 2)

    def apply_filters(self) -> None:
        """Dim the nodes (and their edges) the filters leave out; the layout stays put, so the eye keeps its place."""
        if self.data_map is None or self.org is None:
            return
        visible = self.visible_keys()
        for item in self.view.scene().items():
            key = item.data(KEY_ROLE)
            if isinstance(key, str) and ">" in key:
                a, b = key.split(">", 1)
                item.setOpacity(1.0 if a in visible and b in visible else 0.12)
            elif isinstance(item, _NodeItem):
                item.setOpacity(1.0 if item.node.key in visible else 0.25)

    def visible_keys(self) -> set[str]:
        """Nodes the filters keep: matching activities and everything linked to them."""
        assert self.data_map is not None and self.org is not None
        text = self.purpose_filter.text().strip().lower()
        category = self.category_filter.currentData()
        role = self.role_filter.currentData()
        third = self.third_only.isChecked()
        if not (text or category is not None or role or third):
            return {n.key for n in self.data_map.nodes}
        with_category = {
            f"activity:{r.activity.id}"
            for r in self.org.activities
            if category is None or category in r.personal_data_ids
        }
        nodes = {n.key: n for n in self.data_map.nodes}
        neighbours: dict[str, set[str]] = {}
        for edge in self.data_map.edges:
            neighbours.setdefault(edge.source, set()).add(edge.target)
            neighbours.setdefault(edge.target, set()).add(edge.source)
        keep: set[str] = set()
        for node in self.data_map.nodes:
            if node.layer != Layer.ACTIVITY:
                continue
            if text and text not in node.label.lower():
                continue
            if node.kind == "activity" and node.key not in with_category:
                continue
            if third and not node.third_country:
                continue
            recipients = [nodes[k] for k in neighbours.get(node.key, ()) if nodes[k].layer == Layer.RECIPIENT]
            if role and not any(r.role == role for r in recipients):
                continue
            keep.add(node.key)
            for k in neighbours.get(node.key, ()):
                if nodes[k].layer == Layer.RECIPIENT and role and nodes[k].role != role:
                    continue
                keep.add(k)
                if nodes[k].layer == Layer.RECIPIENT:
                    keep.update(c for c in neighbours.get(k, ()) if nodes[c].layer == Layer.COUNTRY)
        return keep

    def _activated(self, key: str) -> None:
        if self.data_map is None:
            return
        node = next((n for n in self.data_map.nodes if n.key == key), None)
        if node is None or not node.records:
            return
        first = node.records[0]
        if first.entity == "activity":
            self.activity_selected.emit(first.record_id)
        else:
            self.record_selected.emit(first.entity, first.record_id)
