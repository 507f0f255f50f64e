"""The account workspace: the open customer's name and stage over its tabs.

A new tab is an ``AccountTab`` subclass added to ``TAB_TYPES``; nothing else here changes.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from trustdesk.services import accounts
from trustdesk.services.accounts import AccountHeader
from trustdesk.services.changes import Changes
from trustdesk.ui.account.complaints_tab import ComplaintsTab
from trustdesk.ui.account.contacts_tab import ContactsTab
from trustdesk.ui.account.deals_tab import DealsTab
from trustdesk.ui.account.orders_tab import OrdersTab
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.account.visits_tab import VisitsTab
from trustdesk.ui.account.winback_tab import WinBackTab
from trustdesk.ui.commitments.tab import CommitmentsTab
from trustdesk.ui.i18n import error_text, label
from trustdesk.ui.map.tab import MapTab
from trustdesk.ui.ops import Ops, users_mistake
from trustdesk.ui.surveys.tab import SurveysTab

# The tabs, in the order they show.
TAB_TYPES: tuple[type[AccountTab], ...] = (
    OverviewTab,
    MapTab,
    ContactsTab,
    VisitsTab,
    CommitmentsTab,
    SurveysTab,
    ComplaintsTab,
    DealsTab,
    OrdersTab,
    WinBackTab,
)
HEADER_KINDS = frozenset({"account", "stage"})

T = TypeVar("T", bound=AccountTab)


class AccountWorkspace(QWidget):
    """``message(str)`` for the status bar; ``closeRequested()`` when the open customer is
    gone (deleted elsewhere)."""

    message = Signal(str)
    closeRequested = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.account_id: str | None = None
        self.header: AccountHeader | None = None
        self.title = QLabel()
        self.title.setObjectName("workspaceTitle")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.tabs = QTabWidget()
        self.pages: list[AccountTab] = []
        self.report_button = QPushButton(self.tr("Export report…"))
        self.report_button.setObjectName("exportReport")
        self.report_button.clicked.connect(self.export_report)
        # The button beside the two lines of the title, not under them: no taller header.
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        heading = QHBoxLayout()
        heading.addLayout(names, 1)
        heading.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)
        ops.bus.changed.connect(self._on_changes)

    def _build_tabs(self) -> None:
        """The tabs are made when the first customer opens, not at start-up (faster first paint)."""
        for tab_type in TAB_TYPES:
            tab = tab_type(self.ops)
            self.tabs.addTab(tab, tab.title())
            tab.message.connect(self.message)
            tab.titleChanged.connect(self._retitle)
            self.pages.append(tab)
            if isinstance(tab, WinBackTab):  # only for a lost customer or one with a plan
                tab.relevantChanged.connect(lambda shown, t=tab: self.show_tab(t, shown))
                self.show_tab(tab, False)

    def _retitle(self) -> None:
        """A tab's caption changed (a count in it): show the new one."""
        for index, tab in enumerate(self.pages):
            self.tabs.setTabText(index, tab.title())

    def show_tab(self, tab: AccountTab, shown: bool) -> None:
        self.tabs.setTabVisible(self.tabs.indexOf(tab), shown)

    def tab(self, tab_type: type[T]) -> T:
        """The tab of this type (built on first use)."""
        if not self.pages:
            self._build_tabs()
        return next(t for t in self.pages if isinstance(t, tab_type))

    def open(self, account_id: str) -> None:
        """Show ``account_id``: the header and the tab in front load; the others when shown."""
        if not self.pages:
            self._build_tabs()
        self.account_id = account_id
        for tab in self.pages:
            tab.show_account(account_id)
        self._load_header()

    def close_account(self) -> None:
        self.account_id = None
        self.header = None

    def _load_header(self) -> None:
        if self.account_id is None:
            return
        (
            self.ops.read(accounts.account_header, self.account_id)
            .success(self._show_header)
            .failure(self._on_header_failed)
            .run(self, key="header")
        )

    def _show_header(self, header: AccountHeader) -> None:
        self.header = header
        account = header.account
        self.title.setText(account.name)
        parts = [f"{label(account.stage)} · {label(account.trust_phase)}"]
        n = header.contacts  # English picked by count in code; Chinese has one form
        parts.append(self.tr("1 contact") if n == 1 else self.tr("{0} contacts").format(n))
        if account.do_not_serve:
            parts.append(self.tr("Do not serve"))
        self.subtitle.setText("  ·  ".join(parts))
        self.tab(WinBackTab).header_shown(account)  # shows itself for a lost customer

    def _on_header_failed(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
        else:  # the customer is gone (deleted elsewhere)
            self.message.emit(error_text(mistake))
            self.closeRequested.emit()

    def _on_changes(self, changes: Changes) -> None:
        if not changes.concerns(self.account_id):
            return
        if changes.touches(HEADER_KINDS) or "contact" in changes.added_or_removed:
            self._load_header()
        for tab in self.pages:
            tab.on_changes(changes)

    def save(self) -> None:
        if self.account_id is not None:
            self.tab(OverviewTab).save()

    def save_edits(self) -> None:
        """Save the customer's form if it holds edits (before the window locks)."""
        if self.account_id is not None and self.tab(OverviewTab).has_edits():
            self.tab(OverviewTab).save()

    def revert(self) -> None:
        if self.account_id is not None:
            self.tab(OverviewTab).revert()

    def export_report(self) -> None:
        """VIS-4: a report of this customer (or of the portfolio)."""
        from trustdesk.ui.report_dialog import open_report_dialog

        if self.account_id is None:
            return
        name = self.header.account.name if self.header is not None else ""
        written = open_report_dialog(self.ops, self, account_id=self.account_id, account_name=name)
        if written is not None:
            self.message.emit(self.tr("Saved {0}.").format(written))

    def change_stage(self) -> None:
        if self.account_id is not None:
            self.tab(OverviewTab).change_stage()
