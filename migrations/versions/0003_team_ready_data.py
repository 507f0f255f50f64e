"""data ready for team sync: users, derived tag ids, tombstones, team settings, no cascades

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 23:59:00

Data conversions (upgrade):
- every distinct non-empty owner / changed_by text becomes one ``app_user`` row with that name
  (``login`` = the text when it was a changed_by, which always held a login name);
  ``account.owner_id`` and ``changed_by_id`` of stage_change, level_change and field_change
  point at them; the text columns go.
- tags are re-keyed to the id derived from their name; tags whose names fold to the same key
  ("OEM", "oem") merge into the oldest, their links merged with them.
- account_tag, contact_role and map_position gain tombstones (``deleted_at``, ``updated_at``).
- foreign keys lose ON DELETE CASCADE / SET NULL: user data is never hard-deleted.

Runs with foreign keys off (``trustdesk.db.migrate``): rebuilding a table must not cascade.
"""

import base64
import hashlib
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from ulid import ULID

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HISTORIES = ("stage_change", "level_change", "field_change")

# Foreign keys that cascaded before this revision: table -> [(column, referred table, ondelete)]
CASCADING = {
    "account_tag": [("account_id", "account", "CASCADE"), ("tag_id", "tag", "CASCADE")],
    "contact": [("account_id", "account", "CASCADE"), ("reports_to_id", "contact", "SET NULL")],
    "contact_role": [("contact_id", "contact", "CASCADE")],
    "stage_change": [("account_id", "account", "CASCADE")],
    "level_change": [("contact_id", "contact", "CASCADE")],
    "contact_edge": [
        ("account_id", "account", "CASCADE"),
        ("source_id", "contact", "CASCADE"),
        ("target_id", "contact", "CASCADE"),
    ],
    "map_position": [("contact_id", "contact", "CASCADE"), ("account_id", "account", "CASCADE")],
}


def derived_tag_id(name: str) -> str:
    """Frozen copy of ``trustdesk.domain.names.tag_id`` as of this revision."""
    key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return base64.b32encode(hashlib.sha256(key.encode("utf-8")).digest()).decode("ascii")[:26]


def _now() -> str:
    # The storage format of SQLAlchemy's SQLite DateTime (naive UTC).
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _refit_keys(batch_op, table: str, *, cascade: bool) -> None:
    for column, referred, ondelete in CASCADING.get(table, []):
        name = f"fk_{table}_{column}_{referred}"
        batch_op.drop_constraint(name, type_="foreignkey")
        batch_op.create_foreign_key(
            name, referred, [column], ["id"], ondelete=ondelete if cascade else None
        )


def _not_null(batch_op, *columns: str) -> None:
    for column in columns:
        batch_op.alter_column(column, existing_type=sa.DateTime(), nullable=False)


def _make_users(conn: sa.Connection, now: str) -> dict[str, str]:
    """One user per distinct non-empty name; returns raw text value -> user id."""
    logins: set[str] = set()
    raw_values: set[str] = set()
    for table in HISTORIES:
        for (value,) in conn.exec_driver_sql(f"SELECT DISTINCT changed_by FROM {table}"):
            raw_values.add(value or "")
            if (value or "").strip():
                logins.add(value.strip())
    for (value,) in conn.exec_driver_sql("SELECT DISTINCT owner FROM account"):
        raw_values.add(value or "")
    names = sorted({v.strip() for v in raw_values if v.strip()})
    ids: dict[str, str] = {}
    for name in names:
        ids[name] = str(ULID())
        conn.execute(
            sa.text(
                "INSERT INTO app_user (id, name, login, created_at, updated_at) "
                "VALUES (:id, :name, :login, :now, :now)"
            ),
            {"id": ids[name], "name": name, "login": name if name in logins else "", "now": now},
        )
    return {raw: ids[raw.strip()] for raw in raw_values if raw.strip()}


def _rekey_tags(conn: sa.Connection) -> None:
    groups: dict[str, list[str]] = {}
    for old_id, name in conn.exec_driver_sql("SELECT id, name FROM tag ORDER BY id"):
        groups.setdefault(derived_tag_id(name), []).append(old_id)
    for new_id, (keep, *duplicates) in groups.items():
        for dup in duplicates:
            conn.execute(
                sa.text("UPDATE OR IGNORE account_tag SET tag_id = :keep WHERE tag_id = :dup"),
                {"keep": keep, "dup": dup},
            )
            conn.execute(sa.text("DELETE FROM account_tag WHERE tag_id = :dup"), {"dup": dup})
            conn.execute(sa.text("DELETE FROM tag WHERE id = :dup"), {"dup": dup})
        if keep != new_id:
            params = {"new": new_id, "old": keep}
            conn.execute(sa.text("UPDATE tag SET id = :new WHERE id = :old"), params)
            conn.execute(
                sa.text("UPDATE account_tag SET tag_id = :new WHERE tag_id = :old"), params
            )


