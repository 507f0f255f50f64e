"""``trustdesk installed …``: the products installed at a customer with the day each should be
replaced; the reminder comes the team's notice ahead of that day (DEA-3; seed 004, the GE
example: offer the replacement before the customer starts shopping around)."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import SubParsers, command, emit, noun, one_line, opened, say
from trustdesk.cli.values import day
from trustdesk.services import orders
from trustdesk.services.records import InstalledProductData


def _installed_line(args: argparse.Namespace, p: InstalledProductData, *, who: bool) -> str:
    parts = [p.id, one_line(p.product)]
    if who:
        parts.append(one_line(p.account_name))
    if p.installed_on:
        parts.append(say(args, f"installed {p.installed_on}", f"安装于 {p.installed_on}"))
    if p.replace_by:
        parts.append(say(args, f"replace by {p.replace_by} (offer from {p.remind_from})",
                         f"{p.replace_by} 前更换（{p.remind_from} 起提醒）"))  # fmt: skip
    if p.notes:
        parts.append(one_line(p.notes))
    return "  ".join(parts)


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(orders.list_installed, args.account)
    emit(
        args,
        found,
        lambda: (
            [_installed_line(args, p, who=False) for p in found]
            or [say(args, "No installed products.", "没有已安装的产品。")]
        ),
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with opened(args) as store:
        made = store.write(
            orders.add_installed,
            args.account,
            args.product,
            installed_on=args.installed,
            replace_by=args.replace_by,
            notes=args.notes or "",
        )
    emit(
        args,
        made,
        lambda: [say(args, f"Recorded the installed product (id {made.id}).",
                     f"已记录已安装产品（编号 {made.id}）。"),
                 _installed_line(args, made, who=False)],
    )  # fmt: skip
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(orders.delete_installed, args.id)
    emit(
        args,
        {"deleted": args.id},
        lambda: [say(args, f"Deleted the installed product {args.id}.",
                     f"已删除已安装产品 {args.id}。")],
    )  # fmt: skip
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(orders.replacements_due, on=args.on)
    emit(
        args,
        found,
        lambda: (
            [_installed_line(args, p, who=True) for p in found]
            or [say(args, "No replacement is due.", "目前没有需要提醒更换的产品。")]
        ),
    )
    return 0


def register(sub: SubParsers) -> None:
    com = noun(sub, "installed", "products installed at customers, and when to offer a new one")

    p = command(com, "list", cmd_list, "a customer's installed products",
                json_output=True)  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")

    p = command(com, "add", cmd_add, "record a product in use at a customer",
                json_output=True)  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")
    p.add_argument("--product", required=True, metavar="TEXT")
    p.add_argument("--installed", type=day, metavar="DATE", help="the day it was installed")
    p.add_argument(
        "--replace-by", type=day, metavar="DATE",
        help="the day it should be replaced (the reminder comes ahead of it)",
    )  # fmt: skip
    p.add_argument("--notes", metavar="TEXT")

    p = command(com, "delete", cmd_delete, "delete an installed product",
                json_output=True)  # fmt: skip
    p.add_argument("id", metavar="PRODUCT_ID")

    p = command(
        com, "due", cmd_due,
        "products whose replacement should be offered now (within the team's notice), "
        "across all customers, the soonest first",
        json_output=True,
    )  # fmt: skip
    p.add_argument("--on", type=day, metavar="DATE", help="as of this day (default: today)")
