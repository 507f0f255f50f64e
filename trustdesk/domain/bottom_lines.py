"""COM-2: a promise that states a value beyond the company's bottom line needs approval.

Seed 001: promise only what the company can deliver; the bottom lines are the limits a
salesperson may promise on their own (a discount up to X %, delivery no faster than Y days,
free service up to Z days, a gift worth up to W yuan).
"""

from __future__ import annotations

from trustdesk.domain.enums import BottomLine

DEFAULT_LIMITS: dict[BottomLine, int] = {
    BottomLine.DISCOUNT: 15,
    BottomLine.DELIVERY: 7,
    BottomLine.FREE_SERVICE: 365,
    BottomLine.GIFT_VALUE: 500,
}


def beyond(line: BottomLine, value: float, limit: float) -> bool:
    """Whether ``value`` goes past ``limit``: a larger discount, gift or free service, or a
    faster delivery (fewer days)."""
    return value > limit if line.higher_is_bolder else value < limit
