"""``trustdesk orders …``: the orders a customer placed, with their lines
(DEA-3): the evidence of the stage suggestions and the value behind the tiers.

Amounts are typed as a person writes them (``12,000.50``); text shows them with their
currency's sign, ``--json`` as whole minor units (分/cents) beside the currency code.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from trustdesk.cli.common import SubParsers, colon, command, emit, noun, one_line, opened, say
from trustdesk.cli.values import day
from trustdesk.domain.money import format_money
from trustdesk.errors import ValidationError
from trustdesk.services import orders
from trustdesk.services.records import OrderData

LINE_HELP = (
    "one line of the order: the product, the quantity, the line's total amount (not the unit "
    "price) and, if known, its margin — as separate words, like "
    "--line 'Pump P-200' 2 24,000 6,500 (repeat --line for each product). Amounts as you "
    "write them; --json shows them as minor units (分/cents) with the order's currency"
)


def line_of(values: Sequence[str], n: int) -> dict[str, Any]:
    """``--line PRODUCT QUANTITY AMOUNT [MARGIN]`` as the service's line mapping."""
    if not 3 <= len(values) <= 4:
        shown = " ".join(values)
        raise ValidationError(
            f"Line {n} ({shown!r}): give the product, the quantity, the amount and optionally "
            "the margin as separate words, like --line 'Pump P-200' 2 24,000 6,500.",
            "lines",
            zh=f"第 {n} 行（“{shown}”）：请分别给出产品、数量、金额，以及可选的毛利，"
            "例如 --line '水泵 P-200' 2 24,000 6,500。",
        )
    product, quantity, amount, *margin = values
    return {
        "product": product,
        "quantity": quantity,
        "amount": amount,
        "margin": margin[0] if margin else None,
    }


def _quantity(q: float) -> str:
    return f"{q:g}"


def _order_lines(args: argparse.Namespace, o: OrderData) -> list[str]:
    number = f"  {say(args, 'no.', '单号')} {one_line(o.number)}" if o.number else ""
    deal = f"  {say(args, 'deal', '商机')} {o.deal_id}" if o.deal_id else ""
    out = [f"{o.id}  {o.ordered_on}  {format_money(o.total, o.currency)}{number}{deal}"]
    for line in o.lines:
        margin = ""
        if line.margin is not None:
            shown = format_money(line.margin, o.currency)
            margin = say(args, f"  (margin {shown})", f"  （毛利 {shown}）")
        out.append(
            f"    {one_line(line.product)} × {_quantity(line.quantity)}  "
            f"{format_money(line.amount, o.currency)}{margin}"
        )
    if o.notes:
        out.append(f"    {say(args, 'notes', '备注')}{colon(args.lang)}{one_line(o.notes)}")
    return out


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(orders.list_orders, args.account)

    def lines() -> list[str]:
        out = [line for o in found for line in _order_lines(args, o)]
        return out or [say(args, "No orders.", "没有订单。")]

    emit(args, found, lines)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    lines_ = [line_of(values, n) for n, values in enumerate(args.line, start=1)]
    with opened(args) as store:
        made = store.write(
            orders.add_order,
            args.account,
            lines_,
            ordered_on=args.date,
            number=args.number or "",
            currency=args.currency or "",
            deal_id=args.deal,
            notes=args.notes or "",
        )
    emit(
        args,
        made,
        lambda: [say(args, f"Recorded the order (id {made.id}).",
                     f"已记录订单（编号 {made.id}）。"),
                 *_order_lines(args, made)],
    )  # fmt: skip
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(orders.delete_order, args.id)
    emit(
        args,
        {"deleted": args.id},
        lambda: [say(args, f"Deleted the order {args.id}.", f"已删除订单 {args.id}。")],
    )
    return 0


def register(sub: SubParsers) -> None:
    com = noun(sub, "orders", "a customer's orders and their lines")

    p = command(
        com, "list", cmd_list,
        "a customer's orders, the newest first (--json: amounts as minor units, 分/cents, "
        "beside the order's currency)",
        json_output=True,
    )  # fmt: skip
    p.add_argument("account", metavar="ACCOUNT_ID")

    p = command(com, "add", cmd_add, "record an order a customer placed", json_output=True)
    p.add_argument("account", metavar="ACCOUNT_ID")
    p.add_argument(
        "--line", action="append", nargs="+", required=True,
        metavar="PRODUCT QUANTITY AMOUNT [MARGIN]", help=LINE_HELP,
    )  # fmt: skip
    p.add_argument("--date", type=day, metavar="DATE", help="the order's day (default: today)")
    p.add_argument("--number", metavar="TEXT", help="the order's number, as on its papers")
    p.add_argument("--currency", metavar="CODE", help="three letters, like CNY (the default)")
    p.add_argument("--deal", metavar="DEAL_ID", help="the customer's deal it came from")
    p.add_argument("--notes", metavar="TEXT")

    p = command(com, "delete", cmd_delete, "delete an order (and its lines)", json_output=True)
    p.add_argument("id", metavar="ORDER_ID")
