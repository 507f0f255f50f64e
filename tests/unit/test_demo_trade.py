"""The demo's business (issue 15) as a user sees it: orders that follow each customer's stage
(so the stage suggestions find nothing to change), tiers with about a fifth of the buying
customers as key accounts bringing most of the value, deals in every stage of the pipeline
with win rates near the seed-004 reference, replacements coming due, and referrals."""

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from trustdesk import demo
from trustdesk.db.engine import open_database
from trustdesk.db.models import (
    Account,
    Deal,
    DealMember,
    InstalledProduct,
    OrderLine,
    Referral,
    SalesOrder,
)
from trustdesk.domain.enums import DealStage, Stage, StageRule, Tier
from trustdesk.domain.stage_suggestions import StageEvidence, suggest_stage
from trustdesk.domain.tiers import TIERED_STAGES
from trustdesk.services import deals, orders, referrals, tiers

TODAY = date.today()
YEAR_AGO = TODAY - timedelta(days=365)
ORDER_RULES = {StageRule.FIRST_ORDER, StageRule.SECOND_ORDER, StageRule.STEADY_ORDERS}


@pytest.fixture(scope="module")
def bulk(tmp_path_factory):
    """The benchmark's way: 2,000 customers in bulk, no showcase, no visit history."""
    database = open_database(tmp_path_factory.mktemp("trade") / "bulk.sqlite3")
    with database.transaction() as s:
        demo.generate(s, 2000, seed=42, contacts_per_account=(4, 7), batch_size=1000,
                      showcase=False, history=False)  # fmt: skip
    yield database
    database.close()


@pytest.fixture(scope="module")
def showcase(tmp_path_factory):
    """What a newcomer's ``trustdesk demo`` makes."""
    database = open_database(tmp_path_factory.mktemp("trade") / "demo.sqlite3")
    with database.transaction() as s:
        demo.generate(s, 120, seed=1)
    yield database
    database.close()


def _orders_by_account(s):
    found = defaultdict(list)
    for account_id, day in s.execute(
        select(SalesOrder.account_id, SalesOrder.ordered_on).where(SalesOrder.deleted_at.is_(None))
    ):
        found[account_id].append(day)
    return found


def test_orders_follow_each_customers_stage(bulk):
    with bulk.reading() as s:
        stages = dict(s.execute(select(Account.id, Account.stage)).all())
        placed = _orders_by_account(s)
    by_stage = defaultdict(list)
    for account_id, stage in stages.items():
        days = placed.get(account_id, [])
        by_stage[stage].append((len(days), sum(d > YEAR_AGO for d in days)))
    assert {n for n, _ in by_stage[Stage.SKEPTIC] + by_stage[Stage.EXPLORER]} == {0}
    assert {n for n, _ in by_stage[Stage.FIRST_TIME]} == {1}
    assert {n for n, _ in by_stage[Stage.REPEAT]} <= {2, 3}
    assert max(last_year for _, last_year in by_stage[Stage.REPEAT]) < 4
    for stage in (Stage.REGULAR, Stage.ADVOCATE):  # steady orders over the last year
        assert min(last_year for _, last_year in by_stage[stage]) >= 4
    lost = [n for n, _ in by_stage[Stage.LOST]]
    assert 0 in lost and max(lost) >= 4  # as the stage each reached: some never bought
    assert all(d <= TODAY for days in placed.values() for d in days)
    # The benchmark's 100,000 customers get about half a million orders.
    assert 4.5 <= sum(len(d) for d in placed.values()) / len(stages) <= 5.5


