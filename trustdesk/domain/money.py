"""Amounts of money: kept as whole minor units (分, cents) so sums are exact; read from what a
person types and shown with the currency's sign."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CURRENCY_SIGNS = {"CNY": "¥", "USD": "$", "EUR": "€", "HKD": "HK$", "GBP": "£", "JPY": "¥"}
DEFAULT_CURRENCY = "CNY"
MAX_AMOUNT = 10**15  # minor units: 10 trillion yuan, far past any order
# Thousands separators only where they group by three ("12,000.50"): "12,3,4" is a typo.
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def to_minor(text: object) -> int | None:
    """``12,000.50`` or ``12000`` or 12000.5 → 1200050; None when it is not an amount
    (negative, more than two decimals, commas not grouping by three, or not a number).
    Full-width digits are read too."""
    if isinstance(text, bool):
        return None
    raw = str(text).strip().replace("，", ",").replace("¥", "").replace("￥", "")
    raw = raw.translate({0xFF10 + d: 0x30 + d for d in range(10)} | {0xFF0E: 0x2E})
    if "," in raw:
        if not _GROUPED.fullmatch(raw):
            return None
        raw = raw.replace(",", "")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        return None
    minor = int(amount * 100)
    return minor if minor <= MAX_AMOUNT else None


def format_money(minor: int, currency: str = DEFAULT_CURRENCY) -> str:
    """1200050, CNY → ``¥12,000.50``; whole amounts without decimals (``¥12,000``)."""
    sign = CURRENCY_SIGNS.get(currency, f"{currency} ")
    whole, cents = divmod(abs(minor), 100)
    text = f"{whole:,}" if cents == 0 else f"{whole:,}.{cents:02d}"
    return f"{'-' if minor < 0 else ''}{sign}{text}"
