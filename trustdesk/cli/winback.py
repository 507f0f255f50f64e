"""``trustdesk winback …``: winning back a lost customer (WIN-1/2) — the worth-it check, then
the seven steps of seed 000, each with status, date and notes. Moving the customer back to a
buying stage (``trustdesk accounts stage``) closes the plan as won back."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import (
    SubParsers,
    colon,
    command,
    emit,
    nothing_to_change,
    noun,
    one_line,
    opened,
    say,
    when,
)
from trustdesk.cli.values import day, maybe_word, one_of, word
from trustdesk.domain.enums import StepStatus, WinBackStatus, WinBackStep
from trustdesk.errors import ValidationError
from trustdesk.services import winback
from trustdesk.services.records import WinBackPlanData

STEPS = list(WinBackStep)


def step_of(text: str) -> WinBackStep:
    """A step by its number (1–7), its code (``ask``) or its label."""
    if text.strip().isdigit():
        if 1 <= int(text) <= len(STEPS):
            return STEPS[int(text) - 1]
        raise ValidationError(
            f"There are {len(STEPS)} steps: give a number from 1 to {len(STEPS)}, not {text}.",
            "step",
            zh=f"共有 {len(STEPS)} 个步骤：请给出 1 到 {len(STEPS)} 的编号，不是 {text}。",
        )
    return word(WinBackStep, text, "step")


def _head(args: argparse.Namespace, p: WinBackPlanData) -> str:
    done = sum(s.status is StepStatus.DONE for s in p.steps)
    value = f"{p.past_value:,.0f}" if p.past_value is not None else "—"
    closed = f" {when(p.closed_at)}" if p.closed_at else ""
    return (
        f"{p.id}  {one_line(p.account_name)}  [{p.status.label(args.lang)}{closed}]  "
        + say(args, f"{done}/{len(p.steps)} steps done, past value {value}",
              f"已完成 {done}/{len(p.steps)} 步，过往价值 {value}")
    )  # fmt: skip


def _plan_lines(args: argparse.Namespace, p: WinBackPlanData) -> list[str]:
    lang = args.lang
    out = [_head(args, p)]
    if p.worth_reason:
        out.append("    " + say(args, "why: ", "理由：") + one_line(p.worth_reason))
    for n, s in enumerate(p.steps, start=1):
        on = f" {s.done_on}" if s.done_on else ""
        out.append(f"    {n}. [{s.status.label(lang)}{on}] {s.step.label(lang)}")
        if s.notes:
            out.append(f"       {say(args, 'notes', '备注')}{colon(lang)}{one_line(s.notes)}")
    return out


def cmd_check(args: argparse.Namespace) -> int:
    with opened(args) as store:
        check = store.read(winback.worth_check, args.account, args.past_value)
    verdict = (
        say(args, "Worth winning back", "值得挽回")
        if check.worth_it
        else say(args, "Not worth winning back", "不值得挽回")
    )
    emit(
        args,
        check,
        lambda: [f"{verdict}{colon(args.lang)}{check.zh if args.lang == 'zh' else check.en}"],
    )
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    with opened(args) as store:
        plan = store.write(
            winback.start_winback, args.account, past_value=args.past_value,
            reason=args.reason or "",
        )  # fmt: skip
    emit(
        args,
        plan,
        lambda: [say(args, f"Started the win-back plan (id {plan.id}).",
                     f"已开始挽回计划（编号 {plan.id}）。"),
                 *_plan_lines(args, plan)],
    )  # fmt: skip
    return 0


def cmd_step(args: argparse.Namespace) -> int:
    which = step_of(args.step)
    status = maybe_word(StepStatus, args.status, "status")
    if args.date is not None and status is not StepStatus.DONE:
        raise ValidationError(
            "--date is the day a step was done; give --status done too.",
            "done_on",
            zh="--date 是该步骤完成的日期，请同时给出 --status done。",
        )
    if status is None and args.notes is None:
        nothing_to_change(args)
    with opened(args) as store:
        plan = store.write(
            winback.set_step, args.plan, which, status=status, done_on=args.date, notes=args.notes
        )
    emit(args, plan, lambda: _plan_lines(args, plan))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    status = maybe_word(WinBackStatus, args.status, "status")
    with opened(args) as store:
        if args.account is not None:
            found = store.read(winback.plans_of_account, args.account)
            found = [p for p in found if status is None or p.status is status]
        else:
            found = store.read(winback.list_plans, status=status)

    def lines() -> list[str]:
        if args.steps:
            out = [line for p in found for line in _plan_lines(args, p)]
        else:
            out = [_head(args, p) for p in found]
        return out or [say(args, "No win-back plans.", "没有挽回计划。")]

    emit(args, found, lines)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as store:
        plan = store.read(winback.get_plan, args.plan)
    emit(args, plan, lambda: _plan_lines(args, plan))
    return 0


def cmd_abandon(args: argparse.Namespace) -> int:
    with opened(args) as store:
        plan = store.write(winback.abandon, args.plan, args.reason or "")
    emit(args, plan, lambda: [say(args, "The plan is given up.", "已放弃该挽回计划。")])
    return 0


def register(sub: SubParsers) -> None:
    win = noun(sub, "winback", "winning back lost customers: the worth-it check and seven steps")

    p = command(win, "check", cmd_check, "is this lost customer worth winning back?",
                json_output=True)  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")
    p.add_argument("--past-value", required=True, metavar="N", help="its past business, in yuan")

    p = command(win, "start", cmd_start, "start the seven steps for a lost customer",
                json_output=True)  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")
    p.add_argument("--past-value", required=True, metavar="N", help="its past business, in yuan")
    p.add_argument("--reason", metavar="TEXT", help="why it is worth it (default: the check's)")

    p = command(
        win, "step", cmd_step, "record progress on one step: status, date, notes", json_output=True
    )
    p.add_argument("plan", metavar="PLAN_ID")
    p.add_argument("step", metavar="STEP", help="1–7, or " + one_of(WinBackStep))
    p.add_argument("--status", metavar="S", help=one_of(StepStatus))
    p.add_argument("--date", type=day, metavar="DATE", help="the day it was done (default: today)")
    p.add_argument("--notes", metavar="TEXT", help="what the customer said, what we did")

    p = command(win, "list", cmd_list, "list win-back plans, the newest first", json_output=True)
    p.add_argument("--status", metavar="S", help=one_of(WinBackStatus))
    p.add_argument("--account", metavar="ID", help="only this customer's plans")
    p.add_argument("--steps", action="store_true", help="show each plan's seven steps too")

    p = command(win, "show", cmd_show, "one plan with its seven steps", json_output=True)
    p.add_argument("plan", metavar="PLAN_ID")

    p = command(win, "abandon", cmd_abandon, "give up winning the customer back",
                json_output=True)  # fmt: skip
    p.add_argument("plan", metavar="PLAN_ID")
    p.add_argument("--reason", metavar="TEXT", help="why (kept with the plan)")
