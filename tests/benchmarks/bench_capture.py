"""OFF-3: what capturing every edit in the outbox costs (issue 17): 1,000 single edits
through the services with the capture triggers and without them (ms per edit), and a bulk
import of contacts through ``importer.run_import`` with capture on and off (seconds, outbox
rows), in one run: a ratio, not a wall-clock assertion.

Run:  .venv/bin/python -m tests.benchmarks.bench_capture [--edits 1000] [--rows 100000]
      [--dir /tmp/somewhere]

"Without" is the same database with the capture triggers dropped (``drop_triggers``), so
both sides write the same rows through the same code.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import tempfile
import time
from pathlib import Path

from tests.benchmarks.bench_import import HEADERS, rows
from trustdesk.db.sync_capture import drop_triggers
from trustdesk.services import accounts
from trustdesk.services.store import Store, open_store


def _store(folder: Path, name: str, capture: bool) -> Store:
    store = open_store(folder / f"{name}.sqlite3")
    if not capture:
        store.write(lambda s: drop_triggers(s.connection()))
    return store


def _outbox(store: Store) -> int:
    with sqlite3.connect(store.path) as conn:
        return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])


def edits(folder: Path, count: int, capture: bool) -> tuple[float, float]:
    """ms per edit of one field through ``accounts.update_account``, each its own
    transaction (as the GUI saves), and outbox rows per edit."""
    store = _store(folder, f"edits-{capture}", capture)
    try:
        acc = store.write(accounts.create_account, "深圳华科电子有限公司")
        before = _outbox(store)
        start = time.perf_counter()
        for i in range(count):
            store.write(accounts.update_account, acc.id, industry=f"行业 {i}")
        took = time.perf_counter() - start
        return took / count * 1000, (_outbox(store) - before) / count
    finally:
        store.close()


def bulk_import(folder: Path, count: int, capture: bool) -> tuple[float, int]:
    """Seconds to import ``count`` contacts (new customers with them) and outbox rows."""
    from trustdesk.services.importing.importer import run_import
    from trustdesk.services.importing.mapping import mapping_for
    from trustdesk.services.importing.sources import read_source

    source = folder / f"import-{count}.csv"
    if not source.exists():
        with open(source, "w", encoding="gb18030", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(HEADERS)
            writer.writerows(rows(count))
    store = _store(folder, f"import-{capture}", capture)
    try:
        table = read_source(source)
        mapping = store.read(mapping_for, table.headers)
        start = time.perf_counter()
        store.write(run_import, table, mapping)
        return time.perf_counter() - start, _outbox(store)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        for capture in (False, True) if args.edits else ():
            ms, per = edits(folder, args.edits, capture)
            label = "with capture   " if capture else "without capture"
            print(f"{args.edits} edits {label}: {ms:.2f} ms/edit, {per:.1f} outbox rows/edit")
        if args.rows:
            for capture in (False, True):
                secs, ops = bulk_import(folder, args.rows, capture)
                label = "with capture   " if capture else "without capture"
                print(f"import {args.rows:,} rows {label}: {secs:.1f} s, {ops:,} outbox rows")


if __name__ == "__main__":
    main()
