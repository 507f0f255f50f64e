"""The relationship map's key: shown beside the map tab and printed on every exported map."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from trustdesk.domain.enums import Attitude, BuyingRole, EdgeKind, RelationshipLevel
from trustdesk.reports.map_style import (
    ATTITUDE_PEN,
    EDGE_PEN,
    LEVEL_FILL,
    REPORTS,
    ROLE_BADGE,
    in_language,
    paint_clock,
)


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

    heading(in_language(lang, "关系层级(填充色)", "Relationship level (fill)"))
    for level in RelationshipLevel:
        swatch = row(level.label(lang))
        painter.setPen(QPen(QColor("#7A7A7A"), 1))
        painter.setBrush(LEVEL_FILL[level])
        painter.drawRoundedRect(swatch, 4, 4)
    heading(in_language(lang, "态度(边框)", "Attitude (border)"))
    for attitude in Attitude:
        swatch = row(attitude.label(lang))
        colour, pen_width, style = ATTITUDE_PEN[attitude]
        painter.setPen(QPen(colour, pen_width, style))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(swatch, 4, 4)
    heading(in_language(lang, "采购角色(标记)", "Buying role (badge)"))
    for role in BuyingRole:
        swatch = row(role.label(lang))
        zh, en, colour = ROLE_BADGE[role]
        circle = QRectF(swatch.left() + 9, swatch.top(), swatch.height(), swatch.height())
        painter.setPen(QPen(QColor("#FFFFFF"), 1))
        painter.setBrush(colour)
        painter.drawEllipse(circle)
        painter.setFont(bold)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, in_language(lang, zh, en))
        painter.setFont(font)
    heading(in_language(lang, "连线", "Links"))
    for key, zh, en in (
        (REPORTS, "汇报关系", "Reports to"),
        (EdgeKind.INFLUENCES.code, "影响(箭头方向)", "Influences (arrow)"),
        (EdgeKind.KNOWS.code, "熟识", "Knows"),
    ):
        swatch = row(in_language(lang, zh, en))
        colour, pen_width, style = EDGE_PEN[key]
        painter.setPen(QPen(colour, pen_width, style))
        mid = swatch.center().y()
        painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right(), mid))
    # The last line holds two keys (the legend's height is what the map tab is sized to):
    # grey for someone who left, the clock for someone past their contact rhythm.
    clock_x = x0 + 118
    paint_clock(painter, QPointF(clock_x, y + line_h / 2), 7)
    painter.setFont(bold)
    painter.setPen(QColor("#222222"))
    painter.drawText(
        QRectF(clock_x + 10, y, width - (clock_x + 10 - x0), line_h),
        Qt.AlignmentFlag.AlignVCenter,
        in_language(lang, "= 久未联系", "= cooling"),
    )
    heading(in_language(lang, "灰色 = 已离职", "Grey = has left"))
    painter.restore()
    return QRectF(top_left, QPointF(top_left.x() + width + 20, y + 8))


def legend_size(lang: str) -> QSizeF:
    """How much room the legend takes, measured by drawing it once off screen: a picture
    and the map tab size themselves to it (no cut-off legend, no blank under it)."""
    image = QImage(4, 4, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    area = draw_legend(painter, QPointF(0, 0), lang)
    painter.end()
    return area.size()
