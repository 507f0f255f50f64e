"""intelligence notes found by the search box: note_fts (FTS5 over the notes' words)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 03:40:00

The table is filled by the index rebuild that follows every upgrade (``open_store``).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE note_fts USING fts5(tokens, note_id UNINDEXED, "
        "account_id UNINDEXED, tokenize='unicode61 remove_diacritics 0')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE note_fts")
