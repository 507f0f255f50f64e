"""TIER-1 and TIER-3: value tiers, recomputed on demand from the last twelve months of orders,
and the Pareto curve behind them.

A recompute writes each customer's tier and value (``account.tier``, ``account.tier_value``;
None for customers not tiered: prospects and lost ones) and then re-plans the visits of the
customers whose tier changed, since a tier sets the visit cadence (``domain.tiers``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from trustdesk.db.models import Account, OrderLine, SalesOrder
from trustdesk.domain.enums import Tier, TierBasis
from trustdesk.domain.tiers import (
    TIERED_STAGES,
    TRAILING_DAYS,
    ParetoPoint,
    assign_tiers,
    pareto_curve,
    value_share_of_key,
)
from trustdesk.services.progress import Progress
from trustdesk.services.team_settings import get_setting
from trustdesk.services.visit_plan import refresh_plans, today


@dataclass(frozen=True, slots=True)
class TierSummary:
    """The tiers as they stand: how many customers and how much value each holds."""

    basis: TierBasis
    since: date  # the first day of the trailing twelve months
    counts: dict[Tier, int]
    values: dict[Tier, int]  # minor units
    total_value: int
    key_value_share: float  # the share of all value the key accounts bring
    pareto: list[ParetoPoint]
    changed: int = 0  # customers whose tier a recompute changed


def tier_basis(session: Session) -> TierBasis:
    return TierBasis.parse(str(get_setting(session, "tier_basis")))


def trailing_values(
    session: Session, *, basis: TierBasis | None = None, on: date | None = None
) -> dict[str, int]:
    """Each tiered customer's value over the twelve months to ``on`` (0 with no order)."""
    basis = basis or tier_basis(session)
    since = (on or today()) - timedelta(days=TRAILING_DAYS)
    counted = OrderLine.amount if basis is TierBasis.REVENUE else func.coalesce(OrderLine.margin, 0)
    sums: dict[str, int] = dict(
        session.execute(
            select(SalesOrder.account_id, func.sum(counted))
            .join(OrderLine, OrderLine.order_id == SalesOrder.id)
            .where(
                SalesOrder.deleted_at.is_(None),
                OrderLine.deleted_at.is_(None),
                SalesOrder.ordered_on > since,
            )
            .group_by(SalesOrder.account_id)
        ).all()
    )
    tiered = session.scalars(
        select(Account.id).where(Account.deleted_at.is_(None), Account.stage.in_(TIERED_STAGES))
    )
    return {account_id: int(sums.get(account_id) or 0) for account_id in tiered}


def _summary(
    basis: TierBasis, since: date, values: dict[str, int], tiers: dict[str, Tier], changed: int
) -> TierSummary:
    counts = Counter(tiers.values())
    by_tier = Counter[Tier]()
    for account_id, tier in tiers.items():
        by_tier[tier] += max(values.get(account_id, 0), 0)
    return TierSummary(
        basis=basis,
        since=since,
        counts={tier: counts.get(tier, 0) for tier in Tier},
        values={tier: by_tier.get(tier, 0) for tier in Tier},
        total_value=sum(max(v, 0) for v in values.values()),
        key_value_share=value_share_of_key(values, tiers),
        pareto=pareto_curve(values),
        changed=changed,
    )


def recompute_tiers(session: Session, *, progress: Progress | None = None) -> TierSummary:
    """TIER-1: every customer's tier from its trailing-12-month value, written in one
    transaction; the visit plans of those whose tier changed follow (TIER-3)."""
    basis = tier_basis(session)
    since = today() - timedelta(days=TRAILING_DAYS)
    values = trailing_values(session, basis=basis)
    tiers = assign_tiers(values)
    before = dict(
        session.execute(
            select(Account.id, Account.tier).where(
                Account.deleted_at.is_(None),
                (Account.tier.is_not(None)) | Account.stage.in_(TIERED_STAGES),
            )
        ).all()
    )
    changed = [a for a in set(before) | set(tiers) if before.get(a) != tiers.get(a)]
    rows = [
        {"id": a, "tier": tiers.get(a), "tier_value": values.get(a) if a in tiers else None}
        for a in set(before) | set(tiers)
    ]
    for start in range(0, len(rows), 5000):
        if progress is not None:
            progress.step(start, len(rows) + len(changed))
        session.execute(update(Account), rows[start : start + 5000])
    for start in range(0, len(changed), 5000):
        if progress is not None:
            progress.step(len(rows) + start, len(rows) + len(changed))
        refresh_plans(session, changed[start : start + 5000])
    session.flush()
    return _summary(basis, since, values, tiers, len(changed))


def show_tiers(session: Session) -> TierSummary:
    """The tiers as last recomputed (nothing recomputed: every count 0)."""
    rows = session.execute(
        select(Account.id, Account.tier, Account.tier_value).where(
            Account.deleted_at.is_(None), Account.tier.is_not(None)
        )
    ).all()
    values = {a: int(v or 0) for a, _, v in rows}
    tiers: dict[str, Tier] = {a: t for a, t, _ in rows if t is not None}
    return _summary(tier_basis(session), today() - timedelta(days=TRAILING_DAYS), values, tiers, 0)


def tier_counts(session: Session) -> dict[Tier | None, int]:
    """How many live customers each tier has (None: not tiered)."""
    rows = session.execute(
        select(Account.tier, func.count())
        .where(Account.deleted_at.is_(None))
        .group_by(Account.tier)
    ).all()
    return {tier: int(n) for tier, n in rows}


__all__ = [
    "TierSummary",
    "recompute_tiers",
    "show_tiers",
    "tier_basis",
    "tier_counts",
    "trailing_values",
]
