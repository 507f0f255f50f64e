"""each customer's orders by day with their deleted mark in the index (DSH-1's repeat-purchase
rate reads 700,000 orders of a year from the index alone: 0.57 s to 0.11 s)

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-23 12:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_order_account")
        batch_op.create_index(
            "ix_sales_order_account", ["account_id", "ordered_on", "deleted_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_order_account")
        batch_op.create_index("ix_sales_order_account", ["account_id", "ordered_on"], unique=False)
