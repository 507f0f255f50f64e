"""SUR-4: the survey charts, drawn with pyqtgraph.

Each chart is a widget that holds the data it draws (``points``: one ``ChartPoint`` per bar or
marker, with the value and the count behind it) so a test reads what the user sees. Hovering
a bar or marker shows its value and count; "Save as PNG…" writes the chart as shown. Fonts are
at least 12 px and long question texts go in a legend under the plot (wrapped), never on an
axis, so nothing overlaps at the default window size.

This module loads pyqtgraph: import it only when a chart is about to be shown (the Surveys
section and tab build their charts on first show, not at start-up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import pyqtgraph as pg  # type: ignore[import-untyped]
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.surveys import INDEX_FORMULA_EN, INDEX_FORMULA_ZH
from trustdesk.services.records import CompetitorResult, MonthIndex, QuestionResult, TrendPoint
from trustdesk.ui.i18n import current_language

FONT_PX = 12
# One colour per question / competitor (colour-blind friendly, Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
BAND_COLORS = {1: "#b3261e", 2: "#b3261e", 3: "#b3261e", 4: "#c77c02", 5: "#1e7d32"}
HOVER_PX = 14  # how near (in pixels) the pointer must be to a marker


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One bar or marker: where it is drawn, what it stands for, and what hovering says."""

    series: str  # the question's (or competitor's) name
    x: float
    y: float
    count: int
    label: str  # the hover text


def _font() -> QFont:
    font = QFont()
    font.setPixelSize(FONT_PX)
    return font


def _lang_zh(_widget: QWidget) -> bool:
    return current_language() == "zh"


class ChartBox(QWidget):
    """A titled plot with a legend under it and "Save as PNG…"."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[ChartPoint] = []
        self.title = QLabel(title)
        title_font = _font()
        title_font.setPixelSize(FONT_PX + 2)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.save_button = QPushButton(self.tr("Save as PNG…"))
        self.save_button.clicked.connect(self.choose_png)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.save_button)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumHeight(180)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        item = self.plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setTickFont(_font())
            axis.setTextPen(pg.mkPen("#333333"))
            axis.setPen(pg.mkPen("#888888"))
        item.showGrid(x=False, y=True, alpha=0.15)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setFont(_font())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.empty = QLabel(self.tr("No scores recorded yet."))
        self.empty.setFont(_font())
        self.empty.setStyleSheet("color: #6b6b6b;")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.legend)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse)

    # --- shared drawing helpers ----------------------------------------------------------

    def _axis_label(self, side: str, text: str) -> None:
        self.plot.getPlotItem().setLabel(side, text, **{"font-size": f"{FONT_PX}px"})

    def _clear(self) -> None:
        self.plot.getPlotItem().clear()
        self.points = []

    def _set_legend(self, entries: Sequence[tuple[str, str]]) -> None:
        """``entries``: (colour, text); an entry without a colour starts a line of its own."""
        parts = []
        for color, text in entries:
            if color:
                square = f'<span style="color:{color}; font-size:{FONT_PX + 2}px">■</span>'
                parts.append(f"{square} {escape(text)}&nbsp;&nbsp; ")
            else:
                parts.append(f"<br>{escape(text)}")
        self.legend.setText("".join(parts))
        self.legend.setVisible(bool(entries))

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.plot.setVisible(not empty)

    # --- hover ---------------------------------------------------------------------------

    def point_near(self, scene_pos: QPointF) -> ChartPoint | None:
        """The bar or marker under (or nearest, within a few pixels of) the pointer."""
        view = self.plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        best, best_d = None, float(HOVER_PX)
        for point in self.points:
            at = view.mapViewToScene(QPointF(point.x, point.y))
            distance = abs(at.x() - scene_pos.x())
            if self._bars:
                top, bottom = sorted((at.y(), view.mapViewToScene(QPointF(point.x, 0)).y()))
                inside = top - HOVER_PX <= scene_pos.y() <= bottom + 2
                if distance <= self._bar_half_px(view) and inside:
                    return point
                continue
            distance = max(distance, abs(at.y() - scene_pos.y()))
            if distance < best_d:
                best, best_d = point, distance
        return best

    _bars = False
    _bar_width = 0.0

    def _bar_half_px(self, view: pg.ViewBox) -> float:
        left = view.mapViewToScene(QPointF(0, 0)).x()
        right = view.mapViewToScene(QPointF(self._bar_width, 0)).x()
        return max(abs(right - left) / 2, 3.0)

    def _on_mouse(self, scene_pos: QPointF) -> None:
        point = self.point_near(scene_pos)
        if point is None:
            QToolTip.hideText()
            return
        global_pos = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos).toPoint())
        QToolTip.showText(global_pos, point.label, self.plot)

    # --- saving --------------------------------------------------------------------------

    def save_png(self, path: Path) -> bool:
        """The chart as shown (title, plot and legend) as a PNG file."""
        return self.grab().save(str(path), "PNG")

    def choose_png(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart as PNG"), "chart.png", self.tr("PNG images (*.png)")
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != ".png":
                path = path.with_suffix(".png")
            self.save_png(path)


def _epoch(moment: datetime) -> float:
    return moment.astimezone(UTC).timestamp()


def _month_epoch(month: str) -> float:
    year, number = (int(p) for p in month.split("-"))
    return datetime(year, number, 15).astimezone().timestamp()


def _date_axis(chart: ChartBox) -> None:
    axis = pg.DateAxisItem(orientation="bottom")
    axis.setTickFont(_font())
    axis.setTextPen(pg.mkPen("#333333"))
    chart.plot.getPlotItem().setAxisItems({"bottom": axis})


def _score_axis(chart: ChartBox) -> None:
    item = chart.plot.getPlotItem()
    item.getAxis("left").setTicks([[(s, str(s)) for s in range(1, 6)]])
    item.setYRange(0.6, 5.4, padding=0)


class TrendChart(ChartBox):
    """One customer's scores over time: a line per score question (signature)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.title.setText(self.tr("Scores over time"))
        self.series: dict[str, list[tuple[datetime, int]]] = {}
        _date_axis(self)
        _score_axis(self)
        self._axis_label("left", self.tr("Score (1–5)"))
        self._axis_label("bottom", self.tr("Date of the survey"))

    def set_data(self, trend: Sequence[TrendPoint], questions: Sequence[QuestionResult]) -> None:
        zh = _lang_zh(self)
        names = {q.signature: q.text("zh" if zh else "en") for q in questions}
        self._clear()
        self.series = {}
        for point in trend:
            self.series.setdefault(point.signature, []).append((point.taken_at, point.score))
        legend = []
        for n, (signature, values) in enumerate(self.series.items()):
            color = PALETTE[n % len(PALETTE)]
            name = names.get(signature, signature)
            xs = [_epoch(m) for m, _ in values]
            ys = [float(s) for _, s in values]
            self.plot.plot(
                xs,
                ys,
                pen=pg.mkPen(color, width=2),
                symbol="o",
                symbolSize=9,
                symbolBrush=color,
                symbolPen=pg.mkPen("w"),
            )
            legend.append((color, name))
            for (moment, score), x in zip(values, xs, strict=True):
                day = moment.astimezone().date().isoformat()
                self.points.append(
                    ChartPoint(
                        name,
                        x,
                        float(score),
                        1,
                        self.tr("{0}\n{1}: {2} (1 answer)").format(day, name, score),
                    )
                )
        _score_axis(self)
        if self.points:
            xs = [p.x for p in self.points]
            pad = max((max(xs) - min(xs)) * 0.05, 86400 * 10)
            self.plot.getPlotItem().setXRange(min(xs) - pad, max(xs) + pad, padding=0)
        self._set_legend(legend)
        self._show_empty(not self.points)


