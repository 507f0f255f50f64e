"""``trustdesk service …``: the log of good service delivered to a customer (TCH-2), which the
visit reports sum up as "what we did for you this year"."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import SubParsers, colon, command, emit, noun, one_line, opened, say
from trustdesk.cli.values import day
from trustdesk.services import service_log
from trustdesk.services.records import ServiceRecordData


def _line(args: argparse.Namespace, r: ServiceRecordData) -> str:
    label = say(args, "value", "价值") + colon(args.lang)
    value = f"  ({label}{one_line(r.value)})" if r.value else ""
    links = []
    if r.visit_id:
        links.append(say(args, f"visit {r.visit_id}", f"拜访 {r.visit_id}"))
    if r.complaint_id:
        links.append(say(args, f"complaint {r.complaint_id}", f"投诉 {r.complaint_id}"))
    tail = f"  [{', '.join(links)}]" if links else ""
    return f"{r.id}  {r.day}  {one_line(r.what)}{value}{tail}"


def cmd_add(args: argparse.Namespace) -> int:
    with opened(args) as store:
        made = store.write(
            service_log.add_service_record,
            args.account,
            args.what,
            day=args.day,
            value=args.value or "",
            visit_id=args.visit,
            complaint_id=args.complaint,
        )
    emit(
        args,
        made,
        lambda: [say(args, f"Logged the service (id {made.id}).",
                     f"已记录该项服务（编号 {made.id}）。")],
    )  # fmt: skip
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(
            service_log.list_service_records, args.account, start=args.start, end=args.end
        )
    emit(
        args,
        found,
        lambda: (
            [_line(args, r) for r in found] or [say(args, "No service logged.", "没有服务记录。")]
        ),
    )
    return 0


def register(sub: SubParsers) -> None:
    srv = noun(sub, "service", "the log of good service delivered to customers")

    p = command(srv, "add", cmd_add, "log good service delivered", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--what", required=True, metavar="TEXT", help="what we did")
    p.add_argument("--day", type=day, metavar="DATE", help="when (default: today)")
    p.add_argument("--value", metavar="TEXT", help="what it was worth to the customer")
    p.add_argument("--visit", metavar="ID", help="the visit it was done on")
    p.add_argument("--complaint", metavar="ID", help="the complaint it put right")

    p = command(srv, "list", cmd_list, "a customer's service log, newest first", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--from", dest="start", type=day, metavar="DATE", help="first day (included)")
    p.add_argument("--to", dest="end", type=day, metavar="DATE", help="last day (included)")
