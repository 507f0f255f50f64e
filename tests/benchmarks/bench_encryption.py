"""Encryption at rest (issue 18, OFF-4): the same large database encrypted and plain, side by
side in one run, through the path the app takes (``open_store``, ``Store.read`` of the
search and list services). Aim: encrypted <= 1.3x plain.

Run:  PYTHONPATH=$PWD .venv/bin/python -m tests.benchmarks.bench_encryption [--accounts 100000]
The database is bench_core's (built once, cached in /tmp/trustdesk-bench); this run copies it
twice into a work folder beside the cache, encrypts one copy (timed: what a user waits for
when turning encryption on) and decrypts it again at the end (timed too).

(a) turning encryption on: backup, export to an encrypted copy, backups converted; sizes;
(b) opening: ``open_store`` in a fresh child process each time (imports, the passphrase's
    scrypt in ``security.unlock``, the open itself, the first list page, the first search),
    warm OS page cache, plain and encrypted runs interleaved; then with the database's files
    evicted from the OS page cache (``posix_fadvise(DONTNEED)`` on them alone: no root, and
    the other benchmarks sharing the machine keep their caches);
(c) the first keystroke: each query's first search in a newly opened store (SQLite's page
    cache empty, the OS's warm): where decrypting pages shows most;
(d) search, warm: bench_core's queries, ``search(session, q, limit=50)``;
(e) the customer list filtered by each kind of query (bench_core's LIST_QUERIES), the first
    unfiltered page with its count, and keyset pages deep in the list;
(f) where a difference comes from: the same search statements on bare connections, the
    standard library's SQLite vs SQLCipher's own SQLite on the plain file (a different SQLite
    version) vs SQLCipher on the encrypted file (the cipher);
(g) turning encryption off.
Every pair is timed interleaved (plain, encrypted, encrypted, plain, …) so the load of the
other users of the machine falls on both alike; medians.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .bench_core import LIST_PAGE, LIST_QUERIES, QUERIES
from .common import CACHE, large_database, upgraded_copy

PASSPHRASE = "bench-passphrase-18"
AIM = 1.3

# One start of the app, as far as the database goes, in a new process: the key from the
# passphrase (when encrypted), the store opened, the list's first page with its count (what
# the window shows first), then a first search.
CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from trustdesk.db.search import search
from trustdesk.services import accounts, security
from trustdesk.services.store import open_store
path, passphrase, query, page = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
out = {"imports": time.perf_counter() - t0}
if passphrase:
    t = time.perf_counter()
    security.unlock(path, passphrase)
    out["unlock"] = time.perf_counter() - t
t = time.perf_counter()
store = open_store(path)
out["open"] = time.perf_counter() - t
t = time.perf_counter()
store.read(accounts.list_accounts, limit=page)
out["first page"] = time.perf_counter() - t
t = time.perf_counter()
store.read(search, query, limit=50)
out["first search"] = time.perf_counter() - t
store.close()
print(json.dumps(out))
"""


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:8.2f}"


