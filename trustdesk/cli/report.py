"""``trustdesk report visit ID | account ID | portfolio …``: visit reports (VIS-4) as PDF,
DOCX, XLSX or CSV, in the language of ``--lang``.

Refused with one line and exit code 2, before anything is written: a bad id, a period that
ends before it starts or holds no visit, a place that cannot be written, a ``--format`` that
does not match the ``--out`` name. On a terminal a progress line counts the customers.
Qt, python-docx and openpyxl load when a report in their format is written.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from trustdesk.cli.common import SubParsers, command, noun, opened, say
from trustdesk.cli.values import day
from trustdesk.domain.enums import Stage
from trustdesk.errors import ValidationError
from trustdesk.reports.report_files import check_target, export_report
from trustdesk.services.fields import parse_enum
from trustdesk.services.progress import Progress
from trustdesk.services.visit_reports import ReportScope

FORMATS = ["pdf", "docx", "xlsx", "csv"]


class TerminalProgress(Progress):
    """Progress shown on one line of the terminal, rewritten in place."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.shown = False

    def step(self, done: int, total: int | None = None, text: str | None = None) -> None:
        super().step(done, total, text)
        if self.state.text:
            self.stream.write("\r\x1b[K" + self.state.text)
            self.stream.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _run(args: argparse.Namespace, scope: ReportScope) -> int:
    out, fmt = check_target(Path(args.out), args.format)  # a wrong name: refused at once
    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    began = time.perf_counter()
    try:
        with opened(args) as store:
            written = store.read(
                export_report, scope, out, lang=args.lang, fmt=fmt, progress=progress
            )
    finally:
        if progress is not None:
            progress.finish()
    seconds = time.perf_counter() - began
    print(say(args, f"Wrote the report to {written} ({seconds:.1f} s).",
              f"已将报告写入 {written}（{seconds:.1f} 秒）。"))  # fmt: skip
    return 0


def _period(args: argparse.Namespace) -> None:
    if args.start is None or args.end is None:
        raise ValidationError(
            "Give the period with --from DATE --to DATE.",
            "start",
            zh="请用 --from 日期 --to 日期 给出期间。",
        )


def cmd_visit(args: argparse.Namespace) -> int:
    return _run(args, ReportScope("visit", args.id))


def cmd_account(args: argparse.Namespace) -> int:
    _period(args)
    return _run(args, ReportScope("account", args.id, args.start, args.end))


def cmd_portfolio(args: argparse.Namespace) -> int:
    _period(args)
    stage = None if args.stage is None else parse_enum(Stage, args.stage, "stage")
    scope = ReportScope(
        "portfolio",
        None,
        args.start,
        args.end,
        stage=stage,
        tag=args.tag,
        owner=args.owner,
        view=args.view,
    )
    return _run(args, scope)


def _common(p: argparse.ArgumentParser, *, period: bool) -> None:
    if period:
        p.add_argument("--from", dest="start", type=day, metavar="DATE", help="first day")
        p.add_argument("--to", dest="end", type=day, metavar="DATE", help="last day (included)")
    p.add_argument(
        "--format", choices=FORMATS, help="pdf, docx, xlsx or csv (default: from --out's name)"
    )
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")


def register(sub: SubParsers) -> None:
    rep = noun(sub, "report", "visit reports as PDF, DOCX, XLSX or CSV (--lang: their language)")

    p = command(rep, "visit", cmd_visit, "one visit: the customer, its map, what was said")
    p.add_argument("id", metavar="ID", help="visit id (see 'visits list')")
    _common(p, period=False)

    p = command(rep, "account", cmd_account, "one customer over a period")
    p.add_argument("id", metavar="ID", help="customer id")
    _common(p, period=True)

    p = command(
        rep, "portfolio", cmd_portfolio,
        "every customer visited in a period (or those of one stage, tag, owner or saved view), "
        "with a summary table and totals",
    )  # fmt: skip
    p.add_argument("--stage", metavar="S", help="only customers at this stage")
    p.add_argument("--tag", metavar="T", help="only customers with this tag")
    p.add_argument("--owner", metavar="O", help="only customers this salesperson owns")
    p.add_argument("--view", metavar="NAME", help="only the customers of this saved view")
    _common(p, period=True)
