"""TIER-1 and TIER-3: value tiers, recomputed on demand from the last twelve months of orders,
and the Pareto curve behind them.

A recompute writes each customer's tier and value (``account.tier``, ``account.tier_value``;
None for customers not tiered: prospects and lost ones) and then re-plans the visits of the
customers whose tier changed, since a tier sets the visit cadence (``domain.tiers``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utc_moment, utcnow
from trustdesk.db.bulk import utc_text
from trustdesk.db.models import Account, TeamSetting
from trustdesk.db.prepared import on, run
from trustdesk.domain.enums import Stage, Tier, TierBasis
from trustdesk.domain.tiers import (
    TIERED_STAGES,
    TRAILING_DAYS,
    ParetoPoint,
    assign_tiers,
    pareto_curve,
    value_share_of_key,
)
from trustdesk.services.changes import note_change
from trustdesk.services.progress import Progress
from trustdesk.services.team_settings import cadence_by_stage, get_setting, tier_levels
from trustdesk.services.visit_plan import planned_due, today


@dataclass(slots=True)
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
    until: date | None = None  # the last day of the trailing twelve months (None: today)


def tier_basis(session: Session) -> TierBasis:
    return TierBasis.parse(str(get_setting(session, "tier_basis")))


_TIERED_SQL = ", ".join(f"'{stage.code}'" for stage in TIERED_STAGES)
# Read through the driver. The orders by their day: the period's orders are read from the
# day index and grouped apart (SQLite would rather walk every order of every customer in
# account order to spare the grouping: 4.7 s against 2.9 s at 500,000 orders).
_VALUES = """
SELECT o.account_id, sum({counted})
FROM sales_order o INDEXED BY ix_sales_order_day JOIN order_line l ON l.order_id = o.id
WHERE o.ordered_on > :since AND o.deleted_at IS NULL AND l.deleted_at IS NULL
GROUP BY o.account_id
"""
_TIERED = f"SELECT id FROM account WHERE deleted_at IS NULL AND stage IN ({_TIERED_SQL})"


def trailing_values(
    session: Session, *, basis: TierBasis | None = None, on: date | None = None
) -> dict[str, int]:
    """Each tiered customer's value over the twelve months to ``on`` (0 with no order)."""
    basis = basis or tier_basis(session)
    since = (on or today()) - timedelta(days=TRAILING_DAYS)
    counted = "l.amount" if basis is TierBasis.REVENUE else "coalesce(l.margin, 0)"
    sums = dict(run(session, _VALUES.format(counted=counted), {"since": since.isoformat()}))
    return {
        account_id: int(sums.get(account_id) or 0) for (account_id,) in run(session, _TIERED, [])
    }


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
    before = {
        a: (t, v)
        for a, t, v in run(
            session,
            "SELECT id, tier, tier_value FROM account WHERE deleted_at IS NULL "
            f"AND (tier IS NOT NULL OR stage IN ({_TIERED_SQL}))",
            [],
        )
    }
    after = {a: (tiers[a].code, values.get(a)) if a in tiers else (None, None) for a in before}
    after.update((a, (t.code, values.get(a))) for a, t in tiers.items())
    # Only the rows that change are written (a second recompute the same day writes none).
    rows = [
        {"id": a, "tier": t, "tier_value": v}
        for a, (t, v) in after.items()
        if before.get(a) != (t, v)
    ]
    changed = [a for a, (t, _) in after.items() if (before.get(a) or (None,))[0] != t]
    now = utc_text(utcnow()) or ""
    _, driver = on(session)
    for start in range(0, len(rows), 5000):
        if progress is not None:
            progress.step(start, len(rows) + len(changed))
        driver.executemany(_SET_TIER, [(r["tier"], r["tier_value"], now, r["id"])
                                       for r in rows[start : start + 5000]])  # fmt: skip
    for start in range(0, len(changed), 5000):
        if progress is not None:
            progress.step(len(rows) + start, len(rows) + len(changed))
        _replan(session, changed[start : start + 5000], now)
    if rows:
        note_change(session, "account", None)  # written through the driver: announced here
    _remember_recompute(session, basis)
    return _summary(basis, since, values, tiers, len(changed))


# The basis and day of the last recompute: the tiers shown are those, even after the team
# changes the basis in Settings (until the next recompute).
_LAST_RECOMPUTE = "tier-last-recompute"


def _remember_recompute(session: Session, basis: TierBasis) -> None:
    row = session.get(TeamSetting, _LAST_RECOMPUTE)
    if row is None:
        row = TeamSetting(key=_LAST_RECOMPUTE)
        session.add(row)
    row.value = {"basis": basis.code, "day": today().isoformat()}


def _last_recompute(session: Session) -> tuple[TierBasis, date] | None:
    row = session.get(TeamSetting, _LAST_RECOMPUTE)
    if row is None or not isinstance(row.value, dict):
        return None
    try:
        return TierBasis.parse(row.value["basis"]), date.fromisoformat(row.value["day"])
    except (KeyError, ValueError):
        return None


# Written through the driver: 70,000 rows through the ORM's bulk UPDATE took 2.6 s, most of
# a first recompute (the statement's parameters are processed row by row).
_SET_TIER = "UPDATE account SET tier = ?, tier_value = ?, updated_at = ? WHERE id = ?"
_SET_DUE = "UPDATE account SET next_visit_due = ?, updated_at = ? WHERE id = ?"


@dataclass(frozen=True, slots=True)
class _PlanInput:
    """What ``visit_plan.planned_due`` reads of a customer, from its stored row."""

    stage: Stage
    tier: Tier | None
    visit_cadence_days: int | None
    do_not_serve: bool
    deleted_at: None
    created_at: datetime | None


_PLAN_INPUT = """
SELECT id, stage, tier, visit_cadence_days, do_not_serve, created_at, last_visit_at,
       next_visit_due
FROM account WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(:ids))
"""


def _replan(session: Session, account_ids: list[str], now: str) -> None:
    """TIER-3: the next visit's day of customers whose tier (so cadence) changed. A tier
    changes no visit, so the stored last visit stands (``visit_plan.refresh_plans`` reads
    every visit again and loads each customer into the session: 38 of the 56 s a first
    recompute took at 57,000 customers and 1,000,000 visits)."""
    by_stage = cadence_by_stage(session)
    by_tier, _ = tier_levels(session)
    rows = []
    for account_id, stage, tier, own, dns, created, last, due in run(
        session, _PLAN_INPUT, {"ids": json.dumps(account_ids)}
    ):
        row = _PlanInput(
            Stage.parse(stage),
            None if tier is None else Tier.parse(tier),
            own,
            bool(dns),
            None,
            utc_moment(created),
        )
        new = planned_due(row, utc_moment(last), by_stage, by_tier)
        stored = None if new is None else new.isoformat()
        if stored != due:
            rows.append((stored, now, account_id))
    on(session)[1].executemany(_SET_DUE, rows)


def show_tiers(session: Session) -> TierSummary:
    """The tiers as last recomputed (nothing recomputed: every count 0)."""
    rows = session.execute(
        select(Account.id, Account.tier, Account.tier_value).where(
            Account.deleted_at.is_(None), Account.tier.is_not(None)
        )
    ).all()
    values = {a: int(v or 0) for a, _, v in rows}
    tiers: dict[str, Tier] = {a: t for a, t, _ in rows if t is not None}
    basis, day = _last_recompute(session) or (tier_basis(session), today())
    summary = _summary(basis, day - timedelta(days=TRAILING_DAYS), values, tiers, 0)
    summary.until = day
    return summary


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
