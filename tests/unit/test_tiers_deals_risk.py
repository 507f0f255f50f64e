"""Issue 15 through the domain rules and the services: tier cut-offs on hand-made values, the
at-risk score per signal, win rates, deals, orders and installed products, referrals, tiers
driving visit cadence and complaint deadlines, orders feeding the stage suggestions, and saved
views."""

from datetime import UTC, date, datetime, timedelta

import pytest

from trustdesk.domain.at_risk import RiskEvidence, assess
from trustdesk.domain.deals import WinGroup, win_rates
from trustdesk.domain.enums import DealStage, RiskSignal, Stage, StageRule, Tier
from trustdesk.domain.money import format_money, to_minor
from trustdesk.domain.tiers import assign_tiers, pareto_curve
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import (
    accounts,
    at_risk,
    commitments,
    complaints,
    contacts,
    deals,
    orders,
    referrals,
    saved_views,
    stage_suggestions,
    team_settings,
    tiers,
    visits,
)
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.visit_plan import today

TODAY = date(2026, 11, 23)

# --- tiers: the rules -----------------------------------------------------------------------


def test_the_top_fifth_are_key_the_bottom_three_tenths_low():
    values = {f"c{i:02d}": (10 - i) * 100 for i in range(10)}  # c00 1000 … c09 100
    got = assign_tiers(values)
    assert [a for a, t in sorted(got.items()) if t is Tier.KEY] == ["c00", "c01"]
    assert [a for a, t in sorted(got.items()) if t is Tier.LOW] == ["c07", "c08", "c09"]
    assert sum(t is Tier.STANDARD for t in got.values()) == 5


def test_equal_values_share_the_higher_tier_across_a_cut():
    # 2 of 10 are key; the 2nd and 3rd bought exactly as much: both key.
    values = {"a": 900, "b": 500, "c": 500, **{f"d{i}": 100 - i for i in range(7)}}
    got = assign_tiers(values)
    assert got["b"] is got["c"] is Tier.KEY
    # at the low cut too: the tie goes to the higher tier (standard)
    tied = {f"s{i}": 100 for i in range(8)} | {"top": 1000, "x": 100}
    assert all(t is not Tier.LOW for a, t in assign_tiers(tied).items() if a != "top")


def test_a_book_of_fewer_than_five_still_has_one_key_account():
    assert assign_tiers({"only": 5}) == {"only": Tier.KEY}
    assert assign_tiers({"a": 300, "b": 200, "c": 100}) == {
        "a": Tier.KEY,
        "b": Tier.STANDARD,
        "c": Tier.STANDARD,  # 30% of 3 rounds down to none
    }
    assert assign_tiers({}) == {}


def test_no_value_is_low_value_and_never_key():
    got = assign_tiers({"a": 0, "b": 0, "c": 0})
    assert set(got.values()) == {Tier.LOW}
    got = assign_tiers({"buyer": 50, **{f"z{i}": 0 for i in range(9)}})
    assert got["buyer"] is Tier.KEY and sum(t is Tier.LOW for t in got.values()) == 9


def test_the_pareto_curve_runs_from_nothing_to_everything_through_the_fifth_mark():
    values = {f"c{i}": v for i, v in enumerate([800, 100, 50, 30, 20])}
    curve = pareto_curve(values)
    assert (curve[0].customer_share, curve[0].value_share) == (0.0, 0.0)
    assert curve[-1].customer_share == 1.0 and curve[-1].value_share == pytest.approx(1.0)
    fifth = next(p for p in curve if p.customers == 1)
    assert fifth.value_share == pytest.approx(0.8)


