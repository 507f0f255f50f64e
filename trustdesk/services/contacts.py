"""Contacts inside an account (REL-1…REL-5): people, their roles, levels and reporting lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from trustdesk.db import search as index
from trustdesk.db.base import utcnow
from trustdesk.db.models import Contact, ContactRole, LevelChange, User
from trustdesk.domain.enums import Attitude, BuyingRole, ContactDepth, RelationshipLevel
from trustdesk.domain.names import pinyin_of, sort_key
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts
from trustdesk.services.fields import (
    apply_changes,
    check_known_fields,
    clean_date,
    clean_email,
    clean_text,
    current_user,
    log_change,
    parse_enum,
    required_text,
)
from trustdesk.services.indexing import index_contact
from trustdesk.services.records import ContactData, LevelChangeData, from_row
from trustdesk.services.tombstones import sync_link_rows

TEXT_FIELDS = {
    "pinyin": (("Pinyin", "拼音"), 240),
    "title": (("Title", "职务"), 120),
    "department": (("Department", "部门"), 120),
    "phone": (("Phone", "电话"), 60),
    "mobile": (("Mobile", "手机"), 60),
    "wechat": (("WeChat id", "微信号"), 100),
    "family_notes": (("Family notes", "家庭备注"), 20_000),
    "education_notes": (("Education notes", "教育备注"), 20_000),
    "notes": (("Notes", "备注"), 20_000),
}
NOTE_FIELDS = frozenset({"family_notes", "education_notes", "notes"})  # may keep newlines
EDITABLE = {
    "name",
    "email",
    "birthday",
    "reports_to_id",
    "departed",
    "level",
    "target_level",
    "depth",
    "attitude",
    "roles",
    "is_placeholder",
    *TEXT_FIELDS,
}


def to_data(contact: Contact) -> ContactData:
    roles = tuple(sorted((r.role for r in contact.roles), key=lambda r: r.position))
    return from_row(ContactData, contact, roles=roles)


def check_of_account(session: Session, account_id: str, contact_id: str | None) -> None:
    """A person named on a customer's record (a survey, a complaint) is one of its own,
    live people; None names nobody."""
    if not contact_id:
        return
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None or contact.account_id != account_id:
        raise ValidationError(
            f"Contact {contact_id} is not one of this customer's people.",
            "contact",
            zh=f"联系人 {contact_id} 不是该客户的人员。",
        )


def load(session: Session, contact_id: str) -> Contact:
    """The live contact with this id, or NotFoundError. A contact of a deleted customer is gone
    with it (from lists, search and maps), so it can be neither read nor changed until the
    customer is restored."""
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise NotFoundError(
            f"No contact with id {contact_id}.", zh=f"找不到编号为 {contact_id} 的联系人。"
        )
    if contact.account.deleted_at is not None:
        raise NotFoundError(
            f"Contact {contact_id} belongs to a deleted customer ({contact.account_id}); "
            "restore the customer first.",
            zh=f"联系人 {contact_id} 所属的客户（{contact.account_id}）已删除，请先恢复该客户。",
        )
    return contact


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field == "name":
            out[field] = required_text(value, "name", ("Contact name", "联系人姓名"), 120)
        elif field in TEXT_FIELDS:
            label, limit = TEXT_FIELDS[field]
            out[field] = clean_text(value, field, label, limit, multiline=field in NOTE_FIELDS)
        elif field == "email":
            out[field] = clean_email(value)
        elif field == "birthday":
            out[field] = clean_date(value, "birthday", ("Birthday", "生日"))
        elif field in ("departed", "is_placeholder"):
            out[field] = bool(value)
        elif field == "target_level":
            out[field] = (
                None if value in (None, "") else parse_enum(RelationshipLevel, value, field)
            )
        elif field == "depth":
            out[field] = None if value in (None, "") else parse_enum(ContactDepth, value, field)
        elif field == "attitude":
            out[field] = parse_enum(Attitude, value, field)
        elif field == "reports_to_id":
            out[field] = value or None
    return out


def _roles(values: Iterable[BuyingRole | str]) -> list[BuyingRole]:
    if isinstance(values, str):
        values = [values]
    roles: list[BuyingRole] = []
    for value in values:
        role = parse_enum(BuyingRole, value, "roles")
        if role not in roles:
            roles.append(role)
    return roles


def _check_reports_to(session: Session, contact: Contact, boss_id: str | None) -> None:
    """A contact reports to a live colleague in the same account, and no chain loops."""
    if boss_id is None:
        return
    boss = session.get(Contact, boss_id)
    if boss is None or boss.deleted_at is not None:
        raise ValidationError(
            f"No contact with id {boss_id} to report to.",
            "reports_to_id",
            zh=f"找不到编号为 {boss_id} 的上级。",
        )
    if boss.account_id != contact.account_id:
        raise ValidationError(
            f"{boss.name} works at another customer; pick someone from this one.",
            "reports_to_id",
            zh=f"{boss.name}属于另一个客户，请从本客户的人中选择上级。",
        )
    seen = {contact.id}
    step: Contact | None = boss
    while step is not None:
        if step.id in seen:
            raise ValidationError(
                f"{contact.name} cannot report to {boss.name}: the reporting line would loop.",
                "reports_to_id",
                zh=f"{contact.name}不能向{boss.name}汇报：汇报关系会形成循环。",
            )
        seen.add(step.id)
        step = session.get(Contact, step.reports_to_id) if step.reports_to_id else None


def _set_roles(session: Session, contact: Contact, roles: list[BuyingRole]) -> None:
    """Make the live roles exactly ``roles``: removed ones become tombstones, re-given ones are
    revived, so every laptop learns of the removal."""
    now = utcnow()
    rows = {row.role: row for row in contact.role_rows}
    for role in sync_link_rows(rows, roles, now):
        contact.role_rows.append(ContactRole(role=role, updated_at=now))
    session.flush()
    session.expire(contact, ["roles"])


def _record_level(
    session: Session,
    contact: Contact,
    from_level: RelationshipLevel | None,
    level: RelationshipLevel,
    reason: str,
) -> None:
    session.add(
        LevelChange(
            contact_id=contact.id,
            from_level=from_level,
            to_level=level,
            reason=reason,
            changed_by_id=current_user(session),
        )
    )
    contact.level = level


def create_contact(
    session: Session,
    account_id: str,
    name: str,
    *,
    level: RelationshipLevel | str = RelationshipLevel.NONE,
    roles: Iterable[BuyingRole | str] = (),
    **fields: Any,
) -> ContactData:
    """Add a person to an account. A level above *none* starts the level history."""
    accounts.load(session, account_id)
    check_known_fields(fields, EDITABLE - {"name", "level", "roles"})
    values = _clean({"name": name, **fields})
    first_level = parse_enum(RelationshipLevel, level, "level")
    if not values.get("pinyin"):
        values["pinyin"] = pinyin_of(values["name"])
    boss_id = values.pop("reports_to_id", None)
    contact = Contact(
        account_id=account_id, sort_key=sort_key(values["name"], person=True), **values
    )
    contact.level = RelationshipLevel.NONE
    if contact.departed:
        contact.departed_at = utcnow()
    session.add(contact)
    session.flush()
    _set_roles(session, contact, _roles(roles))
    _check_reports_to(session, contact, boss_id)
    contact.reports_to_id = boss_id
    if first_level is not RelationshipLevel.NONE:
        _record_level(session, contact, None, first_level, "")
    index_contact(session, contact)
    session.flush()
    return to_data(contact)


def update_contact(
    session: Session, contact_id: str, *, level_reason: str = "", **changes: Any
) -> ContactData:
    """Edit a contact; a level change is written to the level history with ``level_reason``."""
    check_known_fields(changes, EDITABLE)
    contact = load(session, contact_id)
    values = _clean({k: v for k, v in changes.items() if k not in ("level", "roles")})
    if "reports_to_id" in values:
        _check_reports_to(session, contact, values["reports_to_id"])
    if "name" in values and "pinyin" not in values and contact.pinyin == pinyin_of(contact.name):
        values["pinyin"] = pinyin_of(values["name"])
    if values.get("departed") and not contact.departed:
        contact.departed_at = utcnow()
    elif "departed" in values and not values["departed"]:
        contact.departed_at = None
    changed = apply_changes(session, contact, "contact", values)
    if "roles" in changes:
        old = [r.role for r in contact.roles]
        new = _roles(changes["roles"])
        if set(old) != set(new):
            _set_roles(session, contact, new)
            log_change(
                session,
                "contact",
                contact.id,
                "roles",
                ", ".join(r.code for r in old),
                ", ".join(r.code for r in new),
            )
            changed.add("roles")
    if "level" in changes:
        level = parse_enum(RelationshipLevel, changes["level"], "level")
        if level is not contact.level:
            why = clean_text(level_reason, "level", ("Reason", "原因"), 2000, multiline=True)
            _record_level(session, contact, contact.level, level, why)
            changed.add("level")
    if "name" in changed:
        contact.sort_key = sort_key(contact.name, person=True)
    if changed:
        contact.updated_at = utcnow()
    if changed & {"name", "pinyin"}:
        index_contact(session, contact)
    session.flush()
    return to_data(contact)


def set_level(
    session: Session, contact_id: str, level: RelationshipLevel | str, reason: str = ""
) -> ContactData:
    """REL-3: move a relationship to another level; the move is kept as history."""
    return update_contact(session, contact_id, level=level, level_reason=reason)


def level_history(session: Session, contact_id: str) -> list[LevelChangeData]:
    """The contact's level changes, newest first."""
    load(session, contact_id)
    rows = session.execute(
        select(LevelChange, func.coalesce(User.name, ""))
        .outerjoin(User, User.id == LevelChange.changed_by_id)
        .where(LevelChange.contact_id == contact_id)
        .order_by(LevelChange.changed_at.desc(), LevelChange.id.desc())
    )
    return [from_row(LevelChangeData, r, changed_by=name) for r, name in rows]


