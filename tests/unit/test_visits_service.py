"""Visits, the plan, intelligence notes, commitments, answers and level suggestions, through
the services (what is saved and listed)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from trustdesk.domain.enums import (
    Activity,
    CommitmentStatus,
    ContactFunction,
    CoverageRisk,
    RelationshipLevel,
)
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import (
    accounts,
    answers,
    commitments,
    contacts,
    level_suggestions,
    relationship_map,
    team_settings,
    visit_plan,
    visits,
)


@pytest.fixture
def huake(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "深圳华科电子有限公司", stage="regular")
        zhang = contacts.create_contact(s, acc.id, "张伟", depth="deep")
        li = contacts.create_contact(s, acc.id, "李娜", depth="shallow", birthday="1985-01-03")
        other = accounts.create_account(s, "广州远航物流")
        wang = contacts.create_contact(s, other.id, "王芳")
    return acc.id, zhang.id, li.id, other.id, wang.id


def test_a_logged_visit_keeps_its_people_functions_and_moves_the_plan(db, huake):
    acc, zhang, li, _, _ = huake
    at = datetime.now(UTC) - timedelta(days=2)
    with db.transaction() as s:
        made = visits.log_visit(
            s, acc, channel="in-person", functions=["care", "情报收集"], contact_ids=[zhang, li],
            at=at, notes="谈了明年的采购计划", next_step="发报价",
            next_due=date.today() + timedelta(days=3),
        )  # fmt: skip
    with db.reading() as s:
        listed = visits.list_visits(s, account_id=acc)
        account = accounts.get_account(s, acc)
        people = {c.id: c for c in contacts.list_contacts(s, acc)}
        upcoming = visit_plan.upcoming_steps(s)
        recent = visits.recent_visits(s)
    assert [v.id for v in listed] == [made.id]
    got = listed[0]
    assert {p.name for p in got.people} == {"张伟", "李娜"}
    assert got.functions == (ContactFunction.CARE, ContactFunction.INTELLIGENCE)
    assert got.activities == (Activity.CUSTOMER_VISIT,)  # the channel's typical activity
    assert got.notes == "谈了明年的采购计划"
    assert account.last_visit_at == at.replace(microsecond=at.microsecond)
    assert account.next_visit_due == at.astimezone().date() + timedelta(days=30)  # regular
    assert all(people[c].last_touch_at is not None for c in (zhang, li))
    assert [r.what for r in upcoming] == ["发报价"]
    assert [v.id for v in recent] == [made.id]


def test_visit_refusals_lose_nothing(db, huake):
    acc, _zhang, _, _, wang = huake
    with db.transaction() as s:
        before = len(visits.list_visits(s))
    cases = [
        ({"channel": "pigeon", "functions": ["care"]}, "channel"),
        ({"channel": "phone", "functions": []}, "functions"),
        ({"channel": "phone", "functions": ["care"], "contact_ids": [wang]}, "contacts"),
        (
            {
                "channel": "phone",
                "functions": ["care"],
                "at": datetime.now(UTC) + timedelta(days=1),
            },
            "at",
        ),
        (
            {"channel": "phone", "functions": ["care"], "next_due": "2026-13-01", "next_step": "x"},
            "next_due",
        ),
        ({"channel": "phone", "functions": ["care"], "next_due": "2026-12-01"}, "next_step"),
        ({"channel": "gift", "functions": ["care"], "gift_value": "lots"}, "gift_value"),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as err, db.transaction() as s:
            visits.log_visit(s, acc, **kwargs)
        assert err.value.field == field, kwargs
        assert err.value.text("zh") and err.value.text("en")
    with db.reading() as s:
        assert len(visits.list_visits(s)) == before


def test_planned_visit_is_upcoming_until_done(db, huake):
    acc, zhang, _, _, _ = huake
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    with db.transaction() as s:
        plan = visits.log_visit(
            s, acc, channel="in-person", at=tomorrow, done=False, contact_ids=[zhang]
        )
    with db.reading() as s:
        assert [r.visit_id for r in visit_plan.upcoming_steps(s)] == [plan.id]
        assert accounts.get_account(s, acc).last_visit_at is None  # a plan is not a visit
    with db.transaction() as s:
        visits.update_visit(s, plan.id, done=True, functions=["relationship"], at=datetime.now(UTC))
    with db.reading() as s:
        assert visit_plan.upcoming_steps(s) == []
        assert accounts.get_account(s, acc).last_visit_at is not None


def test_overdue_customers_and_do_not_serve_leaves_the_plan(db, huake):
    acc, *_ = huake
    long_ago = datetime.now(UTC) - timedelta(days=45)
    with db.transaction() as s:
        visits.log_visit(s, acc, channel="phone", functions=["care"], at=long_ago)
    with db.reading() as s:
        rows = visit_plan.overdue_accounts(s)
    assert [r.account_id for r in rows] == [acc]
    assert rows[0].days_overdue == (visit_plan.today() - rows[0].next_visit_due).days > 0
    with db.transaction() as s:
        accounts.set_do_not_serve(s, acc, True, "拖欠货款")
    with db.reading() as s:
        assert visit_plan.overdue_accounts(s) == []
        assert accounts.get_account(s, acc).next_visit_due is None
    with db.transaction() as s:
        accounts.set_do_not_serve(s, acc, False)
        accounts.set_visit_cadence(s, acc, 365)
    with db.reading() as s:
        assert visit_plan.overdue_accounts(s) == []
    with pytest.raises(ValidationError), db.transaction() as s:
        accounts.set_visit_cadence(s, acc, 400)


def test_team_cadence_change_moves_every_plan(db, huake):
    acc, *_ = huake
    with db.transaction() as s:
        team_settings.set_setting(s, "visit_cadence_days", {"regular": 7})
    with db.reading() as s:
        account = accounts.get_account(s, acc)
    assert account.next_visit_due == account.created_at.astimezone().date() + timedelta(days=7)


def test_cooling_people_and_reminders(db, huake):
    acc, zhang, _li, _, _ = huake
    with db.transaction() as s:
        visits.log_visit(
            s, acc, channel="phone", functions=["care"], contact_ids=[zhang],
            at=datetime.now(UTC) - timedelta(days=40),
        )  # fmt: skip
    with db.reading() as s:
        cooling = visit_plan.cooling_contacts(s)
        on_new_year = visit_plan.reminders(s, on=date(2026, 12, 30))
        in_summer = visit_plan.reminders(s, on=date(2026, 7, 1))
    assert [c.name for c in cooling] == ["张伟"]  # deep: 30 days; 李娜 is shallow (120)
    assert [(r.name, r.day, r.days_away) for r in on_new_year] == [("李娜", date(2027, 1, 3), 4)]
    assert in_summer == []


def test_personnel_change_note_marks_the_person_departed(db, huake):
    acc, zhang, _, _, _ = huake
    with db.transaction() as s:
        note = visits.add_intel_note(
            s, acc, "personnel-change", "张伟调去集团总部", contact_id=zhang, contact_departed=True
        )
    with db.reading() as s:
        notes = visits.list_intel_notes(s, acc)
        person = contacts.get_contact(s, zhang)
    assert [n.id for n in notes] == [note.id] and notes[0].contact_name == "张伟"
    assert person.departed
    with pytest.raises(ValidationError), db.transaction() as s:
        visits.add_intel_note(s, acc, "feedback", "ok", contact_id=zhang, contact_departed=True)


def test_commitment_history_bottom_line_and_risk_column(db, huake):
    acc, zhang, *_ = huake
    with db.transaction() as s:
        bold = commitments.add_commitment(
            s, acc, "年底前给 20% 折扣", contact_id=zhang, bottom_line_kind="discount", value="20%"
        )
        safe = commitments.add_commitment(s, acc, "送样品", due=date.today() - timedelta(days=2))
    assert bold.needs_approval and not safe.needs_approval
    with db.reading() as s:
        waiting = commitments.list_commitments(s, needs_approval=True)
        risks = relationship_map.risks_for_accounts(s, [acc])[acc]
    assert [c.id for c in waiting] == [bold.id]
    assert CoverageRisk.OVERDUE_COMMITMENT in {r.risk for r in risks}
    with pytest.raises(ValidationError) as err, db.transaction() as s:
        commitments.set_status(s, safe.id, "broken")
    assert err.value.field == "reason"
    with db.transaction() as s:
        commitments.set_status(s, safe.id, "broken", "样品缺货")
        commitments.approve(s, bold.id)
    with db.reading() as s:
        steps = commitments.history(s, safe.id)
        risks = relationship_map.risks_for_accounts(s, [acc])[acc]
        assert commitments.list_commitments(s, needs_approval=True) == []
    assert [(h.from_status, h.to_status, h.reason) for h in steps] == [
        (None, CommitmentStatus.OPEN, ""),
        (CommitmentStatus.OPEN, CommitmentStatus.BROKEN, "样品缺货"),
    ]
    assert {r.risk for r in risks} >= {CoverageRisk.BROKEN_COMMITMENT}
    with pytest.raises(ValidationError), db.transaction() as s:
        commitments.add_commitment(s, acc, "快速交货", bottom_line_kind="delivery")


def test_gift_over_the_ceiling_is_flagged(db, huake):
    acc, _zhang, *_ = huake
    with db.transaction() as s:
        small = visits.log_visit(s, acc, channel="gift", functions=["care"], gift_value=200)
        big = visits.log_visit(s, acc, channel="gift", functions=["care"], gift_value="1,200")
    assert not small.gift_over_limit and big.gift_over_limit and big.gift_value == 1200


def test_suggested_level_accept_and_dismiss(db, huake):
    acc, zhang, li, _, _ = huake
    with db.transaction() as s:
        visits.log_visit(
            s, acc, channel="entertainment", functions=["relationship"], contact_ids=[zhang, li],
            at=datetime(2026, 10, 12, 12, tzinfo=UTC),
        )  # fmt: skip
    with db.reading() as s:
        found = level_suggestions.suggestions_for_account(s, acc)
    assert [(f.name, f.level) for f in found] == [
        ("李娜", RelationshipLevel.DATE),
        ("张伟", RelationshipLevel.DATE),
    ]
    with db.transaction() as s:
        level_suggestions.accept(s, zhang, "en")
        level_suggestions.dismiss(s, li)
    with db.reading() as s:
        assert level_suggestions.suggestions_for_account(s, acc) == []
        history = contacts.level_history(s, zhang)
    assert history[0].to_level is RelationshipLevel.DATE
    assert (
        history[0].reason == "Entertainment on 2026-10-12 is typical of Date (约会): suggest Date."
    )
    with pytest.raises(ValidationError), db.transaction() as s:
        level_suggestions.accept(s, li)


def test_standard_answers_are_seeded_and_searchable(db):
    with db.reading() as s:
        everything = answers.list_answers(s, lang="zh")
        price = answers.list_answers(s, search="便宜")
        english = answers.list_answers(s, search="PRICE higher")
    assert len(everything) == 20 and everything[0].lang == "zh"
    assert [a.question for a in price] == ["能不能再便宜一点？"]
    assert [a.question for a in english] == ["Why is your price higher than others'?"]
    with db.transaction() as s:
        made = answers.add_answer(s, "competitor", "和A公司比？", "我们不评价同行。", lang="zh")
        answers.delete_answer(s, made.id)
    with pytest.raises(NotFoundError), db.transaction() as s:
        answers.update_answer(s, made.id, answer="x")


def test_care_dates_raise_reminders(db, huake):
    from trustdesk.services import care_dates

    _acc, zhang, *_ = huake
    with db.transaction() as s:
        exam = care_dates.add_care_date(s, zhang, "2027-06-07", "孩子高考")
        care_dates.add_care_date(s, zhang, "2010-12-31", "结婚纪念日", yearly=True)
    with db.reading() as s:
        before_exam = visit_plan.reminders(s, on=date(2027, 6, 3))
        new_year = visit_plan.reminders(s, on=date(2026, 12, 28))
    assert [(r.what, r.days_away) for r in before_exam] == [("孩子高考", 4)]
    assert [(r.what, r.day) for r in new_year if not r.birthday] == [
        ("结婚纪念日", date(2026, 12, 31))
    ]
    with pytest.raises(ValidationError), db.transaction() as s:
        care_dates.add_care_date(s, zhang, "", "x")
    with db.transaction() as s:
        care_dates.delete_care_date(s, exam.id)
        assert [c.note for c in care_dates.list_care_dates(s, zhang)] == ["结婚纪念日"]


def test_intelligence_notes_are_found_by_the_search_box(db, huake):
    from trustdesk.domain.names import text_tokens
    from trustdesk.services.accounts import AccountFilter

    acc, _, _, other, _ = huake
    assert text_tokens("竞争對手") == ["竞争", "争对", "对手"]  # traditional folded too
    with db.transaction() as s:
        note = visits.add_intel_note(s, acc, "competitor", "竞争对手报价比我们低约 8%")
        visits.add_intel_note(s, other, "feedback", "Packaging was damaged on arrival")

    def listed(text):
        with db.reading() as s:
            return [r.name for r in accounts.list_accounts(s, AccountFilter(text=text)).rows]

    assert listed("竞争") == ["深圳华科电子有限公司"]  # two characters, inside a sentence
    assert listed("对手报价") == ["深圳华科电子有限公司"]
    assert listed("packag") == ["广州远航物流"]  # a word's prefix
    assert listed("竞争 damaged") == []  # every word must match
    with db.reading() as s:
        found = visits.find_notes(s, "报价")
    assert [n.id for n in found] == [note.id]
    with db.transaction() as s:
        accounts.delete_account(s, acc)
    assert listed("竞争") == []
    with db.transaction() as s:
        accounts.restore_account(s, acc)
    assert listed("竞争") == ["深圳华科电子有限公司"]
    with db.transaction() as s:
        visits.delete_intel_note(s, note.id)
    assert listed("竞争") == []


def test_the_visits_tab_flags_gifts_against_the_team_ceiling_and_shows_people_met(db, huake):
    acc, zhang, li, *_ = huake
    with db.transaction() as s:
        team_settings.set_setting(s, "limit_gift_value", 300)
        visits.log_visit(s, acc, channel="gift", functions=["care"], gift_value=200)
        visits.log_visit(
            s, acc, channel="gift", functions=["care"], gift_value=400, contact_ids=[zhang, li]
        )
    with db.reading() as s:
        tab = visits.account_visits(s, acc)
    flags = sorted((v.gift_value, v.gift_over_limit) for v in tab.visits)
    assert flags == [(200, False), (400, True)]
    met = next(v for v in tab.visits if v.gift_value == 400)
    assert {p.name for p in met.people} == {"张伟", "李娜"}
    assert tab.plan.account_name == "深圳华科电子有限公司" and tab.plan.last_visit_at is not None
