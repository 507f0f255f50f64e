"""Visit plan and visits at scale (issue 11): ~1,000,000 visits over 100,000 customers.

Run:  .venv/bin/python -m tests.benchmarks.bench_visits [--accounts 100000]
Each figure is the service (through the store, the path the GUI's worker takes) against the
best raw sqlite3 statement returning the same rows, measured in the same run (aim <= 2x):
(a) the overdue list (the Visits section's first list, 200 customers);
(b) a page of 200 customers with the Last visit / Next due columns, sorted by next due;
(d) the Visits section's slower lists (overdue next steps, people cooling off, birthdays);
(c) one customer's Visits tab (``visits.account_visits``, what the tab reads: its visits with
    the people met, its intelligence notes, its people cooling off, its line of the plan), for
    customers with the most visits and for typical ones, against the raw statements returning
    the same rows (the cooling test left to Python on the raw side's candidates: less work).
Ours and raw run alternately, sample by sample, so that both see the same load (the machine is
shared); each figure is a median.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from trustdesk.demo.history import add_history
from trustdesk.services import visit_plan, visits
from trustdesk.services.store import open_store

from .common import CACHE, large_database, median_seconds, upgraded_copy

OVERDUE_SQL = """
SELECT id, name, stage, last_visit_at, next_visit_due FROM account
WHERE deleted_at IS NULL AND next_visit_due IS NOT NULL AND next_visit_due < ?
ORDER BY next_visit_due, sort_key, id LIMIT 200
"""
PAGE_SQL = """
SELECT a.id, a.name, a.stage, a.region, a.industry,
       coalesce((SELECT u.name FROM app_user u WHERE u.id = a.owner_id), ''), a.do_not_serve,
       a.updated_at, a.owner_id, a.last_visit_at, a.next_visit_due
FROM account a WHERE a.deleted_at IS NULL
ORDER BY a.next_visit_due, a.sort_key, a.id LIMIT 200
"""
PAGE_AFTER_SQL = PAGE_SQL.replace(
    "WHERE a.deleted_at IS NULL",
    "WHERE a.deleted_at IS NULL AND (a.next_visit_due, a.sort_key, a.id) > (?, ?, ?)",
)
STEPS_SQL = """
SELECT v.id, v.account_id, a.name, v.next_step, v.next_due FROM visit v
JOIN account a ON a.id = v.account_id
WHERE v.deleted_at IS NULL AND a.deleted_at IS NULL AND NOT a.do_not_serve
  AND v.next_due IS NOT NULL AND v.next_done_at IS NULL AND v.next_step != '' AND v.next_due <= ?
ORDER BY v.next_due LIMIT 200
"""
TAB_SQL = """
SELECT v.id, v.account_id, v.at, v.done, v.channel, v.functions, v.activities, v.notes,
       v.outcome, v.next_step, v.next_due, v.next_done_at, v.gift_value, coalesce(u.name, ''),
       a.name, v.created_at, v.updated_at
FROM visit v JOIN account a ON a.id = v.account_id LEFT JOIN app_user u ON u.id = v.owner_id
WHERE v.account_id = ? AND v.deleted_at IS NULL AND a.deleted_at IS NULL
ORDER BY v.at DESC, v.id DESC LIMIT 500
"""
TAB_PEOPLE_SQL = """
SELECT vc.visit_id, c.id, c.name FROM visit_contact vc JOIN contact c ON c.id = vc.contact_id
WHERE vc.visit_id IN ({marks}) AND vc.deleted_at IS NULL ORDER BY c.sort_key
"""

TAB_NOTES_SQL = """
SELECT n.id, n.account_id, n.visit_id, n.contact_id, coalesce(c.name, ''), n.kind, n.text,
       coalesce(u.name, ''), n.created_at
