"""VIS-1 and VIS-2: visits (done or planned) with the people met, and intelligence notes.

Logging a visit keeps the plan in step in the same transaction: the account's last visit and
next due date, each person's last touch (seed 004: relationships fade without contact).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Integer, Row, Select, Table, bindparam, func, select
from sqlalchemy.orm import Session

from trustdesk.db import note_search
from trustdesk.db.base import calendar_day, utc_moment, utcnow
from trustdesk.db.models import Account, Contact, IntelNote, User, Visit, VisitContact
from trustdesk.db.prepared import Prepared
from trustdesk.domain.bottom_lines import beyond
from trustdesk.domain.enums import Activity, BottomLine, Channel, ContactFunction, IntelKind
from trustdesk.domain.levels import CHANNEL_ACTIVITY
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, commitments, contacts, visit_plan
from trustdesk.services.fields import (
    check_known_fields,
    clean_amount,
    clean_date,
    clean_moment,
    clean_text,
    current_user,
    parse_enum,
    required_text,
)
from trustdesk.services.records import (
    ContactData,
    CoolingContact,
    IntelNoteData,
    PersonRef,
    PlanRow,
    VisitData,
    builder,
)
from trustdesk.services.team_settings import bottom_line
from trustdesk.services.tombstones import sync_link_rows
from trustdesk.services.visit_plan import refresh_plans, touch_contacts

# A visit logged as done may be stamped a little ahead of this laptop's clock (a phone's).
_CLOCK_SLACK = timedelta(minutes=10)
TEXT_LIMIT = 20_000


def _load(session: Session, visit_id: str) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise NotFoundError(
            f"No visit with id {visit_id}.", zh=f"找不到编号为 {visit_id} 的拜访记录。"
        )
    return visit


def _codes(enum_cls: Any, values: Iterable[object], field: str) -> list[str]:
    return list(dict.fromkeys(parse_enum(enum_cls, v, field).code for v in values))


def _people(session: Session, account_id: str, contact_ids: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        return []
    found = dict(
        session.execute(
            select(Contact.id, Contact.account_id).where(
                Contact.id.in_(ids), Contact.deleted_at.is_(None)
            )
        ).all()
    )
    for cid in ids:
        if cid not in found:
            raise NotFoundError(f"No contact with id {cid}.", zh=f"找不到编号为 {cid} 的联系人。")
        if found[cid] != account_id:
            raise ValidationError(
                f"Contact {cid} works at another customer; a visit lists people of its own "
                "customer only.",
                "contacts",
                zh=f"联系人 {cid} 属于其他客户；拜访记录只能选择本客户的人员。",
            )
    return ids


def _gift_value(value: object) -> float | None:
    return clean_amount(
        value,
        "gift_value",
        (
            "The gift's value must be an amount in yuan, like 300 (got {value!r}).",
            "礼品价值应为以元计的金额，例如 300（收到的是“{value}”）。",
        ),
    )


def _check(values: dict[str, Any], done: bool) -> None:
    if done and not values["functions"]:
        raise ValidationError(
            "Choose at least one purpose of the contact (care, information, relationship, "
            "service or intelligence).",
            "functions",
            zh="请至少选择一项接触功能（客户关怀、信息传递、关系发展、服务提供或情报收集）。",
        )
    if done and values["at"] > utcnow() + _CLOCK_SLACK:
        raise ValidationError(
            "A visit logged as done cannot be in the future; plan it instead.",
            "at",
            zh="已完成的拜访不能晚于现在；请改为安排计划拜访。",
        )
    if values["next_due"] is not None and not values["next_step"]:
        raise ValidationError(
            "A next step's due date needs the next step itself.",
            "next_step",
            zh="填写了下一步的期限，请同时写明下一步做什么。",
        )


def _values(changes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "at" in changes:
        out["at"] = clean_moment(changes["at"], "at") if changes["at"] is not None else utcnow()
    if "channel" in changes:
        out["channel"] = parse_enum(Channel, changes["channel"], "channel")
    if "functions" in changes:
        out["functions"] = _codes(ContactFunction, changes["functions"], "functions")
    if "activities" in changes:
        out["activities"] = _codes(Activity, changes["activities"], "activities")
    for field, label in (
        ("notes", ("Notes", "备注")),
        ("outcome", ("Outcome", "结果")),
        ("next_step", ("Next step", "下一步")),
    ):
        if field in changes:
            out[field] = clean_text(changes[field], field, label, TEXT_LIMIT, multiline=True)
    if "next_due" in changes:
        out["next_due"] = clean_date(
            changes["next_due"], "next_due", ("Next step due", "下一步期限")
        )
    if "gift_value" in changes:
        out["gift_value"] = _gift_value(changes["gift_value"])
    if "done" in changes:
        out["done"] = bool(changes["done"])
    return out


def log_visit(
    session: Session,
    account_id: str,
    *,
    channel: Channel | str,
    functions: Iterable[ContactFunction | str] = (),
    contact_ids: Iterable[str] = (),
    at: datetime | str | None = None,
    activities: Iterable[Activity | str] | None = None,
    notes: str = "",
    outcome: str = "",
    next_step: str = "",
    next_due: date | str | None = None,
    gift_value: float | str | None = None,
    done: bool = True,
) -> VisitData:
    """Log a visit (or, ``done=False``, plan one). With no activities named, the channel's
    typical activity is recorded (a call is 电话交谈, a meal 商务招待: REL-6's evidence)."""
    account = accounts.load(session, account_id)
    channel_ = parse_enum(Channel, channel, "channel")
    if activities is None:
        typical = CHANNEL_ACTIVITY.get(channel_)
        activities = [typical] if typical is not None and done else []
    values = _values(
        {
            "at": at,
            "channel": channel_,
            "functions": functions,
            "activities": activities,
            "notes": notes,
            "outcome": outcome,
            "next_step": next_step,
            "next_due": next_due,
            "gift_value": gift_value,
            "done": done,
        }
    )
    _check(values, done)
    people = _people(session, account.id, contact_ids)
    visit = Visit(account_id=account.id, owner_id=current_user(session), **values)
    session.add(visit)
    session.flush()
    _set_people(session, visit, people)
    _after_change(session, visit, people)
    return visit_data(session, visit)


def update_visit(
    session: Session, visit_id: str, *, contact_ids: Iterable[str] | None = None, **changes: Any
) -> VisitData:
    """Edit a visit; marking a planned visit done logs it."""
    allowed = {
        "at", "channel", "functions", "activities", "notes", "outcome",
        "next_step", "next_due", "gift_value", "done",
    }  # fmt: skip
    check_known_fields(changes, allowed)
    visit = _load(session, visit_id)
    values = _values(changes)
    before = {k: getattr(visit, k) for k in ("at", "functions", "next_step", "next_due", "done")}
    merged = {**before, **{k: v for k, v in values.items() if k in before}}
    _check(merged, merged["done"])
    for field, value in values.items():
        setattr(visit, field, value)
    old_people = _current_people(session, visit.id)
    people = old_people
    if contact_ids is not None:
        people = _people(session, visit.account_id, contact_ids)
        _set_people(session, visit, people)
    visit.updated_at = utcnow()
    session.flush()
    _after_change(session, visit, set(people) | set(old_people))
    return visit_data(session, visit)


def complete_next_step(session: Session, visit_id: str) -> VisitData:
    """The visit's next step is done: it leaves the upcoming and overdue lists."""
    visit = _load(session, visit_id)
    if visit.next_done_at is None:
        visit.next_done_at = utcnow()
        session.flush()
    return visit_data(session, visit)


def delete_visit(session: Session, visit_id: str) -> None:
    visit = _load(session, visit_id)
    visit.deleted_at = utcnow()
    people = _current_people(session, visit.id)
    session.flush()
    _after_change(session, visit, people)


def _current_people(session: Session, visit_id: str) -> list[str]:
    return list(
        session.scalars(
            select(VisitContact.contact_id).where(
                VisitContact.visit_id == visit_id, VisitContact.deleted_at.is_(None)
            )
        )
    )


def _set_people(session: Session, visit: Visit, people: Sequence[str]) -> None:
    rows = session.scalars(select(VisitContact).where(VisitContact.visit_id == visit.id))
    by_contact = {row.contact_id: row for row in rows}
    for cid in sync_link_rows(by_contact, people, utcnow()):
        session.add(VisitContact(visit_id=visit.id, contact_id=cid))
    session.flush()


def _after_change(session: Session, visit: Visit, people: Iterable[str]) -> None:
    refresh_plans(session, [visit.account_id])
    touch_contacts(session, people)


def _people_of(session: Session, visit_ids: Sequence[str]) -> dict[str, list[PersonRef]]:
    out: dict[str, list[PersonRef]] = {vid: [] for vid in visit_ids}
    for start in range(0, len(visit_ids), 500):
        chunk = visit_ids[start : start + 500]
        rows = session.execute(
            select(VisitContact.visit_id, Contact.id, Contact.name)
            .join(Contact, Contact.id == VisitContact.contact_id)
            .where(VisitContact.visit_id.in_(chunk), VisitContact.deleted_at.is_(None))
            .order_by(Contact.sort_key)
        )
        for vid, cid, name in rows:
            out[vid].append(PersonRef(cid, name))
    return out


_FUNCTIONS = {m.code: m for m in ContactFunction}
_ACTIVITIES = {m.code: m for m in Activity}
VISIT_COLUMNS = cast(Table, Visit.__table__).c


def _to_data(
    visit: Row[Any], account_name: str, owner: str, people: list[PersonRef], gift_limit: int
) -> VisitData:
    gift = visit.gift_value
    return VisitData(
        id=visit.id,
        account_id=visit.account_id,
        account_name=account_name,
        at=visit.at,
        done=visit.done,
        channel=visit.channel,
        functions=tuple(_FUNCTIONS[c] for c in visit.functions if c in _FUNCTIONS),
        activities=tuple(_ACTIVITIES[c] for c in visit.activities if c in _ACTIVITIES),
        people=tuple(people),
        notes=visit.notes,
        outcome=visit.outcome,
        next_step=visit.next_step,
        next_due=visit.next_due,
        next_done_at=visit.next_done_at,
        gift_value=gift,
        gift_over_limit=gift is not None and beyond(BottomLine.GIFT_VALUE, gift, gift_limit),
        owner=owner,
        created_at=visit.created_at,
        updated_at=visit.updated_at,
    )


def _rows_to_data(session: Session, rows: Sequence[Row[Any]]) -> list[VisitData]:
    people = _people_of(session, [r.id for r in rows])
    gifts = any(r.gift_value is not None for r in rows)
    limit = bottom_line(session, BottomLine.GIFT_VALUE) if gifts else 0
    return [_to_data(r, r.account_name, r.owner_name, people[r.id], limit) for r in rows]


def _visit_query() -> Select[Any]:
    """Visits as plain rows (the table's columns, the customer's and the owner's names):
    lists of hundreds of visits are read without building ORM objects."""
    return (
        select(
            *VISIT_COLUMNS,
            Account.name.label("account_name"),
            func.coalesce(User.name, "").label("owner_name"),
        )
        .join(Account, Account.id == Visit.account_id)
        .outerjoin(User, User.id == Visit.owner_id)
        .where(Visit.deleted_at.is_(None), Account.deleted_at.is_(None))
    )


def visit_data(session: Session, visit: Visit) -> VisitData:
    row = session.execute(_visit_query().where(Visit.id == visit.id)).one()
    return _rows_to_data(session, [row])[0]


def get_visit(session: Session, visit_id: str) -> VisitData:
    return visit_data(session, _load(session, visit_id))


def list_visits(
    session: Session,
    *,
    account_id: str | None = None,
    contact_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    done: bool | None = None,
    limit: int = 500,
) -> list[VisitData]:
    """Visits newest first, filtered by customer, person, days (local, inclusive) and state."""
    query = _visit_query()
    if account_id is not None:
        query = query.where(Visit.account_id == account_id)
    if contact_id is not None:
        query = query.where(
            Visit.id.in_(
                select(VisitContact.visit_id).where(
                    VisitContact.contact_id == contact_id, VisitContact.deleted_at.is_(None)
                )
            )
        )
    if start is not None:
        query = query.where(Visit.at >= datetime.combine(start, datetime.min.time()).astimezone())
    if end is not None:
        after = datetime.combine(end + timedelta(days=1), datetime.min.time()).astimezone()
        query = query.where(Visit.at < after)
    if done is not None:
        query = query.where(Visit.done.is_(done))
    rows = session.execute(query.order_by(Visit.at.desc(), Visit.id.desc()).limit(limit)).all()
    if not rows and account_id is not None:
        accounts.load(session, account_id)  # none: say so if the customer itself is unknown
    return _rows_to_data(session, rows)


def recent_visits(session: Session, *, days: int = 14, limit: int = 200) -> list[VisitData]:
    """Done visits of the last ``days`` days, newest first (the Visits section's third list)."""
    since = datetime.now(UTC) - timedelta(days=days)
    rows = session.execute(
        _visit_query()
        .where(Visit.done, Visit.at >= since)
        .order_by(Visit.at.desc(), Visit.id.desc())
        .limit(limit)
    ).all()
    return _rows_to_data(session, rows)


# VIS-2: intelligence notes.


def add_intel_note(
    session: Session,
    account_id: str,
    kind: IntelKind | str,
    text: str,
    *,
    visit_id: str | None = None,
    contact_id: str | None = None,
    contact_departed: bool = False,
) -> IntelNoteData:
    """Note a piece of intelligence. A personnel change about a person can mark them departed
    in the same step (``contact_departed``)."""
    account = accounts.load(session, account_id)
    kind_ = parse_enum(IntelKind, kind, "kind")
    body = required_text(text, "text", ("Note", "情报内容"), TEXT_LIMIT, multiline=True)
    if visit_id is not None and _load(session, visit_id).account_id != account.id:
        raise ValidationError(
            "That visit was with another customer.", "visit", zh="该拜访记录属于其他客户。"
        )
    if contact_id is not None:
        _people(session, account.id, [contact_id])
    if contact_departed:
        if kind_ is not IntelKind.PERSONNEL_CHANGE or contact_id is None:
            raise ValidationError(
                "Only a personnel change about a person can mark them as departed.",
                "contact_departed",
                zh="只有关于某位联系人的人事变动才能把此人标记为已离职。",
            )
        contacts.update_contact(session, contact_id, departed=True)
    note = IntelNote(
        account_id=account.id,
        visit_id=visit_id,
        contact_id=contact_id,
        kind=kind_,
        text=body,
        author_id=current_user(session),
    )
    session.add(note)
    session.flush()
    note_search.index_notes(session, [(note.id, note.account_id, note.text)])
    return _notes(session, [note.id])[0]


def delete_intel_note(session: Session, note_id: str) -> None:
    note = session.get(IntelNote, note_id)
    if note is None or note.deleted_at is not None:
        raise NotFoundError(f"No note with id {note_id}.", zh=f"找不到编号为 {note_id} 的情报。")
    note.deleted_at = utcnow()
    note_search.remove_note(session, note.id)
    session.flush()


def _notes(
    session: Session, ids: Sequence[str] | None, account_id: str | None = None
) -> list[IntelNoteData]:
    query = (
        select(IntelNote, func.coalesce(Contact.name, ""), func.coalesce(User.name, ""))
        .outerjoin(Contact, Contact.id == IntelNote.contact_id)
        .outerjoin(User, User.id == IntelNote.author_id)
        .where(IntelNote.deleted_at.is_(None))
    )
    if ids is not None:
        query = query.where(IntelNote.id.in_(ids))
    if account_id is not None:
        query = query.where(IntelNote.account_id == account_id)
    rows = session.execute(query.order_by(IntelNote.created_at.desc(), IntelNote.id.desc()))
    return [
        IntelNoteData(
            n.id, n.account_id, n.visit_id, n.contact_id, contact_name, n.kind, n.text, author,
            n.created_at,
        )
        for n, contact_name, author in rows
    ]  # fmt: skip


def list_intel_notes(session: Session, account_id: str) -> list[IntelNoteData]:
    """The customer's intelligence notes, newest first."""
    accounts.load(session, account_id)
    return _notes(session, None, account_id)


def find_notes(session: Session, query: str, limit: int = 50) -> list[IntelNoteData]:
    """Intelligence notes whose words match ``query`` (the search box, VIS-2), best first."""
    found = note_search.matching_notes(session, query, limit)
    if not found:
        return []
    order = {nid: n for n, (nid, _) in enumerate(found)}
    notes = _notes(session, list(order))
    return sorted(notes, key=lambda n: order[n.id])


def log_visit_with_extras(
    session: Session,
    account_id: str,
    *,
    visit_id: str | None = None,
    intel: dict[str, Any] | None = None,
    commitment: dict[str, Any] | None = None,
    **visit: Any,
) -> VisitData:
    """The Log visit dialog's one save: the visit (new, or ``visit_id`` edited) with an
    intelligence note (``intel``: kind, text, contact_id, contact_departed) and a promise
    (``commitment``: what, contact_id, due, bottom_line_kind, value) made at it, in the same
    transaction — a refused note or promise leaves no half-logged visit behind."""
    if visit_id is None:
        saved = log_visit(session, account_id, **visit)
    else:
        saved = update_visit(session, visit_id, **visit)
    if intel is not None:
        add_intel_note(session, account_id, visit_id=saved.id, **intel)
    if commitment is not None:
        commitments.add_commitment(session, account_id, visit_id=saved.id, **commitment)
    return saved


@dataclass(frozen=True, slots=True)
class VisitForm:
    """What the Log visit dialog shows: the customer, its live people, the visit being
    edited (None for a new one) and the team's limits (so the gift and promise flags show as
    the user types)."""

    account_id: str
    account_name: str
    people: list[ContactData]
    visit: VisitData | None
    limits: dict[BottomLine, int]


def visit_form(session: Session, account_id: str, visit_id: str | None = None) -> VisitForm:
    account = accounts.load(session, account_id)
    visit = get_visit(session, visit_id) if visit_id else None
    met = {p.id for p in visit.people} if visit else set()
    people = [
        p for p in contacts.list_contacts(session, account.id) if not p.departed or p.id in met
    ]
    limits = {line: bottom_line(session, line) for line in BottomLine}
    return VisitForm(account.id, account.name, people, visit, limits)


@dataclass(frozen=True, slots=True)
class AccountVisits:
    """The account workspace's Visits tab: visits newest first, intelligence notes, the
    people cooling off and the customer's line of the plan."""

    visits: list[VisitData]
    notes: list[IntelNoteData]
    cooling: list[CoolingContact]
    plan: PlanRow


def account_visits(session: Session, account_id: str) -> AccountVisits:
    """The Visits tab in one read. Shown each time the tab is opened: each of its parts is
    one prepared statement through the driver (see db.prepared), none through the ORM."""
    plan = visit_plan.plan_of(session, account_id)  # NotFoundError for an unknown customer
    return AccountVisits(
        _visits_of(session, account_id, 500),
        _notes_of(session, account_id),
        visit_plan.cooling_contacts(session, account_id=account_id),
        plan,
    )


# The Visits tab's statements: a customer's visits newest first, the people met on them
# (for the same visits), its intelligence notes.
_VISITS_OF = Prepared(
    select(
        Visit.id,
        Visit.account_id,
        Account.name,
        Visit.at,
        Visit.done,
        Visit.channel,
        Visit.functions,
        Visit.activities,
        Visit.notes,
        Visit.outcome,
        Visit.next_step,
        Visit.next_due,
        Visit.next_done_at,
        Visit.gift_value,
        func.coalesce(User.name, ""),
        Visit.created_at,
        Visit.updated_at,
    )
    .join(Account, Account.id == Visit.account_id)
    .outerjoin(User, User.id == Visit.owner_id)
    .where(
        Visit.account_id == bindparam("account_id"),
        Visit.deleted_at.is_(None),
        Account.deleted_at.is_(None),
    )
    .order_by(Visit.at.desc(), Visit.id.desc())
    .limit(bindparam("limit", type_=Integer))
)
_PEOPLE_MET = Prepared(
    select(VisitContact.visit_id, Contact.id, Contact.name)
    .join(Contact, Contact.id == VisitContact.contact_id)
    .where(
        VisitContact.visit_id.in_(
            select(Visit.id)
            .where(Visit.account_id == bindparam("account_id"), Visit.deleted_at.is_(None))
            .order_by(Visit.at.desc(), Visit.id.desc())
            .limit(bindparam("limit", type_=Integer))
            .scalar_subquery()
        ),
        VisitContact.deleted_at.is_(None),
    )
    .order_by(Contact.sort_key)
)
_NOTES_OF = Prepared(
    select(
        IntelNote.id,
        IntelNote.account_id,
        IntelNote.visit_id,
        IntelNote.contact_id,
        func.coalesce(Contact.name, ""),
        IntelNote.kind,
        IntelNote.text,
        func.coalesce(User.name, ""),
        IntelNote.created_at,
    )
    .outerjoin(Contact, Contact.id == IntelNote.contact_id)
    .outerjoin(User, User.id == IntelNote.author_id)
    .where(IntelNote.account_id == bindparam("account_id"), IntelNote.deleted_at.is_(None))
    .order_by(IntelNote.created_at.desc(), IntelNote.id.desc())
)
_VISIT_DATA = builder(VisitData)
_NOTE_DATA = builder(IntelNoteData)
_CHANNELS = {m.code: m for m in Channel}
_KINDS = {m.code: m for m in IntelKind}
_MEMBERS: dict[str, dict[str, tuple[Any, ...]]] = {"functions": {}, "activities": {}}


def _members(kind: str, stored: str | None) -> tuple[Any, ...]:
    """A visit's functions or activities from their stored JSON list. The lists are few
    (combinations of a handful of codes): each is decoded once."""
    seen = _MEMBERS[kind]
    found = seen.get(stored or "")
    if found is None:
        known = _FUNCTIONS if kind == "functions" else _ACTIVITIES
        found = tuple(known[c] for c in (json.loads(stored) if stored else []) if c in known)
        if len(seen) < 10_000:
            seen[stored or ""] = found
    return found


def _visits_of(session: Session, account_id: str, limit: int) -> list[VisitData]:
    rows = _VISITS_OF.rows(session, account_id=account_id, limit=limit)
    people: dict[str, list[PersonRef]] = {r[0]: [] for r in rows}
    for visit_id, contact_id, name in _PEOPLE_MET.rows(session, account_id=account_id, limit=limit):
        if visit_id in people:
            people[visit_id].append(PersonRef(contact_id, name))
    ceiling = (
        bottom_line(session, BottomLine.GIFT_VALUE) if any(r[13] is not None for r in rows) else 0
    )
    moment, day, make, channels = utc_moment, calendar_day, _VISIT_DATA, _CHANNELS
    functions, activities = _MEMBERS["functions"], _MEMBERS["activities"]
    out = []
    for (
        vid, aid, account, at, done, channel, fns, acts, notes, outcome, step, due, step_done,
        gift, owner, created, updated,
    ) in rows:  # fmt: skip
        out.append(
            make(
                vid, aid, account, moment(at), done == 1, channels[channel],
                functions.get(fns) or _members("functions", fns),
                activities.get(acts) or _members("activities", acts),
                tuple(people[vid]), notes, outcome, step, day(due), moment(step_done), gift,
                gift is not None and beyond(BottomLine.GIFT_VALUE, gift, ceiling),
                owner, moment(created), moment(updated),
            )
        )  # fmt: skip
    return out


def _notes_of(session: Session, account_id: str) -> list[IntelNoteData]:
    make, kinds, moment = _NOTE_DATA, _KINDS, utc_moment
    return [
        make(nid, aid, vid, cid, contact, kinds[kind], text, author, moment(at))
        for nid, aid, vid, cid, contact, kind, text, author, at in _NOTES_OF.rows(
            session, account_id=account_id
        )
    ]
