"""The tables. Histories are rows; user data is soft-deleted (``deleted_at``), never removed.

Every row of user data has a key that is the same on every laptop (a ULID, a key derived from
content like a tag's name, or the keys of the rows it links), ``updated_at`` and ``deleted_at``:
what a team server needs to merge edits. No foreign key cascades: a hard delete of a parent
fails instead of silently removing its children. Only the derived search index deletes rows.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Computed,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trustdesk.db.base import Base, Entity, IdColumn, UTCDateTime, new_id, utcnow
from trustdesk.domain.enums import (
    AccountKind,
    AnswerCategory,
    Attitude,
    BottomLine,
    BuyingRole,
    Channel,
    CommitmentStatus,
    ComplaintSeverity,
    ContactDepth,
    DealRole,
    DealStage,
    DuplicateKind,
    EdgeKind,
    IntelKind,
    LabeledEnum,
    LostReason,
    QuestionKind,
    RecoverySatisfaction,
    RelationshipLevel,
    SalesChannel,
    Stage,
    StageRule,
    StepStatus,
    SurveyCycle,
    Tier,
    WinBackStatus,
    WinBackStep,
)


def code_enum(enum_cls: type[LabeledEnum]) -> Enum:
    """Store a labeled enum by its code (``first-time``) in a plain VARCHAR column."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda cls: [m.code for m in cls],
        validate_strings=True,
    )


class User(Entity, Base):
    """A person of the team: owner of customers, author of history rows."""

    __tablename__ = "app_user"

    name: Mapped[str] = mapped_column(String(100))
    # The login (or TRUSTDESK_USER) of the device this user works on; "" for people known only
    # by name (an owner typed in). Not unique: two laptops may share a login name.
    login: Mapped[str] = mapped_column(String(100), default="", index=True)


class Tag(Base):
    """A label for customers. Its id is derived from the normalised name (``tag_id``), so two
    laptops that create "重点" independently create the same tag."""

    __tablename__ = "tag"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class AccountTag(Base):
    """A tag on an account; removing the tag leaves a tombstone (``deleted_at``)."""

    __tablename__ = "account_tag"
    __table_args__ = (Index("ix_account_tag_tag_id", "tag_id"),)

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), primary_key=True)
    tag_id: Mapped[str] = mapped_column(ForeignKey("tag.id"), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class Account(Entity, Base):
    """ACC-1: a company or individual customer."""

    __tablename__ = "account"
    __table_args__ = (
        # The list's order (sort key, then id: tie-safe keyset pages) read from the index.
        Index("ix_account_live_sort", "deleted_at", "sort_key", "id"),
        Index("ix_account_live_updated", "deleted_at", "updated_at"),
        Index("ix_account_stage", "stage"),
        # DSH-1: customers by stage and tier, counted from the index.
        Index("ix_account_stage_tier", "stage", "tier", "deleted_at"),
        # VIS-3: the overdue list and the Next due / Last visit columns, sorted from the index.
        Index("ix_account_live_next_due", "deleted_at", "next_visit_due", "sort_key", "id"),
        Index("ix_account_live_last_visit", "deleted_at", "last_visit_at", "sort_key", "id"),
        # SUR-3: surveys due and overdue, read from the index.
        Index("ix_account_live_survey_due", "deleted_at", "next_survey_due", "sort_key", "id"),
    )

    name: Mapped[str] = mapped_column(String(200))
    sort_key: Mapped[str] = mapped_column(String(600))
    kind: Mapped[AccountKind] = mapped_column(code_enum(AccountKind), default=AccountKind.COMPANY)
    # A hand-corrected pinyin of an individual's name (searched besides the computed one).
    pinyin: Mapped[str] = mapped_column(String(240), default="", server_default="")
    industry: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("app_user.id"), default=None, index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[Stage] = mapped_column(code_enum(Stage), default=Stage.SKEPTIC)
    lost_reason: Mapped[LostReason | None] = mapped_column(code_enum(LostReason), default=None)
    do_not_serve: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_serve_reason: Mapped[str] = mapped_column(Text, default="")
    do_not_serve_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # VIS-3: the customer's own cadence (None: its stage's), and the plan derived from visits,
    # kept in step by services.visit_plan (None when do-not-serve: out of the plan).
    visit_cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)
    last_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    next_visit_due: Mapped[date | None] = mapped_column(Date, default=None)
    # SUR-3: the customer's own survey cycle (None: the team's default) and the plan derived
    # from its surveys, kept in step by services.surveys.
    survey_cycle: Mapped[SurveyCycle | None] = mapped_column(code_enum(SurveyCycle), default=None)
    last_survey_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    next_survey_due: Mapped[date | None] = mapped_column(Date, default=None)
    # TIER-1: the value tier of the last recompute (None: never tiered) and the value behind
    # it, in minor units (分/cents) of the team's currency; DSH-2: the at-risk score (0–100)
    # of the last dashboard refresh, for saved views and the list.
    tier: Mapped[Tier | None] = mapped_column(code_enum(Tier), default=None)
    tier_value: Mapped[int | None] = mapped_column(Integer, default=None)
    risk_score: Mapped[int | None] = mapped_column(Integer, default=None)

    owner: Mapped[User | None] = relationship(lazy="joined")
    # Live tags only (read-only); writes go through ``tag_links``, which keeps tombstones.
    tags: Mapped[list[Tag]] = relationship(
        secondary="account_tag",
        primaryjoin="Account.id == AccountTag.account_id",
        secondaryjoin="and_(Tag.id == AccountTag.tag_id, AccountTag.deleted_at.is_(None))",
        order_by=Tag.name,
        viewonly=True,
    )
    tag_links: Mapped[list[AccountTag]] = relationship(cascade="save-update, merge")
    contacts: Mapped[list[Contact]] = relationship(back_populates="account")
    stage_changes: Mapped[list[StageChange]] = relationship(
        back_populates="account", order_by="StageChange.changed_at"
    )


