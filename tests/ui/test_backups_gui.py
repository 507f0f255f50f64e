"""Backups from the window: the daily copy, File → Restore from backup…, a damaged file."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from trustdesk.services import accounts, maintenance
from trustdesk.services.store import open_store
from trustdesk.ui.app import TrustDeskApp, open_or_recover
from trustdesk.ui.customers.model import COLUMN_OF

from .helpers import settle, when_modal


@pytest.fixture
def app(qtbot, tmp_path, english):
    store = open_store(tmp_path / "live.sqlite3")
    acc = store.write(accounts.create_account, "深圳华科电子有限公司", region="深圳")
    trustdesk = TrustDeskApp(store, "en")
    # not handed to qtbot: a restore replaces the window and deletes the old one itself
    trustdesk.window.show()
    settle(trustdesk.window)
    yield trustdesk, acc
    trustdesk.window.close()
    trustdesk.store.close()


def kinds(path):
    return [b.kind for b in maintenance.list_backups(path)]


def test_the_daily_backup_is_made_once_a_day(app):
    trustdesk, _ = app
    trustdesk.backup_daily()
    settle(trustdesk.window)
    trustdesk.backup_daily()
    settle(trustdesk.window)
    assert kinds(trustdesk.store.path) == ["daily"]


def test_restore_from_the_file_menu_brings_back_the_backup_and_keeps_the_current_file(qtbot, app):
    trustdesk, acc = app
    path = trustdesk.store.path
    maintenance.make_backup(path, "manual")
    trustdesk.window.ops.write(accounts.update_account, acc.id, region="广州").run()
    settle(trustdesk.window)
    assert trustdesk.store.read(accounts.get_account, acc.id).region == "广州"

    seen = []

    def choose(dialog):
        seen.append([dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())])
        dialog.accept()  # the newest, selected: the backup just made

    done = when_modal(qtbot, choose)
    old = trustdesk.window
    old.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(done) and trustdesk.window is not old, timeout=20_000)
    window = trustdesk.window
    qtbot.addWidget(window)
    settle(window)
    assert seen == [["Made by hand"]]
    assert trustdesk.store.read(accounts.get_account, acc.id).region == "深圳"
    assert "Restored the backup" in window.message_bar.text()
    assert "pre-restore" in kinds(path), "the database as it was is kept"
    row = window.customers.model.row_of(acc.id)
    assert window.customers.model.index(row, COLUMN_OF["region"]).data() == "深圳"


def test_a_damaged_database_offers_the_newest_good_backup(qtbot, tmp_path, monkeypatch, english):
    path = tmp_path / "live.sqlite3"
    store = open_store(path)
    for n in range(300):
        store.write(accounts.create_account, f"客户{n:03d}", notes="x" * 400)
    store.close()
    maintenance.make_backup(path, "manual")
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 3, len(data) - page, page * 2):  # garble every other page
        data[start + 100 : start + 900] = b"\xa5" * 800
    path.write_bytes(bytes(data))
    asked = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes
    )
    recovered = open_or_recover(path)
    assert recovered is not None and asked
    try:
        assert recovered.read(accounts.count_accounts) == 300
    finally:
        recovered.close()
    assert "pre-restore" in kinds(path), "the damaged file is kept beside it"
