"""The passphrase at start, the lock screen and the idle lock (OFF-4).

An encrypted database opens only with its key: at start the app asks for the passphrase
(``PassphraseDialog``) when neither this process nor the OS keyring has the key. Locking the
app (File → Lock, Ctrl+Shift+L, or no keyboard or mouse input for the minutes set in Settings
→ Security) closes the window and its database and forgets the key; the ``LockScreen`` shows
no customer data, and only the passphrase opens it again: a key remembered by the keyring
opens the file at start, never a locked window.

This module loads Qt only; the key work (``services.security``: scrypt, SQLCipher) is
imported when first used and runs off the GUI thread (scrypt takes ~0.4 s), so the window
keeps painting while a passphrase is checked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trustdesk.errors import TrustDeskError
from trustdesk.ui.i18n import error_text, settings

R = TypeVar("R")

LOCK_MINUTES_KEY = "security/lock_minutes"
DEFAULT_LOCK_MINUTES = 10
ERROR_STYLE = "color: #b3261e;"

# The input that counts as "in use": a key, a click, the mouse moving, the wheel, a touch.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def lock_minutes() -> float:
    """Minutes without input before the app locks (a setting of this laptop); 0: never.
    Whole minutes in Settings; a fraction is read as it is (tests)."""
    value = settings().value(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)
    try:
        minutes = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES
    return max(minutes, 0.0)


def set_lock_minutes(minutes: float) -> None:
    s = settings()
    s.setValue(LOCK_MINUTES_KEY, minutes)
    s.sync()


def run_off_gui(fn: Callable[..., R], *args: object) -> R:
    """Run ``fn(*args)`` on a thread while the GUI keeps painting; its result, or its error
    raised here. For short key work (a passphrase checked) that has no database worker: at
    start and on the lock screen the database is not open."""
    outcome: list[tuple[bool, object]] = []

    def work() -> None:
        try:
            outcome.append((True, fn(*args)))
        except BaseException as exc:  # raised again on the GUI thread
            outcome.append((False, exc))

    thread = threading.Thread(target=work, name="trustdesk-key")
    thread.start()
    while thread.is_alive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 30)
        thread.join(0.01)
    ok, value = outcome[0]
    if not ok:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]


def _unlock(path: Path, passphrase: str) -> None:
    from trustdesk.services import security

    security.unlock(path, passphrase)


class PassphraseEntry(QWidget):
    """The passphrase field, the sentence of a refusal under it, and the check: ``attempt``
    runs with what was typed, off the GUI thread; a ``TrustDeskError`` (a wrong passphrase, a
    missing key file) is shown under the field and the user tries again. ``accepted`` once it
    did not raise."""

    accepted = Signal()

    def __init__(
        self,
        attempt: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.field = QLineEdit()
        self.field.setObjectName("passphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(self.tr("Passphrase"))
        self.field.setMinimumWidth(280)
        self.field.returnPressed.connect(self.submit)
        self.error = QLabel()
        self.error.setObjectName("passphraseError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.field)
        column.addWidget(self.error)
        self.checking = False

    def submit(self) -> None:
        text = self.field.text()
        if self.checking:
            return
        if not text:
            self.show_error(self.tr("Type the passphrase."))
            return
        self.checking = True
        top = self.window()
        top.setEnabled(False)
        try:
            run_off_gui(self._attempt, text)
        except TrustDeskError as refused:
            self.show_error(error_text(refused))
            return
        finally:
            self.checking = False
            top.setEnabled(True)
        self.error.hide()
        self.field.clear()
        self.accepted.emit()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        top = self.window()
        if isinstance(top, QDialog):  # the sentence's lines get their room
            top.adjustSize()
        self.field.selectAll()
        self.field.setFocus()


class PassphraseDialog(QDialog):
    """ "<file> is encrypted": the passphrase, Unlock or Quit. Accepted once the passphrase
    unlocked ``path`` (its key is then in this process's memory); a wrong one is said inside
    the dialog, which stays."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("TrustDesk — Passphrase"))
        self.setModal(True)
        self.entry = PassphraseEntry(lambda text: _unlock(path, text))
        self.entry.accepted.connect(self.accept)
        title = QLabel(self.tr("{0} is encrypted.").format(path.name))
        title.setObjectName("passphraseTitle")
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        title.setWordWrap(True)
        hint = QLabel(self.tr("Enter its passphrase to open it."))
        hint.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.entry.submit)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setObjectName("quitButton")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        column = QVBoxLayout(self)
        column.addWidget(title)
        column.addWidget(hint)
        column.addWidget(self.entry)
        column.addLayout(buttons)
        self.setMinimumWidth(440)
        self.entry.field.setFocus()


def ask_passphrase(path: Path, parent: QWidget | None = None) -> bool:
    """Ask for ``path``'s passphrase until it unlocks the file (True) or the user quits."""
    dialog = PassphraseDialog(path, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


class LockScreen(QWidget):
    """The locked app: TrustDesk, "Locked", the file's name, the passphrase, Unlock and
    Quit. It shows nothing of the customers (the database is closed behind it).
    ``unlocked()`` once the passphrase opened the key file again (the app then reopens the
    database and the window); closing it quits the app."""

    unlocked = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setObjectName("lockScreen")
        self.setWindowTitle(self.tr("TrustDesk — Locked"))
        self.entry = PassphraseEntry(lambda text: _unlock(path, text))
        self.entry.accepted.connect(self.unlocked)
        name = QLabel("TrustDesk")
        name.setObjectName("lockName")
        big = QFont(name.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        name.setFont(big)
        locked = QLabel(self.tr("Locked"))
        locked.setObjectName("lockState")
        middle = QFont(locked.font())
        middle.setPointSizeF(middle.pointSizeF() * 1.4)
        locked.setFont(middle)
        file_label = QLabel(path.name)
        file_label.setObjectName("lockFile")
        file_label.setStyleSheet("color: #555;")
        hint = QLabel(self.tr("The database is closed. Enter the passphrase to open it again."))
        hint.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.entry.submit)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setObjectName("quitButton")
        self.quit_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        card = QWidget()
        card.setObjectName("lockCard")
        card.setMaximumWidth(420)
        column = QVBoxLayout(card)
        column.setSpacing(10)
        for label in (name, locked, file_label):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
        column.addSpacing(12)
        column.addWidget(hint)
        column.addWidget(self.entry)
        column.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)
        self.entry.field.setFocus()

    def show_error(self, text: str) -> None:
        self.entry.show_error(text)


class IdleLock(QObject):
    """Says ``idle()`` after the minutes of Settings → Security without keyboard or mouse
    input anywhere in the app. An application event filter restarts the timer on each input;
    it is installed only while the lock is armed (an encrypted database, minutes > 0), so a
    plain database pays nothing for it."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._interval = DEFAULT_LOCK_MINUTES * 60_000
        self._filtering = False

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def arm(self) -> None:
        """Start counting (again) with the minutes set now; 0 minutes: never."""
        minutes = lock_minutes()
        if minutes <= 0:
            self.disarm()
            return
        self._interval = max(int(minutes * 60_000), 50)
        self._timer.start(self._interval)
        app = QApplication.instance()
        if not self._filtering and app is not None:
            app.installEventFilter(self)
            self._filtering = True

    def disarm(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if self._filtering and app is not None:
            app.removeEventFilter(self)
        self._filtering = False

    def postpone(self, ms: int) -> None:
        """Try again in ``ms`` (work was still running when the time came)."""
        self._timer.start(ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start(self._interval)
        return False
