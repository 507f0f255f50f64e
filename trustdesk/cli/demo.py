"""``trustdesk demo``: reproducible bilingual demo customers.

``trustdesk demo --open`` is the launcher's "Open the demo database": it fills
``demo.sqlite3`` in the user data folder (or ``--db``) once, then opens the window on it,
so the demo never mixes with the user's own customers.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

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

DEMO_DB = "demo.sqlite3"  # in the user data folder, for --open


def cmd_demo(args: argparse.Namespace) -> int:
    if args.open:
        if not (args.db or os.environ.get("TRUSTDESK_DB")):
            from trustdesk import paths

            args.db = str(paths.data_dir() / DEMO_DB)
        args.if_empty = not args.force
    code, path = _fill(args)
    if code or not args.open:
        return code
    from trustdesk.ui.app import run_gui

    return run_gui(path, lang=args.lang_given)


def _fill(args: argparse.Namespace) -> tuple[int, Path]:
    from trustdesk import demo  # the CLI's one import of the demo generator

    with opened(args) as store:
        existing = store.read(accounts.count_accounts)
        if existing and args.if_empty:
            print(
                say(args, f"{store.path} already has customers; no demo data added.",
                    f"{store.path} 已有客户，未添加演示数据。")
            )  # fmt: skip
            return 0, store.path
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
            return EXIT_BAD_INPUT, store.path
        made, people = store.write(demo.generate, args.accounts, seed=args.seed)
        customers = f"{made} demo customer{'' if made == 1 else 's'}"
        contacts = f"{people} contact{'' if people == 1 else 's'}"
        print(
            say(args, f"Added {customers} with {contacts} to {store.path}.",
                f"已向 {store.path} 添加 {made} 个演示客户和 {people} 位联系人。")
        )  # fmt: skip
        return 0, store.path


def register(sub: SubParsers) -> None:
    p = command(sub, "demo", cmd_demo, "fill an empty database with bilingual demo data")
    p.add_argument("--accounts", type=whole_number(1, MAX_DEMO_ACCOUNTS), default=120, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--if-empty", action="store_true", help="only if there are no customers")
    when.add_argument(
        "--force", action="store_true", help="add demo data to a database that has customers"
    )
    p.add_argument(
        "--open",
        action="store_true",
        help=f"then open the window on it; without --db, on {DEMO_DB} in the user data folder "
        "(filled the first time only), not on your own database",
    )
