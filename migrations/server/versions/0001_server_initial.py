"""the team server's first schema: the change log, the head of each field, conflicts, devices

Revision ID: 0001
Revises:
Create Date: 2026-11-23 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("op_id", sa.Text(), nullable=False),
        sa.Column("device_id", sa.Text(), nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("value", postgresql.JSONB(), nullable=False),
        sa.Column("hlc", sa.Text(), nullable=False),
        sa.Column("base_op", sa.Text(), nullable=True),
        sa.Column("seen_seq", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("pushed_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
        sa.UniqueConstraint("op_id", name=op.f("uq_change_log_op_id")),
    )
    op.create_index("ix_change_log_field", "change_log", ["table_name", "record_id", "field"])
    op.create_table(
        "field_state",
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("head_op", sa.Text(), nullable=False),
        sa.Column("value", postgresql.JSONB(), nullable=False),
        sa.Column("hlc", sa.Text(), nullable=False),
        sa.Column("device_id", sa.Text(), nullable=False),
        sa.Column("head_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", "field", name=op.f("pk_field_state")),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("kind", sa.Text(), server_default=sa.text("'field'"), nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("winner_op", sa.Text(), nullable=False),
        sa.Column("loser_op", sa.Text(), nullable=False),
        sa.Column("winner_value", postgresql.JSONB(), nullable=False),
        sa.Column("loser_value", postgresql.JSONB(), nullable=False),
        sa.Column("winner_device", sa.Text(), nullable=False),
        sa.Column("loser_device", sa.Text(), nullable=False),
        sa.Column("winner_hlc", sa.Text(), nullable=False),
        sa.Column("loser_hlc", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.Column("resolved_by_op", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
        sa.UniqueConstraint("winner_op", "loser_op", name="uq_conflict_pair"),
    )
    op.create_index(
        "ix_conflict_open",
        "conflict",
        ["table_name", "record_id"],
        postgresql_where=sa.text("resolved_by_op IS NULL"),
    )
    op.create_table(
        "device",
        sa.Column("device_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_push_seq", sa.BigInteger(), nullable=True),
        sa.Column("last_pull_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device")),
    )


def downgrade() -> None:
    op.drop_table("device")
    op.drop_index("ix_conflict_open", table_name="conflict")
    op.drop_table("conflict")
    op.drop_table("field_state")
    op.drop_index("ix_change_log_field", table_name="change_log")
    op.drop_table("change_log")
