"""The Dashboard section, first in the navigation (DSH-1..3, seed 003's 评估看板).

What a salesperson reads first thing in the morning: tiles for churn and retention (against
the usual 20–40% a year), repeat purchase, referrals, overdue visits, open and overdue
promises and complaints; the satisfaction trend; customers by stage and by tier; win rates
against seed 004's reference; the customers most at risk with the reasons in sentences; and
the stage roadmap (路径图). Every number opens the customers behind it
(``services.dashboard.customers_behind``); a customer there, or a row of the at-risk list,
opens in the customer list.

Read only while shown: the figures first (one grouped read), the at-risk list after (it scores
every customer, the slower read), both on the worker, so the customer list's first page is
never behind them. A burst of changes on the bus reloads once (debounced). The scores are not
stored back on the accounts from here: ``refresh_risk_scores`` repeats the whole assessment
(6–8 s at 100,000 customers, a write transaction holding the file that long) and its
account changes would reload the customer list and this section again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import Stage, Tier
from trustdesk.services import at_risk, dashboard
from trustdesk.services.at_risk import AtRiskCustomer
from trustdesk.services.changes import Changes
from trustdesk.services.dashboard import DashboardData, RoadmapRow
from trustdesk.ui.dashboard.behind import CustomersBehindDialog
from trustdesk.ui.dashboard.tiles import BAD, GOOD, QUIET, Tile, link, percent
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits.rows import Row, RowsModel, fit_columns, rows_table

if TYPE_CHECKING:
    from trustdesk.ui.dashboard.trend import SatisfactionTrend

# What the section shows changes with these (the at-risk list reads contacts and levels too).
SECTION_KINDS = frozenset(
    {
        "account",
        "stage",
        "visit",
        "commitment",
        "complaint",
        "survey",
        "order",
        "deal",
        "referral",
        "contact",
        "level",
    }
)
RELOAD_DELAY_MS = 700  # a burst of writes (an import, a recompute) reloads once
RISK_SHOWN = 50
NAME_WIDTH = 190
GROUP_WIDTH = 130
STEP_WIDTH = 140
MIDDLE_HEIGHT = 236  # seven stages in a row each; the at-risk list gets the rest
CHURN_USUAL = (0.20, 0.40)  # seed 000: churn of 20–40% a year is usual
Index = QModelIndex | QPersistentModelIndex
BAR = QColor("#d3e3f4")


class CountModel(RowsModel):
    """Rows of (label, number) whose number column draws a bar of its share of the largest."""

    BAR_COLUMN = 1

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self.counts: list[int] = []

    def set_counts(self, rows: list[Row], counts: list[int]) -> None:
        self.counts = counts
        self.set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.UserRole
            and index.isValid()
            and index.column() == self.BAR_COLUMN
        ):
            top = max(self.counts, default=0)
            return self.counts[index.row()] / top if top else 0.0
        return super().data(index, role)


class BarDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        share = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(share, float) and share > 0:
            rect = option.rect.adjusted(2, 3, -2, -3)
            rect.setWidth(max(int(rect.width() * share), 2))
            painter.fillRect(rect, BAR)
        super().paint(painter, option, index)


def _compact(table: QTableView) -> None:
    table.verticalHeader().setDefaultSectionSize(22)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setAlternatingRowColors(False)


class _PageLayout(QGridLayout):
    """The page's layout, without height-for-width: the scroll area then fits the page to
    its view whenever the page's minimum fits (word-wrapped tile lines made it ask for a few
    pixels more than 1400×860 leaves, hence a needless scroll bar)."""

    def hasHeightForWidth(self) -> bool:
        return False


class DashboardSection(QWidget):
    """``openRequested(account_id)`` opens a customer; ``message(str)`` for the status bar;
    ``figuresShown()`` and ``riskShown()`` once each read is on the screen."""

    openRequested = Signal(str)
    message = Signal(str)
    figuresShown = Signal()
    riskShown = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._stale = True
        self.data: DashboardData | None = None
        self.at_risk: list[AtRiskCustomer] | None = None
        self.behind: CustomersBehindDialog | None = None
        self.trend: SatisfactionTrend | None = None  # made on first show (pyqtgraph)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(RELOAD_DELAY_MS)
        self._reload.timeout.connect(self._reload_now)

        self.heading = QLabel(self.tr("Reading the figures…"))
        self.heading.setObjectName("dashboardHeading")
        self.heading.setStyleSheet(f"color: {QUIET};")
        refresh = QPushButton(self.tr("&Refresh"))
        refresh.setToolTip(self.tr("Read the figures again (F5)"))
        refresh.clicked.connect(self.load)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.load)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(refresh)

        self.tiles = {
            "churned": Tile("churned", self.tr("Churn, last 12 months")),
            "repeat-buyers": Tile("repeat-buyers", self.tr("Repeat purchase")),
            "referred": Tile("referred", self.tr("Came by referral")),
            "overdue-visits": Tile("overdue-visits", self.tr("Overdue visits")),
            "open-commitments": Tile("open-commitments", self.tr("Open promises")),
            "open-complaints": Tile("open-complaints", self.tr("Open complaints")),
        }
        tile_row = QHBoxLayout()
        tile_row.setSpacing(8)
        for tile in self.tiles.values():
            tile.requested.connect(self.show_customers)
            tile_row.addWidget(tile, 1)

        # Middle: the trend, customers by stage and by tier, win rates.
        self.trend_box = QGroupBox(self.tr("Satisfaction trend: index per month"))
        self.trend_layout = QVBoxLayout(self.trend_box)
        self.trend_layout.setContentsMargins(4, 4, 4, 4)
        self.stage_model = CountModel([self.tr("Stage"), self.tr("Customers")], self)
        self.stage_table = self._count_table(self.stage_model, "dashboardStages")
        self.tier_model = CountModel([self.tr("Tier"), self.tr("Customers")], self)
        self.tier_table = self._count_table(self.tier_model, "dashboardTiers")
        self.win_model = RowsModel(
            [self.tr("Group"), self.tr("Won"), self.tr("Rate"), self.tr("Usual")],
            self,
        )
        self.win_table = rows_table(self.win_model, "dashboardWinRates")
        _compact(self.win_table)
        self.win_table.setWordWrap(True)
        self.stage_box = self._box(self.tr("Customers by stage"), self.stage_table)
        self.tier_box = self._box(self.tr("Customers by tier"), self.tier_table)
        win_note = QLabel(
            self.tr("Deals won of those closed, by the customer's stage when the deal opened.")
        )
        win_note.setWordWrap(True)
        win_note.setStyleSheet(f"color: {QUIET};")
        self.win_box = self._box(self.tr("Win rate by group"), self.win_table, win_note)
        middle_row = QWidget()
        middle_row.setMaximumHeight(MIDDLE_HEIGHT)
        middle = QHBoxLayout(middle_row)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addWidget(self.trend_box, 9)
        middle.addWidget(self.stage_box, 5)
        middle.addWidget(self.tier_box, 4)
        middle.addWidget(self.win_box, 6)

        # Bottom: the customers most at risk and why; the stage roadmap.
        self.risk_model = RowsModel(
            [
                self.tr("#"),
                self.tr("Score"),
                self.tr("Customer"),
                self.tr("Stage"),
                self.tr("Warning signs"),
            ],
            self,
        )
        self.risk_table = rows_table(self.risk_model, "atRiskList")
        self.risk_table.setMouseTracking(True)
        self.risk_table.clicked.connect(self._open_at_risk)
        self.risk_table.activated.connect(self._open_at_risk)
        self.risk_table.entered.connect(self._explain_row)
        self.risk_table.selectionModel().currentRowChanged.connect(self._explain_row)
        _compact(self.risk_table)
        self.reasons = QLabel()
        self.reasons.setObjectName("atRiskReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reasons.setMinimumHeight(92)
        self.reasons.setStyleSheet(
            "QLabel { background: palette(base); border: 1px solid #d6d6d6; padding: 6px; }"
        )
        self.store_scores = QPushButton(self.tr("Save the scores for saved views"))
        self.store_scores.setObjectName("storeRiskScores")
        self.store_scores.setToolTip(
            self.tr("Saved views that filter on the at-risk score use the scores saved last.")
        )
        self.store_scores.clicked.connect(self.save_scores)
        scores_row = QWidget()
        scores_layout = QHBoxLayout(scores_row)
        scores_layout.setContentsMargins(0, 0, 0, 0)
        scores_layout.addStretch(1)
        scores_layout.addWidget(self.store_scores)
        self.risk_box = self._box(
            self.tr("Customers at risk"), self.risk_table, self.reasons, scores_row
        )
        self.roadmap_model = RowsModel([], self)
        self.roadmap_table = rows_table(self.roadmap_model, "stageRoadmap")
        self.roadmap_table.setWordWrap(True)
        self.roadmap_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.roadmap_table.clicked.connect(self._roadmap_clicked)
        self.roadmap_table.activated.connect(self._roadmap_clicked)
        self.roadmap_table.horizontalHeader().sectionResized.connect(
            lambda *_: self.roadmap_table.resizeRowsToContents()
        )
        self.roadmap_box = self._box(
            self.tr("Stage roadmap: customers at each stage now, and moved up per quarter"),
            self.roadmap_table,
        )
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.risk_box)
        bottom.addWidget(self.roadmap_box)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 1)
        bottom.setChildrenCollapsible(False)

        # In a scroll area: the page asks no minimum size of the window (a small screen
        # scrolls the dashboard instead of widening every section).
        page = QWidget()
        scroll = QScrollArea()
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        grid = _PageLayout(page)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setVerticalSpacing(6)
        grid.addLayout(top, 0, 0)
        grid.addLayout(tile_row, 1, 0)
        grid.addWidget(middle_row, 2, 0)
        grid.addWidget(bottom, 3, 0)
        grid.setRowStretch(2, 0)
        grid.setRowStretch(3, 1)
        ops.bus.changed.connect(self._on_changes)

    def _box(self, title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        for n, widget in enumerate(widgets):
            layout.addWidget(widget, 1 if n == 0 else 0)
        return box

    def _count_table(self, model: CountModel, name: str) -> QTableView:
        table = rows_table(model, name)
        _compact(table)
        table.setItemDelegateForColumn(CountModel.BAR_COLUMN, BarDelegate(table))
        table.activated.connect(self._count_clicked)
        table.clicked.connect(self._count_clicked)
        return table

    # --- reading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the figures, then the at-risk list (the slower read), on the worker."""
        self._stale = False
        self._reload.stop()
        self.ops.read(dashboard.dashboard).success(self._show_figures).run(self, key="figures")
        self.ops.read(at_risk.top_at_risk, RISK_SHOWN).success(self._show_at_risk).run(
            self, key="risk"
        )

    def save_scores(self) -> None:
        """Store every customer's at-risk score (DSH-2) for the saved views filtering on it."""
        self.store_scores.setEnabled(False)
        (
            self.ops.write(at_risk.refresh_risk_scores)
            .with_progress(self.tr("Saving the at-risk scores"))
            .success(self._scores_saved)
            .failure(self._scores_not_saved)
            .run(self)
        )

    def _scores_saved(self, changed: int) -> None:
        self.store_scores.setEnabled(True)
        self.message.emit(self.tr("At-risk scores saved ({0} changed).").format(changed))

    def _scores_not_saved(self, error: BaseException) -> None:
        self.store_scores.setEnabled(True)
        self.ops.report_failure(error)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()  # queued first: the worker reads while the chart is made
        if self.trend is None:
            from trustdesk.ui.dashboard.trend import SatisfactionTrend

            self.trend = SatisfactionTrend()
            self.trend.title.hide()  # the box says it
            self.trend_layout.addWidget(self.trend)
            if self.data is not None:
                self.trend.set_data(self.data.since, self.data.as_of, self.data.satisfaction)

    def _on_changes(self, changes: Changes) -> None:
        if not changes.touches(SECTION_KINDS):
            return
        self._stale = True
        if self.isVisible():
            self._reload.start()  # restarted by each change of a burst

    def _reload_now(self) -> None:
        if self.isVisible():
            self.load()

    # --- the figures ---------------------------------------------------------------------

    def _show_figures(self, data: DashboardData) -> None:
        self.data = data
        self.heading.setText(
            self.tr("{0} customers · figures over the last twelve months ({1} – {2})").format(
                f"{data.customers:,}", data.since.isoformat(), data.as_of.isoformat()
            )
        )
        self._set_tiles(data)
        self._set_counts(data)
        self._set_win_rates(data)
        self._set_roadmap(data.roadmap)
        if self.trend is not None:
            self.trend.set_data(data.since, data.as_of, data.satisfaction)
        self.figuresShown.emit()

    def _set_tiles(self, data: DashboardData) -> None:
        churn = data.churn
        usual = self.tr("Usual churn: 20–40% a year")
        if churn.whole:
            rate = churn.rate or 0.0
            color = BAD if rate > CHURN_USUAL[1] else GOOD if rate < CHURN_USUAL[0] else ""
            self.tiles["churned"].set_figure(
                percent(churn.rate),
                self.tr("{0} of {1} buying customers lost").format(
                    link("churned", str(churn.part)), churn.whole
                ),
                note=self.tr("Retention {0} · usual churn 20–40% a year").format(
                    percent(data.retention_rate)
                ),
                color=color,
                tip=self.tr(
                    "Of the customers buying from us a year ago, the share who moved to "
                    "Lost since. Click for them."
                ),
            )
        else:
            self.tiles["churned"].set_figure(
                "—", self.tr("No customers were buying a year ago."), note=usual
            )
        repeat = data.repeat_purchase
        self.tiles["repeat-buyers"].set_figure(
            percent(repeat.rate),
            self.tr("{0} of {1} buyers ordered twice or more")
            .format(link("repeat-buyers", str(repeat.part)), link("buyers", str(repeat.whole)))
            if repeat.whole
            else self.tr("No orders in the last twelve months."),
            tip=self.tr("Of the customers who ordered in the last twelve months, the share who "
                        "ordered at least twice."),
        )  # fmt: skip
        referral = data.referral
        self.tiles["referred"].set_figure(
            percent(referral.rate),
            self.tr("{0} of {1} new customers came by a referral").format(
                link("referred", str(referral.referred)), referral.added
            )
            if referral.added
            else self.tr("No customers added in the last twelve months."),
            tip=self.tr("Of the customers added in the last twelve months, the share another "
                        "customer or a contact referred."),
        )  # fmt: skip
        self.tiles["overdue-visits"].set_figure(
            f"{data.overdue_visits:,}",
            self.tr("customers past their planned visit day"),
            color=BAD if data.overdue_visits else GOOD,
        )
        self.tiles["open-commitments"].set_figure(
            f"{data.open_commitments:,}",
            self.tr("{0} past their due day").format(
                link(
                    "overdue-commitments",
                    f"{data.overdue_commitments:,}",
                    BAD if data.overdue_commitments else GOOD,
                )
            ),
            tip=self.tr("Promises made to customers and not kept or closed yet."),
        )
        self.tiles["open-complaints"].set_figure(
            f"{data.open_complaints:,}",
            self.tr("{0} past a response or resolution deadline").format(
                link(
                    "overdue-complaints",
                    f"{data.overdue_complaints:,}",
                    BAD if data.overdue_complaints else GOOD,
                )
            ),
        )

    def _set_counts(self, data: DashboardData) -> None:
        stages = [s for s in Stage]
        self.stage_model.set_counts(
            [
                Row((label(s), f"{data.by_stage[s]:,}"), f"stage:{s.code}")
                for s in stages
            ],
            [data.by_stage[s] for s in stages],
        )  # fmt: skip
        tiers = [t for t in Tier]
        rows = [Row((label(t), f"{data.by_tier[t]:,}"), f"tier:{t.code}") for t in tiers]
        rows.append(
            Row(
                (self.tr("No tier yet"), f"{data.untiered:,}"),
                "untiered",
                color=QColor(QUIET),
                tip=self.tr("A customer gets a tier when tiers are recomputed from the last "
                            "twelve months' orders."),
            )
        )  # fmt: skip
        self.tier_model.set_counts(rows, [data.by_tier[t] for t in tiers] + [data.untiered])
        for table in (self.stage_table, self.tier_table):
            table.resizeColumnToContents(0)

    def _set_win_rates(self, data: DashboardData) -> None:
        rows = []
        for w in data.win_rates:
            reference = f"{w.group.reference:.0%}"
            if w.rate is None:
                rows.append(
                    Row(
                        (label(w.group), "0 / 0", "—", reference),
                        None,
                        color=QColor(QUIET),
                        tip=self.tr("No deal closed yet for this group."),
                    )
                )
                continue
            below = w.rate < w.group.reference
            rows.append(
                Row(
                    (label(w.group), f"{w.won} / {w.closed}", percent(w.rate), reference),
                    None,
                    color=QColor(BAD if below else GOOD),
                    tip=(
                        self.tr("{0} won, {1} lost: below the typical {2}.")
                        if below
                        else self.tr("{0} won, {1} lost: at or above the typical {2}.")
                    ).format(w.won, w.lost, reference),
                )
            )
        self.win_model.set_rows(rows)
        fit_columns(self.win_table)
        header = self.win_table.horizontalHeader()
        header.resizeSection(0, min(header.sectionSize(0), GROUP_WIDTH))  # the rest wraps
        self.win_table.resizeRowsToContents()

    # --- the roadmap ---------------------------------------------------------------------

    def _set_roadmap(self, roadmap: tuple[RoadmapRow, ...]) -> None:
        quarters = [q for q, _ in roadmap[0].moved] if roadmap else []
        self.roadmap_model.set_headers(
            [self.tr("Step up"), self.tr("Now")]
            + [q.replace(" ", "\n") for q in quarters]  # "2026 Q3" in two short lines
            + [self.tr("What moves a customer up")]
        )
        lang = current_language()
        self.roadmap_model.set_rows(
            [
                Row(
                    (
                        f"{label(r.step.stage)} → {label(r.step.next_stage)}",
                        f"{r.at_stage:,}",
                        *(f"{n:,}" for _, n in r.moved),
                        r.step.sentence(lang),
                    ),
                    r,
                    tip=r.step.sentence(lang),
                )
                for r in roadmap
            ]
        )
        table = self.roadmap_table
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.resizeColumnsToContents()
        header.resizeSection(0, min(header.sectionSize(0), STEP_WIDTH))
        # The sentence takes the room left and wraps (it is longer than the pane, in Chinese
        # too, where it has no spaces to break at).
        header.setSectionResizeMode(header.count() - 1, QHeaderView.ResizeMode.Stretch)
        table.setToolTip(
            self.tr("Click a number for the customers behind it: those at the stage now, or "
                    "those who moved up from it in that quarter.")
        )  # fmt: skip
        table.resizeRowsToContents()

    def roadmap_key(self, index: Index) -> str | None:
        """The figure behind a cell of the roadmap (None for the step and its sentence)."""
        row: RoadmapRow | None = self.roadmap_model.payload(index)
        if row is None:
            return None
        column = index.column()
        if column == 1:
            return f"stage:{row.step.stage.code}"
        if 2 <= column < 2 + len(row.moved):
            return f"moved:{row.step.stage.code}:{row.moved[column - 2][0]}"
        return None

    def _roadmap_clicked(self, index: QModelIndex) -> None:
        key = self.roadmap_key(index)
        if key is not None:
            self.show_customers(key)

    def _count_clicked(self, index: QModelIndex) -> None:
        model = index.model()
        if isinstance(model, CountModel):
            key = model.payload(index)
            if key:
                self.show_customers(key)

    # --- the at-risk list ----------------------------------------------------------------

    def _show_at_risk(self, found: list[AtRiskCustomer]) -> None:
        self.at_risk = found
        rows = []
        for rank, c in enumerate(found, start=1):
            color = QColor(BAD) if c.score >= 50 else None
            signs = self.tr(", ").join(label(r.signal) for r in c.reasons)
            rows.append(
                Row(
                    (str(rank), str(c.score), c.name, label(c.stage), signs),
                    c,
                    color=color,
                    tip=self._reasons_text(c, html=False),
                )
            )
        self.risk_model.set_rows(rows)
        fit_columns(self.risk_table)
        header = self.risk_table.horizontalHeader()
        header.resizeSection(2, min(header.sectionSize(2), NAME_WIDTH))
        self.risk_box.setTitle(
            self.tr("Customers at risk: the {0} highest scores").format(len(found))
            if found
            else self.tr("Customers at risk")
        )
        if found:
            self.risk_table.setCurrentIndex(self.risk_model.index(0, 0))
            self._explain(found[0])
        else:
            self.reasons.setText(
                self.tr("No customer shows a warning sign: no overdue visit, open complaint, "
                        "broken promise, falling score or order gap.")
            )  # fmt: skip
        self.riskShown.emit()

    def _reasons_text(self, customer: AtRiskCustomer, *, html: bool) -> str:
        lang = current_language()
        sentences = [r.sentence(lang) for r in customer.reasons]
        if not html:
            return "\n".join(f"• {s}" for s in sentences)
        from html import escape

        title = self.tr("Why is {0} at risk? Score {1} of 100.").format(
            escape(customer.name), customer.score
        )
        items = "".join(f"<li>{escape(s)}</li>" for s in sentences)
        hint = self.tr("Click or press Enter to open the customer.")
        return (
            f"<b>{title}</b><ul style='margin:2px 0 2px -20px'>{items}</ul>"
            f"<span style='color:{QUIET}'>{hint}</span>"
        )

    def _explain(self, customer: AtRiskCustomer) -> None:
        self.reasons.setText(self._reasons_text(customer, html=True))

    def _explain_row(self, index: QModelIndex) -> None:
        customer = self.risk_model.payload(index)
        if isinstance(customer, AtRiskCustomer):
            self._explain(customer)

    def _open_at_risk(self, index: QModelIndex) -> None:
        customer = self.risk_model.payload(index)
        if isinstance(customer, AtRiskCustomer):
            self.openRequested.emit(customer.account_id)

    # --- the customers behind a figure ---------------------------------------------------

    def figure_title(self, key: str) -> str:
        name, _, rest = key.partition(":")
        titles = {
            "overdue-visits": self.tr("Overdue visits"),
            "open-commitments": self.tr("Customers with open promises"),
            "overdue-commitments": self.tr("Customers with overdue promises"),
            "open-complaints": self.tr("Customers with open complaints"),
            "overdue-complaints": self.tr("Customers with overdue complaints"),
            "churned": self.tr("Customers lost in the last twelve months"),
            "repeat-buyers": self.tr("Customers who ordered twice or more"),
            "buyers": self.tr("Customers who ordered in the last twelve months"),
            "referred": self.tr("New customers who came by a referral"),
            "untiered": self.tr("Customers without a tier"),
        }
        if name in titles:
            return titles[name]
        if name == "stage":
            return self.tr("Customers at stage {0}").format(label(Stage.parse(rest)))
        if name == "tier":
            return self.tr("Customers in tier {0}").format(label(Tier.parse(rest)))
        if name == "moved":
            code, _, quarter = rest.partition(":")
            return self.tr("Customers who moved up from {0} in {1}").format(
                label(Stage.parse(code)), quarter
            )
        return key

    def show_customers(self, key: str) -> None:
        """The customers behind a figure, in a list beside the window (one at a time)."""
        if self.behind is not None:
            self.behind.close()
        dialog = CustomersBehindDialog(self.ops, key, self.figure_title(key), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openRequested.connect(self.openRequested)
        dialog.destroyed.connect(lambda *_: self._forget_dialog(dialog))
        self.behind = dialog
        dialog.show()

    def _forget_dialog(self, dialog: CustomersBehindDialog) -> None:
        if self.behind is dialog:
            self.behind = None


__all__ = ["SECTION_KINDS", "DashboardSection"]
