"""SUR-1..SUR-4 through the services and the domain rules: what is saved, what becomes a
follow-up task, how results group across versions, when a survey is due."""

from datetime import UTC, date, datetime, timedelta
from importlib import util
from pathlib import Path

import pytest

from trustdesk.domain.enums import QuestionKind, ScoreBand, SurveyCycle
from trustdesk.domain.surveys import (
    add_months,
    band_of,
    is_shown,
    needs_follow_up,
    next_survey_due,
    question_signature,
    satisfaction_index,
)
from trustdesk.errors import ValidationError
from trustdesk.services import accounts, contacts, survey_plan, surveys, team_settings, visits
from trustdesk.services import survey_results as results
from trustdesk.services import survey_templates as templates
from trustdesk.services.survey_templates import QuestionDraft

MIGRATION = Path(__file__).parents[2] / "migrations" / "versions" / "0010_surveys.py"


# --- domain ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "band", "follow_up"),
    [
        (5, ScoreBand.EXCELLENT, False),
        (4, ScoreBand.AT_RISK, False),
        (3, ScoreBand.DISSATISFIED, True),
        (1, ScoreBand.DISSATISFIED, True),
    ],
)
def test_bands_treat_a_4_as_at_risk_and_act_on_1_to_3(score, band, follow_up):
    assert band_of(score) is band and needs_follow_up(score) is follow_up


@pytest.mark.parametrize("score", [0, 6, -1])
def test_a_score_outside_1_to_5_has_no_band(score):
    with pytest.raises(ValueError):
        band_of(score)


def test_the_index_is_share_of_5s_minus_share_of_1_to_3s():
    # 10 scores: four 5s, three 4s, two 3s, one 1 → 40% − 30% = 10 points
    assert satisfaction_index({5: 4, 4: 3, 3: 2, 1: 1}) == pytest.approx(10.0)
    assert satisfaction_index({4: 7}) == 0.0
    assert satisfaction_index({}) is None
    assert satisfaction_index({1: 2}) == -100.0


def test_a_follow_up_question_is_asked_only_below_its_threshold():
    assert is_shown(5, 4) and not is_shown(5, 5) and not is_shown(5, None)
    assert is_shown(None, None)


def test_cycles_add_months_and_clamp_to_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)  # leap year
    assert next_survey_due(None, date(2026, 5, 10), SurveyCycle.QUARTERLY.months) == date(
        2026, 8, 10
    )
    assert next_survey_due(date(2026, 12, 15), date(2020, 1, 1), 12) == date(2027, 12, 15)


def test_the_migration_signs_built_in_questions_as_the_domain_does():
    spec = util.spec_from_file_location("m0010", MIGRATION)
    assert spec and spec.loader
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for _, questions in module.BUILTIN.values():
        for key, kind, zh, en, pairs, *_ in questions:
            choices = [{"zh": a, "en": b} for a, b in pairs]
            assert module._signature(key, kind, zh, en, choices) == question_signature(
                key, QuestionKind.parse(kind), zh, en, choices
            )


# --- services ----------------------------------------------------------------------------


@pytest.fixture
def customer(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "深圳华科电子有限公司", stage="regular")
        zhang = contacts.create_contact(s, acc.id, "张伟")
    return acc.id, zhang.id


def seed_000(s):
    return next(t for t in templates.list_templates(s) if t.title_en.startswith("Customer score"))


def test_two_built_in_bilingual_templates_are_ready(db):
    with db.reading() as s:
        found = templates.list_templates(s)
    assert [t.builtin for t in found] == [True, True]
    first = found[0]
    keys = [q.key for q in first.questions]
    assert keys[:2] == ["overall", "overall_to_5"] and keys[-1] == "better"
    follow = first.questions[1]
    assert follow.follows == "overall" and follow.show_below == 5
    assert follow.text("zh") == "我们再做些什么就可以得到5分呢？"
    assert follow.text("en") == "What would make it a 5?"
    choice = next(q for q in found[1].questions if q.kind is QuestionKind.CHOICE)
    assert len(choice.choices) == 4


