"""The customer list's Risk column as chips: a short label per coverage risk, coloured by how
urgent it is; the sentences stay in the tooltip. A truncated red sentence on half the rows
told nobody anything."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from trustdesk.domain.enums import Severity

# The chips of a cell: (label, severity) pairs, most urgent first.
CHIPS_ROLE = Qt.ItemDataRole.UserRole + 7

# Background and text per severity: red, amber, grey-blue (distinct without colour too: the
# label says what it is).
COLOURS = {
    Severity.HIGH: (QColor("#fde7e9"), QColor("#a4262c")),
    Severity.MEDIUM: (QColor("#fff4ce"), QColor("#7a5b00")),
    Severity.LOW: (QColor("#e8eef5"), QColor("#3b5068")),
}
PAD_X, GAP, RADIUS = 6, 4, 4


class RiskChipsDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        chips = index.data(CHIPS_ROLE) or ()
        widget: QWidget | None = option.widget
        style = widget.style() if widget else None
        if style is not None:  # selection and alternating background, without the text
            plain = QStyleOptionViewItem(option)
            self.initStyleOption(plain, index)
            plain.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, widget)
        if not chips:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(option.font)
        rect = option.rect
        height = metrics.height() + 2
        x = rect.left() + GAP
        top = rect.top() + (rect.height() - height) / 2
        for text, severity in chips:
            width = metrics.horizontalAdvance(text) + 2 * PAD_X
            if x + width > rect.right():  # no room: the tooltip still lists every risk
                break
            background, foreground = COLOURS[severity]
            chip = QRectF(x, top, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(chip, RADIUS, RADIUS)
            painter.setPen(foreground)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
            x += width + GAP
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        chips = index.data(CHIPS_ROLE) or ()
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(t) + 2 * PAD_X + GAP for t, _ in chips) + GAP
        return QSize(width, metrics.height() + 8)
