"""``trustdesk deals …``: the opportunity pipeline (DEA-1), each deal's team of ours (DEA-2)
and win rates by the customer's stage at opening against the seed-004 reference (DEA-5).

Amounts are typed as a person writes them (``12,000.50``); text shows them with their
currency's sign, ``--json`` as whole minor units (分/cents) beside the currency code.
"""

from __future__ import annotations

import argparse
from typing import Any

from trustdesk.cli.common import (
    MAX_LIMIT,
    SubParsers,
    colon,
    command,
    emit,
    given,
    nothing_to_change,
    noun,
    one_line,
    opened,
    say,
    whole_number,
)
from trustdesk.cli.values import day, one_of, word
from trustdesk.domain.deals import WinRate
from trustdesk.domain.enums import DealRole, DealStage, SalesChannel
from trustdesk.domain.money import format_money
from trustdesk.errors import ValidationError
from trustdesk.services import deals
from trustdesk.services.records import DealData, PipelineColumn

MONEY_HELP = "an amount as you write it, like 12,000.50 (--json shows it as minor units, 分/cents)"


def _head(args: argparse.Namespace, d: DealData) -> str:
    lang = args.lang
    closed = f" {d.closed_on}" if d.closed_on else ""
    until = (
        ""
        if d.stage.closed or d.expected_close is None
        else say(args, f", close by {d.expected_close}", f"，预计 {d.expected_close} 成交")
    )
    return (
        f"{d.id}  [{d.stage.label(lang)}{closed}]  {one_line(d.title)}  "
        f"{format_money(d.amount, d.currency)}  {one_line(d.account_name)}  "
        f"({d.channel.label(lang)}{until})"
    )


def _deal_lines(args: argparse.Namespace, d: DealData) -> list[str]:
    lang = args.lang
    out = [_head(args, d)]
    facts = [
        say(args, f"opened {d.opened_on}", f"开始于 {d.opened_on}"),
        say(args, f"customer then: {d.account_stage.label(lang)}",
            f"当时客户阶段：{d.account_stage.label(lang)}"),
    ]  # fmt: skip
    if d.cycle_days is not None:
        facts.append(say(args, f"cycle {d.cycle_days} days", f"周期 {d.cycle_days} 天"))
    if d.owner:
        facts.append(say(args, "owner ", "负责人 ") + one_line(d.owner))
    out.append("    " + ("，" if lang == "zh" else ", ").join(facts))
    if d.team:
        team = ("、" if lang == "zh" else ", ").join(
            f"{one_line(m.name)}（{m.role.label(lang)}）"
            if lang == "zh"
            else f"{one_line(m.name)} ({m.role.label(lang)})"
            for m in d.team
        )
        out.append(f"    {say(args, 'team', '团队')}{colon(lang)}{team}")
    if d.lost_reason:
        out.append(f"    {say(args, 'why lost', '丢单原因')}{colon(lang)}{one_line(d.lost_reason)}")
    if d.notes:
        out.append(f"    {say(args, 'notes', '备注')}{colon(lang)}{one_line(d.notes)}")
    return out


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(deals.list_deals, args.account)

    def lines() -> list[str]:
        out = [line for d in found for line in _deal_lines(args, d)]
        return out or [say(args, "No deals.", "没有商机。")]

    emit(args, found, lines)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    channel = word(SalesChannel, args.channel, "channel")
    stage = word(DealStage, args.stage, "stage")
    with opened(args) as store:
        made = store.write(
            deals.add_deal,
            args.account,
            args.title,
            channel=channel,
            amount=args.amount or 0,
            currency=args.currency or "",
            stage=stage,
            opened_on=args.opened,
            expected_close=args.expected_close,
            notes=args.notes or "",
        )
    emit(
        args,
        made,
        lambda: [say(args, f"Added the deal (id {made.id}).", f"已添加商机（编号 {made.id}）。"),
                 *_deal_lines(args, made)],
    )  # fmt: skip
    return 0


EDIT_OPTIONS = ("title", "channel", "amount", "currency", "expected_close", "notes", "lost_reason")


