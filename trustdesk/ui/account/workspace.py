"""The account workspace: the open customer's name and stage over its tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from trustdesk.services import accounts
from trustdesk.services.store import Store
from trustdesk.ui.account.contacts_tab import ContactsTab
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.i18n import label
from trustdesk.ui.map.tab import MapTab


class AccountWorkspace(QWidget):
    """``accountChanged(account_id)`` after any write; ``message(str)`` for the status bar."""

    accountChanged = Signal(str)
    message = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.account_id: str | None = None
        self.title = QLabel()
        self.title.setObjectName("workspaceTitle")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)

    def _build_tabs(self) -> None:
        """The tabs are made when the first customer opens, not at start-up (faster first paint)."""
        self.overview = OverviewTab(self._store)
        self.map = MapTab(self._store)
        self.contacts = ContactsTab(self._store)
        self.tabs.addTab(self.overview, self.tr("Overview"))
        self.tabs.addTab(self.map, self.tr("Relationship map"))
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        for tab in (self.overview, self.map, self.contacts):
            tab.message.connect(self.message)
        self.overview.saved.connect(self._on_saved)
        # One source of truth: a change made on the map shows in the Contacts tab and back.
        self.map.changed.connect(self._on_people_changed)
        self.contacts.changed.connect(self._on_people_changed)

    def open(self, account_id: str) -> None:
        if not self.tabs.count():
            self._build_tabs()
        self.account_id = account_id
        self.overview.load(account_id)
        self.map.load(account_id)
        self.contacts.load(account_id)
        self._refresh_title()

    def _refresh_title(self) -> None:
        if self.account_id is None:
            return
        account = self._store.read(accounts.get_account, self.account_id)
        people = self._store.read(accounts.contacts_count, self.account_id)
        self.title.setText(account.name)
        parts = [f"{label(account.stage)} · {label(account.trust_phase)}"]
        parts.append(self.tr("%n contact(s)", "", people))
        if account.do_not_serve:
            parts.append(self.tr("Do not serve"))
        self.subtitle.setText("  ·  ".join(parts))

    def _on_saved(self, account_id: str) -> None:
        self._refresh_title()
        self.accountChanged.emit(account_id)

    def _on_people_changed(self, account_id: str) -> None:
        if self.sender() is not self.map:
            self.map.load(account_id, fit=False)
        if self.sender() is not self.contacts:
            self.contacts.load(account_id)
        self._on_saved(account_id)

    def save(self) -> bool:
        return self.account_id is not None and self.overview.save()

    def revert(self) -> None:
        if self.account_id is not None:
            self.overview.revert()

    def change_stage(self) -> None:
        if self.account_id is not None:
            self.overview.change_stage()