class Contact(Entity, Base):
    """REL-1: a person inside an account."""

    __tablename__ = "contact"
    __table_args__ = (
        Index("ix_contact_account_sort", "account_id", "sort_key"),
        # Seed 004's cooling people, coldest first per depth: touched long ago, or never (two
        # partial indexes, so a query for the untouched cannot pick the touched one and sort).
        Index(
            "ix_contact_depth_touch",
            "depth",
            "last_touch_at",
            sqlite_where=text("last_touch_at IS NOT NULL"),
        ),
        Index(
            "ix_contact_untouched",
            "depth",
            "created_at",
            sqlite_where=text("last_touch_at IS NULL"),
        ),
        # DSH-2: who supports us at every customer, read from the index alone; the departed
        # (few) apart.
        Index("ix_contact_coverage", "account_id", "departed", "attitude", "level", "deleted_at"),
        Index(
            "ix_contact_departed",
            "account_id",
            "level",
            "name",
            sqlite_where=text("departed AND deleted_at IS NULL"),
        ),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    name: Mapped[str] = mapped_column(String(120))
    pinyin: Mapped[str] = mapped_column(String(240), default="")
    sort_key: Mapped[str] = mapped_column(String(400))
    title: Mapped[str] = mapped_column(String(120), default="")
    department: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    mobile: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    wechat: Mapped[str] = mapped_column(String(100), default="")
    birthday: Mapped[date | None] = mapped_column(Date, default=None)
    # "MM-DD" of the birthday, computed by SQLite (never written): the reminders' index key.
    birthday_md: Mapped[str | None] = mapped_column(
        String(5), Computed("substr(birthday, 6, 5)", persisted=False), index=True
    )
    family_notes: Mapped[str] = mapped_column(Text, default="")
    education_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    reports_to_id: Mapped[str | None] = mapped_column(
        ForeignKey("contact.id"), default=None, index=True
    )
    departed: Mapped[bool] = mapped_column(Boolean, default=False)
    departed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    level: Mapped[RelationshipLevel] = mapped_column(
        code_enum(RelationshipLevel), default=RelationshipLevel.NONE
    )
    # REL-12 (later issue): where we want this relationship to be.
    target_level: Mapped[RelationshipLevel | None] = mapped_column(
        code_enum(RelationshipLevel), default=None
    )
    depth: Mapped[ContactDepth | None] = mapped_column(code_enum(ContactDepth), default=None)
    attitude: Mapped[Attitude] = mapped_column(code_enum(Attitude), default=Attitude.NEUTRAL)
    # REL-10 (later issue): a role we know exists but have not met ("the CFO").
    is_placeholder: Mapped[bool] = mapped_column(Boolean, default=False)
    # Seed 004: the last visit, call, gift… with this person (kept by services.visits), and a
    # suggested level (REL-6) the user dismissed, so it is not offered again.
    last_touch_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    dismissed_level: Mapped[RelationshipLevel | None] = mapped_column(
        code_enum(RelationshipLevel), default=None
    )

    account: Mapped[Account] = relationship(back_populates="contacts")
    # Live roles only (read-only); writes go through ``role_rows``, which keeps tombstones.
    roles: Mapped[list[ContactRole]] = relationship(
        primaryjoin="and_(Contact.id == foreign(ContactRole.contact_id), "
        "ContactRole.deleted_at.is_(None))",
        order_by="ContactRole.role",
        viewonly=True,
    )
    role_rows: Mapped[list[ContactRole]] = relationship(cascade="save-update, merge")
    level_changes: Mapped[list[LevelChange]] = relationship(
        back_populates="contact", order_by="LevelChange.changed_at"
    )


class ContactRole(Base):
    """REL-2: one buying role held by a contact (a contact may hold several).

    A removed role stays as a tombstone (``deleted_at``); giving it again revives the row."""

    __tablename__ = "contact_role"

    contact_id: Mapped[str] = mapped_column(ForeignKey("contact.id"), primary_key=True)
    role: Mapped[BuyingRole] = mapped_column(code_enum(BuyingRole), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class StageChange(Base):
    """ACC-2: one move of an account between lifecycle stages."""

    __tablename__ = "stage_change"
    __table_args__ = (
        # DSH-1/3: each customer's stage at a moment, and the moves of a period, from the index.
        Index("ix_stage_change_account_time", "account_id", "changed_at", "to_stage"),
        Index("ix_stage_change_time", "changed_at", "from_stage", "to_stage", "account_id"),
    )

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    from_stage: Mapped[Stage | None] = mapped_column(code_enum(Stage), default=None)
    to_stage: Mapped[Stage] = mapped_column(code_enum(Stage))
    lost_reason: Mapped[LostReason | None] = mapped_column(code_enum(LostReason), default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)

    account: Mapped[Account] = relationship(back_populates="stage_changes")


class LevelChange(Base):
    """REL-3: one change of the relationship level with a contact."""

    __tablename__ = "level_change"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    contact_id: Mapped[str] = mapped_column(ForeignKey("contact.id"), index=True)
    from_level: Mapped[RelationshipLevel | None] = mapped_column(
        code_enum(RelationshipLevel), default=None
    )
    to_level: Mapped[RelationshipLevel] = mapped_column(code_enum(RelationshipLevel))
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)

    contact: Mapped[Contact] = relationship(back_populates="level_changes")


class ContactEdge(Entity, Base):
    """REL-9: a user-drawn link between two people of one account (influences / knows)."""

    __tablename__ = "contact_edge"

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("contact.id"))
    target_id: Mapped[str] = mapped_column(ForeignKey("contact.id"))
    kind: Mapped[EdgeKind] = mapped_column(code_enum(EdgeKind))
    note: Mapped[str] = mapped_column(Text, default="")


