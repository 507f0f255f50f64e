"""Starting the GUI: application, translators, error handling, the main window.

The window paints first: ``run_gui`` shows its frame (the list says "Loading customers…"),
and once that is on the screen the database opens on the window's worker thread, which is
where SQLAlchemy, the migrations and the models are first loaded; then the list reads its
first page. This module and the window's frame import Qt and light modules only; the
data side is imported where it is first used, after that paint. A database that cannot be
opened is shown over the painted window: a damaged one offers its newest good backup (as
``open_or_recover``), any other refusal is a message box, then the same sentence and exit
code on the command line as before.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from trustdesk import paths
from trustdesk.errors import DatabaseDamagedError, TrustDeskError
from trustdesk.ui.application import make_application
from trustdesk.ui.errors import install_excepthook
from trustdesk.ui.i18n import chosen_language, error_text, install_language
from trustdesk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from trustdesk.services.store import Store

R = TypeVar("R")

log = logging.getLogger("trustdesk.ui")
qt_log = logging.getLogger("trustdesk.qt")


def _route_qt_messages(kind: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    qt_log.log(level, "%s", message)


def route_qt_messages_to_log() -> None:
    """Qt's own warnings go to the log file, not the terminal."""
    qInstallMessageHandler(_route_qt_messages)


DAILY_BACKUP_CHECK_MS = 3 * 60 * 60 * 1000  # a day's backup is made at most once a day
FIRST_BACKUP_DELAY_MS = 20_000  # not while the window is still filling at start
OPEN_AT_LATEST_MS = 500  # open the database even if the frame's paint never comes (hidden)


def open_on_worker(path: Path) -> Store:
    """``open_store`` for ``Ops.open``: imported here, on the database worker, after the
    window painted (it loads SQLAlchemy, the migrations and the models)."""
    from trustdesk.services.store import open_store

    return open_store(path)


