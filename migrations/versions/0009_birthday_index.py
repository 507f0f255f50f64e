"""birthdays coming up read from an index: contact.birthday_md (virtual, "MM-DD")

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 04:05:00

A virtual generated column (computed by SQLite, stored nowhere) and its index, so the
reminders of the next days are a few index lookups instead of a scan of every contact.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "contact",
        sa.Column(
            "birthday_md",
            sa.String(length=5),
            sa.Computed("substr(birthday, 6, 5)", persisted=False),
            nullable=True,
        ),
    )
    op.create_index("ix_contact_birthday_md", "contact", ["birthday_md"])


def downgrade() -> None:
    op.drop_index("ix_contact_birthday_md", table_name="contact")
    with op.batch_alter_table("contact") as batch_op:
        batch_op.drop_column("birthday_md")
