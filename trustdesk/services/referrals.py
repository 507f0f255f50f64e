"""DEA-4: who referred whom (seed 000, the Li Ka-shing story: a satisfied customer brings the
next one), and the referral rate — of the customers added in a period, the share that came by
a referral."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from trustdesk.db.base import utcnow
from trustdesk.db.models import Account, Contact, Referral
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services.fields import clean_date, clean_text
from trustdesk.services.records import ReferralData
from trustdesk.services.visit_plan import today


def add_referral(
    session: Session,
    referred_account_id: str,
    by_account_id: str,
    *,
    by_contact_id: str | None = None,
    referred_on: object = None,
    notes: str = "",
) -> ReferralData:
    """DEA-4: ``by_account_id`` (or a person there) referred ``referred_account_id`` to us."""
    referred = accounts.load(session, referred_account_id)
    by = accounts.load(session, by_account_id)
    if referred.id == by.id:
        raise ValidationError(
            "A customer cannot refer itself.", "by_account_id", zh="客户不能推荐自己。"
        )
    contacts.check_of_account(session, by.id, by_contact_id)
    day = clean_date(referred_on, "referred_on", ("The referral day", "推荐日期")) or today()
    if day > today():
        raise ValidationError(
            "A referral cannot be in the future.", "referred_on", zh="推荐日期不能晚于今天。"
        )
    duplicate = session.scalar(
        select(Referral.id).where(
            Referral.referred_account_id == referred.id,
            Referral.by_account_id == by.id,
            Referral.deleted_at.is_(None),
        )
    )
    if duplicate is not None:
        raise ValidationError(
            f"{by.name} is already recorded as referring {referred.name}.",
            "by_account_id",
            zh=f"已经记录过{by.name}推荐了{referred.name}。",
        )
    row = Referral(
        referred_account_id=referred.id,
        by_account_id=by.id,
        by_contact_id=by_contact_id or None,
        referred_on=day,
        notes=clean_text(notes, "notes", ("Notes", "备注"), 2000, multiline=True),
    )
    session.add(row)
    session.flush()
    return _records(session, select(Referral).where(Referral.id == row.id))[0]


def delete_referral(session: Session, referral_id: str) -> None:
    row = session.get(Referral, referral_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(
            f"No referral with id {referral_id}.", zh=f"找不到编号为 {referral_id} 的推荐记录。"
        )
    row.deleted_at = utcnow()
    session.flush()


def _records(session: Session, query: object) -> list[ReferralData]:
    referred, by = aliased(Account), aliased(Account)
    rows = session.execute(
        select(Referral, referred.name, by.name, Contact.name)
        .join(referred, referred.id == Referral.referred_account_id)
        .join(by, by.id == Referral.by_account_id)
        .outerjoin(Contact, Contact.id == Referral.by_contact_id)
        .where(Referral.id.in_(query.with_only_columns(Referral.id)))  # type: ignore[attr-defined]
        .order_by(Referral.referred_on.desc(), Referral.id)
    ).all()
    return [
        ReferralData(
            r.id, r.referred_account_id, referred_name, r.by_account_id, by_name,
            r.by_contact_id, contact_name or "", r.referred_on, r.notes,
        )
        for r, referred_name, by_name, contact_name in rows
    ]  # fmt: skip


def list_referrals(session: Session, account_id: str) -> list[ReferralData]:
    """Who referred this customer, and whom it referred (newest first)."""
    return _records(
        session,
        select(Referral).where(
            Referral.deleted_at.is_(None),
            or_(Referral.referred_account_id == account_id, Referral.by_account_id == account_id),
        ),
    )


def referred_accounts(session: Session, account_ids: Iterable[str]) -> set[str]:
    """Which of these customers came by a referral (the list marks them)."""
    ids = list(account_ids)
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(
            session.scalars(
                select(Referral.referred_account_id).where(
                    Referral.referred_account_id.in_(ids[start : start + 500]),
                    Referral.deleted_at.is_(None),
                )
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class ReferralRate:
    """DEA-4: of the customers added since ``since``, how many came by a referral."""

    since: date
    added: int
    referred: int

    @property
    def rate(self) -> float | None:
        return self.referred / self.added if self.added else None


def referral_rate(session: Session, *, days: int = 365) -> ReferralRate:
    since = today() - timedelta(days=days)
    start = datetime.combine(since, time.min).astimezone().astimezone(UTC)
    live_new = (Account.deleted_at.is_(None), Account.created_at >= start)
    added = session.scalar(select(func.count()).select_from(Account).where(*live_new)) or 0
    referred = (
        session.scalar(
            select(func.count(func.distinct(Referral.referred_account_id)))
            .join(Account, Account.id == Referral.referred_account_id)
            .where(Referral.deleted_at.is_(None), *live_new)
        )
        or 0
    )
    return ReferralRate(since, int(added), int(referred))


__all__ = [
    "ReferralRate",
    "add_referral",
    "delete_referral",
    "list_referrals",
    "referral_rate",
    "referred_accounts",
]