class TrustDeskApp:
    """Owns the store and the main window: rebuilds the window when the language changes,
    makes the daily backup, and restores a backup (closing and reopening the database).

    ``TrustDeskApp(store)`` starts on an open store. ``TrustDeskApp(None, path=…)`` starts
    with the window's frame and opens ``path`` once it painted (``open_after_paint``);
    ``failed`` then holds the error that stopped it opening, and ``store`` stays None when
    the database could not be opened."""

    def __init__(self, store: Store | None, lang: str | None = None, *, path: Path | None = None):
        self.store = store
        self.path = store.path if store is not None else path
        self.failed: BaseException | None = None
        install_language(lang or chosen_language())
        self.window = self._build()
        self._backup_timer = QTimer()
        self._backup_timer.setInterval(DAILY_BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_daily)
        self._backup_timer.start()
        QTimer.singleShot(FIRST_BACKUP_DELAY_MS, self.backup_daily)

    def _build(self) -> MainWindow:
        window = MainWindow(self.store, path=self.path)
        window.languageChangeRequested.connect(self.switch_language)
        window.restoreRequested.connect(self.restore)
        return window

    # --- opening after the first paint -------------------------------------------------

    def open_after_paint(self) -> None:
        """Open the database on the window's worker once its frame is on the screen; the
        list shows its first page when it is open."""
        window = self.window
        started: list[bool] = []

        def start() -> None:
            if started or not shiboken6.isValid(window):
                return
            started.append(True)
            path = self.path
            assert path is not None
            window.ops.open(lambda: open_on_worker(path)).success(self._opened).failure(
                self._open_failed
            ).run(window)

        # Queued: after the paint has finished, not in the middle of it.
        window.framePainted.connect(start, Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(OPEN_AT_LATEST_MS, start)

    def _opened(self, store: Store) -> None:
        self.store = store
        self.window.attach()

    def _open_failed(self, error: BaseException) -> None:
        assert self.path is not None
        if isinstance(error, DatabaseDamagedError):
            try:
                store = recover_damaged(self.path, error, self.window)
            except BaseException as exc:  # the restore failed: shown as below
                error = exc
            else:
                if store is None:  # declined, or no good backup: nothing was changed
                    self._give_up(None)
                else:
                    self.window.ops.open(lambda: store).success(self._opened).run(self.window)
                return
        if isinstance(error, TrustDeskError):
            box = QMessageBox(self.window)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(
                QCoreApplication.translate("TrustDeskApp", "The database cannot be opened")
            )
            box.setText(error_text(error))
            box.exec()
        self._give_up(error)

    def _give_up(self, error: BaseException | None) -> None:
        """Close the window (the app ends with its last window); ``run_gui`` passes the error
        on: the command line prints its sentence and exits as it did before the window."""
        self.failed = error
        self.window.close()

    # --- backups, language ---------------------------------------------------------------

    def backup_daily(self) -> None:
        """Today's automatic backup (once a day; older ones pruned), on the database worker."""
        if self.store is None or self.store.read_only or not shiboken6.isValid(self.window):
            return
        from trustdesk.services import maintenance

        window = self.window
        window.ops.task(maintenance.daily_backup, self.store.path).failure(
            lambda error: window.show_message(
                QCoreApplication.translate("TrustDeskApp", "The daily backup failed: {0}").format(
                    error_text(error) if isinstance(error, TrustDeskError) else type(error).__name__
                )
            )
        ).run(window)

    def restore(self, backup: Path) -> MainWindow:
        """Close the database, restore ``backup`` over it (the current file is kept as a
        backup first) and open the window again on the result."""
        from trustdesk.services import maintenance
        from trustdesk.services.store import open_store

        assert self.store is not None  # the window offers a restore once the store is open
        old, path = self.window, self.store.path
        old.save_layout()
        old.close()  # its worker finishes what was queued and stops
        self.store.close()
        outcome = run_with_busy_dialog(
            QCoreApplication.translate("TrustDeskApp", "Restoring the backup…"),
            maintenance.restore_backup,
            path,
            backup,
        )
        self.store = open_store(path)
        self.window = self._build()
        self.window.show()
        old.deleteLater()
        if isinstance(outcome, BaseException):
            if isinstance(outcome, TrustDeskError):
                self.window.show_problem(error_text(outcome))
            else:
                self.window.ops.report_failure(outcome)
        else:
            kept = outcome.kept_as
            self.window.message_bar.show_message(
                QCoreApplication.translate(
                    "TrustDeskApp",
                    "Restored the backup {0}. The database as it was is kept as {1}.",
                ).format(outcome.restored_from.name, kept if kept else "—"),
                level="warning",
            )
        return self.window

    def switch_language(self, lang: str | None = None) -> MainWindow:
        old = self.window
        old.save_layout()
        open_id = old.workspace.account_id if old.workspace.isVisible() else None
        install_language(lang or chosen_language())
        self.window = self._build()
        if open_id:
            self.window.open_account(open_id)
        self.window.show()
        old.close()
        old.deleteLater()
        return self.window


def run_with_busy_dialog(title: str, fn: Callable[..., R], *args: Any) -> R | BaseException:
    """Run file work that must happen with the database closed (a restore) on a thread, with
    a busy dialog, so the screen keeps painting; returns the result or the error."""
    outcome: list[R | BaseException] = []

    def work() -> None:
        try:
            outcome.append(fn(*args))
        except BaseException as exc:  # handed to the caller, which shows it
            outcome.append(exc)

    dialog = QProgressDialog(title, "", 0, 0)
    dialog.setCancelButton(None)  # the work cannot be stopped half-way
    dialog.setWindowTitle("TrustDesk")
    dialog.setMinimumDuration(300)
    thread = threading.Thread(target=work, name="trustdesk-restore")
    thread.start()
    while thread.is_alive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        thread.join(0.02)
    dialog.reset()
    dialog.deleteLater()
    return outcome[0]


def open_or_recover(db_path: Path) -> Store | None:
    """Open the database; if it is damaged, offer the newest backup that verifies instead of
    writing into the damaged file. None when the user declines or there is none."""
    from trustdesk.services.store import open_store

    try:
        return open_store(db_path)
    except DatabaseDamagedError as damaged:
        return recover_damaged(db_path, damaged)


def recover_damaged(
    db_path: Path, damaged: DatabaseDamagedError, parent: MainWindow | None = None
) -> Store | None:
    """Say the database is damaged and offer to restore its newest good backup (the
    damaged file is kept beside it); the store on the restored file, or None when the user
    declines or there is no good backup."""
    from trustdesk.services import maintenance
    from trustdesk.services.store import open_store

    good = next((b for b in maintenance.good_backups(db_path)), None)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("TrustDeskApp", "The database is damaged"))
    box.setText(error_text(damaged))
    if good is None:
        box.setInformativeText(
            QCoreApplication.translate(
                "TrustDeskApp",
                "There is no good backup of it. Nothing was changed; run 'trustdesk db "
                "check' to see what is damaged.",
            )
        )
        box.exec()
        return None
    box.setInformativeText(
        QCoreApplication.translate(
            "TrustDeskApp",
            "Restore the newest good backup, made {0}? The damaged file is kept beside it.",
        ).format(good.made_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Close)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return None
    outcome = run_with_busy_dialog(
        QCoreApplication.translate("TrustDeskApp", "Restoring the backup…"),
        maintenance.restore_backup,
        db_path,
        good.path,
    )
    if isinstance(outcome, BaseException):
        raise outcome from None
    return open_store(db_path)


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(db_path: Path, lang: str | None = None) -> int:
    """Open the main window on ``db_path``; returns the exit code. The window paints before
    the database opens; an error that stops it opening is raised after the window closed."""
    faulthandler.enable(open(paths.data_dir() / "logs" / "crash.log", "a"))  # noqa: SIM115
    if not has_display():
        raise TrustDeskError(
            "No display found. Start TrustDesk from a desktop session "
            "(or set QT_QPA_PLATFORM=offscreen to run without a screen).",
            zh="找不到显示器。请在桌面环境中启动 TrustDesk"
            "(无屏幕运行可设置 QT_QPA_PLATFORM=offscreen)。",
        )
    install_excepthook()
    route_qt_messages_to_log()
    app = make_application()
    trustdesk = TrustDeskApp(None, lang, path=db_path)
    trustdesk.window.show()
    trustdesk.open_after_paint()
    code = app.exec()
    if trustdesk.failed is not None:
        raise trustdesk.failed
    if trustdesk.store is not None:
        trustdesk.store.close()
    elif trustdesk.window.ops.is_open:  # closed by the user before the list could show
        trustdesk.window.ops.store.close()
    else:  # not opened: the user declined to restore a damaged database's backup
        return 1
    return code
