"""The status bar's word on team sync: when this laptop last synced, what it has still to
send, and the open conflicts as a link to the Conflicts screen.

A laptop that works alone (no team server named, the default) says so quietly, in grey."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from trustdesk.sync.status import SyncStatus
from trustdesk.ui.team import texts

CONFLICT_STYLE = "QToolButton { color: #b3541e; text-decoration: underline; border: none; }"


class SyncStatusWidget(QWidget):
    """``conflictsRequested()`` when the conflicts link is clicked."""

    conflictsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.label = QLabel()
        self.label.setObjectName("syncLabel")
        self.conflicts = QToolButton()
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.setAutoRaise(True)
        self.conflicts.setCursor(Qt.CursorShape.PointingHandCursor)
        self.conflicts.setStyleSheet(CONFLICT_STYLE)
        self.conflicts.setToolTip(self.tr("Open the Conflicts screen"))
        self.conflicts.clicked.connect(self.conflictsRequested)
        self.conflicts.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.conflicts)
        self.status: SyncStatus | None = None
        self.syncing = False

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        self._render()

    def set_syncing(self, syncing: bool) -> None:
        self.syncing = syncing
        self._render()

    def text(self) -> str:
        """What the bar says, as one line (the tests read it)."""
        parts = [self.label.text()]
        if self.conflicts.isVisibleTo(self):
            parts.append(self.conflicts.text())
        return " · ".join(p for p in parts if p)

    def _render(self, now: datetime | None = None) -> None:
        status = self.status
        if status is None:
            return
        grey = status.alone
        self.label.setEnabled(not grey)  # the palette's quiet colour, no alarm
        if self.syncing:
            text = self.tr("Syncing…")
        elif status.server is None:
            text = self.tr("Not syncing with a team")
        elif status.last_sync_at is None:
            text = self.tr("Never synced")
        else:
            text = self.tr("Synced {0}").format(texts.moment(status.last_sync_at, now))
        if status.server is not None and status.pending and not self.syncing:
            pending = (
                self.tr("1 edit to send")
                if status.pending == 1
                else self.tr("{0} edits to send").format(f"{status.pending:,}")
            )
            text = f"{text} · {pending}"
        self.label.setText(text)
        tip = (
            self.tr("Team server: {0}\nSync now: F9").format(status.where or status.server)
            if status.server
            else self.tr("This laptop works alone. Team → Team server… to share with a team.")
        )
        self.label.setToolTip(tip)
        count = status.open_conflicts
        self.conflicts.setText(
            self.tr("1 conflict") if count == 1 else self.tr("{0} conflicts").format(count)
        )
        self.conflicts.setVisible(count > 0)
