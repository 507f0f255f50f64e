"""indexes for the Visits section at scale: open next steps, cooling people

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 03:50:00

- ``ix_visit_open_steps`` (partial: open, undeleted next steps) replaces ``ix_visit_next_due``,
  which held every visit (most have no next step, or a done one);
- ``ix_contact_depth_touch`` and the partial ``ix_contact_untouched`` read the coldest people
  of each planned contact depth without scanning every contact.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_visit_next_due", table_name="visit")
    op.create_index(
        "ix_visit_open_steps",
        "visit",
        ["next_due"],
        sqlite_where=sa.text("next_done_at IS NULL AND next_step != '' AND deleted_at IS NULL"),
    )
    op.create_index(
        "ix_contact_depth_touch",
        "contact",
        ["depth", "last_touch_at"],
        sqlite_where=sa.text("last_touch_at IS NOT NULL"),
    )
    op.create_index(
        "ix_contact_untouched",
        "contact",
        ["depth", "created_at"],
        sqlite_where=sa.text("last_touch_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_contact_untouched", table_name="contact")
    op.drop_index("ix_contact_depth_touch", table_name="contact")
    op.drop_index("ix_visit_open_steps", table_name="visit")
    op.create_index("ix_visit_next_due", "visit", ["next_due"])
