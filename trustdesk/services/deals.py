"""DEA-1, DEA-2, DEA-5: the deal pipeline — opportunities from lead to won or lost, the team of
ours on each, and win rates by the stage the customer was at when the deal was opened.

A deal remembers the customer's stage when it was opened (``account_stage``): the seed-004 win
rates compare how often we win with prospects, new customers and loyal ones. Moving a deal to
won or lost closes it (today, or the day given); moving it back opens it again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import Account, Deal, DealMember, User
from trustdesk.domain.deals import WinRate, win_rates
from trustdesk.domain.enums import DealRole, DealStage, SalesChannel
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts
from trustdesk.services.fields import (
    check_known_fields,
    clean_currency,
    clean_date,
    clean_money,
    clean_text,
    current_user,
    parse_enum,
    required_text,
)
from trustdesk.services.records import DealData, DealMemberData, PipelineColumn
from trustdesk.services.users import user_id_for_name
from trustdesk.services.visit_plan import today

EDITABLE = {"title", "channel", "amount", "currency", "expected_close", "notes", "lost_reason"}


def _load(session: Session, deal_id: str) -> Deal:
    deal = session.get(Deal, deal_id)
    if deal is None or deal.deleted_at is not None:
        raise NotFoundError(f"No deal with id {deal_id}.", zh=f"找不到编号为 {deal_id} 的商机。")
    return deal


def _title(value: object) -> str:
    return required_text(value, "title", ("The deal's name", "商机名称"), 200)


def _amount(value: object) -> int:
    return clean_money(value, "amount", ("The amount", "金额"))


def _day(value: object, field: str, label: tuple[str, str]) -> date | None:
    return clean_date(value, field, label)


def add_deal(
    session: Session,
    account_id: str,
    title: str,
    *,
    channel: SalesChannel | str = SalesChannel.FACE_TO_FACE,
    amount: object = 0,
    currency: str = "",
    stage: DealStage | str = DealStage.LEAD,
    opened_on: object = None,
    expected_close: object = None,
    notes: str = "",
) -> DealData:
    """DEA-1: a new opportunity with a customer, owned by this device's user."""
    account = accounts.load(session, account_id)
    opened = _day(opened_on, "opened_on", ("The opening day", "开始日期")) or today()
    if opened > today():
        raise ValidationError(
            "A deal cannot be opened in the future.", "opened_on", zh="商机的开始日期不能晚于今天。"
        )
    close = _day(expected_close, "expected_close", ("The expected close", "预计成交日期"))
    deal = Deal(
        account_id=account.id,
        title=_title(title),
        stage=DealStage.LEAD,
        channel=parse_enum(SalesChannel, channel, "channel"),
        amount=_amount(amount),
        currency=clean_currency(currency),
        opened_on=opened,
        expected_close=close,
        account_stage=account.stage,
        owner_id=current_user(session),
        notes=clean_text(notes, "notes", ("Notes", "备注"), 5000, multiline=True),
    )
    session.add(deal)
    session.flush()
    target = parse_enum(DealStage, stage, "stage")
    if target is not DealStage.LEAD:
        _move(deal, target, None)
    session.flush()
    return get_deal(session, deal.id)


def update_deal(session: Session, deal_id: str, **changes: Any) -> DealData:
    """Edit a deal's fields (not its stage: ``move_deal``)."""
    check_known_fields(changes, EDITABLE)
    deal = _load(session, deal_id)
    if "title" in changes:
        deal.title = _title(changes["title"])
    if "channel" in changes:
        deal.channel = parse_enum(SalesChannel, changes["channel"], "channel")
    if "amount" in changes:
        deal.amount = _amount(changes["amount"])
    if "currency" in changes:
        deal.currency = clean_currency(changes["currency"])
    if "expected_close" in changes:
        deal.expected_close = _day(
            changes["expected_close"], "expected_close", ("The expected close", "预计成交日期")
        )
    if "notes" in changes:
        deal.notes = clean_text(changes["notes"], "notes", ("Notes", "备注"), 5000, multiline=True)
    if "lost_reason" in changes:
        deal.lost_reason = clean_text(
            changes["lost_reason"], "lost_reason", ("Why it was lost", "丢单原因"), 2000
        )
    session.flush()
    return get_deal(session, deal.id)


