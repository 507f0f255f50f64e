"""What an import would do, row by row, before anything is written: each row's person and
customer fields checked, the customer it belongs to, and the record already in the database
(or earlier in the file) it seems to duplicate. The wizard shows this; the importer applies it
inside its transaction, so what is shown is what is written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from trustdesk.db.prepared import run
from trustdesk.domain.duplicates import email_key, name_key, phone_key, pinyin_key
from trustdesk.domain.enums import LabeledEnum
from trustdesk.domain.names import has_cjk, pinyin_of
from trustdesk.errors import TrustDeskError
from trustdesk.services import accounts as account_rules
from trustdesk.services import contacts as contact_rules
from trustdesk.services.importing.mapping import ImportField, Mapping, check_mapping
from trustdesk.services.importing.table import SourceRow, SourceTable, UnreadRow
from trustdesk.services.progress import Progress


class Decision(LabeledEnum):
    """What to do with a row that seems to be someone already there. Never decided by the
    program: ``SKIP`` unless the user chooses."""

    SKIP = ("skip", "跳过", "Skip")
    UPDATE = ("update", "用文件的值更新", "Update from the file")
    MERGE = ("merge", "合并（只补空白）", "Merge (fill blanks)")
    NEW = ("new", "另建一条", "Import as new")


class MatchReason(LabeledEnum):
    SAME_PHONE = ("same-phone", "电话相同", "same phone")
    SAME_EMAIL = ("same-email", "邮箱相同", "same email")
    SAME_NAME = ("same-name", "同一客户中姓名相同", "same name at the same customer")
    SOUNDS_SAME = ("sounds-same", "同一客户中姓名读音相同", "name sounds the same at the customer")
    SAME_CUSTOMER = ("same-customer", "客户名称相同", "same customer name")


class NoCustomer(LabeledEnum):
    """What becomes of a person whose row names no customer (a phone's private contacts)."""

    INDIVIDUAL = ("individual", "作为个人客户导入", "Import as an individual customer")
    SKIP = ("skip", "不导入", "Do not import")


@dataclass(frozen=True, slots=True)
class Match:
    reason: MatchReason
    record_id: str | None  # the contact (or, for a customer-only row, the customer) in the db
    name: str
    customer: str
    line: int | None = None  # set when the duplicate is an earlier row of the same file


@dataclass(frozen=True, slots=True)
class PlannedRow:
    line: int
    person: dict[str, Any]  # the contact's fields, checked (empty: a customer-only row)
    customer: dict[str, Any]  # the customer's fields from the file ("name" may be "")
    account_id: str | None  # the customer already in the database (None: made by the import)
    customer_key: str  # which customer made by this import (shared by rows of one company)
    match: Match | None


@dataclass(slots=True)
class ImportPlan:
    headers: list[str]
    rows: list[PlannedRow] = field(default_factory=list)
    rejected: list[UnreadRow] = field(default_factory=list)

    @property
    def duplicates(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.match is not None]

    @property
    def new_customers(self) -> int:
        return len({r.customer_key for r in self.rows if r.account_id is None and r.match is None})


class RowError(TrustDeskError):
    """Why one row cannot be imported (it is listed, the others go on)."""


_PERSON_FIELDS = {
    ImportField.TITLE: "title",
    ImportField.DEPARTMENT: "department",
    ImportField.MOBILE: "mobile",
    ImportField.PHONE: "phone",
    ImportField.EMAIL: "email",
    ImportField.WECHAT: "wechat",
    ImportField.NOTES: "notes",
}
_CUSTOMER_FIELDS = {
    ImportField.REGION: "region",
    ImportField.ADDRESS: "address",
    ImportField.INDUSTRY: "industry",
    ImportField.CUSTOMER_PHONE: "phone",
    ImportField.WEBSITE: "website",
}
_EXTRA_LABELS = {
    ImportField.OTHER_PHONES: ("Other phones", "其他电话"),
    ImportField.OTHER_EMAILS: ("Other emails", "其他邮箱"),
    ImportField.PERSON_ADDRESS: ("Address", "地址"),
}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_birthday(text: str) -> date | None:
    """1980-05-17, 1980/5/17, 1980.5.17, 1980年5月17日, 19800517 (None when empty)."""
    text = text.strip()
    if not text:
        return None
    found = _DATE.match(text) or _COMPACT_DATE.match(text)
    if found:
        try:
            return date(*(int(part) for part in found.groups()))
        except ValueError:
            pass
    raise RowError(
        f"The birthday {text!r} is not a date (write it like 1980-05-17).",
        zh=f"生日“{text}”不是有效日期（请写成 1980-05-17 这样）。",
    )


def _full_name(values: dict[ImportField, list[str]]) -> str:
    name = " ".join(values.get(ImportField.NAME, []))
    if name:
        return name
    family = " ".join(values.get(ImportField.FAMILY_NAME, []))
    given = " ".join(values.get(ImportField.GIVEN_NAME, []))
    if has_cjk(family + given):
        return family + given
    return " ".join(p for p in (given, family) if p)


def _values(row: SourceRow, mapping: Mapping) -> dict[ImportField, list[str]]:
    out: dict[ImportField, list[str]] = {}
    for target, cell in zip(mapping, row.cells, strict=False):
        if target is not ImportField.IGNORE and cell:
            out.setdefault(target, []).append(cell)
    return out


def row_fields(row: SourceRow, mapping: Mapping, lang: str) -> tuple[dict, dict]:
    """(person fields, customer fields) of one row, checked as the contact and customer
    forms check them; raises ``RowError`` or ``ValidationError`` for a row that cannot be
    imported."""
    values = _values(row, mapping)
    name = _full_name(values)
    customer: dict[str, Any] = {"name": " ".join(values.get(ImportField.CUSTOMER, []))}
    for source, target in _CUSTOMER_FIELDS.items():
        if source in values:
            customer[target] = " ".join(values[source])
    company = customer.pop("name")
    customer = account_rules._clean(customer)
    customer["name"] = account_rules._clean({"name": company})["name"] if company else ""
    if not name:
        if not customer["name"]:
            raise RowError(
                "The row has neither a person's name nor a customer's name.",
                zh="这一行既没有姓名也没有客户名称。",
            )
        return {}, customer
    person: dict[str, Any] = {"name": name}
    for source, target in _PERSON_FIELDS.items():
        if source in values:
            person[target] = "\n".join(values[source]) if target == "notes" else values[source][0]
    zh = lang.startswith("zh")
    extras = [
        f"{_EXTRA_LABELS[source][1 if zh else 0]}: {'; '.join(values[source])}"
        for source in _EXTRA_LABELS
        if source in values
    ]
    birthday = " ".join(values.get(ImportField.BIRTHDAY, []))
    if birthday.startswith("--"):  # a month and day without the year (vCard 4, phones)
        extras.append(f"{'生日（月-日）' if zh else 'Birthday (month-day)'}: {birthday[2:]}")
        birthday = ""
    if extras:
        person["notes"] = "\n".join([person.get("notes", ""), *extras]).strip()
    person = contact_rules._clean(person)
    person["birthday"] = parse_birthday(birthday)
    person["pinyin"] = pinyin_of(person["name"])
    return person, customer


@dataclass(slots=True)
class _Known:
    """Keys of what is in the database (and of the file's rows already planned)."""

    by_phone: dict[str, tuple[str | None, str, str, int | None]] = field(default_factory=dict)
    by_email: dict[str, tuple[str | None, str, str, int | None]] = field(default_factory=dict)
    by_name: dict[tuple[str, str], tuple[str | None, str, str, int | None]] = field(
        default_factory=dict
    )
    by_sound: dict[tuple[str, str], tuple[str | None, str, str, int | None]] = field(
        default_factory=dict
    )
    accounts: dict[str, tuple[str, str]] = field(default_factory=dict)  # name key → (id, name)
    loaded_people_of: set[str] = field(default_factory=set)
    customer_rows: dict[str, int] = field(default_factory=dict)  # owner → its first row's line


_LIVE_ACCOUNTS = "SELECT id, name FROM account WHERE deleted_at IS NULL AND kind = 'company'"
_CONTACT_CHANNELS = (
    "SELECT c.id, c.name, a.name, c.phone, c.mobile, c.email FROM contact c "
    "JOIN account a ON a.id = c.account_id WHERE c.deleted_at IS NULL "
    "AND (c.phone != '' OR c.mobile != '' OR c.email != '')"
)
_PEOPLE_OF = (
    "SELECT c.id, c.name, c.pinyin, a.name FROM contact c JOIN account a ON a.id = c.account_id "
    "WHERE c.account_id = :account_id AND c.deleted_at IS NULL"
)


def _load_known(session: Session) -> _Known:
    known = _Known()
    for account_id, name in run(session, _LIVE_ACCOUNTS, []):
        known.accounts.setdefault(name_key(name), (account_id, name))
    for contact_id, name, customer, phone, mobile, email in run(session, _CONTACT_CHANNELS, []):
        entry = (contact_id, name, customer, None)
        for number in (mobile, phone):
            key = phone_key(number) if number else ""
            if key:
                known.by_phone.setdefault(key, entry)
        key = email_key(email) if email else ""
        if key:
            known.by_email.setdefault(key, entry)
    return known


def _people_of(session: Session, known: _Known, account_id: str) -> None:
    if account_id in known.loaded_people_of:
        return
    known.loaded_people_of.add(account_id)
    for contact_id, name, pinyin, customer in run(session, _PEOPLE_OF, {"account_id": account_id}):
        entry = (contact_id, name, customer, None)
        known.by_name.setdefault((account_id, name_key(name)), entry)
        sound = pinyin_key(name, spelled=pinyin or None)
        if sound and sound != name_key(name):
            known.by_sound.setdefault((account_id, sound), entry)


def _phones(person: dict[str, Any]) -> list[str]:
    numbers = [person.get("mobile", ""), person.get("phone", "")]
    for line in person.get("notes", "").splitlines():  # the other phones, kept in the notes
        if line.startswith(("Other phones:", "其他电话:")):
            numbers += line.split(":", 1)[1].split(";")
    return [k for k in (phone_key(n) for n in numbers if n) if k]


@dataclass(frozen=True, slots=True)
class _Keys:
    phones: list[str]
    email: str
    name: str
    sound: str  # "" when the name has no Chinese reading of its own

    @classmethod
    def of(cls, person: dict[str, Any]) -> _Keys:
        name = name_key(person["name"])
        sound = pinyin_key(person["name"], spelled=person.get("pinyin", ""))
        return cls(_phones(person), email_key(person.get("email", "")), name,
                   "" if sound == name else sound)  # fmt: skip


def _find_match(known: _Known, keys: _Keys, owner: str) -> Match | None:
    for key in keys.phones:
        if key in known.by_phone:
            return _match(MatchReason.SAME_PHONE, known.by_phone[key])
    if keys.email and keys.email in known.by_email:
        return _match(MatchReason.SAME_EMAIL, known.by_email[keys.email])
    if (owner, keys.name) in known.by_name:
        return _match(MatchReason.SAME_NAME, known.by_name[(owner, keys.name)])
    if keys.sound and (owner, keys.sound) in known.by_sound:
        return _match(MatchReason.SOUNDS_SAME, known.by_sound[(owner, keys.sound)])
    return None


def _match(reason: MatchReason, entry: tuple[str | None, str, str, int | None]) -> Match:
    record_id, name, customer, line = entry
    return Match(reason, record_id, name, customer, line)


def _note_planned(
    known: _Known, keys: _Keys, name: str, owner: str, line: int, customer: str
) -> None:
    entry = (None, name, customer, line)
    for key in keys.phones:
        known.by_phone.setdefault(key, entry)
    if keys.email:
        known.by_email.setdefault(keys.email, entry)
    known.by_name.setdefault((owner, keys.name), entry)
    if keys.sound:
        known.by_sound.setdefault((owner, keys.sound), entry)


def plan_import(
    session: Session,
    table: SourceTable,
    mapping: Mapping,
    *,
    no_customer: NoCustomer = NoCustomer.INDIVIDUAL,
    lang: str = "en",
    progress: Progress | None = None,
) -> ImportPlan:
    """Every row's fate, nothing written. Rows the reader could not read are rejected with
    the reader's reason; so are rows whose fields fail the forms' checks."""
    check_mapping(table.headers, mapping)
    plan = ImportPlan(list(table.headers), rejected=list(table.unread))
    known = _load_known(session)
    for number, row in enumerate(table.rows):
        if progress is not None and number % 2000 == 0:
            progress.step(number, len(table.rows))
        try:
            person, customer = row_fields(row, mapping, lang)
        except TrustDeskError as error:
            plan.rejected.append(_rejected(row, error))
            continue
        planned = _plan_row(session, known, row, person, customer, no_customer)
        if planned is None:
            plan.rejected.append(
                UnreadRow(
                    row.line,
                    ",".join(row.cells),
                    "The row names no customer (choose to import such people as individuals).",
                    "这一行没有客户名称（可选择把这样的人作为个人客户导入）。",
                )
            )
            continue
        plan.rows.append(planned)
    plan.rejected.sort(key=lambda r: r.line)
    return plan


def _plan_row(
    session: Session,
    known: _Known,
    row: SourceRow,
    person: dict[str, Any],
    customer: dict[str, Any],
    no_customer: NoCustomer,
) -> PlannedRow | None:
    company = customer["name"]
    if not company and no_customer is NoCustomer.SKIP:
        return None
    existing = known.accounts.get(name_key(company)) if company else None
    account_id = existing[0] if existing else None
    shown = existing[1] if existing else company or person["name"]
    # An individual customer is the person: one per row; a company's rows share one.
    owner = account_id or (f"new:{name_key(company)}" if company else f"person:{row.line}")
    if not person:  # a customer-only row
        match = None
        if existing:
            match = Match(MatchReason.SAME_CUSTOMER, account_id, existing[1], existing[1])
        elif owner in known.customer_rows:
            line = known.customer_rows[owner]
            match = Match(MatchReason.SAME_CUSTOMER, None, company, company, line)
        known.customer_rows.setdefault(owner, row.line)
        return PlannedRow(row.line, {}, customer, account_id, owner, match)
    if account_id is not None:
        _people_of(session, known, account_id)
    keys = _Keys.of(person)
    match = _find_match(known, keys, owner)
    if match is None:
        _note_planned(known, keys, person["name"], owner, row.line, shown)
        known.customer_rows.setdefault(owner, row.line)
    return PlannedRow(row.line, person, customer, account_id, owner, match)


def _rejected(row: SourceRow, error: TrustDeskError) -> UnreadRow:
    return UnreadRow(row.line, ",".join(row.cells), error.message, error.zh)


def lines(rows: Iterable[PlannedRow]) -> list[int]:
    return [r.line for r in rows]
