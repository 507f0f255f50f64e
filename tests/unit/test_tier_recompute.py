"""TIER-1, TIER-3: a tier recompute writes only what changes, and the visit plans it moves are
the ones the visit planner itself would make (it re-plans from the stored last visit rather
than reading every visit again: the benchmark's 127 s at 57,000 customers)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time, timedelta

from trustdesk.domain.enums import Tier, TierBasis
from trustdesk.services import accounts, orders, team_settings, tiers, visits
from trustdesk.services.store import open_store
from trustdesk.services.team_settings import tier_levels
from trustdesk.services.visit_plan import refresh_plans, today


def plans(path):
    with sqlite3.connect(path) as con:
        return dict(con.execute("SELECT id, next_visit_due FROM account ORDER BY id"))


def test_a_recompute_plans_visits_as_the_planner_and_writes_nothing_twice(tmp_path):
    path = tmp_path / "tiers.sqlite3"
    store = open_store(path)
    try:
        made = []
        for n, stage in enumerate(["repeat", "regular", "advocate", "first-time", "repeat",
                                   "regular", "explorer"]):  # fmt: skip
            made.append(store.write(accounts.create_account, f"客户{n}", stage=stage).id)
            if stage != "explorer":
                amount = f"{(n + 1) * 10_000}"
                line = [{"product": "泵", "quantity": 1, "amount": amount}]
                store.write(orders.add_order, made[-1], line, ordered_on=today() - timedelta(30))
        at = datetime.combine(today() - timedelta(days=10), time(10)).astimezone()
        store.write(visits.log_visit, made[5], channel="in-person", functions=["care"], at=at)
        store.write(accounts.set_do_not_serve, made[4], True, "拖欠货款")
        before = plans(path)

        summary, changes = store.write_tracked(tiers.recompute_tiers)
        after = plans(path)
        assert summary.changed == 6  # every buying customer got a tier; the explorer none
        cadence, _ = store.read(tier_levels)
        # The most valuable customer is a key account, visited ten days ago: due a key
        # account's cadence after that visit.
        assert summary.counts[Tier.KEY] >= 1
        visited = today() - timedelta(days=10)
        assert after[made[5]] == (visited + timedelta(days=cadence[Tier.KEY])).isoformat()
        # The planner, asked afresh, agrees with every day the recompute wrote.
        store.write(refresh_plans, made)
        assert plans(path) == after
        assert after[made[4]] is None  # not served: no visit planned
        assert after[made[6]] == before[made[6]]  # not tiered: its stage's cadence stands
        assert "account" in changes.kinds

        again, changes = store.write_tracked(tiers.recompute_tiers)
        assert again.changed == 0 and again.counts == summary.counts
        assert "account" not in changes.kinds  # nothing written: the list is not refreshed
        assert plans(path) == after
    finally:
        store.close()


def test_the_tiers_shown_keep_the_basis_they_were_computed_on(tmp_path):
    store = open_store(tmp_path / "basis.sqlite3")
    try:
        made = store.write(accounts.create_account, "华科", stage="repeat").id
        line = [{"product": "泵", "quantity": 1, "amount": "50000", "margin": "9000"}]
        store.write(orders.add_order, made, line, ordered_on=today() - timedelta(30))
        store.write(tiers.recompute_tiers)
        store.write(team_settings.set_setting, "tier_basis", "margin")
        shown = store.read(tiers.show_tiers)
        # Still the revenue tiers until the next recompute, and the twelve months they cover.
        assert shown.basis is TierBasis.REVENUE and shown.total_value == 5_000_000
        assert shown.until == today() and shown.since == today() - timedelta(days=365)
        assert store.write(tiers.recompute_tiers).basis is TierBasis.MARGIN
        assert store.read(tiers.show_tiers).total_value == 900_000
    finally:
        store.close()
