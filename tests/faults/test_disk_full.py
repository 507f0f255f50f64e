"""A full disk: the write that does not fit is refused whole, with a sentence; nothing else
is lost. Simulated with SQLite's ``max_page_count`` (the file may not grow)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from trustdesk.errors import StorageError
from trustdesk.services import accounts
from trustdesk.services.store import open_store


def test_write_that_does_not_fit_is_refused_and_nothing_is_lost(tmp_path, caplog):
    path = tmp_path / "full.sqlite3"
    store = open_store(path)
    for i in range(50):
        store.write(accounts.create_account, f"客户{i:02d}")
    with sqlite3.connect(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]

    engine = store._db.engine  # the disk "fills up": no connection may grow the file
    engine.dispose()
    event.listen(engine, "connect", lambda conn, _r: conn.execute(f"PRAGMA max_page_count={pages}"))
    secret = "王秘密 13812345678 " + "家庭备注" * 4_000
    with pytest.raises(StorageError) as full:
        store.write(accounts.create_account, "大客户", notes=secret)
    assert full.value.kind == "full"
    assert str(full.value).startswith("The disk is full; nothing was changed.")
    assert "磁盘已满" in full.value.zh
    assert "王秘密" not in str(full.value) + full.value.zh + caplog.text
    assert "INSERT" not in str(full.value) + caplog.text
    store.close()

    store = open_store(path)
    assert store.read(accounts.count_accounts) == 50  # every earlier row, nothing half-written
    store.write(accounts.create_account, "大客户", notes=secret)  # space is back: it fits
    assert store.read(accounts.count_accounts) == 51
    store.close()
