"""Start-up paints first: the window's frame is on the screen before the database opens, and
a database that cannot be opened is still said, over that window."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from trustdesk.cli import nouns_for
from trustdesk.errors import DatabaseFileError
from trustdesk.services import accounts, maintenance
from trustdesk.services.store import open_store
from trustdesk.ui.app import TrustDeskApp

from .helpers import settle


def _database(path, customers=3):
    store = open_store(path)
    for n in range(customers):
        store.write(accounts.create_account, f"客户{n:03d}", notes="x" * 400)
    store.close()
    return path


def _starting(qtbot, path):
    trustdesk = TrustDeskApp(None, "en", path=path)
    qtbot.addWidget(trustdesk.window)
    trustdesk.window.show()
    trustdesk.open_after_paint()
    return trustdesk


def test_the_window_paints_saying_loading_then_the_customers_show(qtbot, tmp_path, english):
    trustdesk = _starting(qtbot, _database(tmp_path / "live.sqlite3"))
    window = trustdesk.window
    assert not window.attached and window.loading.label.text() == "Loading customers…"
    assert not window.new_action.isEnabled() and not window.find_action.isEnabled()
    qtbot.waitUntil(lambda: window.loading.was_painted)
    qtbot.waitUntil(lambda: window.attached and window.customers.model.rowCount() == 3)
    assert window.customers.model.index(0, 0).data() == "客户000"
    assert window.count_label.text() == "3 customers"
    assert window.new_action.isEnabled() and window.find_action.isEnabled()
    settle(window)
    window.open_account(window.customers.model.account_id(1))  # the workspace is there too
    settle(window)
    assert window.workspace.isVisible() and window.close_action.isEnabled()
    window.close()
    trustdesk.store.close()


def test_a_newer_schema_is_said_over_the_painted_window(qtbot, tmp_path, english, monkeypatch):
    path = _database(tmp_path / "live.sqlite3", customers=0)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.close()
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    trustdesk = _starting(qtbot, path)
    qtbot.waitUntil(lambda: trustdesk.failed is not None)
    assert isinstance(trustdesk.failed, DatabaseFileError)
    assert said and "newer TrustDesk" in said[0]
    assert not trustdesk.window.isVisible() and trustdesk.store is None


def test_a_damaged_database_offers_its_backup_after_the_first_paint(
    qtbot, tmp_path, english, monkeypatch
):
    path = _database(tmp_path / "live.sqlite3", customers=300)
    maintenance.make_backup(path, "manual")
    data = bytearray(path.read_bytes())
    for start in range(4096 * 3, len(data) - 4096, 4096 * 2):  # garble every other page
        data[start + 100 : start + 900] = b"\xa5" * 800
    path.write_bytes(bytes(data))
    asked = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes
    )
    trustdesk = _starting(qtbot, path)
    window = trustdesk.window
    qtbot.waitUntil(lambda: window.attached, timeout=10_000)
    assert asked and "damaged" in asked[0]
    qtbot.waitUntil(lambda: window.count_label.text() == "300 customers")
    settle(window)
    window.close()
    trustdesk.store.close()


def test_declining_the_backup_of_a_damaged_database_ends_the_app(
    qtbot, tmp_path, english, monkeypatch
):
    path = tmp_path / "live.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8000)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Close)
    trustdesk = _starting(qtbot, path)
    qtbot.waitUntil(lambda: not trustdesk.window.isVisible())
    assert trustdesk.store is None and trustdesk.failed is None


def test_window_commands_load_only_the_window_modules():
    assert nouns_for([]) == ("gui", "screenshot")
    assert nouns_for(["--db", "accounts", "--lang", "zh", "gui"]) == ("gui", "screenshot")
    assert nouns_for(["--db=x.sqlite3", "--create", "screenshot", "customers"]) == (
        "gui",
        "screenshot",
    )
    for argv in (["accounts", "list"], ["--help"], ["--version"], ["--bogus", "gui"], ["gu"]):
        assert "accounts" in nouns_for(argv), argv


def test_the_first_paint_needs_no_sqlalchemy(tmp_path):
    """`screenshot --when window` saves the frame as the app first paints it; nothing of
    SQLAlchemy, the models or the services is loaded for it."""
    db = _database(tmp_path / "live.sqlite3")
    out = tmp_path / "frame.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRUSTDESK_DATA_DIR=str(tmp_path))
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "trustdesk", "--db", str(db), "screenshot",
         "customers", "--when", "window", "--out", str(out), "--lang", "en"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    loaded = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()]
    assert "PySide6.QtWidgets" in loaded and "trustdesk.ui.main_window" in loaded
    heavy = ("sqlalchemy", "alembic", "pypinyin", "opencc", "trustdesk.db", "trustdesk.services.")
    light = {"trustdesk.services.progress"}  # a dataclass and a lock, for the worker's progress
    assert [m for m in loaded if m.startswith(heavy) and m not in light] == []
    assert out.stat().st_size > 10_000
