"""The demo tells the stories of seeds 002 and 000, each coherent as a user would follow it:
one failure put right, a second failure at high risk, overdue complaints, an improvement told
to one customer and not yet to the other, a win-back half-way and one won back, the service
log, and the Suggestions list (a silent customer, an advocate candidate)."""

from datetime import date

import pytest
from sqlalchemy import select

from trustdesk import demo
from trustdesk.db.engine import open_database
from trustdesk.db.models import Account, SurveyAnswer, WinBackPlan
from trustdesk.domain.enums import (
    CoverageRisk,
    RecoverySatisfaction,
    Stage,
    StageRule,
    StepStatus,
    WinBackStatus,
    WinBackStep,
)
from trustdesk.services import (
    accounts,
    complaints,
    improvements,
    relationship_map,
    service_log,
    stage_suggestions,
    winback,
)


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    """The demo a newcomer makes (120 customers, now), read-only for every test."""
    database = open_database(tmp_path_factory.mktemp("stories") / "demo.sqlite3")
    with database.transaction() as s:
        demo.generate(s, 120, seed=1)
    with database.reading() as s:
        yield s
    database.close()


def _complained(s):
    found = {}
    for c in complaints.list_complaints(s, state="all"):
        found.setdefault(c.account_id, []).append(c)
    return found


def test_one_failure_from_a_score_of_2_put_right_with_a_first_person_apology(shown):
    s = shown
    [(customer, [made])] = [
        (a, cs) for a, cs in _complained(s).items() if len(cs) == 1 and cs[0].survey_answer_id
    ]
    assert s.get(SurveyAnswer, made.survey_answer_id).score == 2
    assert made.apology_given and made.apology_words.startswith(("对不起，是我", "I am sorry"))
    assert made.first_response_at is not None and made.response_over_seconds == 0
    assert made.resolved_at is not None and made.satisfied is RecoverySatisfaction.YES
    history = complaints.failure_history(s, customer)
    assert history.risk is None and "normal" in history.en
    [action] = improvements.list_actions(s, account_id=customer)
    told = {c.account_id: c for c in action.customers}
    assert action.done_at is not None and told[customer].informed_at is not None
    records = service_log.list_service_records(s, customer)
    assert any(r.complaint_id == made.id for r in records)


def test_a_second_failure_is_high_risk_with_its_chip_in_the_customer_list(shown):
    s = shown
    twice = [a for a, cs in _complained(s).items() if len(cs) == 2]
    assert len(twice) == 1
    history = complaints.failure_history(s, twice[0])
    assert history.risk is CoverageRisk.SECOND_FAILURE and "third chance" in history.en
    chips = relationship_map.risks_for_accounts(s, twice)[twice[0]]
    assert CoverageRisk.SECOND_FAILURE in {f.risk for f in chips}
    # the improvement its complaints asked for is done, and it has not been told yet
    waiting = improvements.customers_to_inform(s)
    assert [c.account_id for _, c in waiting] == twice


def test_overdue_complaints_one_unanswered_past_its_deadline(shown):
    s = shown
    late = complaints.list_complaints(s, state="overdue")
    assert len(late) == 2 and all(c.overdue for c in late)
    unanswered = [c for c in late if c.first_response_at is None]
    assert len(unanswered) == 1 and unanswered[0].response_over_seconds > 0
    assert complaints.overdue_complaint_count(s) == 2
    chips = relationship_map.risks_for_accounts(s, [c.account_id for c in late])
    assert all(
        CoverageRisk.OVERDUE_COMPLAINT in {f.risk for f in chips[c.account_id]} for c in late
    )
    assert [a.what for a in improvements.list_actions(s, open_only=True)]  # one still to do


def test_a_lost_customer_half_way_through_the_seven_steps(shown):
    s = shown
    [plan] = winback.list_plans(s, status=WinBackStatus.ACTIVE)
    assert accounts.get_account(s, plan.account_id).stage is Stage.LOST
    steps = {st.step: st for st in plan.steps}
    for step in (WinBackStep.ASK, WinBackStep.LISTEN, WinBackStep.FULFIL):
        assert steps[step].status is StepStatus.DONE and steps[step].done_on is not None
        assert "“" in steps[step].notes or '"' in steps[step].notes  # the customer's words
    assert steps[WinBackStep.PATIENCE].status is StepStatus.DOING
    assert steps[WinBackStep.ASK].done_on < steps[WinBackStep.FULFIL].done_on <= date.today()
    assert plan.started_at.date() <= steps[WinBackStep.ASK].done_on


def test_a_customer_won_back_with_the_plan_closed_in_the_stage_history(shown):
    s = shown
    [plan] = winback.list_plans(s, status=WinBackStatus.WON_BACK)
    assert all(st.status is StepStatus.DONE for st in plan.steps)
    assert accounts.get_account(s, plan.account_id).stage is Stage.REPEAT
    last = accounts.stage_history(s, plan.account_id)[0]
    assert (last.from_stage, last.to_stage) == (Stage.LOST, Stage.REPEAT)
    assert "won back" in last.reason and last.changed_at == plan.closed_at
    assert service_log.list_service_records(s, plan.account_id)
    # back in touch: not on the Suggestions list as silent
    assert stage_suggestions.suggestion_for(s, plan.account_id) is None


def test_service_records_from_a_complaint_and_a_visit(shown):
    s = shown
    ids = s.scalars(select(Account.id)).all()
    records = [r for a in ids for r in service_log.list_service_records(s, a)]
    assert len(records) >= 3
    assert any(r.complaint_id for r in records) and any(r.visit_id for r in records)


def test_the_suggestions_list_has_a_silent_customer_and_an_advocate_candidate(shown):
    s = shown
    found = stage_suggestions.list_suggestions(s)
    rules = {f.rule for f in found}
    assert {StageRule.SILENT, StageRule.ADVOCATE} <= rules
    keen = next(f for f in found if f.rule is StageRule.ADVOCATE)
    assert keen.stage in (Stage.REGULAR, Stage.REPEAT) and keen.to_stage is Stage.ADVOCATE
    assert s.scalar(select(WinBackPlan.id).where(WinBackPlan.account_id == keen.account_id)) is None
