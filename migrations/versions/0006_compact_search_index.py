"""a smaller search index: contentless FTS tables without positions, prefixes instead of terms

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 02:50:00

``search_term`` (every whole term and suffix of every spelling, plus an index on its doc id:
half the index) becomes ``search_prefix``, an FTS5 table of the 1–2 character prefixes that
short queries compare (detail none: a doclist of ids per token). ``search_fts`` holds no copy
of its text (``content=''``) and no positions (detail none: a substring is checked with
``instr`` on the rebuilt text); triggers build the text from ``search_doc``'s columns, whose
``fts_text`` gives way to ``alts`` (the other readings only); the name, detail and sort key
it copied from the records are read from them instead. ``search_account`` holds each
customer's prefixes with its people's, so the customer list tests a customer in one seek.
The index starts empty; opening the file rebuilds it (``open_store`` after a migration, or ``trustdesk db reindex``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = ("search_doc_ai", "search_doc_ad", "search_doc_au")
_FTS_NEW = "new.norm_name || ' | ' || new.pinyin || ' | ' || new.initials || new.alts"
_FTS_OLD = "old.norm_name || ' | ' || old.pinyin || ' | ' || old.initials || old.alts"
_ADD = (
    f"INSERT INTO search_fts(rowid, fts_text) VALUES (new.id, {_FTS_NEW}); "
    "INSERT INTO search_prefix(rowid, terms) VALUES (new.id, replace(hex(new.terms), '20', ' '));"
)
_DROP = (
    f"INSERT INTO search_fts(search_fts, rowid, fts_text) VALUES ('delete', old.id, {_FTS_OLD}); "
    "INSERT INTO search_prefix(search_prefix, rowid, terms) "
    "VALUES ('delete', old.id, replace(hex(old.terms), '20', ' '));"
)


def _drop_search() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute("DROP TABLE IF EXISTS search_prefix")
    op.execute("DROP TABLE IF EXISTS search_term")
    op.execute("DROP TABLE IF EXISTS search_account")
    op.execute("DROP TABLE IF EXISTS search_doc")


def upgrade() -> None:
    _drop_search()
    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref_id", sa.String(length=26), nullable=False),
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("norm_name", sa.String(length=200), nullable=False),
        sa.Column("pinyin", sa.String(length=600), nullable=False),
        sa.Column("initials", sa.String(length=200), nullable=False),
        sa.Column("alts", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_doc")),
        sa.UniqueConstraint("ref_id", name=op.f("uq_search_doc_ref_id")),
    )
    op.create_index("ix_search_doc_account_id", "search_doc", ["account_id"])
    op.create_table(
        "search_account",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_search_account")),
        sqlite_with_rowid=False,
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING "
        "fts5(fts_text, content='', detail='none', tokenize='trigram')"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_prefix USING "
        "fts5(terms, content='', detail='none', tokenize='ascii')"
    )
    op.execute(f"CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN {_ADD} END")
    op.execute(f"CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN {_DROP} END")
    op.execute(
        "CREATE TRIGGER search_doc_au AFTER UPDATE OF id, norm_name, pinyin, initials, alts, "
        f"terms ON search_doc BEGIN {_DROP} {_ADD} END"
    )


def downgrade() -> None:
    """Back to 0004's tables, empty: that version's ``trustdesk db reindex`` fills them."""
    _drop_search()
    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_id", sa.String(length=26), nullable=False),
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.String(length=400), nullable=False),
        sa.Column("norm_name", sa.String(length=200), nullable=False),
        sa.Column("pinyin", sa.String(length=600), nullable=False),
        sa.Column("initials", sa.String(length=200), nullable=False),
        sa.Column("sort_key", sa.String(length=600), nullable=False),
        sa.Column("fts_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_doc")),
        sa.UniqueConstraint("kind", "ref_id", name=op.f("uq_search_doc_kind")),
    )
    op.create_index("ix_search_doc_account_id", "search_doc", ["account_id"])
    op.create_table(
        "search_term",
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("doc_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"],
            ["search_doc.id"],
            name=op.f("fk_search_term_doc_id_search_doc"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "doc_id", name=op.f("pk_search_term")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_search_term_doc_id", "search_term", ["doc_id"])
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "fts_text, content='search_doc', content_rowid='id', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN "
        "INSERT INTO search_fts(rowid, fts_text) VALUES (new.id, new.fts_text); END"
    )
    op.execute(
        "CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, fts_text) "
        "VALUES ('delete', old.id, old.fts_text); END"
    )
    op.execute(
        "CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, fts_text) "
        "VALUES ('delete', old.id, old.fts_text); "
        "INSERT INTO search_fts(rowid, fts_text) VALUES (new.id, new.fts_text); END"
    )
