"""``trustdesk export …``: files for other programs. ``export ics`` is the calendar, ``export
all`` the whole database (CSV per table, two spreadsheets, a manifest), ``export vcard`` a
customer's people for a phone's address book."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from trustdesk.cli.common import SubParsers, command, noun, opened, say
from trustdesk.cli.values import day


def cmd_ics(args: argparse.Namespace) -> int:
    # Imported here: the iCalendar library is needed by this command only (cold start).
    from trustdesk.services import calendar_export

    began = time.perf_counter()
    with opened(args) as store:
        count = store.read(
            calendar_export.export_ics, args.out, args.start, args.end, lang=args.lang
        )
    seconds = time.perf_counter() - began
    print(
        say(args, f"Wrote {count} calendar entries to {args.out} ({seconds:.1f} s).",
            f"已将 {count} 个日历条目写入 {args.out}（{seconds:.1f} 秒）。")
    )  # fmt: skip
    return 0


def cmd_all(args: argparse.Namespace) -> int:
    # openpyxl loads with the command that needs it (cold start of the others).
    from trustdesk.cli.report import TerminalProgress
    from trustdesk.services.exporting.everything import export_all

    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    began = time.perf_counter()
    try:
        with opened(args) as store:
            summary = store.read(export_all, Path(args.out), lang=args.lang, progress=progress)
    finally:
        if progress is not None:
            progress.finish()
    seconds = time.perf_counter() - began
    if args.json:
        json.dump({"path": str(summary.path), **summary.manifest}, sys.stdout,
                  ensure_ascii=False, indent=2)  # fmt: skip
        sys.stdout.write("\n")
        return 0
    width = max(len(f.file) for f in summary.files)
    for f in summary.files:
        rows = say(args, f"{f.rows:,} rows", f"{f.rows:,} 行")
        print(f"  {f.file:<{width}}  {rows:>14}")
    tables, total = len(summary.tables), summary.table_rows
    customers, people = summary.sheet_rows("account"), summary.sheet_rows("contact")
    print(
        say(args,
            f"Exported {tables} tables ({total:,} rows, deleted ones included) and the "
            f"spreadsheets of {customers:,} customers and {people:,} contacts to "
            f"{summary.path} ({seconds:.1f} s).",
            f"已导出 {tables} 张表（{total:,} 行，含已删除的记录）以及 {customers:,} 个客户和 "
            f"{people:,} 位联系人的表格，保存在 {summary.path}（{seconds:.1f} 秒）。")
    )  # fmt: skip
    return 0


def cmd_vcard(args: argparse.Namespace) -> int:
    from trustdesk.services.exporting.vcard import export_vcard

    with opened(args) as store:
        count = store.read(export_vcard, Path(args.out), account_id=args.customer)
    print(
        say(args, f"Wrote {count} contact card{'' if count == 1 else 's'} (vCard 3.0) to "
            f"{args.out}.",
            f"已将 {count} 张联系人名片（vCard 3.0）写入 {args.out}。")
    )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    exp = noun(sub, "export", "files for other programs")

    p = command(
        exp, "ics", cmd_ics,
        "the calendar (iCalendar .ics): planned visits, next steps, birthdays and care dates "
        "as events, promises as to-dos; a second export updates the first in a calendar app. "
        "--lang chooses the language of the entries",
    )  # fmt: skip
    p.add_argument("--out", required=True, metavar="FILE.ics", help="the file to write")
    p.add_argument("--from", dest="start", type=day, metavar="DATE", help="first day (included)")
    p.add_argument("--to", dest="end", type=day, metavar="DATE", help="last day (included)")

    p = command(
        exp, "all", cmd_all,
        "everything: one CSV per table (UTF-8 with BOM, every row, deleted ones included), "
        "customers.xlsx and contacts.xlsx to read (headers in --lang), and manifest.json "
        "with each file's rows and SHA-256. Into a folder, or a .zip when the name ends so; "
        "a folder that already holds files gets a dated folder inside it. --json prints the "
        "manifest",
        json_output=True,
    )  # fmt: skip
    p.add_argument("--out", required=True, metavar="DIR|FILE.zip", help="where to write")

    p = command(
        exp, "vcard", cmd_vcard,
        "a customer's people as vCard 3.0 (.vcf), which a phone's address book imports "
        "(departed people and placeholders left out)",
    )  # fmt: skip
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--customer", "--account", dest="customer", metavar="ID",
                     help="the customer whose people to write")  # fmt: skip
    who.add_argument("--all", action="store_true", help="the people of every customer")
    p.add_argument("--out", required=True, metavar="FILE.vcf", help="the file to write")
