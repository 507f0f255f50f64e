"""Demo duplicates (OFF-2): a handful of people and a customer entered twice, the way they
are in real books — from the phone's address book in traditional characters with the
number written +86 138 0013 8000, retyped from a business card, a homophone typed by ear,
a customer's name in traditional characters with its switchboard written another way (one
of the demo's customers becomes that copy: a demo of N customers still has N).

Added through the services after the stories (like them: the same picks and words for the
same seed, fresh ids), so the duplicates are found, merged and undone exactly as a user's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.models import Account, Contact
from trustdesk.demo.showcase import showcases
from trustdesk.domain.enums import AccountKind
from trustdesk.domain.names import _to_simplified, has_cjk, sort_key
from trustdesk.services import commitments, contacts, visits
from trustdesk.services.indexing import index_account

CANDIDATES = 300  # customers looked at, first by id among those just made
# Surnames and a homophone typed by ear (张伟 / 章伟): two people, or one misspelt.
HOMOPHONES = {"张": "章", "王": "汪", "李": "黎", "刘": "留", "陈": "臣", "杨": "阳",
              "黄": "皇", "周": "舟", "吴": "伍", "徐": "许", "林": "琳", "何": "贺"}  # fmt: skip
IMPORTED = ("从手机通讯录导入", "Imported from the phone's address book")
CARD = ("根据名片重新录入", "Typed again from a business card")
NOTE = "电话里提到明年想把包装换成环保材料。"
PROMISE = "下周寄环保包装样品"


@lru_cache(maxsize=1)
def _to_traditional() -> dict[str, str]:
    """Simplified → one traditional form, the first the character table gives."""
    out: dict[str, str] = {}
    for trad, simp in _to_simplified().items():
        if len(simp) == 1 and chr(trad) != simp:
            out.setdefault(simp, chr(trad))
    return out


def traditional(text: str) -> str:
    """``text`` as the phone of a Hong Kong or Taiwan contact would hold it (张伟 → 張偉)."""
    table = _to_traditional()
    return "".join(table.get(ch, ch) for ch in text)


def spaced_mobile(mobile: str) -> str:
    """13800138000 → +86 138 0013 8000 (the phone's own way of writing it)."""
    return f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}" if len(mobile) == 11 else mobile


def dashed_mobile(mobile: str) -> str:
    """13800138000 → 138-0013-8000 (typed from a card)."""
    return f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}" if len(mobile) == 11 else mobile


def country_phone(phone: str) -> str:
    """021-62345678 → +86 21 6234 5678 (a switchboard as an international caller has it)."""
    area, _, number = phone.partition("-")
    if not area.startswith("0") or not number:
        return phone
    return f"+86 {area[1:]} {number[:4]} {number[4:]}"


@dataclass
class Duplicates:
    """The ids of what was entered twice: (the original, the copy)."""

    people: list[tuple[str, str]] = field(default_factory=list)
    customers: list[tuple[str, str]] = field(default_factory=list)


def _candidates(session: Session, only: set[str]) -> list[Account]:
    skip = {case.name for case in showcases()}
    rows = session.scalars(
        select(Account)
        .where(Account.deleted_at.is_(None), Account.kind == AccountKind.COMPANY)
        .order_by(Account.id)
        .limit(CANDIDATES)
    )
    return [a for a in rows if a.id in only and a.name not in skip]


def _people(session: Session, account: Account) -> list[Contact]:
    return list(
        session.scalars(
            select(Contact)
            .where(
                Contact.account_id == account.id,
                Contact.deleted_at.is_(None),
                Contact.departed.is_(False),
            )
            .order_by(Contact.id)
        )
    )


def _copy(session: Session, person: Contact, name: str, mobile: str, why: tuple[str, str]) -> str:
    zh = has_cjk(person.name)
    made = contacts.create_contact(
        session,
        person.account_id,
        name,
        title=person.title,
        mobile=mobile,
        notes=why[0] if zh else why[1],
    )
    return made.id


def add_duplicates(session: Session, *, only: set[str]) -> Duplicates:
    """Enter a few of ``only``'s people (and one customer) a second time."""
    found = Duplicates()
    chinese = [a for a in _candidates(session, only) if has_cjk(a.name)]
    english = [a for a in _candidates(session, only) if not has_cjk(a.name)]
    used: set[str] = set()

    def next_person(pool: list[Account], test: object = None) -> Contact | None:
        for account in pool:
            if account.id in used:
                continue
            for person in _people(session, account):
                if person.mobile and (test is None or test(person)):  # type: ignore[operator]
                    used.add(account.id)
                    return person
        return None

    # From the phone's address book: 張偉, +86 138 0013 8000.
    person = next_person(chinese, lambda p: traditional(p.name) != p.name)
    if person is not None:
        copy = _copy(session, person, traditional(person.name), spaced_mobile(person.mobile),
                     IMPORTED)  # fmt: skip
        # Something learnt and promised on the copy, to move when the two are merged.
        visits.add_intel_note(session, person.account_id, "needs-change", NOTE, contact_id=copy)
        commitments.add_commitment(session, person.account_id, PROMISE, contact_id=copy)
        found.people.append((person.id, copy))
    # Typed again from a business card: the same name, 138-0013-8000.
    person = next_person(chinese)
    if person is not None:
        copy = _copy(session, person, person.name, dashed_mobile(person.mobile), CARD)
        found.people.append((person.id, copy))
    # Typed by ear: 章伟 for 张伟, no number (the weakest sign: maybe two people).
    person = next_person(chinese, lambda p: p.name[:1] in HOMOPHONES)
    if person is not None:
        misheard = HOMOPHONES[person.name[0]] + person.name[1:]
        made = contacts.create_contact(session, person.account_id, misheard, title=person.title)
        found.people.append((person.id, made.id))
    # An English contact from the phone: lower case, the number with its country code.
    person = next_person(english)
    if person is not None:
        copy = _copy(session, person, person.name.lower(), spaced_mobile(person.mobile), IMPORTED)
        found.people.append((person.id, copy))
    _customer_twice(session, chinese, used, found)
    return found


def _customer_twice(
    session: Session, pool: list[Account], used: set[str], found: Duplicates
) -> None:
    """A customer entered twice: another of the demo's customers (its own people and history,
    as when two colleagues each created the company) made the first one's namesake in
    traditional characters, with its switchboard written with the country code, and one of
    the first one's people among its own. The demo keeps the number of customers asked for."""
    free = [a for a in pool if a.id not in used]
    first = next(
        (a for a in free if a.phone and traditional(a.name) != a.name and _people(session, a)),
        None,
    )
    second = next((a for a in reversed(free) if first is not None and a.id != first.id), None)
    if first is None or second is None:
        return
    second.name = traditional(first.name)
    second.sort_key = sort_key(second.name)
    second.phone = country_phone(first.phone)
    second.industry, second.region = first.industry, first.region
    session.flush()
    index_account(session, second)
    person = _people(session, first)[0]
    contacts.create_contact(
        session, second.id, person.name, title=person.title, mobile=person.mobile
    )
    found.customers.append((first.id, second.id))