def test_a_filled_survey_keeps_every_answer_with_its_contact_and_visit(db, customer):
    account_id, zhang = customer
    with db.transaction() as s:
        visit = visits.log_visit(
            s, account_id, channel="in-person", functions=["care"], contact_ids=[zhang]
        )
        template = seed_000(s)
        saved = surveys.fill_survey(
            s,
            account_id,
            template.id,
            {"overall": 4, "overall_to_5": "更快的上门服务", "buy_again": "5", "recommend": 5},
            contact_id=zhang,
            visit_id=visit.id,
        )
    with db.reading() as s:
        listed = surveys.list_responses(s, account_id)
    assert [r.id for r in listed] == [saved.id]
    got = {a.key: (a.score, a.value, a.band) for a in listed[0].answers}
    assert got == {
        "overall": (4, "", ScoreBand.AT_RISK),
        "overall_to_5": (None, "更快的上门服务", None),
        "buy_again": (5, "", ScoreBand.EXCELLENT),
        "recommend": (5, "", ScoreBand.EXCELLENT),
    }
    assert listed[0].contact_name == "张伟" and listed[0].visit_id == visit.id
    assert listed[0].follow_ups == 0


def test_the_follow_up_question_cannot_be_answered_after_a_5(db, customer):
    account_id, _ = customer
    with db.transaction() as s:
        template = seed_000(s)
        with pytest.raises(ValidationError) as refused:
            surveys.fill_survey(
                s,
                account_id,
                template.id,
                {"overall": 5, "overall_to_5": "x", "buy_again": 5, "recommend": 5},
            )
    assert "below 5" in str(refused.value)
    with db.reading() as s:
        assert surveys.list_responses(s, account_id) == []


def test_a_required_score_left_out_saves_nothing(db, customer):
    account_id, _ = customer
    with db.transaction() as s:
        template = seed_000(s)
        with pytest.raises(ValidationError, match="needs an answer"):
            surveys.fill_survey(s, account_id, template.id, {"overall": 5, "recommend": 5})
        with pytest.raises(ValidationError, match="from 1 to 5"):
            surveys.fill_survey(
                s, account_id, template.id, {"overall": 6, "buy_again": 5, "recommend": 5}
            )


def test_a_score_of_2_creates_exactly_one_follow_up_task(db, customer):
    account_id, _ = customer
    with db.transaction() as s:
        template = seed_000(s)
        surveys.fill_survey(
            s,
            account_id,
            template.id,
            {"overall": 2, "overall_to_5": "交货太慢", "buy_again": 4, "recommend": 5},
        )
    with db.reading() as s:
        tasks = surveys.follow_ups(s, account_id=account_id)
        days = team_settings.get_setting(s, "survey_follow_up_days")
    assert len(tasks) == 1
    task = tasks[0]
    assert task.score == 2 and task.comment == "交货太慢"
    assert task.question_en.startswith("How would you rate our overall performance")
    assert task.due == date.today() + timedelta(days=days) and not task.overdue
    with db.transaction() as s:
        surveys.complete_follow_up(s, task.id, "已安排加急配送")
    with db.reading() as s:
        assert surveys.follow_ups(s, account_id=account_id) == []
        done = surveys.follow_ups(s, account_id=account_id, open_only=False)
    assert done[0].outcome == "已安排加急配送" and done[0].done_at is not None


def test_a_low_score_for_a_competitor_is_not_our_task(db, customer):
    account_id, _ = customer
    with db.transaction() as s:
        template = seed_000(s)
        surveys.fill_survey(
            s,
            account_id,
            template.id,
            {"overall": 2, "buy_again": 2, "recommend": 1},
            competitor="竞品甲",
        )
        assert surveys.follow_ups(s, account_id=account_id) == []
        found = results.survey_results(s, account_id=account_id)
    assert found.questions == () and {c.competitor for c in found.competitors} == {"竞品甲"}


def test_editing_a_template_keeps_old_answers_and_their_questions(db, customer):
    account_id, _ = customer
    with db.transaction() as s:
        old = seed_000(s)
        surveys.fill_survey(s, account_id, old.id, {"overall": 3, "buy_again": 5, "recommend": 5})
        drafts = [
            QuestionDraft(
                q.kind,
                q.text_zh,
                q.text_en,
                q.choices,
                q.required,
                q.follows,
                q.show_below,
                q.key,
            )
            for q in old.questions
        ]
        drafts[2] = QuestionDraft("scale", "您还会再买吗？", "Will you buy again?", key="buy_again")
        new = templates.save_template(s, old.title_zh, old.title_en, drafts, family=old.family)
        surveys.fill_survey(s, account_id, new.id, {"overall": 5, "buy_again": 4, "recommend": 5})
    with db.reading() as s:
        current = seed_000(s)
        answered = surveys.list_responses(s, account_id)
        found = results.survey_results(s, account_id=account_id)
    assert current.id == new.id and current.version == 2 and new.family == old.family
    first = answered[-1]
    assert [a.text_en for a in first.answers if a.key == "buy_again"] == [
        "Would you buy from us again? 5 is very willing."
    ]
    by_text = {q.text_en: q for q in found.questions}
    overall = by_text[
        "How would you rate our overall performance, from 1 to 5, where 5 is excellent?"
    ]
    assert overall.count == 2 and overall.distribution == (0, 0, 1, 0, 1)  # unchanged: grouped
    assert by_text["Will you buy again?"].count == 1  # reworded: a group of its own
    assert by_text["Would you buy from us again? 5 is very willing."].count == 1


