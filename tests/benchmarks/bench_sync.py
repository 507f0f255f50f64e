"""Team sync (issue 17, OFF-3): a laptop with 10,000 pending ops pushes, and a fresh laptop
pulls 100,000 customers / 500,000 people from a local PostgreSQL, each against the plain way
of moving the same rows, as a ratio, in one run.

Run:  .venv/bin/python -m tests.benchmarks.bench_sync [--customers 100000] [--people 5]
      [--ops 10000]

The server is a throwaway PostgreSQL cluster started for the run (``tests.pg.cluster``: as
the tests start theirs, with PostgreSQL's default 128 MB of shared buffers; fsync off, as a
cluster that is thrown away). The laptops are TrustDesk files opened as the app opens them.

1. Upload: a first laptop's file is written fast (``db.bulk`` inserts of customers and
   people, no history; the capture triggers mark every record), then its first ``sync_now``
   seals and pushes every field and pulls the log back. Timed, no floor.
2. Pull: a fresh laptop's first ``sync_now`` (in a process of its own, for its peak RSS).
   Floor: the best raw way to get the same data onto a laptop, in a process of its own: per
   table, one ``COPY (SELECT … FROM field_state GROUP BY record_id) TO STDOUT`` (PostgreSQL
   turns the fields back into rows) streamed into one ``sqlite3`` ``executemany`` into an
   empty table with the laptop's columns (no indexes, no search index, no sort keys), in one
   transaction with the laptop's settings (WAL, synchronous=FULL). The fresh laptop's data
   is then compared with the first laptop's (every synchronised field, both tables), and a
   two-character Chinese name is searched for.
3. Push: the first laptop makes edits worth ``--ops`` field ops (one field of a tenth of that
   many customers, two fields of people, and new people), then ``sync_now`` (seal, push,
   pull back). The push alone is the push loop inside that ``sync_now`` (from the first
   outbox read to the first pull request: reads of the outbox, the server's transactions,
   the acknowledgements). Floor: the same ops as the server logged them, written into an
   empty copy of ``change_log`` (``LIKE … INCLUDING ALL``: its indexes too) on the same
   server, by one psycopg ``executemany`` and by one ``COPY``, each in a transaction; the
   faster is the floor (median of three).

Each figure's phases are timed by wrapping the functions ``sync_now`` calls (``laptop.seal``,
``outbox_batch``, ``exchange.push``, ``exchange.pull``, ``apply_heads``, ``_refresh_derived``).
The machine may be shared: the load average is printed with the figures, and CPU seconds
beside the wall time (the laptop process's, and the whole PostgreSQL cluster's from /proc),
which other work moves much less; the ratios are given for both.

At full size the run takes about 25 minutes on two cores, most of it the upload of 10.4
million field ops (every field of every record is one op); ``--customers 20000`` takes ~5.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

CHILD_TIMEOUT = 3600
PROFILE_VARIABLE = "TRUSTDESK_BENCH_PROFILE"
# The benchmark's server: PostgreSQL's default shared buffers (the tests' cluster has 16 MB).
SERVER_SETTINGS = {"shared_buffers": "128MB", "max_wal_size": "4GB"}
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌海燕鹏飞"
CITIES = ["深圳", "杭州", "宁波", "武汉", "成都", "西安", "苏州", "广州", "南京", "厦门"]
TRADES = ["电子", "科技", "机械", "食品", "软件", "环保", "物流", "建材", "医疗", "化工"]
TITLES = ["经理", "总经理", "采购", "工程师", "财务", "销售总监", "厂长"]
PLANTED = "岳飞"  # a two-character name no generated person has (岳 is not in FAMILY)
COMMON = "张伟"
NEW_PERSON_OPS = 18  # a new person's fields that are set (``new_person``): one op each


# --- the first laptop's file -------------------------------------------------------------


@cache
def _sort_key(name: str, person: bool) -> str:
    from trustdesk.domain.names import sort_key

    return sort_key(name, person=person)


def new_person(rng: random.Random, account_id: str, i: int, at: datetime) -> dict[str, Any]:
    """A person as an import makes one: 18 of the captured fields set."""
    from trustdesk.db.base import new_id
    from trustdesk.domain.enums import Attitude, RelationshipLevel

    name = rng.choice(FAMILY) + rng.choice(GIVEN) + (rng.choice(GIVEN) if i % 3 else "")
    return {
        "id": new_id(),
        "account_id": account_id,
        "name": name,
        "pinyin": "",
        "sort_key": _sort_key(name, True),
        "title": rng.choice(TITLES),
        "department": "",
        "phone": "",
        "mobile": f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}",
        "email": f"p{i}@example.cn",
        "wechat": "",
        "birthday": None,
        "family_notes": "",
        "education_notes": "",
        "notes": "展会认识" if i % 10 == 0 else "",
        "reports_to_id": None,
        "departed": False,
        "departed_at": None,
        "level": RelationshipLevel.NONE,
        "target_level": None,
        "depth": None,
        "attitude": Attitude.NEUTRAL,
        "is_placeholder": False,
        "dismissed_level": None,
        "created_at": at,
        "updated_at": at,
        "deleted_at": None,
    }


def _customers(session: Any, count: int, people: int, seed: int) -> tuple[int, int]:
    from trustdesk.db.base import new_id
    from trustdesk.db.bulk import insert_many
    from trustdesk.db.models import Account, Contact
    from trustdesk.domain.enums import AccountKind, Stage

    rng = random.Random(seed)
    conn = session.connection()
    accounts, contacts = Account.__table__, Contact.__table__
    at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    made_people = 0
    for start in range(0, count, 5000):
        rows, persons = [], []
        for n in range(start, min(count, start + 5000)):
            city, trade = CITIES[n % 10], TRADES[n // 10 % 10]
            name = f"{city}{trade}{n // 100:04d}{n % 100:02d}有限公司"
            account_id = new_id()
            rows.append({
                "id": account_id, "name": name, "sort_key": _sort_key(name, False),
                "kind": AccountKind.COMPANY, "pinyin": "", "industry": trade, "region": city,
                "address": f"{city}市{trade}路{n % 997}号", "phone": "", "website": "",
                "owner_id": None, "notes": "", "stage": Stage.SKEPTIC, "lost_reason": None,
                "do_not_serve": False, "do_not_serve_reason": "", "do_not_serve_at": None,
                "visit_cadence_days": None, "survey_cycle": None,
                "created_at": at, "updated_at": at, "deleted_at": None,
            })  # fmt: skip
            for _ in range(people):
                persons.append(new_person(rng, account_id, made_people, at))
                made_people += 1
            at += timedelta(seconds=7)
        if start == 0:
            persons[0]["name"], persons[0]["sort_key"] = PLANTED, _sort_key(PLANTED, True)
        insert_many(conn, accounts, rows)
        insert_many(conn, contacts, persons)
    return count, made_people


def build_laptop(path: Path, customers: int, people: int) -> tuple[float, int, int]:
    """The first laptop: a new file with ``customers`` customers of ``people`` people each,
    every record marked for the first sync. Returns (seconds, customers, people)."""
    from trustdesk.services.store import open_store

    store = open_store(path)
    began = time.perf_counter()
    made = store.write(_customers, customers, people, seed=17)
    seconds = time.perf_counter() - began
    store.close()
    return seconds, *made


# --- timing sync_now's steps -------------------------------------------------------------


@dataclass
class Steps:
    """Seconds inside the functions ``sync_now`` calls, and when the first and last call of
    each began and ended (perf_counter)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    first: dict[str, float] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)
    heads: int = 0  # field heads received by pulls
    records: int = 0  # records received by pulls

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            self.first.setdefault(name, began)
            try:
                result = fn(*args, **kwargs)
            finally:
                ended = time.perf_counter()
                self.seconds[name] += ended - began
                self.last[name] = ended
            if name == "pull":
                self.records += len(result.records)
                self.heads += sum(len(heads) for _, _, heads in result.records)
            return result

        return timed