class MapPosition(Base):
    """Where the salesperson put a person on the account's map (absent or deleted: automatic
    layout). Forgetting the arrangement marks the rows deleted; moving a person revives them."""

    __tablename__ = "map_position"

    contact_id: Mapped[str] = mapped_column(ForeignKey("contact.id"), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class Visit(Entity, Base):
    """VIS-1: a contact with a customer (回访), done or planned (``done`` false: on the plan)."""

    __tablename__ = "visit"
    __table_args__ = (
        Index("ix_visit_account_at", "account_id", "at"),
        # Open next steps only (the Visits section's overdue and upcoming steps): a partial
        # index, read when a query names the same three conditions.
        Index(
            "ix_visit_open_steps",
            "next_due",
            sqlite_where=text("next_done_at IS NULL AND next_step != '' AND deleted_at IS NULL"),
        ),
        Index("ix_visit_planned", "done", "at"),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    done: Mapped[bool] = mapped_column(Boolean, default=True)
    channel: Mapped[Channel] = mapped_column(code_enum(Channel))
    # Codes of ContactFunction and Activity (a visit has one or more of each kind).
    functions: Mapped[list[str]] = mapped_column(JSON, default=list)
    activities: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    next_due: Mapped[date | None] = mapped_column(Date, default=None)
    next_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Gifts and entertainment (seed 004): their value in yuan, flagged past the ceiling.
    gift_value: Mapped[float | None] = mapped_column(Float, default=None)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)


class VisitContact(Base):
    """One person met on a visit; taking them off the visit leaves a tombstone."""

    __tablename__ = "visit_contact"
    __table_args__ = (Index("ix_visit_contact_contact", "contact_id"),)

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), primary_key=True)
    contact_id: Mapped[str] = mapped_column(ForeignKey("contact.id"), primary_key=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class IntelNote(Entity, Base):
    """VIS-2: a piece of intelligence (情报) about a customer, from a visit or not."""

    __tablename__ = "intel_note"

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), default=None, index=True)
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"), default=None)
    kind: Mapped[IntelKind] = mapped_column(code_enum(IntelKind))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)


