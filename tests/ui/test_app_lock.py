"""Encryption at rest and the app lock from the window (OFF-4): the passphrase at start, the
lock screen (Ctrl+Shift+L, idle), and Settings → Security turning encryption on and off."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import keyring
import pytest
import shiboken6
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from trustdesk.db import keys
from trustdesk.demo.generator import generate
from trustdesk.errors import PassphraseNeededError
from trustdesk.services import accounts, security
from trustdesk.services.store import open_store
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.app import TrustDeskApp, open_or_recover
from trustdesk.ui.lock import LockScreen, PassphraseDialog, set_lock_minutes
from trustdesk.ui.security_page import ChangePassphraseDialog, DecryptDialog, EncryptDialog
from trustdesk.ui.settings_dialog import SettingsDialog

from .conftest import delete_closed_widgets
from .helpers import settle

PASSPHRASE = "correct horse battery"
NEW_PASSPHRASE = "staple in the drawer"


class MemoryKeyring(KeyringBackend):
    """A secure OS keyring, in memory."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def fast_keys(monkeypatch):
    """scrypt at a test's cost; no key left unlocked for the next test; no OS keyring."""
    monkeypatch.setattr(keys, "SCRYPT_N", 2**14)
    monkeypatch.delenv(security.PASSPHRASE_VARIABLE, raising=False)
    before = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(before)
    keys.forget_all()


@pytest.fixture
def memory_keyring():
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    return ring


def _demo(path, *, encrypted=True, remember=False):
    """A small demo database (encrypted with PASSPHRASE, its key forgotten); its names."""
    store = open_store(path)
    store.write(generate, 6, seed=2, contacts_per_account=(1, 2), history=False, showcase=False)
    names = [row.name for row in store.read(accounts.list_accounts, limit=50).rows]
    store.close()
    if encrypted:
        security.encrypt(path, PASSPHRASE, remember=remember)
        security.lock(path)
    return names


def _starting(qtbot, path):
    trustdesk = TrustDeskApp(None, "en", path=path)
    qtbot.addWidget(trustdesk.window)
    trustdesk.window.show()
    trustdesk.open_after_paint()
    return trustdesk


def _when_shown(qtbot, kind, action):
    """Run ``action(widget)`` once a visible top-level ``kind`` shows (a modal dialog
    runs its own loop: the action runs from a timer inside it)."""
    from PySide6.QtCore import QTimer

    done = []

    def poll():
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not found:
            QTimer.singleShot(10, poll)
            return
        done.append(found[0])
        try:
            action(found[0])
        except BaseException as exc:  # a failed check must not leave the modal loop running
            done.append(exc)
            found[0].close()
            raise

    QTimer.singleShot(0, poll)
    return done


def _type_and_unlock(widget, text):
    widget.entry.field.setText(text)
    widget.unlock_button.click()


