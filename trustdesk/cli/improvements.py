"""``trustdesk improvements …``: CMP-4 "请您说，我们听，我们做" — improvement actions linked to
the complaints, survey answers and notes that asked for them, and each customer told once done."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from trustdesk.cli.common import (
    SubParsers,
    colon,
    command,
    emit,
    noun,
    one_line,
    opened,
    say,
    when,
)
from trustdesk.cli.values import day, moment
from trustdesk.errors import TrustDeskError
from trustdesk.services import improvements
from trustdesk.services.records import ImprovementData

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# option → the feedback kind the service knows
FEEDBACK = (("complaint", "complaint"), ("answer", "survey-answer"), ("note", "note"))
KIND_LABELS = {
    "complaint": ("complaint", "投诉"),
    "survey-answer": ("survey answer", "调查回答"),
    "note": ("note", "情报"),
}


def _sources(args: argparse.Namespace) -> list[tuple[str, str]]:
    return [(kind, ref) for option, kind in FEEDBACK for ref in getattr(args, option) or ()]


def _lines(args: argparse.Namespace, a: ImprovementData) -> list[str]:
    lang = args.lang
    if a.done_at is not None:
        state = say(args, f"done {when(a.done_at)}", f"{when(a.done_at)} 完成")
    else:
        due = str(a.due) if a.due else "—"
        state = say(args, f"open, due {due}", f"进行中，期限 {due}")
    out = [f"{a.id}  [{state}]  {one_line(a.what)}"]
    for s in a.sources:
        en, zh = KIND_LABELS.get(s.kind, (s.kind, s.kind))
        label = zh if lang == "zh" else en
        out.append(f"    {label} {s.ref_id}  {one_line(s.account_name)}{colon(lang)}"
                   f"{one_line(s.summary)}")  # fmt: skip
    for c in a.customers:
        if c.informed_at is not None:
            how = f"（{one_line(c.how)}）" if lang == "zh" else f" ({one_line(c.how)})"
            how = how if c.how else ""
            told = say(args, f"informed {when(c.informed_at)}{how}",
                       f"已于 {when(c.informed_at)} 告知{how}")  # fmt: skip
        elif a.done_at is not None:
            told = say(args, "TO INFORM", "待告知")
        else:
            told = say(args, "to inform once done", "完成后告知")
        out.append(f"    → {c.account_id}  {one_line(c.account_name)}  {told}")
    return out


def cmd_add(args: argparse.Namespace) -> int:
    with opened(args) as store:
        made = store.write(improvements.add_action, args.what, sources=_sources(args), due=args.due)
    emit(
        args,
        made,
        lambda: [say(args, f"Recorded the improvement (id {made.id}), answering "
                     f"{len(made.sources)} piece{'' if len(made.sources) == 1 else 's'} of "
                     "feedback.",
                     f"已记录改进措施（编号 {made.id}），回应 {len(made.sources)} 条反馈。")],
    )  # fmt: skip
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    sources = _sources(args)
    if not sources:
        raise TrustDeskError(
            "Name the feedback to link: --complaint, --answer or --note.",
            zh="请指明要关联的反馈：--complaint、--answer 或 --note。",
        )

    def link_all(session: Session) -> ImprovementData:  # one transaction: all or nothing
        for kind, ref in sources:
            improvements.link_feedback(session, args.id, kind, ref)
        return improvements.get_action(session, args.id)

    with opened(args) as store:
        linked = store.write(link_all)
    emit(
        args,
        linked,
        lambda: [say(args, f"Linked; the improvement now answers {len(linked.sources)} "
                     "piece(s) of feedback.",
                     f"已关联；该改进措施现回应 {len(linked.sources)} 条反馈。")],
    )  # fmt: skip
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    if args.to_inform:
        with opened(args) as store:
            pairs = store.read(improvements.customers_to_inform)
        rows = [{"action": a, "customer": c} for a, c in pairs]

        def inform_lines() -> list[str]:
            return [
                f"{a.id}  {c.account_id}  {one_line(c.account_name)}  "
                + say(args, f"done {when(a.done_at)}: ", f"{when(a.done_at)} 完成：")
                + one_line(a.what)
                for a, c in pairs
            ] or [say(args, "Every customer concerned has been told.", "所有相关客户均已告知。")]

        emit(args, rows, inform_lines)
        return 0
    with opened(args) as store:
        found = store.read(improvements.list_actions, open_only=args.open, account_id=args.account)
    emit(
        args,
        found,
        lambda: (
            [line for a in found for line in _lines(args, a)]
            or [say(args, "No improvements.", "没有改进措施。")]
        ),
    )
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    with opened(args) as store:
        done = store.write(improvements.complete_action, args.id, at=args.at)
    waiting = len(done.to_inform)
    emit(
        args,
        done,
        lambda: [say(args, f"Done. {waiting} customer{'' if waiting == 1 else 's'} to tell "
                     f"('trustdesk improvements inform {done.id} --account ID').",
                     f"已完成。待告知 {waiting} 个客户"
                     f"（trustdesk improvements inform {done.id} --account 编号）。")],
    )  # fmt: skip
    return 0


def cmd_inform(args: argparse.Namespace) -> int:
    with opened(args) as store:
        done = store.write(
            improvements.mark_informed, args.id, args.account, how=args.how or "", at=args.at
        )
    waiting = len(done.to_inform)
    emit(
        args,
        done,
        lambda: [say(args, f"Marked as informed; {waiting} still to tell.",
                     f"已标记为已告知；还有 {waiting} 个客户待告知。")],
    )  # fmt: skip
    return 0


def _feedback_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--complaint", action="append", metavar="ID", help="a complaint (repeatable)")
    p.add_argument(
        "--answer", action="append", metavar="ID",
        help="a dissatisfied survey answer (repeatable)",
    )  # fmt: skip
    p.add_argument(
        "--note", action="append", metavar="ID", help="an intelligence note (repeatable)"
    )


def register(sub: SubParsers) -> None:
    imp = noun(sub, "improvements", "improvements asked for by customers, and telling them")

    p = command(imp, "add", cmd_add, "record an improvement and the feedback it answers",
                json_output=True)  # fmt: skip
    p.add_argument("--what", required=True, metavar="TEXT")
    p.add_argument("--due", type=day, metavar="DATE")
    _feedback_options(p)

    p = command(imp, "link", cmd_link, "link more feedback to an improvement", json_output=True)
    p.add_argument("id", metavar="IMPROVEMENT_ID")
    _feedback_options(p)

    p = command(imp, "list", cmd_list, "list improvements, open ones first", json_output=True)
    p.add_argument("--open", action="store_true", help="only those not done yet")
    p.add_argument("--account", metavar="ID", help="only those concerning this customer")
    p.add_argument(
        "--to-inform", action="store_true",
        help="instead: each customer still to be told of a done improvement",
    )  # fmt: skip

    p = command(imp, "done", cmd_done, "mark an improvement as done", json_output=True)
    p.add_argument("id", metavar="IMPROVEMENT_ID")
    p.add_argument("--at", type=moment, metavar="DATETIME", help="when (default: now)")

    p = command(imp, "inform", cmd_inform, "record that a customer was told it is done",
                json_output=True)  # fmt: skip
    p.add_argument("id", metavar="IMPROVEMENT_ID")
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--how", metavar="TEXT", help="how they were told (a call, a visit…)")
    p.add_argument("--at", type=moment, metavar="DATETIME", help="when (default: now)")
