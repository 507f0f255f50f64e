"""Settings → Security (OFF-4): encryption at rest, the passphrase, the keyring, the lock.

Turning encryption on or off rewrites the database file, which cannot happen while the
window has it open: the page only asks (the new passphrase twice, or the passphrase again to
confirm) and hands a ``Conversion`` to the app (through the Settings dialog and the window),
which closes the window and the database, converts the file behind a busy dialog and opens
them again. Changing the passphrase and remembering the key in the OS keyring touch the key
file only, so they run here, off the GUI thread. The minutes before the idle lock are a
setting of this laptop, saved with the language when Settings is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trustdesk.errors import TrustDeskError, WrongPassphraseError
from trustdesk.services import security
from trustdesk.ui.forms import ERROR_STYLE, FieldForm
from trustdesk.ui.i18n import error_text
from trustdesk.ui.lock import PassphraseEntry, lock_minutes, run_off_gui, set_lock_minutes
from trustdesk.ui.ops import Ops

if TYPE_CHECKING:
    from trustdesk.services.security import EncryptionState

MIN_PASSPHRASE = security.MIN_PASSPHRASE
NOTE_STYLE = "color: #555;"
WARNING_STYLE = "color: #8a4b00; font-weight: bold;"


@dataclass(frozen=True, slots=True)
class Conversion:
    """Encryption turned on (``passphrase``, ``remember``) or off, for the app to run with
    the database closed."""

    encrypt: bool
    passphrase: str = ""
    remember: bool = False


def _password_field() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(260)
    return edit


def _note(text: str, style: str = NOTE_STYLE) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


def _show_error(dialog: QDialog, form: FieldForm, field: str, text: str) -> None:
    form.show_error(field, text)
    dialog.adjustSize()  # the sentence's lines get their room


def _new_passphrase_refused(dialog: QDialog, form: FieldForm, new: str, again: str) -> bool:
    """Say beside the fields why a new passphrase (typed twice) is refused; True then."""
    if len(new) < MIN_PASSPHRASE:
        text = QCoreApplication.translate(
            "EncryptDialog", "The passphrase must be at least {0} characters long."
        )
        _show_error(dialog, form, "new", text.format(MIN_PASSPHRASE))
        return True
    if new != again:
        text = QCoreApplication.translate("EncryptDialog", "The two passphrases are not the same.")
        _show_error(dialog, form, "again", text)
        return True
    return False


class EncryptDialog(QDialog):
    """The new passphrase twice, "remember on this device", and the warning that a forgotten
    passphrase cannot be recovered. Accepted with ``passphrase`` and ``remember`` set."""

    def __init__(self, state: EncryptionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Turn encryption on"))
        self.passphrase = ""
        self.remember = False
        self.form = FieldForm()
        self.new = self.form.add("new", self.tr("New passphrase"), _password_field())
        self.again = self.form.add("again", self.tr("Type it again"), _password_field())
        self.remember_check = QCheckBox(self.tr("Remember on this device (OS keyring)"))
        self.remember_check.setObjectName("rememberCheck")
        self.remember_note = _note(
            self.tr(
                "TrustDesk then opens on this computer without asking; a copy of the file "
                "elsewhere, and the lock screen, still need the passphrase."
            )
            if state.keyring_available
            else self.tr(
                "Not available: this computer has no secure keyring, so TrustDesk will ask "
                "for the passphrase when it starts."
            )
        )
        self.remember_check.setEnabled(state.keyring_available)
        warning = _note(
            self.tr(
                "If the passphrase is forgotten, the data cannot be recovered: not by "
                "TrustDesk, not by anyone. Write it down and keep it somewhere safe."
            ),
            WARNING_STYLE,
        )
        warning.setObjectName("forgottenWarning")
        intro = _note(
            self.tr(
                "The database file and its backups will be encrypted: without the passphrase, "
                "a copy of them shows nothing of your customers. A backup is made first."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(
            self.tr("Turn encryption on"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.form)
        column.addWidget(self.remember_check)
        column.addWidget(self.remember_note)
        column.addWidget(warning)
        column.addWidget(buttons)
        self.setMinimumWidth(520)
        self.new.setFocus()

    def accept(self) -> None:
        self.form.clear_errors()
        new, again = self.new.text(), self.again.text()
        if _new_passphrase_refused(self, self.form, new, again):
            return
        self.passphrase = new
        self.remember = self.remember_check.isEnabled() and self.remember_check.isChecked()
        super().accept()


def _check(path: Path, passphrase: str) -> None:
    if not security.check_passphrase(path, passphrase):
        raise WrongPassphraseError.at(path)


class DecryptDialog(QDialog):
    """The passphrase again, to confirm turning encryption off; accepted once it is right."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Turn encryption off"))
        self.entry = PassphraseEntry(lambda text: _check(path, text))
        self.entry.accepted.connect(super().accept)
        warning = _note(
            self.tr(
                "The database file and its backups will be stored without encryption: anyone "
                "who gets a copy of them can read your customers. Type the passphrase to "
                "confirm."
            ),
            WARNING_STYLE,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(
            self.tr("Turn encryption off"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.entry.submit)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(warning)
        column.addWidget(self.entry)
        column.addWidget(buttons)
        self.setMinimumWidth(480)
        self.entry.field.setFocus()


class ChangePassphraseDialog(QDialog):
    """The old passphrase, the new one twice; the key file gets the new one (the data is
    not re-encrypted). Accepted once it is written."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("Change the passphrase"))
        self.form = FieldForm()
        self.old = self.form.add("old", self.tr("Current passphrase"), _password_field())
        self.new = self.form.add("new", self.tr("New passphrase"), _password_field())
        self.again = self.form.add("again", self.tr("Type it again"), _password_field())
        note = _note(
            self.tr(
                "The data is not rewritten: only the key is wrapped anew. The backups in the "
                "backups folder open with the new passphrase too; a copy you made elsewhere "
                "keeps the old one."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(
            self.tr("Change"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.form)
        column.addWidget(note)
        column.addWidget(buttons)
        self.setMinimumWidth(480)
        self.old.setFocus()

    def accept(self) -> None:
        self.form.clear_errors()
        old, new, again = self.old.text(), self.new.text(), self.again.text()
        if not old:
            _show_error(self, self.form, "old", self.tr("Type the current passphrase."))
            return
        if _new_passphrase_refused(self, self.form, new, again):
            return
        self.setEnabled(False)
        try:
            run_off_gui(security.change_passphrase, self.path, old, new)
        except WrongPassphraseError as wrong:
            _show_error(self, self.form, "old", error_text(wrong))
            return
        except TrustDeskError as refused:
            _show_error(self, self.form, "new", error_text(refused))
            return
        finally:
            self.setEnabled(True)
        super().accept()


class SecurityPage(QWidget):
    """Whether the file is encrypted and where its key file is; encryption on or off, the
    passphrase, "remember on this device", and the idle lock's minutes.
    ``conversionRequested(Conversion)`` when the user confirmed turning encryption on or off
    (the Settings dialog closes and the app converts the file)."""

    conversionRequested = Signal(object)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.path = ops.store.path
        self.read_only = ops.store.read_only
        self.state: EncryptionState | None = None

        self.state_label = QLabel()
        self.state_label.setObjectName("encryptionState")
        self.state_label.setWordWrap(True)
        bold = QFont(self.state_label.font())
        bold.setBold(True)
        self.state_label.setFont(bold)
        self.key_label = _note("")
        self.key_label.setObjectName("keyFile")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.encrypt_button = QPushButton(self.tr("Turn encryption on…"))
        self.encrypt_button.setObjectName("encryptButton")
        self.encrypt_button.clicked.connect(self.turn_on)
        self.decrypt_button = QPushButton(self.tr("Turn encryption off…"))
        self.decrypt_button.setObjectName("decryptButton")
        self.decrypt_button.clicked.connect(self.turn_off)
        self.change_button = QPushButton(self.tr("Change passphrase…"))
        self.change_button.setObjectName("changeButton")
        self.change_button.clicked.connect(self.change_passphrase)
        self.remember_check = QCheckBox(self.tr("Remember on this device (OS keyring)"))
        self.remember_check.setObjectName("rememberCheck")
        self.remember_check.toggled.connect(self._on_remember)
        self.reason = _note("")
        self.reason.setObjectName("securityReason")
        self.reason.hide()
        self.result = _note("")
        self.result.setObjectName("securityResult")
        self.result.hide()
        buttons = QHBoxLayout()
        for button in (self.encrypt_button, self.decrypt_button, self.change_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        encryption = QGroupBox(self.tr("Encryption of the database file"))
        box = QVBoxLayout(encryption)
        box.addWidget(self.state_label)
        box.addWidget(self.key_label)
        box.addLayout(buttons)
        box.addWidget(self.remember_check)
        box.addWidget(self.reason)
        box.addWidget(self.result)

        self.minutes = QSpinBox()
        self.minutes.setObjectName("lockMinutes")
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setSpecialValueText(self.tr("Never"))
        self._minutes_loaded = round(lock_minutes())
        self.minutes.setValue(self._minutes_loaded)
        minutes_row = QHBoxLayout()
        minutes_row.addWidget(QLabel(self.tr("Lock after this long without use:")))
        minutes_row.addWidget(self.minutes)
        minutes_row.addStretch(1)
        lock_box = QGroupBox(self.tr("App lock (this computer)"))
        lock_column = QVBoxLayout(lock_box)
        lock_column.addLayout(minutes_row)
        lock_column.addWidget(
            _note(
                self.tr(
                    "Locking closes the database and hides your customers until the "
                    "passphrase is typed again; File → Lock (Ctrl+Shift+L) locks at once. "
                    "It needs encryption to be on. 0 = never."
                )
            )
        )
        column = QVBoxLayout(self)
        column.addWidget(encryption)
        column.addWidget(lock_box)
        column.addStretch(1)
        for widget in (self.encrypt_button, self.decrypt_button, self.change_button):
            widget.setEnabled(False)  # until the state is read
        self.remember_check.setEnabled(False)
        self.refresh()

    def refresh(self) -> None:
        """Read the file's state (the keyring's presence may take a moment: off the GUI)."""
        self.ops.task(security.encryption_state, self.path).success(self.show_state).run(
            self, key="state"
        )

    def show_state(self, state: EncryptionState) -> None:
        self.state = state
        if state.encrypted:
            self.state_label.setText(
                self.tr("{0} is encrypted: a copy of it is unreadable without the passphrase.")
                .format(self.path.name)
            )  # fmt: skip
            self.key_label.setText(
                self.tr(
                    "Key file: {0}\nKeep the key file with the database: when you copy or move "
                    "the database, copy its key file with it, or the copy cannot be opened."
                ).format(state.key_file)
            )
        else:
            self.state_label.setText(
                self.tr(
                    "{0} is not encrypted: anyone who gets a copy of the file can read your "
                    "customers."
                ).format(self.path.name)
            )
            self.key_label.setText(self.tr("Database file: {0}").format(self.path))
        writable = not self.read_only
        self.encrypt_button.setVisible(not state.encrypted)
        self.decrypt_button.setVisible(state.encrypted)
        self.encrypt_button.setEnabled(writable)
        self.decrypt_button.setEnabled(writable)
        self.change_button.setVisible(state.encrypted)
        self.change_button.setEnabled(writable)
        self.remember_check.setVisible(state.encrypted)
        self.remember_check.blockSignals(True)
        self.remember_check.setChecked(state.remembered)
        self.remember_check.blockSignals(False)
        self.remember_check.setEnabled(writable and state.keyring_available)
        reasons = []
        if self.read_only:
            reasons.append(
                self.tr(
                    "The database is read-only here (its file or folder cannot be written), "
                    "so encryption cannot be turned on or off and the key file cannot change."
                )
            )
        if state.encrypted and not state.keyring_available:
            reasons.append(
                self.tr(
                    "This computer has no secure keyring, so the passphrase cannot be "
                    "remembered on it: TrustDesk asks for it when it starts."
                )
            )
        self.reason.setText("\n".join(reasons))
        self.reason.setVisible(bool(reasons))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.result.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
        self.result.setText(text)
        self.result.show()

    def turn_on(self) -> None:
        if self.state is None or self.state.encrypted or self.read_only:
            return
        dialog = EncryptDialog(self.state, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.conversionRequested.emit(Conversion(True, dialog.passphrase, dialog.remember))
        dialog.deleteLater()

    def turn_off(self) -> None:
        if self.state is None or not self.state.encrypted or self.read_only:
            return
        dialog = DecryptDialog(self.path, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.conversionRequested.emit(Conversion(False))
        dialog.deleteLater()

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.path, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._say(self.tr("The passphrase was changed."))
        dialog.deleteLater()

    def _on_remember(self, on: bool) -> None:
        self.remember_check.setEnabled(False)

        def done(_result: object) -> None:
            self._say(
                self.tr("The key is remembered on this device: TrustDesk opens without asking.")
                if on
                else self.tr("The key is no longer remembered: TrustDesk asks when it starts.")
            )
            self.refresh()

        def refused(error: BaseException) -> None:
            if not isinstance(error, TrustDeskError):
                self.ops.report_failure(error)
            else:
                self._say(error_text(error), error=True)
            self.refresh()

        self.ops.task(security.set_remembered, self.path, on).success(done).failure(refused).run(
            self
        )

    def save(self) -> None:
        """Keep the idle lock's minutes (Settings accepted), when they were changed."""
        if self.minutes.value() != self._minutes_loaded:
            set_lock_minutes(self.minutes.value())