def paired(
    plain: Callable[[], object], enc: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median seconds of each, timed interleaved (ABBA) after one warm-up call each."""
    fns = (plain, enc)
    for fn in fns:
        fn()
    samples: tuple[list[float], list[float]] = ([], [])
    for i in range(repeat):
        for k in (0, 1) if i % 2 == 0 else (1, 0):
            t = time.perf_counter()
            fns[k]()
            samples[k].append(time.perf_counter() - t)
    return statistics.median(samples[0]), statistics.median(samples[1])


def row(label: str, plain: float, enc: float, ratios: list[float] | None = None) -> None:
    ratio = enc / plain
    if ratios is not None:
        ratios.append(ratio)
    print(f"  {label:34} plain {ms(plain)}  encrypted {ms(enc)}  ratio {ratio:5.2f}")


def median_ratio(label: str, ratios: list[float]) -> float:
    value = statistics.median(ratios)
    print(f"  median ratio {value:.2f}, worst {max(ratios):.2f} (aim <= {AIM})")
    SUMMARY.append((label, value, max(ratios)))
    return value


SUMMARY: list[tuple[str, float, float]] = []


def database_files(path: Path) -> list[Path]:
    return [Path(f"{path}{s}") for s in ("", "-wal", "-shm", ".key")]


def remove_database(path: Path) -> None:
    for f in database_files(path):
        f.unlink(missing_ok=True)


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in database_files(path) if f.exists()) / 1e6


# --- (a) turning encryption on -------------------------------------------------------------


def timed_conversion(convert: Callable[..., None], *args: Any) -> dict[str, float]:
    """Seconds per step of ``security.encrypt``/``decrypt`` (its progress names the steps)."""
    marks: list[tuple[str, float]] = []
    started = time.perf_counter()
    convert(*args, progress=lambda step: marks.append((step, time.perf_counter())))
    marks.append(("end", time.perf_counter()))
    steps = {name: marks[i + 1][1] - at for i, (name, at) in enumerate(marks[:-1])}
    steps["total"] = marks[-1][1] - started
    return steps


def print_steps(steps: dict[str, float], mb: float) -> None:
    names = {
        "backup": "verified backup first",
        "database": "the database",
        "backups": "backups converted",
        "total": "total",
    }
    for step, seconds in steps.items():
        rate = f"  ({mb / seconds:5.0f} MB/s)" if step in ("database", "total") else ""
        print(f"  {names.get(step, step):24} {seconds:7.1f} s{rate}")


# --- (b) opening in a new process ----------------------------------------------------------


def evict(path: Path) -> None:
    """Drop the database's files from the OS page cache (written back first)."""
    for f in database_files(path):
        if not f.exists():
            continue
        fd = os.open(f, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def resident_mb(path: Path) -> float | None:
    """How much of ``path`` is in the OS page cache (util-linux ``fincore``), or None."""
    if shutil.which("fincore") is None:
        return None
    out = subprocess.run(
        ["fincore", "--bytes", "--noheadings", "--output", "RES", str(path)],
        capture_output=True,
        text=True,
    )
    try:
        return int(out.stdout.split()[0]) / 1e6
    except (ValueError, IndexError):
        return None


def start_child(path: Path, passphrase: str) -> dict[str, float]:
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), passphrase, QUERIES[0], str(LIST_PAGE)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"a start of {path.name} failed:\n{done.stderr}")
    out: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    out["process"] = time.perf_counter() - t
    return out


def print_starts(runs: dict[str, list[dict[str, float]]]) -> None:
    plain, enc = runs["plain"], runs["encrypted"]

    def med(samples: list[dict[str, float]], key: str) -> float:
        return statistics.median(s.get(key, 0.0) for s in samples)

    for key, label in (
        ("open", "open_store"),
        ("first page", "first list page + count"),
        ("first search", f"first search {QUERIES[0]!r}"),
        ("process", "whole process (start → exit)"),
    ):
        row(label, med(plain, key), med(enc, key))
    print(f"  {'security.unlock (scrypt + probe)':34} plain {ms(0)}  encrypted "
          f"{ms(med(enc, 'unlock'))}  (once per start, on top)")  # fmt: skip
    print(f"  {'imports (same code both)':34} plain {ms(med(plain, 'imports'))}  encrypted "
          f"{ms(med(enc, 'imports'))}")  # fmt: skip


def starts(plain: Path, enc: Path, repeat: int, cold_repeat: int) -> None:
    env_note = "fresh child process each, median of"
    print(f"\n(b) opening, {env_note} {repeat} interleaved runs, warm OS page cache, ms")
    start_child(plain, "")  # bytecode caches written, files read once
    start_child(enc, PASSPHRASE)
    runs: dict[str, list[dict[str, float]]] = {"plain": [], "encrypted": []}
    for i in range(repeat):
        order = (("plain", plain, ""), ("encrypted", enc, PASSPHRASE))
        for kind, path, word in order if i % 2 == 0 else order[::-1]:
            runs[kind].append(start_child(path, word))
    print_starts(runs)
    open_ratio = statistics.median(r["open"] for r in runs["encrypted"]) / statistics.median(
        r["open"] for r in runs["plain"]
    )
    SUMMARY.append(("open_store, new process", open_ratio, open_ratio))
    unlock = statistics.median(r["unlock"] for r in runs["encrypted"])
    opened = statistics.median(r["open"] for r in runs["encrypted"])
    plain_open = statistics.median(r["open"] for r in runs["plain"])
    with_unlock = (unlock + opened) / plain_open
    print(f"  unlock + open_store {ms(unlock + opened).strip()} ms: {with_unlock:.2f}x the plain "
          "open_store")  # fmt: skip
    whole = statistics.median(r["process"] for r in runs["encrypted"]) / statistics.median(
        r["process"] for r in runs["plain"]
    )
    SUMMARY.append(("a start, process (with unlock)", whole, whole))

    print(f"\n(b2) the same with the database's files evicted from the OS page cache first "
          f"(posix_fadvise DONTNEED), median of {cold_repeat}, ms")  # fmt: skip
    cold: dict[str, list[dict[str, float]]] = {"plain": [], "encrypted": []}
    resident: list[str] = []
    for i in range(cold_repeat):
        order = (("plain", plain, ""), ("encrypted", enc, PASSPHRASE))
        for kind, path, word in order if i % 2 == 0 else order[::-1]:
            evict(path)
            left = resident_mb(path)
            if left is not None:
                resident.append(f"{left:.1f}")
            cold[kind].append(start_child(path, word))
    print_starts(cold)
    if resident:
        print(f"  (MB of the file still cached after each eviction, per fincore: "
              f"{', '.join(resident)})")  # fmt: skip


