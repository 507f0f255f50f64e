"""TIER-1 and TIER-3: the value tiers window — the Pareto chart, each tier's customers and
value, what the tiers count and over which months, and Recompute.

The chart answers seed 001's question at a glance: how much of the value do the top 20% of
customers bring? Its points are kept in ``curve`` (share of customers, share of value, in
percent) so a test reads what is drawn. Recompute is a write through ``ops`` with progress;
its change goes out on the bus, and the customer list's Tier column follows from there.

This module loads pyqtgraph: import it when the window is opened, not at start-up.
"""

from __future__ import annotations

import pyqtgraph as pg  # type: ignore[import-untyped]
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import Tier
from trustdesk.domain.money import format_money
from trustdesk.domain.tiers import KEY_SHARE
from trustdesk.services import tiers
from trustdesk.services.changes import Changes
from trustdesk.services.tiers import TierSummary
from trustdesk.services.visit_plan import today
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops

FONT_PX = 12
CURVE_COLOUR = "#0072B2"
MARK_COLOUR = "#b35900"
TIER_COLOURS = {Tier.KEY: "#6b4a00", Tier.STANDARD: "#333333", Tier.LOW: "#7a7a7a"}


def _font(px: int = FONT_PX, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


class ParetoChart(pg.PlotWidget):
    """Share of customers (x, most valuable first) against share of value (y), in percent,
    with the 20% mark and the key accounts' share of value labelled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.curve: list[tuple[float, float]] = []
        self.key_label = ""  # the text at the 20% mark, as drawn
        self.setMinimumHeight(260)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        item = self.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setTickFont(_font())
            axis.setTextPen(pg.mkPen("#333333"))
            axis.setPen(pg.mkPen("#888888"))
            axis.setTicks([[(v, f"{v}%") for v in range(0, 101, 20)]])
        item.showGrid(x=True, y=True, alpha=0.12)
        # Room right of 100%: pyqtgraph hides a tick label that would cross the axis's end.
        item.setXRange(0, 100, padding=0.04)
        item.setYRange(0, 100, padding=0.02)

    def show_summary(
        self, summary: TierSummary, key_text: str, axes: tuple[str, str], equal_text: str
    ) -> None:
        item = self.getPlotItem()
        item.clear()
        for side, text in zip(("bottom", "left"), axes, strict=True):
            item.setLabel(side, text, **{"font-size": f"{FONT_PX}px", "color": "#333333"})
        self.curve = [(p.customer_share * 100, p.value_share * 100) for p in summary.pareto]
        self.key_label = ""
        # Equal shares (every customer worth the same), for comparison.
        item.plot([0, 100], [0, 100], pen=pg.mkPen("#9a9a9a", width=1, style=Qt.PenStyle.DashLine))
        equal = pg.TextItem(equal_text, color=QColor("#7a7a7a"), anchor=(0, 0))
        equal.setFont(_font())
        equal.setPos(62, 60)
        item.addItem(equal)
        mark = pg.InfiniteLine(
            pos=KEY_SHARE * 100,
            angle=90,
            pen=pg.mkPen(MARK_COLOUR, width=1, style=Qt.PenStyle.DashLine),
        )
        item.addItem(mark)
        if not self.curve or summary.total_value <= 0:
            return
        xs, ys = zip(*self.curve, strict=True)
        item.plot(list(xs), list(ys), pen=pg.mkPen(CURVE_COLOUR, width=2.5))
        at = min(self.curve, key=lambda p: abs(p[0] - KEY_SHARE * 100))
        item.plot(
            [at[0]],
            [at[1]],
            pen=None,
            symbol="o",
            symbolSize=9,
            symbolBrush=pg.mkBrush(MARK_COLOUR),
            symbolPen=pg.mkPen("w"),
        )
        self.key_label = key_text
        text = pg.TextItem(key_text, color=QColor(MARK_COLOUR), anchor=(0, 1))
        text.setFont(_font(FONT_PX + 1, bold=True))
        text.setPos(at[0] + 2, max(at[1] - 4, 8))
        item.addItem(text)


class TiersWindow(QDialog):
    """The value tiers. ``recomputed(TierSummary)`` after a recompute was saved."""

    recomputed = Signal(object)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.summary: TierSummary | None = None
        self.setObjectName("tiersWindow")
        self.setWindowTitle(self.tr("Value tiers"))
        self.resize(820, 680)
        self.heading = QLabel(self.tr("Reading the tiers…"))
        self.heading.setObjectName("tiersHeading")
        self.heading.setFont(_font(FONT_PX + 3, bold=True))
        self.heading.setWordWrap(True)
        self.basis = QLabel()
        self.basis.setObjectName("tiersBasis")
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color: #555;")
        self.chart = ParetoChart()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("tiersTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tier"), self.tr("Customers"), self.tr("Value"), self.tr("Share of value")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setObjectName("tiersStatus")
        self.status.setWordWrap(True)
        self.recompute_button = QPushButton(self.tr("&Recompute"))
        self.recompute_button.setObjectName("recomputeTiers")
        self.recompute_button.setToolTip(
            self.tr(
                "Rank the buying customers by their last twelve months of orders: the top 20% "
                "become key accounts, the bottom 30% low value. Visit plans follow."
            )
        )
        self.recompute_button.clicked.connect(self.recompute)
        self.recompute_button.setEnabled(not ops.store.read_only)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recompute_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.basis)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        ops.bus.changed.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        self.ops.read(tiers.show_tiers).success(self.show_summary).run(self, key="tiers")

    def _on_changes(self, changes: Changes) -> None:
        """Another window's recompute, or the team's basis changed in Settings."""
        if changes.touches({"team_setting"}):
            self.reload()

    def recompute(self) -> None:
        self.recompute_button.setEnabled(False)
        self.status.setText(self.tr("Recomputing…"))
        self.ops.write(tiers.recompute_tiers).with_progress(
            self.tr("Recomputing the value tiers…")
        ).success(self._recomputed).failure(self._failed).run(self)

    def _recomputed(self, summary: TierSummary) -> None:
        self.recompute_button.setEnabled(True)
        self.show_summary(summary)
        self.status.setText(
            self.tr("Recomputed: %n customer(s) changed tier.", "", summary.changed)
        )
        self.recomputed.emit(summary)

    def _failed(self, error: BaseException) -> None:
        self.recompute_button.setEnabled(True)
        self.status.setText(self.tr("Not recomputed; the tiers are as they were."))
        self.ops.report_failure(error)

    def show_summary(self, summary: TierSummary) -> None:
        self.summary = summary
        tiered = sum(summary.counts.values())
        zh = current_language() == "zh"
        if tiered == 0:
            self.heading.setText(
                self.tr("No customer has a tier yet. Recompute ranks the buying customers.")
            )
        else:
            self.heading.setText(
                self.tr("The top {0} of customers bring {1} of the value.").format(
                    _percent(KEY_SHARE), _percent(summary.key_value_share)
                )
            )
        basis = summary.basis.label("zh" if zh else "en")
        self.basis.setText(
            self.tr("Basis: {0}, orders from {1} to {2} · {3} customers tiered").format(
                basis, summary.since.isoformat(), (summary.until or today()).isoformat(), tiered
            )
        )
        self.chart.show_summary(
            summary,
            self.tr("Key accounts: {0} of value").format(_percent(summary.key_value_share)),
            (self.tr("Share of customers, most valuable first"), self.tr("Share of value")),
            self.tr("(if every customer were worth the same)"),
        )
        self.table.setRowCount(len(Tier) + 1)
        for row, tier in enumerate(Tier):
            value = summary.values.get(tier, 0)
            share = value / summary.total_value if summary.total_value else 0.0
            self._row(
                row,
                label(tier),
                summary.counts.get(tier, 0),
                value,
                share,
                QColor(TIER_COLOURS[tier]),
                bold=tier is Tier.KEY,
            )
        self._row(
            len(Tier),
            self.tr("All tiered customers"),
            tiered,
            summary.total_value,
            1.0 if summary.total_value else 0.0,
            QColor("#333333"),
            bold=False,
        )
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def _row(
        self, row: int, name: str, count: int, value: int, share: float, colour: QColor, bold: bool
    ) -> None:
        texts = (name, f"{count:,}", format_money(value), _percent(share))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setForeground(colour)
            if bold:
                item.setFont(_font(FONT_PX + 1, bold=True))
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
