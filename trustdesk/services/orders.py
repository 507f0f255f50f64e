"""DEA-3: orders with their lines, and the products installed at a customer with the day each
should be replaced.

Seed 004 (the GE example): offer the replacement before the customer starts shopping around —
a product's reminder comes ``replacement_notice_days`` before its ``replace_by`` day. Orders
are the evidence of the stage suggestions (first order → first-time customer, and so on) and
the value behind the tiers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import Account, Deal, InstalledProduct, OrderLine, SalesOrder
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts
from trustdesk.services.fields import (
    clean_currency,
    clean_date,
    clean_money,
    clean_text,
    required_text,
)
from trustdesk.services.records import InstalledProductData, OrderData, OrderLineData
from trustdesk.services.team_settings import get_setting
from trustdesk.services.visit_plan import today

MAX_LINES = 500


def _order(session: Session, order_id: str) -> SalesOrder:
    order = session.get(SalesOrder, order_id)
    if order is None or order.deleted_at is not None:
        raise NotFoundError(f"No order with id {order_id}.", zh=f"找不到编号为 {order_id} 的订单。")
    return order


def _quantity(value: object, n: int) -> float:
    try:
        number = float(str(value if value not in (None, "") else 1).replace(",", "").strip())
    except ValueError:
        number = -1.0
    if not 0 < number <= 1e9:
        raise ValidationError(
            f"Line {n}: the quantity must be a number above 0.",
            "quantity",
            zh=f"第 {n} 行：数量必须是大于 0 的数字。",
        )
    return number


def _lines(lines: Iterable[Mapping[str, Any]]) -> list[OrderLine]:
    out = []
    for n, line in enumerate(lines, start=1):
        product = required_text(line.get("product"), "product", ("The product", "产品"), 200)
        amount = clean_money(line.get("amount"), "amount", ("The line's amount", "金额"))
        margin_given = line.get("margin")
        margin = (
            None
            if margin_given in (None, "")
            else clean_money(margin_given, "margin", ("The margin", "毛利"))
        )
        if margin is not None and margin > amount:
            raise ValidationError(
                f"Line {n}: the margin cannot be more than the amount.",
                "margin",
                zh=f"第 {n} 行：毛利不能超过金额。",
            )
        out.append(
            OrderLine(
                product=product,
                quantity=_quantity(line.get("quantity"), n),
                amount=amount,
                margin=margin,
            )
        )
    if not out:
        raise ValidationError(
            "An order needs at least one line (a product and its amount).",
            "lines",
            zh="订单至少要有一行（产品和金额）。",
        )
    if len(out) > MAX_LINES:
        raise ValidationError(
            f"An order can have at most {MAX_LINES} lines.",
            "lines",
            zh=f"一个订单最多 {MAX_LINES} 行。",
        )
    return out


def add_order(
    session: Session,
    account_id: str,
    lines: Iterable[Mapping[str, Any]],
    *,
    ordered_on: object = None,
    number: str = "",
    currency: str = "",
    deal_id: str | None = None,
    notes: str = "",
) -> OrderData:
    """DEA-3: an order the customer placed (today, or ``ordered_on``), with its lines (each a
    mapping of product, quantity, amount and, when known, margin: amounts as typed)."""
    account = accounts.load(session, account_id)
    day = clean_date(ordered_on, "ordered_on", ("The order date", "下单日期")) or today()
    if day > today():
        raise ValidationError(
            "An order cannot be placed in the future.", "ordered_on", zh="下单日期不能晚于今天。"
        )
    if deal_id:
        deal = session.get(Deal, deal_id)
        if deal is None or deal.deleted_at is not None or deal.account_id != account.id:
            raise ValidationError(
                "That deal is not one of this customer's.", "deal_id", zh="该商机不属于这个客户。"
            )
    order = SalesOrder(
        account_id=account.id,
        deal_id=deal_id or None,
        number=clean_text(number, "number", ("The order number", "订单号"), 60),
        ordered_on=day,
        currency=clean_currency(currency),
        notes=clean_text(notes, "notes", ("Notes", "备注"), 5000, multiline=True),
    )
    session.add(order)
    session.flush()
    for line in _lines(lines):
        line.order_id = order.id
        session.add(line)
    session.flush()
    return get_order(session, order.id)


def delete_order(session: Session, order_id: str) -> None:
    order = _order(session, order_id)
    order.deleted_at = utcnow()
    for line in session.scalars(select(OrderLine).where(OrderLine.order_id == order.id)):
        if line.deleted_at is None:
            line.deleted_at = order.deleted_at
    session.flush()


def _records(session: Session, orders: list[SalesOrder]) -> list[OrderData]:
    lines: dict[str, list[OrderLineData]] = defaultdict(list)
    ids = [o.id for o in orders]
    for start in range(0, len(ids), 500):
        for line in session.scalars(
            select(OrderLine)
            .where(OrderLine.order_id.in_(ids[start : start + 500]), OrderLine.deleted_at.is_(None))
            .order_by(OrderLine.created_at, OrderLine.id)
        ):
            lines[line.order_id].append(
                OrderLineData(line.id, line.product, line.quantity, line.amount, line.margin)
            )
    return [
        OrderData(
            o.id, o.account_id, o.deal_id, o.number, o.ordered_on, o.currency, o.notes,
            tuple(lines.get(o.id, ())),
        )
        for o in orders
    ]  # fmt: skip


def get_order(session: Session, order_id: str) -> OrderData:
    return _records(session, [_order(session, order_id)])[0]


def list_orders(session: Session, account_id: str) -> list[OrderData]:
    """A customer's orders, newest first."""
    orders = session.scalars(
        select(SalesOrder)
        .where(SalesOrder.account_id == account_id, SalesOrder.deleted_at.is_(None))
        .order_by(SalesOrder.ordered_on.desc(), SalesOrder.created_at.desc())
    ).all()
    return _records(session, list(orders))


