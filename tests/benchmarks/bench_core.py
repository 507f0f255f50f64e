"""Search and list-page speed of the service layer against raw sqlite3 on the same SQL.

Run:  .venv/bin/python -m tests.benchmarks.bench_core [--accounts 100000 --per-account 4 7]
The first run builds the database (minutes); later runs reuse it from /tmp/trustdesk-bench.
Aims (issue 3): search <= 3x raw, page <= 2x raw.
"""

from __future__ import annotations

import argparse
import random
import sqlite3

from trustdesk.db.engine import open_database
from trustdesk.db.search import search, search_sql
from trustdesk.services import accounts

from .common import large_database, median_seconds

QUERIES = ["张三", "zs", "zhangsan", "zhang san", "garet", "华科", "thompson", "深圳华科"]
PAGE_SQL = (
    "SELECT id, name, stage, region, industry, coalesce((SELECT app_user.name FROM app_user "
    "WHERE app_user.id = account.owner_id), ''), do_not_serve, updated_at, owner_id "
    "FROM account WHERE deleted_at IS NULL ORDER BY sort_key LIMIT 200 OFFSET ?"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--per-account", type=int, nargs=2, default=(4, 7))
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    path = large_database(args.accounts, tuple(args.per_account))
    db = open_database(path)
    raw = sqlite3.connect(path)
    with db.reading() as s:
        n_acc = accounts.count_accounts(s)
    n_con = raw.execute("SELECT count(*) FROM contact").fetchone()[0]
    print(f"database: {n_acc:,} accounts, {n_con:,} contacts")

    print("\n(a) search, median ms: service vs raw sqlite3 on the same statement")
    ratios = []
    with db.reading() as s:
        for q in QUERIES:
            sql, params = search_sql(q)  # type: ignore[misc]
            params = {**params, "limit": 50}
            ours = median_seconds(lambda q=q: search(s, q, limit=50), args.repeat)
            base = median_seconds(
                lambda sql=sql, params=params: raw.execute(sql, params).fetchall(), args.repeat
            )
            hits = len(raw.execute(sql, params).fetchall())
            ratios.append(ours / base)
            print(f"  {q!r:14} {hits:3} hits  ours {ours * 1e3:7.2f}  raw {base * 1e3:7.2f}  "
                  f"ratio {ours / base:4.2f}")  # fmt: skip
    print(f"  median ratio {sorted(ratios)[len(ratios) // 2]:.2f} (aim <= 3)")

    print("\n(b) one page of 200 sorted by name, median ms")
    rng = random.Random(1)
    offsets = [0] + [rng.randrange(0, max(n_acc - 200, 1)) for _ in range(4)]
    page_ratios = []
    with db.reading() as s:
        for off in offsets:
            ours = median_seconds(
                lambda off=off: accounts.list_accounts(s, offset=off, with_total=False),
                args.repeat,
            )
            base = median_seconds(
                lambda off=off: raw.execute(PAGE_SQL, (off,)).fetchall(), args.repeat
            )
            page_ratios.append(ours / base)
            print(f"  offset {off:6}  ours {ours * 1e3:7.2f}  raw {base * 1e3:7.2f}  "
                  f"ratio {ours / base:4.2f}")  # fmt: skip
        total = median_seconds(lambda: accounts.count_accounts(s), 10)
    print(f"  median ratio {sorted(page_ratios)[len(page_ratios) // 2]:.2f} (aim <= 2)")
    print(f"  count of all accounts (once per list open): {total * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
