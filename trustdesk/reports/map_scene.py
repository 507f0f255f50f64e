"""Drawing a relationship map (REL-9) as a QGraphicsScene: one node per person, edges between.

Node fill = relationship level (an ordered, colour-blind-safe viridis ramp, light to dark);
badges = buying roles; border = attitude (also told apart by line style, not colour alone);
departed people greyed. Used interactively by the map tab and headless for PNG/SVG export.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from trustdesk.domain.enums import Attitude, BuyingRole, EdgeKind, RelationshipLevel
from trustdesk.domain.layout import Box, hierarchical_layout
from trustdesk.services.records import ContactData
from trustdesk.services.relationship_map import EdgeData, MapData

BOX = Box()
LEVEL_FILL = {
    RelationshipLevel.NONE: QColor("#EEEEEE"),
    RelationshipLevel.ACQUAINTANCE: QColor("#FDE725"),
    RelationshipLevel.DATE: QColor("#5EC962"),
    RelationshipLevel.PARTNER: QColor("#21918C"),
    RelationshipLevel.ALLY: QColor("#3B528B"),
}
DARK_FILLS = {RelationshipLevel.PARTNER, RelationshipLevel.ALLY}
ATTITUDE_PEN = {
    Attitude.SUPPORTER: (QColor("#1B7837"), 3.5, Qt.PenStyle.SolidLine),
    Attitude.NEUTRAL: (QColor("#7A7A7A"), 1.5, Qt.PenStyle.SolidLine),
    Attitude.OPPONENT: (QColor("#C51B7D"), 3.5, Qt.PenStyle.DashLine),
}
ROLE_BADGE = {
    BuyingRole.DECISION_MAKER: ("决", "D", QColor("#B71C1C")),
    BuyingRole.INFLUENCER: ("影", "I", QColor("#37474F")),
    BuyingRole.EXECUTOR: ("执", "E", QColor("#37474F")),
    BuyingRole.SUPERVISOR: ("监", "S", QColor("#37474F")),
}
EDGE_PEN = {
    "reports": (QColor("#555555"), 1.6, Qt.PenStyle.SolidLine),
    EdgeKind.INFLUENCES.code: (QColor("#E66100"), 2.2, Qt.PenStyle.DashLine),
    EdgeKind.KNOWS.code: (QColor("#5D3A9B"), 1.8, Qt.PenStyle.DotLine),
}
HIGHLIGHT = QColor("#FF8C00")
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
DEPARTED_FILL = QColor("#D5D5D5")


def _text(lang: str, zh: str, en: str) -> str:
    return zh if lang.startswith("zh") else en


class NodeItem(QGraphicsObject):
    """One person. Movable and focusable; tells the scene when a drag ends."""

    def __init__(self, person: ContactData, lang: str, cached: bool = True) -> None:
        super().__init__()
        self.person = person
        self.lang = lang
        self.edges: list[EdgeItem] = []
        self.highlighted = False
        self._press_pos: QPointF | None = None
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        if cached:  # fast repaint while panning; an export draws vectors (SVG text) instead
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(1)
        self.setToolTip(self._tooltip())
        if person.departed:
            self.setOpacity(0.65)

    def _tooltip(self) -> str:
        p, lang = self.person, self.lang
        lines = [p.name + (f" · {p.title}" if p.title else "")]
        if p.department:
            lines.append(p.department)
        lines.append(f"{p.level.label(lang)} · {p.attitude.label(lang)}")
        if p.roles:
            lines.append(" / ".join(r.label(lang) for r in p.roles))
        if p.departed:
            lines.append(_text(lang, "已离职", "Has left the company"))
        return "\n".join(lines)

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, BOX.width + 8, BOX.height + 8)

    def center(self) -> QPointF:
        return self.pos() + QPointF(BOX.width / 2, BOX.height / 2)

    def rect_in_scene(self) -> QRectF:
        return QRectF(self.pos(), QPointF(self.pos().x() + BOX.width, self.pos().y() + BOX.height))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        p = self.person
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(0, 0, BOX.width, BOX.height)
        if self.highlighted:
            painter.setPen(QPen(HIGHLIGHT, 7))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 12, 12)
        fill = DEPARTED_FILL if p.departed else LEVEL_FILL[p.level]
        colour, width, style = ATTITUDE_PEN[p.attitude]
        pen = QPen(colour, width, style)
        if self.isSelected():
            pen = QPen(QColor("#1565C0"), 4)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(rect, 10, 10)

        dark = p.level in DARK_FILLS and not p.departed
        ink = QColor("#FFFFFF") if dark else QColor("#1E1E1E")
        soft = QColor("#E8E8E8") if dark else QColor("#444444")
        name_font = QFont(painter.font())
        name_font.setPointSizeF(10.5)
        name_font.setBold(True)
        name_font.setStrikeOut(p.departed)
        badges_width = 22 * len(p.roles)
        text_rect = QRectF(10, 8, BOX.width - 20 - badges_width, 24)
        painter.setFont(name_font)
        painter.setPen(ink)
        name = QFontMetricsF(name_font).elidedText(
            p.name, Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )
        small = QFont(painter.font())
        small.setPointSizeF(8.5)
        small.setBold(False)
        small.setStrikeOut(False)
        painter.setFont(small)
        painter.setPen(soft)
        second = p.title
        if p.departed:
            second = _text(self.lang, "已离职", "left") + (f" · {p.title}" if p.title else "")
        lines_rect = QRectF(10, 34, BOX.width - 20, 18)
        metrics = QFontMetricsF(small)
        painter.drawText(
            lines_rect,
            LEFT_MIDDLE,
            metrics.elidedText(second, Qt.TextElideMode.ElideRight, lines_rect.width()),
        )
        level_rect = QRectF(10, 50, BOX.width - 20, 18)
        painter.drawText(
            level_rect,
            LEFT_MIDDLE,
            metrics.elidedText(p.level.label(self.lang), Qt.TextElideMode.ElideRight, 90),
        )
        self._paint_badges(painter, small)

    def _paint_badges(self, painter: QPainter, font: QFont) -> None:
        x = BOX.width - 8
        badge_font = QFont(font)
        badge_font.setBold(True)
        badge_font.setPointSizeF(8)
        painter.setFont(badge_font)
        for role in reversed(self.person.roles):
            zh, en, colour = ROLE_BADGE[role]
            x -= 20
            circle = QRectF(x, 8, 18, 18)
            painter.setPen(QPen(QColor("#FFFFFF"), 1))
            painter.setBrush(colour)
            painter.drawEllipse(circle)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, _text(self.lang, zh, en))
            x -= 2

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
        if self._press_pos is not None and self.pos() != self._press_pos and scene is not None:
            scene.report_moved()  # type: ignore[attr-defined]
        self._press_pos = None

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if isinstance(scene, MapScene):
            scene.nodeActivated.emit(self.person.id)


class EdgeItem(QGraphicsPathItem):
    """A link: reports-to (org chart elbow), influences (dashed, arrow), knows (dotted).

    Painted by Qt's own path item (no Python paint call per frame: panning stays fast).
    """

    def __init__(
        self, source: NodeItem, target: NodeItem, kind: str, edge_id: str | None = None
    ) -> None:
        super().__init__()
        self.source, self.target, self.kind, self.edge_id = source, target, kind, edge_id
        source.edges.append(self)
        target.edges.append(self)
        self.setZValue(0)
        colour, width, style = EDGE_PEN[kind]
        pen = QPen(colour, width, style, Qt.PenCapStyle.FlatCap)
        # Cosmetic: the same thickness at every zoom, and far cheaper to dash while panning.
        pen.setCosmetic(True)
        self.setPen(pen)
        self.arrow: QGraphicsPolygonItem | None = None
        if kind == EdgeKind.INFLUENCES.code:
            self.arrow = QGraphicsPolygonItem(self)
            self.arrow.setPen(QPen(Qt.PenStyle.NoPen))
            self.arrow.setBrush(colour)
        self.adjust()

    def adjust(self) -> None:
        path = self._make_path()
        self.setPath(path)
        if self.arrow is not None:
            self.arrow.setPolygon(_arrow_head(path))

    def _make_path(self) -> QPainterPath:
        path = QPainterPath()
        if self.kind == "reports":
            boss, report = self.target.rect_in_scene(), self.source.rect_in_scene()
            if report.top() > boss.bottom() + 10:
                start = QPointF(boss.center().x(), boss.bottom())
                path.moveTo(start)
                bus_y = boss.bottom() + BOX.gap_y / 2
                if report.top() - boss.bottom() < BOX.step_y:
                    # the next row down: the classic org-chart elbow
                    path.lineTo(start.x(), bus_y)
                    path.lineTo(report.center().x(), bus_y)
                    path.lineTo(report.center().x(), report.top())
                else:
                    # further down (a stacked column): run down the column's left side
                    side_x = report.left() - BOX.gap_x / 3
                    path.lineTo(start.x(), bus_y)
                    path.lineTo(side_x, bus_y)
                    path.lineTo(side_x, report.center().y())
                    path.lineTo(report.left(), report.center().y())
                return path
        a, b = _clip(self.source.rect_in_scene(), self.target.rect_in_scene())
        path.moveTo(a)
        if self.kind == "reports":
            path.lineTo(b)
        else:
            # A gentle bow: told apart from the org chart's straight lines, and two links
            # between the same pair (influences both ways) do not lie on top of each other.
            mid = (a + b) / 2
            dx, dy = b.x() - a.x(), b.y() - a.y()
            length = max(math.hypot(dx, dy), 1.0)
            bow = min(0.18 * length, 60.0)
            path.quadTo(mid + QPointF(-dy / length * bow, dx / length * bow), b)
        return path


def _clip(a: QRectF, b: QRectF) -> tuple[QPointF, QPointF]:
    """The segment between two boxes' centres, cut at each box's border."""
    line = QLineF(a.center(), b.center())
    return _border_point(a, line, True), _border_point(b, line, False)


def _border_point(rect: QRectF, line: QLineF, from_start: bool) -> QPointF:
    edges = [
        QLineF(rect.topLeft(), rect.topRight()),
        QLineF(rect.topRight(), rect.bottomRight()),
        QLineF(rect.bottomRight(), rect.bottomLeft()),
        QLineF(rect.bottomLeft(), rect.topLeft()),
    ]
    for edge in edges:
        kind, point = line.intersects(edge)
        if kind == QLineF.IntersectionType.BoundedIntersection:
            return point
    return line.p1() if from_start else line.p2()


def _arrow_head(path: QPainterPath) -> QPolygonF:
    end = path.pointAtPercent(1.0)
    before = path.pointAtPercent(max(0.0, 1.0 - 12 / max(path.length(), 12)))
    angle = math.atan2(end.y() - before.y(), end.x() - before.x())
    size = 11
    left = end - QPointF(math.cos(angle - 0.45) * size, math.sin(angle - 0.45) * size)
    right = end - QPointF(math.cos(angle + 0.45) * size, math.sin(angle + 0.45) * size)
    return QPolygonF([end, left, right])


class MapScene(QGraphicsScene):
    """Signals: ``nodeActivated(contact_id)`` on double-click; ``nodesMoved(dict)`` with the
    new positions of every person after a drag ends."""

    nodeActivated = Signal(str)
    nodesMoved = Signal(dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.data: MapData | None = None
        self.lang = "en"
        self.setBackgroundBrush(QColor("#FAFAF7"))

    def build(self, data: MapData, lang: str, *, for_export: bool = False) -> None:
        """(Re)draw ``data``; saved positions are kept, the others laid out automatically."""
        self.clear()
        if for_export:
            self.setBackgroundBrush(Qt.BrushStyle.NoBrush)
        self.nodes, self.edges, self.data, self.lang = {}, [], data, lang
        positions = place_people(data)
        for person in data.people:
            node = NodeItem(person, lang, cached=not for_export)
            node.setPos(*positions[person.id])
            self.addItem(node)
            self.nodes[person.id] = node
        for person in data.people:
            boss = person.reports_to_id
            if boss in self.nodes:
                self._add_edge(EdgeItem(self.nodes[person.id], self.nodes[boss], "reports"))
        for edge in data.edges:
            self._add_edge(
                EdgeItem(
                    self.nodes[edge.source_id], self.nodes[edge.target_id], edge.kind.code, edge.id
                )
            )
        self.setSceneRect(self.itemsBoundingRect().adjusted(-400, -300, 400, 300))

    def _add_edge(self, edge: EdgeItem) -> None:
        self.addItem(edge)
        self.edges.append(edge)

    def positions(self) -> dict[str, tuple[float, float]]:
        return {pid: (node.pos().x(), node.pos().y()) for pid, node in self.nodes.items()}

    def report_moved(self) -> None:
        self.nodesMoved.emit(self.positions())

    def highlight(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
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


def place_people(data: MapData) -> dict[str, tuple[float, float]]:
    """Saved positions where there are any; automatic layout for everyone else.

    With nothing saved the whole map is laid out; people added after an arrangement was
    saved go in a row under it, so they never land on top of someone.
    """
    pairs = [(p.id, p.reports_to_id) for p in data.people]
    if not data.positions:
        return hierarchical_layout(pairs, BOX)
    placed = dict(data.positions)
    missing = [p.id for p in data.people if p.id not in placed]
    if missing:
        bottom = max(y for _, y in placed.values()) + BOX.step_y + BOX.gap_y
        left = min(x for x, _ in placed.values())
        for i, pid in enumerate(missing):
            placed[pid] = (left + (i % 8) * BOX.step_x, bottom + (i // 8) * BOX.step_y)
    return placed


def draw_legend(painter: QPainter, top_left: QPointF, lang: str) -> QRectF:
    """The map's key (levels, attitudes, roles, links); returns the area it covered."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setPointSizeF(9)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetricsF(font)
    line_h = max(20.0, metrics.height() + 6)
    x0, y = top_left.x() + 10, top_left.y() + 8
    width = 190.0

    def heading(text: str) -> None:
        nonlocal y
        painter.setFont(bold)
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(x0, y, width, line_h), Qt.AlignmentFlag.AlignVCenter, text)
        y += line_h
        painter.setFont(font)

    def row(text: str) -> QRectF:
        nonlocal y
        painter.setPen(QColor("#222222"))
        painter.drawText(
            QRectF(x0 + 44, y, width - 44, line_h), Qt.AlignmentFlag.AlignVCenter, text
        )
        swatch = QRectF(x0, y + 3, 36, line_h - 6)
        y += line_h
        return swatch

    heading(_text(lang, "关系层级(填充色)", "Relationship level (fill)"))
    for level in RelationshipLevel:
        swatch = row(level.label(lang))
        painter.setPen(QPen(QColor("#7A7A7A"), 1))
        painter.setBrush(LEVEL_FILL[level])
        painter.drawRoundedRect(swatch, 4, 4)
    heading(_text(lang, "态度(边框)", "Attitude (border)"))
    for attitude in Attitude:
        swatch = row(attitude.label(lang))
        colour, pen_width, style = ATTITUDE_PEN[attitude]
        painter.setPen(QPen(colour, pen_width, style))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(swatch, 4, 4)
    heading(_text(lang, "采购角色(标记)", "Buying role (badge)"))
    for role in BuyingRole:
        swatch = row(role.label(lang))
        zh, en, colour = ROLE_BADGE[role]
        circle = QRectF(swatch.left() + 9, swatch.top(), swatch.height(), swatch.height())
        painter.setPen(QPen(QColor("#FFFFFF"), 1))
        painter.setBrush(colour)
        painter.drawEllipse(circle)
        painter.setFont(bold)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, _text(lang, zh, en))
        painter.setFont(font)
    heading(_text(lang, "连线", "Links"))
    for key, zh, en in (
        ("reports", "汇报关系", "Reports to"),
        (EdgeKind.INFLUENCES.code, "影响(箭头方向)", "Influences (arrow)"),
        (EdgeKind.KNOWS.code, "熟识", "Knows"),
    ):
        swatch = row(_text(lang, zh, en))
        colour, pen_width, style = EDGE_PEN[key]
        painter.setPen(QPen(colour, pen_width, style))
        mid = swatch.center().y()
        painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right(), mid))
    heading(_text(lang, "灰色 = 已离职", "Grey = has left"))
    painter.restore()
    return QRectF(top_left, QPointF(top_left.x() + width + 20, y + 8))