class DistributionChart(ChartBox):
    """The portfolio's answers to each score question: how many 1s … 5s (grouped bars)."""

    _bars = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.title.setText(self.tr("Scores given, per question"))
        self._axis_label("left", self.tr("Answers (count)"))
        self._axis_label("bottom", self.tr("Score (1 = very poor, 5 = excellent)"))
        self.plot.getPlotItem().getAxis("bottom").setTicks([[(s, str(s)) for s in range(1, 6)]])

    def set_data(self, questions: Sequence[QuestionResult]) -> None:
        zh = _lang_zh(self)
        scored = [q for q in questions if q.mean is not None]
        self._clear()
        n = max(len(scored), 1)
        self._bar_width = 0.8 / n
        legend = []
        for i, question in enumerate(scored):
            color = PALETTE[i % len(PALETTE)]
            name = question.text("zh" if zh else "en")
            total = sum(question.distribution)
            xs = [s + (i - (n - 1) / 2) * self._bar_width for s in range(1, 6)]
            heights = [float(c) for c in question.distribution]
            self.plot.addItem(
                pg.BarGraphItem(
                    x=xs, height=heights, width=self._bar_width * 0.92, brush=color, pen=None
                )
            )
            legend.append((color, name))
            for score, (x, count) in enumerate(zip(xs, question.distribution, strict=True), 1):
                share = 100 * count / total if total else 0
                self.points.append(
                    ChartPoint(
                        name,
                        x,
                        float(count),
                        count,
                        self.tr("{0}\nscore {1}: {2} answers ({3:.0f}% of {4})").format(
                            name, score, count, share, total
                        ),
                    )
                )
        item = self.plot.getPlotItem()
        item.setXRange(0.5, 5.5, padding=0)
        top = max((p.y for p in self.points), default=1.0)
        item.setYRange(0, top * 1.1 + 0.5, padding=0)
        self._set_legend(legend)
        self._show_empty(not self.points)


