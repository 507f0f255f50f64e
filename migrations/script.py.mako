"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from trustdesk.db.sync_capture import refresh_triggers
${imports if imports else ""}

revision: str = ${repr(up_revision)}
down_revision: str | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}
    # OFF-3: every migration from 0016 on that adds, alters or rebuilds a table ends here.
    # The outbox's capture triggers are made from the model: a new table or column needs
    # its own, and a batch ALTER rebuilds its table and drops its triggers. Keep this line;
    # tests/sync/test_capture.py fails when a table or column of user data has no trigger.
    refresh_triggers(op.get_bind())


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
    refresh_triggers(op.get_bind())  # the same, back at the revision before this one
