"""``trustdesk demo``: reproducible bilingual demo customers."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import MAX_DEMO_ACCOUNTS, SubParsers, command, opened, say, whole_number
from trustdesk.services import accounts


def cmd_demo(args: argparse.Namespace) -> int:
    from trustdesk import demo  # the CLI's one import of the demo generator

    with opened(args) as store:
        if args.if_empty and store.read(accounts.count_accounts) > 0:
            print(
                say(args, f"{store.path} already has customers; no demo data added.",
                    f"{store.path} 已有客户,未添加演示数据。")
            )  # fmt: skip
            return 0
        made, people = store.write(demo.generate, args.accounts, seed=args.seed)
        print(
            say(args, f"Added {made} demo customers with {people} contacts to {store.path}.",
                f"已向 {store.path} 添加 {made} 个演示客户和 {people} 位联系人。")
        )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    p = command(sub, "demo", cmd_demo, "fill the database with bilingual demo data")
    p.add_argument("--accounts", type=whole_number(1, MAX_DEMO_ACCOUNTS), default=120, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument("--if-empty", action="store_true", help="only if there are no customers")
