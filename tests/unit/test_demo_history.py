"""The demo's two years of visits, notes and promises tell a coherent story (issue 11)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from trustdesk.db.models import Account, Contact, Visit
from trustdesk.demo import generator
from trustdesk.demo.history import SINGLE_THREAD_PERSON, SINGLE_THREADED, add_history
from trustdesk.domain.enums import CommitmentStatus
from trustdesk.services import commitments, level_suggestions, visit_plan, visits

NOW = datetime(2026, 11, 20, 8, tzinfo=UTC)


def _demo(db, accounts=150):
    with db.transaction() as s:
        generator.generate(s, accounts, seed=3, now=NOW, history=False)
        return add_history(s, now=NOW)


def test_demo_history_has_every_situation_the_app_shows(db):
    made = _demo(db)
    with db.reading() as s:
        first, last = s.execute(select(func.min(Visit.at), func.max(Visit.at))).one()
        customers = s.scalar(select(func.count()).select_from(Account))
        people = s.scalar(select(func.count()).select_from(Contact))
        overdue = visit_plan.overdue_count(s, on=NOW.date())
        promises = commitments.list_commitments(s, limit=10_000, on=NOW.date())
        waiting = commitments.list_commitments(s, needs_approval=True)
        planned = visits.list_visits(s, done=False)
        cooling = visit_plan.cooling_contacts(s, on=NOW.date(), limit=10_000)
        suggestions = sum(
            len(level_suggestions.suggestions_for_account(s, aid))
            for aid in s.scalars(select(Account.id))
        )
    assert made > customers * 5
    assert (NOW - first.replace(tzinfo=UTC)).days > 600  # two years of history
    assert last.replace(tzinfo=UTC) > NOW  # planned visits ahead
    assert planned and all(not v.done for v in planned)
    assert 0.05 < overdue / customers < 0.4  # some lapsed, most on plan
    statuses = {p.status for p in promises}
    assert {CommitmentStatus.OPEN, CommitmentStatus.KEPT, CommitmentStatus.BROKEN} <= statuses
    assert any(p.overdue for p in promises)
    assert [p.what for p in waiting] == ["2027 年订单给予 20% 折扣"]  # beyond the bottom line
    assert 0 < len(cooling) < people * 0.35
    assert 0 < suggestions < people * 0.1  # the history agrees with the levels


def test_the_single_threaded_customer_has_seen_only_its_supporter_for_months(db):
    _demo(db, 20)
    with db.reading() as s:
        account = s.scalar(select(Account.id).where(Account.name == SINGLE_THREADED))
        recent = visits.list_visits(s, account_id=account, start=(NOW - timedelta(days=180)).date())
    done = [v for v in recent if v.done]
    assert done
    assert {p.name for v in done for p in v.people} == {SINGLE_THREAD_PERSON}


def test_same_seed_same_history(db, tmp_path):
    from trustdesk.db.engine import open_database

    other = open_database(tmp_path / "other.sqlite3")
    try:
        assert _demo(db, 30) == _demo(other, 30)
        with db.reading() as s, other.reading() as t:
            mine = s.execute(select(Visit.id, Visit.at, Visit.notes).order_by(Visit.id)).all()
            theirs = t.execute(select(Visit.id, Visit.at, Visit.notes).order_by(Visit.id)).all()
        assert mine == theirs
    finally:
        other.close()
