"""The one way the GUI runs database work, and the bus that says what a write changed.

    ops.read(accounts.get_account, account_id).success(self._show).run(self, key="load")
    ops.write(contacts.set_level, cid, level, reason).success(self._done).run(self)

Reads and writes queue on one database worker thread; each unit of work gets its own session
and a write is one transaction. The result or the error comes back on the GUI thread, so the
window keeps painting while a query runs. A write's ``Changes`` go out once on ``ops.bus``
before its success callback; views reload from the bus only, and only what concerns them.

- ``run(owner)``: callbacks are dropped when ``owner`` was deleted meanwhile (a closed dialog);
  with ``key``, also when a newer op of the same owner and key was started (a tab reloaded
  twice shows the second answer).
- ``with_progress(title)``: ``fn`` gets ``progress=`` (``services.progress.Progress``); a
  progress dialog with Cancel shows when the work takes longer than a moment.
- Without ``failure(cb)``, a user's mistake or a storage problem is shown as a sentence, a
  bug goes to the crash dialog and the log, and a cancel is a status message.
- ``Ops()`` without a store starts a worker whose first job is ``open(opener)``: the window
  paints before the database (and SQLAlchemy, which this module does not import) is loaded,
  and reads queued meanwhile run once it is open.
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import SIGNAL, QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from trustdesk.errors import StorageError, TrustDeskError
from trustdesk.services.progress import Cancelled, Progress

if TYPE_CHECKING:  # both load SQLAlchemy: not before the window has painted
    from trustdesk.services.changes import Changes
    from trustdesk.services.store import Store

R = TypeVar("R")
log = logging.getLogger("trustdesk.ui.ops")

PROGRESS_DELAY_MS = 400
PROGRESS_POLL_MS = 100


class _GuiThreadCollector:
    """Python's cycle collector runs in whichever thread happens to allocate when a threshold
    is crossed: with a database worker, often that one. A Qt object freed there (a closed
    window or dialog held in a reference cycle, with its timers) is destroyed on the wrong
    thread, its timers stay registered, and the GUI thread later crashes firing one
    (``QTimerInfoList::activateTimers``: the intermittent segfault of the GUI tests). While a
    worker runs, automatic collection is off and the GUI thread collects on a timer, as
    pyqtgraph's ``GarbageCollector`` does; the last worker to stop turns it back on."""

    def __init__(self) -> None:
        self._workers = 0
        self._timer: QTimer | None = None

    def worker_started(self) -> None:
        self._workers += 1
        if self._workers == 1:
            gc.disable()
            self._timer = QTimer()
            self._timer.setInterval(500)
            self._timer.timeout.connect(self.collect)
            self._timer.start()

    def worker_stopped(self) -> None:
        self._workers -= 1
        if self._workers == 0 and self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None
            gc.collect()
            gc.enable()

    @staticmethod
    def collect() -> None:
        threshold, counts = gc.get_threshold(), gc.get_count()
        generation = max((g for g in range(3) if counts[g] > threshold[g]), default=-1)
        if generation >= 0:
            gc.collect(generation)


_collector = _GuiThreadCollector()


class ChangeBus(QObject):
    """``changed(Changes)``: once per successful write operation, on the GUI thread."""

    changed = Signal(object)


@dataclass(eq=False)
class _Job:
    seq: int
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    write: bool
    on_success: Callable[[Any], None] | None = None
    on_failure: Callable[[BaseException], None] | None = None
    owner: QObject | None = None
    key: str | None = None
    progress: Progress | None = None
    plain: bool = False  # file work that needs no session (backups)
    opens: bool = False  # returns the Store the later jobs use
    title: str = ""
    result: Any = None
    error: BaseException | None = None
    changes: Changes | None = None
    dialog: QProgressDialog | None = field(default=None, repr=False)