def _move(deal: Deal, stage: DealStage, on: date | None) -> None:
    if stage.closed:
        closed = on or today()
        if closed < deal.opened_on:
            raise ValidationError(
                "A deal cannot close before it was opened.",
                "closed_on",
                zh="商机的结束日期不能早于开始日期。",
            )
        deal.closed_on = closed
    else:
        deal.closed_on = None
        deal.lost_reason = ""
    deal.stage = stage


def move_deal(
    session: Session,
    deal_id: str,
    stage: DealStage | str,
    *,
    closed_on: object = None,
    lost_reason: str = "",
) -> DealData:
    """DEA-1: the deal moves along the pipeline; won or lost closes it (today, or
    ``closed_on``), with the reason a deal was lost."""
    deal = _load(session, deal_id)
    target = parse_enum(DealStage, stage, "stage")
    on = _day(closed_on, "closed_on", ("The closing day", "结束日期"))
    if on is not None and on > today():
        raise ValidationError(
            "A deal cannot close in the future.", "closed_on", zh="商机的结束日期不能晚于今天。"
        )
    _move(deal, target, on)
    if target is DealStage.LOST:
        deal.lost_reason = clean_text(
            lost_reason, "lost_reason", ("Why it was lost", "丢单原因"), 2000
        )
    session.flush()
    return get_deal(session, deal.id)


def delete_deal(session: Session, deal_id: str) -> None:
    deal = _load(session, deal_id)
    deal.deleted_at = utcnow()
    for member in session.scalars(
        select(DealMember).where(DealMember.deal_id == deal.id, DealMember.deleted_at.is_(None))
    ):
        member.deleted_at = deal.deleted_at
    session.flush()


def set_deal_team(
    session: Session, deal_id: str, members: Iterable[tuple[DealRole | str, str]]
) -> DealData:
    """DEA-2: the deal's team as (role, person's name) pairs; people are the team's users
    (created by name when new). Those no longer named are removed (kept as tombstones)."""
    deal = _load(session, deal_id)
    wanted: dict[tuple[DealRole, str], None] = {}
    for role, name in members:
        parsed = parse_enum(DealRole, role, "role")
        user_id = user_id_for_name(session, required_text(name, "name", ("A name", "姓名"), 100))
        assert user_id is not None
        wanted[(parsed, user_id)] = None
    current = {
        (m.role, m.user_id): m
        for m in session.scalars(select(DealMember).where(DealMember.deal_id == deal.id))
    }
    now = utcnow()
    for key, member in current.items():
        if key not in wanted and member.deleted_at is None:
            member.deleted_at = now
        elif key in wanted and member.deleted_at is not None:
            member.deleted_at = None
    for role, user_id in wanted:
        if (role, user_id) not in current:
            session.add(DealMember(deal_id=deal.id, role=role, user_id=user_id))
    deal.updated_at = now
    session.flush()
    return get_deal(session, deal.id)


_OWNER = User.__table__.alias("deal_owner")


def _select() -> Any:
    return (
        select(Deal, Account.name, _OWNER.c.name)
        .join(Account, Account.id == Deal.account_id)
        .outerjoin(_OWNER, _OWNER.c.id == Deal.owner_id)
        .where(Deal.deleted_at.is_(None), Account.deleted_at.is_(None))
    )