FROM intel_note n LEFT JOIN contact c ON c.id = n.contact_id
LEFT JOIN app_user u ON u.id = n.author_id
WHERE n.account_id = ? AND n.deleted_at IS NULL ORDER BY n.created_at DESC, n.id DESC
"""
TAB_PEOPLE_DEPTH_SQL = """
SELECT c.id, c.name, c.depth, c.last_touch_at, c.created_at, a.name
FROM contact c JOIN account a ON a.id = c.account_id
WHERE c.account_id = ? AND c.depth IS NOT NULL AND c.depth != 'none' AND c.deleted_at IS NULL
  AND NOT c.departed AND NOT c.is_placeholder AND a.deleted_at IS NULL AND NOT a.do_not_serve
"""
TAB_PLAN_SQL = """
SELECT id, name, stage, last_visit_at, next_visit_due FROM account
WHERE id = ? AND deleted_at IS NULL
"""
TAB_SETTINGS_SQL = "SELECT key, value FROM team_setting WHERE deleted_at IS NULL"


def paired(
    mine: Callable[[], object], base: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median seconds of ``mine`` and of ``base``, sampled alternately (after one warm-up
    each) so that a neighbour's load falls on both alike."""
    mine(), base()
    ours, theirs = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        mine()
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        base()
        theirs.append(time.perf_counter() - t)
    return statistics.median(ours), statistics.median(theirs)


def visits_database(accounts: int) -> Path:
    """The large demo database with its two years of visit history, built once."""
    base = upgraded_copy(large_database(accounts, (4, 7)))
    path = CACHE / f"{base.stem}-visits.sqlite3"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    shutil.copyfile(base, partial)
    started = time.perf_counter()
    store = open_store(partial)
    made = store.write(
        add_history,
        progress=lambda n: print(f"  history for {n:,} customers", end="\r", flush=True),
    )
    store.close()
    raw = sqlite3.connect(partial)
    raw.execute("ANALYZE")
    raw.close()
    partial.rename(path)
    print(f"\n  added {made:,} visits in {time.perf_counter() - started:.0f} s -> {path}")
    return path


