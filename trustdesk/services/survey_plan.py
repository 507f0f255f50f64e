"""SUR-3: when each customer is due its next survey. Each account keeps its last survey and
next due date in its own row, kept in step whenever a survey is filled in or taken back, the
customer's cycle changes, or it stops being served; the due and overdue lists read them from an
index."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utc_moment
from trustdesk.db.models import Account, SurveyResponse
from trustdesk.domain.surveys import next_survey_due, on_survey_plan
from trustdesk.errors import NotFoundError
from trustdesk.services.records import SurveyPlanRow
from trustdesk.services.team_settings import get_setting
from trustdesk.services.visit_plan import local_day, today


def default_cycle_months(session: Session) -> int:
    return int(get_setting(session, "survey_cycle_months"))  # type: ignore[arg-type]


def refresh_survey_plans(session: Session, account_ids: Iterable[str]) -> None:
    """Recompute these customers' last survey and next due date from their surveys about us."""
    months = default_cycle_months(session)
    ids = list(dict.fromkeys(account_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        last = dict(
            session.execute(
                select(SurveyResponse.account_id, func.max(SurveyResponse.taken_at))
                .where(
                    SurveyResponse.account_id.in_(chunk),
                    SurveyResponse.deleted_at.is_(None),
                    SurveyResponse.competitor == "",
                )
                .group_by(SurveyResponse.account_id)
            ).all()
        )
        for account in session.scalars(select(Account).where(Account.id.in_(chunk))):
            taken = last.get(account.id)
            account.last_survey_at = utc_moment(taken) if taken is not None else None
            if account.deleted_at is not None or not on_survey_plan(
                account.stage, account.do_not_serve
            ):
                account.next_survey_due = None
                continue
            cycle = account.survey_cycle.months if account.survey_cycle else months
            since = local_day(utc_moment(account.created_at)) or today()
            account.next_survey_due = next_survey_due(
                local_day(account.last_survey_at), since, cycle
            )
    session.flush()


def refresh_all_survey_plans(session: Session) -> int:
    """Every live customer's survey plan again (after the team's default cycle changed)."""
    ids = list(session.scalars(select(Account.id).where(Account.deleted_at.is_(None))))
    refresh_survey_plans(session, ids)
    return len(ids)


def _plan_row(account: Account, months: int, day: date) -> SurveyPlanRow:
    due = account.next_survey_due
    return SurveyPlanRow(
        account_id=account.id,
        account_name=account.name,
        stage=account.stage,
        cycle_months=account.survey_cycle.months if account.survey_cycle else months,
        last_survey_at=utc_moment(account.last_survey_at) if account.last_survey_at else None,
        next_survey_due=due,
        days_overdue=(day - due).days if due is not None and due < day else 0,
    )


def survey_plan_of(session: Session, account_id: str, *, on: date | None = None) -> SurveyPlanRow:
    account = session.get(Account, account_id)
    if account is None or account.deleted_at is not None:
        raise NotFoundError(
            f"No customer with id {account_id}.", zh=f"找不到编号为 {account_id} 的客户。"
        )
    return _plan_row(account, default_cycle_months(session), on or today())


def _plan_rows(session: Session, start: date | None, end: date, limit: int) -> list[SurveyPlanRow]:
    months, day = default_cycle_months(session), today()
    query = select(Account).where(
        Account.deleted_at.is_(None),
        Account.next_survey_due.is_not(None),
        Account.next_survey_due < end,
    )
    if start is not None:
        query = query.where(Account.next_survey_due >= start)
    rows = session.scalars(
        query.order_by(Account.next_survey_due, Account.sort_key, Account.id).limit(limit)
    )
    return [_plan_row(a, months, day) for a in rows]


def overdue_surveys(
    session: Session, *, on: date | None = None, limit: int = 200
) -> list[SurveyPlanRow]:
    """Customers whose survey is overdue, the longest overdue first."""
    return _plan_rows(session, None, on or today(), limit)


def due_surveys(
    session: Session, *, on: date | None = None, days: int = 30, limit: int = 200
) -> list[SurveyPlanRow]:
    """Customers whose survey falls due in the next ``days`` days (today included)."""
    day = on or today()
    return _plan_rows(session, day, day + timedelta(days=days + 1), limit)


def overdue_survey_count(session: Session, *, on: date | None = None) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Account)
            .where(
                Account.deleted_at.is_(None),
                Account.next_survey_due.is_not(None),
                Account.next_survey_due < (on or today()),
            )
        )
        or 0
    )
