"""OFF-2: finding people and customers entered twice, and the pairs the user said differ.

Never merges anything: it proposes pairs, strongest sign first, for the user to merge
(``services.merging``) or to mark as two different records (``mark_not_duplicates``), which
are then never proposed again.

People: the same phone number (phone or mobile, either field of one against either of the
other, across every customer), the same email address, and inside one customer the same
name, the same name written differently (張偉/张伟, full or half width), or a name that sounds
the same (张伟/章伟: a weaker sign). Customers: the same folded name, the same phone.

At 500,000 people one pass reads the live people once, in customer order (the contact
table's customer index), and keeps only the keys: the names are compared a customer at a
time, the phones and emails in one dictionary each. The keys are the importer's
(``domain.duplicates``), each name spelled once (names repeat). Only the records of the pairs
found are read in full afterwards.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utc_moment, utcnow
from trustdesk.db.models import Account, Contact, NotDuplicate
from trustdesk.db.prepared import on
from trustdesk.domain.duplicates import (
    SHARED_KEY_LIMIT,
    email_key,
    name_key,
    pair_key,
    pairs_of,
    phone_key,
    sound_key,
)
from trustdesk.domain.enums import DuplicateKind, DuplicateReason
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts
from trustdesk.services.fields import current_user
from trustdesk.services.progress import Progress

STEP_ROWS = 20_000  # progress is reported (and Cancel noticed) every so many records read
Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class DuplicateRecord:
    """One side of a proposed pair: what tells the two apart at a glance. For a customer,
    ``account_id`` is its own id and ``title``, ``mobile`` and ``email`` are empty."""

    id: str
    name: str
    account_id: str
    account_name: str
    title: str
    phone: str
    mobile: str
    email: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two records that look like one. ``first`` is the older (kept by default when merged);
    ``reasons`` strongest first; ``shared`` what they share for the strongest reason (the
    number or address as the first record holds it, or the name)."""

    kind: DuplicateKind
    first: DuplicateRecord
    second: DuplicateRecord
    reasons: tuple[DuplicateReason, ...]
    shared: str

    @property
    def reason(self) -> DuplicateReason:
        return self.reasons[0]

    @property
    def same_account(self) -> bool:
        return self.first.account_id == self.second.account_id

    def reasons_text(self, lang: str) -> str:
        sep = "；" if lang.startswith("zh") else "; "
        return sep.join(r.label(lang) for r in self.reasons)


@dataclass(slots=True)
class _Found:
    """Pairs found so far: the reasons of each, and what was shared for each reason."""

    reasons: dict[Pair, dict[DuplicateReason, str]]

    def add(self, a: str, b: str, reason: DuplicateReason, shared: str) -> None:
        self.reasons.setdefault(pair_key(a, b), {}).setdefault(reason, shared)


class _Keys:
    """Records grouped by one kind of key (a phone, an address): each key's first record,
    and the others only for the keys more than one record holds (few)."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}
        self.more: dict[str, list[str]] = defaultdict(list)

    def add(self, key: str, record_id: str) -> None:
        if key:
            first = self.first.setdefault(key, record_id)
            if first != record_id:
                self.more[key].append(record_id)

    def into(self, found: _Found, reason: DuplicateReason) -> None:
        for key, others in self.more.items():
            ids = {self.first[key], *others}
            if 1 < len(ids) <= SHARED_KEY_LIMIT:
                for a, b in pairs_of(list(ids)):
                    found.add(a, b, reason, key)


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[str, str]:
    """(the name as written, stripped; its folded key), once per name."""
    return name.strip(), name_key(name)


_sound_key = lru_cache(maxsize=65536)(sound_key)
_folded_key = lru_cache(maxsize=65536)(name_key)


def _same_names(groups: Iterable[list[tuple[str, str]]], found: _Found) -> None:
    """Records whose names fold alike, (id, name as written) per group: the same name, or
    the same name written differently."""
    for members in groups:
        if len(members) < 2:
            continue
        written = dict(members)
        for a, b in pairs_of(list(written)):
            same = written[a] == written[b]
            reason = DuplicateReason.SAME_NAME if same else DuplicateReason.NAME_VARIANT
            found.add(a, b, reason, written[a] if same else f"{written[a]} / {written[b]}")


def _compare_names(people: list[tuple[str, str]], found: _Found) -> None:
    """People of one customer whose names sound alike, (id, name): the same name, written
    differently, or only sounding the same."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_sound: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record_id, name in people:
        written, folded = _name_keys(name)
        if folded:
            by_name[folded].append((record_id, written))
        sound = _sound_key(name)
        if sound:
            by_sound[sound].append((record_id, folded))
    _same_names(by_name.values(), found)
    for sound, members in by_sound.items():
        if len(members) < 2 or len({folded for _, folded in members}) < 2:
            continue
        folded_of = dict(members)
        for a, b in pairs_of(list(folded_of)):
            if folded_of[a] != folded_of[b]:
                found.add(a, b, DuplicateReason.SOUNDS_ALIKE, sound)


