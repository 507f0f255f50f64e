"""Starting the GUI: application, translators, error handling, the main window."""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from trustdesk import paths
from trustdesk.errors import DatabaseDamagedError, TrustDeskError
from trustdesk.services import maintenance
from trustdesk.services.store import Store, open_store
from trustdesk.ui.application import make_application
from trustdesk.ui.errors import install_excepthook
from trustdesk.ui.i18n import chosen_language, error_text, install_language
from trustdesk.ui.main_window import MainWindow

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


class TrustDeskApp:
    """Owns the store and the main window: rebuilds the window when the language changes,
    makes the daily backup, and restores a backup (closing and reopening the database)."""

    def __init__(self, store: Store, lang: str | None = None) -> None:
        self.store = store
        install_language(lang or chosen_language())
        self.window = self._build()
        self._backup_timer = QTimer()
        self._backup_timer.setInterval(DAILY_BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_daily)
        self._backup_timer.start()
        QTimer.singleShot(FIRST_BACKUP_DELAY_MS, self.backup_daily)

    def _build(self) -> MainWindow:
        window = MainWindow(self.store)
        window.languageChangeRequested.connect(self.switch_language)
        window.restoreRequested.connect(self.restore)
        return window

    def backup_daily(self) -> None:
        """Today's automatic backup (once a day; older ones pruned), on the database worker."""
        if self.store.read_only or not shiboken6.isValid(self.window):
            return
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
    try:
        return open_store(db_path)
    except DatabaseDamagedError as damaged:
        good = next((b for b in maintenance.good_backups(db_path)), None)
        box = QMessageBox()
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
    """Open the main window on ``db_path``; returns the exit code."""
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
    install_language(lang or chosen_language())
    store = open_or_recover(db_path)
    if store is None:
        return 1
    trustdesk = TrustDeskApp(store, lang)
    trustdesk.window.show()
    code = app.exec()
    store.close()
    return code
