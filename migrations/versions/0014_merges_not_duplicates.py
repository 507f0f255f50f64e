"""merges of duplicate people and customers, recorded so they can be undone, and the pairs
the user said are not duplicates (issue 16)

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-23 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _kind() -> sa.Enum:
    return sa.Enum("contact", "account", name="duplicatekind", native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "merge_record",
        sa.Column("kind", _kind(), nullable=False),
        sa.Column("kept_id", sa.String(length=26), nullable=False),
        sa.Column("merged_id", sa.String(length=26), nullable=False),
        sa.Column("kept_before", sa.JSON(), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.String(length=26), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["app_user.id"],
            name=op.f("fk_merge_record_created_by_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_record")),
    )
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.create_index("ix_merge_record_kept", ["kept_id"], unique=False)
        batch_op.create_index("ix_merge_record_merged", ["merged_id"], unique=False)

    op.create_table(
        "not_duplicate",
        sa.Column("kind", _kind(), nullable=False),
        sa.Column("first_id", sa.String(length=26), nullable=False),
        sa.Column("second_id", sa.String(length=26), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.String(length=26), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["app_user.id"],
            name=op.f("fk_not_duplicate_decided_by_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("kind", "first_id", "second_id", name=op.f("pk_not_duplicate")),
    )


def downgrade() -> None:
    op.drop_table("not_duplicate")
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.drop_index("ix_merge_record_merged")
        batch_op.drop_index("ix_merge_record_kept")
    op.drop_table("merge_record")