def delete_contact(session: Session, contact_id: str) -> None:
    """Soft delete; people who reported to this contact now report to nobody."""
    contact = load(session, contact_id)
    contact.deleted_at = utcnow()
    for report in session.scalars(select(Contact).where(Contact.reports_to_id == contact.id)):
        apply_changes(session, report, "contact", {"reports_to_id": None})
    index.remove_records(session, [("contact", contact.id)])
    session.flush()


def get_contact(session: Session, contact_id: str) -> ContactData:
    return to_data(load(session, contact_id))


def list_contacts(session: Session, account_id: str) -> list[ContactData]:
    """The account's live contacts in name order (Chinese names by pinyin)."""
    accounts.load(session, account_id)
    rows = session.scalars(
        select(Contact)
        .where(Contact.account_id == account_id, Contact.deleted_at.is_(None))
        .options(selectinload(Contact.roles))
        .order_by(Contact.sort_key)
    )
    return [to_data(c) for c in rows]


@dataclass(frozen=True, slots=True)
class ContactForm:
    """What the contact dialog needs in one read."""

    contact: ContactData | None  # None: a new contact
    colleagues: list[ContactData]  # who the person may report to
    level_history: list[LevelChangeData]


def contact_form(session: Session, account_id: str, contact_id: str | None) -> ContactForm:
    contact = get_contact(session, contact_id) if contact_id else None
    colleagues = [c for c in list_contacts(session, account_id) if c.id != contact_id]
    history = level_history(session, contact_id) if contact_id else []
    return ContactForm(contact, colleagues, history)