@contextmanager
def watching() -> Iterator[Steps]:
    from trustdesk.sync import exchange, laptop

    steps = Steps()
    targets = [
        (laptop, "seal", "seal"),
        (laptop, "outbox_batch", "outbox"),
        (exchange, "push", "push"),
        (laptop, "drop_pushed", "drop"),
        (exchange, "pull", "pull"),
        (laptop, "apply_heads", "apply"),
        (laptop, "_refresh_derived", "derived"),
    ]
    saved = [(module, attr, getattr(module, attr)) for module, attr, _ in targets]
    for module, attr, name in targets:
        setattr(module, attr, steps.wrap(name, getattr(module, attr)))
    try:
        yield steps
    finally:
        for module, attr, fn in saved:
            setattr(module, attr, fn)


def timed_sync(store: Any, engine: Any) -> dict[str, Any]:
    """One ``sync_now`` and its phases: seal (to the first outbox read), push (the push loop,
    to the first pull request), pull (to the end of the last apply), the rest after it."""
    from trustdesk.sync.run import sync_now

    with watching() as steps:
        began, cpu = time.perf_counter(), time.process_time()
        result = sync_now(store, engine, "bench")
        ended, cpu = time.perf_counter(), time.process_time() - cpu
    push_start = steps.first.get("outbox", began)
    pull_start = steps.first.get("pull", ended)
    pull_end = steps.last.get("apply", pull_start)
    return {
        "seconds": ended - began,
        "cpu": cpu,  # this process's: the laptop's side (the server's is PostgreSQL's)
        "seal": push_start - began,
        "push": pull_start - push_start,
        "pull": pull_end - pull_start,
        "after": ended - pull_end,
        "server_push": steps.seconds["push"],
        "server_pull": steps.seconds["pull"],
        "apply": steps.seconds["apply"] - steps.seconds["derived"],
        "derived": steps.seconds["derived"],
        "pushed": result.pushed,
        "resent": result.resent,
        "pulled": result.pulled,
        "pulled_records": steps.records,
        "pulled_heads": steps.heads,
        "conflicts": result.conflicts,
    }


