"""Search and list-page speed of the service layer against raw sqlite3 on the same SQL.

Run:  .venv/bin/python -m tests.benchmarks.bench_core [--accounts 100000 --per-account 4 7]
The first run builds the database (minutes); later runs reuse it from /tmp/trustdesk-bench.
Aims (issue 3): search <= 3x raw, page <= 2x raw. Issue 10: the list filtered by every kind
of query a salesperson types, and keyset pages deep in the list, each as a ratio against the
best raw sqlite3 statement returning the same rows (aim: keystroke to painted <= 50 ms p95,
see bench_ui).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
from pathlib import Path

from trustdesk.db.engine import open_database
from trustdesk.db.search import FTS_HITS, VERIFY, search, search_sql
from trustdesk.services import accounts

from .common import large_database, median_seconds, upgraded_copy

LIST_PAGE = 100  # the customer list's page (ui.customers.model.PAGE_SIZE)
# The kinds of query issue 10 names, as a salesperson types them.
LIST_QUERIES = {
    "1 character": "张",
    "2 Chinese characters": "张伟",
    "2-letter initials": "zw",
    "full pinyin": "zhangwei",
    "Latin substring": "garet",
    "broad single letter": "z",
    "no match": "qqxqqx",
}
_ROW = (
    "a.id, a.name, a.stage, a.region, a.industry, coalesce((SELECT app_user.name FROM app_user "
    "WHERE app_user.id = a.owner_id), ''), a.do_not_serve, a.updated_at, a.owner_id"
)
_SHORT_HITS = (
    "SELECT d.account_id FROM search_prefix p JOIN search_doc d ON d.id = p.rowid "
    "WHERE search_prefix MATCH :pmatch"
)
# search_fts keeps no positions: its hits hold every trigram, VERIFY keeps the substrings.
_LONG_HITS = (
    "SELECT d.account_id FROM search_fts f JOIN search_doc d ON d.id = f.rowid "
    f"WHERE search_fts MATCH :match {VERIFY}"
)
# Hand-written raw plans for a filtered first page; the best of them (that returns the
# service's rows) is the baseline: start from the matches, walk the list order testing each
# customer (a short query: its prefixes in search_account, one seek), or walk
# the list order against the set of matching customers read once.
RAW_FROM_MATCHES = {
    shape: f"SELECT {_ROW} FROM (SELECT DISTINCT account_id AS id FROM ({hits})) m "
    "CROSS JOIN account a ON a.id = m.id WHERE a.deleted_at IS NULL "
    "ORDER BY a.sort_key, a.id LIMIT {page}"
    for shape, hits in (("short", _SHORT_HITS), ("long", _LONG_HITS))
}
RAW_WALK = {
    "short": f"SELECT {_ROW} FROM account a WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 "
    "FROM search_account s WHERE s.account_id = a.id AND instr(s.terms, :term) > 0) "
    "ORDER BY a.sort_key, a.id LIMIT {page}",
    "long": f"SELECT {_ROW} FROM account a WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 "
    f"FROM search_doc d WHERE d.account_id = a.id AND +d.id IN ({FTS_HITS}) {VERIFY}) "
    "ORDER BY a.sort_key, a.id LIMIT {page}",
}
RAW_WALK_SET = {
    shape: f"WITH m(id) AS MATERIALIZED ({hits}) SELECT {_ROW} FROM account a "
    "WHERE a.deleted_at IS NULL AND a.id IN (SELECT id FROM m) "
    "ORDER BY a.sort_key, a.id LIMIT {page}"
    for shape, hits in (("short", _SHORT_HITS), ("long", _LONG_HITS))
}
KEYSET_SQL = (
    f"SELECT {_ROW} FROM account a WHERE a.deleted_at IS NULL AND (a.sort_key, a.id) > (?, ?) "
    f"ORDER BY a.sort_key, a.id LIMIT {LIST_PAGE}"
)


def raw_list_baseline(raw: sqlite3.Connection, query: str, want: list[str], repeat: int) -> float:
    """The fastest hand-written raw plan that returns the same first page as the service."""
    _, params = search_sql(query)  # type: ignore[misc]
    shape = "long" if "match" in params else "short"
    used = {k: params[k] for k in ("match", "pmatch", "term", "q", "qn") if k in params}
    best = float("inf")
    for plan in (RAW_FROM_MATCHES[shape], RAW_WALK[shape], RAW_WALK_SET[shape]):
        plan = plan.format(page=LIST_PAGE)
        rows = [r[0] for r in raw.execute(plan, used).fetchall()]
        assert rows == want, f"raw plan for {query!r} returned other rows"
        best = min(best, median_seconds(lambda p=plan: raw.execute(p, used).fetchall(), repeat))
    return best


def list_filters(db: object, raw: sqlite3.Connection, repeat: int) -> None:
    print(
        f"\n(c) the list filtered by each kind of query: first page of {LIST_PAGE} and its count,"
    )
    print("    service vs the best raw sqlite3 plan returning the same rows, median ms")
    with db.reading() as s:  # type: ignore[attr-defined]
        for kind, query in LIST_QUERIES.items():
            where = accounts.AccountFilter(text=query)
            page = accounts.list_accounts(s, where, limit=LIST_PAGE)
            ours = median_seconds(
                lambda w=where: accounts.list_accounts(s, w, limit=LIST_PAGE), repeat
            )
            base = raw_list_baseline(raw, query, [r.id for r in page.rows], repeat)
            total = f"{page.total:,}" + ("" if page.exact else "+")
            print(f"  {kind:22} {query!r:11} {total:>7} shown  ours {ours * 1e3:6.2f}  "
                  f"raw {base * 1e3:6.2f}  ratio {ours / base:5.2f}")  # fmt: skip


def keyset_pages(db: object, raw: sqlite3.Connection, n_acc: int, repeat: int) -> None:
    print("\n(d) the page after row N by keyset (Page.after) vs raw keyset SQL, median ms")
    rng = random.Random(2)
    with db.reading() as s:  # type: ignore[attr-defined]
        for row in [0, 1_000, *sorted(rng.randrange(1_000, n_acc - 200) for _ in range(2)),
                    n_acc - 1_000]:  # fmt: skip
            key, rid = raw.execute(
                "SELECT sort_key, id FROM account WHERE deleted_at IS NULL "
                "ORDER BY sort_key, id LIMIT 1 OFFSET ?",
                (row,),
            ).fetchone()
            after = (key, rid)
            ours = median_seconds(
                lambda a=after: accounts.list_accounts(
                    s, after=a, limit=LIST_PAGE, with_total=False
                ),
                repeat,
            )
            base = median_seconds(lambda a=after: raw.execute(KEYSET_SQL, a).fetchall(), repeat)
            print(f"  after row {row:6}  ours {ours * 1e3:6.2f}  raw {base * 1e3:6.2f}  "
                  f"ratio {ours / base:4.2f}")  # fmt: skip


def index_size(raw: sqlite3.Connection) -> None:
    """The search structures (tables, FTS shadow tables, indexes) against the account and
    contact tables they index (issue 10: no larger), from dbstat."""
    print("\n(e) search index size vs the account and contact tables, MB")
    sizes = dict(raw.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    owner = dict(raw.execute("SELECT name, tbl_name FROM sqlite_master").fetchall())
    search = {
        name: size
        for name, size in sizes.items()
        if name.startswith("search_") or str(owner.get(name, "")).startswith("search_")
    }
    for name, size in sorted(search.items(), key=lambda item: -item[1]):
        print(f"  {name:34} {size / 1e6:7.1f}")
    index, data = sum(search.values()), sizes["account"] + sizes["contact"]
    print(f"  search index {index / 1e6:.1f}  data {data / 1e6:.1f}  ratio {index / data:.2f} "
          "(aim <= 1)")  # fmt: skip


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
    parser.add_argument("--db", type=Path, help="a database at this schema to use instead")
    args = parser.parse_args()

    path = args.db or upgraded_copy(large_database(args.accounts, tuple(args.per_account)))
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
    list_filters(db, raw, args.repeat)
    keyset_pages(db, raw, n_acc, args.repeat)
    index_size(raw)


if __name__ == "__main__":
    main()
