"""The one declarative base, id and timestamp conventions shared by every table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, overload

from sqlalchemy import DateTime, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from ulid import ULID

# Deterministic constraint names, so alembic's batch mode on SQLite can find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A ULID: unique across laptops (merging with a team server needs no renumbering) and
    sortable by creation time."""
    return str(ULID())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and returns them aware (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; TrustDesk stores UTC-aware datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], Any] | None:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        return utc_moment  # SQLite's text straight to an aware datetime (see utc_moment)


@overload
def utc_moment(value: str | datetime) -> datetime: ...
@overload
def utc_moment(value: None) -> None: ...
@overload
def utc_moment(value: str | datetime | None) -> datetime | None: ...


def utc_moment(value: str | datetime | None) -> datetime | None:
    """A stored moment (SQLite text, UTC without a zone; or a datetime) as an aware UTC
    datetime.

    One parse with the zone appended: SQLAlchemy's parse followed by ``replace(tzinfo=UTC)``
    cost 0.85 µs a value (``replace`` alone 0.75), this 0.14 — a page of 200 customers holds
    400 moments."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value + "+00:00")
        except ValueError:  # text with a zone of its own
            value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def calendar_day(value: str | None) -> date | None:
    """A stored day (SQLite text) as a date."""
    return None if value is None else date.fromisoformat(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


IdColumn = String(26)


class Entity:
    """Columns every piece of user data has: ULID key, UTC timestamps, soft-delete marker."""

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
