"""The tables. Histories are rows; user data is soft-deleted (``deleted_at``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trustdesk.db.base import Base, Entity, IdColumn, UTCDateTime, new_id, utcnow
from trustdesk.domain.enums import (
    AccountKind,
    Attitude,
    BuyingRole,
    ContactDepth,
    EdgeKind,
    LabeledEnum,
    LostReason,
    RelationshipLevel,
    Stage,
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


account_tag = Table(
    "account_tag",
    Base.metadata,
    Column("account_id", IdColumn, ForeignKey("account.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", IdColumn, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_account_tag_tag_id", "tag_id"),
)


class Tag(Base):
    __tablename__ = "tag"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(60), unique=True)


class Account(Entity, Base):
    """ACC-1: a company or individual customer."""

    __tablename__ = "account"
    __table_args__ = (
        Index("ix_account_live_sort", "deleted_at", "sort_key"),
        Index("ix_account_live_updated", "deleted_at", "updated_at"),
        Index("ix_account_stage", "stage"),
    )

    name: Mapped[str] = mapped_column(String(200))
    sort_key: Mapped[str] = mapped_column(String(600))
    kind: Mapped[AccountKind] = mapped_column(code_enum(AccountKind), default=AccountKind.COMPANY)
    industry: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    owner: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[Stage] = mapped_column(code_enum(Stage), default=Stage.SKEPTIC)
    lost_reason: Mapped[LostReason | None] = mapped_column(code_enum(LostReason), default=None)
    do_not_serve: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_serve_reason: Mapped[str] = mapped_column(Text, default="")
    do_not_serve_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    tags: Mapped[list[Tag]] = relationship(secondary=account_tag, order_by=Tag.name)
    contacts: Mapped[list[Contact]] = relationship(back_populates="account")
    stage_changes: Mapped[list[StageChange]] = relationship(
        back_populates="account", order_by="StageChange.changed_at"
    )


class Contact(Entity, Base):
    """REL-1: a person inside an account."""

    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_account_sort", "account_id", "sort_key"),)

    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
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
    family_notes: Mapped[str] = mapped_column(Text, default="")
    education_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    reports_to_id: Mapped[str | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), default=None, index=True
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

    account: Mapped[Account] = relationship(back_populates="contacts")
    roles: Mapped[list[ContactRole]] = relationship(
        cascade="all, delete-orphan", order_by="ContactRole.role"
    )
    level_changes: Mapped[list[LevelChange]] = relationship(
        back_populates="contact", order_by="LevelChange.changed_at"
    )


class ContactRole(Base):
    """REL-2: one buying role held by a contact (a contact may hold several)."""

    __tablename__ = "contact_role"

    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[BuyingRole] = mapped_column(code_enum(BuyingRole), primary_key=True)


class StageChange(Base):
    """ACC-2: one move of an account between lifecycle stages."""

    __tablename__ = "stage_change"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[Stage | None] = mapped_column(code_enum(Stage), default=None)
    to_stage: Mapped[Stage] = mapped_column(code_enum(Stage))
    lost_reason: Mapped[LostReason | None] = mapped_column(code_enum(LostReason), default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100), default="")

    account: Mapped[Account] = relationship(back_populates="stage_changes")


class LevelChange(Base):
    """REL-3: one change of the relationship level with a contact."""

    __tablename__ = "level_change"

    id: Mapped[str] = mapped_column(IdColumn, primary_key=True, default=new_id)
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    from_level: Mapped[RelationshipLevel | None] = mapped_column(
        code_enum(RelationshipLevel), default=None
    )
    to_level: Mapped[RelationshipLevel] = mapped_column(code_enum(RelationshipLevel))
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100), default="")

    contact: Mapped[Contact] = relationship(back_populates="level_changes")


class ContactEdge(Entity, Base):
    """REL-9: a user-drawn link between two people of one account (influences / knows)."""

    __tablename__ = "contact_edge"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[str] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"))
    target_id: Mapped[str] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"))
    kind: Mapped[EdgeKind] = mapped_column(code_enum(EdgeKind))
    note: Mapped[str] = mapped_column(Text, default="")


class MapPosition(Base):
    """Where the salesperson put a person on the account's map (absent: automatic layout)."""

    __tablename__ = "map_position"

    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[str] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


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
    changed_by: Mapped[str] = mapped_column(String(100), default="")


class SearchDoc(Base):
    """One searchable record (account or contact) with its search spellings.

    Rows exist only for live records. ``search_fts`` (FTS5, trigram, created by migration)
    indexes ``fts_text`` for queries of 3+ characters; ``search_term`` holds prefix terms for
    the 1–2 character queries the trigram tokenizer cannot answer.
    """

    __tablename__ = "search_doc"
    __table_args__ = (UniqueConstraint("kind", "ref_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref_id: Mapped[str] = mapped_column(IdColumn)
    account_id: Mapped[str] = mapped_column(IdColumn, index=True)
    name: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(String(400), default="")
    norm_name: Mapped[str] = mapped_column(String(200))
    pinyin: Mapped[str] = mapped_column(String(600), default="")
    initials: Mapped[str] = mapped_column(String(200), default="")
    sort_key: Mapped[str] = mapped_column(String(600))
    fts_text: Mapped[str] = mapped_column(Text)


class SearchTerm(Base):
    __tablename__ = "search_term"
    __table_args__ = (
        Index("ix_search_term_doc_id", "doc_id"),
        {"sqlite_with_rowid": False},
    )

    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    doc_id: Mapped[int] = mapped_column(
        ForeignKey("search_doc.id", ondelete="CASCADE"), primary_key=True
    )
