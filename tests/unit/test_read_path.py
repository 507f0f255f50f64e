"""The read path the GUI takes (issue 11 item 13): one kept connection per thread, a fresh
read transaction each time, prepared statements through the driver. What a user would notice
if it went wrong: a list that misses another program's save, a tab that stops loading after
an error, a date shown wrong."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime

import pytest

from tests.fresh import fresh_database
from trustdesk.errors import NotFoundError
from trustdesk.services import accounts, visit_plan, visits
from trustdesk.services.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(fresh_database(tmp_path / "reads.sqlite3"))
    yield s
    s.close()


def test_each_read_sees_what_another_program_saved_since_the_last_one(store):
    first = store.write(accounts.create_account, "深圳华科电子有限公司")
    assert [r.name for r in store.read(accounts.list_accounts).rows] == [first.name]

    other = open_store(store.path)  # another program on the same file: its own connections
    other.write(accounts.create_account, "广州远航物流")
    other.close()

    names = {r.name for r in store.read(accounts.list_accounts).rows}
    assert names == {"深圳华科电子有限公司", "广州远航物流"}
    assert store.read(accounts.count_accounts) == 2


def test_a_refused_read_leaves_the_next_reads_working(store):
    made = store.write(accounts.create_account, "深圳华科电子有限公司")
    with pytest.raises(NotFoundError):
        store.read(visits.account_visits, "01NOSUCHCUSTOMER0000000000")
    tab = store.read(visits.account_visits, made.id)
    assert tab.plan.account_name == "深圳华科电子有限公司" and tab.visits == []
    with pytest.raises(NotFoundError):  # deleted customers have no tab either
        store.write(accounts.delete_account, made.id)
        store.read(visits.account_visits, made.id)


def test_reads_from_two_threads_each_see_the_saved_rows(store):
    store.write(accounts.create_account, "深圳华科电子有限公司")
    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(store.read(accounts.count_accounts)))
    worker.start()
    worker.join()
    store.write(accounts.create_account, "广州远航物流")
    worker = threading.Thread(target=lambda: seen.append(store.read(accounts.count_accounts)))
    worker.start()
    worker.join()
    assert seen == [1, 2]
    assert store.read(accounts.count_accounts) == 2


@pytest.mark.parametrize(
    "stored",
    [
        "2026-01-02 03:04:05.000000",
        "2026-01-02 03:04:05",
        "2026-01-02T03:04:05",
        "2026-01-02 03:04:05+00:00",
    ],
)
def test_a_moment_stored_in_any_iso_spelling_shows_as_the_same_instant(store, stored):
    made = store.write(accounts.create_account, "深圳华科电子有限公司")
    with sqlite3.connect(store.path) as raw:  # written by hand, or by an older version
        raw.execute(
            "UPDATE account SET updated_at = ?, last_visit_at = ?, next_visit_due = ? WHERE id = ?",
            (stored, stored, "2026-01-09", made.id),
        )
    raw.close()
    row = store.read(accounts.list_accounts, sort="next_due").rows[0]
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert (row.updated_at, row.last_visit_at, row.next_visit_due) == (
        moment,
        moment,
        date(2026, 1, 9),
    )
    late = store.read(visit_plan.overdue_accounts, on=date(2026, 1, 20))
    assert [(p.account_id, p.last_visit_at, p.days_overdue) for p in late] == [
        (made.id, moment, 11)
    ]


def test_closing_the_store_while_another_thread_reads_lets_that_read_finish(tmp_path):
    """The window closes (and with it the store) while its worker thread is still reading:
    the read finishes with its answer, instead of SQLite crashing the app under a statement
    whose connection was closed from the other thread."""
    store = open_store(tmp_path / "closing.sqlite3")
    store.write(accounts.create_account, "深圳华科电子有限公司")
    inside, closed, got = threading.Event(), threading.Event(), []

    def slow_read(session):
        inside.set()
        closed.wait(5)
        return accounts.count_accounts(session)  # a statement after close() returned

    worker = threading.Thread(target=lambda: got.append(store.read(slow_read)))
    worker.start()
    assert inside.wait(5)
    store.close()
    closed.set()
    worker.join(10)
    assert got == [1]
