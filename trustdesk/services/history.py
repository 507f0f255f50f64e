"""What happened to one record, newest first: stage or level moves and every field edit.

The stage and level histories have their own tables (they carry a reason); plain field edits
are ``FieldChange`` rows written by ``fields.log_change``. A reader of a customer's story wants
them as one timeline, so this module merges them into plain ``HistoryEntry`` records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustdesk.db.models import FieldChange, User
from trustdesk.domain.enums import LostReason
from trustdesk.services import accounts, contacts


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change. ``kind`` is ``stage``, ``level`` or ``field``; values are stored codes/text
    (enum codes, ISO dates, comma-separated tags or roles), ``None`` when there was none."""

    kind: str
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    lost_reason: LostReason | None
    changed_at: datetime
    changed_by: str
    id: str


def _field_changes(session: Session, record_kind: str, record_id: str) -> list[HistoryEntry]:
    rows = session.execute(
        select(FieldChange, func.coalesce(User.name, ""))
        .outerjoin(User, User.id == FieldChange.changed_by_id)
        .where(FieldChange.record_kind == record_kind, FieldChange.record_id == record_id)
    )
    return [
        HistoryEntry(
            kind="field",
            field=r.field,
            old_value=r.old_value,
            new_value=r.new_value,
            reason="",
            lost_reason=None,
            changed_at=r.changed_at,
            changed_by=name,
            id=r.id,
        )
        for r, name in rows
    ]


def _newest_first(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    return sorted(entries, key=lambda e: (e.changed_at, e.id), reverse=True)


def account_history(session: Session, account_id: str) -> list[HistoryEntry]:
    """The customer's stage moves and field edits, newest first (NotFoundError if unknown)."""
    stages = [
        HistoryEntry(
            kind="stage",
            field="stage",
            old_value=h.from_stage.code if h.from_stage else None,
            new_value=h.to_stage.code,
            reason=h.reason,
            lost_reason=h.lost_reason,
            changed_at=h.changed_at,
            changed_by=h.changed_by,
            id=h.id,
        )
        for h in accounts.stage_history(session, account_id)
    ]
    return _newest_first(stages + _field_changes(session, "account", account_id))


def contact_history(session: Session, contact_id: str) -> list[HistoryEntry]:
    """The contact's level moves and field edits, newest first (NotFoundError if unknown)."""
    levels = [
        HistoryEntry(
            kind="level",
            field="level",
            old_value=h.from_level.code if h.from_level else None,
            new_value=h.to_level.code,
            reason=h.reason,
            lost_reason=None,
            changed_at=h.changed_at,
            changed_by=h.changed_by,
            id=h.id,
        )
        for h in contacts.level_history(session, contact_id)
    ]
    return _newest_first(levels + _field_changes(session, "contact", contact_id))
