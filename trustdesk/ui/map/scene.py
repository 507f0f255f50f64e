"""The map tab's scene: people the salesperson can drag, select and double-click, and the
links between them, redrawn as people move.

Only the interaction lives here; how a person or a link looks comes from
``trustdesk.reports.map_drawing``, so the tab and the exported pictures stay alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from trustdesk.domain.enums import BuyingRole, RelationshipLevel
from trustdesk.domain.layout import DepartmentBlock, department_layout
from trustdesk.domain.routing import Router
from trustdesk.reports.map_drawing import (
    PERSON_BOUNDS,
    Link,
    arrow_head,
    has_arrow,
    link_lane,
    link_path,
    link_pen,
    map_links,
    paint_department,
    paint_person,
    person_box,
    place_people,
)
from trustdesk.reports.map_style import BOX, DEPARTED_OPACITY, REPORTS, in_language
from trustdesk.services.records import ContactData
from trustdesk.services.relationship_map import CoolingMark, EdgeData, MapData

BACKGROUND = QColor("#FAFAF7")
GROUP_AFTER = 150  # people: a larger map opens grouped by department
FRAME_FILL, FRAME_PEN = QColor("#EEF1F5"), QColor("#C9D1DC")


class DepartmentItem(QGraphicsRectItem):
    """A department's card on a grouped map: its name, head count and who matters in it;
    clicking it collapses or expands the department. A light frame shows its people."""

    def __init__(self, block: DepartmentBlock, people: list[ContactData], lang: str) -> None:
        super().__init__(QRectF(0, 0, BOX.width, BOX.height))
        self.block, self.lang = block, lang
        self.setPen(QPen(QColor("#5B6B80"), 1.5))
        self.setBrush(QColor("#FFFFFF"))
        self.setPos(*block.card)
        self.setZValue(1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        deciders = sum(BuyingRole.DECISION_MAKER in p.roles for p in people)
        allies = sum(p.level is RelationshipLevel.ALLY for p in people)
        self.name = block.name or in_language(lang, "未填部门", "No department")
        count = in_language(lang, f"{len(people)} 人", f"{len(people)} people")
        extra = [in_language(lang, f"决策者 {deciders}", f"{deciders} decide")] if deciders else []
        extra += [in_language(lang, f"同盟 {allies}", f"{allies} allies")] if allies else []
        self.summary = " · ".join([count, *extra])
        self.setToolTip(in_language(lang, "单击展开或收起这个部门", "Click to expand or collapse"))
        x, y, w, h = block.frame
        self.frame = QGraphicsRectItem(QRectF(x, y, w, h))
        self.frame.setBrush(FRAME_FILL)
        self.frame.setPen(QPen(FRAME_PEN, 1))
        self.frame.setZValue(-1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_department(
            painter,
            self.name,
            self.summary,
            self.block.collapsed,
            option.levelOfDetailFromTransform(painter.worldTransform()),
        )

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if isinstance(scene, MapScene) and event.button() == Qt.MouseButton.LeftButton:
            scene.departmentToggled.emit(self.block.name)
            event.accept()
            return
        super().mousePressEvent(event)


class NodeItem(QGraphicsRectItem):
    """One person. Movable and focusable; tells the scene when a drag ends.

    A rectangle item: Qt answers its bounds and shape itself (no Python call per person
    per frame while panning); only ``paint`` is ours, and the cache spares most of those.
    """

    def __init__(self, person: ContactData, lang: str, cooling: CoolingMark | None = None) -> None:
        super().__init__(PERSON_BOUNDS)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.person = person
        self.lang = lang
        self.cooling = cooling
        self.edges: list[EdgeItem] = []
        self.highlighted = False
        self._press_pos: QPointF | None = None
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # fast panning
        self.setZValue(1)
        self.setToolTip(self._tooltip())
        if person.departed:
            self.setOpacity(DEPARTED_OPACITY)

    def _tooltip(self) -> str:
        p, lang = self.person, self.lang
        lines = [p.name + (f" · {p.title}" if p.title else "")]
        if p.department:
            lines.append(p.department)
        lines.append(f"{p.level.label(lang)} · {p.attitude.label(lang)}")
        if p.roles:
            lines.append(" / ".join(r.label(lang) for r in p.roles))
        if p.departed:
            lines.append(in_language(lang, "已离职", "Has left the company"))
        if self.cooling is not None:
            days, rhythm = self.cooling.days, self.cooling.rhythm
            lines.append(
                in_language(
                    lang,
                    f"已 {days} 天未接触（接触节奏：{rhythm} 天）",
                    f"No contact for {days} days (rhythm: {rhythm} days)",
                )
            )
        return "\n".join(lines)

    def center(self) -> QPointF:
        return self.pos() + QPointF(BOX.width / 2, BOX.height / 2)

    def rect_in_scene(self) -> QRectF:
        return person_box(self.pos())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_person(
            painter,
            self.person,
            self.lang,
            highlighted=self.highlighted,
            selected=self.isSelected(),
            zoom=option.levelOfDetailFromTransform(painter.worldTransform()),
            cooling=self.cooling is not None,
        )

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
        return super().itemChange(change, value)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press_pos = self.pos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        scene = self.scene()
        moved = self._press_pos is not None and self.pos() != self._press_pos
        if moved and isinstance(scene, MapScene):
            scene.report_moved()
        self._press_pos = None

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if isinstance(scene, MapScene):
            scene.nodeActivated.emit(self.person.id)


class EdgeItem(QGraphicsPathItem):
    """Lines of one kind: a boss's reports-to lines (org chart elbows) in one item, or one
    drawn link, influences (dashed, arrow) or knows (dotted).

    Painted by Qt's own path item (no Python paint call per frame), and one item per boss
    rather than per person: on a 2,000-person map the items, not the pixels, were the cost
    of panning. Re-routed whenever one of its people moves.
    """

    def __init__(
        self, nodes: dict[str, NodeItem], links: list[tuple[Link, int]], router: Router
    ) -> None:
        super().__init__()
        self.links = links
        first = links[0][0]
        self.kind = first.kind
        self.edge_id = first.edge_id if len(links) == 1 else None
        self.ends = {
            pid: nodes[pid] for link, _ in links for pid in (link.source_id, link.target_id)
        }
        for node in self.ends.values():
            node.edges.append(self)
        self.setZValue(0)
        pen = link_pen(self.kind)
        self.setPen(pen)
        self.arrow: QGraphicsPolygonItem | None = None
        if has_arrow(self.kind):
            self.arrow = QGraphicsPolygonItem(self)
            self.arrow.setPen(QPen(Qt.PenStyle.NoPen))
            self.arrow.setBrush(pen.color())
        self.adjust(router)

    def adjust(self, router: Router | None = None) -> None:
        """Re-route; without a router (mid-drag) only around its own people, which is
        cheap; the scene re-routes every link around everyone when the drag ends."""
        if router is None:
            router = Router({pid: (n.pos().x(), n.pos().y()) for pid, n in self.ends.items()}, BOX)
        path = QPainterPath()
        for link, lane in self.links:
            path.addPath(link_path(router, link, lane))
        self.setPath(path)
        if self.arrow is not None:
            self.arrow.setPolygon(arrow_head(path))


class MapScene(QGraphicsScene):
    """Signals: ``nodeActivated(contact_id)`` on double-click; ``nodesMoved(dict)`` with the
    new positions of every person after a drag ends."""

    nodeActivated = Signal(str)
    nodesMoved = Signal(dict)
    departmentToggled = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.data: MapData | None = None
        self.lang = "en"
        self.movable = True  # False on a read-only database: people cannot be dragged
        self.departments: dict[str, DepartmentItem] = {}
        self.grouped = False
        self.highlighted_ids: set[str] = set()
        self._drawn_links_shown = True
        self.setBackgroundBrush(BACKGROUND)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    def build(
        self,
        data: MapData,
        lang: str,
        *,
        grouped: bool = False,
        collapsed: frozenset[str] = frozenset(),
    ) -> None:
        """(Re)draw ``data``; saved positions are kept, the others laid out automatically.

        ``grouped``: by department, each under its card, the ``collapsed`` ones as their
        card alone (the arrangement is automatic then, so people are not dragged).
        """
        self.clear()
        self.nodes, self.edges, self.data, self.lang = {}, [], data, lang
        self.departments, self.grouped, self.highlighted_ids = {}, grouped, set()
        self._drawn_links_shown = True
        boxes: dict[str, tuple[float, float]]
        if grouped:
            triples = [(p.id, p.reports_to_id, p.department) for p in data.people]
            positions, blocks = department_layout(triples, collapsed, BOX)
            by_id = {p.id: p for p in data.people}
            boxes = dict(positions)
            for block in blocks:
                item = DepartmentItem(block, [by_id[i] for i in block.people], lang)
                self.addItem(item.frame)
                self.addItem(item)
                self.departments[block.name] = item
                boxes[f"department:{block.name}"] = block.card
        else:
            positions = place_people(data)
            boxes = positions
        for person in data.people:
            if person.id not in positions:
                continue
            node = NodeItem(person, lang, data.cooling.get(person.id))
            node.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.movable and not grouped)
            node.setPos(*positions[person.id])
            self.addItem(node)
            self.nodes[person.id] = node
        router = Router(boxes, BOX)
        groups: dict[str, list[tuple[Link, int]]] = {}
        for i, link in enumerate(map_links(data)):
            if link.source_id not in self.nodes or link.target_id not in self.nodes:
                continue
            key = f"reports:{link.target_id}" if link.kind == REPORTS else f"link:{i}"
            groups.setdefault(key, []).append((link, link_lane(i, link)))
        for links in groups.values():
            edge = EdgeItem(self.nodes, links, router)
            self.addItem(edge)
            self.edges.append(edge)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-400, -300, 400, 300))

    def show_drawn_links(self, shown: bool) -> None:
        """Show or hide the influence and acquaintance links (the view's level of detail)."""
        if shown != self._drawn_links_shown:
            self._drawn_links_shown = shown
            for edge in self.edges:
                if edge.kind != REPORTS:
                    edge.setVisible(shown)

    def positions(self) -> dict[str, tuple[float, float]]:
        return {pid: (node.pos().x(), node.pos().y()) for pid, node in self.nodes.items()}

    def report_moved(self) -> None:
        positions = self.positions()
        router = Router(positions, BOX)
        for edge in self.edges:
            edge.adjust(router)
        self.nodesMoved.emit(positions)

    def highlight(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        self.highlighted_ids = wanted
        for pid, node in self.nodes.items():
            if node.highlighted != (pid in wanted):
                node.highlighted = pid in wanted
                node.update()

    def edges_of(self, contact_id: str) -> list[EdgeData]:
        if self.data is None:
            return []
        return [e for e in self.data.edges if contact_id in (e.source_id, e.target_id)]

    def content_rect(self) -> QRectF:
        return self.itemsBoundingRect()
