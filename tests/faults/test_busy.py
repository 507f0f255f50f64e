"""A writer that waits longer than the busy timeout gets a sentence, never SQL or values."""

from __future__ import annotations

import sqlite3

import pytest

from trustdesk.db import engine
from trustdesk.errors import StorageError
from trustdesk.services import accounts
from trustdesk.services.store import open_store


def test_busy_after_the_timeout_is_a_sentence(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "busy.sqlite3"
    store = open_store(path)
    store.write(accounts.create_account, "已保存")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StorageError) as busy:
            store.write(accounts.create_account, "李四 13900001111")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert busy.value.kind == "busy"
    assert str(busy.value).startswith("Another program is writing to the database")
    shown = str(busy.value) + busy.value.zh + caplog.text
    assert "李四" not in shown and "13900001111" not in shown and "INSERT" not in shown
    assert store.read(accounts.count_accounts) == 1
    store.write(accounts.create_account, "李四")  # the lock is free again: it saves
    assert store.read(accounts.count_accounts) == 2
    store.close()
