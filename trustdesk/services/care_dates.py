"""Seed 004 (情感关怀): personal dates to remember about a person — a child's exam, a
wedding anniversary, an operation — each raising a reminder a few days ahead (with birthdays,
see ``visit_plan.reminders``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import CareDate
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import contacts
from trustdesk.services.fields import clean_date, required_text


@dataclass(frozen=True, slots=True)
class CareDateData:
    id: str
    contact_id: str
    day: date
    note: str
    yearly: bool
    created_at: datetime


def _data(row: CareDate) -> CareDateData:
    return CareDateData(row.id, row.contact_id, row.day, row.note, row.yearly, row.created_at)


def add_care_date(
    session: Session, contact_id: str, day: date | str, note: str, *, yearly: bool = False
) -> CareDateData:
    """Remember a personal date (``yearly``: every year on that day, like an anniversary)."""
    contacts.load(session, contact_id)
    when = clean_date(day, "day", ("Date", "日期"))
    if when is None:
        raise ValidationError("A care date needs its date.", "day", zh="关怀日需要填写日期。")
    row = CareDate(
        contact_id=contact_id,
        day=when,
        note=required_text(note, "note", ("What to remember", "关怀事项"), 500),
        yearly=yearly,
    )
    session.add(row)
    session.flush()
    return _data(row)


def list_care_dates(session: Session, contact_id: str) -> list[CareDateData]:
    contacts.load(session, contact_id)
    rows = session.scalars(
        select(CareDate)
        .where(CareDate.contact_id == contact_id, CareDate.deleted_at.is_(None))
        .order_by(CareDate.day)
    )
    return [_data(r) for r in rows]


def delete_care_date(session: Session, care_date_id: str) -> None:
    row = session.get(CareDate, care_date_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(
            f"No care date with id {care_date_id}.", zh=f"找不到编号为 {care_date_id} 的关怀日。"
        )
    row.deleted_at = utcnow()
    session.flush()