def test_results_count_mean_distribution_and_index_on_hand_made_data(db, customer):
    account_id, _ = customer
    scores = [5, 5, 4, 3, 1]  # index: 2/5 − 2/5 = 0
    with db.transaction() as s:
        template = seed_000(s)
        for n, score in enumerate(scores):
            surveys.fill_survey(
                s,
                account_id,
                template.id,
                {"overall": score, "buy_again": 5, "recommend": 5},
                taken_at=datetime(2026, 3 + n % 2, 10, 9, tzinfo=UTC),
            )
    with db.reading() as s:
        found = results.survey_results(s, account_id=account_id)
        march = results.survey_results(s, start=date(2026, 3, 1), end=date(2026, 3, 31))
    overall = next(q for q in found.questions if q.key == "overall")
    assert overall.count == 5 and overall.mean == pytest.approx(18 / 5)
    assert overall.distribution == (1, 0, 1, 1, 2)
    # all 15 scores: 5s = 2 + 5 + 5 = 12, 1–3 = 2 → (12 − 2) / 15
    assert found.index == pytest.approx(100 * 10 / 15)
    assert [m.month for m in found.months] == ["2026-03", "2026-04"]
    assert [p.score for p in found.trend if p.signature == overall.signature] == [5, 4, 1, 5, 3]
    march_overall = next(q for q in march.questions if q.key == "overall")
    assert march_overall.distribution == (1, 0, 0, 1, 1)  # scores 5, 4, 1 (the March ones)


def test_the_survey_plan_follows_surveys_cycles_and_do_not_serve(db, customer):
    account_id, _ = customer
    with db.reading() as s:
        first = survey_plan.survey_plan_of(s, account_id)
    assert first.next_survey_due == add_months(date.today(), 3) and first.cycle_months == 3
    with db.transaction() as s:
        template = seed_000(s)
        surveys.fill_survey(
            s,
            account_id,
            template.id,
            {"overall": 5, "buy_again": 5, "recommend": 5},
            taken_at=datetime.now(UTC) - timedelta(days=70),
        )
        plan = surveys.set_survey_cycle(s, account_id, "monthly")
    assert plan.cycle_months == 1 and plan.days_overdue > 0
    with db.reading() as s:
        assert [r.account_id for r in survey_plan.overdue_surveys(s)] == [account_id]
        assert survey_plan.overdue_survey_count(s) == 1
    with db.transaction() as s:
        accounts.set_do_not_serve(s, account_id, True, "违约")
        assert survey_plan.overdue_surveys(s) == []
    with db.transaction() as s:
        accounts.set_do_not_serve(s, account_id, False)
        surveys.set_survey_cycle(s, account_id, None)
        team_settings.set_setting(s, "survey_cycle_months", 12)
        assert survey_plan.survey_plan_of(s, account_id).days_overdue == 0
        due = survey_plan.due_surveys(s, days=400)
    assert [r.account_id for r in due] == [account_id]


def test_prospects_and_lost_customers_are_not_due_a_survey(db):
    with db.transaction() as s:
        prospect = accounts.create_account(s, "潜在客户公司", stage="explorer").id
        buyer = accounts.create_account(s, "老主顾公司", stage="regular").id
        assert survey_plan.survey_plan_of(s, prospect).next_survey_due is None
        assert survey_plan.survey_plan_of(s, buyer).next_survey_due is not None
        accounts.change_stage(s, prospect, "first-time", "首次下单")
        accounts.change_stage(s, buyer, "lost", "转投对手", lost_reason="competitor")
        assert survey_plan.survey_plan_of(s, prospect).next_survey_due is not None
        assert survey_plan.survey_plan_of(s, buyer).next_survey_due is None
