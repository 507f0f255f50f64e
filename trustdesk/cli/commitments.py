"""``trustdesk commitments …``: promises made to customers (COM-1), their status history
(COM-1) and the bottom lines they may go beyond (COM-2)."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import (
    MAX_LIMIT,
    SubParsers,
    colon,
    command,
    emit,
    noun,
    one_line,
    opened,
    say,
    when,
    whole_number,
)
from trustdesk.cli.values import day, maybe_word, one_of, word
from trustdesk.domain.enums import BottomLine, CommitmentStatus
from trustdesk.services import commitments
from trustdesk.services.records import CommitmentData


def _line(args: argparse.Namespace, c: CommitmentData) -> str:
    lang = args.lang
    due = str(c.due) if c.due else "—"
    to = f"  → {one_line(c.contact_name)}" if c.contact_name else ""
    marks = []
    if c.bottom_line is not None and c.stated_value is not None:
        unit = c.bottom_line.unit(lang)
        value = f"{c.stated_value:g}{unit if unit == '%' or lang == 'zh' else ' ' + unit}"
        marks.append(f"{c.bottom_line.label(lang)}{colon(lang)}{value}")
    if c.needs_approval:
        marks.append(say(args, "NEEDS APPROVAL", "需审批"))
    if c.overdue:
        marks.append(say(args, "OVERDUE", "已逾期"))
    tail = f"  ({'; '.join(marks)})" if marks else ""
    return (
        f"{c.id}  {due}  [{c.status.label(lang)}]  {one_line(c.account_name)}{to}  "
        f"{one_line(c.what)}{tail}"
    )


def cmd_add(args: argparse.Namespace) -> int:
    line = maybe_word(BottomLine, args.bottom_line, "bottom_line")
    with opened(args) as store:
        promise = store.write(
            commitments.add_commitment,
            args.account,
            args.what,
            contact_id=args.to,
            due=args.due,
            visit_id=args.visit,
            bottom_line_kind=line,
            value=args.value,
        )

    def lines() -> list[str]:
        name = one_line(promise.account_name)
        out = [
            say(args, f"Recorded the promise to {name} (id {promise.id}).",
                f"已记录对 {name} 的承诺（编号 {promise.id}）。")
        ]  # fmt: skip
        if promise.needs_approval:
            out.append(
                say(args, "It goes beyond the team's bottom line: it needs approval "
                    f"('trustdesk commitments approve {promise.id}').",
                    f"该承诺超出团队底线，需要审批（trustdesk commitments approve {promise.id}）。")
            )  # fmt: skip
        return out

    emit(args, promise, lines)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    status = maybe_word(CommitmentStatus, args.status, "status")
    with opened(args) as store:
        found = store.read(
            commitments.list_commitments,
            account_id=args.account,
            status=status,
            needs_approval=True if args.needs_approval else None,
            overdue=args.overdue,
            limit=args.limit,
        )
    emit(
        args,
        found,
        lambda: [_line(args, c) for c in found] or [say(args, "No promises.", "没有承诺。")],
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    status = word(CommitmentStatus, args.status, "status")
    with opened(args) as store:
        promise = store.write(commitments.set_status, args.id, status, args.reason or "")
    emit(
        args,
        promise,
        lambda: [say(args, f"The promise is now {promise.status.en.lower()}.",
                     f"该承诺现在为“{promise.status.zh}”。")],
    )  # fmt: skip
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    with opened(args) as store:
        promise = store.write(commitments.approve, args.id)
    emit(
        args,
        promise,
        lambda: [say(args, "Approved: the promise left the approval list.",
                     "已审批：该承诺已移出待审批列表。")],
    )  # fmt: skip
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with opened(args) as store:
        changes = store.read(commitments.history, args.id)

    def lines() -> list[str]:
        lang = args.lang
        out = []
        for h in changes:
            frm = h.from_status.label(lang) if h.from_status else "—"
            line = f"{when(h.changed_at)}  {h.changed_by or '—'}  {frm} → {h.to_status.label(lang)}"
            out.append(line + (f"  “{one_line(h.reason)}”" if h.reason else ""))
        return out

    emit(args, changes, lines)
    return 0


def register(sub: SubParsers) -> None:
    com = noun(sub, "commitments", "promises made to customers, their history and approvals")

    p = command(com, "add", cmd_add, "record a promise made to a customer", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--what", required=True, metavar="TEXT", help="what was promised")
    p.add_argument("--to", metavar="CONTACT_ID", help="the person it was promised to")
    p.add_argument("--due", type=day, metavar="DATE", help="when it is to be kept")
    p.add_argument("--visit", metavar="ID", help="the visit where it was made")
    p.add_argument(
        "--bottom-line", metavar="KIND",
        help="the limit it states a value against; " + one_of(BottomLine),
    )  # fmt: skip
    p.add_argument(
        "--value", metavar="N",
        help="the value stated (percent off, days, yuan); beyond the team's limit it needs "
        "approval",
    )  # fmt: skip

    p = command(com, "list", cmd_list, "list promises, soonest due first", json_output=True)
    p.add_argument("--account", metavar="ID")
    p.add_argument("--status", metavar="S", help=one_of(CommitmentStatus))
    p.add_argument("--needs-approval", action="store_true", help="only those beyond a bottom line")
    p.add_argument("--overdue", action="store_true", help="only open ones past their due date")
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=500, metavar="N")

    p = command(
        com, "status", cmd_status,
        "move a promise to kept, broken, withdrawn or open (broken and withdrawn need --reason)",
        json_output=True,
    )  # fmt: skip
    p.add_argument("id")
    p.add_argument("status", metavar="STATUS", help=one_of(CommitmentStatus))
    p.add_argument("--reason", metavar="TEXT", help="why (kept in the history)")

    p = command(
        com, "approve", cmd_approve, "approve a promise beyond a bottom line", json_output=True
    )
    p.add_argument("id")

    p = command(
        com, "history", cmd_history, "a promise's status changes, oldest first", json_output=True
    )
    p.add_argument("id")
