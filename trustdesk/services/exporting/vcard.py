"""A customer's people as vCard 3.0 (RFC 2426), the file a phone's address book imports.

One card per person at the customer (not deleted, not departed, not a placeholder for a role
not yet met): FN, N (family;given — a Chinese name split after its surname, see
``domain.names.split_person_name``), ORG (customer;department), TITLE, TEL (mobile as CELL,
the office phone as WORK), EMAIL, BDAY, NOTE, and the pinyin as X-PHONETIC-LAST-NAME and
-FIRST-NAME, which iPhone and Android address books sort Chinese names by. UID is the
person's id, so importing a second export can update the first.

Text is escaped as the RFC says (backslash, semicolon, comma, line break), lines are folded
at 75 octets without cutting a UTF-8 character in two, lines end with CRLF, and the file is
UTF-8 (vCard 3.0 has no CHARSET parameter). Written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session

from trustdesk import __version__
from trustdesk.db.base import utc_moment
from trustdesk.db.models import Account, Contact
from trustdesk.db.prepared import DIALECT, on
from trustdesk.domain.names import has_cjk, split_person_name
from trustdesk.errors import ValidationError
from trustdesk.services.accounts import load
from trustdesk.services.exporting.target import atomic_file
from trustdesk.services.progress import Progress

LINE_OCTETS = 75
BATCH = 2_000


@dataclass(frozen=True, slots=True)
class CardPerson:
    id: str
    name: str
    pinyin: str
    customer: str
    department: str = ""
    title: str = ""
    mobile: str = ""
    phone: str = ""
    email: str = ""
    birthday: date | None = None
    notes: str = ""
    updated_at: datetime | None = None


# --- the text of a card ---------------------------------------------------------------------


def escape(text: str) -> str:
    """A TEXT value as vCard 3.0 writes it: ``\\`` ``;`` ``,`` escaped, line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """``line`` as UTF-8 with CRLF, folded so that no physical line exceeds 75 octets (a
    continuation line starts with one space); a character is never cut in two."""
    out = bytearray()
    used = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if used + size > LINE_OCTETS:
            out += b"\r\n "
            used = 1
        out += char.encode("utf-8")
        used += size
    out += b"\r\n"
    return bytes(out)


def _phonetic(person: CardPerson, family: str, given: str) -> tuple[str, str] | None:
    """The pinyin of the family and given names, when the name is Chinese and the stored
    pinyin has one syllable per character."""
    syllables = person.pinyin.split()
    if not has_cjk(person.name) or len(syllables) != len(family) + len(given):
        return None

    def word(parts: list[str]) -> str:
        return "".join(parts).capitalize()

    return word(syllables[: len(family)]), word(syllables[len(family) :])


def card_lines(person: CardPerson) -> list[str]:
    """The unfolded content lines of one card."""
    family, given = split_person_name(person.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"PRODID:-//TrustDesk//TrustDesk {__version__}//EN",
        f"UID:{escape(person.id)}",
        f"FN:{escape(person.name)}",
        f"N:{escape(family)};{escape(given)};;;",
    ]
    phonetic = _phonetic(person, family, given)
    if phonetic is not None:
        lines += [f"X-PHONETIC-LAST-NAME:{phonetic[0]}", f"X-PHONETIC-FIRST-NAME:{phonetic[1]}"]
    org = escape(person.customer) + (f";{escape(person.department)}" if person.department else "")
    lines.append(f"ORG:{org}")
    if person.title:
        lines.append(f"TITLE:{escape(person.title)}")
    if person.mobile:
        lines.append(f"TEL;TYPE=CELL:{escape(person.mobile)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK:{escape(person.phone)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape(person.email)}")
    if person.birthday is not None:
        lines.append(f"BDAY:{person.birthday.isoformat()}")
    if person.notes.strip():
        lines.append(f"NOTE:{escape(person.notes.strip())}")
    if person.updated_at is not None:
        lines.append(f"REV:{person.updated_at.strftime('%Y-%m-%dT%H:%M:%SZ')}")
    lines.append("END:VCARD")
    return lines


def card(person: CardPerson) -> bytes:
    return b"".join(fold(line) for line in card_lines(person))


# --- whose cards ----------------------------------------------------------------------------


def _query(account_id: str | None) -> Select[*tuple[Any, ...]]:
    query = (
        select(
            Contact.id,
            Contact.name,
            Contact.pinyin,
            Account.name,
            Contact.department,
            Contact.title,
            Contact.mobile,
            Contact.phone,
            Contact.email,
            Contact.birthday,
            Contact.notes,
            Contact.updated_at,
        )
        .select_from(Contact)
        .join(Account, Account.id == Contact.account_id)
        .where(
            Account.deleted_at.is_(None),
            Contact.deleted_at.is_(None),
            Contact.departed == false(),
            Contact.is_placeholder == false(),
        )
        .order_by(Account.sort_key, Account.id, Contact.sort_key, Contact.id)
    )
    return query if account_id is None else query.where(Account.id == account_id)


def people(session: Session, account_id: str | None = None) -> Iterator[list[CardPerson]]:
    """The people to export, a batch at a time (every customer's when ``account_id`` is
    None); an unknown or deleted customer is a ``NotFoundError``."""
    if account_id is not None:
        load(session, account_id)
    sql = str(_query(account_id).compile(dialect=DIALECT, compile_kwargs={"literal_binds": True}))
    _, driver = on(session)
    cursor = driver.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(BATCH):
            yield [
                CardPerson(
                    id=row[0],
                    name=row[1],
                    pinyin=row[2] or "",
                    customer=row[3],
                    department=row[4] or "",
                    title=row[5] or "",
                    mobile=row[6] or "",
                    phone=row[7] or "",
                    email=row[8] or "",
                    birthday=date.fromisoformat(row[9]) if row[9] else None,
                    notes=row[10] or "",
                    updated_at=utc_moment(row[11]),
                )
                for row in batch
            ]
    finally:
        cursor.close()


def export_vcard(
    session: Session,
    out: Path,
    *,
    account_id: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the cards of the customer's people (everyone's when ``account_id`` is None) to
    ``out``; returns how many cards."""
    count = 0
    with atomic_file(Path(out)) as stream:
        for batch in people(session, account_id):
            stream.write(b"".join(card(p) for p in batch))
            count += len(batch)
            if progress is not None:
                progress.step(count)
        if count == 0:  # an empty address book file helps nobody: say so, write nothing
            raise ValidationError(
                "There is nobody to export: the customer has no current contacts "
                "(departed people and placeholders are left out). Nothing was written.",
                "customer",
                zh="没有可导出的联系人：该客户没有在职的联系人（已离职的人员和占位人员不导出）。"
                "未写入任何文件。",
            )
    return count
