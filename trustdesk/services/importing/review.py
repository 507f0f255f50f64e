"""What the import wizard shows before anything is written: the plan, and for each duplicate
the record it matches as the user knows it (name, customer, phone, email), so the file's
person and ours can be compared side by side. Also the rejected rows saved as CSV, with a
sentence when the file cannot be written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.models import Account, Contact
from trustdesk.errors import TrustDeskError
from trustdesk.services.importing.importer import save_rejects
from trustdesk.services.importing.mapping import Mapping, guess_mapping, remembered_mapping
from trustdesk.services.importing.planning import ImportPlan, NoCustomer, plan_import
from trustdesk.services.importing.table import SourceTable, UnreadRow
from trustdesk.services.progress import Progress

_CHUNK = 500  # ids per IN (...): well under SQLite's limit of bound parameters


@dataclass(frozen=True, slots=True)
class RecordSummary:
    """A person (or a customer) already in the database, as the duplicates list shows it."""

    name: str
    customer: str
    phone: str  # the mobile, else the phone
    email: str


@dataclass(slots=True)
class ImportReview:
    plan: ImportPlan
    records: dict[str, RecordSummary] = field(default_factory=dict)  # by contact/customer id


def review_import(
    session: Session,
    table: SourceTable,
    mapping: Mapping,
    *,
    no_customer: NoCustomer = NoCustomer.INDIVIDUAL,
    lang: str = "en",
    progress: Progress | None = None,
) -> ImportReview:
    """``plan_import`` (nothing written) and the records its duplicates match."""
    plan = plan_import(
        session, table, mapping, no_customer=no_customer, lang=lang, progress=progress
    )
    people = {r.match.record_id for r in plan.duplicates if r.match and r.person}
    customers = {r.match.record_id for r in plan.duplicates if r.match and not r.person}
    records = _people(session, {i for i in people if i})
    records.update(_customers(session, {i for i in customers if i}))
    return ImportReview(plan, records)


def proposed_mapping(session: Session, headers: list[str]) -> tuple[Mapping, bool]:
    """``mapping_for`` and whether it is the one remembered for these headers (True) or
    a guess from their words (False): the wizard says which."""
    remembered = remembered_mapping(session, headers)
    if remembered is not None:
        return remembered, True
    return guess_mapping(headers), False


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _people(session: Session, ids: set[str]) -> dict[str, RecordSummary]:
    out: dict[str, RecordSummary] = {}
    for chunk in _chunks(ids):
        query = (
            select(Contact.id, Contact.name, Account.name, Contact.mobile, Contact.phone,
                   Contact.email)
            .join(Account, Account.id == Contact.account_id)
            .where(Contact.id.in_(chunk))
        )  # fmt: skip
        for contact_id, name, customer, mobile, phone, email in session.execute(query):
            out[contact_id] = RecordSummary(name, customer, mobile or phone or "", email or "")
    return out


def _customers(session: Session, ids: set[str]) -> dict[str, RecordSummary]:
    out: dict[str, RecordSummary] = {}
    for chunk in _chunks(ids):
        query = select(Account.id, Account.name, Account.phone).where(Account.id.in_(chunk))
        for account_id, name, phone in session.execute(query):
            out[account_id] = RecordSummary(name, name, phone or "", "")
    return out


class RejectsFileError(TrustDeskError):
    """The file for the rejected rows cannot be written."""


def write_rejects(path: Path, rejected: list[UnreadRow], headers: list[str], lang: str) -> Path:
    """``save_rejects``, with a sentence (not Python's text) when the file cannot be written."""
    try:
        save_rejects(path, rejected, headers, lang)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise RejectsFileError(
            f"The rows not imported could not be saved to {path} ({why}); choose another folder.",
            zh=f"无法把未导入的行保存到 {path}（{why}），请换一个文件夹。",
        ) from None
    return path
