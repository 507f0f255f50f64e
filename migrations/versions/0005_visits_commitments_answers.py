"""visits, intelligence notes, commitments, care dates, standard answers; the visit plan

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 02:26:11

Data (upgrade):
- every live customer gets its next visit due date: the cadence of its stage after the day it
  was added (no visits exist yet), none for do-not-serve customers;
- ten starter standard answers in Chinese and in English (VIS-5), with ids derived from their
  number and language, so that two laptops seeding them create the same rows.
"""

import base64
import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "standard_answer",
        sa.Column(
            "category",
            sa.Enum(
                "price",
                "complaint",
                "competitor",
                "product",
                "other",
                name="answercategory",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_answer")),
    )
    op.create_table(
        "visit",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
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
        sa.Column("functions", sa.JSON(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("next_step", sa.Text(), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("next_done_at", sa.DateTime(), nullable=True),
        sa.Column("gift_value", sa.Float(), nullable=True),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_visit_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_visit_owner_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index("ix_visit_account_at", ["account_id", "at"], unique=False)
        batch_op.create_index("ix_visit_next_due", ["next_due"], unique=False)
        batch_op.create_index("ix_visit_planned", ["done", "at"], unique=False)

    op.create_table(
        "care_date",
        sa.Column("contact_id", sa.String(length=26), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("yearly", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_care_date_contact_id_contact")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_date")),
    )
    with op.batch_alter_table("care_date", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_date_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "commitment",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("contact_id", sa.String(length=26), nullable=True),
        sa.Column("owner_id", sa.String(length=26), nullable=True),
        sa.Column("visit_id", sa.String(length=26), nullable=True),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "kept",
                "broken",
                "withdrawn",
                name="commitmentstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "bottom_line",
            sa.Enum(
                "discount",
                "delivery",
                "free-service",
                "gift-value",
                name="bottomline",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("stated_value", sa.Float(), nullable=True),
        sa.Column("needs_approval", sa.Boolean(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by_id", sa.String(length=26), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_commitment_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["app_user.id"], name=op.f("fk_commitment_approved_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_commitment_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_commitment_owner_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_commitment_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index("ix_commitment_account", ["account_id"], unique=False)
        batch_op.create_index("ix_commitment_status_due", ["status", "due"], unique=False)

    op.create_table(
        "intel_note",
        sa.Column("account_id", sa.String(length=26), nullable=False),
        sa.Column("visit_id", sa.String(length=26), nullable=True),
        sa.Column("contact_id", sa.String(length=26), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "feedback",
                "needs-change",
                "personnel-change",
                "competitor",
                name="intelkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.String(length=26), nullable=True),
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_intel_note_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["app_user.id"], name=op.f("fk_intel_note_author_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_intel_note_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_intel_note_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intel_note")),
    )
    with op.batch_alter_table("intel_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intel_note_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_intel_note_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "visit_contact",
        sa.Column("visit_id", sa.String(length=26), nullable=False),
        sa.Column("contact_id", sa.String(length=26), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_visit_contact_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_visit_contact_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("visit_id", "contact_id", name=op.f("pk_visit_contact")),
    )
    with op.batch_alter_table("visit_contact", schema=None) as batch_op:
        batch_op.create_index("ix_visit_contact_contact", ["contact_id"], unique=False)

    op.create_table(
        "commitment_change",
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("commitment_id", sa.String(length=26), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "open",
                "kept",
                "broken",
                "withdrawn",
                name="commitmentstatus",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "open",
                "kept",
                "broken",
                "withdrawn",
                name="commitmentstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by_id", sa.String(length=26), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["app_user.id"],
            name=op.f("fk_commitment_change_changed_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_change_commitment_id_commitment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_change")),
    )
    with op.batch_alter_table("commitment_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_change_commitment_id"), ["commitment_id"], unique=False
        )

    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_cadence_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("last_visit_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("next_visit_due", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_account_live_last_visit",
            ["deleted_at", "last_visit_at", "sort_key", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_account_live_next_due",
            ["deleted_at", "next_visit_due", "sort_key", "id"],
            unique=False,
        )

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_touch_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "dismissed_level",
                sa.Enum(
                    "none",
                    "acquaintance",
                    "date",
                    "partner",
                    "ally",
                    name="relationshiplevel",
                    native_enum=False,
                    length=32,
                ),
                nullable=True,
            )
        )

    _plan_visits()
    _seed_answers()


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("dismissed_level")
        batch_op.drop_column("last_touch_at")

    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_live_next_due")
        batch_op.drop_index("ix_account_live_last_visit")
        batch_op.drop_column("next_visit_due")
        batch_op.drop_column("last_visit_at")
        batch_op.drop_column("visit_cadence_days")

    with op.batch_alter_table("commitment_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_change_commitment_id"))

    op.drop_table("commitment_change")
    with op.batch_alter_table("visit_contact", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_contact_contact")

    op.drop_table("visit_contact")
    with op.batch_alter_table("intel_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intel_note_visit_id"))
        batch_op.drop_index(batch_op.f("ix_intel_note_account_id"))

    op.drop_table("intel_note")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index("ix_commitment_status_due")
        batch_op.drop_index("ix_commitment_account")

    op.drop_table("commitment")
    with op.batch_alter_table("care_date", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_date_contact_id"))

    op.drop_table("care_date")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_planned")
        batch_op.drop_index("ix_visit_next_due")
        batch_op.drop_index("ix_visit_account_at")

    op.drop_table("visit")
    op.drop_table("standard_answer")


# Frozen copy of trustdesk.domain.visit_plan.DEFAULT_CADENCE_DAYS as of this revision.
CADENCE_DAYS = {
    "skeptic": 182,
    "explorer": 182,
    "first-time": 91,
    "repeat": 91,
    "regular": 30,
    "advocate": 30,
    "lost": 182,
}


def _plan_visits() -> None:
    conn = op.get_bind()
    cadence = dict(CADENCE_DAYS)
    stored = conn.execute(
        sa.text(
            "SELECT value FROM team_setting WHERE key = 'visit_cadence_days' AND deleted_at IS NULL"
        )
    ).scalar()
    if stored:
        value = json.loads(stored) if isinstance(stored, str) else stored
        cadence.update({k: int(v) for k, v in value.items() if k in cadence})
    for stage, days in cadence.items():
        conn.execute(
            sa.text(
                "UPDATE account SET next_visit_due = date(created_at, :shift) "
                "WHERE stage = :stage AND deleted_at IS NULL AND NOT do_not_serve"
            ),
            {"shift": f"+{min(max(days, 1), 365)} days", "stage": stage},
        )


def answer_id(number: int, lang: str) -> str:
    digest = hashlib.sha256(f"starter-answer-{number}-{lang}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:26]


# (category, zh question, zh answer, en question, en answer, tags)
STARTERS = [
    (
        "price",
        "为什么你们的价格比别家高？",
        "我们的报价包含了别家常常另收费的部分：上门安装、一年免费维护和 24 小时内响应。"
        "我可以把总拥有成本逐项列给您，和对方的报价放在一起比较。",
        "Why is your price higher than others'?",
        "Our price includes what others often charge for separately: installation on site, a "
        "year of free maintenance and a response within 24 hours. I can list the total cost "
        "of ownership line by line next to their quote.",
        "价格 报价 贵 price quote expensive",
    ),
    (
        "price",
        "能不能再便宜一点？",
        "价格我需要按公司规定来，超出权限的折扣我不能当场答应。我可以在批量、付款方式或服务内容上"
        "为您想办法，并在两个工作日内给您书面答复。",
        "Can you go any lower?",
        "I have to keep to the company's pricing and cannot promise a discount beyond my "
        "authority on the spot. I can look at volume, payment terms or the service package, "
        "and answer you in writing within two working days.",
        "折扣 优惠 discount lower",
    ),
    (
        "price",
        "付款条件能不能放宽？",
        "标准条件是货到 30 天付款。如果您需要更长账期，我会提交申请，批复后以书面形式确认，"
        "在此之前请按标准条件安排。",
        "Can you give us longer payment terms?",
        "Our standard terms are payment 30 days after delivery. If you need longer, I will "
        "apply for it and confirm in writing once approved; until then please plan on the "
        "standard terms.",
        "付款 账期 payment terms credit",
    ),
    (
        "complaint",
        "你们的交货延误了，怎么办？",
        "非常抱歉给您带来不便。我现在就查清这批货的位置和新的到货时间，今天下班前给您准确答复，"
        "并每天向您通报进展，直到货物送到。",
        "Your delivery is late. What are you doing about it?",
        "I am sorry for the trouble this causes you. I am finding out now where the shipment "
        "is and when it will arrive, will give you a firm answer before the end of today, and "
        "will update you every day until it is delivered.",
        "交货 延误 delivery late",
    ),
    (
        "complaint",
        "产品出现了质量问题。",
        "谢谢您及时告诉我们。请把问题现象和批号发给我，我们 24 小时内安排技术人员联系您；"
        "确认是我们的问题，免费维修或更换，并把原因和改进措施书面告诉您。",
        "The product has a quality problem.",
        "Thank you for telling us straight away. Please send me what you see and the batch "
        "number; a technician will contact you within 24 hours. If the fault is ours we repair "
        "or replace it free of charge and tell you in writing what caused it and what we "
        "changed.",
        "质量 故障 quality defect",
    ),
    (
        "complaint",
        "你们的服务响应太慢了。",
        "您说得对，让您久等是我们的不对。我会把您的联系方式加到优先名单，今后由我直接跟进，"
        "并把这次的处理时间和原因反馈给服务部门。",
        "Your service is too slow to respond.",
        "You are right, and I am sorry we kept you waiting. I will put your contact on our "
        "priority list, follow up myself from now on, and report this case's timing and cause "
        "to our service team.",
        "服务 响应 慢 service slow response",
    ),
    (
        "competitor",
        "别家的产品功能差不多，价格更低。",
        "选择是您的权利，我们尊重。建议您比较三点：同等配置下的实际性能、售后响应时间、以及三年的"
        "总成本。我可以提供同行业客户的使用案例供您参考。",
        "Another supplier offers much the same for less.",
        "The choice is yours and we respect it. I suggest comparing three things: real "
        "performance at the same specification, the service response time, and the cost over "
        "three years. I can share cases from customers in your industry.",
        "竞争 对手 比较 competitor compare",
    ),
    (
        "competitor",
        "你们和主要竞争对手相比有什么优势？",
        "我们不评价同行。我们的长处是本地服务网点、稳定的交货记录和可以随时回访的老客户。"
        "欢迎您实地参观，或直接和我们的老客户交流。",
        "What makes you better than your main competitor?",
        "We do not speak for our competitors. Our strengths are local service, a steady "
        "delivery record and long-standing customers you can call. You are welcome to visit "
        "us, or to talk to those customers directly.",
        "优势 竞争 advantage competitor",
    ),
    (
        "product",
        "能不能先试用？",
        "可以。我们提供 30 天试用，期间由工程师协助安装和培训。试用结束时一起评估效果，"
        "您再决定是否购买。",
        "Can we try it before we buy?",
        "Yes. We offer a 30-day trial with an engineer to help with installation and training. "
        "At the end we review the results together and you decide whether to buy.",
        "试用 样品 trial sample",
    ),
    (
        "other",
        "你们最快多久能交货？",
        "标准交货期是 7 天。更快的交期我需要先和生产确认，确认后书面答复您，"
        "不会先口头答应再做不到。",
        "How fast can you deliver?",
        "Our standard delivery time is 7 days. For anything faster I first confirm with "
        "production and then answer you in writing; I will not promise what we cannot keep.",
        "交货期 承诺 delivery promise",
    ),
]


def _seed_answers() -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    rows = []
    for number, (category, zh_q, zh_a, en_q, en_a, tags) in enumerate(STARTERS, 1):
        for lang, question, answer in (("zh", zh_q, zh_a), ("en", en_q, en_a)):
            rows.append(
                {
                    "id": answer_id(number, lang),
                    "category": category,
                    "question": question,
                    "answer": answer,
                    "tags": tags,
                    "lang": lang,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    op.get_bind().execute(
        sa.text(
            "INSERT INTO standard_answer (id, category, question, answer, tags, lang, "
            "created_at, updated_at) VALUES (:id, :category, :question, :answer, :tags, :lang, "
            ":created_at, :updated_at)"
        ),
        rows,
    )
