"""deals with their teams, orders and their lines, installed products, referrals, saved views;
the account's value tier and at-risk score (issue 15)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 08:36:51.130662
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "saved_view",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_saved_view_owner_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_view")),
    )
    op.create_table(
        "deal",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "lead",
                "qualified",
                "proposal",
                "won",
                "lost",
                name="dealstage",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "face-to-face",
                "phone",
                "distributor",
                "online",
                "call-center",
                "email",
                "im",
                name="saleschannel",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column(
            "account_stage",
            sa.Enum(
                "skeptic",
                "explorer",
                "first-time",
                "repeat",
                "regular",
                "advocate",
                "lost",
                name="stage",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("lost_reason", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_deal_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_deal_owner_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal")),
    )
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.create_index("ix_deal_account", ["account_id"], unique=False)
        batch_op.create_index("ix_deal_stage", ["stage", "expected_close"], unique=False)

    op.create_table(
        "deal_member",
        sa.Column("deal_id", sa.String(length=26), nullable=False),
        sa.Column("user_id", sa.String(length=26), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "general-manager",
                "finance-director",
                "sales-director",
                "sales-rep",
                "implementation-manager",
                "logistics",
                name="dealrole",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_deal_member_deal_id_deal")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_deal_member_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_member")),
    )
    with op.batch_alter_table("deal_member", schema=None) as batch_op:
        batch_op.create_index("ix_deal_member_deal", ["deal_id"], unique=False)

    op.create_table(
        "referral",
        sa.Column("referred_account_id", sa.String(length=26), nullable=False),
        sa.Column("by_account_id", sa.String(length=26), nullable=False),
        sa.Column("by_contact_id", sa.String(length=26), nullable=True),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["by_account_id"], ["account.id"], name=op.f("fk_referral_by_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["by_contact_id"], ["contact.id"], name=op.f("fk_referral_by_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["referred_account_id"],
            ["account.id"],
            name=op.f("fk_referral_referred_account_id_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index("ix_referral_by_account", ["by_account_id"], unique=False)
        batch_op.create_index("ix_referral_referred", ["referred_account_id"], unique=False)

    op.create_table(
        "sales_order",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("deal_id", sa.String(length=26), nullable=True),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("ordered_on", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_sales_order_account_id_account")
        ),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_sales_order_deal_id_deal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order")),
    )
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.create_index("ix_sales_order_account", ["account_id", "ordered_on"], unique=False)
        batch_op.create_index("ix_sales_order_day", ["ordered_on"], unique=False)

    op.create_table(
        "order_line",
        sa.Column("order_id", sa.String(length=26), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("margin", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_order.id"], name=op.f("fk_order_line_order_id_sales_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_line")),
    )
    with op.batch_alter_table("order_line", schema=None) as batch_op:
        batch_op.create_index("ix_order_line_order", ["order_id"], unique=False)

    op.create_table(
        "installed_product",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("installed_on", sa.Date(), nullable=True),
        sa.Column("replace_by", sa.Date(), nullable=True),
        sa.Column("order_line_id", sa.String(length=26), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_installed_product_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["order_line.id"],
            name=op.f("fk_installed_product_order_line_id_order_line"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installed_product")),
    )
    with op.batch_alter_table("installed_product", schema=None) as batch_op:
        batch_op.create_index("ix_installed_product_account", ["account_id"], unique=False)
        batch_op.create_index("ix_installed_product_replace", ["replace_by"], unique=False)

    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "tier",
                sa.Enum("key", "standard", "low", name="tier", native_enum=False, length=32),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("tier_value", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("risk_score", sa.Integer(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy of the account table would drop
    # the table its rows are referenced from.
    for column in ("risk_score", "tier_value", "tier"):
        op.drop_column("account", column)

    with op.batch_alter_table("installed_product", schema=None) as batch_op:
        batch_op.drop_index("ix_installed_product_replace")
        batch_op.drop_index("ix_installed_product_account")

    op.drop_table("installed_product")
    with op.batch_alter_table("order_line", schema=None) as batch_op:
        batch_op.drop_index("ix_order_line_order")

    op.drop_table("order_line")
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_order_day")
        batch_op.drop_index("ix_sales_order_account")

    op.drop_table("sales_order")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_referred")
        batch_op.drop_index("ix_referral_by_account")

    op.drop_table("referral")
    with op.batch_alter_table("deal_member", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_member_deal")

    op.drop_table("deal_member")
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_stage")
        batch_op.drop_index("ix_deal_account")

    op.drop_table("deal")
    op.drop_table("saved_view")
