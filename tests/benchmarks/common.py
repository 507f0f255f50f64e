"""Helpers shared by the benchmarks: a cached large demo database and median timing."""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from trustdesk import demo
from trustdesk.db.engine import open_database

CACHE = Path("/tmp/trustdesk-bench")


def large_database(accounts: int, contacts_per_account: tuple[int, int]) -> Path:
    """A demo database of the given size, generated once and reused by later runs."""
    CACHE.mkdir(exist_ok=True)
    lo, hi = contacts_per_account
    path = CACHE / f"demo-{accounts}-{lo}-{hi}.sqlite3"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for p in partial.parent.glob(partial.name + "*"):
        p.unlink()
    started = time.perf_counter()
    build_demo(
        partial,
        accounts,
        contacts_per_account,
        progress=lambda n: print(f"  generated {n:,} accounts", end="\r", flush=True),
    )
    partial.rename(path)
    print(f"\n  built {path} in {time.perf_counter() - started:.0f} s")
    return path


def build_demo(
    path: Path,
    accounts: int,
    contacts_per_account: tuple[int, int],
    progress: Callable[[int], None] | None = None,
) -> None:
    """The benchmark's demo database at ``path`` (a new file), checkpointed and analysed."""
    db = open_database(path)
    with db.transaction() as s:
        demo.generate(
            s,
            accounts,
            seed=42,
            contacts_per_account=contacts_per_account,
            batch_size=2000,
            showcase=False,
            progress=progress,
            history=False,  # bench_visits adds the visits to a copy
        )
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("ANALYZE")
    db.close()


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def upgraded_copy(path: Path) -> Path:
    """The cached database at this version's schema and search spellings, as a copy (the
    cache itself stays as built: other checkouts may be at an older schema)."""
    from trustdesk.db.engine import SCHEMA_HEAD
    from trustdesk.services.store import open_store

    copy = path.with_name(f"{path.stem}-schema{SCHEMA_HEAD}.sqlite3")
    if copy.exists():
        return copy
    partial = copy.with_suffix(".partial")
    shutil.copyfile(path, partial)
    started = time.perf_counter()
    open_store(partial).close()  # migrates, then rebuilds the search index
    partial.rename(copy)
    print(f"  upgraded a copy to {copy} in {time.perf_counter() - started:.0f} s")
    return copy


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
