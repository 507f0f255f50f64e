"""A visit report as CSV: one row per visit, UTF-8 with a byte-order mark (without it, Excel
reads the file in the system's code page and Chinese turns to mojibake)."""

from __future__ import annotations

import csv
from pathlib import Path

from trustdesk.reports.report_style import cell_text, customer_label
from trustdesk.services.progress import Progress
from trustdesk.services.visit_reports import ReportData, Texts, visit_columns


def write_csv(data: ReportData, path: Path, progress: Progress | None = None) -> None:
    columns = visit_columns(Texts(data.lang))
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([customer_label(data.lang), *(c.title for c in columns)])
        for n, (name, row) in enumerate(data.section_rows("visits")):
            if progress is not None and n % 500 == 0:
                progress.check()
            writer.writerow([name, *(cell_text(v) for v in row)])
