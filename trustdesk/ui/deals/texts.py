"""How deals, orders and products read in a cell: money with its sign, days, the team in one
line. Kept apart so the tabs and the pipeline say the same thing the same way."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from trustdesk.domain.money import format_money
from trustdesk.services.records import DealData, DealMemberData
from trustdesk.ui.i18n import label


def day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def money(minor: int | None, currency: str) -> str:
    return "" if minor is None else format_money(minor, currency)


def plain_amount(minor: int) -> str:
    """1200050 → ``12,000.50``: as a person types it (the sign is the currency field's)."""
    whole, cents = divmod(minor, 100)
    return f"{whole:,}" if cents == 0 else f"{whole:,}.{cents:02d}"


def totals(by_currency: dict[str, int]) -> str:
    """Per-currency totals, the largest first (``¥1,200,000 + $3,000``)."""
    parts = sorted(by_currency.items(), key=lambda kv: -kv[1])
    return " + ".join(format_money(amount, currency) for currency, amount in parts)


def cycle(deal: DealData, today: date) -> str:
    """Closed: the days it took; open: the days so far."""
    if deal.cycle_days is not None:
        return QCoreApplication.translate("DealTexts", "{0} d").format(deal.cycle_days)
    so_far = max((today - deal.opened_on).days, 0)
    return QCoreApplication.translate("DealTexts", "{0} d so far").format(so_far)


def team(members: tuple[DealMemberData, ...]) -> str:
    return ", ".join(f"{m.name} ({label(m.role)})" for m in members)


def one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
