"""OFF-3: this laptop's sync state, the marks of edited records, their shadows, the outbox of
sealed ops and the copy of the server's conflicts; the capture triggers; every existing record
marked, so a first sync sends what the laptop already holds (the built-in rows every laptop
makes itself are registered as a shared starting point instead)

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-23 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from trustdesk.db.sync_capture import drop_triggers, mark_all, refresh_triggers, register_seeds

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=26), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("home", sa.Text(), nullable=True),
        sa.Column("clock", sa.String(length=64), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("server", sa.String(length=300), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_mark",
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("edited_ms", sa.Integer(), nullable=False),
        sa.Column("seen_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_mark")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "sync_shadow",
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_shadow")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op_id", sa.String(length=26), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("base_op", sa.String(length=26), nullable=True),
        sa.Column("seen_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("op_id", name=op.f("uq_outbox_op_id")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("winner_op", sa.String(length=26), nullable=False),
        sa.Column("loser_op", sa.String(length=26), nullable=False),
        sa.Column("winner_value", sa.Text(), nullable=False),
        sa.Column("loser_value", sa.Text(), nullable=False),
        sa.Column("winner_device", sa.String(length=100), nullable=False),
        sa.Column("loser_device", sa.String(length=100), nullable=False),
        sa.Column("winner_hlc", sa.String(length=64), nullable=False),
        sa.Column("loser_hlc", sa.String(length=64), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by_op", sa.String(length=26), nullable=True),
        sa.Column("resolution_sent", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    refresh_triggers(op.get_bind())
    register_seeds(op.get_bind())
    mark_all(op.get_bind())


def downgrade() -> None:
    drop_triggers(op.get_bind())
    for table in ("sync_conflict", "outbox", "sync_shadow", "sync_mark", "sync_state"):
        op.drop_table(table)
