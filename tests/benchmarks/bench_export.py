"""Export everything at scale (issue 16, 4): seconds and peak memory of ``export_all`` into a
folder and into a .zip, the CSV part against raw ``sqlite3`` + ``csv`` writing the same tables
(the floor: no manifest, no checksums) as a ratio, and ``export vcard --all``.

Make the database once (~6 min: 100,000 customers, ~700,000 people, ~1.4 million visits):
    trustdesk --db /tmp/trustdesk-bench/export.sqlite3 --create demo --accounts 100000
Run:  .venv/bin/python -m tests.benchmarks.bench_export --db /tmp/trustdesk-bench/export.sqlite3

Each measurement runs in a fresh process, so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import csv, json, resource, sqlite3, sys, time
from pathlib import Path
from trustdesk.services.progress import Progress
from trustdesk.services.store import open_store

what, db, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])


class Clock(Progress):
    def __init__(self):
        super().__init__()
        self.began = time.perf_counter()
        self.xlsx_at = None

    def step(self, done, total=None, text=None):
        if text and ".xlsx" in text and self.xlsx_at is None:
            self.xlsx_at = time.perf_counter() - self.began
        super().step(done, total, text)


began = time.perf_counter()
result = {}
if what == "baseline":
    from trustdesk.services.exporting.tables import exported_tables, stored_columns
    out.mkdir()
    conn = sqlite3.connect(db)
    rows = 0
    for table in exported_tables():
        names = stored_columns(table)
        cursor = conn.execute(f'SELECT {", ".join(names)} FROM "{table.name}"')
        with open(out / f"{table.name}.csv", "w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(names)
            while batch := cursor.fetchmany(5000):
                writer.writerows(batch)
                rows += len(batch)
    result["rows"] = rows
elif what == "vcard":
    from trustdesk.services.exporting.vcard import export_vcard
    store = open_store(db)
    result["cards"] = store.read(export_vcard, out)
else:
    from trustdesk.services.exporting.everything import export_all
    store = open_store(db)
    clock = Clock()
    summary = store.read(export_all, out, lang="zh", progress=clock)
    result["rows"] = summary.table_rows
    result["csv_seconds"] = clock.xlsx_at
    result["people"] = summary.sheet_rows("contact")
result["seconds"] = time.perf_counter() - began
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def measure(what: str, db: Path, out: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, what, str(db), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        base = measure("baseline", args.db, Path(tmp) / "baseline")
        print(f"raw sqlite3 + csv: {base['rows']:,} rows in {base['seconds']:.1f} s, "
              f"peak {base['peak_mb']:.0f} MB")  # fmt: skip
        for name in ("folder", "export.zip"):
            got = measure("all", args.db, Path(tmp) / name)
            csv_part, total = got["csv_seconds"], got["seconds"]
            ratio = csv_part / base["seconds"]
            print(f"export all → {name}: {total:.1f} s (CSV part {csv_part:.1f} s, "
                  f"{ratio:.2f}× the raw baseline; spreadsheets of {got['people']:,} "
                  f"people {total - csv_part:.1f} s), peak {got['peak_mb']:.0f} MB")  # fmt: skip
        cards = measure("vcard", args.db, Path(tmp) / "all.vcf")
        print(f"export vcard --all: {cards['cards']:,} cards in {cards['seconds']:.1f} s, "
              f"peak {cards['peak_mb']:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
