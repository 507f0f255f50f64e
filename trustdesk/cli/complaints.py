"""``trustdesk complaints …``: complaints with their two timers (CMP-1/2), the first-person
apology, the resolution, and each customer's three-chances history (CMP-3)."""

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
    when,
    whole_number,
)
from trustdesk.cli.values import moment, one_of, word
from trustdesk.domain.enums import Channel, ComplaintSeverity, RecoverySatisfaction
from trustdesk.services import complaints
from trustdesk.services.records import ComplaintData

STATES = complaints.STATES


def span(args: argparse.Namespace, seconds: int) -> str:
    """A length of time as a person says it: "2d 5h", "3h 10m", "12m" (天/小时/分钟)."""
    minutes = max(seconds, 0) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if args.lang == "zh":
        if days:
            return f"{days}天{hours}小时" if hours else f"{days}天"
        if hours:
            return f"{hours}小时{mins}分钟" if mins else f"{hours}小时"
        return f"{mins}分钟"
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h {mins}m" if mins else f"{hours}h"
    return f"{mins}m"


def state_of(args: argparse.Namespace, c: ComplaintData) -> str:
    """Where the complaint stands, with its timer: how long it took, or how far over it is."""
    if c.resolved_at is not None:
        done = say(args, f"resolved in {span(args, c.resolve_seconds)}",
                   f"{span(args, c.resolve_seconds)}内解决")  # fmt: skip
        happy = c.satisfied.label(args.lang)
        return f"{done}（{happy}）" if args.lang == "zh" else f"{done} ({happy})"
    if c.first_response_at is None and c.response_over_seconds > 0:
        return say(args, f"OVERDUE: unanswered, {span(args, c.response_over_seconds)} over",
                   f"已逾期：未回应，超时 {span(args, c.response_over_seconds)}")  # fmt: skip
    if c.resolve_over_seconds > 0:
        return say(args, f"OVERDUE: unresolved, {span(args, c.resolve_over_seconds)} over",
                   f"已逾期：未解决，超时 {span(args, c.resolve_over_seconds)}")  # fmt: skip
    if c.first_response_at is None:
        return say(args, f"waiting for an answer, respond by {when(c.respond_by)}",
                   f"待回应，须在 {when(c.respond_by)} 前回应")  # fmt: skip
    took, by = span(args, c.response_seconds), when(c.resolve_by)
    return say(args, f"answered in {took}, resolve by {by}", f"{took}内回应，须在 {by} 前解决")


def _lines(args: argparse.Namespace, c: ComplaintData) -> list[str]:
    lang = args.lang
    who = f" → {one_line(c.contact_name)}" if c.contact_name else ""
    out = [
        f"{c.id}  {when(c.received_at)}  [{c.severity.label(lang)}] [{c.channel.label(lang)}]  "
        f"{one_line(c.account_name)}{who}  {state_of(args, c)}",
        f"    {one_line(c.description)}",
    ]
    if c.apology_given:
        out.append("    " + say(args, "apology: ", "道歉：") + f"“{one_line(c.apology_words)}”")
    if c.resolution:
        out.append("    " + say(args, "resolution: ", "解决办法：") + one_line(c.resolution))
    if c.survey_answer_id:
        out.append("    " + say(args, "from survey answer ", "来自调查回答 ") + c.survey_answer_id)
    return out


def cmd_add(args: argparse.Namespace) -> int:
    channel = word(Channel, args.channel, "channel")
    severity = word(ComplaintSeverity, args.severity, "severity")
    with opened(args) as store:
        made = store.write(
            complaints.add_complaint,
            args.account,
            description=args.description,
            channel=channel,
            severity=severity,
            contact_id=args.contact,
            received_at=args.at,
            survey_answer_id=args.from_answer,
        )

    def lines() -> list[str]:
        name = one_line(made.account_name)
        return [
            say(args, f"Recorded the complaint of {name} (id {made.id}).",
                f"已记录 {name} 的投诉（编号 {made.id}）。"),
            say(args, f"Respond by {when(made.respond_by)}; resolve by {when(made.resolve_by)}.",
                f"须在 {when(made.respond_by)} 前回应，{when(made.resolve_by)} 前解决。"),
        ]  # fmt: skip

    emit(args, made, lines)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(
            complaints.list_complaints, account_id=args.account, state=args.state, limit=args.limit
        )

    def lines() -> list[str]:
        out = [line for c in found for line in _lines(args, c)]
        return out or [say(args, "No complaints.", "没有投诉。")]

    emit(args, found, lines)
    return 0


