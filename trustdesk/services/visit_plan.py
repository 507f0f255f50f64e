"""VIS-3 and seed 004: the visit plan (who is due, who is overdue), people cooling off, and
birthdays and care dates coming up.

Each account keeps its last visit and next due date in its own row (``refresh_plans``), so the
customer list sorts by them and the overdue list is one index range at any number of visits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from trustdesk.db.base import utc_moment
from trustdesk.db.models import Account, CareDate, Contact, Visit, VisitContact
from trustdesk.db.prepared import Prepared
from trustdesk.domain.enums import ContactDepth, Stage
from trustdesk.domain.visit_plan import (
    cadence_days,
    cooling_since,
    next_visit_due,
    rhythm_days,
    upcoming,
)
from trustdesk.errors import NotFoundError
from trustdesk.services.records import (
    CoolingContact,
    NextStepRow,
    PlanRow,
    ReminderData,
    builder,
)
from trustdesk.services.team_settings import (
    cadence_by_stage,
    get_setting,
    rhythm_by_depth,
    tier_levels,
)


def local_day(moment: datetime | None) -> date | None:
    """The calendar day of a stored UTC moment on this laptop's clock."""
    return None if moment is None else moment.astimezone().date()


def today() -> date:
    return datetime.now().astimezone().date()


