"""Starting the GUI: application, translators, error handling, the main window.

The window paints first: ``run_gui`` shows its frame (the list says "Loading customers…"),
and once that is on the screen the database opens on the window's worker thread, which is
where SQLAlchemy, the migrations and the models are first loaded; then the list reads its
first page. This module and the window's frame import Qt and light modules only; the
data side is imported where it is first used, after that paint. A database that cannot be
opened is shown over the painted window: a damaged one offers its newest good backup (as
``open_or_recover``), any other refusal is a message box, then the same sentence and exit
code on the command line as before.

An encrypted database (OFF-4) whose key neither this process nor the OS keyring has is
unlocked first: with ``TRUSTDESK_PASSPHRASE`` when it is set, else the passphrase dialog over
the painted window. Once open, the app locks (File → Lock, or after the minutes of Settings →
Security without input): the window and the database close, the key is forgotten, and the
lock screen asks for the passphrase before the window is built again. Turning encryption on
or off closes the database, converts the file behind a busy dialog and reopens, as a restore
does.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from trustdesk import paths
from trustdesk.errors import DatabaseDamagedError, PassphraseNeededError, TrustDeskError
from trustdesk.ui.application import make_application
from trustdesk.ui.errors import install_excepthook
from trustdesk.ui.i18n import chosen_language, error_text, install_language
from trustdesk.ui.lock import IdleLock, LockScreen, ask_passphrase
from trustdesk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from trustdesk.services.maintenance import BackupInfo
    from trustdesk.services.store import Store
    from trustdesk.ui.security_page import Conversion

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
IDLE_RETRY_MS = 5_000  # the idle lock waits for the window's running work, then tries again
PASSPHRASE_VARIABLE = "TRUSTDESK_PASSPHRASE"  # services.security's (not imported at start)


def open_on_worker(path: Path) -> Store:
    """``open_store`` for ``Ops.open``: imported here, on the database worker, after the
    window painted (it loads SQLAlchemy, the migrations and the models). An encrypted file
    whose key is not unlocked is tried with ``TRUSTDESK_PASSPHRASE`` first, silently: a wrong
    one leaves ``PassphraseNeededError`` for the dialog."""
    from trustdesk.services.store import open_store

    try:
        return open_store(path)
    except PassphraseNeededError as needed:
        if not _unlock_from_environment(needed.path):
            raise
    return open_store(path)


def _unlock_from_environment(path: Path) -> bool:
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if not given:
        return False
    from trustdesk.services import security

    try:
        security.unlock(path, given)
    except TrustDeskError:
        log.info("the passphrase in %s did not open the database", PASSPHRASE_VARIABLE)
        return False
    return True


@contextmanager
def _kept_running() -> Iterator[None]:
    """While the window is swapped (closed, file work, a new one shown), the app must not
    end: Qt quits once the last window closed, even if another is shown a moment later.
    If no window is left at the end (the new one could not be made), it quits then."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        yield
        return
    before = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        yield
    finally:
        app.setQuitOnLastWindowClosed(before)
        if before and not any(w.isVisible() and w.isWindow() for w in app.topLevelWidgets()):
            app.quit()