@contextmanager
def profiled(wanted: str | None, title: str = "") -> Iterator[None]:
    """With ``wanted``, run the block under cProfile and print its 30 costliest functions
    (own time and cumulative) to stderr."""
    if not wanted:
        yield
        return
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        print(f"--- profile {title}", file=sys.stderr)
        stats = pstats.Stats(profile, stream=sys.stderr).strip_dirs()
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(40)


# --- the child processes (each its own peak memory) --------------------------------------


def _engine(url: str) -> Any:
    from trustdesk.sync import server

    return server.open_server(server.parse_address(url), os.environ["TRUSTDESK_SERVER_PASSWORD"])


def fresh_pull(url: str, folder: str) -> dict[str, Any]:
    """A new laptop's first sync, then its counts and a search."""
    from trustdesk.db.search import search
    from trustdesk.services.store import open_store

    engine = _engine(url)
    store = open_store(Path(folder) / "fresh.sqlite3")
    figures = timed_sync(store, engine)
    figures["peak_mb"] = _peak_mb()

    def counts(session: Any) -> dict[str, int]:
        conn = session.connection()
        return {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
            for t in ("account", "contact", "search_doc")
        }

    figures["counts"] = store.read(counts)
    began = time.perf_counter()
    planted = store.read(search, PLANTED)
    figures["search_ms"] = (time.perf_counter() - began) * 1000
    common = store.read(search, COMMON)
    figures["planted_hits"] = [h.name for h in planted]
    figures["common_hits"] = len(common)
    figures["common_top"] = common[0].name if common else None
    store.close()
    engine.dispose()
    return figures


def _captured_columns() -> dict[str, list[str]]:
    from trustdesk.db.sync_capture import captured_tables

    return {
        t.name: [*t.key, *t.fields] for t in captured_tables() if t.name in ("account", "contact")
    }


