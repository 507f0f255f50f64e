"""``trustdesk visits …``: visits done and planned (VIS-1), the visit plan (VIS-3) and
intelligence notes (VIS-2)."""

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
from trustdesk.cli.values import day, moment, one_of, word, words
from trustdesk.domain.enums import Activity, Channel, ContactFunction, IntelKind
from trustdesk.errors import TrustDeskError
from trustdesk.services import accounts, visit_plan, visits
from trustdesk.services.records import NextStepRow, PlanRow, VisitData


def _visit_lines(args: argparse.Namespace, v: VisitData) -> list[str]:
    lang = args.lang
    sep = "、" if lang == "zh" else ", "
    planned = say(args, "  (planned)", "  （计划）") if not v.done else ""
    out = [f"{v.id}  {when(v.at)}  {one_line(v.account_name)}  [{v.channel.label(lang)}]{planned}"]
    if v.functions:
        out.append("    " + sep.join(f.label(lang) for f in v.functions))
    if v.people:
        out.append("    " + say(args, "people: ", "人员：") + sep.join(p.name for p in v.people))
    if v.notes:
        out.append("    " + say(args, "notes: ", "备注：") + one_line(v.notes))
    if v.outcome:
        out.append("    " + say(args, "outcome: ", "结果：") + one_line(v.outcome))
    if v.next_step:
        due = f" ({v.next_due})" if v.next_due else ""
        done = say(args, " — done", "——已完成") if v.next_done_at else ""
        out.append(f"    → {one_line(v.next_step)}{due}{done}")
    if v.gift_value is not None:
        over = say(args, " — above the gift ceiling", "——超过礼品上限") if v.gift_over_limit else ""
        out.append("    " + say(args, "gift: ", "礼品：") + f"{v.gift_value:g}{over}")
    return out


def cmd_add(args: argparse.Namespace) -> int:
    planned = args.planned
    channel = word(Channel, args.channel, "channel")
    functions = words(ContactFunction, args.function, "functions")
    activities = words(Activity, args.activity, "activities") if args.activity else None
    if args.next_due is not None and not args.next_step:
        raise TrustDeskError(
            "--next-due is the next step's due date; give --next-step too.",
            zh="--next-due 是下一步的期限，请同时给出 --next-step。",
        )
    with opened(args) as store:
        visit = store.write(
            visits.log_visit,
            args.account,
            channel=channel,
            functions=functions,
            contact_ids=args.contact or [],
            at=args.at,
            activities=activities,
            notes=args.notes or "",
            outcome=args.outcome or "",
            next_step=args.next_step or "",
            next_due=args.next_due,
            gift_value=args.gift_value,
            done=not planned,
        )

    def lines() -> list[str]:
        name = one_line(visit.account_name)
        if planned:
            head = say(args, f"Planned a visit to {name} on {when(visit.at)} (id {visit.id}).",
                       f"已安排 {when(visit.at)} 拜访 {name}（编号 {visit.id}）。")  # fmt: skip
        else:
            head = say(
                args,
                f"Logged the visit to {name} on {when(visit.at)} (id {visit.id}).",
                f"已记录 {when(visit.at)} 对 {name} 的拜访（编号 {visit.id}）。",
            )
        out = [head]
        if visit.gift_over_limit:
            out.append(
                say(args, "Note: the gift's value is above the team's ceiling.",
                    "注意：礼品价值超过了团队规定的上限。")
            )  # fmt: skip
        return out

    emit(args, visit, lines)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    if args.overdue:
        return _list_overdue(args)
    with opened(args) as store:
        found = store.read(
            visits.list_visits,
            account_id=args.account,
            contact_id=args.contact,
            start=args.start,
            end=args.end,
            limit=args.limit,
        )

    def lines() -> list[str]:
        out = [line for v in found for line in _visit_lines(args, v)]
        return out or [say(args, "No visits.", "没有拜访记录。")]

    emit(args, found, lines)
    return 0


def _list_overdue(args: argparse.Namespace) -> int:
    """Open next steps and planned visits whose day has passed (the filters narrow them)."""
    with opened(args) as store:
        if args.account is not None:
            store.read(accounts.get_account, args.account)  # an unknown id is refused
        rows = store.read(visit_plan.overdue_steps, limit=MAX_LIMIT)
        people: dict[str, set[str]] = {}
        if args.contact is not None:
            met = store.read(visits.list_visits, contact_id=args.contact, limit=MAX_LIMIT)
            people = {args.contact: {v.id for v in met}}
        found = [
            r
            for r in rows
            if (args.account is None or r.account_id == args.account)
            and (args.contact is None or r.visit_id in people[args.contact])
            and (args.start is None or r.due >= args.start)
            and (args.end is None or r.due <= args.end)
        ][: args.limit]
    today = visit_plan.today()

    def what(r: NextStepRow) -> str:
        channel = r.channel.label(args.lang) if r.channel else ""
        return " · ".join(p for p in (channel, one_line(r.what)) if p)

    def line(r: NextStepRow) -> str:
        late = (today - r.due).days
        if r.planned_visit:
            kind = say(args, "planned visit", "计划拜访")
        else:
            kind = say(args, "next step", "下一步")
        overdue = say(args, f"{late} days overdue", f"逾期 {late} 天")
        name = one_line(r.account_name)
        return f"{r.visit_id}  {r.due}  {overdue}  {name}  {kind}{colon(args.lang)}{what(r)}"

    def lines() -> list[str]:
        return [line(r) for r in found] or [say(args, "Nothing overdue.", "没有逾期事项。")]

    emit(args, found, lines)
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    with opened(args) as store:
        if args.overdue:
            rows = store.read(visit_plan.overdue_accounts, limit=args.limit)
        else:
            rows = store.read(visit_plan.due_accounts, days=args.days, limit=args.limit)

    def line(r: PlanRow) -> str:
        lang = args.lang
        last = when(r.last_visit_at) if r.last_visit_at else say(args, "never", "从未")
        state = (
            say(args, f"{r.days_overdue} days overdue", f"逾期 {r.days_overdue} 天")
            if r.days_overdue
            else say(args, "due", "到期")
        )
        return (
            f"{r.account_id}  {one_line(r.account_name)}  [{r.stage.label(lang)}]  "
            + say(args, f"last visit {last}  next due {r.next_visit_due}  ({state})",
                  f"上次拜访 {last}  下次应访 {r.next_visit_due}（{state}）")
        )  # fmt: skip

    def lines() -> list[str]:
        if rows:
            return [line(r) for r in rows]
        return [say(args, "No customer is overdue.", "没有逾期未访的客户。")] if args.overdue else [
            say(args, f"No customer is due in the next {args.days} days.",
                f"未来 {args.days} 天内没有应访的客户。")
        ]  # fmt: skip

    emit(args, rows, lines)
    return 0


