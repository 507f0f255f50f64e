"""Drawing a relationship map (REL-9) with a plain QPainter: people, links, where they sit.

No interaction here. The map tab (``ui/map/scene.py``) wraps these functions in movable
items; the exported pictures (``map_export.py``) call them straight onto an image or SVG, so
the two always look alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
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
from trustdesk.domain.routing import Router
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
    paint_clock,
)
from trustdesk.services.records import ContactData
from trustdesk.services.relationship_map import MapData

Positions = dict[str, tuple[float, float]]
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ELIDE = Qt.TextElideMode.ElideRight
# What a person's drawing may cover around its box (the highlight ring, a thick border).
PERSON_BOUNDS = QRectF(-4, -4, BOX.width + 8, BOX.height + 8)

# --- one person -------------------------------------------------------------------------


DETAIL_ZOOM = 0.75  # at this zoom and above a box shows title, level and badges
TEXT_ZOOM = 0.3  # below it names would be a smudge: coloured boxes only
NAME_PX, SMALL_PX, BADGE_PX = 15, 12, 11  # detailed box: name ≥ 11 px on screen from 0.75
OVERVIEW_PX, OVERVIEW_MIN_PX = 32, 27  # name only, larger: ≥ 11 px on screen from 0.4
_fonts: dict[tuple[int, bool, bool], tuple[QFont, QFontMetricsF]] = {}


def _font(px: int, bold: bool = False, strike: bool = False) -> tuple[QFont, QFontMetricsF]:
    """A font by pixel size (the same on every screen and in every picture), made once."""
    key = (px, bold, strike)
    if key not in _fonts:
        font = QFont()
        font.setPixelSize(px)
        font.setBold(bold)
        font.setStrikeOut(strike)
        _fonts[key] = (font, QFontMetricsF(font))
    return _fonts[key]


def paint_person(
    painter: QPainter,
    person: ContactData,
    lang: str,
    *,
    highlighted: bool = False,
    selected: bool = False,
    zoom: float = 1.0,
    cooling: bool = False,
) -> None:
    """One person's box with its top-left corner at (0, 0), drawn for ``zoom``.

    Fill by level, border by attitude; from ``DETAIL_ZOOM`` up: name, title, level and role
    badges; zoomed out: the name only, larger; below ``TEXT_ZOOM`` no text at all. A
    departed person is grey and struck through. Greying the whole box (``DEPARTED_OPACITY``)
    is the caller's part: a scene item does it with its opacity, a picture with the
    painter's.
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
    if cooling:
        paint_cooling_badge(painter)
    if zoom < TEXT_ZOOM:
        return
    dark = p.level in DARK_FILLS and not p.departed
    ink = QColor("#FFFFFF") if dark else QColor("#1E1E1E")
    if zoom < DETAIL_ZOOM:
        _paint_name_only(painter, p.name, p.departed, ink)
        return
    soft = QColor("#E8E8E8") if dark else QColor("#444444")
    badges_width = 22 * len(p.roles)
    text_rect = QRectF(10, 6, BOX.width - 20 - badges_width, 24)
    name_font, name_metrics = _font(NAME_PX, True, p.departed)
    if name_metrics.horizontalAdvance(p.name) > text_rect.width():  # a long Latin name
        name_font, name_metrics = _font(NAME_PX - 2, True, p.departed)
    painter.setFont(name_font)
    painter.setPen(ink)
    name = name_metrics.elidedText(p.name, Qt.TextElideMode.ElideRight, text_rect.width())
    painter.drawText(text_rect, LEFT_MIDDLE, name)
    small, metrics = _font(SMALL_PX)
    painter.setFont(small)
    painter.setPen(soft)
    second = p.title
    if p.departed:
        second = in_language(lang, "已离职", "left") + (f" · {p.title}" if p.title else "")
    lines_rect = QRectF(10, 31, BOX.width - 20, 18)
    painter.drawText(
        lines_rect,
        LEFT_MIDDLE,
        metrics.elidedText(second, Qt.TextElideMode.ElideRight, lines_rect.width()),
    )
    level_rect = QRectF(10, 49, BOX.width - 20, 18)
    painter.drawText(
        level_rect,
        LEFT_MIDDLE,
        metrics.elidedText(p.level.label(lang), Qt.TextElideMode.ElideRight, 120),
    )
    _paint_badges(painter, person, lang)


