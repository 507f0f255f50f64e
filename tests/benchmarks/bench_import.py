"""Importing 100,000 contacts from CSV (GB18030, as WPS saves it) and from XLSX (issue 16,
item 7): seconds and peak memory, against a plain ``executemany`` of the same rows in raw
``sqlite3``, as a ratio, in one run.

Run:  .venv/bin/python -m tests.benchmarks.bench_import [--rows 100000] [--into-demo]

TrustDesk's figure is the path the import wizard takes: read the file
(``sources.read_source``), plan the duplicates (``planning.plan_import``, the wizard's
Duplicates page), then ``importer.run_import`` through ``store.write`` (one transaction; it
plans again inside it). The raw baseline reads the same file with the standard ``csv``
module (or openpyxl's read-only reader) and inserts the same rows into the same ``contact``
table with one ``executemany``, in a transaction: no checks, no pinyin, no search index, no
duplicates. Each side runs in its own process, so the peak memory (``ru_maxrss``) is its own;
the empty processes' own peaks are printed for reference. ``--into-demo`` imports into a copy
of the 100,000-customer demo database instead of an empty one (duplicates checked against
its 700,000 people).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CACHE = Path("/tmp/trustdesk-bench")
HEADERS = ["姓名", "手机", "公司", "职务", "邮箱", "生日", "地区", "备注"]
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌海燕鹏飞"
CITIES = ["深圳", "杭州", "宁波", "武汉", "成都", "西安", "苏州", "广州", "南京", "厦门"]
TRADES = ["电子", "科技", "机械", "食品", "软件", "环保", "物流", "建材", "医疗", "化工"]


def rows(count: int, seed: int = 16) -> list[list[str]]:
    rng = random.Random(seed)
    companies = [f"{c}{t}{n}有限公司" for c in CITIES for t in TRADES for n in range(120)]
    out = []
    for i in range(count):
        name = rng.choice(FAMILY) + rng.choice(GIVEN) + (rng.choice(GIVEN) if i % 3 else "")
        born = f"19{rng.randint(60, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append([name, f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}",
                    rng.choice(companies), rng.choice(["经理", "总经理", "采购", "工程师"]),
                    f"u{i}@example.cn", born if i % 4 == 0 else "", rng.choice(CITIES),
                    "展会认识" if i % 10 == 0 else ""])  # fmt: skip
    return out


def make_files(count: int) -> tuple[Path, Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = CACHE / f"import-{count}.csv", CACHE / f"import-{count}.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        return csv_path, xlsx_path
    data = rows(count)
    with open(csv_path, "w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")  # as WPS saves it
        writer.writerow(HEADERS)
        writer.writerows(data)
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("联系人")
    sheet.append(HEADERS)
    for row in data:
        sheet.append(row)
    book.save(xlsx_path)
    return csv_path, xlsx_path


# --- the two sides, each run in a child process ------------------------------------------


def trustdesk_side(file: str, db: str) -> dict:
    from trustdesk.services.importing.importer import run_import
    from trustdesk.services.importing.mapping import mapping_for
    from trustdesk.services.importing.planning import plan_import
    from trustdesk.services.importing.sources import read_source
    from trustdesk.services.store import open_store

    store = open_store(Path(db))
    began = time.perf_counter()
    table = read_source(Path(file))
    read = time.perf_counter()
    mapping = store.read(mapping_for, table.headers)
    plan = store.read(plan_import, table, mapping)
    planned = time.perf_counter()
    result = store.write(run_import, table, mapping)
    done = time.perf_counter()
    store.close()
    return {
        "seconds": done - began,
        "read": read - began,
        "plan": planned - read,
        "import": done - planned,
        "new": result.new,
        "duplicates": len(plan.duplicates),
        "rejected": len(result.rejected),
    }


def raw_side(file: str, db: str) -> dict:
    began = time.perf_counter()
    if file.endswith(".csv"):
        with open(file, encoding="gb18030", newline="") as f:
            reader = csv.reader(f)
            next(reader)
            data = list(reader)
    else:
        from openpyxl import load_workbook

        book = load_workbook(file, read_only=True)
        cells = book.worksheets[0].iter_rows(min_row=2, values_only=True)
        data = [["" if v is None else str(v) for v in row] for row in cells]
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("BEGIN")
    account = con.execute("SELECT id FROM account LIMIT 1").fetchone()[0]
    now = "2026-11-23 00:00:00.000000"
    con.executemany(
        "INSERT INTO contact (id, account_id, name, pinyin, sort_key, title, department, phone, "
        "mobile, email, wechat, birthday, family_notes, education_notes, notes, departed, "
        "level, attitude, is_placeholder, created_at, updated_at) "
        "VALUES (?, ?, ?, '', ?, ?, '', '', ?, ?, '', ?, '', '', ?, 0, 'none', 'neutral', 0, "
        "?, ?)",
        [(f"R{i:025d}", account, name, name, title, mobile, email, born or None, notes, now, now)
         for i, (name, mobile, _c, title, email, born, _r, notes) in enumerate(data)],
    )  # fmt: skip
    con.execute("COMMIT")
    con.close()
    return {"seconds": time.perf_counter() - began, "new": len(data)}


def child(side: str, file: str, db: str) -> None:
    result = (trustdesk_side if side == "trustdesk" else raw_side)(file, db) if file else {}
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(side: str, file: str, db: Path) -> dict:
    env = {**os.environ, "TRUSTDESK_DATA_DIR": str(db.parent / "data")}
    out = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_import", "--child", side, file, str(db)],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def blank_database(folder: Path, into_demo: bool) -> Path:
    """An empty TrustDesk database (or a copy of the demo one) with one customer for the raw
    side's rows."""
    from trustdesk.services import accounts
    from trustdesk.services.store import open_store

    path = folder / "target.sqlite3"
    if into_demo:
        shutil.copyfile(CACHE / "demo-100000-3-8.sqlite3", path)
    os.environ["TRUSTDESK_DATA_DIR"] = str(folder / "data")
    store = open_store(path)
    store.write(accounts.create_account, "原始导入")
    store.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--into-demo", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "FILE", "DB"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    csv_path, xlsx_path = make_files(args.rows)
    print(f"{args.rows:,} contacts: {csv_path} ({csv_path.stat().st_size / 1e6:.1f} MB), "
          f"{xlsx_path} ({xlsx_path.stat().st_size / 1e6:.1f} MB)")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        base = blank_database(Path(tmp), args.into_demo)
        idle = {side: measure(side, "", base)["peak_mb"] for side in ("trustdesk", "raw")}
        print(f"empty process peak: TrustDesk {idle['trustdesk']:.0f} MB, raw {idle['raw']:.0f} MB")
        for file in (csv_path, xlsx_path):
            figures = {}
            for side in ("trustdesk", "raw"):
                db = Path(tmp) / f"{side}.sqlite3"
                shutil.copyfile(base, db)
                figures[side] = measure(side, str(file), db)
            ours, raw = figures["trustdesk"], figures["raw"]
            assert ours["new"] + ours["rejected"] + ours["duplicates"] >= raw["new"] * 0.99
            print(
                f"{file.suffix[1:].upper():5} TrustDesk {ours['seconds']:6.1f} s (read "
                f"{ours['read']:.1f}, plan {ours['plan']:.1f}, import {ours['import']:.1f}; "
                f"{ours['new']:,} new, {ours['duplicates']} duplicates skipped, "
                f"{ours['rejected']} rejected), peak {ours['peak_mb']:.0f} MB | raw "
                f"{raw['seconds']:5.2f} s, peak {raw['peak_mb']:.0f} MB | ratio "
                f"{ours['seconds'] / raw['seconds']:.1f}x time, "
                f"{ours['peak_mb'] / raw['peak_mb']:.1f}x memory"
            )


if __name__ == "__main__":
    main()