# --- installed products ---------------------------------------------------------------------


def _notice_days(session: Session) -> int:
    return int(get_setting(session, "replacement_notice_days"))  # type: ignore[arg-type]


def _installed(session: Session, product_id: str) -> InstalledProduct:
    found = session.get(InstalledProduct, product_id)
    if found is None or found.deleted_at is not None:
        raise NotFoundError(
            f"No installed product with id {product_id}.",
            zh=f"找不到编号为 {product_id} 的已安装产品。",
        )
    return found


def add_installed(
    session: Session,
    account_id: str,
    product: str,
    *,
    installed_on: object = None,
    replace_by: object = None,
    notes: str = "",
) -> InstalledProductData:
    """DEA-3: a product in use at the customer, with the day it should be replaced."""
    account = accounts.load(session, account_id)
    installed = clean_date(installed_on, "installed_on", ("The installation day", "安装日期"))
    replace = clean_date(replace_by, "replace_by", ("The replacement day", "预计更换日期"))
    if installed is not None and replace is not None and replace <= installed:
        raise ValidationError(
            "The replacement day must come after the installation day.",
            "replace_by",
            zh="预计更换日期必须晚于安装日期。",
        )
    row = InstalledProduct(
        account_id=account.id,
        product=required_text(product, "product", ("The product", "产品"), 200),
        installed_on=installed,
        replace_by=replace,
        notes=clean_text(notes, "notes", ("Notes", "备注"), 5000, multiline=True),
    )
    session.add(row)
    session.flush()
    return _installed_records(session, [(row, account.name)])[0]


def delete_installed(session: Session, product_id: str) -> None:
    _installed(session, product_id).deleted_at = utcnow()
    session.flush()


def _installed_records(
    session: Session, rows: Iterable[tuple[InstalledProduct, str]]
) -> list[InstalledProductData]:
    notice = timedelta(days=_notice_days(session))
    return [
        InstalledProductData(
            p.id, p.account_id, name, p.product, p.installed_on, p.replace_by,
            None if p.replace_by is None else p.replace_by - notice, p.notes,
        )
        for p, name in rows
    ]  # fmt: skip


def list_installed(session: Session, account_id: str) -> list[InstalledProductData]:
    """A customer's installed products, the soonest to replace first."""
    rows = session.execute(
        select(InstalledProduct, Account.name)
        .join(Account, Account.id == InstalledProduct.account_id)
        .where(InstalledProduct.account_id == account_id, InstalledProduct.deleted_at.is_(None))
        .order_by(InstalledProduct.replace_by.is_(None), InstalledProduct.replace_by)
    ).all()
    return _installed_records(session, [(p, n) for p, n in rows])


def replacements_due(session: Session, *, on: date | None = None) -> list[InstalledProductData]:
    """DEA-3: products whose replacement should be offered by now (within the notice before
    their ``replace_by`` day, or past it), across all customers, the soonest first."""
    day = on or today()
    horizon = day + timedelta(days=_notice_days(session))
    rows = session.execute(
        select(InstalledProduct, Account.name)
        .join(Account, Account.id == InstalledProduct.account_id)
        .where(
            InstalledProduct.deleted_at.is_(None),
            Account.deleted_at.is_(None),
            InstalledProduct.replace_by.is_not(None),
            InstalledProduct.replace_by <= horizon,
        )
        .order_by(InstalledProduct.replace_by, Account.sort_key)
    ).all()
    return _installed_records(session, [(p, n) for p, n in rows])


__all__ = [
    "add_installed",
    "add_order",
    "delete_installed",
    "delete_order",
    "get_order",
    "list_installed",
    "list_orders",
    "replacements_due",
]