def refresh_plans(session: Session, account_ids: Iterable[str]) -> None:
    """Recompute the last visit and next due date of these accounts from their done visits."""
    by_stage = cadence_by_stage(session)
    by_tier, _ = tier_levels(session)
    ids = list(dict.fromkeys(account_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        last = dict(
            session.execute(
                select(Visit.account_id, func.max(Visit.at))
                .where(Visit.account_id.in_(chunk), Visit.done, Visit.deleted_at.is_(None))
                .group_by(Visit.account_id)
            ).all()
        )
        for account in session.scalars(select(Account).where(Account.id.in_(chunk))):
            _plan(account, last.get(account.id), by_stage, by_tier)
    session.flush()


def _plan(account: Account, last: datetime | None, by_stage: dict, by_tier: dict) -> None:
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    account.last_visit_at = last
    account.next_visit_due = planned_due(account, last, by_stage, by_tier)


def planned_due(account: Any, last: datetime | None, by_stage: dict, by_tier: dict) -> date | None:
    """The next visit's day for ``account`` (an Account, or any row with its ``stage``,
    ``tier``, ``visit_cadence_days``, ``do_not_serve``, ``deleted_at`` and ``created_at``)
    last visited at ``last``; None for a customer not served."""
    if account.do_not_serve or account.deleted_at is not None:
        return None
    # The customer's own cadence, else its tier's (TIER-3), else its stage's.
    own = account.visit_cadence_days or (by_tier.get(account.tier) if account.tier else None)
    cadence = cadence_days(account.stage, by_stage, own)
    since = local_day(account.created_at) or today()
    return next_visit_due(local_day(last), since, cadence)


def refresh_all_plans(session: Session) -> int:
    """Every live account's plan again (after the team's cadences change). Returns how many."""
    ids = list(session.scalars(select(Account.id).where(Account.deleted_at.is_(None))))
    refresh_plans(session, ids)
    return len(ids)


_STAGES = {stage.code: stage for stage in Stage}
_PLAN_ROW = builder(PlanRow)


_PLAN_COLUMNS = select(
    Account.id, Account.name, Account.stage, Account.last_visit_at, Account.next_visit_due
)
# The Visits section's first list, read every time the section shows: one index range
# (ix_account_next_visit_due), run through the driver (see db.prepared).
_DUE_BEFORE = Prepared(
    _PLAN_COLUMNS.where(
        Account.deleted_at.is_(None),
        Account.next_visit_due.is_not(None),
        Account.next_visit_due < bindparam("before", type_=Date),
    )
    .order_by(Account.next_visit_due, Account.sort_key, Account.id)
    .limit(bindparam("limit", type_=Integer))
)
_PLAN_OF = Prepared(
    _PLAN_COLUMNS.where(Account.id == bindparam("account_id"), Account.deleted_at.is_(None))
)


def _plan_rows(session: Session, before: date, day: date, limit: int) -> list[PlanRow]:
    """Customers on the plan due before ``before``, longest overdue first."""
    return _to_plan_rows(_DUE_BEFORE.rows(session, before=before, limit=limit), day)


def _to_plan_rows(rows: list[Any], day: date) -> list[PlanRow]:
    # One pass, no call per value but the parses: hundreds of rows each time the list shows.
    try:  # stored moments are UTC without a zone: the zone appended, one parse
        return _plan_rows_of(rows, day, lambda moment: datetime.fromisoformat(moment + "+00:00"))
    except ValueError:  # written some other way (by hand, an older version): the careful way
        return _plan_rows_of(rows, day, utc_moment)


def _plan_rows_of(
    rows: list[Any], day: date, moment: Callable[[str], datetime | None]
) -> list[PlanRow]:
    stages, make, parse, today_ = _STAGES, _PLAN_ROW, date.fromisoformat, day.toordinal()
    out = []
    for aid, name, stage, last, due in rows:
        last_ = last and moment(last)
        if due is None:
            out.append(make(aid, name, stages[stage], last_, None, 0))
        else:
            due_ = parse(due)
            late = today_ - due_.toordinal()
            out.append(make(aid, name, stages[stage], last_, due_, late if late > 0 else 0))
    return out


def plan_of(session: Session, account_id: str, *, on: date | None = None) -> PlanRow:
    """One customer's line of the plan (its last visit, next due date, days overdue)."""
    rows = _PLAN_OF.rows(session, account_id=account_id)
    if not rows:
        raise NotFoundError(
            f"No customer with id {account_id}.", zh=f"找不到编号为 {account_id} 的客户。"
        )
    return _to_plan_rows(rows, on or today())[0]


def overdue_accounts(
    session: Session, *, on: date | None = None, limit: int = 200
) -> list[PlanRow]:
    """Customers whose next visit is past due, longest overdue first."""
    day = on or today()
    return _plan_rows(session, day, day, limit)


def due_accounts(
    session: Session, *, on: date | None = None, days: int = 14, limit: int = 200
) -> list[PlanRow]:
    """Customers due a visit within ``days`` days, the overdue ones included, soonest due
    first (longest overdue at the top)."""
    day = on or today()
    return _plan_rows(session, day + timedelta(days=days + 1), day, limit)


def overdue_count(session: Session, *, on: date | None = None) -> int:
    day = on or today()
    return (
        session.scalar(
            select(func.count())
            .select_from(Account)
            .where(Account.deleted_at.is_(None), Account.next_visit_due < day)
        )
        or 0
    )


def _live_account() -> list:
    return [Account.deleted_at.is_(None), Account.do_not_serve.is_(False)]


def upcoming_steps(
    session: Session, *, on: date | None = None, days: int = 14, limit: int = 200
) -> list[NextStepRow]:
    """Planned visits and open next steps due from today to ``days`` ahead, soonest first."""
    day = on or today()
    end = day + timedelta(days=days)
    return _steps(session, day, end, limit)


def overdue_steps(
    session: Session, *, on: date | None = None, limit: int = 200
) -> list[NextStepRow]:
    """Open next steps and planned visits whose day has passed, oldest first."""
    day = on or today()
    return _steps(session, None, day - timedelta(days=1), limit)


def _steps(session: Session, start: date | None, end: date, limit: int) -> list[NextStepRow]:
    live = [Visit.deleted_at.is_(None), *_live_account()]
    # The conditions of the partial index ix_visit_open_steps, spelled as it is (a literal
    # '' rather than a parameter), so SQLite reads open steps only, not every visit.
    steps = (
        select(Visit.id, Visit.account_id, Account.name, Visit.next_step, Visit.next_due)
        .join(Account, Account.id == Visit.account_id)
        .where(
            *live,
            Visit.next_due.is_not(None),
            Visit.next_done_at.is_(None),
            Visit.next_step != literal_column("''"),
        )
        .where(Visit.next_due <= end)
    )
    if start is not None:
        steps = steps.where(Visit.next_due >= start)
    out = [
        NextStepRow(vid, aid, name, step, due, False)
        for vid, aid, name, step, due in session.execute(
            steps.order_by(Visit.next_due).limit(limit)
        )
        if due is not None
    ]
    end_moment = datetime.combine(end + timedelta(days=1), datetime.min.time()).astimezone()
    planned = (
        select(Visit, Account.name)
        .join(Account, Account.id == Visit.account_id)
        .where(*live, Visit.done.is_(False), Visit.at < end_moment)
    )
    if start is not None:
        start_moment = datetime.combine(start, datetime.min.time()).astimezone()
        planned = planned.where(Visit.at >= start_moment)
    for v, name in session.execute(planned.order_by(Visit.at).limit(limit)):
        what = v.notes.splitlines()[0] if v.notes else ""
        day = local_day(v.at) or end
        out.append(NextStepRow(v.id, v.account_id, name, what, day, True, v.channel))
    out.sort(key=lambda r: (r.due, r.account_name))
    return out[:limit]


def cooling_contacts(
    session: Session, *, on: date | None = None, limit: int = 200, account_id: str | None = None
) -> list[CoolingContact]:
    """People past the rhythm of their planned contact depth, coldest first.

    Across all customers, each depth is read as two index ranges — touched before its edge
    (``ix_contact_depth_touch``), or never touched and added before it (the partial
    ``ix_contact_untouched``) — each cut to ``limit`` before the coldest are picked, so the
    cost follows the limit, not the 500,000 people."""
    day = on or today()
    rhythms = rhythm_by_depth(session)
    if account_id is not None:
        return _cooling_of(session, account_id, day, rhythms)[:limit]
    columns = (Contact.id, Contact.last_touch_at, Contact.created_at, Contact.depth)
    parts = []
    for depth in (ContactDepth.DEEP, ContactDepth.FREQUENT, ContactDepth.SHALLOW):
        days = rhythm_days(depth, rhythms)
        assert days is not None
        edge = datetime.combine(day - timedelta(days=days), datetime.min.time()).astimezone(UTC)
        mine = [
            Contact.depth == depth,
            Contact.deleted_at.is_(None),
            Contact.departed.is_(False),
            Contact.is_placeholder.is_(False),
            *_live_account(),
        ]
        if account_id is not None:
            mine.append(Contact.account_id == account_id)
        live = select(*columns).join(Account, Account.id == Contact.account_id).where(*mine)
        touched = live.where(Contact.last_touch_at < edge)
        never = live.where(Contact.last_touch_at.is_(None), Contact.created_at < edge)
        parts.append(touched.order_by(Contact.last_touch_at).limit(limit).subquery().select())
        parts.append(never.order_by(Contact.created_at).limit(limit).subquery().select())
    candidates = union_all(*parts).subquery()
    rows = session.execute(
        select(Contact, Account.name)
        .join(candidates, candidates.c.id == Contact.id)
        .join(Account, Account.id == Contact.account_id)
    )
    out = []
    for contact, account_name in rows:
        since = cooling_since(
            local_day(contact.last_touch_at),
            local_day(contact.created_at) or day,
            rhythm_days(contact.depth, rhythms),
        )
        assert contact.depth is not None and since is not None
        out.append(
            CoolingContact(
                contact.id,
                contact.name,
                contact.account_id,
                account_name,
                contact.depth,
                contact.last_touch_at,
                since,
            )
        )
    out.sort(key=lambda c: (c.cooling_since, c.name))  # coldest first
    return out[:limit]


# One customer's people with a planned depth (its Visits tab, each time it shows): a few
# rows by ix_contact_account_sort, tested in Python, through the driver (see db.prepared).
_PEOPLE_WITH_DEPTH = Prepared(
    select(
        Contact.id,
        Contact.name,
        Contact.depth,
        Contact.last_touch_at,
        Contact.created_at,
        Account.name,
    )
    .join(Account, Account.id == Contact.account_id)
    .where(
        Contact.account_id == bindparam("account_id"),
        Contact.depth.is_not(None),
        Contact.depth != ContactDepth.NONE,
        Contact.deleted_at.is_(None),
        Contact.departed.is_(False),
        Contact.is_placeholder.is_(False),
        *_live_account(),
    )
)
_DEPTHS = {depth.code: depth for depth in ContactDepth}


def _cooling_of(
    session: Session, account_id: str, day: date, rhythms: dict[ContactDepth, int]
) -> list[CoolingContact]:
    """``cooling_contacts`` for one customer: the same test as the index ranges there (last
    touched before the edge of the person's rhythm, or never touched and added before it)."""
    out = []
    for contact_id, name, code, last, created, account_name in _PEOPLE_WITH_DEPTH.rows(
        session, account_id=account_id
    ):
        depth = _DEPTHS[code]
        days = rhythm_days(depth, rhythms)
        assert days is not None
        edge = datetime.combine(day - timedelta(days=days), datetime.min.time()).astimezone(UTC)
        touched, added = utc_moment(last), utc_moment(created)
        if not (touched < edge if touched is not None else added is not None and added < edge):
            continue
        since = cooling_since(local_day(touched), local_day(added) or day, days)
        assert since is not None
        out.append(
            CoolingContact(contact_id, name, account_id, account_name, depth, touched, since)
        )
    out.sort(key=lambda c: (c.cooling_since, c.name))  # coldest first
    return out


def _month_days(day: date, ahead: int) -> list[str]:
    return sorted({(day + timedelta(days=i)).strftime("%m-%d") for i in range(ahead + 1)})


def reminders(
    session: Session,
    *,
    on: date | None = None,
    days_ahead: int | None = None,
    limit: int = 500,
) -> list[ReminderData]:
    """Birthdays and care dates within the next few days (the team's setting), soonest first
    (at most ``limit`` of each)."""
    day = on or today()
    if days_ahead is None:
        setting = get_setting(session, "reminder_days_ahead")
        assert isinstance(setting, int)
        days_ahead = setting
    ahead = days_ahead
    month_days = _month_days(day, ahead)
    if "02-28" in month_days:
        month_days.append("02-29")  # kept on the 28th in other years
    live = [*_live_account(), Contact.deleted_at.is_(None), Contact.departed.is_(False)]
    out: list[ReminderData] = []
    today_md = day.strftime("%m-%d")
    month_day = Contact.birthday_md  # indexed
    birthdays = session.execute(
        select(Contact.id, Contact.name, Contact.account_id, Account.name, Contact.birthday)
        .join(Account, Account.id == Contact.account_id)
        .where(*live, month_day.in_(month_days))
        .order_by(month_day < today_md, month_day, Contact.sort_key)  # soonest first
        .limit(limit)
    )
    for contact_id, name, account_id, account_name, birthday in birthdays:
        assert birthday is not None
        hit = upcoming(birthday, day, ahead, yearly=True)
        if hit is not None:
            out.append(
                ReminderData(
                    contact_id, name, account_id, account_name, hit.day, hit.days_away, "", True
                )
            )
    # Care dates first (a few per person at most), then their people: joined the other way
    # round, SQLite walked every customer to find them.
    cares = session.execute(
        select(CareDate.contact_id, CareDate.day, CareDate.note, CareDate.yearly)
        .where(CareDate.deleted_at.is_(None))
        .where(
            or_(
                and_(CareDate.yearly, func.strftime("%m-%d", CareDate.day).in_(month_days)),
                and_(
                    CareDate.yearly.is_(False),
                    CareDate.day >= day,
                    CareDate.day <= day + timedelta(days=ahead),
                ),
            )
        )
        .limit(limit)
    ).all()
    people = {
        cid: (name, aid, account_name)
        for cid, name, aid, account_name in session.execute(
            select(Contact.id, Contact.name, Contact.account_id, Account.name)
            .join(Account, Account.id == Contact.account_id)
            .where(*live, Contact.id.in_({c[0] for c in cares}))
        )
    }
    for contact_id, care_day, note, yearly in cares:
        hit = upcoming(care_day, day, ahead, yearly=yearly)
        if hit is not None and contact_id in people:
            name, account_id, account_name = people[contact_id]
            out.append(
                ReminderData(
                    contact_id, name, account_id, account_name,
                    hit.day, hit.days_away, note, False,
                )
            )  # fmt: skip
    out.sort(key=lambda r: (r.day, r.name))
    return out[:limit]


def touch_contacts(session: Session, contact_ids: Iterable[str]) -> None:
    """Each person's last touch again, from their done visits."""
    ids = list(dict.fromkeys(contact_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        last = dict(
            session.execute(
                select(VisitContact.contact_id, func.max(Visit.at))
                .join(Visit, Visit.id == VisitContact.visit_id)
                .where(
                    VisitContact.contact_id.in_(chunk),
                    VisitContact.deleted_at.is_(None),
                    Visit.done,
                    Visit.deleted_at.is_(None),
                )
                .group_by(VisitContact.contact_id)
            ).all()
        )
        for contact in session.scalars(select(Contact).where(Contact.id.in_(chunk))):
            contact.last_touch_at = utc_moment(last.get(contact.id))
    session.flush()
