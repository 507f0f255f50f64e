"""What the window shows when the database cannot do its part: a sentence, and nothing lost."""

from __future__ import annotations

import sqlite3

import pytest

from trustdesk.services import accounts
from trustdesk.services.store import open_store
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.main_window import MainWindow

from .helpers import settle


@pytest.fixture
def impatient_window(qtbot, tmp_path, monkeypatch, english):
    """A window whose writer gives up after 100 ms instead of 5 s (the test need not wait)."""
    monkeypatch.setattr("trustdesk.db.engine.BUSY_TIMEOUT_MS", 100)
    store = open_store(tmp_path / "busy.sqlite3")
    acc = store.write(accounts.create_account, "深圳华科电子有限公司", region="深圳")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    settle(window)
    yield window, acc
    window.close()
    store.close()


def test_a_save_while_another_program_writes_says_so_and_keeps_the_edit(impatient_window):
    window, acc = impatient_window
    window.open_account(acc.id)
    settle(window)
    overview = window.workspace.tab(OverviewTab)
    overview.form.editors["region"].setText("广州")
    other = sqlite3.connect(window.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        window.save_action.trigger()
        settle(window)
    finally:
        other.rollback()
        other.close()
    assert window.message_bar.isVisible()
    assert "Another program is writing to the database" in window.message_bar.text()
    assert overview.form.editors["region"].text() == "广州", "the user's edit is still there"
    assert window.store.read(accounts.get_account, acc.id).region == "深圳"
    # Once the other program is done, saving again works and the bar can be closed.
    window.save_action.trigger()
    settle(window)
    assert window.store.read(accounts.get_account, acc.id).region == "广州"
    window.message_bar.close_button.click()
    assert not window.message_bar.isVisible()
