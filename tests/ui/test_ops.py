"""The operation helper: work runs off the GUI thread, results and changes come back on it."""

from __future__ import annotations

import itertools
import threading
import time

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton
from sqlalchemy import text

from trustdesk.errors import ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services.progress import Cancelled


def slow_count(session, upto):
    """A real query that takes about a second on these machines."""
    sql = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < :n) "
        "SELECT count(*) FROM c"
    )
    return session.execute(text(sql), {"n": upto}).scalar_one(), threading.current_thread().name


def test_the_event_loop_keeps_ticking_while_a_slow_query_runs(qtbot, ops):
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    got = []
    started = time.monotonic()
    ops.read(slow_count, 3_000_000).success(got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=20_000)
    took = time.monotonic() - started
    timer.stop()
    assert got[0] == (3_000_000, "trustdesk-db"), "it ran on the database worker"
    assert took > 0.3, "the query was slow enough to prove something"
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > took / 0.010 * 0.5, "the GUI thread kept running its timers"
    assert max(gaps) < 0.25, f"the GUI thread froze for {max(gaps):.2f} s"


def counted_import(session, names, progress):
    """Adds customers one by one, reporting progress (a stand-in for a long import)."""
    for i, name in enumerate(names):
        accounts.create_account(session, name)
        progress.step(i + 1, len(names), name)
        time.sleep(0.02)
    return len(names)


def test_long_work_shows_progress_and_cancel_rolls_it_back(qtbot, ops, store, english):
    failures, messages = [], []
    ops.message.connect(messages.append)
    names = [f"客户{i:03d}" for i in range(200)]
    progress = (
        ops.write(counted_import, names).with_progress("Importing").failure(failures.append).run()
    )
    assert progress is not None

    def dialog():
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        return found[0] if found and found[0].isVisible() else None

    qtbot.waitUntil(lambda: dialog() is not None and dialog().value() > 5, timeout=5000)
    assert dialog().maximum() == 200
    assert dialog().labelText().startswith("客户")
    cancel = dialog().findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], Cancelled)
    assert store.read(accounts.count_accounts) == 0, "nothing of the cancelled work was saved"
    assert dialog() is None


def test_a_cancel_nobody_handles_is_a_status_message(qtbot, ops, english):
    messages = []
    ops.message.connect(messages.append)
    progress = ops.write(counted_import, ["a", "b", "c"]).with_progress("Importing").run()
    progress.cancel()
    assert ops.wait_idle()
    assert messages == ["Cancelled; nothing was changed."]


def test_a_write_broadcasts_what_changed_once_and_a_read_nothing(qtbot, ops, store, huake):
    seen = []
    ops.bus.changed.connect(seen.append)
    zhang = next(p for p in store.read(contacts.list_contacts, huake.id) if p.name == "张三")
    ops.read(contacts.list_contacts, huake.id).run()
    assert ops.wait_idle()
    assert seen == []
    done = []
    ops.write(contacts.set_level, zhang.id, "partner", "dinner").success(done.append).run()
    assert ops.wait_idle()
    assert len(seen) == 1
    assert seen[0].concerns(huake.id) and {"contact", "level"} <= seen[0].kinds
    assert done[0].level.code == "partner"


def test_a_refused_write_reaches_the_failure_callback_and_broadcasts_nothing(qtbot, ops, huake):
    seen, failures = [], []
    ops.bus.changed.connect(seen.append)
    ops.write(accounts.update_account, huake.id, name=" ").failure(failures.append).run()
    assert ops.wait_idle()
    assert isinstance(failures[0], ValidationError) and failures[0].field == "name"
    assert seen == []


def test_only_the_latest_answer_of_a_key_is_shown(qtbot, ops, huake):
    shown = []
    owner = QTimer()  # any QObject
    for name in ("first", "second", "third"):
        ops.read(accounts.get_account, huake.id).success(lambda _a, n=name: shown.append(n)).run(
            owner, key="load"
        )
    assert ops.wait_idle()
    assert shown == ["third"]


def test_a_queued_read_that_a_newer_one_replaced_never_runs(qtbot, ops, huake):
    """Typing a search queues a list read per pause: the worker runs only the last one, and
    ``forget`` drops a queued read (the risk column of rows a new filter replaced)."""
    ran, shown = [], []

    def counted(session, name):
        ran.append(name)
        return accounts.get_account(session, huake.id)

    owner, changes = QTimer(), []
    ops.bus.changed.connect(changes.append)
    ops.read(slow_count, 1_000_000).run()  # keeps the worker busy while the rest queue
    for name in ("z", "zh", "zhang"):
        ops.read(counted, name).success(lambda _a, n=name: shown.append(n)).run(owner, key="list")
    ops.read(counted, "risks").success(lambda _a: shown.append("risks")).run(owner, key="risks")
    ops.forget(owner, "risks")
    ops.write(accounts.update_account, huake.id, region="广州").run(owner, key="save")
    ops.write(accounts.update_account, huake.id, region="深圳").run(owner, key="save")
    assert ops.wait_idle()
    assert ran == ["zhang"] and shown == ["zhang"]
    assert len(changes) == 2, "a write is never dropped, whatever its key"
    got = []
    ops.read(accounts.get_account, huake.id).success(got.append).run()
    assert ops.wait_idle() and got[0].region == "深圳"


def test_answers_for_a_closed_dialog_are_dropped_but_changes_still_announced(qtbot, ops, huake):
    seen, shown = [], []
    ops.bus.changed.connect(seen.append)
    dialog = QDialog()
    ops.write(accounts.update_account, huake.id, region="广州").success(shown.append).run(dialog)
    shiboken6.delete(dialog)  # the user closed it before the answer came
    assert ops.wait_idle()
    assert shown == []
    assert len(seen) == 1 and seen[0].concerns(huake.id)