def _floor_ddl(conn: sqlite3.Connection, table: str, columns: list[str]) -> str:
    """The laptop's declared type of each column (an empty file made by TrustDesk)."""
    types = {row[1]: row[2] for row in conn.execute(f"PRAGMA table_xinfo({table})")}
    return f"CREATE TABLE {table} ({', '.join(f'{c} {types[c]}' for c in columns)})"


def floor_pull(url: str, folder: str) -> dict[str, Any]:
    """COPY the fields out of PostgreSQL as rows and executemany them into empty tables."""
    import psycopg

    from trustdesk.sync import server

    address = server.parse_address(url)
    columns = _captured_columns()
    shape = sqlite3.connect(Path(folder) / "shape.sqlite3")
    ddl = {t: _floor_ddl(shape, t, cols) for t, cols in columns.items()}
    shape.close()
    path = Path(folder) / "floor.sqlite3"
    path.unlink(missing_ok=True)
    lite = sqlite3.connect(path, isolation_level=None)
    lite.execute("PRAGMA journal_mode=WAL")
    lite.execute("PRAGMA synchronous=FULL")
    for sql in ddl.values():
        lite.execute(sql)
    pg = psycopg.connect(
        host=address.host, port=address.port, user=address.username,
        password=os.environ["TRUSTDESK_SERVER_PASSWORD"], dbname=address.database,
    )  # fmt: skip
    rows = 0
    began, cpu = time.perf_counter(), time.process_time()
    lite.execute("BEGIN")
    for table, cols in columns.items():
        pivot = ", ".join(f"max(value #>> '{{}}') FILTER (WHERE field = '{c}')" for c in cols[1:])
        query = (
            f"COPY (SELECT record_id, {pivot} FROM field_state WHERE table_name = '{table}' "
            "GROUP BY record_id) TO STDOUT"
        )
        with pg.cursor() as cur, cur.copy(query) as copy:
            lite.executemany(
                f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})", copy.rows()
            )
        rows += lite.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    lite.execute("COMMIT")
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    lite.close()
    pg.close()
    return {"seconds": seconds, "cpu": cpu, "rows": rows, "peak_mb": _peak_mb()}


def idle(url: str, folder: str) -> dict[str, Any]:
    """The same imports, no work: the floor of a process's peak."""
    import psycopg  # noqa: F401

    from trustdesk.services.store import open_store  # noqa: F401
    from trustdesk.sync.run import sync_now  # noqa: F401

    return {"peak_mb": _peak_mb()}


def _peak_mb() -> float:
    """This process's peak RSS. Not ``ru_maxrss``: Linux carries the parent's RSS over a
    (v)fork and exec into it, so a child of a big parent reports at least the parent's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CHILDREN = {"fresh": fresh_pull, "floor": floor_pull, "idle": idle}


def in_child(side: str, url: str, folder: Path, password: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "TRUSTDESK_SERVER_PASSWORD": password,
        "TRUSTDESK_DATA_DIR": str(folder / f"data-{side}"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_sync", "--child", side, url, str(folder)],
        capture_output=True, text=True, env=env, timeout=CHILD_TIMEOUT, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"the {side} process failed:\n{done.stderr[-4000:]}")
    if os.environ.get(PROFILE_VARIABLE):
        print(f"=== {side}\n{done.stderr}", file=sys.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def server_cpu(data: Path) -> float:
    """CPU seconds the PostgreSQL cluster at ``data`` has used so far: its postmaster with
    the children it reaped, and every live child (backends, writers, autovacuum). With the
    laptop's own CPU time, a figure that other work on a shared machine hardly moves."""
    master = int((data / "postmaster.pid").read_text().split()[0])
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        pid, parent = int(stat.parent.name), int(fields[1])
        if pid == master:  # utime, stime, cutime, cstime
            ticks += sum(int(f) for f in fields[11:15])
        elif parent == master:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def server_time(data: Path, figures: dict[str, Any]) -> Iterator[None]:
    """Adds the cluster's CPU seconds spent in the block to ``figures["server_cpu"]``."""
    before = server_cpu(data)
    yield
    figures["server_cpu"] = figures.get("server_cpu", 0.0) + server_cpu(data) - before


