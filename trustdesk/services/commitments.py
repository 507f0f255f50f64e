"""COM-1..3: promises made to customers, their status history, and the bottom lines.

Seed 001: a promise is recorded where the manager can see it, kept or explained, and never
beyond what the company can deliver — a promise stating a value past a bottom line waits for
approval (``needs_approval``) until approved or withdrawn.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from trustdesk.db.base import utcnow
from trustdesk.db.models import Account, Commitment, CommitmentChange, Contact, User, Visit
from trustdesk.domain.bottom_lines import beyond
from trustdesk.domain.enums import BottomLine, CommitmentStatus
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts
from trustdesk.services.fields import (
    check_known_fields,
    clean_amount,
    clean_date,
    clean_text,
    current_user,
    log_change,
    parse_enum,
    required_text,
)
from trustdesk.services.records import CommitmentChangeData, CommitmentData, from_row
from trustdesk.services.team_settings import bottom_line
from trustdesk.services.visit_plan import today

# Leaving these states needs a reason (what went wrong, why it was withdrawn).
_NEEDS_REASON = frozenset({CommitmentStatus.BROKEN, CommitmentStatus.WITHDRAWN})


def _load(session: Session, commitment_id: str) -> Commitment:
    row = session.get(Commitment, commitment_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(
            f"No commitment with id {commitment_id}.",
            zh=f"找不到编号为 {commitment_id} 的承诺。",
        )
    return row


def _value(value: object) -> float | None:
    return clean_amount(
        value,
        "value",
        (
            "The promised value must be a number such as 12 or 3.5 (got {value!r}).",
            "承诺的数值应为数字，例如 12 或 3.5（收到的是“{value}”）。",
        ),
    )


def add_commitment(
    session: Session,
    account_id: str,
    what: str,
    *,
    contact_id: str | None = None,
    due: date | str | None = None,
    visit_id: str | None = None,
    bottom_line_kind: BottomLine | str | None = None,
    value: float | str | None = None,
) -> CommitmentData:
    """Record a promise. Naming a bottom line and a value checks it against the team's limit:
    beyond it, the promise needs approval."""
    account = accounts.load(session, account_id)
    text = required_text(what, "what", ("What was promised", "承诺内容"), 2000, multiline=True)
    due_ = clean_date(due, "due", ("Due date", "兑现期限"))
    line = parse_enum(BottomLine, bottom_line_kind, "bottom_line") if bottom_line_kind else None
    stated = _value(value)
    if (line is None) != (stated is None):
        raise ValidationError(
            "A bottom line and a value go together: name both (e.g. discount 12) or neither.",
            "value",
            zh="底线类型和数值需同时填写（例如折扣 12），或都不填。",
        )
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.deleted_at is not None:
            raise NotFoundError(
                f"No contact with id {contact_id}.", zh=f"找不到编号为 {contact_id} 的联系人。"
            )
        if contact.account_id != account.id:
            raise ValidationError(
                "A promise is made to a person of the same customer.",
                "contact",
                zh="承诺对象必须是本客户的人员。",
            )
    if visit_id is not None:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.deleted_at is not None or visit.account_id != account.id:
            raise ValidationError(
                "That visit is not one of this customer's.", "visit", zh="该拜访记录不属于本客户。"
            )
    needs = (
        line is not None and stated is not None and beyond(line, stated, bottom_line(session, line))
    )
    row = Commitment(
        account_id=account.id,
        contact_id=contact_id,
        owner_id=current_user(session),
        visit_id=visit_id,
        what=text,
        due=due_,
        status=CommitmentStatus.OPEN,
        bottom_line=line,
        stated_value=stated,
        needs_approval=needs,
    )
    session.add(row)
    session.flush()
    session.add(
        CommitmentChange(
            commitment_id=row.id,
            from_status=None,
            to_status=CommitmentStatus.OPEN,
            changed_by_id=current_user(session),
        )
    )
    session.flush()
    return get_commitment(session, row.id)


def set_status(
    session: Session, commitment_id: str, status: CommitmentStatus | str, reason: str = ""
) -> CommitmentData:
    """Move a promise to kept, broken, withdrawn or open again, with when and why."""
    row = _load(session, commitment_id)
    new = parse_enum(CommitmentStatus, status, "status")
    why = clean_text(reason, "reason", ("Reason", "原因"), 2000, multiline=True)
    if new is row.status:
        return get_commitment(session, row.id)
    if new in _NEEDS_REASON and not why:
        raise ValidationError(
            f"Say why the promise is {new.en.lower()}: the customer will ask, and so will "
            "your manager.",
            "reason",
            zh=f"请写明承诺“{new.zh}”的原因：客户会问，经理也会问。",
        )
    session.add(
        CommitmentChange(
            commitment_id=row.id,
            from_status=row.status,
            to_status=new,
            reason=why,
            changed_by_id=current_user(session),
        )
    )
    row.status = new
    if new is CommitmentStatus.WITHDRAWN:
        row.needs_approval = False
    row.updated_at = utcnow()
    session.flush()
    return get_commitment(session, row.id)


def approve(session: Session, commitment_id: str) -> CommitmentData:
    """A manager approved a promise beyond a bottom line: it leaves the approval list."""
    row = _load(session, commitment_id)
    if row.needs_approval:
        row.needs_approval = False
        row.approved_at = utcnow()
        row.approved_by_id = current_user(session)
        log_change(session, "commitment", row.id, "needs_approval", True, False)
        session.flush()
    return get_commitment(session, row.id)


def update_commitment(session: Session, commitment_id: str, **changes: Any) -> CommitmentData:
    """Edit what was promised, to whom, or by when (the status moves through ``set_status``)."""
    row = _load(session, commitment_id)
    check_known_fields(changes, {"what", "due", "contact_id"})
    if "what" in changes:
        new = required_text(changes["what"], "what", ("What was promised", "承诺内容"), 2000)
        log_change(session, "commitment", row.id, "what", row.what, new)
        row.what = new
    if "due" in changes:
        new_due = clean_date(changes["due"], "due", ("Due date", "兑现期限"))
        log_change(session, "commitment", row.id, "due", row.due, new_due)
        row.due = new_due
    if "contact_id" in changes:
        row.contact_id = changes["contact_id"]
    row.updated_at = utcnow()
    session.flush()
    return get_commitment(session, row.id)


def _query(on: date) -> Select[Commitment, str, str, str, bool]:
    owner = aliased(User)
    overdue = (Commitment.status == CommitmentStatus.OPEN) & (Commitment.due < on)
    return (
        select(
            Commitment,
            Account.name,
            func.coalesce(Contact.name, ""),
            func.coalesce(owner.name, ""),
            func.coalesce(overdue, False),
        )
        .join(Account, Account.id == Commitment.account_id)
        .outerjoin(Contact, Contact.id == Commitment.contact_id)
        .outerjoin(owner, owner.id == Commitment.owner_id)
        .where(Commitment.deleted_at.is_(None), Account.deleted_at.is_(None))
    )


def _data(row: Commitment, account: str, contact: str, owner: str, overdue: bool) -> CommitmentData:
    return from_row(
        CommitmentData,
        row,
        account_name=account,
        contact_name=contact,
        owner=owner,
        overdue=bool(overdue),
    )


def get_commitment(session: Session, commitment_id: str) -> CommitmentData:
    _load(session, commitment_id)
    row = session.execute(_query(today()).where(Commitment.id == commitment_id)).one()
    return _data(*row)


def list_commitments(
    session: Session,
    *,
    account_id: str | None = None,
    status: CommitmentStatus | str | None = None,
    needs_approval: bool | None = None,
    overdue: bool = False,
    troubled: bool = False,
    on: date | None = None,
    limit: int = 500,
) -> list[CommitmentData]:
    """Promises, soonest due first. ``overdue``: open past due; ``troubled``: overdue or
    broken (what the Overview and the risk column show)."""
    day = on or today()
    query = _query(day)
    if account_id is not None:
        accounts.load(session, account_id)
        query = query.where(Commitment.account_id == account_id)
    if status is not None:
        query = query.where(Commitment.status == parse_enum(CommitmentStatus, status, "status"))
    if needs_approval is not None:
        query = query.where(Commitment.needs_approval.is_(needs_approval))
    open_late = (Commitment.status == CommitmentStatus.OPEN) & (Commitment.due < day)
    if overdue:
        query = query.where(open_late)
    if troubled:
        query = query.where(or_(open_late, Commitment.status == CommitmentStatus.BROKEN))
    query = query.order_by(Commitment.due.is_(None), Commitment.due, Commitment.created_at)
    return [_data(*row) for row in session.execute(query.limit(limit))]


def history(session: Session, commitment_id: str) -> list[CommitmentChangeData]:
    """The promise's status changes, oldest first."""
    _load(session, commitment_id)
    rows = session.execute(
        select(CommitmentChange, func.coalesce(User.name, ""))
        .outerjoin(User, User.id == CommitmentChange.changed_by_id)
        .where(CommitmentChange.commitment_id == commitment_id)
        .order_by(CommitmentChange.changed_at, CommitmentChange.id)
    )
    return [from_row(CommitmentChangeData, r, changed_by=name) for r, name in rows]


def troubled_by_account(
    session: Session, account_ids: list[str], *, on: date | None = None
) -> dict[str, tuple[int, int]]:
    """(overdue, broken) promises per account, for the risk column (COM-3)."""
    day = on or today()
    out: dict[str, tuple[int, int]] = {}
    late = (Commitment.status == CommitmentStatus.OPEN) & (Commitment.due < day)
    broken = Commitment.status == CommitmentStatus.BROKEN
    for start in range(0, len(account_ids), 500):
        chunk = account_ids[start : start + 500]
        rows = session.execute(
            select(
                Commitment.account_id,
                func.sum(func.iif(late, 1, 0)),
                func.sum(func.iif(broken, 1, 0)),
            )
            .where(Commitment.account_id.in_(chunk), Commitment.deleted_at.is_(None))
            .where(or_(late, broken))
            .group_by(Commitment.account_id)
        )
        for aid, n_late, n_broken in rows:
            out[aid] = (int(n_late or 0), int(n_broken or 0))
    return out
