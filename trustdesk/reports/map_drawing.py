"""Drawing a relationship map (REL-9) with a plain QPainter: people, links, where they sit.

No interaction here. The map tab (``ui/map/scene.py``) wraps these functions in movable
items; the exported pictures (``map_export.py``) call them straight onto an image or SVG, so
the two always look alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)

from trustdesk.domain.enums import EdgeKind
from trustdesk.domain.layout import hierarchical_layout
from trustdesk.reports.map_style import (
    ATTITUDE_PEN,
    BOX,
    DARK_FILLS,
    DEPARTED_FILL,
    DEPARTED_OPACITY,
    EDGE_PEN,
    HIGHLIGHT,
    LEVEL_FILL,
    REPORTS,
    ROLE_BADGE,
    SELECTED,
    in_language,
)
from trustdesk.services.records import ContactData
from trustdesk.services.relationship_map import MapData

Positions = dict[str, tuple[float, float]]
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# What a person's drawing may cover around its box (the highlight ring, a thick border).
PERSON_BOUNDS = QRectF(-4, -4, BOX.width + 8, BOX.height + 8)

# --- one person -------------------------------------------------------------------------


def paint_person(
    painter: QPainter,
    person: ContactData,
    lang: str,
    *,
    highlighted: bool = False,
    selected: bool = False,
) -> None:
    """One person's box with its top-left corner at (0, 0).

    Fill by level, name and title, role badges, attitude border; a departed person is grey
    and struck through. Greying the whole box (``DEPARTED_OPACITY``) is the caller's part:
    a scene item does it with its opacity, a picture with the painter's.
    """
    p = person
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(0, 0, BOX.width, BOX.height)
    if highlighted:
        painter.setPen(QPen(HIGHLIGHT, 7))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 12, 12)
    fill = DEPARTED_FILL if p.departed else LEVEL_FILL[p.level]
    colour, width, style = ATTITUDE_PEN[p.attitude]
    pen = QPen(colour, width, style)
    if selected:
        pen = QPen(SELECTED, 4)
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
    painter.drawText(text_rect, LEFT_MIDDLE, name)
    small = QFont(painter.font())
    small.setPointSizeF(8.5)
    small.setBold(False)
    small.setStrikeOut(False)
    painter.setFont(small)
    painter.setPen(soft)
    second = p.title
    if p.departed:
        second = in_language(lang, "已离职", "left") + (f" · {p.title}" if p.title else "")
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
        metrics.elidedText(p.level.label(lang), Qt.TextElideMode.ElideRight, 90),
    )
    _paint_badges(painter, person, lang, small)


def _paint_badges(painter: QPainter, person: ContactData, lang: str, font: QFont) -> None:
    x = BOX.width - 8
    badge_font = QFont(font)
    badge_font.setBold(True)
    badge_font.setPointSizeF(8)
    painter.setFont(badge_font)
    for role in reversed(person.roles):
        zh, en, colour = ROLE_BADGE[role]
        x -= 20
        circle = QRectF(x, 8, 18, 18)
        painter.setPen(QPen(QColor("#FFFFFF"), 1))
        painter.setBrush(colour)
        painter.drawEllipse(circle)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, in_language(lang, zh, en))
        x -= 2


def person_box(top_left: QPointF) -> QRectF:
    """The box itself (links start at its border), without ``PERSON_BOUNDS``' margin."""
    return QRectF(top_left, QPointF(top_left.x() + BOX.width, top_left.y() + BOX.height))


# --- links ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """A line on the map: reports-to (``kind == REPORTS``, no edge id) or a drawn link."""

    source_id: str
    target_id: str
    kind: str
    edge_id: str | None = None


def map_links(data: MapData) -> list[Link]:
    """Every line to draw, reports-to lines first (drawn under the others)."""
    present = {p.id for p in data.people}
    links = [
        Link(p.id, p.reports_to_id, REPORTS)
        for p in data.people
        if p.reports_to_id is not None and p.reports_to_id in present
    ]
    links += [Link(e.source_id, e.target_id, e.kind.code, e.id) for e in data.edges]
    return links