# --- (c)–(e) in one process ----------------------------------------------------------------


def first_keystrokes(plain: Path, enc: Path, repeat: int) -> None:
    from trustdesk.db.search import search
    from trustdesk.services.store import open_store

    print(f"\n(c) first keystroke: each query's first search in a newly opened store (SQLite's "
          f"cache empty, OS cache warm), median of {repeat}, ms")  # fmt: skip

    def first(path: Path, query: str) -> float:
        store = open_store(path)
        try:
            t = time.perf_counter()
            store.read(search, query, limit=50)
            return time.perf_counter() - t
        finally:
            store.close()

    ratios: list[float] = []
    for q in QUERIES:
        samples: tuple[list[float], list[float]] = ([], [])
        for i in range(repeat):
            for k in (0, 1) if i % 2 == 0 else (1, 0):
                samples[k].append(first((plain, enc)[k], q))
        row(repr(q), statistics.median(samples[0]), statistics.median(samples[1]), ratios)
    median_ratio("first keystroke", ratios)


def warm_search(stores: tuple[Any, Any], repeat: int) -> None:
    from trustdesk.db.search import search

    print(f"\n(d) search, warm, Store.read(search, q, limit=50), median of {repeat}, ms")
    ratios: list[float] = []
    for q in QUERIES:
        hits = [s.read(search, q, limit=50) for s in stores]
        assert hits[0] == hits[1], f"the encrypted copy finds other records for {q!r}"
        times = paired(*(lambda s=s, q=q: s.read(search, q, limit=50) for s in stores), repeat)
        row(f"{q!r} ({len(hits[0])} hits)", *times, ratios)
    median_ratio("search, warm", ratios)


def list_pages(stores: tuple[Any, Any], plain: Path, repeat: int) -> None:
    from trustdesk.services import accounts

    print(f"\n(e) the customer list, Store.read(list_accounts, …, limit={LIST_PAGE}), "
          f"median of {repeat}, ms")  # fmt: skip
    ratios: list[float] = []
    for kind, q in LIST_QUERIES.items():
        where = accounts.AccountFilter(text=q)
        pages = [s.read(accounts.list_accounts, where, limit=LIST_PAGE) for s in stores]
        assert [r.id for r in pages[0].rows] == [r.id for r in pages[1].rows], q
        times = paired(
            *(lambda s=s, w=where: s.read(accounts.list_accounts, w, limit=LIST_PAGE)
              for s in stores),
            repeat,
        )  # fmt: skip
        row(f"{kind} {q!r}", *times, ratios)
    median_ratio("list filtered, first page", ratios)

    print("  unfiltered list:")
    page_ratios: list[float] = []
    times = paired(
        *(lambda s=s: s.read(accounts.list_accounts, limit=LIST_PAGE) for s in stores), repeat
    )
    row("first page + count (list opens)", *times, page_ratios)
    n_acc = stores[0].read(accounts.count_accounts)
    raw = sqlite3.connect(f"{plain.as_uri()}?mode=ro", uri=True)
    rng = random.Random(2)
    for at in [1_000, *sorted(rng.randrange(1_000, n_acc - 200) for _ in range(2)),
               n_acc - 1_000]:  # fmt: skip
        after = raw.execute(
            "SELECT sort_key, id FROM account WHERE deleted_at IS NULL "
            "ORDER BY sort_key, id LIMIT 1 OFFSET ?",
            (at,),
        ).fetchone()
        pages = [
            s.read(accounts.list_accounts, after=tuple(after), limit=LIST_PAGE, with_total=False)
            for s in stores
        ]
        assert [r.id for r in pages[0].rows] == [r.id for r in pages[1].rows], at
        times = paired(
            *(lambda s=s, a=tuple(after): s.read(
                accounts.list_accounts, after=a, limit=LIST_PAGE, with_total=False)
              for s in stores),
            repeat,
        )  # fmt: skip
        row(f"keyset page after row {at:,}", *times, page_ratios)
    raw.close()
    median_ratio("list pages (first, keyset)", page_ratios)


# --- (f) where the difference comes from ---------------------------------------------------