def _raw_tab(raw: sqlite3.Connection, account_id: str) -> list[list[tuple]]:
    """What the Visits tab shows, the raw way: the plan line, the settings (rhythms, gift
    ceiling), the visits, the people met on them, the notes, the people with a depth."""
    plan = raw.execute(TAB_PLAN_SQL, (account_id,)).fetchall()
    settings = raw.execute(TAB_SETTINGS_SQL).fetchall()
    rows = raw.execute(TAB_SQL, (account_id,)).fetchall()
    ids = [r[0] for r in rows]
    people = raw.execute(TAB_PEOPLE_SQL.format(marks=",".join("?" * len(ids))), ids).fetchall()
    notes = raw.execute(TAB_NOTES_SQL, (account_id,)).fetchall()
    depth = raw.execute(TAB_PEOPLE_DEPTH_SQL, (account_id,)).fetchall()
    return [rows, people, notes, depth, plan, settings]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--db", type=Path, help="an already built visits database (a copy: it is upgraded)"
    )
    args = parser.parse_args()
    db = args.db or visits_database(args.accounts)
    store = open_store(db)
    raw = sqlite3.connect(db)
    counts = {
        t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("account", "contact", "visit", "visit_contact")
    }
    print("  " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    today = visit_plan.today()

    ours = store.read(visit_plan.overdue_accounts, on=today)
    theirs = raw.execute(OVERDUE_SQL, (today.isoformat(),)).fetchall()
    assert [r.account_id for r in ours] == [r[0] for r in theirs]
    mine, base = paired(
        lambda: store.read(visit_plan.overdue_accounts, on=today),
        lambda: raw.execute(OVERDUE_SQL, (today.isoformat(),)).fetchall(),
        args.repeat,
    )
    total = store.read(visit_plan.overdue_count, on=today)
    print(f"(a) overdue list (200 of {total:,}): ours {mine * 1e3:.2f} ms, "
          f"raw {base * 1e3:.2f} ms, ratio {mine / base:.2f} (aim <= 2)")  # fmt: skip

    from trustdesk.services import accounts

    page = store.read(accounts.list_accounts, sort="next_due", limit=200, with_total=False)
    assert [r.id for r in page.rows] == [r[0] for r in raw.execute(PAGE_SQL)]
    mine, base = paired(
        lambda: store.read(accounts.list_accounts, sort="next_due", limit=200, with_total=False),
        lambda: raw.execute(PAGE_SQL).fetchall(),
        args.repeat,
    )
    print(f"(b) a page of 200 by Next due, with Last visit: ours {mine * 1e3:.2f} ms, "
          f"raw {base * 1e3:.2f} ms, ratio {mine / base:.2f} (aim <= 2)")  # fmt: skip
    deep = store.read(accounts.list_accounts, sort="next_due", limit=200, offset=60_000)
    after = (deep.rows[-1].next_visit_due, None, deep.rows[-1].id)
    cursor = store.read(accounts.list_accounts, sort="next_due", limit=1, offset=60_199).after
    assert cursor is not None and after is not None
    raw_after = (cursor[0].isoformat(), cursor[1], cursor[2])
    mine, base = paired(
        lambda: store.read(
            accounts.list_accounts, sort="next_due", limit=200, after=cursor, with_total=False
        ),
        lambda: raw.execute(PAGE_AFTER_SQL, raw_after).fetchall(),
        args.repeat,
    )
    print(f"    the page after row 60,200 (keyset): ours {mine * 1e3:.2f} ms, "
          f"raw {base * 1e3:.2f} ms, ratio {mine / base:.2f}")  # fmt: skip

    day = today.isoformat()
    got = store.read(visit_plan.overdue_steps, on=today)
    every = STEPS_SQL.replace("LIMIT 200", "")
    want = {r[0] for r in raw.execute(every, ((today - timedelta(days=1)).isoformat(),))}
    assert {r.visit_id for r in got if not r.planned_visit} <= want
    for label, fn in (
        ("overdue next steps", visit_plan.overdue_steps),
        ("people cooling off", visit_plan.cooling_contacts),
        ("birthdays and care dates", visit_plan.reminders),
    ):
        mine = median_seconds(lambda f=fn: store.read(f, on=today), 5)
        print(f"(d) {label}: ours {mine * 1e3:.1f} ms")
    base = median_seconds(
        lambda: raw.execute(STEPS_SQL, ((today - timedelta(days=1)).isoformat(),)).fetchall(), 5
    )
    print(f"    raw overdue next steps alone (no planned visits) {base * 1e3:.2f} ms; day {day}")

    busiest = [
        r[0]
        for r in raw.execute(
            "SELECT account_id FROM visit GROUP BY account_id ORDER BY count(*) DESC LIMIT 5"
        )
    ]
    typical = [r[0] for r in raw.execute("SELECT id FROM account ORDER BY random() LIMIT 20")]
    for label, ids in (("busiest", busiest), ("typical", typical)):
        ratios, mine_all, base_all = [], [], []
        for aid in ids:
            got = store.read(visits.account_visits, aid)
            rows, _, notes, depth, _, _ = _raw_tab(raw, aid)
            assert [v.id for v in got.visits] == [r[0] for r in rows]
            assert [n.id for n in got.notes] == [r[0] for r in notes]
            assert {c.contact_id for c in got.cooling} <= {r[0] for r in depth}
            m, b = paired(
                lambda a=aid: store.read(visits.account_visits, a),
                lambda a=aid: _raw_tab(raw, a),
                9,
            )
            ratios.append(m / b)
            mine_all.append(m)
            base_all.append(b)
        mid, raw_mid = statistics.median(mine_all), statistics.median(base_all)
        print(f"(c) visits tab, {label} customers ({len(ids)}): ours median {mid * 1e3:.2f} ms, "
              f"raw {raw_mid * 1e3:.2f} ms, ratio median {statistics.median(ratios):.2f} "
              f"max {max(ratios):.2f} (aim <= 2)")  # fmt: skip
    raw.close()
    store.close()


if __name__ == "__main__":
    main()