class IndexChart(ChartBox):
    """The satisfaction index per month (share of 5s − share of 1–3s, in points)."""

    _bars = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.title.setText(self.tr("Satisfaction index per month"))
        zh = _lang_zh(self)
        formula = INDEX_FORMULA_ZH if zh else INDEX_FORMULA_EN
        self.setToolTip(formula)
        self.title.setToolTip(formula)
        _date_axis(self)
        self._axis_label("left", self.tr("Index (points, −100 to +100)"))
        self._axis_label("bottom", self.tr("Month"))
        self.legend.setText(escape(formula))
        self.months: list[MonthIndex] = []

    def _set_legend(self, entries: Sequence[tuple[str, str]]) -> None:
        """The formula stays under the chart (no series to name)."""

    def set_data(self, months: Sequence[MonthIndex]) -> None:
        self._clear()
        self.months = [m for m in months if m.index is not None]
        self._bar_width = 86400 * 22.0
        xs = [_month_epoch(m.month) for m in self.months]
        ys = [float(m.index or 0.0) for m in self.months]
        brushes = [pg.mkBrush("#1e7d32" if y >= 0 else "#b3261e") for y in ys]
        if xs:
            self.plot.addItem(
                pg.BarGraphItem(x=xs, height=ys, width=self._bar_width, brushes=brushes, pen=None)
            )
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888888")))
        for month, x, y in zip(self.months, xs, ys, strict=True):
            self.points.append(
                ChartPoint(
                    "index",
                    x,
                    y,
                    month.scores,
                    self.tr("{0}: index {1:+.0f}\n{2} scores: {3} of 5, {4} of 1–3").format(
                        month.month, y, month.scores, month.excellent, month.dissatisfied
                    ),
                )
            )
        item = self.plot.getPlotItem()
        item.setYRange(-100, 100, padding=0.05)
        item.getAxis("left").setTicks(
            [[(v, f"{v:+d}" if v else "0") for v in range(-100, 101, 50)]]
        )
        if xs:
            pad = 86400 * 25
            item.setXRange(min(xs) - pad, max(xs) + pad, padding=0)
        self._show_empty(not self.points)


class CompetitorChart(ChartBox):
    """Mean score per question, for us and each competitor scored on the same question."""

    _bars = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.title.setText(self.tr("Us and competitors: mean score per question"))
        self._axis_label("left", self.tr("Mean score (1–5)"))
        self._axis_label("bottom", self.tr("Question"))
        self.empty.setText(self.tr("No survey about a competitor recorded yet."))

    def set_data(self, results: Sequence[CompetitorResult]) -> None:
        zh = _lang_zh(self)
        self._clear()
        signatures = list(dict.fromkeys(r.signature for r in results))
        who = list(dict.fromkeys(r.competitor for r in results))
        who.sort(key=lambda c: (c != "", c))  # us first
        n = max(len(who), 1)
        self._bar_width = 0.8 / n
        legend = []
        questions: dict[str, str] = {}
        for r in results:
            questions.setdefault(r.signature, r.text("zh" if zh else "en"))
        for i, competitor in enumerate(who):
            color = PALETTE[i % len(PALETTE)]
            name = competitor or self.tr("Us")
            legend.append((color, name))
            xs, heights = [], []
            for r in results:
                if r.competitor != competitor:
                    continue
                q = signatures.index(r.signature) + 1
                x = q + (i - (n - 1) / 2) * self._bar_width
                xs.append(x)
                heights.append(r.mean)
                self.points.append(
                    ChartPoint(
                        name,
                        x,
                        r.mean,
                        r.count,
                        self.tr("{0} · Q{1} {2}\nmean {3:.2f} ({4} answers)").format(
                            name, q, questions[r.signature], r.mean, r.count
                        ),
                    )
                )
            self.plot.addItem(
                pg.BarGraphItem(
                    x=xs, height=heights, width=self._bar_width * 0.92, brush=color, pen=None
                )
            )
        item = self.plot.getPlotItem()
        item.getAxis("bottom").setTicks([[(q, f"Q{q}") for q in range(1, len(signatures) + 1)]])
        item.getAxis("left").setTicks([[(s, str(s)) for s in range(0, 6)]])
        item.setYRange(0, 5.3, padding=0)
        item.setXRange(0.4, len(signatures) + 0.6, padding=0)
        entries = legend + [
            ("", f"Q{q}: {questions[s]}") for q, s in enumerate(signatures, start=1)
        ]
        self._set_legend(entries)
        self._show_empty(not self.points)


def band_color(score: int) -> QColor:
    return QColor(BAND_COLORS[score])
