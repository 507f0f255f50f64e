"""Finding duplicates, merging and undoing at scale (issue 16, item 3): 100,000 customers and
their ~700,000 people.

Run:  .venv/bin/python -m tests.benchmarks.bench_duplicates [--db PATH] [--repeat 3]
(``--db``: a demo database such as ``trustdesk --db big.sqlite3 demo --accounts 100000``;
without it, the benchmarks' cached 100,000-customer demo, upgraded in a copy.)

Each figure is the service through the store (the GUI worker's path) against a raw
``sqlite3`` baseline measured in the same run, as a ratio:
(a) ``find_duplicates(kind="contact")`` against one raw read of the columns it compares
    (id, customer, name, phone, mobile, email of every live person) — the least any
    finder must do;
(b) ``find_duplicates(kind="account")`` against the same raw read of the customers;
(c) merging two people of the customer with the most visits, and undoing it (each once: a
    merge changes the file), against nothing (figures only).

Measured on a 100,000-customer demo (718,222 people), 2 cores shared with four other
engineers (load ~1.5): (a) 3.4 s against 0.74 s (4.6x), 87 pairs — ~2 s of it the names,
grouped by SQLite over the sound key (a window per customer and key), the rest one pass over
the phones and emails; (b) 0.88 s against 0.20 s (4.5x); (c) a merge of two people 0.29 s
(the unindexed references are scanned: commitments, notes, complaints…), its undo 0.01 s; a
customer's merge (229 rows moved) 0.35 s, its undo 0.19 s.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from sqlalchemy import func, select

from trustdesk.db.models import Contact, Visit
from trustdesk.services import duplicates, merging
from trustdesk.services.store import open_store

from .common import large_database, median_seconds, upgraded_copy

RAW_PEOPLE = (
    "SELECT id, account_id, name, phone, mobile, email FROM contact WHERE deleted_at IS NULL"
)
RAW_CUSTOMERS = "SELECT id, name, phone FROM account WHERE deleted_at IS NULL"


def _raw(path: Path, sql: str) -> float:
    con = sqlite3.connect(path)
    try:
        return median_seconds(lambda: con.execute(sql).fetchall(), 1)
    finally:
        con.close()


def _busiest_pair(session):
    account_id = session.execute(
        select(Visit.account_id).group_by(Visit.account_id).order_by(func.count().desc()).limit(1)
    ).scalar()
    return session.scalars(
        select(Contact.id)
        .where(Contact.account_id == account_id, Contact.deleted_at.is_(None))
        .order_by(Contact.id)
        .limit(2)
    ).all()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = args.db or upgraded_copy(large_database(100_000, (3, 9)))
    store = open_store(path)
    try:
        for kind, raw in (("contact", RAW_PEOPLE), ("account", RAW_CUSTOMERS)):
            found: list[object] = []
            seconds = median_seconds(
                lambda k=kind, out=found: out.append(
                    store.read(duplicates.find_duplicates, kind=k)
                ),
                args.repeat,
            )
            base = _raw(path, raw)
            pairs = len(found[-1])  # type: ignore[arg-type]
            print(f"find {kind}: {seconds:.2f} s, raw read {base:.2f} s, "
                  f"ratio {seconds / base:.1f}; {pairs} pairs")  # fmt: skip
        ids = store.read(_busiest_pair)
        if len(ids) == 2:
            started = time.perf_counter()
            result = store.write(merging.merge, ids[0], ids[1])
            merged = time.perf_counter() - started
            started = time.perf_counter()
            store.write(merging.undo_merge, result.merge.id)
            undone = time.perf_counter() - started
            print(f"merge two people: {merged:.2f} s ({result.moved} rows moved); "
                  f"undo {undone:.2f} s")  # fmt: skip
    finally:
        store.close()


if __name__ == "__main__":
    main()
