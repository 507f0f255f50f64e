"""Checking and applying field edits, with every change written to the field history."""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from trustdesk.db.models import FieldChange
from trustdesk.domain.enums import LabeledEnum
from trustdesk.errors import ValidationError

E = TypeVar("E", bound=LabeledEnum)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def current_user() -> str:
    """Who is making changes: ``TRUSTDESK_USER`` or the login name."""
    try:
        return os.environ.get("TRUSTDESK_USER") or getpass.getuser()
    except (KeyError, OSError):
        return ""


def required_text(value: object, field: str, label: str, max_length: int) -> str:
    text = clean_text(value, field, label, max_length)
    if not text:
        raise ValidationError(f"{label} cannot be empty.", field)
    return text


def clean_text(value: object, field: str, label: str, max_length: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", field)
    text = value.strip()
    if len(text) > max_length:
        raise ValidationError(f"{label} is too long (at most {max_length} characters).", field)
    return text


def clean_email(value: object, field: str = "email") -> str:
    text = clean_text(value, field, "Email", 200)
    if text and not _EMAIL.match(text):
        raise ValidationError(f"{text!r} is not an email address.", field)
    return text


def clean_date(value: object, field: str, label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(f"{label} must be a date like 1980-05-17.", field) from None


def parse_enum(enum_cls: type[E], value: object, field: str) -> E:
    try:
        return enum_cls.parse(value)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValidationError(str(exc), field) from None


def check_known_fields(changes: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(unknown)}.", unknown[0])


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, LabeledEnum):
        return value.code
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def apply_changes(
    session: Session, record: Any, record_kind: str, values: Mapping[str, Any]
) -> set[str]:
    """Set checked ``values`` on ``record``; log each real change; return the changed fields."""
    changed: set[str] = set()
    for field, new in values.items():
        old = getattr(record, field)
        if old == new:
            continue
        setattr(record, field, new)
        changed.add(field)
        log_change(session, record_kind, record.id, field, old, new)
    return changed


def log_change(
    session: Session, record_kind: str, record_id: str, field: str, old: object, new: object
) -> None:
    """ACC-1: one row of field history (who changed what, from what, to what)."""
    session.add(
        FieldChange(
            record_kind=record_kind,
            record_id=record_id,
            field=field,
            old_value=_as_text(old),
            new_value=_as_text(new),
            changed_by=current_user(),
        )
    )
