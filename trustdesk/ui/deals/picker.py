"""A customer picker: a search line over the list of matches (name or pinyin, the same search
as the customer list). Down moves from the line into the list; Enter in the line takes the
first match. ``picked(account_id, name)`` when one is chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from trustdesk.services import accounts
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.records import AccountRow, Page
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops

PICK_LIMIT = 30


class _SearchLine(QLineEdit):
    def __init__(self, target: QListWidget) -> None:
        super().__init__()
        self._target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self._target.count():
            self._target.setFocus()
            if self._target.currentRow() < 0:
                self._target.setCurrentRow(0)
            return
        super().keyPressEvent(event)


class AccountPicker(QWidget):
    picked = Signal(str, str)

    def __init__(
        self, ops: Ops, parent: QWidget | None = None, *, exclude: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.exclude = exclude
        self.account_id: str | None = None
        self.name = ""
        self.chosen = QLabel()
        self.chosen.setObjectName("pickedCustomer")
        self.matches = QListWidget()
        self.matches.setObjectName("customerPicks")
        self.matches.setMaximumHeight(120)
        self.search = _SearchLine(self.matches)
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(self.tr("Type a customer's name or pinyin"))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.chosen, self.search, self.matches):
            column.addWidget(widget)
        self.chosen.hide()
        self.search.textChanged.connect(self.search_for)
        self.search.returnPressed.connect(self._take_first)
        self.matches.currentItemChanged.connect(self._chosen)
        self.setFocusProxy(self.search)
        self.search_for("")

    def search_for(self, text: str) -> None:
        where = AccountFilter.of(text=text.strip()) if text.strip() else AccountFilter()
        read = self.ops.read(accounts.list_accounts, where, limit=PICK_LIMIT, with_total=False)
        read.success(self._show).run(self, key="find")

    def _show(self, page: Page[AccountRow]) -> None:
        self.matches.blockSignals(True)
        self.matches.clear()
        for row in page.rows:
            if row.id == self.exclude:
                continue
            item = QListWidgetItem(f"{row.name} · {label(row.stage)}")
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.name))
            self.matches.addItem(item)
        self.matches.blockSignals(False)

    def _take_first(self) -> None:
        if self.matches.count():
            self.matches.setCurrentRow(0)
            self.focusNextChild()

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.account_id, self.name = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.setText(self.tr("Chosen: {0}").format(self.name))
        self.chosen.show()
        self.picked.emit(self.account_id, self.name)