# --- the at-risk score ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("evidence", "signal", "words"),
    [
        (RiskEvidence(TODAY, next_visit_due=TODAY - timedelta(days=9)), RiskSignal.VISIT_OVERDUE,
         "9 days overdue"),
        (RiskEvidence(TODAY, latest_score=4.0), RiskSignal.SATISFIED_NOT_LOYAL, "not loyal"),
        (RiskEvidence(TODAY, latest_score=3.0, previous_score=4.5), RiskSignal.FALLING_SCORES,
         "fell from 4.5 to 3.0"),
        (RiskEvidence(TODAY, open_complaints=1), RiskSignal.OPEN_COMPLAINT, "1 complaint is"),
        (RiskEvidence(TODAY, complaints_last_year=3), RiskSignal.REPEATED_COMPLAINTS,
         "3 complaints"),
        (RiskEvidence(TODAY, broken_promises=2), RiskSignal.BROKEN_COMMITMENT, "2 promises"),
        (RiskEvidence(TODAY, supporters=1), RiskSignal.SINGLE_THREADED, "Only one person"),
        (RiskEvidence(TODAY, departed_key_contacts=("王总",)), RiskSignal.KEY_CONTACT_DEPARTED,
         "王总 has left"),
        (RiskEvidence(TODAY, orders=3, first_order=TODAY - timedelta(days=200),
                      last_order=TODAY - timedelta(days=160)),
         RiskSignal.ORDER_GAP, "No order for 160 days"),
    ],
)  # fmt: skip
def test_each_signal_adds_its_weight_and_says_why(evidence, signal, words):
    found = assess(evidence)
    assert [r.signal for r in found.reasons] == [signal]
    assert found.score == signal.weight
    assert words in found.reasons[0].en and found.reasons[0].zh


def test_no_signal_no_score_and_the_score_stops_at_100():
    calm = RiskEvidence(TODAY, next_visit_due=TODAY, latest_score=5.0, supporters=3, orders=1,
                        first_order=TODAY, last_order=TODAY)  # fmt: skip
    assert assess(calm).score == 0 and assess(calm).reasons == ()
    storm = RiskEvidence(
        TODAY,
        next_visit_due=TODAY - timedelta(days=1),
        latest_score=3.6,
        previous_score=4.6,
        open_complaints=2,
        complaints_last_year=2,
        broken_promises=1,
        supporters=1,
        departed_key_contacts=("A",),
        orders=1,
        first_order=TODAY - timedelta(days=500),
        last_order=TODAY - timedelta(days=500),
    )
    assert assess(storm).score == 100 and len(assess(storm).reasons) == 9


def test_a_steady_customer_within_half_again_its_usual_gap_is_no_order_risk():
    # five orders 30 days apart: 45 days allowed
    first = TODAY - timedelta(days=160)
    within = RiskEvidence(TODAY, orders=5, first_order=first, last_order=TODAY - timedelta(40))
    assert assess(within).score == 0
    past = RiskEvidence(TODAY, orders=5, first_order=first - timedelta(10),
                        last_order=TODAY - timedelta(50))  # fmt: skip
    assert [r.signal for r in assess(past).reasons] == [RiskSignal.ORDER_GAP]


# --- win rates ------------------------------------------------------------------------------


def test_win_rates_group_stages_as_seed_004_does():
    rates = {
        r.group: r
        for r in win_rates(
            [
                (Stage.SKEPTIC, DealStage.WON, 1),
                (Stage.EXPLORER, DealStage.LOST, 15),
                (Stage.FIRST_TIME, DealStage.WON, 3),
                (Stage.FIRST_TIME, DealStage.LOST, 17),
                (Stage.REGULAR, DealStage.WON, 5),
                (Stage.ADVOCATE, DealStage.LOST, 5),
            ]
        )
    }
    assert rates[WinGroup.PROSPECTS].rate == pytest.approx(1 / 16)
    assert rates[WinGroup.NEW].rate == pytest.approx(0.15)
    assert rates[WinGroup.LOYAL].rate == pytest.approx(0.5)
    assert [g.reference for g in WinGroup] == [0.06, 0.15, 0.50]


def test_money_is_read_as_typed_and_shown_with_its_sign():
    assert to_minor("12,000.50") == 1200050 and to_minor("１２") == 1200
    assert to_minor("-5") is None and to_minor("1.234") is None and to_minor("abc") is None
    assert format_money(1200050) == "¥12,000.50" and format_money(500, "USD") == "$5"


# --- services -------------------------------------------------------------------------------


@pytest.fixture
def store(db):
    from trustdesk.services.store import Store

    return Store(db)


def _customer(store, name="深圳华科电子有限公司", stage="repeat"):
    return store.write(accounts.create_account, name, stage=stage)


