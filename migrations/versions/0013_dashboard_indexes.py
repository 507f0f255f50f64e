"""indexes the dashboard and the at-risk scores read from (issue 15): who supports us at each
customer, the departed, each customer's stage history by time, customers by stage and tier

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_coverage",
            ["account_id", "departed", "attitude", "level", "deleted_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_contact_departed",
            ["account_id", "level", "name"],
            unique=False,
            sqlite_where=sa.text("departed AND deleted_at IS NULL"),
        )
    with op.batch_alter_table("stage_change", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stage_change_account_time", ["account_id", "changed_at", "to_stage"], unique=False
        )
        batch_op.create_index(
            "ix_stage_change_time",
            ["changed_at", "from_stage", "to_stage", "account_id"],
            unique=False,
        )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index(
            "ix_account_stage_tier", ["stage", "tier", "deleted_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_stage_tier")
    with op.batch_alter_table("stage_change", schema=None) as batch_op:
        batch_op.drop_index("ix_stage_change_time")
        batch_op.drop_index("ix_stage_change_account_time")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_departed")
        batch_op.drop_index("ix_contact_coverage")