def cmd_respond(args: argparse.Namespace) -> int:
    with opened(args) as store:
        done = store.write(
            complaints.respond, args.id, at=args.at, apology_words=args.apology or ""
        )
    emit(
        args,
        done,
        lambda: [say(args, f"Answered {span(args, done.response_seconds)} after it came in.",
                     f"已回应：距收到投诉 {span(args, done.response_seconds)}。")],
    )  # fmt: skip
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    satisfied = word(RecoverySatisfaction, args.satisfied, "satisfied")
    with opened(args) as store:
        done = store.write(
            complaints.resolve,
            args.id,
            resolution=args.resolution,
            satisfied=satisfied,
            at=args.at,
            apology_words=args.apology or "",
        )
    emit(
        args,
        done,
        lambda: [say(args, f"Resolved {span(args, done.resolve_seconds)} after it came in "
                     f"(customer: {done.satisfied.en.lower()}).",
                     f"已解决：距收到投诉 {span(args, done.resolve_seconds)}"
                     f"（客户：{done.satisfied.zh}）。")],
    )  # fmt: skip
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(complaints.failure_history, args.account)

    def lines() -> list[str]:
        risk = f"[{found.risk.label(args.lang)}] " if found.risk is not None else ""
        return [risk + found.sentence(args.lang)] + [
            line for c in found.complaints for line in _lines(args, c)
        ]

    emit(args, found, lines)
    return 0


def register(sub: SubParsers) -> None:
    com = noun(sub, "complaints", "complaints, their timers, apologies and resolutions")

    p = command(com, "add", cmd_add, "record a complaint received", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--description", required=True, metavar="TEXT", help="what went wrong")
    p.add_argument("--channel", required=True, metavar="C", help=one_of(Channel))
    p.add_argument("--severity", required=True, metavar="S", help=one_of(ComplaintSeverity))
    p.add_argument("--contact", metavar="ID", help="the person who complained")
    p.add_argument(
        "--at", type=moment, metavar="DATETIME",
        help="when it came in, like '2026-11-23 14:30' (default: now)",
    )  # fmt: skip
    p.add_argument(
        "--from-answer", metavar="ANSWER_ID",
        help="the dissatisfied survey answer (score 1–3) it is opened from",
    )  # fmt: skip

    p = command(com, "list", cmd_list, "list complaints by state", json_output=True)
    p.add_argument("--account", metavar="ID")
    p.add_argument(
        "--state", choices=STATES, default="open",
        help="open (oldest first, the default), overdue (most overdue first), resolved, all",
    )  # fmt: skip
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=500, metavar="N")

    p = command(
        com, "respond", cmd_respond,
        "record the first response (with the apology, in the first person)", json_output=True,
    )  # fmt: skip
    p.add_argument("id", metavar="COMPLAINT_ID")
    p.add_argument("--apology", metavar="TEXT", help="the words, e.g. “I am sorry, I will …”")
    p.add_argument("--at", type=moment, metavar="DATETIME", help="when (default: now)")

    p = command(com, "resolve", cmd_resolve, "record how the complaint was put right",
                json_output=True)  # fmt: skip
    p.add_argument("id", metavar="COMPLAINT_ID")
    p.add_argument("--resolution", required=True, metavar="TEXT", help="what was done")
    p.add_argument(
        "--satisfied", default="unknown", metavar="S",
        help="was the customer satisfied with it? " + one_of(RecoverySatisfaction),
    )  # fmt: skip
    p.add_argument("--apology", metavar="TEXT", help="the apology's words, if not given before")
    p.add_argument("--at", type=moment, metavar="DATETIME", help="when (default: now)")

    p = command(
        com, "history", cmd_history,
        "a customer's failures and recoveries, and what the three-chances rule makes of them",
        json_output=True,
    )  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")
