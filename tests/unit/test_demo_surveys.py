"""The demo's two years of surveys (issue 12): a realistic mix, a falling customer whose last 2
waits on its follow-up, a customer compared with a competitor, and the survey plan in step."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from trustdesk.db.models import (
    Account,
    SurveyAnswer,
    SurveyFollowUp,
    SurveyResponse,
    Visit,
    VisitContact,
)
from trustdesk.demo import generator
from trustdesk.demo.surveys import COMPETITOR_SHOWCASE, COMPETITORS, FALLING_SHOWCASE
from trustdesk.domain.surveys import on_survey_plan
from trustdesk.services import survey_results, surveys
from trustdesk.services.survey_plan import refresh_all_survey_plans

NOW = datetime(2026, 11, 20, 8, tzinfo=UTC)


@pytest.fixture
def demo(db):
    with db.transaction() as s:
        generator.generate(s, 150, seed=3, now=NOW)
    return db


def _account(s, name):
    return s.scalar(select(Account.id).where(Account.name == name))


def test_two_years_of_surveys_mostly_4_and_5_with_a_task_for_every_1_to_3(demo):
    with demo.reading() as s:
        first, last = s.execute(
            select(func.min(SurveyResponse.taken_at), func.max(SurveyResponse.taken_at))
        ).one()
        scores = dict(
            s.execute(
                select(SurveyAnswer.score, func.count())
                .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
                .where(SurveyAnswer.score.is_not(None), SurveyResponse.competitor == "")
                .group_by(SurveyAnswer.score)
            ).all()
        )
        tasks = s.execute(select(SurveyFollowUp.done_at, SurveyFollowUp.outcome)).all()
        linked = s.execute(
            select(SurveyResponse.account_id, Visit.account_id, SurveyResponse.contact_id).join(
                Visit, Visit.id == SurveyResponse.visit_id
            )
        ).all()
        met = s.scalar(
            select(func.count())
            .select_from(SurveyResponse)
            .join(
                VisitContact,
                (VisitContact.visit_id == SurveyResponse.visit_id)
                & (VisitContact.contact_id == SurveyResponse.contact_id),
            )
        )
        with_people = s.scalar(
            select(func.count())
            .select_from(SurveyResponse)
            .where(
                SurveyResponse.visit_id.in_(select(VisitContact.visit_id)),
            )
        )
        cycles = set(s.scalars(select(Account.survey_cycle)))
    assert (NOW - first.replace(tzinfo=UTC)).days > 540  # about two years
    assert last.replace(tzinfo=UTC) < NOW
    total = sum(scores.values())
    assert total > 300
    assert (scores.get(4, 0) + scores[5]) / total > 0.8  # most are satisfied …
    assert scores[5] > scores.get(4, 0)
    low = sum(scores.get(n, 0) for n in (1, 2, 3))
    assert low > 0  # … some are not, and each of their low scores is a task
    assert len(tasks) == low
    assert any(done is None for done, _ in tasks)  # recent ones still open
    assert any(done is not None and outcome for done, outcome in tasks)  # old ones handled
    assert linked and all(ours == visited for ours, visited, _ in linked)  # filled at visits
    assert met == with_people > 0  # by a person met there
    assert {None, "monthly", "quarterly", "yearly"} <= {c.code if c else None for c in cycles}


def test_a_falling_customer_ends_on_a_2_whose_follow_up_is_open(demo):
    with demo.reading() as s:
        account = _account(s, FALLING_SHOWCASE)
        res = survey_results.survey_results(s, account_id=account)
        tasks = surveys.follow_ups(s, account_id=account)
    overall = res.questions[0].signature
    trend = [p.score for p in res.trend if p.signature == overall]
    # Falling survey after survey (how many surveys came before depends on when the
    # customer was added): the last three 4, 3, 2 after scores of 4–5.
    assert len(trend) >= 3 and trend[-3:] == [4, 3, 2]
    assert all(score >= 4 for score in trend[:-2])
    latest = max(p.taken_at for p in res.trend)
    twos = [t for t in tasks if t.score == 2 and t.taken_at == latest]
    assert twos and twos[0].done_at is None
    assert twos[0].question_en.startswith("How would you rate our overall performance")


def test_one_customer_is_compared_with_a_competitor(demo):
    with demo.reading() as s:
        account = _account(s, COMPETITOR_SHOWCASE)
        res = survey_results.survey_results(s, account_id=account)
        tasks = surveys.follow_ups(s, account_id=account, open_only=False, limit=1000)
        about = s.scalars(select(SurveyResponse.id).where(SurveyResponse.competitor != "")).all()
    by = {(c.competitor, c.text_en[:20]): c for c in res.competitors}
    us, them = by[("", "How would you rate o")], by[(COMPETITORS[0], "How would you rate o")]
    assert us.count >= 6 and them.count == us.count  # asked about both each time
    assert us.mean > them.mean
    # Low scores of the competitor are not our tasks.
    assert all(t.response_id not in set(about) for t in tasks)


def test_the_survey_plan_is_in_step_after_the_build(demo):
    def plans(s):
        return s.execute(
            select(
                Account.id,
                Account.stage,
                Account.do_not_serve,
                Account.survey_cycle,
                Account.last_survey_at,
                Account.next_survey_due,
            ).order_by(Account.id)
        ).all()

    with demo.reading() as s:
        built = plans(s)
    # Only buying customers we serve are due a survey (prospects and lost ones are not).
    assert all(
        (due is None) == (not on_survey_plan(stage, stopped))
        for _, stage, stopped, _, _, due in built
    )
    assert sum(last is not None for *_, last, _ in built) > len(built) / 5
    with demo.transaction() as s:
        refresh_all_survey_plans(s)
        s.flush()
        again = plans(s)
    assert built == again
