"""Visit reports at scale (issue 13, 9): a one-year portfolio report over 50 and 500 demo
customers in each format — seconds and peak memory, and how they grow from 50 to 500.

Run:  .venv/bin/python -m tests.benchmarks.bench_reports [--sizes 50 500] [--repeat 3]

Each report runs in a fresh process (peak memory is then the report's own: Qt's images and
PDF engine live outside Python's allocator, so the process's peak RSS is what is measured,
next to that process's RSS before the report). The read is timed apart from the writing: the
same ``build_report`` every format starts with is the baseline of the run (aim: PDF < 30 s
at 500 customers).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from trustdesk import demo
from trustdesk.services.store import open_store

FORMATS = ("pdf", "docx", "xlsx", "csv")
ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, resource, sys, time
from datetime import timedelta
from pathlib import Path
from trustdesk.reports.qt_runtime import ensure_gui_application
from trustdesk.reports.report_files import write_report
from trustdesk.services.store import open_store
from trustdesk.services.visit_plan import today
from trustdesk.services.visit_reports import ReportScope, build_report
import trustdesk.reports.report_pdf, trustdesk.reports.report_docx, trustdesk.reports.report_xlsx

db, out = sys.argv[1], Path(sys.argv[2])
ensure_gui_application()
store = open_store(db)
end = today()
scope = ReportScope("portfolio", None, end - timedelta(days=365), end)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
began = time.perf_counter()
data = store.read(build_report, scope, "zh")
read = time.perf_counter() - began
write_report(data, out)
total = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"read": read, "total": total, "before_mb": before / 1024,
                  "peak_mb": peak / 1024, "customers": len(data.customers),
                  "visits": sum(c.counts["visits"] for c in data.customers),
                  "bytes": out.stat().st_size}))
"""


def demo_database(folder: Path, accounts: int) -> Path:
    path = folder / f"demo-{accounts}.sqlite3"
    store = open_store(path)
    try:
        store.write(demo.generate, accounts, seed=1)
    finally:
        store.close()
    return path


def run_one(db: Path, out: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(out)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,  # this checkout's trustdesk
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trustdesk-bench-reports-") as tmp:
        folder = Path(tmp)
        databases = {n: demo_database(folder, n) for n in args.sizes}
        figures: dict[tuple[int, str], dict[str, float]] = {}
        print(f"{'customers':>9} {'format':>6} {'visits':>7} {'read s':>7} {'write s':>8} "
              f"{'total s':>8} {'RSS before':>11} {'peak RSS':>9} {'file':>9}")  # fmt: skip
        for fmt in FORMATS:  # formats interleaved with sizes: a busy moment hits them all
            for n, db in databases.items():
                runs = [run_one(db, folder / f"r-{n}.{fmt}") for _ in range(args.repeat)]
                fig = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                figures[(n, fmt)] = fig
                print(
                    f"{int(fig['customers']):>9} {fmt:>6} {int(fig['visits']):>7} "
                    f"{fig['read']:>7.2f} {fig['total'] - fig['read']:>8.2f} {fig['total']:>8.2f} "
                    f"{fig['before_mb']:>9.0f}MB {fig['peak_mb']:>7.0f}MB "
                    f"{fig['bytes'] / 1e6:>7.1f}MB"
                )
        low, high = min(args.sizes), max(args.sizes)
        if low != high:
            print(f"\ngrowth {low} -> {high} customers (time ratio, peak-RSS-above-start ratio):")
            for fmt in FORMATS:
                a, b = figures[(low, fmt)], figures[(high, fmt)]
                grown = (b["peak_mb"] - b["before_mb"]) / max(a["peak_mb"] - a["before_mb"], 1)
                times, customers = b["total"] / a["total"], b["customers"] / a["customers"]
                print(f"  {fmt:>4}: time x{times:.1f} (customers x{customers:.1f}), "
                      f"memory x{grown:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
