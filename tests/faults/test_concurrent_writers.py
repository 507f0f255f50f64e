"""Several writers on one file wait for each other instead of failing (issue 9, part 1)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest

from tests.faults.conftest import REPO, result, start
from trustdesk.services import accounts
from trustdesk.services.store import open_store

# Four writing processes and a 10 s busy timeout: timing the suite's other worker would
# disturb, so the test command runs these after the parallel run, alone on the machine.
pytestmark = pytest.mark.alone


@pytest.fixture
def shared_db(tmp_path):
    path = tmp_path / "shared.sqlite3"
    store = open_store(path)
    account = store.write(accounts.create_account, "华科电子")
    store.close()
    return path, account.id


def test_four_writers_and_a_reader_lose_nothing(shared_db, tmp_path):
    path, _ = shared_db
    stop = tmp_path / "stop"
    reader = start("reader", str(path), str(stop))
    writers = [start("writer", str(path), f"w{k}", "300") for k in range(4)]
    done = [result(w) for w in writers]
    stop.touch()
    read = result(reader)

    assert [d["failed"] for d in done] == [0, 0, 0, 0], [d["errors"] for d in done]
    assert sum(d["ok"] for d in done) == 1200
    assert read["failed"] == 0 and read["ok"] > 0, read["errors"]

    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM account")}
    expected = {f"w{k}-{i:04d}" for k in range(4) for i in range(300)}
    assert expected <= names  # every committed row is there
    assert len(names) == 1201


def test_cli_beside_a_running_app_never_fails(shared_db, tmp_path):
    path, account_id = shared_db
    stop = tmp_path / "stop"
    app = start("app", str(path), str(stop), "0.05")
    time.sleep(0.5)
    outcomes = []
    for wave in range(4):  # 4 waves of 5 commands at once: 20 `contacts add`
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "trustdesk",
                    "--db",
                    str(path),
                    "--lang",
                    "en",
                    "contacts",
                    "add",
                    "--account",
                    account_id,
                    f"联系人{wave}-{i}",
                ],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(5)
        ]
        outcomes += [(p.wait(timeout=120), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
    stop.touch()
    saved_by_app = result(app)

    assert [code for code, _ in outcomes] == [0] * 20, [err for _, err in outcomes if err]
    assert saved_by_app["failed"] == 0 and saved_by_app["ok"] > 0, saved_by_app["errors"]
    store = open_store(path)
    from trustdesk.services import contacts

    names = {c.name for c in store.read(contacts.list_contacts, account_id)}
    count = store.read(accounts.count_accounts)
    store.close()
    assert {f"联系人{w}-{i}" for w in range(4) for i in range(5)} <= names
    assert count == 1 + saved_by_app["ok"]