def _shown_texts() -> str:
    """Every text a user could see in the app's visible windows: labels, fields, titles,
    and every cell of every list and table."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        texts.append(top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, (QLabel, QLineEdit)):
                texts.append(widget.text())
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                try:
                    columns = model.columnCount()
                except TypeError:  # a list model: one column
                    columns = 1
                for row in range(model.rowCount()):
                    for column in range(columns):
                        texts.append(str(model.index(row, column).data() or ""))
    return "\n".join(texts)


def _open_app(qtbot, path):
    """The app on an unlocked encrypted database, its window shown and settled."""
    security.unlock(path, PASSPHRASE)
    trustdesk = TrustDeskApp(open_store(path), "en")
    trustdesk.window.show()
    settle(trustdesk.window)
    return trustdesk


def _close(trustdesk):
    if trustdesk.lock_screen is not None:
        trustdesk.lock_screen.close()
    trustdesk.idle.disarm()
    if shiboken6.isValid(trustdesk.window):
        trustdesk.window.close()
    if trustdesk.store is not None:
        trustdesk.store.close()
    delete_closed_widgets()


# --- the passphrase at start ------------------------------------------------------------


def test_an_encrypted_database_asks_its_passphrase_over_the_window_and_a_wrong_one_is_said(
    qtbot, tmp_path, english
):
    path = tmp_path / "live.sqlite3"
    names = _demo(path)
    seen = {}

    def answer(dialog):
        seen["title"] = dialog.windowTitle()
        seen["echo"] = dialog.entry.field.echoMode()
        seen["text"] = _shown_texts()
        _type_and_unlock(dialog, "not the passphrase")
        seen["error"] = dialog.entry.error.text() if dialog.entry.error.isVisible() else ""
        seen["still_open"] = dialog.isVisible()
        _type_and_unlock(dialog, PASSPHRASE)

    done = _when_shown(qtbot, PassphraseDialog, answer)
    trustdesk = _starting(qtbot, path)
    window = trustdesk.window
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert "live.sqlite3 is encrypted" in seen["text"]
    assert seen["echo"] == QLineEdit.EchoMode.Password
    assert seen["error"].startswith("Wrong passphrase")
    assert seen["still_open"], "a wrong passphrase leaves the dialog open to try again"
    qtbot.waitUntil(lambda: window.attached and window.customers.model.rowCount() == len(names))
    settle(window)
    assert window.customers.model.index(0, 0).data() in names
    assert window.lock_action.isEnabled()
    _close(trustdesk)


def test_quitting_at_the_passphrase_ends_the_app_without_an_error(qtbot, tmp_path, english):
    path = tmp_path / "live.sqlite3"
    _demo(path)
    done = _when_shown(qtbot, PassphraseDialog, lambda dialog: dialog.quit_button.click())
    trustdesk = _starting(qtbot, path)
    qtbot.waitUntil(lambda: bool(done) and not trustdesk.window.isVisible(), timeout=10_000)
    assert trustdesk.store is None and trustdesk.failed is None


def test_the_passphrase_in_the_environment_opens_without_asking(
    qtbot, tmp_path, english, monkeypatch
):
    path = tmp_path / "live.sqlite3"
    names = _demo(path)
    monkeypatch.setenv(security.PASSPHRASE_VARIABLE, PASSPHRASE)
    asked = []
    monkeypatch.setattr(PassphraseDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    trustdesk = _starting(qtbot, path)
    window = trustdesk.window
    qtbot.waitUntil(lambda: window.attached, timeout=10_000)
    qtbot.waitUntil(lambda: window.customers.model.rowCount() == len(names))
    assert asked == []
    _close(trustdesk)


def test_open_or_recover_asks_the_passphrase(qtbot, tmp_path, english):
    path = tmp_path / "live.sqlite3"
    names = _demo(path)
    done = _when_shown(qtbot, PassphraseDialog, lambda d: _type_and_unlock(d, PASSPHRASE))
    store = open_or_recover(path)
    assert done and store is not None
    assert len(store.read(accounts.list_accounts, limit=50).rows) == len(names)
    store.close()


# --- the lock -----------------------------------------------------------------------------


def test_ctrl_shift_l_locks_hiding_every_customer_and_the_passphrase_brings_them_back(
    qtbot, tmp_path, english
):
    path = tmp_path / "live.sqlite3"
    names = _demo(path)
    trustdesk = _open_app(qtbot, path)
    window = trustdesk.window
    opened = window.customers.model.account_id(1)
    window.open_account(opened)
    settle(window)
    assert any(name in _shown_texts() for name in names)
    action = window.lock_action
    assert action.shortcut().toString() == "Ctrl+Shift+L" and action.isEnabled()
    assert action in window.menuBar().actions()[0].menu().actions()  # File → Lock

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    screen = trustdesk.lock_screen
    assert isinstance(screen, LockScreen) and screen.isVisible()
    assert not window.isVisible() and trustdesk.store is None
    delete_closed_widgets()
    shown = _shown_texts()
    assert "Locked" in shown and "live.sqlite3" in shown
    assert [name for name in names if name in shown] == []
    assert keys.unlocked_key(path) is None, "the key is forgotten"
    with pytest.raises(PassphraseNeededError):
        open_store(path)

    _type_and_unlock(screen, "not the passphrase")
    assert screen.entry.error.text().startswith("Wrong passphrase")
    assert trustdesk.lock_screen is screen and screen.isVisible()
    _type_and_unlock(screen, PASSPHRASE)
    assert trustdesk.lock_screen is None and not screen.isVisible()
    window = trustdesk.window
    settle(window)
    assert window.isVisible() and window.customers.model.rowCount() == len(names)
    assert window.workspace.isVisible() and window.workspace.account_id == opened
    _close(trustdesk)


def test_notes_typed_but_not_saved_are_saved_when_the_window_locks(qtbot, tmp_path, english):
    path = tmp_path / "live.sqlite3"
    _demo(path)
    trustdesk = _open_app(qtbot, path)
    window = trustdesk.window
    opened = window.customers.model.account_id(0)
    window.open_account(opened)
    settle(window)
    overview = window.workspace.tab(OverviewTab)
    assert not overview.has_edits()
    overview.form.editors["notes"].setPlainText("下周三带样品去拜访")
    assert overview.has_edits()
    screen = trustdesk.lock()
    assert screen is not None
    security.unlock(path, PASSPHRASE)
    store = open_store(path)
    assert store.read(accounts.get_account, opened).notes == "下周三带样品去拜访"
    store.close()
    _type_and_unlock(screen, PASSPHRASE)
    settle(trustdesk.window)
    _close(trustdesk)


def test_a_key_remembered_by_the_keyring_does_not_open_the_lock_screen(
    qtbot, tmp_path, english, memory_keyring
):
    path = tmp_path / "live.sqlite3"
    _demo(path, remember=True)
    assert not security.needs_passphrase(path), "the keyring opens it at start"
    trustdesk = _open_app(qtbot, path)
    screen = trustdesk.lock()
    assert screen is not None
    screen.unlock_button.click()  # nothing typed
    assert screen.entry.error.text() == "Type the passphrase."
    _type_and_unlock(screen, "not the passphrase")
    assert trustdesk.lock_screen is screen, "only the passphrase unlocks a locked window"
    _type_and_unlock(screen, PASSPHRASE)
    assert trustdesk.lock_screen is None
    settle(trustdesk.window)
    _close(trustdesk)


def test_the_app_locks_after_the_idle_time_set_in_settings(qtbot, tmp_path, english):
    path = tmp_path / "live.sqlite3"
    _demo(path)
    set_lock_minutes(0.004)  # about a quarter of a second
    trustdesk = _open_app(qtbot, path)
    assert trustdesk.idle.armed
    qtbot.waitUntil(lambda: trustdesk.lock_screen is not None, timeout=5_000)
    assert trustdesk.store is None and keys.unlocked_key(path) is None
    _type_and_unlock(trustdesk.lock_screen, PASSPHRASE)
    settle(trustdesk.window)
    assert trustdesk.idle.armed, "counting again once unlocked"
    _close(trustdesk)


def test_the_idle_lock_closes_a_dialog_open_over_the_window(qtbot, tmp_path, english):
    """A dialog left open (here: About) must not keep showing over the lock screen, nor
    crash once its window is gone."""
    path = tmp_path / "live.sqlite3"
    names = _demo(path)
    trustdesk = _open_app(qtbot, path)
    set_lock_minutes(0.004)
    trustdesk.window.settingsSaved.emit()  # Settings accepted: the minutes read again
    seen = {}

    def wait_for_the_lock(box):
        seen["before"] = box.isVisible()
        qtbot.waitUntil(lambda: trustdesk.lock_screen is not None, timeout=5_000)

    done = _when_shown(qtbot, QMessageBox, wait_for_the_lock)
    trustdesk.window.about()
    assert done and seen["before"]
    assert not shiboken6.isValid(done[0]) or not done[0].isVisible()
    delete_closed_widgets()
    shown = _shown_texts()
    assert "Locked" in shown and not [name for name in names if name in shown]
    _close(trustdesk)


def test_input_puts_the_idle_lock_off_and_zero_minutes_never_locks(qtbot, tmp_path, english):
    path = tmp_path / "live.sqlite3"
    _demo(path)
    set_lock_minutes(0.01)  # 600 ms
    trustdesk = _open_app(qtbot, path)
    window = trustdesk.window
    for _ in range(8):  # typing for 1.2 s, a key every 150 ms
        qtbot.keyClick(window.customers.table, Qt.Key.Key_Down)
        qtbot.wait(150)
    assert trustdesk.lock_screen is None
    set_lock_minutes(0)
    window.settingsSaved.emit()
    assert not trustdesk.idle.armed
    qtbot.wait(800)
    assert trustdesk.lock_screen is None
    _close(trustdesk)


def test_a_plain_database_does_not_lock(qtbot, tmp_path, english):
    path = tmp_path / "live.sqlite3"
    _demo(path, encrypted=False)
    set_lock_minutes(0.004)
    trustdesk = TrustDeskApp(open_store(path), "en")
    window = trustdesk.window
    window.show()
    settle(window)
    assert not window.lock_action.isEnabled()
    assert "turn encryption on" in window.lock_action.toolTip()
    assert not trustdesk.idle.armed
    window.lock_action.trigger()
    qtbot.wait(300)
    assert trustdesk.lock_screen is None and trustdesk.lock() is None
    _close(trustdesk)


# --- Settings → Security ------------------------------------------------------------------


def _settings(qtbot, trustdesk, action):
    """Settings on the Security tab, ``action(page)`` once its state is read."""

    def run(dialog):
        page = dialog.security
        qtbot.waitUntil(lambda: page.state is not None)
        action(page)

    done = _when_shown(qtbot, SettingsDialog, run)
    trustdesk.window.settings_on("security")
    assert done


def test_settings_turns_encryption_on_changes_the_passphrase_and_turns_it_off(
    qtbot, tmp_path, english
):
    path = tmp_path / "live.sqlite3"
    names = _demo(path, encrypted=False)
    trustdesk = TrustDeskApp(open_store(path), "en")
    trustdesk.window.show()
    settle(trustdesk.window)
    said = {}

    # On: the passphrase twice (too short, then not the same, then right).
    def encrypt_dialog(dialog):
        said["remember_enabled"] = dialog.remember_check.isEnabled()
        said["warning"] = dialog.findChild(QLabel, "forgottenWarning").text()
        dialog.new.setText("short")
        dialog.again.setText("short")
        dialog.ok_button.click()
        said["short"] = dialog.form.error_text("new")
        dialog.new.setText(PASSPHRASE)
        dialog.again.setText(PASSPHRASE + "!")
        dialog.ok_button.click()
        said["mismatch"] = dialog.form.error_text("again")
        dialog.again.setText(PASSPHRASE)
        dialog.ok_button.click()

    def turn_on(page):
        said["state"] = page.state_label.text()
        _when_shown(qtbot, EncryptDialog, encrypt_dialog)
        page.encrypt_button.click()

    _settings(qtbot, trustdesk, turn_on)
    window = trustdesk.window
    settle(window)
    assert "is not encrypted" in said["state"]
    assert said["remember_enabled"] is False  # no secure keyring here
    assert "cannot be recovered" in said["warning"]
    assert "at least 8 characters" in said["short"]
    assert said["mismatch"] == "The two passphrases are not the same."
    assert window.message_bar.text().startswith("Encryption is on")
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert not any(name.encode() in data for name in names)
    assert window.customers.model.rowCount() == len(names) and window.lock_action.isEnabled()

    # The page says so, and where the key file is; the passphrase changes.
    def change_dialog(dialog):
        dialog.old.setText("not the passphrase")
        dialog.new.setText(NEW_PASSPHRASE)
        dialog.again.setText(NEW_PASSPHRASE)
        dialog.ok_button.click()
        said["wrong_old"] = dialog.form.error_text("old")
        dialog.old.setText(PASSPHRASE)
        dialog.ok_button.click()

    def change(page):
        said["state"] = page.state_label.text()
        said["key"] = page.key_label.text()
        _when_shown(qtbot, ChangePassphraseDialog, change_dialog)
        page.change_button.click()
        said["changed"] = page.result.text()
        page.window().reject()

    _settings(qtbot, trustdesk, change)
    assert "is encrypted" in said["state"]
    assert f"{path}.key" in said["key"] and "Keep the key file with the database" in said["key"]
    assert said["wrong_old"].startswith("Wrong passphrase")
    assert said["changed"] == "The passphrase was changed."
    assert security.check_passphrase(path, NEW_PASSPHRASE)
    assert not security.check_passphrase(path, PASSPHRASE)

    # Off: the passphrase again to confirm (the old one no longer does).
    def decrypt_dialog(dialog):
        dialog.entry.field.setText(PASSPHRASE)
        dialog.ok_button.click()
        said["wrong"] = dialog.entry.error.text()
        dialog.entry.field.setText(NEW_PASSPHRASE)
        dialog.ok_button.click()

    def turn_off(page):
        _when_shown(qtbot, DecryptDialog, decrypt_dialog)
        page.decrypt_button.click()

    _settings(qtbot, trustdesk, turn_off)
    window = trustdesk.window
    settle(window)
    assert said["wrong"].startswith("Wrong passphrase")
    assert window.message_bar.text().startswith("Encryption is off")
    assert not window.lock_action.isEnabled()
    with closing(sqlite3.connect(path)) as conn:
        stored = {row[0] for row in conn.execute("SELECT name FROM account")}
    assert set(names) <= stored
    assert not keys.key_file_of(path).exists()
    _close(trustdesk)


def test_remember_on_this_device_uses_the_keyring(qtbot, tmp_path, english, memory_keyring):
    path = tmp_path / "live.sqlite3"
    _demo(path)
    trustdesk = _open_app(qtbot, path)

    def remember(page):
        assert page.remember_check.isEnabled() and not page.remember_check.isChecked()
        page.remember_check.setChecked(True)
        qtbot.waitUntil(lambda: page.state is not None and page.state.remembered)
        page.window().reject()

    _settings(qtbot, trustdesk, remember)
    keys.forget(path)
    assert not security.needs_passphrase(path), "this device opens it without asking"
    assert memory_keyring.secrets
    _close(trustdesk)


def test_read_only_database_cannot_turn_encryption_on(qtbot, tmp_path, english, monkeypatch):
    path = tmp_path / "live.sqlite3"
    _demo(path, encrypted=False)
    trustdesk = TrustDeskApp(open_store(path), "en")
    trustdesk.window.show()
    settle(trustdesk.window)
    monkeypatch.setattr(type(trustdesk.store), "read_only", property(lambda _store: True))
    said = {}

    def look(page):
        said["enabled"] = page.encrypt_button.isEnabled()
        said["reason"] = page.reason.text() if page.reason.isVisible() else ""
        page.window().reject()

    _settings(qtbot, trustdesk, look)
    assert said["enabled"] is False and "read-only" in said["reason"]
    _close(trustdesk)