def drivers(plain: Path, enc: Path, data_key: bytes, repeat: int) -> None:
    """Bare connections, read-only and immutable (no locks: two SQLite libraries in one
    process must not share a file's locks), the app's cache size."""
    import sqlcipher3.dbapi2 as sqlcipher

    from trustdesk.db import cipher
    from trustdesk.db.engine import CACHE_KIB
    from trustdesk.db.search import search_sql

    def ro(path: Path) -> str:
        return f"{path.as_uri()}?mode=ro&immutable=1"

    stdlib = sqlite3.connect(ro(plain), uri=True)
    cipher_plain = sqlcipher.connect(ro(plain), uri=True)
    cipher_enc = cipher.connect(ro(enc), data_key, uri=True)  # the file's cipher settings
    for conn in (stdlib, cipher_plain, cipher_enc):
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    print(f"\n(f) the search statements on bare connections, median of {repeat}, ms: "
          f"sqlite3 {sqlite3.sqlite_version} (the plain app) | SQLCipher's SQLite "
          f"{sqlcipher.sqlite_version} on the plain file | SQLCipher on the encrypted "
          "file")  # fmt: skip
    version_ratios, cipher_ratios = [], []
    for q in QUERIES:
        sql, params = search_sql(q)  # type: ignore[misc]
        params = {**params, "limit": 50}

        def run(conn: Any, sql: str = sql, params: dict[str, Any] = params) -> list[Any]:
            return conn.execute(sql, params).fetchall()

        a, b = paired(lambda: run(stdlib), lambda: run(cipher_plain), repeat)
        _, c = paired(lambda: run(stdlib), lambda: run(cipher_enc), repeat)
        version_ratios.append(b / a)
        cipher_ratios.append(c / b)
        print(f"  {q!r:14} {ms(a)} | {ms(b)} | {ms(c)}   SQLite version {b / a:5.2f}  "
              f"cipher {c / b:5.2f}")  # fmt: skip
    print(f"  median: another SQLite {statistics.median(version_ratios):.2f}x, "
          f"the cipher {statistics.median(cipher_ratios):.2f}x")  # fmt: skip
    for conn in (stdlib, cipher_plain, cipher_enc):
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--per-account", type=int, nargs=2, default=(4, 7))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--opens", type=int, default=7, help="child processes per kind")
    parser.add_argument("--cold", type=int, default=3, help="first-keystroke and evicted runs")
    parser.add_argument("--db", type=Path, help="a database at this schema to use instead")
    args = parser.parse_args()

    print(f"start: {load()} ({os.cpu_count()} CPUs)")
    source = args.db or upgraded_copy(large_database(args.accounts, tuple(args.per_account)))
    work = CACHE / f"encryption-{source.stem}"
    shutil.rmtree(work, ignore_errors=True)
    (work / "data").mkdir(parents=True)
    # encrypt() backs the file up first: into this folder, not the user's.
    os.environ["TRUSTDESK_DATA_DIR"] = str(work / "data")
    plain, enc = work / "plain.sqlite3", work / "encrypted.sqlite3"
    for copy in (plain, enc):
        remove_database(copy)
        shutil.copyfile(source, copy)

    from trustdesk.db import keys
    from trustdesk.services import security
    from trustdesk.services.store import open_store

    plain_mb = size_mb(plain)
    print(f"database: {source} ({plain_mb:,.0f} MB)")
    print("\n(a) turning encryption on (security.encrypt), what the user waits for")
    steps = timed_conversion(security.encrypt, enc, PASSPHRASE)
    print_steps(steps, plain_mb)
    data_key = keys.unlocked_key(enc)
    assert data_key is not None
    keys.forget_all()
    enc_mb = size_mb(enc)
    print(f"  file sizes: plain {plain_mb:,.1f} MB, encrypted {enc_mb:,.1f} MB "
          f"(with its key file; ratio {enc_mb / plain_mb:.3f})")  # fmt: skip

    starts(plain, enc, args.opens, args.cold)

    security.unlock(enc, PASSPHRASE)
    first_keystrokes(plain, enc, args.cold)
    stores = (open_store(plain), open_store(enc))
    try:
        warm_search(stores, args.repeat)
        list_pages(stores, plain, args.repeat)
    finally:
        for store in stores:
            store.close()
    drivers(plain, enc, data_key, args.repeat)

    print("\n(g) turning encryption off (security.decrypt)")
    print_steps(timed_conversion(security.decrypt, enc), enc_mb)
    keys.forget_all()

    print(f"\nsummary, encrypted / plain (aim <= {AIM}):")
    for label, median, worst in SUMMARY:
        verdict = "ok" if median <= AIM else "MISSED"
        print(f"  {label:30} median {median:5.2f}  worst {worst:5.2f}  {verdict}")
    print(f"end: {load()}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
