"""The Deals section of the left navigation (DEA-1): the pipeline as one column per stage, lead
to lost, each with how many deals and what they are worth; open deals all, won and lost ones
of the last 90 days. Filter by owner; Enter or a double-click opens the customer.

Read when the section is shown, and again after a change to deals while it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import DealStage
from trustdesk.services import deals
from trustdesk.services.changes import Changes
from trustdesk.services.records import DealData, PipelineColumn
from trustdesk.services.visit_plan import today
from trustdesk.ui.deals import texts
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits.rows import LATE, QUIET

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SECTION_KINDS = frozenset({"deal", "account"})
CLOSED_DAYS = 90
STAGE_COLORS = {
    DealStage.LEAD: "#5b6b7f",
    DealStage.QUALIFIED: "#2f6690",
    DealStage.PROPOSAL: "#8a5a00",
    DealStage.WON: "#2e6b30",
    DealStage.LOST: "#6b6b6b",
}


@dataclass(frozen=True, slots=True)
class PipelineView:
    """The columns (for ``owner``, or everyone's) and every owner who has a deal in it."""

    columns: list[PipelineColumn]
    owners: list[str]


def pipeline_view(session: Session, owner: str | None = None) -> PipelineView:
    everyone = deals.pipeline(session)
    owners = sorted({d.owner for column in everyone for d in column.deals if d.owner})
    columns = deals.pipeline(session, owner=owner) if owner else everyone
    return PipelineView(columns, owners)


def _late(deal: DealData, now: date) -> bool:
    """Open and past the day it should have closed."""
    return not deal.stage.closed and deal.expected_close is not None and deal.expected_close < now


class StageColumn(QFrame):
    """One stage: its name, count and total over its deals, the most valuable first."""

    activated = Signal(str)

    def __init__(self, stage: DealStage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName(f"pipeline_{stage.code}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        self.heading.setObjectName("stageHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        color = STAGE_COLORS[stage]
        self.heading.setStyleSheet(f"border-bottom: 3px solid {color}; padding-bottom: 4px;")
        self.list = QListWidget()
        self.list.setObjectName(f"deals_{stage.code}")
        self.list.setWordWrap(False)  # three short lines, each cut with … when too long
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)  # where one deal ends and the next begins
        self.list.itemActivated.connect(self._activated)
        self.column: PipelineColumn | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def show_column(self, column: PipelineColumn, closed_note: str) -> None:
        """``closed_note`` under the closed stages' totals; the open ones say there how many
        are past their expected close (the headings line up either way)."""
        self.column = column
        n = len(column.deals)
        count = self.tr("1 deal") if n == 1 else self.tr("{0} deals").format(n)
        total = texts.totals(column.totals) or texts.money(0, "CNY")
        now = today()
        late = sum(1 for d in column.deals if _late(d, now))
        if closed_note:
            note, color = closed_note, QUIET
        elif late:
            note, color = self.tr("{0} past expected close").format(late), LATE
        else:
            note, color = self.tr("none past expected close"), QUIET
        self.heading.setText(
            f"<b style='font-size:large'>{label(self.stage)}</b><br>{count} · <b>{total}</b>"
            f"<br><span style='color:{color.name()}'>{note}</span>"
        )
        self.list.clear()
        for deal in column.deals:
            item = QListWidgetItem(self._text(deal))
            item.setData(Qt.ItemDataRole.UserRole, deal.account_id)
            item.setToolTip(self._tip(deal))
            if _late(deal, now):
                item.setForeground(LATE)  # should have closed by now
            elif deal.stage is DealStage.LOST:
                item.setForeground(QUIET)
            self.list.addItem(item)

    def _text(self, deal: DealData) -> str:
        """The customer, the deal, and its amount with the day it closed or should close."""
        money = texts.money(deal.amount, deal.currency)
        when = deal.closed_on if deal.stage.closed else deal.expected_close
        day = f"  ·  {texts.day(when)}" if when else ""
        return f"{deal.account_name}\n{texts.one_line(deal.title, 60)}\n{money}{day}"

    def _tip(self, deal: DealData) -> str:
        lines = [
            deal.account_name,
            deal.title,
            f"{label(deal.channel)} · {texts.money(deal.amount, deal.currency)}",
        ]
        if deal.expected_close and not deal.stage.closed:
            lines.append(self.tr("Expected close {0}").format(texts.day(deal.expected_close)))
        if deal.owner:
            lines.append(self.tr("Owner: {0}").format(deal.owner))
        if deal.lost_reason:
            lines.append(self.tr("Why lost: {0}").format(deal.lost_reason))
        return "\n".join(lines)

    def _activated(self, item: QListWidgetItem) -> None:
        self.activated.emit(item.data(Qt.ItemDataRole.UserRole))


class PipelineSection(QWidget):
    """``openRequested(account_id)`` opens a customer; ``message(str)`` for the status bar."""

    openRequested = Signal(str)
    message = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._stale = True
        self.view: PipelineView | None = None
        self.owner = QComboBox()
        self.owner.setObjectName("pipelineOwner")
        self.owner.addItem(self.tr("Everyone"), None)
        self.owner.setMinimumContentsLength(12)
        self.owner.currentIndexChanged.connect(lambda _i: self.load())
        owner_label = QLabel(self.tr("&Owner:"))
        owner_label.setBuddy(self.owner)
        self.summary = QLabel()
        self.summary.setObjectName("pipelineSummary")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(owner_label)
        top.addWidget(self.owner)
        self.columns = {stage: StageColumn(stage) for stage in DealStage}
        row = QHBoxLayout()
        row.setSpacing(6)
        for column in self.columns.values():
            column.activated.connect(self.openRequested)
            row.addWidget(column, 1)
        hint = QLabel(
            self.tr(
                "Open deals, the most valuable first; won and lost ones of the last {0} days. "
                "Red: past its expected close. Enter or a double-click opens the customer."
            ).format(CLOSED_DAYS)
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b6b6b;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(row, 1)
        layout.addWidget(hint)
        ops.bus.changed.connect(self._on_changes)

    def chosen_owner(self) -> str | None:
        value = self.owner.currentData()
        return value if isinstance(value, str) else None

    def load(self) -> None:
        self._stale = False
        self.ops.read(pipeline_view, self.chosen_owner()).success(self._show).run(self, key="load")

    def _show(self, view: PipelineView) -> None:
        self.view = view
        chosen = self.chosen_owner()
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(self.tr("Everyone"), None)
        for name in view.owners:
            self.owner.addItem(name, name)
        self.owner.setCurrentIndex(max(self.owner.findData(chosen), 0) if chosen else 0)
        self.owner.blockSignals(False)
        open_total: dict[str, int] = {}
        open_count = 0
        for column in view.columns:
            closed_note = (
                self.tr("closed in the last {0} days").format(CLOSED_DAYS)
                if column.stage.closed
                else ""
            )
            self.columns[column.stage].show_column(column, closed_note)
            if not column.stage.closed:
                open_count += len(column.deals)
                for currency, amount in column.totals.items():
                    open_total[currency] = open_total.get(currency, 0) + amount
        self.summary.setText(
            self.tr("<b>{0} open deals</b> worth <b>{1}</b>").format(
                open_count, texts.totals(open_total) or texts.money(0, "CNY")
            )
        )

    def column(self, stage: DealStage) -> StageColumn:
        return self.columns[stage]

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(SECTION_KINDS):
            self._stale = True
            if self.isVisible():
                self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()


__all__ = ["PipelineSection", "PipelineView", "pipeline_view"]