# --- the comparison and the push ---------------------------------------------------------


def fingerprint(path: Path) -> dict[str, tuple[int, str]]:
    """Per table: the records and a hash of every synchronised field of every record."""
    out = {}
    conn = sqlite3.connect(path)
    for table, cols in _captured_columns().items():
        digest = hashlib.sha256()
        count = 0
        for row in conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id"):
            digest.update(repr(row).encode())
            count += 1
        out[table] = (count, digest.hexdigest())
    conn.close()
    return out


def edits(session: Any, ops: int, seed: int) -> dict[str, int]:
    """Edits worth ``ops`` field ops: one field of ops/10 customers, two of 0.225 * ops
    people, and new people (``NEW_PERSON_OPS`` each) for the rest."""
    from trustdesk.db.bulk import insert_many
    from trustdesk.db.models import Contact

    rng = random.Random(seed)
    conn = session.connection()
    accounts = ops // 10
    people = ops * 9 // 40
    new = (ops - accounts - 2 * people) // NEW_PERSON_OPS
    people += (ops - accounts - 2 * people - new * NEW_PERSON_OPS) // 2
    account_ids = (
        conn.exec_driver_sql("SELECT id FROM account ORDER BY random() LIMIT ?", (accounts + 1,))
        .scalars()
        .all()
    )
    conn.exec_driver_sql(
        "UPDATE account SET stage = 'explorer' WHERE id = ?", [(i,) for i in account_ids[1:]]
    )
    person_ids = (
        conn.exec_driver_sql("SELECT id FROM contact ORDER BY random() LIMIT ?", (people,))
        .scalars()
        .all()
    )
    conn.exec_driver_sql(
        "UPDATE contact SET title = title || '（新）', mobile = ? WHERE id = ?",
        [(f"139{rng.randint(0, 99_999_999):08d}", i) for i in person_ids],
    )
    at = datetime.now(UTC)
    insert_many(
        conn,
        Contact.__table__,
        [new_person(rng, account_ids[0], 10_000_000 + i, at) for i in range(new)],
    )
    return {"customers": accounts, "people": people, "new_people": new}


