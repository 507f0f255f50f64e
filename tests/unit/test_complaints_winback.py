"""Issue 14 through the domain rules and the services: complaint timers on hand-made clocks,
three chances, survey → complaint, the feedback loop's informed flag, the win-back plan through
to won back, stage suggestions (nothing changes until accepted), the service log."""

from datetime import UTC, date, datetime, timedelta

import pytest

from trustdesk.domain.complaints import Failure, three_chances, timer
from trustdesk.domain.enums import (
    CoverageRisk,
    LostReason,
    RecoverySatisfaction,
    Stage,
    StageRule,
    StepStatus,
    WinBackStatus,
    WinBackStep,
)
from trustdesk.domain.stage_suggestions import StageEvidence, suggest_stage, worth_winning_back
from trustdesk.errors import ValidationError
from trustdesk.services import (
    accounts,
    complaints,
    improvements,
    relationship_map,
    service_log,
    stage_suggestions,
    survey_templates,
    surveys,
    team_settings,
    visits,
    winback,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# --- domain ------------------------------------------------------------------------------


def test_a_timer_counts_to_now_while_waiting_and_says_how_far_over():
    waiting = timer(T0, None, T0 + timedelta(hours=4), T0 + timedelta(hours=6))
    assert waiting.elapsed == timedelta(hours=6) and waiting.over == timedelta(hours=2)
    assert waiting.overdue
    answered = timer(T0, T0 + timedelta(hours=3), T0 + timedelta(hours=4), T0 + timedelta(days=9))
    assert answered.elapsed == timedelta(hours=3) and not answered.overdue


def test_three_chances_first_failure_put_right_is_normal_a_second_is_high_risk():
    good = Failure(T0, True, RecoverySatisfaction.YES)
    assert three_chances([good], T0 + timedelta(days=30)) is None
    open_one = Failure(T0, False, RecoverySatisfaction.UNKNOWN)
    assert three_chances([open_one], T0).risk is CoverageRisk.POOR_RECOVERY
    second = three_chances(
        [good, Failure(T0 + timedelta(days=60), True, RecoverySatisfaction.YES)],
        T0 + timedelta(days=61),
    )
    assert second.risk is CoverageRisk.SECOND_FAILURE and "third chance" in second.en
    # failures older than the window no longer count
    assert three_chances([good], T0 + timedelta(days=800), window_days=730) is None


@pytest.mark.parametrize(
    ("evidence", "rule", "to"),
    [
        (dict(stage=Stage.EXPLORER, orders=1), StageRule.FIRST_ORDER, Stage.FIRST_TIME),
        (dict(stage=Stage.FIRST_TIME, orders=2), StageRule.SECOND_ORDER, Stage.REPEAT),
        (
            dict(stage=Stage.REPEAT, orders=9, orders_last_year=4),
            StageRule.STEADY_ORDERS,
            Stage.REGULAR,
        ),
        (dict(stage=Stage.REGULAR, recommend_score=5), StageRule.ADVOCATE, Stage.ADVOCATE),
        (dict(stage=Stage.REPEAT, referrals=2), StageRule.ADVOCATE, Stage.ADVOCATE),
        (dict(stage=Stage.REGULAR, last_contact=date(2026, 1, 1)), StageRule.SILENT, Stage.LOST),
    ],
)
def test_each_stage_rule_on_hand_made_evidence(evidence, rule, to):
    e = StageEvidence(
        today=date(2026, 9, 1),
        added=date(2025, 1, 1),
        **{"last_contact": date(2026, 8, 1), **evidence},
    )
    found = suggest_stage(e, silent_days=180)
    assert found is not None and found.rule is rule and found.to_stage is to
    assert found.zh and found.en


def test_no_rule_fires_for_a_customer_in_step_or_already_lost():
    fine = StageEvidence(
        stage=Stage.REGULAR,
        today=date(2026, 9, 1),
        last_contact=date(2026, 8, 1),
        recommend_score=4,
    )
    assert suggest_stage(fine) is None
    assert suggest_stage(StageEvidence(stage=Stage.LOST, today=date(2026, 9, 1))) is None


def test_worth_winning_back_needs_value_and_a_customer_we_serve():
    assert not worth_winning_back(None, LostReason.COMPETITOR, False).worth_it
    assert not worth_winning_back(50_000, LostReason.COMPETITOR, True).worth_it
    check = worth_winning_back(50_000, LostReason.NEGLECT, False)
    assert check.worth_it and "50,000" in check.en


# --- services ----------------------------------------------------------------------------


@pytest.fixture
def customer(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "深圳华科电子有限公司", stage="regular")
    return acc.id


def test_a_complaint_takes_its_deadlines_from_the_stage_and_the_team(db, customer):
    received = datetime.now(UTC) - timedelta(hours=10)
    with db.transaction() as s:
        made = complaints.add_complaint(
            s, customer, description="交货晚了三天", severity="major", received_at=received
        )
        hours = team_settings.get_setting(s, "complaint_response_hours")[Stage.REGULAR]
    assert made.respond_by - made.received_at == timedelta(hours=hours)
    assert made.overdue and made.response_over_seconds > 0  # regular: 4 hours, 10 waited
    with db.transaction() as s:
        complaints.respond(s, made.id, apology_words="对不起，是我没有盯紧交期。")
        done = complaints.resolve(s, made.id, resolution="加急补发并减免运费", satisfied="yes")
    assert done.apology_given and done.apology_words.startswith("对不起")
    assert not done.overdue and done.resolved_at is not None
    with db.reading() as s:
        assert complaints.list_complaints(s, state="overdue") == []
        assert [c.id for c in complaints.list_complaints(s, state="resolved")] == [made.id]
        history = complaints.failure_history(s, customer)
    assert history.risk is None and "normal" in history.en


def test_a_second_failure_puts_the_customer_at_high_risk_in_the_risk_column(db, customer):
    with db.transaction() as s:
        for days in (40, 5):
            c = complaints.add_complaint(
                s,
                customer,
                description="质量问题",
                received_at=datetime.now(UTC) - timedelta(days=days),
            )
            complaints.resolve(s, c.id, resolution="更换", satisfied="yes")
    with db.reading() as s:
        risks = relationship_map.risks_for_accounts(s, [customer])[customer]
        history = complaints.failure_history(s, customer)
    assert risks[0].risk is CoverageRisk.SECOND_FAILURE
    assert history.risk is CoverageRisk.SECOND_FAILURE and len(history.complaints) == 2


def test_a_dissatisfied_survey_answer_opens_a_linked_complaint(db, customer):
    with db.transaction() as s:
        template = next(
            t for t in survey_templates.list_templates(s) if t.title_en.startswith("Customer score")
        )
        filled = surveys.fill_survey(
            s, customer, template.id, {"overall": 2, "buy_again": 5, "recommend": 5}
        )
        task = surveys.follow_ups(s, account_id=customer)[0]
        made = complaints.add_complaint(
            s, customer, description="整体表现只打了2分", survey_answer_id=task.answer_id
        )
        five = next(a for a in filled.answers if a.key == "buy_again")
        with pytest.raises(ValidationError):
            complaints.add_complaint(
                s, customer, description="x", survey_answer_id=five.question_id
            )
    assert made.survey_answer_id == task.answer_id


def test_an_improvement_once_done_lists_its_customers_until_informed(db, customer):
    with db.transaction() as s:
        other = accounts.create_account(s, "广州远航物流").id
        c1 = complaints.add_complaint(s, customer, description="安装说明看不懂")
        visit = visits.log_visit(s, other, channel="phone", functions=["service"])
        note = visits.add_intel_note(s, other, "feedback", "说明书太难懂", visit_id=visit.id)
        action = improvements.add_action(
            s, "重写安装说明书", sources=[("complaint", c1.id), ("note", note.id)]
        )
        assert action.to_inform == ()  # not done yet: nobody to tell
        with pytest.raises(ValidationError):
            improvements.mark_informed(s, action.id, customer)
        improvements.complete_action(s, action.id)
        waiting = improvements.customers_to_inform(s)
        assert sorted(c.account_id for _, c in waiting) == sorted([customer, other])
        improvements.mark_informed(s, action.id, customer, how="电话告知")
        left = improvements.customers_to_inform(s)
    assert [c.account_id for _, c in left] == [other]
    with db.reading() as s:
        got = improvements.get_action(s, action.id)
    told = next(c for c in got.customers if c.account_id == customer)
    assert told.how == "电话告知" and told.informed_at is not None


def test_a_lost_customer_through_the_seven_steps_back_to_repeat(db, customer):
    with db.transaction() as s:
        with pytest.raises(ValidationError, match="Only a lost customer"):
            winback.start_winback(s, customer, past_value=80000)
        accounts.change_stage(s, customer, "lost", "被竞争对手抢走", lost_reason="competitor")
        with pytest.raises(ValidationError):
            winback.start_winback(s, customer, past_value="")
        plan = winback.start_winback(s, customer, past_value="80,000")
        assert [st.step for st in plan.steps] == list(WinBackStep)
        plan = winback.set_step(s, plan.id, "ask", status="done", notes="希望交期缩短到两周")
        winback.set_step(s, plan.id, WinBackStep.LISTEN, status="doing")
        accounts.change_stage(s, customer, "repeat", "重新下单")
    with db.reading() as s:
        closed = winback.plans_of_account(s, customer)[0]
        history = accounts.stage_history(s, customer)
    assert closed.status is WinBackStatus.WON_BACK and closed.closed_at is not None
    assert (
        closed.steps[0].status is StepStatus.DONE and closed.steps[0].notes == "希望交期缩短到两周"
    )
    assert "won back" in history[0].reason


def test_a_suggestion_changes_nothing_until_accepted_and_stays_dismissed(db):
    old = datetime.now(UTC) - timedelta(days=400)
    with db.transaction() as s:
        silent = accounts.create_account(s, "久未联系公司", stage="regular").id
        visits.log_visit(s, silent, channel="phone", functions=["care"], at=old)
        from trustdesk.db.models import Account

        s.get(Account, silent).created_at = old  # added long ago
    with db.reading() as s:
        found = stage_suggestions.list_suggestions(s)
        assert accounts.get_account(s, silent).stage is Stage.REGULAR  # nothing moved
    assert [(f.account_id, f.rule) for f in found] == [(silent, StageRule.SILENT)]
    with db.transaction() as s:
        stage_suggestions.dismiss(s, silent, "silent")
    with db.reading() as s:
        assert stage_suggestions.list_suggestions(s) == []
        assert stage_suggestions.suggestion_for(s, silent) is None
    with db.transaction() as s:  # new evidence (a visit, then silence again) brings it back
        visits.log_visit(
            s, silent, channel="phone", functions=["care"], at=old + timedelta(days=30)
        )
        again = stage_suggestions.suggestion_for(s, silent)
        assert again is not None
        stage_suggestions.accept(s, silent, again.rule, lang="zh")
        history = accounts.stage_history(s, silent)
    assert history[0].to_stage is Stage.LOST and "天没有订单" in history[0].reason


def test_the_service_log_keeps_what_we_did_for_the_customer(db, customer):
    with db.transaction() as s:
        service_log.add_service_record(
            s, customer, "免费上门校准设备", day="2026-05-04", value="节省停机两天"
        )
        service_log.add_service_record(s, customer, "提前交付", day="2026-02-01")
        with pytest.raises(ValidationError):
            service_log.add_service_record(s, customer, "")
    with db.reading() as s:
        got = service_log.list_service_records(s, customer, start=date(2026, 3, 1))
    assert [(r.what, r.value) for r in got] == [("免费上门校准设备", "节省停机两天")]