def test_the_order_rules_of_the_stage_suggestions_find_nothing_to_change(bulk):
    with bulk.reading() as s:
        stages = dict(s.execute(select(Account.id, Account.stage)).all())
        placed = _orders_by_account(s)
        referred = Counter(s.scalars(select(Referral.by_account_id)))
    suggested = Counter()
    for account_id, stage in stages.items():
        days = placed.get(account_id, [])
        evidence = StageEvidence(
            stage=stage, today=TODAY, orders=len(days),
            orders_last_year=sum(d > YEAR_AGO for d in days), last_order=max(days, default=None),
            last_contact=TODAY, referrals=referred[account_id],
        )  # fmt: skip
        found = suggest_stage(evidence)
        if found is not None:
            suggested[found.rule] += 1
    assert suggested == Counter()  # referrals come from advocates, who are advocates already
    assert sum(referred.values()) > 100


def test_tiers_make_a_long_tail_a_fifth_of_the_buyers_bring_most_of_the_value(bulk):
    with bulk.reading() as s:
        shown = tiers.show_tiers(s)
        tiered = s.scalar(
            select(func.count()).select_from(Account).where(Account.stage.in_(TIERED_STAGES))
        )
    assert sum(shown.counts.values()) == tiered
    assert 0.19 <= shown.counts[Tier.KEY] / tiered <= 0.21
    # most of the value, not all of it: the demo's draws move with today's date (85.003% on
    # 2026-11-23, when the upper bound was 0.85)
    assert 0.70 <= shown.key_value_share <= 0.90
    assert shown.values[Tier.KEY] > shown.values[Tier.STANDARD] > shown.values[Tier.LOW]


def test_lines_carry_products_amounts_and_mostly_margins(bulk):
    with bulk.reading() as s:
        lines = s.execute(select(OrderLine.amount, OrderLine.margin, OrderLine.quantity)).all()
        empty = s.scalar(
            select(func.count())
            .select_from(SalesOrder)
            .where(~select(OrderLine.id).where(OrderLine.order_id == SalesOrder.id).exists())
        )
    assert empty == 0
    assert all(a > 0 and q >= 1 for a, _, q in lines)
    assert all(m is None or 0 <= m <= a for a, m, _ in lines)
    assert 0.8 <= sum(m is not None for _, m, _ in lines) / len(lines) <= 0.95


def test_win_rates_by_group_are_near_the_seed_004_reference(bulk):
    with bulk.reading() as s:
        rates = deals.deal_win_rates(s)
    for rate in rates:
        assert rate.closed >= 150, rate
        assert abs(rate.rate - rate.group.reference) <= rate.group.reference * 0.35, rate


def test_the_showcase_demo_has_deals_in_every_stage_with_teams(showcase):
    with showcase.reading() as s:
        stages = Counter(s.scalars(select(Deal.stage)))
        columns = deals.pipeline(s, closed_since=TODAY - timedelta(days=730))
        teams = s.scalar(select(func.count(func.distinct(DealMember.deal_id))))
        wins = deals.deal_win_rates(s)
    assert set(stages) == set(DealStage) and min(stages.values()) >= 3
    assert all(column.deals for column in columns)
    assert teams >= stages[DealStage.WON]
    assert [w.won > 0 for w in wins] == [True, True, True]
    assert all(d.closed_on is not None for c in columns if c.stage.closed for d in c.deals)


def test_the_showcase_demo_has_tiers_orders_replacements_and_referrals(showcase):
    with showcase.reading() as s:
        shown = tiers.show_tiers(s)
        due = orders.replacements_due(s)
        installed = s.scalar(select(func.count()).select_from(InstalledProduct))
        referred = s.scalar(select(func.count()).select_from(Referral))
        rate = referrals.referral_rate(s, days=730)
        by_stage = dict(
            s.execute(
                select(Account.stage, func.count(SalesOrder.id))
                .join(SalesOrder, SalesOrder.account_id == Account.id)
                .group_by(Account.stage)
            ).all()
        )
    tiered = sum(shown.counts.values())
    assert tiered >= 60 and 0.15 <= shown.counts[Tier.KEY] / tiered <= 0.25
    assert shown.key_value_share >= 0.6
    assert due and installed > len(due)
    assert referred >= 3 and rate.referred == referred
    assert Stage.SKEPTIC not in by_stage and by_stage[Stage.REGULAR] > by_stage[Stage.REPEAT]