def _teams(session: Session, deal_ids: Sequence[str]) -> dict[str, list[DealMemberData]]:
    out: dict[str, list[DealMemberData]] = defaultdict(list)
    for start in range(0, len(deal_ids), 500):
        rows = session.execute(
            select(DealMember.deal_id, DealMember.role, DealMember.user_id, User.name)
            .join(User, User.id == DealMember.user_id)
            .where(
                DealMember.deal_id.in_(deal_ids[start : start + 500]),
                DealMember.deleted_at.is_(None),
            )
        )
        for deal_id, role, user_id, name in rows:
            out[deal_id].append(DealMemberData(role, user_id, name))
    for members in out.values():
        members.sort(key=lambda m: (m.role.position, m.name))
    return out


def _records(session: Session, rows: Sequence[Any]) -> list[DealData]:
    teams = _teams(session, [deal.id for deal, _, _ in rows])
    return [
        DealData(
            id=deal.id,
            account_id=deal.account_id,
            account_name=account_name,
            title=deal.title,
            stage=deal.stage,
            channel=deal.channel,
            amount=deal.amount,
            currency=deal.currency,
            opened_on=deal.opened_on,
            expected_close=deal.expected_close,
            closed_on=deal.closed_on,
            account_stage=deal.account_stage,
            owner=owner or "",
            lost_reason=deal.lost_reason,
            notes=deal.notes,
            team=tuple(teams.get(deal.id, ())),
        )
        for deal, account_name, owner in rows
    ]


def get_deal(session: Session, deal_id: str) -> DealData:
    rows = session.execute(_select().where(Deal.id == deal_id)).all()
    if not rows:
        raise NotFoundError(f"No deal with id {deal_id}.", zh=f"找不到编号为 {deal_id} 的商机。")
    return _records(session, rows)[0]


def list_deals(session: Session, account_id: str) -> list[DealData]:
    """A customer's deals: open ones first (by expected close), then closed (newest first)."""
    rows = session.execute(_select().where(Deal.account_id == account_id)).all()
    deals = _records(session, rows)
    return sorted(
        deals,
        key=lambda d: (
            d.stage.closed,
            -(d.closed_on or date.min).toordinal() if d.stage.closed else 0,
            d.expected_close or date.max,
            d.title,
        ),
    )


def pipeline(
    session: Session, *, closed_since: object = None, owner: str | None = None
) -> list[PipelineColumn]:
    """DEA-1: every stage with its deals, the most valuable first. Open deals all; won and
    lost ones closed since ``closed_since`` (default: the last 90 days)."""
    since = clean_date(closed_since, "closed_since", ("The start", "开始日期"))
    if since is None:
        since = date.fromordinal(today().toordinal() - 90)
    query = _select().where((Deal.closed_on.is_(None)) | (Deal.closed_on >= since))
    if owner:
        query = query.where(_OWNER.c.name == owner.strip())
    deals = _records(session, session.execute(query).all())
    columns = []
    for stage in DealStage:
        mine = sorted(
            (d for d in deals if d.stage is stage), key=lambda d: (-d.amount, d.title, d.id)
        )
        totals: dict[str, int] = defaultdict(int)
        for deal in mine:
            totals[deal.currency] += deal.amount
        columns.append(PipelineColumn(stage, mine, dict(totals)))
    return columns


def deal_win_rates(session: Session, *, since: date | None = None) -> list[WinRate]:
    """DEA-5: win rate per group of the customer's stage at opening, over deals closed since
    ``since`` (default: ever)."""
    query = (
        select(Deal.account_stage, Deal.stage, func.count())
        .join(Account, Account.id == Deal.account_id)
        .where(
            Deal.deleted_at.is_(None),
            Account.deleted_at.is_(None),
            Deal.stage.in_([DealStage.WON, DealStage.LOST]),
        )
        .group_by(Deal.account_stage, Deal.stage)
    )
    if since is not None:
        query = query.where(Deal.closed_on >= since)
    return win_rates((stage, outcome, int(n)) for stage, outcome, n in session.execute(query))


__all__ = [
    "add_deal",
    "deal_win_rates",
    "delete_deal",
    "get_deal",
    "list_deals",
    "move_deal",
    "pipeline",
    "set_deal_team",
    "update_deal",
]