def _not_duplicates(session: Session, kind: DuplicateKind) -> set[Pair]:
    rows = session.execute(
        select(NotDuplicate.first_id, NotDuplicate.second_id).where(
            NotDuplicate.kind == kind, NotDuplicate.deleted_at.is_(None)
        )
    )
    return {(a, b) for a, b in rows}


def _count(session: Session, kind: DuplicateKind, account_id: str | None) -> int:
    if kind is DuplicateKind.ACCOUNT:
        where = [Account.deleted_at.is_(None)]
        return int(session.scalar(select(func.count()).select_from(Account).where(*where)) or 0)
    query = select(func.count()).select_from(Contact).where(Contact.deleted_at.is_(None))
    if account_id is not None:
        query = query.where(Contact.account_id == account_id)
    return int(session.scalar(query) or 0)


def _driver(session: Session) -> sqlite3.Connection:
    """The read's own sqlite3 connection, with the keys as SQL functions (for grouping by
    them in SQLite)."""
    _connection, dbapi = on(session)
    dbapi.create_function("td_sound_key", 1, _sound_key, deterministic=True)
    dbapi.create_function("td_name_key", 1, _folded_key, deterministic=True)
    return dbapi


# The records of each group of names that sound alike (people, inside one customer) or fold
# alike (customers), grouped by SQLite: a window over the key, only groups of two or more.
NAME_GROUPS = (
    "SELECT id, owner, name FROM (SELECT id, {owner} AS owner, name, "
    "count(*) OVER (PARTITION BY {owner}, {key}(name)) AS n FROM {table} "
    "WHERE deleted_at IS NULL{where}) WHERE n > 1 ORDER BY owner"
)
CONTACT_KEYS = "SELECT id, account_id, phone, mobile, email FROM contact WHERE deleted_at IS NULL"


def _deleted_accounts(dbapi: sqlite3.Connection) -> set[str]:
    """Customers soft-deleted: their people are gone with them (few; read from an index)."""
    rows = dbapi.execute("SELECT id FROM account WHERE deleted_at IS NOT NULL")
    return {account_id for (account_id,) in rows}


def _find_contacts(session: Session, account_id: str | None, tick: Callable[[int], None]) -> _Found:
    found = _Found({})
    dbapi = _driver(session)
    gone = _deleted_accounts(dbapi)
    where, values = ("", ()) if account_id is None else (" AND account_id = ?", (account_id,))
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    sql = NAME_GROUPS.format(owner="account_id", key="td_sound_key", table="contact", where=where)
    for record_id, owner, name in dbapi.execute(sql, values):
        if owner not in gone:
            groups[owner].append((record_id, name))
    for people in groups.values():
        _compare_names(people, found)
    phones, emails = _Keys(), _Keys()
    rows = dbapi.execute(CONTACT_KEYS + where, values)
    for n, (record_id, owner, phone, mobile, email) in enumerate(rows, start=1):
        if owner in gone:
            continue
        if phone:
            phones.add(phone_key(phone), record_id)
        if mobile:
            phones.add(phone_key(mobile), record_id)
        if email:
            emails.add(email_key(email), record_id)
        if n % STEP_ROWS == 0:
            tick(n)
    phones.into(found, DuplicateReason.SAME_PHONE)
    emails.into(found, DuplicateReason.SAME_EMAIL)
    return found


def _find_accounts(session: Session, tick: Callable[[int], None]) -> _Found:
    found = _Found({})
    dbapi = _driver(session)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    sql = NAME_GROUPS.format(owner="''", key="td_name_key", table="account", where="")
    for record_id, _owner, name in dbapi.execute(sql):
        written, folded = _name_keys(name)
        if folded:
            groups[folded].append((record_id, written))
    _same_names(groups.values(), found)
    phones = _Keys()
    rows = dbapi.execute("SELECT id, phone FROM account WHERE deleted_at IS NULL AND phone != ''")
    for n, (record_id, phone) in enumerate(rows, start=1):
        phones.add(phone_key(phone), record_id)
        if n % STEP_ROWS == 0:
            tick(n)
    phones.into(found, DuplicateReason.SAME_PHONE)
    return found


def _contact_records(session: Session, ids: list[str]) -> dict[str, DuplicateRecord]:
    out: dict[str, DuplicateRecord] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(
                Contact.id, Contact.name, Contact.account_id, Account.name, Contact.title,
                Contact.phone, Contact.mobile, Contact.email, Contact.created_at,
            )
            .join(Account, Account.id == Contact.account_id)
            .where(Contact.id.in_(ids[start : start + 500]))
        )  # fmt: skip
        for row in rows:
            out[row[0]] = DuplicateRecord(*row[:8], utc_moment(row[8]))
    return out


