"""What every tab of the account workspace is: shown for one customer, loaded lazily, kept
current from the change bus.

A tab names the kinds of record it shows (``KINDS``) and implements ``load()``, which starts a
read through ``self.ops``. It loads only while visible: opening a customer marks every tab
stale and only the tab in front loads; a change on the bus that concerns the customer and
one of the tab's kinds reloads it at once when visible, or when it is next shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from trustdesk.services.changes import Changes
from trustdesk.ui.ops import Ops


class AccountTab(QWidget):
    """``message(str)`` for the status bar; ``titleChanged()`` when ``title()`` changed (a
    count in the caption)."""

    KINDS: frozenset[str] = frozenset()
    message = Signal(str)
    titleChanged = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.account_id: str | None = None
        self._stale = True

    def title(self) -> str:
        """The tab's caption (translated)."""
        raise NotImplementedError

    def load(self) -> None:
        """Start reading what the tab shows for ``self.account_id``."""
        raise NotImplementedError

    def show_account(self, account_id: str) -> None:
        self.account_id = account_id
        self.mark_stale()

    def wants(self, changes: Changes) -> bool:
        return changes.concerns(self.account_id) and changes.touches(self.KINDS)

    def on_changes(self, changes: Changes) -> None:
        if self.wants(changes):
            self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.account_id is not None:
            self._stale = False
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
