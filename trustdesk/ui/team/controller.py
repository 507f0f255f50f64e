"""Team sync for one window: *Sync now*, *Team server…*, *Conflicts…* and the status bar.

A sync runs as one task on the window's database worker (``ops``), so no write of this
window runs beside it, with the progress dialog of ``ops`` (its steps in words) and Cancel:
``sync_now`` commits step by step, so a sync cut off keeps what it sent and received, and
the next one goes on. Records pulled from the team change many tables at once, so a sync
that received any announces a change of every kind on the bus: the customer list, the open
customer and the sections reload what they show.

The server's password is asked in the Team server dialog (unless the environment gives it,
as for the CLI) and kept in this object's memory for the session: it is never saved, never
logged, and forgotten when the server refuses it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget

from trustdesk.errors import ServerError, TrustDeskError
from trustdesk.services.changes import KIND_OF_TABLE, Changes
from trustdesk.services.progress import Cancelled, Progress
from trustdesk.sync.status import SyncStatus, remember_server, sync_status
from trustdesk.ui.i18n import error_text
from trustdesk.ui.team import texts
from trustdesk.ui.team.status_bar import SyncStatusWidget

if TYPE_CHECKING:
    from trustdesk.services.store import Store
    from trustdesk.sync.run import SyncResult
    from trustdesk.ui.message_bar import MessageBar
    from trustdesk.ui.ops import Ops

log = logging.getLogger("trustdesk.ui.team")

SYNC_KIND = "sync"  # sync state: pending edits, conflicts, the last sync
# What a sync that received records announces: every kind of record, every customer.
EVERYTHING = Changes(
    kinds=frozenset(KIND_OF_TABLE.values()) | {SYNC_KIND},
    any_account=True,
    added_or_removed=frozenset(KIND_OF_TABLE.values()),
)
ONLY_SYNC = Changes(kinds=frozenset({SYNC_KIND}))
PASSWORD_REFUSED = frozenset({"password", "no_password"})


class WordedProgress(Progress):
    """The worker's progress with ``sync_now``'s steps ("seal", "push", "pull") put in the
    words of the current language, chosen on the GUI thread beforehand."""

    def __init__(self, inner: Progress, words: dict[str, str]) -> None:
        super().__init__()
        self._inner = inner
        self._words = words

    @property
    def cancelled(self) -> bool:
        return self._inner.cancelled

    def cancel(self) -> None:
        self._inner.cancel()

    def step(self, done: int, total: int | None = None, text: str | None = None) -> None:
        self._inner.step(done, total, None if text is None else self._words.get(text, text))

    def check(self) -> None:
        self._inner.check()


def run_sync(
    store: Store,
    address: str,
    password: str | None,
    words: dict[str, str],
    progress: Progress,
) -> SyncResult:
    """On the worker: connect, sync (which first checks the server's schema), disconnect."""
    from trustdesk.sync import server
    from trustdesk.sync.run import sync_now

    worded = WordedProgress(progress, words)
    worded.step(0, 0, "connect")
    engine = server.open_server(server.parse_address(address), password)
    try:
        return sync_now(store, engine, address, progress=worded)
    finally:
        engine.dispose()


class TeamSync(QObject):
    """``message(str)`` for the status bar; ``synced(SyncResult)`` after each sync."""

    message = Signal(str)
    synced = Signal(object)

    def __init__(self, ops: Ops, window: QWidget, bar: MessageBar) -> None:
        super().__init__(window)
        self.ops = ops
        self.window = window
        self.bar = bar
        self.widget = SyncStatusWidget()
        self.widget.conflictsRequested.connect(self.open_conflicts)
        self.status: SyncStatus | None = None
        self.syncing = False
        # None: not asked yet this session; "": asked, none given (PostgreSQL decides).
        self._password: str | None = None
        ops.bus.changed.connect(self._on_changes)

    # --- status --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ops.read(sync_status).success(self._show_status).run(self, key="status")

    def _show_status(self, status: SyncStatus) -> None:
        self.status = status
        self.widget.show_status(status)

    def _on_changes(self, changes: Changes) -> None:
        """Every write may add an edit to send; alone, there is nothing to count."""
        if changes.touches({SYNC_KIND}) or (self.status is not None and not self.status.alone):
            QTimer.singleShot(0, self, self.refresh)  # once the write's other readers queued

    # --- commands ------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Team → Sync now (F9): asks for the server or its password first when needed."""
        if self.syncing or self.ops.store.read_only:
            return
        status = self.status
        if status is None:  # asked before the first status arrived: read it first
            self.ops.read(sync_status).success(self._show_then_sync).run(self)
            return
        address = status.server
        if address is None or status.where is None:
            self.choose_server()
            return
        password = self._password
        if password is None:
            from trustdesk.sync.server import password_from_environment

            password = password_from_environment()
        if password is None:
            self.choose_server(ask_password=True)
            return
        self._start(address, password or None)

    def _show_then_sync(self, status: SyncStatus) -> None:
        self._show_status(status)
        self.sync_now()

    def choose_server(self, *, ask_password: bool = False) -> None:
        """Team → Team server…: the address (remembered) and the password (this session)."""
        if self.syncing or self.ops.store.read_only:
            return
        from trustdesk.ui.team.server_dialog import TeamServerDialog

        status = self.status
        current = status.server if status is not None else None
        synced = current if status is not None and status.last_sync_at is not None else None
        dialog = TeamServerDialog(
            self.window, address=current or "", ask_password=ask_password, synced_with=synced
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.address is None:
            return
        address, password = dialog.address, dialog.password
        self._password = password or ""
        if address != current:
            self.ops.write(remember_server, address).success(lambda _: self.refresh()).run(self)
        self._start(address, password)

    def _start(self, address: str, password: str | None) -> None:
        self.syncing = True
        self.widget.set_syncing(True)
        self.bar.hide()
        self.ops.task(
            run_sync, self.ops.store, address, password, texts.step_words()
        ).with_progress(self.tr("Syncing with the team")).success(self._on_synced).failure(
            self._on_failed
        ).run(self.window)

    def _on_synced(self, result: SyncResult) -> None:
        self.syncing = False
        self.widget.set_syncing(False)
        self.ops.bus.changed.emit(EVERYTHING if result.pulled else ONLY_SYNC)
        said = self.tr("Synced: {0} edits sent, {1} records received.").format(
            f"{result.pushed:,}", f"{result.pulled:,}"
        )
        if result.new_conflicts:
            self.bar.show_message(
                self.tr(
                    "This sync found {0} new conflicts: the same thing was changed on two "
                    "laptops. Both values are kept: open Team → Conflicts… to choose."
                ).format(result.new_conflicts),
                level="warning",
            )
        self.message.emit(said)
        self.synced.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self.syncing = False
        self.widget.set_syncing(False)
        self.refresh()  # what was sent before the failure is sent
        if isinstance(error, Cancelled):
            self.message.emit(
                self.tr(
                    "Sync stopped. What was sent or received so far is kept; the rest goes "
                    "with the next sync."
                )
            )
        elif isinstance(error, ServerError):
            if error.kind in PASSWORD_REFUSED:
                self._password = None  # asked again next time
            log.info("sync failed: server %s", error.kind)
            self.bar.show_message(
                self.tr("Not synced: {0} Your edits are kept here.").format(error_text(error)),
                level="error",
            )
        elif isinstance(error, TrustDeskError):
            self.bar.show_message(
                self.tr("Not synced: {0}").format(error_text(error)), level="error"
            )
        else:
            self.ops.report_failure(error)

    def open_conflicts(self) -> None:
        """Team → Conflicts… (and the status bar's link)."""
        from trustdesk.ui.team.conflicts import ConflictsDialog

        dialog = ConflictsDialog(self.ops, self.window)
        dialog.message.connect(self.message)
        dialog.exec()
