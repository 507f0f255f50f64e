"""the log's ops by the op they were built on: "which edit superseded this one" (the accounting
of every op, the history of a field) is an index seek, not a scan of the whole log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_change_log_base_op",
        "change_log",
        ["base_op"],
        postgresql_where=sa.text("base_op IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_change_log_base_op", table_name="change_log")
