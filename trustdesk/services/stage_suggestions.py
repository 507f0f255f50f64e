"""ACC-4: stage changes the evidence suggests, each with its evidence in one sentence. The user
accepts one (the stage history gets the sentence as its reason) or dismisses it; the app never
moves a customer by itself. A dismissed suggestion comes back only when its evidence changes.

Evidence: orders (DEA-3: the first, the second, steady ones over a year), referrals made
(DEA-4), visits, surveys, complaints and orders (the last contact), and the latest "would you
recommend us?" score.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utc_moment, utcnow
from trustdesk.db.models import (
    Account,
    Complaint,
    Referral,
    SalesOrder,
    StageSuggestionDismissal,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from trustdesk.domain.enums import LostReason, Stage, StageRule
from trustdesk.domain.stage_suggestions import (
    STEADY_ORDERS_PER_YEAR,
    StageEvidence,
    StageSuggestion,
    suggest_stage,
)
from trustdesk.errors import ValidationError
from trustdesk.services import accounts
from trustdesk.services.fields import current_user, parse_enum
from trustdesk.services.records import AccountData, StageSuggestionData
from trustdesk.services.team_settings import get_setting
from trustdesk.services.visit_plan import local_day, today

RECOMMEND_KEY = "recommend"  # the seed-000 template's "would you recommend us?" question


def _silent_days(session: Session) -> int:
    return int(get_setting(session, "silent_days"))  # type: ignore[arg-type]


def _last_complaint() -> Any:
    return (
        select(func.max(Complaint.received_at))
        .where(Complaint.account_id == Account.id, Complaint.deleted_at.is_(None))
        .scalar_subquery()
    )


def _last_order() -> Any:
    return (
        select(func.max(SalesOrder.ordered_on))
        .where(SalesOrder.account_id == Account.id, SalesOrder.deleted_at.is_(None))
        .scalar_subquery()
    )


def _order_evidence(day: date) -> Any:
    """Customers whose orders or referrals argue for the next stage (ACC-4), in SQL; each is
    then checked by the domain rule."""

    def orders(*extra: Any) -> Any:
        return (
            select(func.count())
            .where(SalesOrder.account_id == Account.id, SalesOrder.deleted_at.is_(None), *extra)
            .scalar_subquery()
        )

    referred = (
        select(Referral.id)
        .where(Referral.by_account_id == Account.id, Referral.deleted_at.is_(None))
        .exists()
    )
    year_ago = day - timedelta(days=365)
    return or_(
        and_(Account.stage.in_([Stage.SKEPTIC, Stage.EXPLORER]), orders() >= 1),
        and_(Account.stage == Stage.FIRST_TIME, orders() >= 2),
        and_(
            Account.stage == Stage.REPEAT,
            orders(SalesOrder.ordered_on > year_ago) >= STEADY_ORDERS_PER_YEAR,
        ),
        and_(Account.stage.in_([Stage.REPEAT, Stage.REGULAR]), referred),
    )


def _latest_recommend() -> Any:
    """(score, response id) of the customer's latest answer to "would you recommend us?"."""
    return (
        select(SurveyAnswer.score, SurveyResponse.id)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .where(
            SurveyResponse.account_id == Account.id,
            SurveyResponse.competitor == "",
            SurveyResponse.deleted_at.is_(None),
            SurveyAnswer.deleted_at.is_(None),
            SurveyQuestion.key == RECOMMEND_KEY,
        )
        .order_by(SurveyResponse.taken_at.desc())
        .limit(1)
    )


def _evidence(session: Session, account: Account, on: date) -> tuple[StageEvidence, str]:
    """The evidence of one customer, and a digest of it (a dismissal holds until it changes)."""
    last_complaint = session.scalar(
        select(func.max(Complaint.received_at)).where(
            Complaint.account_id == account.id, Complaint.deleted_at.is_(None)
        )
    )
    touches = [
        local_day(utc_moment(m))
        for m in (account.last_visit_at, account.last_survey_at, last_complaint)
        if m is not None
    ]
    recommend = session.execute(
        _latest_recommend().where(SurveyResponse.account_id == account.id)
    ).first()
    live_orders = (SalesOrder.account_id == account.id, SalesOrder.deleted_at.is_(None))
    orders, last_order = session.execute(
        select(func.count(), func.max(SalesOrder.ordered_on)).where(*live_orders)
    ).one()
    year_ago = on - timedelta(days=365)
    orders_last_year = session.scalar(
        select(func.count()).where(*live_orders, SalesOrder.ordered_on > year_ago)
    )
    referrals = session.scalar(
        select(func.count()).where(
            Referral.by_account_id == account.id, Referral.deleted_at.is_(None)
        )
    )
    evidence = StageEvidence(
        stage=account.stage,
        today=on,
        orders=int(orders or 0),
        orders_last_year=int(orders_last_year or 0),
        last_order=last_order,
        last_contact=max((t for t in touches if t), default=None),
        added=local_day(utc_moment(account.created_at)),
        recommend_score=recommend[0] if recommend else None,
        referrals=int(referrals or 0),
    )
    digest = (
        f"{evidence.last_contact}|{recommend[1] if recommend else ''}|"
        f"{evidence.orders}|{evidence.orders_last_year}|{evidence.referrals}"
    )
    return evidence, digest


