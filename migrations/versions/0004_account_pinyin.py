"""a hand-corrected pinyin for individual customers; the list order's index ends with the id

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 01:20:00

The search index's spellings changed too (surname readings, every reading of polyphonic
characters, traditional folded to simplified): ``trustdesk db reindex`` rebuilds it for a
database made before this revision.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("account") as batch_op:
        batch_op.add_column(
            sa.Column("pinyin", sa.String(length=240), nullable=False, server_default="")
        )
    # Keyset pages order by (sort_key, id): with the id in the index no page sorts.
    op.drop_index("ix_account_live_sort", table_name="account")
    op.create_index("ix_account_live_sort", "account", ["deleted_at", "sort_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_account_live_sort", table_name="account")
    op.create_index("ix_account_live_sort", "account", ["deleted_at", "sort_key"])
    with op.batch_alter_table("account") as batch_op:
        batch_op.drop_column("pinyin")