def upgrade() -> None:
    conn = op.get_bind()
    now = _now()
    op.create_table(
        "app_user",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
    )
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_app_user_login"), ["login"], unique=False)
    op.create_table(
        "team_setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.String(length=26), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["app_user.id"], name=op.f("fk_team_setting_updated_by_id_app_user")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_team_setting")),
    )

    # Owners and authors: text -> user ids.
    user_of = _make_users(conn, now)
    op.add_column("account", sa.Column("owner_id", sa.String(length=26), nullable=True))
    for table in HISTORIES:
        op.add_column(table, sa.Column("changed_by_id", sa.String(length=26), nullable=True))
    for raw, user_id in user_of.items():
        params = {"raw": raw, "id": user_id}
        conn.execute(sa.text("UPDATE account SET owner_id = :id WHERE owner = :raw"), params)
        for table in HISTORIES:
            conn.execute(
                sa.text(f"UPDATE {table} SET changed_by_id = :id WHERE changed_by = :raw"), params
            )
    with op.batch_alter_table("account", schema=None, recreate="always") as batch_op:
        batch_op.drop_column("owner")
        batch_op.create_index(batch_op.f("ix_account_owner_id"), ["owner_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_account_owner_id_app_user"), "app_user", ["owner_id"], ["id"]
        )
    for table in HISTORIES:
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            batch_op.drop_column("changed_by")
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_changed_by_id_app_user"),
                "app_user",
                ["changed_by_id"],
                ["id"],
            )
            _refit_keys(batch_op, table, cascade=False)

    # Tags: derived ids, timestamps; links, roles and positions: tombstones.
    for column in ("created_at", "updated_at", "deleted_at"):
        op.add_column("tag", sa.Column(column, sa.DateTime(), nullable=True))
    for table in ("account_tag", "contact_role"):
        op.add_column(table, sa.Column("updated_at", sa.DateTime(), nullable=True))
    for table in ("account_tag", "contact_role", "map_position"):
        op.add_column(table, sa.Column("deleted_at", sa.DateTime(), nullable=True))
    conn.execute(sa.text("UPDATE tag SET created_at = :now, updated_at = :now"), {"now": now})
    for table in ("account_tag", "contact_role"):
        conn.execute(sa.text(f"UPDATE {table} SET updated_at = :now"), {"now": now})
    _rekey_tags(conn)
    with op.batch_alter_table("tag", schema=None, recreate="always") as batch_op:
        _not_null(batch_op, "created_at", "updated_at")
    for table in ("account_tag", "contact_role"):
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            _not_null(batch_op, "updated_at")
            _refit_keys(batch_op, table, cascade=False)
    for table in ("contact", "contact_edge", "map_position"):
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            _refit_keys(batch_op, table, cascade=False)


def downgrade() -> None:
    conn = op.get_bind()
    # The old schema has no tombstones: a removed link must stay removed.
    for table in ("account_tag", "contact_role", "map_position"):
        conn.exec_driver_sql(f"DELETE FROM {table} WHERE deleted_at IS NOT NULL")
    for table in ("contact", "contact_edge", "map_position"):
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            if table == "map_position":
                batch_op.drop_column("deleted_at")
            _refit_keys(batch_op, table, cascade=True)
    for table in ("account_tag", "contact_role"):
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            batch_op.drop_column("updated_at")
            batch_op.drop_column("deleted_at")
            _refit_keys(batch_op, table, cascade=True)
    with op.batch_alter_table("tag", schema=None, recreate="always") as batch_op:
        for column in ("created_at", "updated_at", "deleted_at"):
            batch_op.drop_column(column)

    # User ids -> names.
    name_of = "COALESCE((SELECT name FROM app_user WHERE app_user.id = {}), '')"
    op.add_column("account", sa.Column("owner", sa.String(length=100), nullable=True))
    conn.exec_driver_sql(f"UPDATE account SET owner = {name_of.format('account.owner_id')}")
    with op.batch_alter_table("account", schema=None, recreate="always") as batch_op:
        batch_op.alter_column("owner", existing_type=sa.String(length=100), nullable=False)
        batch_op.drop_constraint(batch_op.f("fk_account_owner_id_app_user"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_account_owner_id"))
        batch_op.drop_column("owner_id")
    for table in HISTORIES:
        op.add_column(table, sa.Column("changed_by", sa.String(length=100), nullable=True))
        conn.exec_driver_sql(
            f"UPDATE {table} SET changed_by = {name_of.format(table + '.changed_by_id')}"
        )
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            batch_op.alter_column("changed_by", existing_type=sa.String(length=100), nullable=False)
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_changed_by_id_app_user"), type_="foreignkey"
            )
            batch_op.drop_column("changed_by_id")
            _refit_keys(batch_op, table, cascade=True)
    op.drop_table("team_setting")
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_app_user_login"))
    op.drop_table("app_user")
