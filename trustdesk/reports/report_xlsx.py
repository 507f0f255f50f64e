"""A visit report as an Excel workbook (openpyxl): one sheet per section, typed cells.

Dates are dates and counts are numbers (a manager sorts and sums them), the header row is
frozen and filtered, columns are as wide as their content (within a bound). Every
customer's rows of a section go to that section's sheet, after a Customer column; the
portfolio's summary (or, for one customer, its one line) is the first sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from trustdesk.reports.report_style import cell_text, customer_label, style, writing
from trustdesk.services.progress import Progress
from trustdesk.services.visit_reports import (
    Cell,
    Column,
    ReportData,
    ReportSection,
    Texts,
    summary_section,
)

BAD_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_title(title: str, taken: set[str]) -> str:
    base = title.translate(BAD_TITLE).strip()[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in taken:
        name = f"{base[:28]} {n}"
        n += 1
    taken.add(name.casefold())
    return name


def _sheet(
    book: Workbook,
    title: str,
    columns: list[Column],
    rows: Sequence[tuple[Cell, ...]],
    taken: set[str],
    totals: tuple[Cell, ...] | None = None,
) -> Worksheet:
    look = style()
    ws = book.create_sheet(_sheet_title(title, taken))
    fill = PatternFill("solid", fgColor=look["table_header_fill"].lstrip("#"))
    ws.append([c.title for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    formats = {"date": look["xlsx"]["date_format"], "datetime": look["xlsx"]["datetime_format"]}
    widths = [max(len(c.title) * 2, c.width // 2) for c in columns]
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for r, row in enumerate(rows, start=2):
        ws.append(list(row))
        for i, (column, value) in enumerate(zip(columns, row, strict=True)):
            cell = ws.cell(r, i + 1)
            if isinstance(value, datetime | date):
                cell.number_format = formats["datetime" if isinstance(value, datetime) else "date"]
            cell.alignment = wrap if column.kind == "long" else top
            text = cell_text(value)
            # East Asian characters are two columns wide in Excel's measure.
            wide = len(text) + sum(1 for ch in text if ord(ch) > 0x2E80)
            widths[i] = max(widths[i], min(wide, look["xlsx"]["max_column_width"]))
    if totals is not None:
        ws.append(list(totals))
        for cell in ws[len(rows) + 2]:
            cell.font = Font(bold=True)
    for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
        cap = look["xlsx"]["max_column_width"] if column.kind == "long" else 40
        ws.column_dimensions[get_column_letter(i + 1)].width = min(width, cap) + 2
    ws.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(1 + len(rows), 1)}"
    return ws


def write_xlsx(data: ReportData, path: Path, progress: Progress | None = None) -> None:
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    taken: set[str] = set()
    t = Texts(data.lang)
    summary = data.summary or summary_section(data.customers, t)
    _sheet(book, summary.title, list(summary.columns), list(summary.rows), taken, summary.totals)
    # The sections in the order a customer's report has them; one sheet each.
    order: dict[str, ReportSection] = {}
    for customer in data.customers:
        for section in customer.sections:
            order.setdefault(section.key, section)
    who = Column(customer_label(data.lang), "text", 24)
    total = len(order)
    for n, (key, first) in enumerate(order.items()):
        if progress is not None:
            progress.step(n, total, writing(data.lang, n, total))
        if first.columns:
            rows = [(name, *row) for name, row in data.section_rows(key)]
            _sheet(book, first.title, [who, *first.columns], rows, taken)
        else:  # sentences only (the coverage risks): one line per sentence
            lines = [
                (c.account.name, line)
                for c in data.customers
                for s in c.sections
                if s.key == key
                for line in s.lines
            ]
            _sheet(book, first.title, [who, Column(first.title, "long", 60)], lines, taken)
    book.properties.title = data.title
    book.properties.creator = "TrustDesk"
    book.save(str(path))
