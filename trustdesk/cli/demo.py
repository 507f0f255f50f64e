"""``trustdesk demo``: reproducible bilingual demo customers."""

from __future__ import annotations

import argparse
import sys

from trustdesk.cli.common import (
    EXIT_BAD_INPUT,
    MAX_DEMO_ACCOUNTS,
    SubParsers,
    command,
    opened,
    say,
    whole_number,
)
from trustdesk.services import accounts


def cmd_demo(args: argparse.Namespace) -> int:
    from trustdesk import demo  # the CLI's one import of the demo generator

    with opened(args) as store:
        existing = store.read(accounts.count_accounts)
        if existing and args.if_empty:
            print(
                say(args, f"{store.path} already has customers; no demo data added.",
                    f"{store.path} 已有客户，未添加演示数据。")
            )  # fmt: skip
            return 0
        if existing and not args.force:
            # Running demo twice used to double the data silently (the same customers twice).
            print(
                "trustdesk: " + say(
                    args,
                    f"{store.path} already has {existing:,} customer"
                    f"{'' if existing == 1 else 's'}; demo data is for an empty database. "
                    "Add --force to add it anyway.",
                    f"{store.path} 已有 {existing:,} 个客户；演示数据只写入空数据库。"
                    "如仍要添加，请加 --force。",
                ),
                file=sys.stderr,
            )  # fmt: skip
            return EXIT_BAD_INPUT
        made, people = store.write(demo.generate, args.accounts, seed=args.seed)
        customers = f"{made} demo customer{'' if made == 1 else 's'}"
        contacts = f"{people} contact{'' if people == 1 else 's'}"
        print(
            say(args, f"Added {customers} with {contacts} to {store.path}.",
                f"已向 {store.path} 添加 {made} 个演示客户和 {people} 位联系人。")
        )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    p = command(sub, "demo", cmd_demo, "fill an empty database with bilingual demo data")
    p.add_argument("--accounts", type=whole_number(1, MAX_DEMO_ACCOUNTS), default=120, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--if-empty", action="store_true", help="only if there are no customers")
    when.add_argument(
        "--force", action="store_true", help="add demo data to a database that has customers"
    )