class Op(Generic[R]):
    """One unit of database work, configured fluently and started with ``run``."""

    def __init__(self, ops: Ops, job: _Job) -> None:
        self._ops = ops
        self._job = job

    def success(self, callback: Callable[[R], None]) -> Op[R]:
        self._job.on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op[R]:
        self._job.on_failure = callback
        return self

    def with_progress(self, title: str) -> Op[R]:
        self._job.progress = Progress()
        self._job.kwargs["progress"] = self._job.progress
        self._job.title = title
        return self

    def run(self, owner: QObject | None = None, *, key: str | None = None) -> Progress | None:
        """Queue the work; returns its progress handle when ``with_progress`` was asked."""
        self._job.owner, self._job.key = owner, key
        self._ops._submit(self._job)
        return self._job.progress


def users_mistake(error: BaseException) -> TrustDeskError | None:
    """The error as something the user typed or chose wrong (to show beside the field), or
    None for what is not theirs to fix here: a storage problem, a cancel, a bug."""
    if isinstance(error, TrustDeskError) and not isinstance(error, StorageError):
        return error
    return None


class Ops(QObject):
    """The database worker of one window. ``busyChanged(bool)`` when work starts or ends;
    ``message(str)`` for the status bar; ``problem(str)`` for a storage problem the window
    must show until dismissed (the disk is full, the database is busy)."""

    busyChanged = Signal(bool)
    message = Signal(str)
    problem = Signal(str)
    _finished = Signal(object)

    def __init__(self, store: Store | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.bus = ChangeBus(self)
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._pending = 0
        self._seq = 0
        self._latest: dict[tuple[int, str], int] = {}
        # Finished jobs wait here for the GUI thread, which drops the last reference to each:
        # its callbacks may hold the last reference to a Qt object, which must not be freed
        # on the worker thread.
        self._done: dict[int, _Job] = {}
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._work, name="trustdesk-db", daemon=True)
        _collector.worker_started()
        self._stopped = False
        self._thread.start()

    @property
    def store(self) -> Store:
        """The open store (a RuntimeError before ``open`` has delivered it)."""
        if self._store is None:
            raise RuntimeError("the database is not open yet")
        return self._store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    # --- building operations -------------------------------------------------------------

    def open(self, opener: Callable[[], Store]) -> Op[Store]:
        """Open the database on the worker (``opener()`` returns the Store); the work queued
        after it runs on that store."""
        job = self._job(opener, (), {}, write=False)
        job.plain = job.opens = True
        return Op(self, job)

    def read(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> Op[R]:
        """A read on the worker thread; nothing is committed."""
        return Op(self, self._job(fn, args, kwargs, write=False))

    def write(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> Op[R]:
        """One transaction on the worker thread; its changes go out on the bus."""
        return Op(self, self._job(fn, args, kwargs, write=True))

    def task(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> Op[R]:
        """File work without a session (a backup), queued with the database work so it never
        runs beside a write of this window."""
        job = self._job(fn, args, kwargs, write=False)
        job.plain = True
        return Op(self, job)

    def _job(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], write: bool
    ) -> _Job:
        self._seq += 1
        return _Job(self._seq, fn, args, dict(kwargs), write)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    # --- running -------------------------------------------------------------------------

    def _submit(self, job: _Job) -> None:
        if not self._thread.is_alive():
            log.warning("operation %s dropped: the database worker has stopped", job.fn.__name__)
            return
        if job.key is not None:
            self._latest[(id(job.owner), job.key)] = job.seq
        self._pending += 1
        if self._pending == 1:
            self.busyChanged.emit(True)
        if job.progress is not None:
            job.dialog = self._progress_dialog(job)
        self._jobs.put(job)

    def _work(self) -> None:
        """The worker thread: runs queued jobs one after the other, never touches a widget."""
        while (job := self._jobs.get()) is not None:
            try:
                if self._superseded(job):
                    pass  # a read nobody waits for any more: not run, and dropped on delivery
                elif job.plain:
                    job.result = job.fn(*job.args, **job.kwargs)
                    if job.opens:
                        self._store = job.result
                elif job.write:
                    job.result, job.changes = self.store.write_tracked(
                        job.fn, *job.args, **job.kwargs
                    )
                else:
                    job.result = self.store.read(job.fn, *job.args, **job.kwargs)
            except BaseException as exc:  # delivered to the GUI thread, which decides
                job.error = exc
            seq = job.seq
            self._done[seq] = job
            del job
            try:
                self._finished.emit(seq)
            except RuntimeError:  # the window went away without shutting us down
                return

    def _deliver(self, seq: int) -> None:
        job = self._done.pop(seq)
        self._pending -= 1
        if job.dialog is not None:
            job.dialog.reset()
            job.dialog.deleteLater()
        try:
            if job.changes:
                self.bus.changed.emit(job.changes)  # even when the owner is gone: data changed
            if self._wanted(job):
                if job.error is None:
                    if job.on_success is not None:
                        job.on_success(job.result)
                elif job.on_failure is not None:
                    job.on_failure(job.error)
                else:
                    self.report_failure(job.error)
        finally:
            if self._pending == 0:
                self.busyChanged.emit(False)

    def _superseded(self, job: _Job) -> bool:
        """A queued read whose key a newer job took over (or ``forget`` dropped): typing
        "zhangwei" queues a list read per pause, and only the last one is worth running.
        Writes always run. Read on the worker; ``_latest`` is written on the GUI thread, and
        a stale answer is dropped on delivery anyway."""
        if job.write or job.opens or job.key is None:
            return False
        return self._latest.get((id(job.owner), job.key), job.seq) != job.seq

    def forget(self, owner: QObject, key: str) -> None:
        """Drop the read of ``owner`` and ``key`` in the queue or running: it does not run if
        it has not started, and its answer is not delivered (a new filter makes the risk
        column of the old rows not worth reading)."""
        if (id(owner), key) in self._latest:
            self._latest[(id(owner), key)] = -1

    def _wanted(self, job: _Job) -> bool:
        if job.owner is not None and not shiboken6.isValid(job.owner):
            return False
        if job.key is not None:
            slot = (id(job.owner), job.key)
            if self._latest.get(slot) != job.seq:
                return False
            del self._latest[slot]
        return True

    def report_failure(self, error: BaseException) -> None:
        """What happens to an error nobody handled: a sentence, or the crash dialog."""
        from trustdesk.ui.errors import reporter, show_user_error
        from trustdesk.ui.i18n import error_text

        if isinstance(error, Cancelled):
            self.message.emit(self.tr("Cancelled; nothing was changed."))
        elif isinstance(error, StorageError):
            if self.receivers(SIGNAL("problem(QString)")) > 0:
                self.problem.emit(error_text(error))
            else:
                show_user_error(QApplication.activeWindow(), error)
        elif isinstance(error, TrustDeskError):
            show_user_error(QApplication.activeWindow(), error)
        else:
            reporter().report(error, error.__traceback__)

    def _progress_dialog(self, job: _Job) -> QProgressDialog:
        parent = job.owner if isinstance(job.owner, QWidget) else QApplication.activeWindow()
        dialog = QProgressDialog(job.title, self.tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(job.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        progress = job.progress
        assert progress is not None
        dialog.canceled.connect(progress.cancel)
        timer = QTimer(dialog)
        timer.setInterval(PROGRESS_POLL_MS)

        def poll() -> None:
            state = progress.state
            dialog.setMaximum(max(state.total, 0))
            dialog.setValue(min(state.done, state.total) if state.total else 0)
            if state.text:
                dialog.setLabelText(state.text)

        timer.timeout.connect(poll)
        timer.start()
        return dialog

    # --- waiting and stopping ------------------------------------------------------------

    def wait_idle(self, timeout_s: float = 10.0) -> bool:
        """Run the event loop until no operation is pending (screenshots, tests)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if not self._pending:
                QCoreApplication.processEvents()  # what the last callbacks posted
                if not self._pending:
                    return True
            time.sleep(0.002)
        return False

    def shutdown(self, timeout_s: float = 10.0) -> None:
        """Let the queued work finish, then stop the worker (the window is closing)."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout_s)
        if not self._stopped and not self._thread.is_alive():
            self._stopped = True
            _collector.worker_stopped()