def test_a_deal_moves_through_the_pipeline_and_closes_with_its_cycle_time(store):
    c = _customer(store, stage="explorer")
    opened = today() - timedelta(days=30)
    d = store.write(deals.add_deal, c.id, "二期产线", channel="distributor", amount="120,000",
                    opened_on=opened, expected_close=today() + timedelta(days=10))  # fmt: skip
    assert (d.stage, d.amount, d.account_stage, d.cycle_days) == (
        DealStage.LEAD, 12_000_000, Stage.EXPLORER, None)  # fmt: skip
    store.write(deals.set_deal_team, d.id, [("sales-rep", "王磊"), ("finance-director", "李娜")])
    store.write(deals.move_deal, d.id, "proposal")
    column = {c.stage: c for c in store.read(deals.pipeline)}[DealStage.PROPOSAL]
    assert [x.title for x in column.deals] == ["二期产线"] and column.totals == {"CNY": 12_000_000}
    lost = store.write(deals.move_deal, d.id, "lost", lost_reason="竞争对手报价低 20%")
    assert lost.closed_on == today() and lost.cycle_days == 30
    assert lost.lost_reason == "竞争对手报价低 20%"
    assert [(m.role.code, m.name) for m in lost.team] == [
        ("finance-director", "李娜"), ("sales-rep", "王磊")]  # fmt: skip
    rates = {r.group: r for r in store.read(deals.deal_win_rates)}
    assert (rates[WinGroup.PROSPECTS].won, rates[WinGroup.PROSPECTS].lost) == (0, 1)


def test_a_deal_refuses_a_bad_amount_and_a_future_opening(store):
    c = _customer(store)
    for bad in ("-5", "12,3x", "1.234"):
        with pytest.raises(ValidationError) as refused:
            store.write(deals.add_deal, c.id, "x", amount=bad)
        assert refused.value.field == "amount" and refused.value.zh
    with pytest.raises(ValidationError):
        store.write(deals.add_deal, c.id, "x", opened_on=today() + timedelta(days=1))
    assert store.read(deals.list_deals, c.id) == []


def test_an_order_totals_its_lines_and_refuses_a_margin_above_the_amount(store):
    c = _customer(store)
    o = store.write(orders.add_order, c.id, [
        {"product": "伺服电机", "quantity": 4, "amount": "8,000", "margin": "2,000"},
        {"product": "安装服务", "amount": "1,500.50"},
    ])  # fmt: skip
    assert o.total == 950050 and [line.quantity for line in o.lines] == [4.0, 1.0]
    assert store.read(orders.list_orders, c.id)[0].total == 950050
    with pytest.raises(ValidationError):
        store.write(orders.add_order, c.id, [{"product": "x", "amount": "10", "margin": "11"}])
    with pytest.raises(ValidationError):
        store.write(orders.add_order, c.id, [])
    assert len(store.read(orders.list_orders, c.id)) == 1


def test_an_installed_product_reminds_before_its_replacement_day(store):
    c = _customer(store)
    store.write(team_settings.set_setting, "replacement_notice_days", 60)
    soon = store.write(orders.add_installed, c.id, "GE 引擎", replace_by=today() + timedelta(30))
    later = store.write(orders.add_installed, c.id, "空压机", replace_by=today() + timedelta(200))
    assert soon.remind_from == soon.replace_by - timedelta(days=60)
    assert [p.id for p in store.read(orders.replacements_due)] == [soon.id]
    assert [p.id for p in store.read(orders.list_installed, c.id)] == [soon.id, later.id]


def test_referrals_are_recorded_once_and_count_in_the_rate(store):
    a, b = _customer(store, "老客户甲"), _customer(store, "新客户乙", stage="explorer")
    r = store.write(referrals.add_referral, b.id, a.id)
    assert (r.referred_name, r.by_account_name) == ("新客户乙", "老客户甲")
    with pytest.raises(ValidationError):
        store.write(referrals.add_referral, b.id, a.id)
    with pytest.raises(ValidationError):
        store.write(referrals.add_referral, a.id, a.id)
    assert store.read(referrals.referred_accounts, [a.id, b.id]) == {b.id}
    rate = store.read(referrals.referral_rate)
    assert (rate.referred, rate.added) == (1, 2)


def test_tiers_set_the_visit_cadence_and_the_complaint_deadline(store):
    big, small = _customer(store, "大客户"), _customer(store, "小客户")
    prospect = _customer(store, "潜在客户", stage="explorer")
    for _ in range(3):
        store.write(orders.add_order, big.id, [{"product": "p", "amount": "100000"}])
    store.write(orders.add_order, small.id, [{"product": "p", "amount": "100"}])
    summary = store.write(tiers.recompute_tiers)
    assert summary.counts == {Tier.KEY: 1, Tier.STANDARD: 1, Tier.LOW: 0}
    assert summary.key_value_share == pytest.approx(300000 / 300100)
    rows = {a.id: a for a in store.read(accounts.list_accounts).rows}
    del rows  # the list's own columns are the GUI's; the stored tier is what matters here
    assert store.read(tiers.tier_counts) == {Tier.KEY: 1, Tier.STANDARD: 1, None: 1}
    assert store.read(accounts.get_account, prospect.id).next_visit_due is not None
    # TIER-3: the key account's next visit follows the key cadence, not its stage's
    store.write(team_settings.set_setting, "tier_key_cadence_days", 10)
    key_due = store.read(accounts.get_account, big.id).next_visit_due
    assert key_due is not None and key_due <= today() + timedelta(days=10)
    store.write(team_settings.set_setting, "tier_key_response_hours", 2)
    made = store.write(complaints.add_complaint, big.id, description="交货晚了三天")
    assert made.respond_by - made.received_at == timedelta(hours=2)