def _dismissed(session: Session, account_id: str, rule: StageRule, digest: str) -> bool:
    row = session.get(StageSuggestionDismissal, (account_id, rule))
    return row is not None and row.deleted_at is None and row.evidence == digest


def _data(account: Account, found: StageSuggestion) -> StageSuggestionData:
    return StageSuggestionData(
        account_id=account.id,
        account_name=account.name,
        stage=account.stage,
        to_stage=found.to_stage,
        rule=found.rule,
        zh=found.zh,
        en=found.en,
    )


def suggestion_for(
    session: Session, account_id: str, *, on: date | None = None
) -> StageSuggestionData | None:
    """The customer's suggested stage change, unless dismissed on the same evidence."""
    account = accounts.load(session, account_id)
    if account.do_not_serve:
        return None
    evidence, digest = _evidence(session, account, on or today())
    found = suggest_stage(evidence, _silent_days(session))
    if found is None or _dismissed(session, account.id, found.rule, digest):
        return None
    return _data(account, found)


def list_suggestions(
    session: Session, *, on: date | None = None, limit: int = 200
) -> list[StageSuggestionData]:
    """The Suggestions list: customers silent past the window (the longest silent first), then
    advocate candidates. Candidates are found in SQL; each is checked by the domain rule."""
    day = on or today()
    cutoff = datetime.combine(day - timedelta(days=_silent_days(session)), datetime.min.time())
    cutoff = cutoff.astimezone().astimezone(UTC)
    last_touch = func.max(
        func.coalesce(Account.last_visit_at, Account.created_at),
        func.coalesce(Account.last_survey_at, Account.created_at),
        func.coalesce(_last_complaint(), Account.created_at),
        func.coalesce(_last_order(), Account.created_at),
        Account.created_at,
    )
    live = (
        Account.deleted_at.is_(None),
        Account.do_not_serve.is_(False),
        Account.stage != Stage.LOST,
    )
    silent = session.scalars(
        select(Account).where(*live, last_touch < cutoff).order_by(last_touch).limit(limit)
    ).all()
    score = _latest_recommend().with_only_columns(SurveyAnswer.score).scalar_subquery()
    keen = session.scalars(
        select(Account)
        .where(*live, Account.stage.in_([Stage.REPEAT, Stage.REGULAR]), score == 5)
        .order_by(Account.sort_key)
        .limit(limit)
    ).all()
    ordered = session.scalars(
        select(Account)
        .where(*live, _order_evidence(day))
        .order_by(Account.stage, Account.sort_key)
        .limit(limit)
    ).all()
    out: list[StageSuggestionData] = []
    seen: set[str] = set()
    for account in [*silent, *ordered, *keen]:
        if account.id in seen:
            continue
        seen.add(account.id)
        evidence, digest = _evidence(session, account, day)
        found = suggest_stage(evidence, _silent_days(session))
        if found is not None and not _dismissed(session, account.id, found.rule, digest):
            out.append(_data(account, found))
        if len(out) >= limit:
            break
    return out


def _current(session: Session, account_id: str, rule: StageRule | str) -> StageSuggestionData:
    which = parse_enum(StageRule, rule, "rule")
    found = suggestion_for(session, account_id)
    if found is None or found.rule is not which:
        raise ValidationError(
            "That suggestion no longer holds: the evidence has changed.",
            "rule",
            zh="该建议已不成立：依据已经变化。",
        )
    return found


def accept(
    session: Session,
    account_id: str,
    rule: StageRule | str,
    *,
    lang: str = "en",
    lost_reason: LostReason | str = LostReason.NEGLECT,
) -> AccountData:
    """Move the customer as suggested; the stage history keeps the evidence sentence. A
    customer silent too long goes to *lost* as front-line neglect unless told otherwise."""
    found = _current(session, account_id, rule)
    return accounts.change_stage(
        session,
        account_id,
        found.to_stage,
        found.sentence(lang),
        lost_reason=lost_reason if found.to_stage is Stage.LOST else None,
    )


def dismiss(session: Session, account_id: str, rule: StageRule | str) -> None:
    """Not now: the suggestion stays away until its evidence changes."""
    found = _current(session, account_id, rule)
    account = accounts.load(session, account_id)
    _, digest = _evidence(session, account, today())
    row = session.get(StageSuggestionDismissal, (account.id, found.rule))
    if row is None:
        row = StageSuggestionDismissal(account_id=account.id, rule=found.rule)
        session.add(row)
    row.evidence, row.deleted_at = digest, None
    row.dismissed_at, row.dismissed_by_id = utcnow(), current_user(session)
    session.flush()
