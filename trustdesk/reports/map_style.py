"""The relationship map's look (REL-9): box size, colours, pens, badges.

Node fill = relationship level (an ordered, colour-blind-safe viridis ramp, light to dark);
badges = buying roles; border = attitude (also told apart by line style, not colour alone);
departed people greyed. One palette for the map tab, the legend and the exported pictures.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from trustdesk.domain.enums import Attitude, BuyingRole, EdgeKind, RelationshipLevel
from trustdesk.domain.layout import Box

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
REPORTS = "reports"  # the reports-to line: a link kind of its own, drawn from the org chart
EDGE_PEN = {
    REPORTS: (QColor("#555555"), 1.6, Qt.PenStyle.SolidLine),
    EdgeKind.INFLUENCES.code: (QColor("#E66100"), 2.2, Qt.PenStyle.DashLine),
    EdgeKind.KNOWS.code: (QColor("#5D3A9B"), 1.8, Qt.PenStyle.DotLine),
}
HIGHLIGHT = QColor("#FF8C00")
SELECTED = QColor("#1565C0")
DEPARTED_FILL = QColor("#D5D5D5")
DEPARTED_OPACITY = 0.65


def in_language(lang: str, zh: str, en: str) -> str:
    """The Chinese or the English wording, for text drawn into a picture."""
    return zh if lang.startswith("zh") else en


# Seed 004: the mark of a person past their contact rhythm (a blue clock).
COOLING_INK = QColor("#1565C0")
COOLING_FILL = QColor("#E3F2FD")


def paint_clock(painter: QPainter, centre: QPointF, radius: float) -> None:
    """The cooling mark: a small blue clock (drawn, not a glyph: every machine shows it)."""
    painter.save()
    painter.setPen(QPen(COOLING_INK, 2))
    painter.setBrush(QBrush(COOLING_FILL))
    painter.drawEllipse(centre, radius, radius)
    painter.drawLine(centre, centre + QPointF(0, -radius * 0.6))
    painter.drawLine(centre, centre + QPointF(radius * 0.5, radius * 0.2))
    painter.restore()
