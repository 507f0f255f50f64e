"""Deals tab (DEA-1, DEA-2, DEA-4): the customer's opportunities — open ones first, by the day
they should close — with their stage, channel, amount, cycle time and our team; and below,
who referred this customer and whom it referred.

Enter edits the selected deal, Alt+M moves it on (won or lost asks the closing day, lost
asks why), Alt+T edits its team, Delete removes it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import DealStage
from trustdesk.services import accounts, deals, referrals
from trustdesk.services.records import AccountData, DealData, ReferralData
from trustdesk.services.visit_plan import today
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.deals import texts
from trustdesk.ui.deals.dialogs import DealDialog, MoveDialog, TeamDialog
from trustdesk.ui.deals.order_dialogs import ReferralDialog
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits.rows import LATE, QUIET, Row, RowsModel, fit_columns, rows_table

WON = QColor("#2e6b30")


class DealsTab(AccountTab):
    KINDS = frozenset({"deal", "referral", "account"})

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.deals: list[DealData] = []
        self.open_count = 0
        self.account_name = ""
        self._pending_select: str | None = None
        self.summary = QLabel()
        self.summary.setObjectName("dealSummary")
        self.summary.setWordWrap(True)
        self.new_button = QPushButton(self.tr("&New deal…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.move_button = QPushButton(self.tr("&Move to…"))
        self.team_button = QPushButton(self.tr("&Team…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.new_button.clicked.connect(self.new_deal)
        self.edit_button.clicked.connect(self.edit_deal)
        self.move_button.clicked.connect(lambda: self.move_deal())
        self.team_button.clicked.connect(self.edit_team)
        self.delete_button.clicked.connect(self.delete_deal)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.move_button,
            self.team_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.model = RowsModel(
            [
                self.tr("Deal"),
                self.tr("Stage"),
                self.tr("Channel"),
                self.tr("Amount"),
                self.tr("Expected close"),
                self.tr("Closed"),
                self.tr("Cycle"),
                self.tr("Team"),
                self.tr("Why lost / notes"),
            ],
            self,
        )
        self.table = rows_table(self.model, "dealTable")
        self.table.activated.connect(lambda _i: self.edit_deal())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_deal).setContext(
            Qt.ShortcutContext.WidgetShortcut
        )

        self.referral_model = RowsModel(
            [
                self.tr("Referral"),
                self.tr("Customer"),
                self.tr("Person"),
                self.tr("Day"),
                self.tr("Notes"),
            ],
            self,
        )
        self.referral_table = rows_table(self.referral_model, "referralTable")
        self.referral_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.add_referral_button = QPushButton(self.tr("Add a &referral…"))
        self.remove_referral_button = QPushButton(self.tr("Remove the referral"))
        self.add_referral_button.clicked.connect(self.add_referral)
        self.remove_referral_button.clicked.connect(self.remove_referral)
        referral_buttons = QHBoxLayout()
        referral_buttons.addWidget(self.add_referral_button)
        referral_buttons.addWidget(self.remove_referral_button)
        referral_buttons.addStretch(1)
        self.referral_box = QGroupBox(self.tr("Referrals"))
        referral_layout = QVBoxLayout(self.referral_box)
        referral_layout.addLayout(referral_buttons)
        referral_layout.addWidget(self.referral_table, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.referral_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self._update_buttons()

    def title(self) -> str:
        if self.open_count:
            return self.tr("Deals ({0} open)").format(self.open_count)
        return self.tr("Deals")

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> None:
        self.ops.read(deals.list_deals, self.account_id).success(self._show).run(self, key="load")
        self.ops.read(referrals.list_referrals, self.account_id).success(self._show_referrals).run(
            self, key="referrals"
        )
        self.ops.read(accounts.get_account, self.account_id).success(self._show_account).run(
            self, key="account"
        )

    def _show_account(self, account: AccountData) -> None:
        self.account_name = account.name

    def _show(self, found: list[DealData]) -> None:
        chosen = self.selected()
        self.deals = found
        now = today()
        self.model.set_rows([self._row(d, now) for d in found])
        fit_columns(self.table)
        wanted = self._pending_select or (chosen.id if chosen is not None else None)
        self._pending_select = None
        if wanted is not None:
            self.select(wanted)
        self._summarise(found)
        open_count = sum(1 for d in found if not d.stage.closed)
        if open_count != self.open_count:
            self.open_count = open_count
            self.titleChanged.emit()
        self._update_buttons()

    def _row(self, d: DealData, now: date) -> Row:
        note = d.lost_reason if d.stage is DealStage.LOST else d.notes
        color = WON if d.stage is DealStage.WON else QUIET if d.stage is DealStage.LOST else None
        if not d.stage.closed and d.expected_close is not None and d.expected_close < now:
            color = LATE  # should have closed by now: as on the pipeline
        tip = "\n".join(
            part
            for part in (
                d.title,
                texts.team(d.team),
                self.tr("Why lost: {0}").format(d.lost_reason) if d.lost_reason else "",
                d.notes,
            )
            if part
        )
        return Row(
            (
                d.title,
                label(d.stage),
                label(d.channel),
                texts.money(d.amount, d.currency),
                texts.day(d.expected_close),
                texts.day(d.closed_on),
                texts.cycle(d, now),
                texts.team(d.team),
                texts.one_line(note),
            ),
            d,
            color=color,
            tip=tip,
        )

    def _summarise(self, found: list[DealData]) -> None:
        if not found:
            self.summary.setText(
                self.tr("No deals with this customer yet. New deal… starts one (Alt+N).")
            )
            return
        open_deals = [d for d in found if not d.stage.closed]
        worth: dict[str, int] = {}
        for d in open_deals:
            worth[d.currency] = worth.get(d.currency, 0) + d.amount
        won = sum(1 for d in found if d.stage is DealStage.WON)
        lost = sum(1 for d in found if d.stage is DealStage.LOST)
        parts = [self.tr("{0} open, worth {1}").format(len(open_deals), texts.totals(worth) or "0")]
        parts.append(self.tr("{0} won, {1} lost").format(won, lost))
        self.summary.setText("  ·  ".join(parts))

    def _show_referrals(self, found: list[ReferralData]) -> None:
        rows = []
        came_by, brought = self.tr("Referred by"), self.tr("Referred")
        for r in found:
            came = r.referred_account_id == self.account_id
            rows.append(
                Row(
                    (
                        came_by if came else brought,
                        r.by_account_name if came else r.referred_name,
                        r.by_contact_name,
                        texts.day(r.referred_on),
                        texts.one_line(r.notes),
                    ),
                    r,
                    tip=r.notes,
                )
            )
        self.referral_model.set_rows(rows)
        fit_columns(self.referral_table)
        self.referral_box.setTitle(self.tr("Referrals ({0})").format(len(rows)))
        self._update_buttons()

    # --- the selection ---------------------------------------------------------------------

    def selected(self) -> DealData | None:
        found = self.model.payload(self.table.currentIndex())
        return found if isinstance(found, DealData) else None

    def select(self, deal_id: str) -> None:
        for row, r in enumerate(self.model.rows):
            if r.payload.id == deal_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return

    def selected_referral(self) -> ReferralData | None:
        found = self.referral_model.payload(self.referral_table.currentIndex())
        return found if isinstance(found, ReferralData) else None

    def _update_buttons(self) -> None:
        writable = not self.ops.store.read_only
        chosen = self.selected() is not None
        self.new_button.setEnabled(writable and self.account_id is not None)
        for button in (self.edit_button, self.move_button, self.team_button, self.delete_button):
            button.setEnabled(writable and chosen)
        self.add_referral_button.setEnabled(writable and self.account_id is not None)
        self.remove_referral_button.setEnabled(writable and self.selected_referral() is not None)

    # --- acting ----------------------------------------------------------------------------

    def _run(self, dialog: QDialog, said: str) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            saved = getattr(dialog, "saved", None)
            if isinstance(saved, DealData):
                self.message.emit(said.format(saved.title))
                self._pending_select = saved.id
            else:
                self.message.emit(said)

    def new_deal(self) -> None:
        if self.account_id is not None:
            dialog = DealDialog(self.ops, self.account_id, parent=self)
            self._run(dialog, self.tr("Deal “{0}” saved."))

    def edit_deal(self) -> None:
        deal = self.selected()
        if deal is not None:
            self._run(DealDialog(self.ops, deal.account_id, deal, self), self.tr("Saved “{0}”."))

    def move_deal(self, stage: DealStage | None = None) -> None:
        deal = self.selected()
        if deal is not None:
            dialog = MoveDialog(self.ops, deal, self, stage=stage)
            self._run(dialog, self.tr("“{0}” moved."))

    def edit_team(self) -> None:
        deal = self.selected()
        if deal is not None:
            self._run(TeamDialog(self.ops, deal, self), self.tr("The team of “{0}” saved."))

    def delete_deal(self) -> None:
        deal = self.selected()
        if deal is None or self.ops.store.read_only:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the deal"),
            self.tr("Delete the deal “{0}” ({1})?").format(
                deal.title, texts.money(deal.amount, deal.currency)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ops.write(deals.delete_deal, deal.id).success(
                lambda _r: self.message.emit(self.tr("Deal “{0}” deleted.").format(deal.title))
            ).run(self)

    def add_referral(self) -> None:
        if self.account_id is not None:
            dialog = ReferralDialog(self.ops, self.account_id, self.account_name, self)
            self._run(dialog, self.tr("Referral saved."))

    def remove_referral(self) -> None:
        referral = self.selected_referral()
        if referral is None or self.ops.store.read_only:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove the referral"),
            self.tr("Remove the referral of {0} by {1}?").format(
                referral.referred_name, referral.by_account_name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ops.write(referrals.delete_referral, referral.id).success(
                lambda _r: self.message.emit(self.tr("Referral removed."))
            ).run(self)