def _close_dialogs() -> None:
    """Close every dialog open over the window (the app locks): what they show goes too."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


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
        self.lock_screen: LockScreen | None = None  # while locked (the store is closed)
        self._reopen_id: str | None = None  # the customer open when it locked
        self._switching = False  # the file is being converted: no lock now
        self.idle = IdleLock()
        self.idle.idle.connect(self._on_idle)
        install_language(lang or chosen_language())
        self.window = self._build()
        self._backup_timer = QTimer()
        self._backup_timer.setInterval(DAILY_BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_daily)
        self._backup_timer.start()
        QTimer.singleShot(FIRST_BACKUP_DELAY_MS, self.backup_daily)
        self._arm_idle()

    def _build(self) -> MainWindow:
        window = MainWindow(self.store, path=self.path)
        window.languageChangeRequested.connect(self.switch_language)
        window.restoreRequested.connect(self.restore)
        window.lockRequested.connect(self.lock)
        window.conversionRequested.connect(self.convert)
        window.settingsSaved.connect(self._arm_idle)
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
            self._open_on_worker()

        # Queued: after the paint has finished, not in the middle of it.
        window.framePainted.connect(start, Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(OPEN_AT_LATEST_MS, start)

    def _open_on_worker(self) -> None:
        window, path = self.window, self.path
        assert path is not None
        window.ops.open(lambda: open_on_worker(path)).success(self._opened).failure(
            self._open_failed
        ).run(window)

    def _opened(self, store: Store) -> None:
        self.store = store
        self.window.attach()
        self._arm_idle()

    def _open_failed(self, error: BaseException) -> None:
        assert self.path is not None
        if isinstance(error, PassphraseNeededError):  # encrypted, its key not unlocked
            if ask_passphrase(error.path, self.window):
                self._open_on_worker()  # the key is unlocked now: open as before
            else:
                self._give_up(None)
            return
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
        from trustdesk.services.store import open_store

        assert self.store is not None  # the window offers a restore once the store is open
        old, path = self.window, self.store.path
        self.idle.disarm()
        with _kept_running():
            old.save_layout()
            old.close()  # its worker finishes what was queued and stops
            self.store.close()
            outcome = _restore_asking(path, backup, None)
            self.store = open_store(path)
            self.window = self._build()
            self.window.show()
        old.deleteLater()
        self._arm_idle()
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

    # --- the app lock and encryption (OFF-4) -----------------------------------------------

    def _arm_idle(self) -> None:
        """The idle lock counts while an encrypted database is open (Settings' minutes)."""
        window = self.window
        if (
            self.store is not None
            and self.lock_screen is None
            and shiboken6.isValid(window)
            and window.encrypted
        ):
            self.idle.arm()
        else:
            self.idle.disarm()

    def _on_idle(self) -> None:
        if self.store is None or self.lock_screen is not None or self._switching:
            return
        if self.window.ops.busy:  # an import or a sync still running: not in the middle
            self.idle.postpone(IDLE_RETRY_MS)
            return
        self.lock()

    def lock(self) -> LockScreen | None:
        """Close the window and the database, forget the key and show the lock screen in
        the window's place. Only an encrypted database locks (a plain file's data is on the
        disk for anyone anyway): None otherwise."""
        window = self.window
        if (
            self.store is None
            or self.lock_screen is not None
            or self._switching
            or not shiboken6.isValid(window)
            or not window.encrypted
        ):
            return None
        from trustdesk.services import security

        path = self.store.path
        self._reopen_id = window.open_account_id()
        if self._reopen_id is not None:  # typed but not saved: saved, not lost to the lock
            window.workspace.save_edits()
        self.idle.disarm()
        _close_dialogs()
        screen = LockScreen(path)
        screen.unlocked.connect(self._on_unlocked)
        screen.setGeometry(window.geometry())
        self.lock_screen = screen
        if window.isMaximized():  # shown before the window closes: the app goes on
            screen.showMaximized()
        else:
            screen.show()
        window.save_layout()
        window.close()  # its worker finishes what was queued and stops
        self.store.close()
        self.store = None
        security.lock(path)
        window.deleteLater()
        screen.activateWindow()
        screen.entry.field.setFocus()
        log.info("locked")
        return screen

    def _on_unlocked(self) -> None:
        """The passphrase was right: the database opens and the window comes back, on the
        customer that was open."""
        from trustdesk.services import security
        from trustdesk.services.store import open_store

        screen = self.lock_screen
        assert screen is not None
        try:
            store = open_store(screen.path)
        except TrustDeskError as refused:
            security.lock(screen.path)
            screen.show_error(error_text(refused))
            return
        self.store = store
        self.window = self._build()
        if self._reopen_id:
            self.window.open_account(self._reopen_id)
        self.window.show()
        self.lock_screen = None
        screen.close()
        screen.deleteLater()
        self._arm_idle()
        log.info("unlocked")

    def convert(self, conversion: Conversion) -> MainWindow:
        """Turn encryption on or off: close the window and the database, rewrite the file
        (and its backups) behind a busy dialog saying each step, open them again."""
        from trustdesk.services import security
        from trustdesk.services.store import open_store

        assert self.store is not None
        old, path = self.window, self.store.path
        open_id = old.open_account_id()
        if conversion.encrypt:
            title = QCoreApplication.translate("TrustDeskApp", "Turning encryption on…")
            steps = {
                "backup": QCoreApplication.translate("TrustDeskApp", "Making a backup first…"),
                "database": QCoreApplication.translate("TrustDeskApp", "Encrypting the database…"),
                "backups": QCoreApplication.translate("TrustDeskApp", "Encrypting the backups…"),
            }
        else:
            title = QCoreApplication.translate("TrustDeskApp", "Turning encryption off…")
            steps = {
                "backup": QCoreApplication.translate("TrustDeskApp", "Making a backup first…"),
                "database": QCoreApplication.translate("TrustDeskApp", "Decrypting the database…"),
                "backups": QCoreApplication.translate("TrustDeskApp", "Decrypting the backups…"),
            }
        said = [title]

        def progress(step: str) -> None:  # on the conversion's thread: only a string set
            said[0] = steps.get(step, said[0])

        def work() -> None:
            if conversion.encrypt:
                security.encrypt(
                    path, conversion.passphrase, remember=conversion.remember, progress=progress
                )
            else:
                security.decrypt(path, progress=progress)

        self.idle.disarm()
        self._switching = True
        try:
            with _kept_running():
                old.save_layout()
                old.close()  # its worker finishes what was queued and stops
                self.store.close()
                self.store = None
                outcome = run_with_busy_dialog(title, work, status=lambda: said[0])
                self.store = open_store(path)
                self.window = self._build()
                if open_id:
                    self.window.open_account(open_id)
                self.window.show()
        finally:
            self._switching = False
        old.deleteLater()
        bar = self.window.message_bar
        if isinstance(outcome, BaseException):
            if isinstance(outcome, TrustDeskError):
                self.window.show_problem(error_text(outcome))
            else:
                self.window.ops.report_failure(outcome)
        elif conversion.encrypt:
            bar.show_message(
                (
                    QCoreApplication.translate(
                        "TrustDeskApp",
                        "Encryption is on: the database and its backups are encrypted. This "
                        "device remembers the key, so TrustDesk opens without asking; File → "
                        "Lock (Ctrl+Shift+L) locks it. Keep the passphrase safe: if it is "
                        "forgotten, the data cannot be recovered.",
                    )
                    if conversion.remember
                    else QCoreApplication.translate(
                        "TrustDeskApp",
                        "Encryption is on: the database and its backups are encrypted. "
                        "TrustDesk asks for the passphrase when it starts; File → Lock "
                        "(Ctrl+Shift+L) locks it. Keep the passphrase safe: if it is "
                        "forgotten, the data cannot be recovered.",
                    )
                ),
                level="info",
            )
        else:
            bar.show_message(
                QCoreApplication.translate(
                    "TrustDeskApp",
                    "Encryption is off: the database and its backups are stored without "
                    "encryption again.",
                ),
                level="info",
            )
        self._arm_idle()
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


def run_with_busy_dialog(
    title: str, fn: Callable[..., R], *args: Any, status: Callable[[], str] | None = None
) -> R | BaseException:
    """Run file work that must happen with the database closed (a restore) on a thread, with
    a busy dialog, so the screen keeps painting; returns the result or the error. ``status``
    gives the dialog's text as the work goes (read on the GUI thread)."""
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
        if status is not None and (text := status()) != dialog.labelText():
            dialog.setLabelText(text)
    dialog.reset()
    dialog.deleteLater()
    return outcome[0]


def open_or_recover(db_path: Path) -> Store | None:
    """Open the database; if it is damaged, offer the newest backup that verifies instead of
    writing into the damaged file. None when the user declines or there is none."""
    from trustdesk.services.store import open_store

    while True:
        try:
            return open_store(db_path)
        except PassphraseNeededError as needed:  # encrypted: unlocked, or nothing opens
            if not ask_passphrase(needed.path):
                return None
        except DatabaseDamagedError as damaged:
            return recover_damaged(db_path, damaged)


def _restore_asking(db_path: Path, backup: Path, parent: MainWindow | None) -> Any:
    """``maintenance.restore_backup`` behind the busy dialog; an encrypted backup whose key
    is not unlocked (made under another passphrase) asks for its passphrase and goes on.
    The outcome, or the error (the last ``PassphraseNeededError`` if the user gave up)."""
    from trustdesk.services import maintenance

    while True:
        outcome = run_with_busy_dialog(
            QCoreApplication.translate("TrustDeskApp", "Restoring the backup…"),
            maintenance.restore_backup,
            db_path,
            backup,
        )
        if not isinstance(outcome, PassphraseNeededError) or not ask_passphrase(
            outcome.path, parent
        ):
            return outcome


def _first_good_backup(db_path: Path, parent: MainWindow | None) -> BackupInfo | None:
    """The newest backup that verifies; an encrypted one whose key is not unlocked asks for
    its passphrase (None if the user gives up)."""
    from trustdesk.services import maintenance

    while True:
        try:
            return next(iter(maintenance.good_backups(db_path)), None)
        except PassphraseNeededError as needed:
            if not ask_passphrase(needed.path, parent):
                return None


def recover_damaged(
    db_path: Path, damaged: DatabaseDamagedError, parent: MainWindow | None = None
) -> Store | None:
    """Say the database is damaged and offer to restore its newest good backup (the
    damaged file is kept beside it); the store on the restored file, or None when the user
    declines or there is no good backup."""
    from trustdesk.services.store import open_store

    good = _first_good_backup(db_path, parent)
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
    outcome = _restore_asking(db_path, good.path, parent)
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
    elif trustdesk.lock_screen is not None:  # quit while locked: the database is closed
        pass
    elif trustdesk.window.ops.is_open:  # closed by the user before the list could show
        trustdesk.window.ops.store.close()
    else:  # not opened: the user declined to restore a damaged database's backup
        return 1
    return code
