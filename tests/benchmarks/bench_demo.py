"""How fast the demo generator builds a database, against raw sqlite3 writing the same rows.

Run:  .venv/bin/python -m tests.benchmarks.bench_demo [--sizes 10000 20000] [--repeat 1]
Aim (issue 10): the 100,000-customer benchmark database builds in about a minute.

Each size is built the way ``common.large_database`` builds the benchmark database (4–7 people
per customer, seed 42). The baseline, in the same run, is the best raw way to write the same
rows: every row the generator wrote (the search index included) read back, then written by
one ``sqlite3`` ``executemany`` per table into a new database with the same schema, in one
transaction with the same settings. The FTS index is filled by its triggers in both. The
ratio is therefore the generator's own overhead: making up the data and spelling the names.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from trustdesk.db import models  # noqa: F401  (the tables, for their order)
from trustdesk.db.base import Base
from trustdesk.db.engine import open_database
from trustdesk.demo.generator import CACHE_KIB_MAX

from .common import build_demo

PER_ACCOUNT = (4, 7)


def _copied_tables(conn: sqlite3.Connection, schema: str) -> list[str]:
    """The tables the generator fills, parents first: the FTS shadow tables follow their
    triggers, and what the migrations write (the schema version, the starter answers) is
    in the new database before the generator runs."""
    ordered = [t.name for t in Base.metadata.sorted_tables]

    def has_rows(table: str, where: str) -> bool:
        return conn.execute(f'SELECT 1 FROM {where}."{table}" LIMIT 1').fetchone() is not None

    return [n for n in ordered if has_rows(n, schema) and not has_rows(n, "main")]


def raw_write(source: Path, target: Path) -> tuple[float, int]:
    """Write every row of ``source`` into a fresh database at ``target`` with raw sqlite3;
    return (seconds, rows). One ``INSERT … SELECT`` per table from the attached source: no
    Python per row, and the FTS triggers fire within one statement per table (an
    ``executemany`` runs one statement per row, and FTS5 writes its pending entries out at
    every statement: 10× slower for the search documents)."""
    open_database(target).close()  # the same schema, migrations and triggers
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA foreign_keys=ON")
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=FULL")
    dst.execute("ATTACH DATABASE ? AS src", (str(source),))
    tables = _copied_tables(dst, "src")
    rows = sum(dst.execute(f'SELECT count(*) FROM src."{t}"').fetchone()[0] for t in tables)
    for table in tables:  # read once, so the timed copy reads from memory like the generator
        dst.execute(f'SELECT * FROM src."{table}"').fetchall()
    # The page cache the generator gets (demo.generator._page_cache).
    dst.execute(f"PRAGMA main.cache_size=-{min(rows // 8, CACHE_KIB_MAX)}")
    started = time.perf_counter()
    dst.execute("BEGIN IMMEDIATE")
    for table in tables:
        # Named columns: a generated one (contact.birthday_md) is read by * but not written.
        info = dst.execute(f'PRAGMA main.table_xinfo("{table}")').fetchall()
        names = ", ".join(f'"{row[1]}"' for row in info if row[6] == 0)
        dst.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM src."{table}"')
    dst.execute("COMMIT")
    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    dst.close()
    return seconds, rows


def _children_cpu() -> float:
    """CPU seconds of this process's ended children (the demo's second process)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(accounts: int, folder: Path) -> tuple[float, float, float, float, int]:
    """(build seconds, its CPU seconds in this process, in the second process, raw seconds,
    rows). On a machine shared with other work the CPU seconds tell the build's own cost;
    the writer's (this process's) is the least the wall time can be."""
    built = folder / f"demo-{accounts}.sqlite3"
    started, cpu, worker = time.perf_counter(), time.process_time(), _children_cpu()
    build_demo(built, accounts, PER_ACCOUNT)
    generator, cpu = time.perf_counter() - started, time.process_time() - cpu
    worker = _children_cpu() - worker
    raw, rows = raw_write(built, folder / f"raw-{accounts}.sqlite3")
    for path in folder.iterdir():
        path.unlink()
    return generator, cpu, worker, raw, rows


def warm_up(folder: Path) -> None:
    """Pay the one-off costs (pypinyin's dictionaries, SQLAlchemy's compiled statements)
    before the clock runs, as the benchmark database build pays them once for 100,000."""
    build_demo(folder / "warm.sqlite3", 300, PER_ACCOUNT)
    for path in folder.iterdir():
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(f"demo build, {PER_ACCOUNT[0]}-{PER_ACCOUNT[1]} people per customer")
    print(
        f"{'customers':>10} {'rows':>10} {'generator':>10} {'cpu':>7} {'cpu 2nd':>8} "
        f"{'per 10k':>8} {'raw':>8} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
        warm_up(Path(tmp))
        for accounts in args.sizes:
            runs = [measure(accounts, Path(tmp)) for _ in range(args.repeat)]
            gen = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            worker = statistics.median(r[2] for r in runs)
            raw = statistics.median(r[3] for r in runs)
            per_10k = gen / accounts * 10_000
            print(
                f"{accounts:>10,} {runs[0][4]:>10,} {gen:>9.1f}s {cpu:>6.1f}s {worker:>7.1f}s "
                f"{per_10k:>7.1f}s {raw:>7.1f}s {gen / raw:>6.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
