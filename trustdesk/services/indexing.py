"""What the search index holds for an account or a contact, in one place.

Accounts, contacts and the demo generator all build their search entries here, so a record
is found the same way however it was made.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from sqlalchemy import select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from trustdesk.db import note_search
from trustdesk.db import search as index
from trustdesk.db.models import Account, Contact, IntelNote
from trustdesk.domain.enums import AccountKind


def account_doc(
    account_id: str,
    name: str,
    industry: str,
    region: str,
    *,
    individual: bool = False,
    pinyin: str = "",
) -> index.DocInput:
    """An account's entry: found by its name (an individual's by the surname reading and any
    hand-corrected pinyin), shown with industry and region. A company's name does not start
    with a surname, so only individuals get the surname table."""
    detail = " · ".join(p for p in (industry, region) if p)
    return index.DocInput("account", account_id, account_id, name, detail, pinyin, individual)


def contact_doc(
    contact_id: str, account_id: str, name: str, account_name: str, pinyin: str
) -> index.DocInput:
    """A contact's entry: a person, found by name or hand-corrected pinyin, shown with the
    account."""
    return index.DocInput("contact", contact_id, account_id, name, account_name, pinyin, True)


def index_account(session: Session, account: Account) -> None:
    doc = account_doc(
        account.id,
        account.name,
        account.industry,
        account.region,
        individual=account.kind is AccountKind.INDIVIDUAL,
        pinyin=account.pinyin,
    )
    index.index_records(session, [doc])


def index_accounts(session: Session, accounts: Iterable[Account]) -> None:
    """Many accounts' entries in one pass (a pull): each customer's prefixes once."""
    docs = [
        account_doc(
            a.id, a.name, a.industry, a.region,
            individual=a.kind is AccountKind.INDIVIDUAL, pinyin=a.pinyin,
        )
        for a in accounts
    ]  # fmt: skip
    if docs:
        index.index_records(session, docs)


def index_contact(session: Session, contact: Contact) -> None:
    account = session.get(Account, contact.account_id)
    assert account is not None
    index.index_records(session, [_contact_doc(contact, account.name)])


def _contact_doc(contact: Contact, account_name: str) -> index.DocInput:
    return contact_doc(contact.id, contact.account_id, contact.name, account_name, contact.pinyin)


def reindex_account_contacts(session: Session, account: Account) -> None:
    """Index every live contact of the account again (after a restore)."""
    contacts = session.scalars(
        select(Contact).where(Contact.account_id == account.id, Contact.deleted_at.is_(None))
    )
    index.index_records(session, [_contact_doc(c, account.name) for c in contacts])


def index_is_current(session: Session) -> bool:
    """The file's names are indexed this version's way (``search.INDEX_SPELLING``)."""
    return session.execute(sql_text("PRAGMA user_version")).scalar() == index.INDEX_SPELLING


def rebuild_index(
    session: Session, *, batch: int = 5000, progress: Callable[[int], None] | None = None
) -> int:
    """Index every live customer and person again from scratch (after the way names are
    spelled for search changed, e.g. with schema 0004, or its tables, with 0005); returns how
    many entries it wrote."""
    index.clear_index(session)
    with index.bulk_index(session):
        docs: list[index.DocInput] = []
        written = 0

        def flush() -> None:
            nonlocal written
            index.index_records(session, docs)
            written += len(docs)
            docs.clear()
            if progress is not None:
                progress(written)

        names: dict[str, str] = {}
        for account in session.scalars(select(Account).where(Account.deleted_at.is_(None))):
            names[account.id] = account.name
            docs.append(
                account_doc(
                    account.id,
                    account.name,
                    account.industry,
                    account.region,
                    individual=account.kind is AccountKind.INDIVIDUAL,
                    pinyin=account.pinyin,
                )
            )
            if len(docs) >= batch:
                flush()
        rows = session.execute(
            select(Contact.id, Contact.account_id, Contact.name, Contact.pinyin).where(
                Contact.deleted_at.is_(None)
            )
        )
        for contact_id, account_id, name, pinyin in rows:
            if account_id in names:
                docs.append(contact_doc(contact_id, account_id, name, names[account_id], pinyin))
                if len(docs) >= batch:
                    flush()
        flush()
    written += rebuild_note_index(session, names)
    session.execute(sql_text(f"PRAGMA user_version={index.INDEX_SPELLING}"))
    return written


def rebuild_note_index(session: Session, live_accounts: Collection[str]) -> int:
    """The intelligence notes of live customers, indexed again (VIS-2)."""
    note_search.clear(session)
    rows = session.execute(
        select(IntelNote.id, IntelNote.account_id, IntelNote.text).where(
            IntelNote.deleted_at.is_(None)
        )
    )
    notes = [(nid, aid, body) for nid, aid, body in rows if aid in live_accounts]
    note_search.index_notes(session, notes)
    return len(notes)


def reindex_account_notes(session: Session, account_id: str) -> None:
    """A restored customer's notes back in the search (VIS-2)."""
    note_search.remove_account_notes(session, account_id)
    rows = session.execute(
        select(IntelNote.id, IntelNote.account_id, IntelNote.text).where(
            IntelNote.account_id == account_id, IntelNote.deleted_at.is_(None)
        )
    )
    note_search.index_notes(session, [(nid, aid, body) for nid, aid, body in rows])