def push_floor(pg: Any, data: Path, after_seq: int, device_id: str) -> dict[str, Any]:
    """The ops the push logged, written again into an empty copy of ``change_log`` by one
    executemany and by one COPY (each in a transaction, median of five): seconds, and CPU
    seconds of this process and of the server."""
    from psycopg.types.json import Jsonb

    names = "seq, op_id, device_id, table_name, record_id, field, value, hlc, base_op, seen_seq"
    with pg.cursor() as cur:
        cur.execute(
            f"SELECT {names} FROM change_log WHERE seq > %s AND device_id = %s ORDER BY seq",
            (after_seq, device_id),
        )
        rows = [(*r[:6], Jsonb(r[6]), *r[7:]) for r in cur.fetchall()]
        cur.execute("CREATE TABLE floor_log (LIKE change_log INCLUDING ALL)")
    pg.commit()
    timings: dict[str, list[float]] = {"executemany": [], "copy": []}
    cpus: dict[str, list[float]] = {"executemany": [], "copy": []}
    for _ in range(5):
        for how in timings:
            with pg.cursor() as cur:
                cur.execute("TRUNCATE floor_log")
            pg.commit()
            began, cpu, server = time.perf_counter(), time.process_time(), server_cpu(data)
            with pg.cursor() as cur:
                if how == "executemany":
                    cur.executemany(
                        f"INSERT INTO floor_log ({names}) VALUES ({', '.join(['%s'] * 10)})", rows
                    )
                else:
                    with cur.copy(f"COPY floor_log ({names}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            pg.commit()
            timings[how].append(time.perf_counter() - began)
            cpus[how].append(time.process_time() - cpu + server_cpu(data) - server)
    with pg.cursor() as cur:
        cur.execute("DROP TABLE floor_log")
    pg.commit()
    out: dict[str, Any] = {how: statistics.median(t) for how, t in timings.items()}
    out.update({f"{how}_cpu": statistics.median(c) for how, c in cpus.items()})
    out["rows"] = len(rows)
    return out


# --- the run -----------------------------------------------------------------------------


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def _total(figures: dict[str, Any]) -> float:
    return float(figures["cpu"] + figures["server_cpu"])


def _cpu(figures: dict[str, Any]) -> str:
    return (
        f"CPU {_total(figures):.1f} s (laptop {figures['cpu']:.1f}, "
        f"server {figures['server_cpu']:.1f})"
    )


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s" if seconds > 0 else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=5, help="people per customer")
    parser.add_argument("--ops", type=int, default=10_000, help="the push's pending ops")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run the syncs under cProfile and print where "
        "the time goes (the figures are then slower)",
    )
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "URL", "FOLDER"))
    args = parser.parse_args()
    if args.child:
        side, url, folder = args.child
        with profiled(os.environ.get(PROFILE_VARIABLE)):
            figures = CHILDREN[side](url, folder)
        print(json.dumps(figures))
        return
    if args.profile:
        os.environ[PROFILE_VARIABLE] = "1"

    import psycopg

    from tests.pg import cluster
    from trustdesk.services.store import open_store
    from trustdesk.sync import laptop, server

    started = time.perf_counter()
    print(f"sync benchmark: {args.customers:,} customers x {args.people} people, push of "
          f"{args.ops:,} ops; {_load()}")  # fmt: skip
    with cluster(SERVER_SETTINGS) as pg, tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        folder = Path(tmp)
        with pg.admin() as admin:
            admin.execute('CREATE DATABASE "bench"')
        url = pg.url("bench")
        os.environ["TRUSTDESK_SERVER_PASSWORD"] = pg.password
        os.environ["TRUSTDESK_DATA_DIR"] = str(folder / "data")
        engine = server.open_server(server.parse_address(url), pg.password)
        server.init_schema(engine)
        open_store(folder / "shape.sqlite3").close()  # an empty laptop, for the floor's shape

        # 1. the first laptop and its upload
        data = pg.folder / "data"
        first = folder / "first.sqlite3"
        built, customers, people = build_laptop(first, args.customers, args.people)
        records = customers + people
        print(f"first laptop built in {built:.1f} s ({customers:,} customers, {people:,} people)")
        store = open_store(first)
        up: dict[str, Any] = {}
        with profiled(os.environ.get(PROFILE_VARIABLE), "upload"), server_time(data, up):
            up.update(timed_sync(store, engine))
        print(
            f"upload   sync_now {up['seconds']:7.1f} s, {_cpu(up)}: {records:,} records, "
            f"{up['pushed']:,} ops ({_rate(up['pushed'], up['seconds'])} ops, "
            f"{_rate(records, up['seconds'])} records) | seal {up['seal']:.1f}, push "
            f"{up['push']:.1f} (exchange.push {up['server_push']:.1f}), pull back {up['pull']:.1f}"
            f" (exchange.pull {up['server_pull']:.1f}, apply {up['apply']:.1f}, derived "
            f"{up['derived']:.1f}), after {up['after']:.1f}; {_load()}",
            flush=True,
        )
        assert up["conflicts"] == 0

        # 2. a fresh laptop's pull, against the floor, each in its own process
        idle_mb = in_child("idle", url, folder, pg.password)["peak_mb"]
        fresh: dict[str, Any] = {}
        with server_time(data, fresh):
            fresh.update(in_child("fresh", url, folder, pg.password))
        load_pull = _load()
        floor: dict[str, Any] = {}
        with server_time(data, floor):
            floor.update(in_child("floor", url, folder, pg.password))
        same = fingerprint(folder / "fresh.sqlite3") == fingerprint(first)
        ops_pulled = fresh["pulled_heads"]
        rest = fresh["pull"] - fresh["server_pull"] - fresh["apply"] - fresh["derived"]
        print(
            f"pull     sync_now {fresh['seconds']:7.1f} s, {_cpu(fresh)}: {fresh['pulled']:,} "
            f"records ({_rate(fresh['pulled'], fresh['seconds'])}), {ops_pulled:,} fields "
            f"({_rate(ops_pulled, fresh['seconds'])} ops) | exchange.pull "
            f"{fresh['server_pull']:.1f}, apply {fresh['apply']:.1f}, derived "
            f"{fresh['derived']:.1f} (search index, plans), commits and the rest {rest:.1f}; "
            f"peak {fresh['peak_mb']:.0f} MB (an idle process {idle_mb:.0f} MB); {load_pull}"
        )
        print(
            f"  floor  COPY out + executemany {floor['seconds']:7.1f} s, {_cpu(floor)}: "
            f"{floor['rows']:,} rows ({_rate(floor['rows'], floor['seconds'])}); peak "
            f"{floor['peak_mb']:.0f} MB"
        )
        print(
            f"  ratio  {fresh['seconds'] / floor['seconds']:.1f}x time, "
            f"{_total(fresh) / _total(floor):.1f}x CPU, "
            f"{fresh['peak_mb'] / floor['peak_mb']:.1f}x peak memory "
            f"({(fresh['peak_mb'] - idle_mb) / max(floor['peak_mb'] - idle_mb, 1):.1f}x above "
            f"an idle process); {_load()}"
        )
        counts = fresh["counts"]
        print(
            f"  check  counts {counts['account']:,} customers, {counts['contact']:,} people, "
            f"{counts['search_doc']:,} search entries; every synchronised field equal to the "
            f"first laptop's: {'yes' if same else 'NO'}; search {PLANTED!r}: "
            f"{fresh['planted_hits']} in {fresh['search_ms']:.0f} ms; {COMMON!r}: "
            f"{fresh['common_hits']} hits, first {fresh['common_top']!r}"
        )
        assert counts["account"] == customers and counts["contact"] == people
        assert counts["search_doc"] == records
        assert fresh["planted_hits"] == [PLANTED]
        with sqlite3.connect(first) as lite:
            common = lite.execute("SELECT 1 FROM contact WHERE name = ?", (COMMON,)).fetchone()
        assert fresh["common_top"] == COMMON or not common  # exact names rank first
        assert same

        # 3. the push of --ops pending ops
        made = store.write(edits, args.ops, seed=3)
        me = store.read(laptop.state)
        with psycopg.connect(
            host=pg.host, port=pg.port, user=pg.user, password=pg.password, dbname="bench"
        ) as conn:
            before = conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
            push: dict[str, Any] = {}
            with profiled(os.environ.get(PROFILE_VARIABLE), "push"), server_time(data, push):
                push.update(timed_sync(store, engine))
            base = push_floor(conn, data, before, me.device_id)
        n = push["pushed"]
        how = "copy" if base["copy"] <= base["executemany"] else "executemany"
        best, best_cpu = base[how], base[f"{how}_cpu"]
        print(
            f"push     sync_now {push['seconds']:7.2f} s, {_cpu(push)}: {n:,} ops "
            f"({_rate(n, push['seconds'])}; {made['customers']:,} customers and "
            f"{made['people']:,} people edited, {made['new_people']:,} new people) | seal "
            f"{push['seal']:.2f}, push {push['push']:.2f} ({_rate(n, push['push'])} ops; "
            f"exchange.push {push['server_push']:.2f}), pull back {push['pull']:.2f}, after "
            f"{push['after']:.2f}"
        )
        print(
            f"  floor  executemany {base['executemany']:.3f} s (CPU {base['executemany_cpu']:.3f}"
            f" s), COPY {base['copy']:.3f} s (CPU {base['copy_cpu']:.3f} s) of the same "
            f"{base['rows']:,} rows into an empty change_log copy (client and server CPU)"
        )
        print(
            f"  ratio  sync_now {push['seconds'] / best:.1f}x time, {_total(push) / best_cpu:.1f}x"
            f" CPU; push alone {push['push'] / best:.1f}x time the floor "
            f"({'COPY' if how == 'copy' else 'executemany'}); {_load()}"
        )
        assert n == args.ops and base["rows"] == n
        store.close()
        engine.dispose()
    print(f"benchmark ran {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
