"""The map's QGraphicsView: zoom at the cursor, pan, fit, keyboard focus between people,
and a "pick the other person" mode for drawing a link."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from trustdesk.domain.enums import BuyingRole, RelationshipLevel
from trustdesk.reports.map_drawing import DETAIL_ZOOM, OVERVIEW_MIN_PX, TEXT_ZOOM
from trustdesk.ui.map.scene import MapScene, NodeItem

MIN_SCALE, MAX_SCALE = 0.1, 4.0
# "Fit" never goes below this: zoomed out a box shows its name only, OVERVIEW_MIN_PX high,
# so at this zoom names are still >= 11 px on screen; the rest is reached by panning.
READABLE_SCALE = 11.0 / OVERVIEW_MIN_PX + 0.005
FIT_MAX_SCALE = 1.0  # a small map is not blown up beyond its natural size


class MapView(QGraphicsView):
    """Signals: ``contextRequested(contact_id or "", global_pos)``;
    ``linkPicked(source_id, target_id, kind)`` when link mode ends on a person;
    ``linkModeChanged(bool)``."""

    contextRequested = Signal(str, QPoint)
    linkPicked = Signal(str, str, str)
    linkModeChanged = Signal(bool)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self._link_from: tuple[str, str] | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- zoom and fit --------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """Before each frame: at an overview zoom (no names) hide the drawn links, a tangle
        there and most of the cost of panning a large map; the org chart's lines stay."""
        self.map_scene.show_drawn_links(self.transform().m11() >= TEXT_ZOOM)
        super().drawBackground(painter, rect)

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.15**steps)
        event.accept()

    def fit(self) -> None:
        """The whole map if it fits at a legible zoom; otherwise the lowest legible zoom,
        centred on the people who matter (decision-makers, allies)."""
        rect = self.map_scene.content_rect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-30, -30, 30, 30), Qt.AspectRatioMode.KeepAspectRatio)
        scale = self.transform().m11()
        if READABLE_SCALE <= scale <= FIT_MAX_SCALE:
            return
        self.resetTransform()
        scale = min(max(scale, READABLE_SCALE), FIT_MAX_SCALE)
        self.scale(scale, scale)
        self.centerOn(rect.center() if scale == FIT_MAX_SCALE else self.focus_point())

    def focus_point(self) -> QPointF:
        """Where the people who matter are: decision-makers and allies (the top of the
        chart if there are none), as many of them as one screen holds."""
        nodes = list(self.map_scene.nodes.values())
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if not nodes:  # every department collapsed: start at the top left
            top_left = self.map_scene.content_rect().topLeft()
            return top_left + QPointF(visible.width() / 2, visible.height() / 2)
        key = [
            n
            for n in nodes
            if BuyingRole.DECISION_MAKER in n.person.roles
            or n.person.level is RelationshipLevel.ALLY
        ] or sorted(nodes, key=lambda n: n.pos().y())[:1]
        key.sort(key=lambda n: (n.pos().y(), n.pos().x()))
        area = key[0].sceneBoundingRect()
        card = self.map_scene.departments.get(key[0].person.department)
        if card is not None:  # grouped: show whose department this is
            area = area.united(card.sceneBoundingRect())
        for node in key[1:]:
            wider = area.united(node.sceneBoundingRect())
            if wider.width() <= visible.width() and wider.height() <= visible.height():
                area = wider
        return area.center()

    # --- keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        directions = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key == Qt.Key.Key_Escape and self._link_from:
            self.cancel_link()
        elif key in directions and not event.modifiers():
            self.focus_next(*directions[key])
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.map_scene.nodes:
            self.focus_next(0, 0, backwards=key == Qt.Key.Key_Backtab)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            node = self.focused_node()
            if node is not None:
                self.map_scene.nodeActivated.emit(node.person.id)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.2)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / 1.2)
        elif key == Qt.Key.Key_F and not event.modifiers():
            self.fit()
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next_: bool) -> bool:
        return False  # Tab moves between people (keyPressEvent), not out of the map

    def focused_node(self) -> NodeItem | None:
        item = self.map_scene.focusItem()
        return item if isinstance(item, NodeItem) else None

    def focus_node(self, node: NodeItem) -> None:
        self.map_scene.clearSelection()
        node.setSelected(True)
        node.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureVisible(node.sceneBoundingRect(), 60, 60)

    def focus_next(self, dx: int, dy: int, backwards: bool = False) -> None:
        """Move keyboard focus to the nearest person in a direction (Tab: reading order)."""
        nodes = list(self.map_scene.nodes.values())
        if not nodes:
            return
        current = self.focused_node()
        if current is None:
            self.focus_node(min(nodes, key=lambda n: (n.pos().y(), n.pos().x())))
            return
        if dx == dy == 0:
            order = sorted(nodes, key=lambda n: (round(n.pos().y()), n.pos().x()))
            step = -1 if backwards else 1
            self.focus_node(order[(order.index(current) + step) % len(order)])
            return
        here = current.center()
        best, best_score = None, math.inf
        for node in nodes:
            if node is current:
                continue
            d = node.center() - here
            along = d.x() * dx + d.y() * dy
            if along <= 1:
                continue
            across = abs(d.x() * dy) + abs(d.y() * dx)
            score = along + 2 * across
            if score < best_score:
                best, best_score = node, score
        if best is not None:
            self.focus_node(best)

    # --- links ---------------------------------------------------------------------------

    def begin_link(self, source_id: str, kind: str) -> None:
        self._link_from = (source_id, kind)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.linkModeChanged.emit(True)

    def cancel_link(self) -> None:
        self._link_from = None
        self.viewport().unsetCursor()
        self.linkModeChanged.emit(False)

    def node_at(self, pos: QPoint) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._link_from and event.button() == Qt.MouseButton.LeftButton:
            target = self.node_at(event.position().toPoint())
            source_id, kind = self._link_from
            self.cancel_link()
            if target is not None and target.person.id != source_id:
                self.linkPicked.emit(source_id, target.person.id, kind)
            event.accept()
            return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        node = self.node_at(event.pos())
        if node is not None and not node.isSelected():
            self.focus_node(node)
        self.contextRequested.emit(node.person.id if node else "", event.globalPos())

    def show_person(self, contact_id: str) -> None:
        """Centre on one person at a zoom where their box shows its details."""
        node = self.map_scene.nodes.get(contact_id)
        if node is None:
            return
        if self.transform().m11() < DETAIL_ZOOM + 0.05:
            self.resetTransform()
            self.scale(DETAIL_ZOOM + 0.05, DETAIL_ZOOM + 0.05)
        self.centerOn(node.center())

    def center_on_people(self, ids: list[str]) -> None:
        nodes = [self.map_scene.nodes[i] for i in ids if i in self.map_scene.nodes]
        if nodes:
            centre = sum((n.center() for n in nodes), QPointF()) / len(nodes)
            self.centerOn(centre)