def paint_cooling_badge(painter: QPainter) -> None:
    """Seed 004: a person past their contact rhythm gets a small blue clock at the box's
    bottom-right corner (drawn, not a font glyph: every machine shows it alike)."""
    paint_clock(painter, QPointF(BOX.width - 14, BOX.height - 14), 10)


def _paint_name_only(painter: QPainter, name: str, departed: bool, ink: QColor) -> None:
    """The zoomed-out box: the name as large as fits, on two lines if it must."""
    area = QRectF(8, 4, BOX.width - 16, BOX.height - 8)
    painter.setPen(ink)
    for px in (OVERVIEW_PX, OVERVIEW_MIN_PX):
        font, metrics = _font(px, True, departed)
        if metrics.horizontalAdvance(name) <= area.width():
            painter.setFont(font)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, name)
            return
    font, metrics = _font(OVERVIEW_MIN_PX, True, departed)
    painter.setFont(font)
    words = name.split()
    if len(words) > 1:
        lines = [" ".join(words[:-1]), words[-1]]
    else:
        half = len(name) // 2
        lines = [name[:half], name[half:]]
    lines = [metrics.elidedText(t, Qt.TextElideMode.ElideRight, area.width()) for t in lines]
    painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "\n".join(lines))


def paint_department(
    painter: QPainter, name: str, summary: str, collapsed: bool, zoom: float = 1.0
) -> None:
    """A department's card on a grouped map (a box the size of a person's): ▸ collapsed,
    ▾ expanded, its name and a summary; zoomed out the name only, larger."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#5B6B80"), 2))
    painter.setBrush(QColor("#FFFFFF") if not collapsed else QColor("#DCE3EC"))
    painter.drawRoundedRect(QRectF(0, 0, BOX.width, BOX.height), 4, 4)
    if zoom < TEXT_ZOOM:
        return
    ink = QColor("#1E2A38")
    marker = "▸ " if collapsed else "▾ "
    if zoom < DETAIL_ZOOM:
        _paint_name_only(painter, marker + name, False, ink)
        return
    font, metrics = _font(NAME_PX + 1, True)
    painter.setFont(font)
    painter.setPen(ink)
    area = QRectF(10, 8, BOX.width - 20, 26)
    painter.drawText(area, LEFT_MIDDLE, metrics.elidedText(marker + name, ELIDE, area.width()))
    font, metrics = _font(SMALL_PX)
    painter.setFont(font)
    area = QRectF(10, 38, BOX.width - 20, 24)
    painter.drawText(area, LEFT_MIDDLE, metrics.elidedText(summary, ELIDE, area.width()))


def _paint_badges(painter: QPainter, person: ContactData, lang: str) -> None:
    x = BOX.width - 8
    painter.setFont(_font(BADGE_PX, True)[0])
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


def link_path(router: Router, link: Link, lane: int = 0) -> QPainterPath:
    """The line of ``link``, routed around every box that is not one of its ends.

    Reports-to runs from the boss down to the report in the middle of the gaps (lane 0),
    as an org chart does; drawn links take other lanes so they do not lie on top of it.
    """
    if link.kind == REPORTS:
        points = router.route(link.target_id, link.source_id, 0)
    else:
        points = router.route(link.source_id, link.target_id, lane)
    path = QPainterPath()
    path.moveTo(*points[0])
    for x, y in points[1:]:
        path.lineTo(x, y)
    return path


def link_lane(index: int, link: Link) -> int:
    """Drawn links spread over six lanes either side of the org chart's lines."""
    return 0 if link.kind == REPORTS else 1 + index % 6


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
        router = Router(self.positions, BOX)
        self.lines: list[tuple[QPainterPath, QPen, QPolygonF | None]] = []
        for i, link in enumerate(map_links(data)):
            path = link_path(router, link, link_lane(i, link))
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
            paint_person(painter, person, self.lang, cooling=person.id in self.data.cooling)
            painter.restore()
