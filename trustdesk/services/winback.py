"""WIN-1/2: winning back a lost customer — a worth-it check first, then the seven steps of seed
000, each with status, date and notes. Moving the customer back to a buying stage closes the
plan as won back (``accounts.change_stage`` calls ``close_won_back``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.base import utc_moment, utcnow
from trustdesk.db.models import Account, User, WinBackPlan, WinBackPlanStep
from trustdesk.domain.enums import Stage, StepStatus, WinBackStatus, WinBackStep
from trustdesk.domain.stage_suggestions import WorthCheck, worth_winning_back
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services.changes import note_change
from trustdesk.services.fields import (
    clean_amount,
    clean_date,
    clean_text,
    current_user,
    parse_enum,
)
from trustdesk.services.records import WinBackPlanData, WinBackStepData


def _account(session: Session, account_id: str) -> Account:
    account = session.get(Account, account_id)
    if account is None or account.deleted_at is not None:
        raise NotFoundError(
            f"No customer with id {account_id}.", zh=f"找不到编号为 {account_id} 的客户。"
        )
    return account


def _value(value: object) -> float | None:
    return clean_amount(
        value,
        "past_value",
        (
            "The past value must be a number of yuan, not {value!r}.",
            "过往价值应为金额（元），不是“{value}”。",
        ),
    )


def worth_check(session: Session, account_id: str, past_value: object) -> WorthCheck:
    """WIN-1: is this lost customer worth winning back? (the sentence says why)."""
    account = _account(session, account_id)
    return worth_winning_back(_value(past_value), account.lost_reason, account.do_not_serve)


def _active(session: Session, account_id: str) -> WinBackPlan | None:
    return session.scalars(
        select(WinBackPlan).where(
            WinBackPlan.account_id == account_id,
            WinBackPlan.status == WinBackStatus.ACTIVE,
            WinBackPlan.deleted_at.is_(None),
        )
    ).first()


def start_winback(
    session: Session, account_id: str, *, past_value: object, reason: str = ""
) -> WinBackPlanData:
    """WIN-1/2: start the seven steps for a lost customer that passes the worth-it check."""
    account = _account(session, account_id)
    if account.stage is not Stage.LOST:
        raise ValidationError(
            f"Only a lost customer is won back; this one is at stage {account.stage.en}.",
            "stage",
            zh=f"只有流失的客户才需要挽回；该客户处于“{account.stage.zh}”阶段。",
        )
    if _active(session, account.id) is not None:
        raise ValidationError(
            "A win-back plan for this customer is already under way.",
            "winback",
            zh="该客户已有进行中的挽回计划。",
        )
    value = _value(past_value)
    check = worth_winning_back(value, account.lost_reason, account.do_not_serve)
    if not check.worth_it:
        raise ValidationError(check.en, "past_value", zh=check.zh)
    why = clean_text(reason, "reason", ("Why win it back", "挽回理由"), 2000, multiline=True)
    plan = WinBackPlan(
        account_id=account.id,
        owner_id=current_user(session),
        past_value=value,
        worth_reason=why or check.zh,
    )
    session.add(plan)
    session.flush()
    for step in WinBackStep:
        session.add(WinBackPlanStep(plan_id=plan.id, step=step))
    session.flush()
    return get_plan(session, plan.id)


def _plan(session: Session, plan_id: str) -> WinBackPlan:
    plan = session.get(WinBackPlan, plan_id)
    if plan is None or plan.deleted_at is not None:
        raise NotFoundError(
            f"No win-back plan with id {plan_id}.", zh=f"找不到编号为 {plan_id} 的挽回计划。"
        )
    return plan


def set_step(
    session: Session,
    plan_id: str,
    step: WinBackStep | str,
    *,
    status: StepStatus | str | None = None,
    done_on: date | str | None = None,
    notes: str | None = None,
) -> WinBackPlanData:
    """Record progress on one step: its status (done stamps today unless a date is given),
    and notes (what the customer answered to "what must we do to serve you again?")."""
    plan = _plan(session, plan_id)
    if plan.status is not WinBackStatus.ACTIVE:
        raise ValidationError(
            f"This plan is closed ({plan.status.en}).",
            "winback",
            zh=f"该计划已结束（{plan.status.zh}）。",
        )
    which = parse_enum(WinBackStep, step, "step")
    row = session.scalars(
        select(WinBackPlanStep).where(
            WinBackPlanStep.plan_id == plan.id, WinBackPlanStep.step == which
        )
    ).one()
    if status is not None:
        row.status = parse_enum(StepStatus, status, "status")
        if row.status is StepStatus.DONE:
            row.done_on = clean_date(done_on, "done_on", ("The date", "日期")) or date.today()
        else:
            row.done_on = None
    if notes is not None:
        row.notes = clean_text(notes, "notes", ("Notes", "备注"), 5000, multiline=True)
    row.updated_at = utcnow()
    session.flush()
    # A step row names its plan, not the customer: say whose plan changed, so that the
    # customer's open views reload (the change bus tells views by customer).
    note_change(session, "winback", plan.account_id)
    return get_plan(session, plan.id)


def abandon(session: Session, plan_id: str, reason: str = "") -> WinBackPlanData:
    """Give up winning this customer back (the reason goes in the plan's notes)."""
    plan = _plan(session, plan_id)
    plan.status, plan.closed_at = WinBackStatus.ABANDONED, utcnow()
    words = clean_text(reason, "reason", ("The reason", "原因"), 2000, multiline=True)
    if words:
        plan.worth_reason = f"{plan.worth_reason}\n{words}".strip()
    session.flush()
    return get_plan(session, plan.id)


def close_won_back(session: Session, account_id: str, at: datetime | None = None) -> str | None:
    """The customer moved back to a buying stage (at ``at``, default now): its active plan is
    won back then. Returns the sentence for the stage history, or None when there was no plan."""
    plan = _active(session, account_id)
    if plan is None:
        return None
    plan.status, plan.closed_at = WinBackStatus.WON_BACK, at or utcnow()
    session.flush()
    return "挽回计划完成：客户已赢回。/ Win-back plan closed: the customer is won back."


def get_plan(session: Session, plan_id: str) -> WinBackPlanData:
    plan = _plan(session, plan_id)
    account = session.get(Account, plan.account_id)
    owner = session.get(User, plan.owner_id) if plan.owner_id else None
    steps = session.scalars(select(WinBackPlanStep).where(WinBackPlanStep.plan_id == plan.id))
    ordered = sorted(steps, key=lambda s: s.step.position)
    return WinBackPlanData(
        id=plan.id,
        account_id=plan.account_id,
        account_name=account.name if account else "",
        owner=owner.name if owner else "",
        past_value=plan.past_value,
        worth_reason=plan.worth_reason,
        status=plan.status,
        started_at=utc_moment(plan.started_at),
        closed_at=utc_moment(plan.closed_at),
        steps=tuple(WinBackStepData(s.step, s.status, s.done_on, s.notes) for s in ordered),
    )


def plans_of_account(session: Session, account_id: str) -> list[WinBackPlanData]:
    """The customer's win-back plans, the newest first."""
    _account(session, account_id)
    ids = session.scalars(
        select(WinBackPlan.id)
        .where(WinBackPlan.account_id == account_id, WinBackPlan.deleted_at.is_(None))
        .order_by(WinBackPlan.started_at.desc())
    )
    return [get_plan(session, i) for i in ids]


def list_plans(
    session: Session, *, status: WinBackStatus | str | None = None
) -> list[WinBackPlanData]:
    """Win-back plans (of one status), the newest first."""
    query = (
        select(WinBackPlan.id)
        .join(Account, Account.id == WinBackPlan.account_id)
        .where(WinBackPlan.deleted_at.is_(None), Account.deleted_at.is_(None))
    )
    if status not in (None, ""):
        query = query.where(WinBackPlan.status == parse_enum(WinBackStatus, status, "status"))
    return [
        get_plan(session, i) for i in session.scalars(query.order_by(WinBackPlan.started_at.desc()))
    ]
