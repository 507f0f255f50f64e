"""surveys: templates (versioned), questions, responses, answers, follow-up tasks; the survey plan

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 05:17:49

Data (upgrade):
- the two built-in bilingual templates (SUR-1): seed 000"s three scores with "what would make it
  a 5?" and the closing question, and seed 001"s past experience and future intention; their
  ids are derived from their names, so two laptops seeding them create the same rows;
- every live buying customer (first-time to advocate, not do-not-serve) gets its first survey
  due a quarter (the default cycle) after the day it was added.
"""

import base64
import calendar
import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "survey_template",
        sa.Column("family", sa.String(length=26), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_template")),
    )
    with op.batch_alter_table("survey_template", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_template_family"), ["family"], unique=False)

    op.create_table(
        "survey_question",
        sa.Column("template_id", sa.String(length=26), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "scale",
                "yes-no",
                "choice",
                "text",
                "date",
                name="questionkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.JSON(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("follows", sa.String(length=40), nullable=True),
        sa.Column("show_below", sa.Integer(), nullable=True),
        sa.Column("signature", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["survey_template.id"],
            name=op.f("fk_survey_question_template_id_survey_template"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_question")),
    )
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_question_template", ["template_id", "position"], unique=False
        )

    op.create_table(
        "survey_response",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("contact_id", sa.String(length=26), nullable=True),
        sa.Column("visit_id", sa.String(length=26), nullable=True),
        sa.Column("template_id", sa.String(length=26), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("competitor", sa.String(length=100), nullable=False),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_survey_response_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_survey_response_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_survey_response_owner_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["survey_template.id"],
            name=op.f("fk_survey_response_template_id_survey_template"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_survey_response_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_response_account", ["account_id", "taken_at"], unique=False
        )
        batch_op.create_index("ix_survey_response_taken", ["taken_at"], unique=False)

    op.create_table(
        "survey_answer",
        sa.Column("response_id", sa.String(length=26), nullable=False),
        sa.Column("question_id", sa.String(length=26), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_answer_question_id_survey_question"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_response.id"],
            name=op.f("fk_survey_answer_response_id_survey_response"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answer")),
    )
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.create_index("ix_survey_answer_response", ["response_id"], unique=False)

    op.create_table(
        "survey_follow_up",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("response_id", sa.String(length=26), nullable=False),
        sa.Column("answer_id", sa.String(length=26), nullable=False),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_survey_follow_up_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["survey_answer.id"],
            name=op.f("fk_survey_follow_up_answer_id_survey_answer"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_survey_follow_up_owner_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_response.id"],
            name=op.f("fk_survey_follow_up_response_id_survey_response"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_follow_up")),
    )
    with op.batch_alter_table("survey_follow_up", schema=None) as batch_op:
        batch_op.create_index("ix_survey_follow_up_account", ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_survey_follow_up_answer_id"), ["answer_id"], unique=False
        )
        batch_op.create_index(
            "ix_survey_follow_up_open",
            ["due"],
            unique=False,
            sqlite_where=sa.text("done_at IS NULL AND deleted_at IS NULL"),
        )

    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "survey_cycle",
                sa.Enum(
                    "monthly",
                    "quarterly",
                    "yearly",
                    name="surveycycle",
                    native_enum=False,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("last_survey_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("next_survey_due", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_account_live_survey_due",
            ["deleted_at", "next_survey_due", "sort_key", "id"],
            unique=False,
        )

    _seed_builtin_templates()
    _plan_first_surveys()


def downgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_live_survey_due")
        batch_op.drop_column("next_survey_due")
        batch_op.drop_column("last_survey_at")
        batch_op.drop_column("survey_cycle")
    for table in (
        "survey_follow_up",
        "survey_answer",
        "survey_response",
        "survey_question",
        "survey_template",
    ):
        op.drop_table(table)


def _id(name: str) -> str:
    digest = hashlib.sha256(f"builtin-survey-{name}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:26]


def _signature(key: str, kind: str, zh: str, en: str, choices: list) -> str:
    """As ``trustdesk.domain.surveys.question_signature`` (a test keeps the two equal)."""
    blob = json.dumps([key, kind, zh.strip(), en.strip(), choices], ensure_ascii=False)
    return hashlib.sha1(blob.encode()).hexdigest()[:16]


_TO_FIVE = ("我们再做些什么就可以得到5分呢？", "What would make it a 5?")
# (key, kind, zh, en, choices [(zh, en)], required, follows, show_below)
BUILTIN = {
    "seed-000": (
        ("客户评分（三问）", "Customer score (three questions)"),
        [
            (
                "overall",
                "scale",
                "请您评价我们的整体工作表现：1到5分，5分是优秀。您会打几分？",
                "How would you rate our overall performance, from 1 to 5, where 5 is excellent?",
                [],
                True,
                None,
                None,
            ),
            ("overall_to_5", "text", *_TO_FIVE, [], False, "overall", 5),
            (
                "buy_again",
                "scale",
                "您将来还愿意惠顾我们吗？5分是非常愿意。",
                "Would you buy from us again? 5 is very willing.",
                [],
                True,
                None,
                None,
            ),
            ("buy_again_to_5", "text", *_TO_FIVE, [], False, "buy_again", 5),
            (
                "recommend",
                "scale",
                "您愿意向您的朋友推荐我们吗？5分是非常愿意。",
                "Would you recommend us to a friend? 5 is very willing.",
                [],
                True,
                None,
                None,
            ),
            ("recommend_to_5", "text", *_TO_FIVE, [], False, "recommend", 5),
            (
                "better",
                "text",
                "您觉得有哪件事情我们还可以做得更好，以使您更加满意？",
                "What one thing could we do better, to serve you even better?",
                [],
                False,
                None,
                None,
            ),
        ],
    ),
    "seed-001": (
        ("满意度调查（过去的经历与将来的打算）", "Satisfaction survey (past experience and plans)"),
        [
            (
                "purchase",
                "scale",
                "您对过去的购买经历满意吗？1到5分，5分是非常满意。",
                "How satisfied are you with buying from us so far? 1 to 5, 5 = very satisfied.",
                [],
                True,
                None,
                None,
            ),
            (
                "service",
                "scale",
                "您对我们提供的服务满意吗？",
                "How satisfied are you with the service we gave?",
                [],
                True,
                None,
                None,
            ),
            (
                "use",
                "scale",
                "您对产品的使用体验满意吗？",
                "How satisfied are you with using the product?",
                [],
                True,
                None,
                None,
            ),
            (
                "moment",
                "text",
                "在过去的经历中，哪个环节最让您在意？",
                "Which moment of your experience with us mattered most to you?",
                [],
                False,
                None,
                None,
            ),
            (
                "next_what",
                "text",
                "您接下来最想买什么产品或服务？",
                "What would you most like to buy from us next?",
                [],
                False,
                None,
                None,
            ),
            (
                "next_when",
                "choice",
                "您打算什么时候买？",
                "When do you plan to buy it?",
                [
                    ("三个月内", "Within 3 months"),
                    ("半年内", "Within 6 months"),
                    ("一年内", "Within a year"),
                    ("暂无计划", "No plan yet"),
                ],
                False,
                None,
                None,
            ),
            (
                "expect",
                "text",
                "您对我们的产品和服务还有什么期望？",
                "What do you expect of our products and service?",
                [],
                False,
                None,
                None,
            ),
        ],
    ),
}


def _seed_builtin_templates() -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    stamps = {"created_at": now, "updated_at": now, "deleted_at": None}
    templates, questions = [], []
    for name, ((title_zh, title_en), items) in BUILTIN.items():
        template_id = _id(name)
        title = {"zh": title_zh, "en": title_en}
        templates.append(
            {"id": template_id, "family": template_id, "version": 1, "current": True,
             "title": title, "builtin": True, **stamps}
        )  # fmt: skip
        for position, (key, kind, zh, en, pairs, required, follows, below) in enumerate(items):
            choices = [{"zh": c_zh, "en": c_en} for c_zh, c_en in pairs]
            questions.append(
                {"id": _id(f"{name}-{key}"), "template_id": template_id, "position": position,
                 "key": key, "kind": kind, "text": {"zh": zh, "en": en},
                 "choices": choices, "required": required,
                 "follows": follows, "show_below": below,
                 "signature": _signature(key, kind, zh, en, choices), **stamps}
            )  # fmt: skip
    meta = sa.MetaData()
    template = sa.Table("survey_template", meta, autoload_with=op.get_bind())
    question = sa.Table("survey_question", meta, autoload_with=op.get_bind())
    op.bulk_insert(template, templates)
    op.bulk_insert(question, questions)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _plan_first_surveys() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, created_at FROM account WHERE deleted_at IS NULL AND NOT do_not_serve "
            "AND stage IN ('first-time', 'repeat', 'regular', 'advocate')"
        )
    ).all()
    due = [
        {"id": account_id, "due": _add_months(datetime.fromisoformat(str(made)).date(), 3)}
        for account_id, made in rows
    ]
    if due:
        bind.execute(sa.text("UPDATE account SET next_survey_due = :due WHERE id = :id"), due)