class Commitment(Entity, Base):
    """COM-1: a promise made to a customer. ``needs_approval``: it states a value beyond a
    bottom line (COM-2) and has been neither approved nor withdrawn."""

    __tablename__ = "commitment"
    __table_args__ = (
        Index("ix_commitment_account", "account_id"),
        Index("ix_commitment_status_due", "status", "due"),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"), default=None)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), default=None)
    what: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[CommitmentStatus] = mapped_column(
        code_enum(CommitmentStatus), default=CommitmentStatus.OPEN
    )
    bottom_line: Mapped[BottomLine | None] = mapped_column(code_enum(BottomLine), default=None)
    stated_value: Mapped[float | None] = mapped_column(Float, default=None)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    approved_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)


class CommitmentChange(Base):
    """COM-1: one change of a commitment's status, with when and why."""

    __tablename__ = "commitment_change"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    commitment_id: Mapped[str] = mapped_column(ForeignKey("commitment.id"), index=True)
    from_status: Mapped[CommitmentStatus | None] = mapped_column(
        code_enum(CommitmentStatus), default=None
    )
    to_status: Mapped[CommitmentStatus] = mapped_column(code_enum(CommitmentStatus))
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)


class CareDate(Entity, Base):
    """Seed 004 (情感关怀): a personal date to remember about a person — an anniversary, a
    child's exam, an operation — raising a reminder a few days ahead."""

    __tablename__ = "care_date"

    contact_id: Mapped[str] = mapped_column(ForeignKey("contact.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    yearly: Mapped[bool] = mapped_column(Boolean, default=False)


class StandardAnswer(Entity, Base):
    """VIS-5: an approved answer (标准回答) to a question customers ask. ``lang``: the
    language it is written in (the library shows the interface language's first)."""

    __tablename__ = "standard_answer"

    category: Mapped[AnswerCategory] = mapped_column(code_enum(AnswerCategory))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(8), default="")


class SurveyTemplate(Entity, Base):
    """SUR-1: a survey form. Editing a template makes a new version (``family`` is the first
    version's id; only the newest is ``current``): answers keep the questions they answered."""

    __tablename__ = "survey_template"

    family: Mapped[str] = mapped_column(IdColumn, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    # {"zh": …, "en": …}: a built-in template speaks both languages; a typed one, its own.
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)


class SurveyQuestion(Entity, Base):
    """One question of one template version. ``key`` names the question within its family
    (kept across versions); ``follows``/``show_below``: asked only when the question keyed
    ``follows`` was scored below ``show_below``; ``signature``: the wording's identity, which
    groups answers across versions in the results."""

    __tablename__ = "survey_question"
    __table_args__ = (Index("ix_survey_question_template", "template_id", "position"),)

    template_id: Mapped[str] = mapped_column(ForeignKey("survey_template.id"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40))
    kind: Mapped[QuestionKind] = mapped_column(code_enum(QuestionKind))
    text: Mapped[dict[str, str]] = mapped_column(JSON)
    choices: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    follows: Mapped[str | None] = mapped_column(String(40), default=None)
    show_below: Mapped[int | None] = mapped_column(Integer, default=None)
    signature: Mapped[str] = mapped_column(String(16))


class SurveyResponse(Entity, Base):
    """SUR-5: one filled-in survey, about us or (``competitor``) about a competitor."""

    __tablename__ = "survey_response"
    __table_args__ = (
        Index("ix_survey_response_account", "account_id", "taken_at"),
        Index("ix_survey_response_taken", "taken_at"),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"), default=None)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), default=None)
    template_id: Mapped[str] = mapped_column(ForeignKey("survey_template.id"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    competitor: Mapped[str] = mapped_column(String(100), default="")
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)


class SurveyAnswer(Entity, Base):
    """One answer: ``score`` for a 1–5 question, ``value`` for the others (yes/no, the chosen
    choice's number, ISO date, text)."""

    __tablename__ = "survey_answer"
    __table_args__ = (Index("ix_survey_answer_response", "response_id"),)

    response_id: Mapped[str] = mapped_column(ForeignKey("survey_response.id"))
    question_id: Mapped[str] = mapped_column(ForeignKey("survey_question.id"))
    score: Mapped[int | None] = mapped_column(Integer, default=None)
    value: Mapped[str] = mapped_column(Text, default="")


class SurveyFollowUp(Entity, Base):
    """SUR-2: a dissatisfied answer (1–3) to act on, until done."""

    __tablename__ = "survey_follow_up"
    __table_args__ = (
        Index("ix_survey_follow_up_account", "account_id"),
        Index(
            "ix_survey_follow_up_open",
            "due",
            sqlite_where=text("done_at IS NULL AND deleted_at IS NULL"),
        ),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    response_id: Mapped[str] = mapped_column(ForeignKey("survey_response.id"))
    answer_id: Mapped[str] = mapped_column(ForeignKey("survey_answer.id"), index=True)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    due: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    outcome: Mapped[str] = mapped_column(Text, default="")


class Complaint(Entity, Base):
    """CMP-1: a complaint (投诉), timed from receipt to first response and to resolution.
    ``survey_answer_id``: the dissatisfied survey answer it was opened from, if any."""

    __tablename__ = "complaint"
    __table_args__ = (
        Index("ix_complaint_account", "account_id", "received_at"),
        Index(
            "ix_complaint_open",
            "received_at",
            sqlite_where=text("resolved_at IS NULL AND deleted_at IS NULL"),
        ),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"), default=None)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[Channel] = mapped_column(code_enum(Channel))
    severity: Mapped[ComplaintSeverity] = mapped_column(code_enum(ComplaintSeverity))
    description: Mapped[str] = mapped_column(Text)
    respond_by: Mapped[datetime] = mapped_column(UTCDateTime)
    resolve_by: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolution: Mapped[str] = mapped_column(Text, default="")
    apology_given: Mapped[bool] = mapped_column(Boolean, default=False)
    apology_words: Mapped[str] = mapped_column(Text, default="")
    satisfied: Mapped[RecoverySatisfaction] = mapped_column(
        code_enum(RecoverySatisfaction), default=RecoverySatisfaction.UNKNOWN
    )
    survey_answer_id: Mapped[str | None] = mapped_column(
        ForeignKey("survey_answer.id"), default=None
    )


class ImprovementAction(Entity, Base):
    """CMP-4 (请您说，我们听，我们做): something changed because customers said so."""

    __tablename__ = "improvement_action"

    what: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    due: Mapped[date | None] = mapped_column(Date, default=None)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class ImprovementSource(Base):
    """CMP-4: the feedback an improvement answers — a complaint, a survey answer or an
    intelligence note (``kind``) — and its customer, who is told when it is done."""

    __tablename__ = "improvement_source"
    __table_args__ = (Index("ix_improvement_source_account", "account_id"),)

    action_id: Mapped[str] = mapped_column(ForeignKey("improvement_action.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    ref_id: Mapped[str] = mapped_column(IdColumn, primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class ImprovementInformed(Base):
    """CMP-4: a customer told that the improvement it asked for is done (when, how)."""

    __tablename__ = "improvement_informed"

    action_id: Mapped[str] = mapped_column(ForeignKey("improvement_action.id"), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), primary_key=True)
    informed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    how: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class WinBackPlan(Entity, Base):
    """WIN-1/2: an attempt to win back a lost customer, with its worth-it check."""

    __tablename__ = "winback_plan"
    __table_args__ = (Index("ix_winback_plan_account", "account_id"),)

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    past_value: Mapped[float | None] = mapped_column(Float, default=None)
    worth_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[WinBackStatus] = mapped_column(
        code_enum(WinBackStatus), default=WinBackStatus.ACTIVE
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class WinBackPlanStep(Entity, Base):
    """WIN-2: one of the seven steps of a plan."""

    __tablename__ = "winback_step"
    __table_args__ = (Index("ix_winback_step_plan", "plan_id"),)

    plan_id: Mapped[str] = mapped_column(ForeignKey("winback_plan.id"))
    step: Mapped[WinBackStep] = mapped_column(code_enum(WinBackStep))
    status: Mapped[StepStatus] = mapped_column(code_enum(StepStatus), default=StepStatus.TODO)
    done_on: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class StageSuggestionDismissal(Base):
    """ACC-4: a suggestion the user dismissed; it comes back only when the evidence changes
    (``evidence``: a digest of what it was based on)."""

    __tablename__ = "stage_suggestion_dismissal"

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), primary_key=True)
    rule: Mapped[StageRule] = mapped_column(code_enum(StageRule), primary_key=True)
    evidence: Mapped[str] = mapped_column(String(40))
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    dismissed_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class ServiceRecord(Entity, Base):
    """TCH-2 (为自己吹响号角): good service delivered to a customer, to remind it of later."""

    __tablename__ = "service_record"
    __table_args__ = (Index("ix_service_record_account", "account_id", "day"),)

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    day: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text, default="")  # what it was worth to the customer
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), default=None)
    complaint_id: Mapped[str | None] = mapped_column(ForeignKey("complaint.id"), default=None)


class Deal(Entity, Base):
    """DEA-1: an opportunity (商机) with a customer, from lead to won or lost. Amounts are whole
    minor units (分/cents) of ``currency``. ``account_stage``: the customer's stage when the
    deal was opened (DEA-5 win rate by stage)."""

    __tablename__ = "deal"
    __table_args__ = (
        Index("ix_deal_account", "account_id"),
        Index("ix_deal_stage", "stage", "expected_close"),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    title: Mapped[str] = mapped_column(String(200))
    stage: Mapped[DealStage] = mapped_column(code_enum(DealStage), default=DealStage.LEAD)
    channel: Mapped[SalesChannel] = mapped_column(code_enum(SalesChannel))
    amount: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    opened_on: Mapped[date] = mapped_column(Date)
    expected_close: Mapped[date | None] = mapped_column(Date, default=None)
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    account_stage: Mapped[Stage] = mapped_column(code_enum(Stage))
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    lost_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class DealMember(Entity, Base):
    """DEA-2: a person of our team on a deal, in a seed-000 role."""

    __tablename__ = "deal_member"
    __table_args__ = (Index("ix_deal_member_deal", "deal_id"),)

    deal_id: Mapped[str] = mapped_column(ForeignKey("deal.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    role: Mapped[DealRole] = mapped_column(code_enum(DealRole))


class SalesOrder(Entity, Base):
    """DEA-3: an order a customer placed; its value is the sum of its lines."""

    __tablename__ = "sales_order"
    __table_args__ = (
        Index("ix_sales_order_account", "account_id", "ordered_on", "deleted_at"),
        Index("ix_sales_order_day", "ordered_on"),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    deal_id: Mapped[str | None] = mapped_column(ForeignKey("deal.id"), default=None)
    number: Mapped[str] = mapped_column(String(60), default="")
    ordered_on: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    notes: Mapped[str] = mapped_column(Text, default="")


class OrderLine(Entity, Base):
    """DEA-3: a line of an order. ``amount`` and ``margin`` are the line's totals in minor
    units; ``margin`` None when the cost is not known (it then counts as no margin)."""

    __tablename__ = "order_line"
    __table_args__ = (Index("ix_order_line_order", "order_id"),)

    order_id: Mapped[str] = mapped_column(ForeignKey("sales_order.id"))
    product: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[float] = mapped_column(Float, default=1.0)
    amount: Mapped[int] = mapped_column(Integer, default=0)
    margin: Mapped[int | None] = mapped_column(Integer, default=None)


class InstalledProduct(Entity, Base):
    """DEA-3: a product in use at a customer, with the day it should be replaced (seed 004,
    the GE example: offer the replacement before the customer starts shopping around)."""

    __tablename__ = "installed_product"
    __table_args__ = (
        Index("ix_installed_product_account", "account_id"),
        Index("ix_installed_product_replace", "replace_by"),
    )

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    product: Mapped[str] = mapped_column(String(200))
    installed_on: Mapped[date | None] = mapped_column(Date, default=None)
    replace_by: Mapped[date | None] = mapped_column(Date, default=None)
    order_line_id: Mapped[str | None] = mapped_column(ForeignKey("order_line.id"), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class Referral(Entity, Base):
    """DEA-4: who referred a customer to us: another customer, or a person at one."""

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_referred", "referred_account_id"),
        Index("ix_referral_by_account", "by_account_id"),
    )

    referred_account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    by_account_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    by_contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact.id"), default=None)
    referred_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class SavedView(Entity, Base):
    """TIER-2: a named filter over the customers (``spec``: the filter's fields as JSON),
    shown as a list view in the navigation and usable by reports and the CLI."""

    __tablename__ = "saved_view"

    name: Mapped[str] = mapped_column(String(100))
    spec: Mapped[dict[str, object]] = mapped_column(JSON)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)


class TeamSetting(Base):
    """One team-wide setting (visit cadences, limits…): the same on every laptop of the team,
    unlike window sizes and the language, which stay in the per-machine settings file."""

    __tablename__ = "team_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class FieldChange(Base):
    """ACC-1: who changed which field of a record, from what to what."""

    __tablename__ = "field_change"
    __table_args__ = (Index("ix_field_change_record", "record_kind", "record_id"),)

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    record_kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(IdColumn)
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text, default=None)
    new_value: Mapped[str | None] = mapped_column(Text, default=None)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)


class MergeRecord(Entity, Base):
    """OFF-2: two records found to be one person (or one customer) merged, as an operation
    that can be undone. ``kept_before``: every column of the kept record before the merge
    (stored form: codes, ISO text); ``moved``: each row the merge changed, in order, so undo
    can put it back (see ``services.merging``). The ids name a contact or a customer
    (``kind``), so they are not foreign keys: a merge is never itself moved by one."""

    __tablename__ = "merge_record"
    __table_args__ = (
        Index("ix_merge_record_kept", "kept_id"),
        Index("ix_merge_record_merged", "merged_id"),
    )

    kind: Mapped[DuplicateKind] = mapped_column(code_enum(DuplicateKind))
    kept_id: Mapped[str] = mapped_column(IdColumn)
    merged_id: Mapped[str] = mapped_column(IdColumn)
    kept_before: Mapped[dict[str, object]] = mapped_column(JSON)
    moved: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class NotDuplicate(Base):
    """OFF-2: the user said these two are different people (or customers): never proposed as
    duplicates again. Keyed by the pair itself (smaller id first), so two laptops deciding the
    same make one row; taking the decision back leaves a tombstone."""

    __tablename__ = "not_duplicate"

    kind: Mapped[DuplicateKind] = mapped_column(code_enum(DuplicateKind), primary_key=True)
    first_id: Mapped[str] = mapped_column(IdColumn, primary_key=True)
    second_id: Mapped[str] = mapped_column(IdColumn, primary_key=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class SearchDoc(Base):
    """One searchable record (account or contact) with its search spellings.

    Rows exist only for live records. Two contentless FTS5 tables (created by migration
    0005, kept in step by triggers on this table, holding no copy of the text) index it:
    ``search_fts`` (trigram) the name, pinyin, initials and ``alts`` for queries of 3+
    characters; ``search_prefix`` the 1–2 character prefixes in ``terms`` (which trigram
    cannot match), as hex tokens. What a hit shows (name, detail) is read from the account
    and contact tables, not copied here; an account's own entry is the one whose ``ref_id``
    is its ``account_id`` (ids are unique across both tables).
    """

    __tablename__ = "search_doc"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ref_id: Mapped[str] = mapped_column(IdColumn, unique=True)
    account_id: Mapped[str] = mapped_column(IdColumn, index=True)
    norm_name: Mapped[str] = mapped_column(String(200))
    pinyin: Mapped[str] = mapped_column(String(600), default="")
    initials: Mapped[str] = mapped_column(String(200), default="")
    # Other spellings for the trigram index: " | pinyin | initials" per other reading.
    alts: Mapped[str] = mapped_column(Text, default="")
    # The 1–2 character prefixes short queries match, space-separated and space-enclosed.
    terms: Mapped[str] = mapped_column(Text, default="")


class SearchAccount(Base):
    """Per customer, the 1–2 character prefixes of its own and all its people's names (the
    union of their documents' ``terms``). The customer list walks the customers in list
    order and tests ``instr(terms, ' zw ')`` here: one seek per customer, however many
    people it has, so a page of a short search stops as soon as it has its rows.
    """

    __tablename__ = "search_account"
    __table_args__ = ({"sqlite_with_rowid": False},)

    account_id: Mapped[str] = mapped_column(IdColumn, primary_key=True)
    terms: Mapped[str] = mapped_column(Text, default="")


# OFF-3: what this laptop keeps to synchronise with a team server. Local bookkeeping, never
# synchronised itself; ``db.sync_capture`` makes the triggers that mark edited records.


class SyncState(Base):
    """This install (one row, ``id`` 1): its device id, its hybrid logical clock (the last
    stamp it issued or received, ``domain.hlc``), the server's sequence it has pulled up to
    (``cursor``), the server it syncs with and when it last did. ``paused`` silences the
    capture triggers inside one transaction (applying pulled changes, building a demo)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(IdColumn)
    name: Mapped[str] = mapped_column(String(100), default="")
    # Where this file was when it last synced (computer and path): a file copied to another
    # laptop, or a backup restored there, takes a new device id before its first sync.
    home: Mapped[str | None] = mapped_column(Text, default=None)
    clock: Mapped[str] = mapped_column(String(64))
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    server: Mapped[str | None] = mapped_column(String(300), default=None)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncMark(Base):
    """A record edited since it was last sealed into ops, written by the capture triggers in
    the edit's own transaction. ``edited_ms``: the wall clock of its last edit (the stamp of
    its ops); ``seen_seq``: the server sequence this laptop had pulled at its first edit (what
    the edit could know of: a delete the laptop had not seen is a conflict)."""

    __tablename__ = "sync_mark"
    __table_args__ = ({"sqlite_with_rowid": False},)

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    record_id: Mapped[str] = mapped_column(Text, primary_key=True)
    edited_ms: Mapped[int] = mapped_column(Integer)
    seen_seq: Mapped[int] = mapped_column(Integer, default=0)


class SyncShadow(Base):
    """Per record, the op and value each of its fields last came from (a local op or a
    pulled head), as JSON ``{field: [op_id, value]}``: the base of the next edit, and what a
    seal compares the row with to find the fields that changed."""

    __tablename__ = "sync_shadow"
    __table_args__ = ({"sqlite_with_rowid": False},)

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    record_id: Mapped[str] = mapped_column(Text, primary_key=True)
    fields: Mapped[str] = mapped_column(Text)


class OutboxOp(Base):
    """One edit of one field, sealed and waiting to be pushed, in order (``seq``).

    ``record_id``: the row's key as text (a composite key as a JSON array); ``value``: the
    stored value as JSON text (a delete is the field ``deleted_at``); ``base_op``: the op the
    replaced value came from, None for a first value."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(IdColumn, unique=True)
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text)
    hlc: Mapped[str] = mapped_column(String(64))
    base_op: Mapped[str | None] = mapped_column(IdColumn, default=None)
    seen_seq: Mapped[int] = mapped_column(Integer, default=0)


class SyncConflict(Base):
    """A conflict the server recorded, copied at each sync so the Conflicts screen works
    offline (``id`` is the server's). ``kind``: ``field`` (one field edited on two laptops)
    or ``delete`` (a delete against an edit). ``resolved_at``: set when this laptop resolved
    it (the resolution is a new edit; the server hears of it at the next sync)."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(10), default="field")
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(60))
    winner_op: Mapped[str] = mapped_column(IdColumn)
    loser_op: Mapped[str] = mapped_column(IdColumn)
    winner_value: Mapped[str] = mapped_column(Text)
    loser_value: Mapped[str] = mapped_column(Text)
    winner_device: Mapped[str] = mapped_column(String(100))
    loser_device: Mapped[str] = mapped_column(String(100))
    winner_hlc: Mapped[str] = mapped_column(String(64))
    loser_hlc: Mapped[str] = mapped_column(String(64))
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_by_op: Mapped[str | None] = mapped_column(IdColumn, default=None)
    resolution_sent: Mapped[bool] = mapped_column(Boolean, default=False)
