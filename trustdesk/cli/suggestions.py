"""``trustdesk suggestions …``: stage changes the evidence suggests (ACC-4). Nothing moves until
the user accepts one; the stage history then keeps the evidence sentence (in ``--lang``)."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import (
    MAX_LIMIT,
    SubParsers,
    command,
    emit,
    noun,
    one_line,
    opened,
    say,
    whole_number,
)
from trustdesk.cli.values import one_of, word
from trustdesk.domain.enums import LostReason, StageRule
from trustdesk.services import stage_suggestions
from trustdesk.services.records import StageSuggestionData


def _line(args: argparse.Namespace, s: StageSuggestionData) -> str:
    lang = args.lang
    return (
        f"{s.account_id}  {one_line(s.account_name)}  {s.stage.label(lang)} → "
        f"{s.to_stage.label(lang)}  [{s.rule.value}]  {s.sentence(lang)}"
    )


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(stage_suggestions.list_suggestions, limit=args.limit)
    emit(
        args,
        found,
        lambda: [_line(args, s) for s in found] or [say(args, "No suggestions.", "没有建议。")],
    )
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    rule = word(StageRule, args.rule, "rule")
    lost = word(LostReason, args.lost_reason, "lost_reason") if args.lost_reason else None
    options = {"lost_reason": lost} if lost is not None else {}
    with opened(args) as store:
        account = store.write(
            stage_suggestions.accept, args.account, rule, lang=args.lang, **options
        )
    emit(
        args,
        account,
        lambda: [say(args, f"{one_line(account.name)} is now at stage {account.stage.en}.",
                     f"{one_line(account.name)} 现处于“{account.stage.zh}”阶段。")],
    )  # fmt: skip
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    rule = word(StageRule, args.rule, "rule")
    with opened(args) as store:
        store.write(stage_suggestions.dismiss, args.account, rule)
    emit(
        args,
        {"account_id": args.account, "rule": rule, "dismissed": True},
        lambda: [say(args, "Dismissed: it comes back only if the evidence changes.",
                     "已忽略：依据变化后才会再次出现。")],
    )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    sug = noun(sub, "suggestions", "stage changes the evidence suggests; accept or dismiss them")

    p = command(sug, "list", cmd_list, "customers with a suggested stage change",
                json_output=True)  # fmt: skip
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=200, metavar="N")

    p = command(
        sug, "accept", cmd_accept,
        "move the customer as suggested (the history keeps the evidence in --lang)",
        json_output=True,
    )  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")
    p.add_argument("rule", metavar="RULE", help=one_of(StageRule))
    p.add_argument(
        "--lost-reason", metavar="R",
        help="for a move to lost (default: neglect); " + one_of(LostReason),
    )  # fmt: skip

    p = command(sug, "dismiss", cmd_dismiss, "not now: hide it until its evidence changes",
                json_output=True)  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")
    p.add_argument("rule", metavar="RULE", help=one_of(StageRule))