def cmd_edit(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = given(args, EDIT_OPTIONS)
    if not changes:
        nothing_to_change(args)
    if "channel" in changes:
        changes["channel"] = word(SalesChannel, changes["channel"], "channel")
    with opened(args) as store:
        done = store.write(deals.update_deal, args.id, **changes)
    emit(args, done, lambda: _deal_lines(args, done))
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    stage = word(DealStage, args.stage, "stage")
    if args.closed_on is not None and not stage.closed:
        raise ValidationError(
            "--closed-on is the day a deal was won or lost; it fits only those two stages.",
            "closed_on",
            zh="--closed-on 是商机赢单或丢单的日期，只适用于这两个阶段。",
        )
    if args.lost_reason is not None and stage is not DealStage.LOST:
        raise ValidationError(
            "--lost-reason fits only a deal moved to lost.",
            "lost_reason",
            zh="--lost-reason 只适用于转为丢单的商机。",
        )
    with opened(args) as store:
        done = store.write(
            deals.move_deal,
            args.id,
            stage,
            closed_on=args.closed_on,
            lost_reason=args.lost_reason or "",
        )
    emit(args, done, lambda: _deal_lines(args, done))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(deals.delete_deal, args.id)
    emit(
        args,
        {"deleted": args.id},
        lambda: [say(args, f"Deleted the deal {args.id}.", f"已删除商机 {args.id}。")],
    )
    return 0


def member_of(text: str) -> tuple[DealRole, str]:
    """``sales-rep=王磊`` (a role's code or label, ``=``, the person's name)."""
    role, sep, name = text.replace("＝", "=").partition("=")
    if not sep or not role.strip() or not name.strip():
        raise ValidationError(
            f"A team member is written ROLE=NAME, like sales-rep=王磊, not {text!r}.",
            "team",
            zh=f"团队成员的写法是 角色=姓名，例如 sales-rep=王磊，而不是“{text}”。",
        )
    return word(DealRole, role.strip(), "role"), name.strip()


def cmd_team(args: argparse.Namespace) -> int:
    members = [member_of(m) for m in args.member or ()]
    if members and args.clear:
        raise ValidationError(
            "Give --member to set the team, or --clear to empty it, not both.",
            "team",
            zh="请用 --member 设置团队，或用 --clear 清空团队，不能同时使用。",
        )
    with opened(args) as store:
        if members or args.clear:
            deal = store.write(deals.set_deal_team, args.id, members)
        else:
            deal = store.read(deals.get_deal, args.id)

    def lines() -> list[str]:
        out = [f"{one_line(m.name)}  {m.role.label(args.lang)}" for m in deal.team]
        return out or [say(args, "No one on this deal's team.", "该商机还没有团队成员。")]

    emit(args, deal.team, lines)
    return 0


def _totals(totals: dict[str, int]) -> str:
    return " + ".join(format_money(v, c) for c, v in sorted(totals.items())) or format_money(0)


def cmd_pipeline(args: argparse.Namespace) -> int:
    with opened(args) as store:
        columns: list[PipelineColumn] = store.read(
            deals.pipeline, closed_since=args.since, owner=args.owner
        )

    def lines() -> list[str]:
        out = []
        for col in columns:
            count = say(args, f"{len(col.deals)} deal{'' if len(col.deals) == 1 else 's'}",
                        f"{len(col.deals)} 个")  # fmt: skip
            out.append(f"{col.stage.label(args.lang)}  {count}  {_totals(col.totals)}")
            out += [f"    {_head(args, d)}" for d in col.deals[: args.top]]
            if len(col.deals) > args.top:
                more = len(col.deals) - args.top
                out.append("    " + say(args, f"… {more} more", f"…… 另有 {more} 个"))
        return out

    emit(args, columns, lines)
    return 0


def win_rate_json(rate: WinRate) -> dict[str, Any]:
    return {
        "group": rate.group.code,
        "reference": rate.group.reference,
        "won": rate.won,
        "lost": rate.lost,
        "closed": rate.closed,
        "rate": rate.rate,
    }


def cmd_win_rates(args: argparse.Namespace) -> int:
    with opened(args) as store:
        rates: list[WinRate] = store.read(deals.deal_win_rates, since=args.since)

    def lines() -> list[str]:
        out = []
        for r in rates:
            shown = "—" if r.rate is None else f"{r.rate:.0%}"
            out.append(
                f"{r.group.label(args.lang)}{colon(args.lang)}{shown}  "
                + say(args, f"({r.won} won of {r.closed}; reference {r.group.reference:.0%})",
                      f"（{r.closed} 个中赢 {r.won} 个；参考 {r.group.reference:.0%}）")
            )  # fmt: skip
        return out

    emit(args, [win_rate_json(r) for r in rates], lines)
    return 0


def register(sub: SubParsers) -> None:
    com = noun(sub, "deals", "deals (商机): the pipeline, each deal's team, win rates")

    p = command(
        com, "list", cmd_list,
        "a customer's deals, open ones first (--json: amounts as minor units, 分/cents, "
        "beside the currency)",
        json_output=True,
    )  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")

    p = command(com, "add", cmd_add, "open a deal with a customer", json_output=True)
    p.add_argument("account", metavar="ACCOUNT_ID")
    p.add_argument("--title", required=True, metavar="TEXT", help="what the deal is for")
    p.add_argument("--channel", default="face-to-face", metavar="C",
                   help=one_of(SalesChannel) + "; default face-to-face")  # fmt: skip
    p.add_argument("--amount", metavar="AMOUNT", help=MONEY_HELP)
    p.add_argument("--currency", metavar="CODE", help="three letters, like CNY (the default)")
    p.add_argument("--stage", default="lead", metavar="S",
                   help=one_of(DealStage) + "; default lead")  # fmt: skip
    p.add_argument("--opened", type=day, metavar="DATE", help="day it opened (default: today)")
    p.add_argument("--expected-close", type=day, metavar="DATE", help="when it should close")
    p.add_argument("--notes", metavar="TEXT")

    p = command(com, "edit", cmd_edit, "change a deal's fields (its stage: 'deals move')",
                json_output=True)  # fmt: skip
    p.add_argument("id", metavar="DEAL_ID")
    p.add_argument("--title", metavar="TEXT")
    p.add_argument("--channel", metavar="C", help=one_of(SalesChannel))
    p.add_argument("--amount", metavar="AMOUNT", help=MONEY_HELP)
    p.add_argument("--currency", metavar="CODE", help="three letters, like CNY")
    p.add_argument("--expected-close", type=day, metavar="DATE")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--lost-reason", metavar="TEXT", help="why a lost deal was lost")

    p = command(com, "move", cmd_move, "move a deal along the pipeline; won or lost closes it",
                json_output=True)  # fmt: skip
    p.add_argument("id", metavar="DEAL_ID")
    p.add_argument("stage", metavar="STAGE", help=one_of(DealStage))
    p.add_argument("--closed-on", type=day, metavar="DATE",
                   help="the day it was won or lost (default: today)")  # fmt: skip
    p.add_argument("--lost-reason", metavar="TEXT", help="why it was lost")

    p = command(com, "delete", cmd_delete, "delete a deal (and its team)", json_output=True)
    p.add_argument("id", metavar="DEAL_ID")

    p = command(
        com, "team", cmd_team,
        "show a deal's team of ours, or set it: the people named replace the team",
        json_output=True,
    )  # fmt: skip
    p.add_argument("id", metavar="DEAL_ID")
    p.add_argument(
        "--member", action="append", metavar="ROLE=NAME",
        help="one person, like sales-rep=王磊 (repeat for each); the role is "
        + one_of(DealRole),
    )  # fmt: skip
    p.add_argument("--clear", action="store_true", help="remove everyone from the team")

    p = command(com, "pipeline", cmd_pipeline,
                "every stage with its deals (the most valuable first) and totals",
                json_output=True)  # fmt: skip
    p.add_argument("--since", type=day, metavar="DATE",
                   help="won and lost deals closed since (default: the last 90 days)")  # fmt: skip
    p.add_argument("--owner", metavar="NAME", help="only this person's deals")
    p.add_argument(
        "--top", type=whole_number(0, MAX_LIMIT), default=10, metavar="N",
        help="deals shown per stage in text (default 10; --json has them all)",
    )  # fmt: skip

    p = command(com, "win-rates", cmd_win_rates,
                "win rate by the customer's stage at opening, against the seed-004 reference",
                json_output=True)  # fmt: skip
    p.add_argument("--since", type=day, metavar="DATE",
                   help="deals closed since (default: all)")  # fmt: skip