def _account_records(session: Session, ids: list[str]) -> dict[str, DuplicateRecord]:
    out: dict[str, DuplicateRecord] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Account.id, Account.name, Account.phone, Account.created_at).where(
                Account.id.in_(ids[start : start + 500])
            )
        )
        for record_id, name, phone, created in rows:
            out[record_id] = DuplicateRecord(
                record_id, name, record_id, name, "", phone, "", "", utc_moment(created)
            )
    return out


def _shown(reason: DuplicateReason, shared: str, first: DuplicateRecord) -> str:
    """The shared value as the first record holds it (its phone as typed, not the key)."""
    if reason is DuplicateReason.SAME_PHONE:
        for typed in (first.mobile, first.phone):
            if typed and phone_key(typed) == shared:
                return typed
    if reason is DuplicateReason.SAME_EMAIL and first.email:
        return first.email
    return shared


def find_duplicates(
    session: Session,
    *,
    kind: DuplicateKind | str = DuplicateKind.CONTACT,
    account_id: str | None = None,
    progress: Progress | None = None,
) -> list[DuplicatePair]:
    """Pairs of live records that look like one, strongest sign first (then by customer and
    name). ``account_id``: only the people of that customer (people only). Pairs the user
    marked as different are left out; soft-deleted records are never proposed."""
    kind = DuplicateKind.parse(kind)
    if account_id is not None and kind is DuplicateKind.ACCOUNT:
        raise ValidationError(
            "Duplicate customers are looked for among all customers, not inside one.",
            "account_id",
            zh="重复客户在全部客户中查找，不能限定在某个客户内。",
        )
    if account_id is not None:
        accounts.load(session, account_id)  # an unknown or deleted customer: said so
    total = _count(session, kind, account_id)

    def tick(done: int) -> None:
        if progress is not None:
            progress.step(done, total)

    tick(0)
    if kind is DuplicateKind.CONTACT:
        found = _find_contacts(session, account_id, tick)
    else:
        found = _find_accounts(session, tick)
    tick(total)
    refused = _not_duplicates(session, kind)
    wanted = {p: r for p, r in found.reasons.items() if p not in refused}
    ids = sorted({i for pair in wanted for i in pair})
    reader = _contact_records if kind is DuplicateKind.CONTACT else _account_records
    records = reader(session, ids)
    pairs: list[DuplicatePair] = []
    for (a, b), reasons in wanted.items():
        if a not in records or b not in records:
            continue
        ordered = tuple(sorted(reasons, key=lambda r: r.position))
        first, second = records[a], records[b]
        shown = _shown(ordered[0], reasons[ordered[0]], first)
        pairs.append(DuplicatePair(kind, first, second, ordered, shown))
    pairs.sort(key=lambda p: (p.reason.position, p.first.account_name, p.first.name, p.first.id))
    return pairs


# --- the records a pair names --------------------------------------------------------------


def kind_of(session: Session, record_id: str) -> DuplicateKind:
    """Whether ``record_id`` names a person or a customer (ids are unique across both)."""
    if session.get(Contact, record_id) is not None:
        return DuplicateKind.CONTACT
    if session.get(Account, record_id) is not None:
        return DuplicateKind.ACCOUNT
    raise NotFoundError(
        f"No person or customer with id {record_id}.",
        zh=f"找不到编号为 {record_id} 的联系人或客户。",
    )


def _check_pair(session: Session, first_id: str, second_id: str) -> DuplicateKind:
    if first_id == second_id:
        raise ValidationError("Choose two different records.", "id", zh="请选择两条不同的记录。")
    kind = kind_of(session, first_id)
    if kind_of(session, second_id) is not kind:
        raise ValidationError(
            "A person and a customer cannot be duplicates of each other.",
            "id",
            zh="联系人和客户不能互为重复。",
        )
    model: type[Any] = Contact if kind is DuplicateKind.CONTACT else Account
    for record_id in (first_id, second_id):
        row = session.get(model, record_id)
        if row is None or row.deleted_at is not None:
            raise NotFoundError(
                f"Record {record_id} was deleted (or merged into another).",
                zh=f"记录 {record_id} 已删除（或已合并到另一条记录）。",
            )
    return kind


def mark_not_duplicates(session: Session, first_id: str, second_id: str) -> DuplicateKind:
    """The user says these two are different people (or customers): never propose them
    again. Saying it twice changes nothing. Returns the kind of the two records."""
    kind = _check_pair(session, first_id, second_id)
    a, b = pair_key(first_id, second_id)
    row = session.get(NotDuplicate, (kind, a, b))
    if row is None:
        session.add(
            NotDuplicate(kind=kind, first_id=a, second_id=b, decided_by_id=current_user(session))
        )
    elif row.deleted_at is not None:
        row.deleted_at = None
        row.decided_at = utcnow()
        row.decided_by_id = current_user(session)
    session.flush()
    return kind


def are_marked_different(session: Session, first_id: str, second_id: str) -> bool:
    a, b = pair_key(first_id, second_id)
    found = session.scalar(
        select(NotDuplicate.deleted_at.is_(None)).where(
            NotDuplicate.first_id == a, NotDuplicate.second_id == b
        )
    )
    return bool(found)
