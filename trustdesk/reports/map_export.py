"""The relationship map as a picture: PNG (QImage) or SVG (QSvgGenerator, names as text).

The picture is the whole map, a title with the account's name and relationship scope, and
the legend; visit reports embed the same picture.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from sqlalchemy.orm import Session

from trustdesk.errors import TrustDeskError
from trustdesk.reports.map_drawing import MapDrawing
from trustdesk.reports.map_legend import draw_legend, legend_size
from trustdesk.reports.qt_runtime import ensure_gui_application
from trustdesk.services.relationship_map import MapData, load_map

MARGIN = 40.0
TITLE_H = 56.0
FINDING_H = 22.0
LEGEND_W = 230.0
FORMATS = ("png", "svg")


class MapPicture:
    """The map drawing plus the geometry of the picture around it.

    Drawn straight with a QPainter, no QGraphicsScene: a picture has no interaction, and
    headless drawing then needs only a QGuiApplication.
    """

    def __init__(self, data: MapData, lang: str, *, header: bool = True) -> None:
        """``header``: the title and the coverage findings above the map; a visit report,
        which says them in its own text, draws the map and the legend only."""
        ensure_gui_application()
        self.data, self.lang, self.header = data, lang, header
        self.drawing = MapDrawing(data, lang)
        self.content = self.drawing.bounds if data.people else QRectF(0, 0, 400, 200)
        self.findings = [f.sentence(lang) for f in data.coverage.findings] if header else []
        self.header_h = TITLE_H + FINDING_H * len(self.findings) if header else 0.0
        width = self.content.width() + 2 * MARGIN + LEGEND_W
        # Cropped to what is drawn: the map or the legend, whichever is taller.
        legend_h = legend_size(lang).height()
        height = max(self.content.height() + 2 * MARGIN, legend_h) + self.header_h
        self.size = QSize(int(width + 0.5), int(height + 0.5))

    def paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, self.size.width(), self.size.height()), QColor("#FFFFFF"))
        if self.header:
            self._paint_header(painter)
        painter.setPen(QColor("#1E1E1E"))
        top = self.header_h + MARGIN
        target = QRectF(MARGIN, top, self.content.width(), self.content.height())
        if self.data.people:
            painter.save()
            painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
            painter.translate(target.topLeft() - self.content.topLeft())
            self.drawing.paint(painter)
            painter.restore()
        else:
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, "—")
        draw_legend(painter, QPointF(self.size.width() - LEGEND_W, self.header_h), self.lang)

    def _paint_header(self, painter: QPainter) -> None:
        title = QFont(painter.font())
        title.setPointSizeF(15)
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(QColor("#1E1E1E"))
        scope = self.data.coverage.scope.label(self.lang)
        label = "关系范围" if self.lang.startswith("zh") else "Relationship scope"
        painter.drawText(
            QRectF(MARGIN, 10, self.size.width() - 2 * MARGIN, TITLE_H - 10),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{self.data.account_name}    {label}: {scope}",
        )
        body = QFont()
        body.setPointSizeF(10)
        painter.setFont(body)
        painter.setPen(QColor("#B3261E"))
        for i, sentence in enumerate(self.findings):
            painter.drawText(
                QRectF(MARGIN, TITLE_H + i * FINDING_H, self.size.width() - 2 * MARGIN, FINDING_H),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"⚠ {sentence}",
            )

    def image(self, scale: float = 1.0) -> QImage:
        image = QImage(
            int(self.size.width() * scale),
            int(self.size.height() * scale),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.scale(scale, scale)
        self.paint(painter)
        painter.end()
        return image

    def save_svg(self, out: Path) -> None:
        generator = QSvgGenerator()
        generator.setFileName(str(out))
        generator.setSize(self.size)
        generator.setViewBox(QRectF(0, 0, self.size.width(), self.size.height()))
        generator.setTitle(self.data.account_name)
        generator.setDescription("TrustDesk relationship map")
        painter = QPainter(generator)
        self.paint(painter)
        painter.end()


def export_map(data: MapData, out: Path, *, lang: str = "en") -> Path:
    """Write the map to ``out``; the suffix (.png or .svg) chooses the format."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise TrustDeskError(
            f"Cannot export a map as {out.suffix or 'a file without suffix'}; use .png or .svg.",
            zh="关系地图只能导出为 .png 或 .svg 文件。",
        )
    out = out.expanduser().absolute()
    if not out.parent.is_dir():
        raise TrustDeskError(
            f"The folder {out.parent} does not exist; create it first.",
            zh=f"文件夹 {out.parent} 不存在,请先创建。",
        )
    picture = MapPicture(data, lang)
    if fmt == "svg":
        picture.save_svg(out)
    elif not picture.image().save(str(out)):
        raise TrustDeskError(f"Could not write {out}.", zh=f"无法写入 {out}。")
    return out


def export_account_map(session: Session, account_id: str, out: Path, *, lang: str = "en") -> Path:
    """Read an account's map and write its picture in one unit of work: the GUI runs this on
    its database worker (drawing into an image is safe off the GUI thread), the CLI directly."""
    return export_map(load_map(session, account_id), out, lang=lang)
