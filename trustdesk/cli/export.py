"""``trustdesk export …``: files for other programs; ``export ics`` is the calendar."""

from __future__ import annotations

import argparse
import time

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
