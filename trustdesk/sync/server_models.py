"""The team server's tables (PostgreSQL only), on their own declarative base.

The server never holds the laptops' record tables: it holds the log of every field edit
pushed to it and what follows from that log.

- ``change_log``: every op ever pushed, once (``op_id`` is unique, so a resent op is
  ignored), numbered by the server's sequence ``seq``; laptops pull after their last ``seq``.
- ``field_state``: the head op of each field (table, record, field): its value, its HLC
  and the device that wrote it. A pushed op whose ``base_op`` is the head becomes the head.
- ``conflict``: two ops on one field where neither was built on the other; both values,
  both devices and both clocks are kept until an edit resolves it (``resolved_by_op``).
- ``device``: each laptop that has pushed or pulled, with its cursors.

Kept apart from ``db.models.Base`` so the laptop's SQLite schema and migrations never see
these tables, and the server's alembic environment (``migrations/server``) sees only these.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, Index, MetaData, Text, UniqueConstraint
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from trustdesk.db.base import NAMING_CONVENTION

# The server's alembic version table: named for what it is, and apart from a laptop's
# ``alembic_version`` should both ever share one PostgreSQL database.
VERSION_TABLE = "server_schema_version"


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _now() -> Any:
    return sql("now()")


class ChangeLog(ServerBase):
    """One field edit as a laptop pushed it. ``value`` is JSON (``null`` for an emptied
    field); ``hlc`` is the hybrid logical clock as text that sorts in clock order."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_field", "table_name", "record_id", "field"),
        Index("ix_change_log_base_op", "base_op", postgresql_where=sql("base_op IS NOT NULL")),
    )

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=False), primary_key=True)
    op_id: Mapped[str] = mapped_column(Text, unique=True)
    device_id: Mapped[str] = mapped_column(Text)
    table_name: Mapped[str] = mapped_column(Text)
    record_id: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(Text)
    value: Mapped[Any] = mapped_column(JSONB)
    hlc: Mapped[str] = mapped_column(Text)
    base_op: Mapped[str | None] = mapped_column(Text)
    # The server sequence the laptop had pulled when the edit was made: a delete of the
    # record pushed after that by another laptop was not seen, so the two conflict.
    seen_seq: Mapped[int] = mapped_column(BigInteger, server_default=sql("0"))
    pushed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=_now())


class FieldState(ServerBase):
    """The current value of one field on the server: the head of its chain of edits."""

    __tablename__ = "field_state"

    table_name: Mapped[str] = mapped_column(Text, primary_key=True)
    record_id: Mapped[str] = mapped_column(Text, primary_key=True)
    field: Mapped[str] = mapped_column(Text, primary_key=True)
    head_op: Mapped[str] = mapped_column(Text)
    value: Mapped[Any] = mapped_column(JSONB)
    hlc: Mapped[str] = mapped_column(Text)
    device_id: Mapped[str] = mapped_column(Text)
    head_seq: Mapped[int] = mapped_column(BigInteger)  # the head's place in the log


class Conflict(ServerBase):
    """Two concurrent edits of one field: the deterministic winner (by HLC, then device id)
    and the loser, each with its value, device and clock. Open while ``resolved_by_op`` is
    null; resolving is a new edit like any other, named here once it is pushed."""

    __tablename__ = "conflict"
    __table_args__ = (
        UniqueConstraint("winner_op", "loser_op", name="uq_conflict_pair"),
        Index(
            "ix_conflict_open",
            "table_name",
            "record_id",
            postgresql_where=sql("resolved_by_op IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=False), primary_key=True)
    # ``field``: one field edited on two laptops; ``delete``: a delete against an edit (the
    # record is kept: the delete is the loser, ``field`` is ``deleted_at``).
    kind: Mapped[str] = mapped_column(Text, server_default=sql("'field'"))
    table_name: Mapped[str] = mapped_column(Text)
    record_id: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(Text)
    winner_op: Mapped[str] = mapped_column(Text)
    loser_op: Mapped[str] = mapped_column(Text)
    winner_value: Mapped[Any] = mapped_column(JSONB)
    loser_value: Mapped[Any] = mapped_column(JSONB)
    winner_device: Mapped[str] = mapped_column(Text)
    loser_device: Mapped[str] = mapped_column(Text)
    winner_hlc: Mapped[str] = mapped_column(Text)
    loser_hlc: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    resolved_by_op: Mapped[str | None] = mapped_column(Text)


class Device(ServerBase):
    """A laptop known to the server, with how far it has pushed and pulled (server ``seq``)."""

    __tablename__ = "device"

    device_id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=_now())
    last_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_push_seq: Mapped[int | None] = mapped_column(BigInteger)
    last_pull_seq: Mapped[int | None] = mapped_column(BigInteger)


__all__ = ["VERSION_TABLE", "ChangeLog", "Conflict", "Device", "FieldState", "ServerBase"]
