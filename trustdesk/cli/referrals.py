"""``trustdesk referrals …``: who referred whom (DEA-4: a customer, or a person at one), and
the referral rate — of the customers added in a period, the share that came by a referral."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import (
    SubParsers,
    command,
    emit,
    noun,
    one_line,
    opened,
    say,
    whole_number,
)
from trustdesk.cli.values import day
from trustdesk.services import referrals
from trustdesk.services.records import ReferralData


def _line(args: argparse.Namespace, r: ReferralData) -> str:
    by = one_line(r.by_account_name)
    if r.by_contact_name:
        by += (
            f"（{one_line(r.by_contact_name)}）"
            if args.lang == "zh"
            else (f" ({one_line(r.by_contact_name)})")
        )
    what = say(args, f"{by} referred {one_line(r.referred_name)}",
               f"{by} 推荐了 {one_line(r.referred_name)}")  # fmt: skip
    notes = f"  “{one_line(r.notes)}”" if r.notes else ""
    return f"{r.id}  {r.referred_on}  {what}{notes}"


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(referrals.list_referrals, args.account)
    emit(
        args,
        found,
        lambda: [_line(args, r) for r in found] or [say(args, "No referrals.", "没有推荐记录。")],
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with opened(args) as store:
        made = store.write(
            referrals.add_referral,
            args.account,
            args.by,
            by_contact_id=args.contact,
            referred_on=args.date,
            notes=args.notes or "",
        )
    emit(
        args,
        made,
        lambda: [say(args, f"Recorded the referral (id {made.id}).",
                     f"已记录推荐（编号 {made.id}）。"),
                 _line(args, made)],
    )  # fmt: skip
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(referrals.delete_referral, args.id)
    emit(
        args,
        {"deleted": args.id},
        lambda: [say(args, f"Deleted the referral {args.id}.", f"已删除推荐记录 {args.id}。")],
    )
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(referrals.referral_rate, days=args.days)
    data = {
        "since": found.since,
        "added": found.added,
        "referred": found.referred,
        "rate": found.rate,
    }

    def lines() -> list[str]:
        shown = "—" if found.rate is None else f"{found.rate:.1%}"
        return [
            say(args, f"Referral rate since {found.since}: {shown} "
                f"({found.referred} of {found.added} customers added came by a referral).",
                f"自 {found.since} 起的推荐率：{shown}"
                f"（新增 {found.added} 个客户中，{found.referred} 个经推荐而来）。")
        ]  # fmt: skip

    emit(args, data, lines)
    return 0


def register(sub: SubParsers) -> None:
    com = noun(sub, "referrals", "who referred whom, and the referral rate")

    p = command(com, "list", cmd_list, "who referred this customer, and whom it referred",
                json_output=True)  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")

    p = command(com, "add", cmd_add, "record that a customer (or a person there) referred one",
                json_output=True)  # fmt: skip
    p.add_argument("account", metavar="REFERRED_ACCOUNT_ID", help="the customer who was referred")
    p.add_argument("--by", required=True, metavar="ACCOUNT_ID", help="the customer who referred")
    p.add_argument("--contact", metavar="CONTACT_ID", help="the person there who referred")
    p.add_argument("--date", type=day, metavar="DATE", help="the day (default: today)")
    p.add_argument("--notes", metavar="TEXT")

    p = command(com, "delete", cmd_delete, "delete a referral", json_output=True)
    p.add_argument("id", metavar="REFERRAL_ID")

    p = command(com, "rate", cmd_rate,
                "of the customers added in the period, the share that came by a referral",
                json_output=True)  # fmt: skip
    p.add_argument("--days", type=whole_number(1, 36_500), default=365, metavar="N",
                   help="the period: the last N days (default 365)")  # fmt: skip