def cmd_done_step(args: argparse.Namespace) -> int:
    with opened(args) as store:
        visit = store.write(visits.complete_next_step, args.id)
    emit(
        args,
        visit,
        lambda: [say(args, f"Next step done: {one_line(visit.next_step) or '—'}",
                     f"下一步已完成：{one_line(visit.next_step) or '—'}")],
    )  # fmt: skip
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    kind = word(IntelKind, args.kind, "kind")
    if args.departed and args.contact is None:
        raise TrustDeskError(
            "--departed marks the person of --contact as departed; give --contact too.",
            zh="--departed 用于把 --contact 指定的人员标记为已离职，请同时给出 --contact。",
        )
    with opened(args) as store:
        note = store.write(
            visits.add_intel_note,
            args.account,
            kind,
            args.text,
            visit_id=args.visit,
            contact_id=args.contact,
            contact_departed=args.departed,
        )
    emit(
        args,
        note,
        lambda: [say(args, f"Noted ({note.kind.en.lower()}), id {note.id}.",
                     f"已记下情报（{note.kind.zh}），编号 {note.id}。")],
    )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    vis = noun(sub, "visits", "visits done and planned, the visit plan, intelligence notes")

    p = command(vis, "add", cmd_add, "log a visit (or plan one with --planned)", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--contact", action="append", metavar="ID", help="a person met (repeatable)")
    p.add_argument("--channel", required=True, metavar="C", help=one_of(Channel))
    p.add_argument(
        "--function", nargs="+", action="extend", metavar="F",
        help="what the contact was for; at least one for a visit done; " + one_of(ContactFunction),
    )  # fmt: skip
    p.add_argument(
        "--activity", nargs="+", action="extend", metavar="A",
        help="what happened with the people met (default: the channel's typical one); "
        + one_of(Activity),
    )  # fmt: skip
    p.add_argument(
        "--at", type=moment, metavar="DATETIME",
        help="when, like '2026-11-23 14:30' (default: now); a visit done cannot be in the future",
    )  # fmt: skip
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--outcome", metavar="TEXT")
    p.add_argument("--next-step", metavar="TEXT")
    p.add_argument("--next-due", type=day, metavar="DATE", help="the next step's due date")
    p.add_argument(
        "--gift-value", metavar="N", help="a gift's value in yuan (checked against the ceiling)"
    )
    p.add_argument("--planned", action="store_true", help="a visit to come, not one done")

    p = command(vis, "list", cmd_list, "list visits, newest first", json_output=True)
    p.add_argument("--account", metavar="ID")
    p.add_argument("--contact", metavar="ID", help="visits that met this person")
    p.add_argument(
        "--overdue", action="store_true",
        help="instead: open next steps and planned visits whose day has passed",
    )  # fmt: skip
    p.add_argument("--from", dest="start", type=day, metavar="DATE", help="first day (included)")
    p.add_argument("--to", dest="end", type=day, metavar="DATE", help="last day (included)")
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=200, metavar="N")

    p = command(
        vis, "plan", cmd_plan,
        "customers due a visit (per their cadence), the overdue ones first",
        json_output=True,
    )  # fmt: skip
    p.add_argument("--overdue", action="store_true", help="only customers past their due day")
    p.add_argument(
        "--days", type=whole_number(0, 3660), default=14, metavar="N",
        help="look this many days ahead (default 14)",
    )  # fmt: skip
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=200, metavar="N")

    p = command(
        vis, "done-step", cmd_done_step, "mark a visit's next step as done", json_output=True
    )
    p.add_argument("id", metavar="VISIT_ID")

    p = command(vis, "note", cmd_note, "add an intelligence note to a customer", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--kind", required=True, metavar="K", help=one_of(IntelKind))
    p.add_argument("--text", required=True, metavar="TEXT")
    p.add_argument("--visit", metavar="ID", help="the visit where it was learnt")
    p.add_argument("--contact", metavar="ID", help="the person it is about")
    p.add_argument(
        "--departed", action="store_true",
        help="with a personnel change: mark the --contact person as departed",
    )  # fmt: skip