def test_orders_suggest_the_next_stage_and_a_referral_an_advocate(store):
    c = _customer(store, "探寻中的客户", stage="explorer")
    store.write(orders.add_order, c.id, [{"product": "p", "amount": "1"}])
    found = store.read(stage_suggestions.suggestion_for, c.id)
    assert found is not None and found.rule is StageRule.FIRST_ORDER
    assert c.id in {s.account_id for s in store.read(stage_suggestions.list_suggestions)}
    regular = _customer(store, "老主顾", stage="regular")
    store.write(referrals.add_referral, c.id, regular.id)
    advocate = store.read(stage_suggestions.suggestion_for, regular.id)
    assert advocate is not None and advocate.rule is StageRule.ADVOCATE
    assert "referred 1 new customer" in advocate.en


def test_the_at_risk_score_reads_the_database_like_the_rule(store):
    c = _customer(store)
    boss = store.write(contacts.create_contact, c.id, "王总", level="partner",
                       roles=["decision-maker"])  # fmt: skip
    store.write(contacts.create_contact, c.id, "李工", level="acquaintance", attitude="supporter")
    store.write(contacts.update_contact, boss.id, departed=True)
    store.write(complaints.add_complaint, c.id, description="质量问题")
    promise = store.write(commitments.add_commitment, c.id, "免费培训",
                          due=today() + timedelta(days=5))  # fmt: skip
    store.write(commitments.set_status, promise.id, "broken", reason="讲师生病")
    found = store.read(at_risk.explain, c.id)
    signals = {r.signal for r in found.reasons}
    assert signals >= {
        RiskSignal.KEY_CONTACT_DEPARTED,
        RiskSignal.SINGLE_THREADED,  # 李工 is the only supporter left
        RiskSignal.OPEN_COMPLAINT,
        RiskSignal.BROKEN_COMMITMENT,
    }
    assert found.score == min(100, sum(s.weight for s in signals))
    assert "王总" in found.explanation("zh")
    assert [x.account_id for x in store.read(at_risk.top_at_risk, 5)] == [c.id]
    assert store.write(at_risk.refresh_risk_scores) == 1
    view = AccountFilter(risk_at_least=found.score)
    assert [r.id for r in store.read(accounts.list_accounts, view).rows] == [c.id]


def test_a_saved_view_filters_the_list_and_round_trips_by_name(store):
    a = _customer(store, "北京甲", stage="repeat")
    store.write(accounts.update_account, a.id, region="北京")
    b = _customer(store, "上海乙", stage="regular")
    store.write(accounts.update_account, b.id, region="上海")
    store.write(visits.log_visit, b.id, channel="phone", functions=["care"],
                at=datetime.now(UTC) - timedelta(days=3))  # fmt: skip
    saved = store.write(
        saved_views.save_view, "北京回头客", {"stages": ["repeat"], "region": "北京"}
    )
    assert [r.id for r in store.read(accounts.list_accounts, saved.filter).rows] == [a.id]
    assert store.read(saved_views.get_view, "北京回头客").filter == saved.filter
    quiet = store.write(saved_views.save_view, "quiet", {"not_visited_days": 30})
    assert [r.id for r in store.read(accounts.list_accounts, quiet.filter).rows] == [a.id]
    assert "30" in saved_views.describe(quiet.filter, "en")
    with pytest.raises(ValidationError):
        store.write(saved_views.save_view, "bad", {"survey_below": "abc"})
    with pytest.raises(ValidationError):
        store.write(saved_views.save_view, "empty", {})
    store.write(saved_views.delete_view, "QUIET")
    assert [v.name for v in store.read(saved_views.list_views)] == ["北京回头客"]
    with pytest.raises(NotFoundError):
        store.read(saved_views.get_view, "quiet")
