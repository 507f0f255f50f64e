"""The satisfaction trend of the dashboard: the satisfaction index per month over the trailing
twelve months, months on the x axis (every month of the period has its place; a month without
scores has no marker). Loads pyqtgraph: import it when the section is first shown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyqtgraph as pg  # type: ignore[import-untyped]
from PySide6.QtWidgets import QWidget

from trustdesk.domain.surveys import INDEX_FORMULA_EN, INDEX_FORMULA_ZH
from trustdesk.services.dashboard import MonthSatisfaction
from trustdesk.ui.i18n import current_language
from trustdesk.ui.surveys.charts import ChartBox, ChartPoint

LINE = "#0072B2"
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
INDEX_TICKS = [(v, f"{v:+d}" if v else "0") for v in (-100, -50, 0, 50, 100)]


def months_of(since: date, as_of: date) -> list[str]:
    """Every month (YYYY-MM) from ``since``'s to ``as_of``'s, oldest first."""
    out, year, month = [], since.year, since.month
    while (year, month) <= (as_of.year, as_of.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_label(month: str) -> str:
    """A month's short name; January says its year instead (the year turns there)."""
    year, number = (int(p) for p in month.split("-"))
    if number == 1:
        return str(year)
    if current_language() == "zh":
        return f"{number}月"
    return MONTHS_EN[number - 1]


class SatisfactionTrend(ChartBox):
    """``months``: the period's months in x order; ``points``: one marker per month with
    scores (hovering says the index and how many surveys)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.title.setText(self.tr("Satisfaction trend (index per month)"))
        formula = INDEX_FORMULA_ZH if current_language() == "zh" else INDEX_FORMULA_EN
        self.setToolTip(formula)
        self.save_button.hide()
        self.legend.hide()
        self.plot.setMinimumHeight(120)
        self.empty.setText(self.tr("No survey scores in the last twelve months."))
        self.months: list[str] = []

    def _set_legend(self, entries: Sequence[tuple[str, str]]) -> None:
        """No series to name: the formula is the tooltip."""

    def set_data(self, since: date, as_of: date, months: Sequence[MonthSatisfaction]) -> None:
        self._clear()
        self.months = months_of(since, as_of)
        at = {m: i for i, m in enumerate(self.months)}
        shown = [m for m in months if m.index is not None and m.month in at]
        xs = [float(at[m.month]) for m in shown]
        ys = [float(m.index or 0.0) for m in shown]
        item = self.plot.getPlotItem()
        item.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#888888")))
        if xs:
            self.plot.plot(
                xs,
                ys,
                pen=pg.mkPen(LINE, width=2),
                symbol="o",
                symbolSize=8,
                symbolBrush=[pg.mkBrush("#1e7d32" if y >= 0 else "#b3261e") for y in ys],
                symbolPen=pg.mkPen("w"),
            )
        for m, x, y in zip(shown, xs, ys, strict=True):
            self.points.append(
                ChartPoint(
                    "index",
                    x,
                    y,
                    m.responses,
                    self.tr("{0}: index {1:+.0f} ({2} surveys)").format(m.month, y, m.responses),
                )
            )
        ticks = [(float(i), month_label(m)) for i, m in enumerate(self.months)]
        item.getAxis("bottom").setTicks([ticks])
        item.getAxis("left").setTicks(
            [[(v, f"{v:+d}" if v else "0") for v in (-100, -50, 0, 50, 100)]]
        )
        item.setYRange(-100, 100, padding=0.06)
        item.setXRange(-0.5, len(self.months) - 0.5, padding=0)
        self._show_empty(not self.points)
