"""complaints with their timers, improvement actions and whom they were told to, win-back plans
with their seven steps, dismissed stage suggestions, the log of service delivered (issue 14)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 05:27:42.688087
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "improvement_action",
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_improvement_action_owner_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_improvement_action")),
    )
    op.create_table(
        "improvement_informed",
        sa.Column("action_id", sa.String(length=26), nullable=False),
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("informed_at", sa.DateTime(), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_improvement_informed_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["improvement_action.id"],
            name=op.f("fk_improvement_informed_action_id_improvement_action"),
        ),
        sa.PrimaryKeyConstraint("action_id", "account_id", name=op.f("pk_improvement_informed")),
    )
    op.create_table(
        "improvement_source",
        sa.Column("action_id", sa.String(length=26), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.String(length=26), nullable=False),
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_improvement_source_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["improvement_action.id"],
            name=op.f("fk_improvement_source_action_id_improvement_action"),
        ),
        sa.PrimaryKeyConstraint("action_id", "kind", "ref_id", name=op.f("pk_improvement_source")),
    )
    with op.batch_alter_table("improvement_source", schema=None) as batch_op:
        batch_op.create_index("ix_improvement_source_account", ["account_id"], unique=False)

    op.create_table(
        "stage_suggestion_dismissal",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column(
            "rule",
            sa.Enum(
                "first-order",
                "second-order",
                "steady-orders",
                "advocate",
                "silent",
                name="stagerule",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("evidence", sa.String(length=40), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(), nullable=False),
        sa.Column("dismissed_by_id", sa.String(length=26), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_stage_suggestion_dismissal_account_id_account"),
        ),
        sa.ForeignKeyConstraint(
            ["dismissed_by_id"],
            ["app_user.id"],
            name=op.f("fk_stage_suggestion_dismissal_dismissed_by_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("account_id", "rule", name=op.f("pk_stage_suggestion_dismissal")),
    )
    op.create_table(
        "winback_plan",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("past_value", sa.Float(), nullable=True),
        sa.Column("worth_reason", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "won-back",
                "abandoned",
                name="winbackstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_winback_plan_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_winback_plan_owner_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_winback_plan")),
    )
    with op.batch_alter_table("winback_plan", schema=None) as batch_op:
        batch_op.create_index("ix_winback_plan_account", ["account_id"], unique=False)

    op.create_table(
        "winback_step",
        sa.Column("plan_id", sa.String(length=26), nullable=False),
        sa.Column(
            "step",
            sa.Enum(
                "ask",
                "listen",
                "fulfil",
                "patience",
                "keep-in-touch",
                "sincere",
                "cherish",
                name="winbackstep",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("todo", "doing", "done", name="stepstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["winback_plan.id"], name=op.f("fk_winback_step_plan_id_winback_plan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_winback_step")),
    )
    with op.batch_alter_table("winback_step", schema=None) as batch_op:
        batch_op.create_index("ix_winback_step_plan", ["plan_id"], unique=False)

    op.create_table(
        "complaint",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("contact_id", sa.String(length=26), nullable=True),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "in-person",
                "phone",
                "email",
                "im",
                "video",
                "gift",
                "entertainment",
                "site-visit",
                "other",
                name="channel",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "severity",
            sa.Enum(
                "minor", "major", "critical", name="complaintseverity", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("respond_by", sa.DateTime(), nullable=False),
        sa.Column("resolve_by", sa.DateTime(), nullable=False),
        sa.Column("first_response_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("apology_given", sa.Boolean(), nullable=False),
        sa.Column("apology_words", sa.Text(), nullable=False),
        sa.Column(
            "satisfied",
            sa.Enum(
                "unknown", "yes", "no", name="recoverysatisfaction", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("survey_answer_id", sa.String(length=26), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_complaint_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_complaint_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_complaint_owner_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["survey_answer_id"],
            ["survey_answer.id"],
            name=op.f("fk_complaint_survey_answer_id_survey_answer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.create_index("ix_complaint_account", ["account_id", "received_at"], unique=False)
        batch_op.create_index(
            "ix_complaint_open",
            ["received_at"],
            unique=False,
            sqlite_where=sa.text("resolved_at IS NULL AND deleted_at IS NULL"),
        )

    op.create_table(
        "service_record",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("visit_id", sa.String(length=26), nullable=True),
        sa.Column("complaint_id", sa.String(length=26), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_service_record_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_service_record_complaint_id_complaint"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_service_record_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_record")),
    )
    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.create_index("ix_service_record_account", ["account_id", "day"], unique=False)


def downgrade() -> None:
    for table in (
        "service_record",
        "complaint",
        "winback_step",
        "winback_plan",
        "stage_suggestion_dismissal",
        "improvement_source",
        "improvement_informed",
        "improvement_action",
    ):
        op.drop_table(table)