def link_pen(kind: str) -> QPen:
    colour, width, style = EDGE_PEN[kind]
    pen = QPen(colour, width, style, Qt.PenCapStyle.FlatCap)
    # Cosmetic: the same thickness at every zoom, and far cheaper to dash while panning.
    pen.setCosmetic(True)
    return pen


def has_arrow(kind: str) -> bool:
    """Influence has a direction; reports-to and "knows" do not need one."""
    return kind == EdgeKind.INFLUENCES.code


def link_path(kind: str, source: QRectF, target: QRectF) -> QPainterPath:
    """The line between two people's boxes (``person_box``): an org-chart elbow from the
    boss down to a report, a gentle bow for influences and acquaintances."""
    path = QPainterPath()
    if kind == REPORTS:
        boss, report = target, source
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
    a, b = _clip(source, target)
    path.moveTo(a)
    if kind == REPORTS:
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


def arrow_head(path: QPainterPath) -> QPolygonF:
    end = path.pointAtPercent(1.0)
    before = path.pointAtPercent(max(0.0, 1.0 - 12 / max(path.length(), 12)))
    angle = math.atan2(end.y() - before.y(), end.x() - before.x())
    size = 11
    left = end - QPointF(math.cos(angle - 0.45) * size, math.sin(angle - 0.45) * size)
    right = end - QPointF(math.cos(angle + 0.45) * size, math.sin(angle + 0.45) * size)
    return QPolygonF([end, left, right])


def _link_bounds(path: QPainterPath, pen: QPen) -> QRectF:
    """The area a link claims, measured as QGraphicsPathItem measures it (stroke outline
    plus control points), so a picture frames the map exactly as the map tab does."""
    stroker = QPainterPathStroker()
    stroker.setCapStyle(pen.capStyle())
    stroker.setWidth(pen.widthF())
    stroker.setJoinStyle(pen.joinStyle())
    stroker.setMiterLimit(pen.miterLimit())
    shape = stroker.createStroke(path)
    shape.addPath(path)
    return shape.controlPointRect()


# --- the whole map ----------------------------------------------------------------------


def place_people(data: MapData) -> Positions:
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


class MapDrawing:
    """People and links at fixed positions, drawn in map coordinates (no title, no legend).

    ``bounds`` is everything the drawing covers; ``paint`` draws links under people, each
    person over the ones before, as the map tab stacks them.
    """

    def __init__(self, data: MapData, lang: str, positions: Positions | None = None) -> None:
        self.data, self.lang = data, lang
        self.positions = positions if positions is not None else place_people(data)
        boxes = {pid: person_box(QPointF(*xy)) for pid, xy in self.positions.items()}
        self.lines: list[tuple[QPainterPath, QPen, QPolygonF | None]] = []
        for link in map_links(data):
            path = link_path(link.kind, boxes[link.source_id], boxes[link.target_id])
            head = arrow_head(path) if has_arrow(link.kind) else None
            self.lines.append((path, link_pen(link.kind), head))
        self.bounds = self._bounds()

    def _bounds(self) -> QRectF:
        rects = [PERSON_BOUNDS.translated(*self.positions[p.id]) for p in self.data.people]
        for path, pen, head in self.lines:
            rects.append(_link_bounds(path, pen))
            if head is not None:
                rects.append(head.boundingRect())
        if not rects:
            return QRectF()
        left = min(r.left() for r in rects)
        top = min(r.top() for r in rects)
        right = max(r.right() for r in rects)
        bottom = max(r.bottom() for r in rects)
        return QRectF(left, top, right - left, bottom - top)

    def paint(self, painter: QPainter) -> None:
        for path, pen, head in self.lines:
            painter.save()
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            if head is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(pen.color())
                painter.drawPolygon(head)
            painter.restore()
        for person in self.data.people:
            painter.save()
            painter.translate(*self.positions[person.id])
            if person.departed:
                painter.setOpacity(painter.opacity() * DEPARTED_OPACITY)
            paint_person(painter, person, self.lang)
            painter.restore()
