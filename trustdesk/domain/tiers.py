"""TIER-1 and TIER-3: value tiers from each customer's trailing-12-month value, and the service
level that follows from a tier.

Seed 001 and 004: find the top 20% (关键客户: 优质、优先、优惠) and serve each tier at its own
level. The rules, decided here:

* Only buying customers are tiered (first-time customer to advocate). A prospect has no value
  yet and is courted by its stage's cadence; a lost customer is won back, not served.
* Customers are ranked by value, highest first. The top 20% (rounded up, so one customer of
  any book of one to five) are key accounts, the bottom 30% (rounded down) low value, the
  rest standard.
* Equal values get the same tier: a tie that straddles a cut goes to the higher tier, so one
  of two customers who bought exactly as much is never served less than the other.
* A customer with no value in the period is low value whatever the shares, and never key.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from trustdesk.domain.enums import Stage, Tier

KEY_SHARE = 0.20
LOW_SHARE = 0.30
TIERED_STAGES = frozenset({Stage.FIRST_TIME, Stage.REPEAT, Stage.REGULAR, Stage.ADVOCATE})
TRAILING_DAYS = 365

# TIER-3 defaults (seed 004, the AT&T example: the best customers get the fastest service).
DEFAULT_TIER_CADENCE_DAYS: dict[Tier, int] = {Tier.KEY: 30, Tier.STANDARD: 60, Tier.LOW: 120}
DEFAULT_TIER_RESPONSE_HOURS: dict[Tier, int] = {Tier.KEY: 4, Tier.STANDARD: 24, Tier.LOW: 48}


def is_tiered(stage: Stage) -> bool:
    return stage in TIERED_STAGES


def assign_tiers(values: Mapping[str, int]) -> dict[str, Tier]:
    """The tier of each customer (id → value in minor units), by the rules above."""
    ranked = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    n = len(ranked)
    if n == 0:
        return {}
    key_count = math.ceil(n * KEY_SHARE)
    low_from = n - math.floor(n * LOW_SHARE)  # ranks at or past this are low value
    out: dict[str, Tier] = {}
    tier_of_value: dict[int, Tier] = {}
    for rank, (account_id, value) in enumerate(ranked):
        if value <= 0:
            tier = Tier.LOW
        elif value in tier_of_value:  # a tie: the tier of the first with this value
            tier = tier_of_value[value]
        elif rank < key_count:
            tier = Tier.KEY
        elif rank >= low_from:
            tier = Tier.LOW
        else:
            tier = Tier.STANDARD
        tier_of_value.setdefault(value, tier)
        out[account_id] = tier
    return out


@dataclass(frozen=True, slots=True)
class ParetoPoint:
    """After the ``customers`` most valuable: their share of customers and of value (0–1)."""

    customers: int
    customer_share: float
    value_share: float


def pareto_curve(values: Mapping[str, int], points: int = 200) -> list[ParetoPoint]:
    """The Pareto curve of the values, highest first, thinned to about ``points`` points
    (always including the start, the 20% mark and the end)."""
    ordered = sorted((max(v, 0) for v in values.values()), reverse=True)
    n = len(ordered)
    total = sum(ordered)
    if n == 0:
        return []
    step = max(1, n // points)
    marks = set(range(0, n + 1, step)) | {n, math.ceil(n * KEY_SHARE)}
    out = [ParetoPoint(0, 0.0, 0.0)]
    running = 0
    for i, value in enumerate(ordered, start=1):
        running += value
        if i in marks:
            out.append(ParetoPoint(i, i / n, running / total if total else 0.0))
    return out


def value_share_of_key(values: Mapping[str, int], tiers: Mapping[str, Tier]) -> float:
    """The share of all value that the key accounts bring (the 80 of 80/20)."""
    total = sum(max(v, 0) for v in values.values())
    key = sum(max(values[a], 0) for a, t in tiers.items() if t is Tier.KEY)
    return key / total if total else 0.0
