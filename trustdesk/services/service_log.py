"""TCH-2 (seed 002 "为自己吹响号角", blow your own horn): a log of the good service delivered to a
customer — what, when, what it was worth to them — added from a visit or a resolved complaint
and summarised in the visit reports ("what we did for you this year")."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import Complaint, ServiceRecord, Visit
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts
from trustdesk.services.fields import clean_date, clean_text, required_text
from trustdesk.services.records import ServiceRecordData, from_row


def _linked(session: Session, model: type, ref_id: str | None, account_id: str, what: str) -> None:
    if ref_id is None:
        return
    row = session.get(model, ref_id)
    if row is None or row.deleted_at is not None or row.account_id != account_id:
        raise ValidationError(
            f"That {what} is not this customer's.", what, zh=f"该{what}不属于这个客户。"
        )


def add_service_record(
    session: Session,
    account_id: str,
    what: str,
    *,
    day: date | str | None = None,
    value: str = "",
    visit_id: str | None = None,
    complaint_id: str | None = None,
) -> ServiceRecordData:
    """Good service delivered (``value``: what it was worth to the customer, in its words or
    in money)."""
    account = accounts.load(session, account_id)
    _linked(session, Visit, visit_id or None, account.id, "visit")
    _linked(session, Complaint, complaint_id or None, account.id, "complaint")
    record = ServiceRecord(
        account_id=account.id,
        day=clean_date(day, "day", ("The date", "日期")) or date.today(),
        what=required_text(what, "what", ("The service", "服务内容"), 2000, multiline=True),
        value=clean_text(value, "value", ("Its value", "价值"), 500),
        visit_id=visit_id or None,
        complaint_id=complaint_id or None,
    )
    session.add(record)
    session.flush()
    return from_row(ServiceRecordData, record)


def list_service_records(
    session: Session, account_id: str, *, start: date | None = None, end: date | None = None
) -> list[ServiceRecordData]:
    """The customer's service log over [start, end], the newest first."""
    accounts.load(session, account_id)
    query = select(ServiceRecord).where(
        ServiceRecord.account_id == account_id, ServiceRecord.deleted_at.is_(None)
    )
    if start is not None:
        query = query.where(ServiceRecord.day >= start)
    if end is not None:
        query = query.where(ServiceRecord.day <= end)
    rows = session.scalars(query.order_by(ServiceRecord.day.desc(), ServiceRecord.id.desc()))
    return [from_row(ServiceRecordData, r) for r in rows]


def delete_service_record(session: Session, record_id: str) -> None:
    record = session.get(ServiceRecord, record_id)
    if record is None or record.deleted_at is not None:
        raise NotFoundError(
            f"No service record with id {record_id}.", zh=f"找不到编号为 {record_id} 的服务记录。"
        )
    record.deleted_at = utcnow()
    session.flush()
