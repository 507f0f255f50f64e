"""Plain data returned by the services: frozen dataclasses, convertible to JSON."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Generic, TypeVar

from trustdesk.domain.enums import (
    AccountKind,
    Activity,
    AnswerCategory,
    Attitude,
    BottomLine,
    BuyingRole,
    Channel,
    CommitmentStatus,
    ContactDepth,
    ContactFunction,
    IntelKind,
    LostReason,
    RelationshipLevel,
    Stage,
    TrustPhase,
)


def to_json(value: Any) -> Any:
    """Dataclasses, enums and dates as JSON-ready values (enums by code, dates ISO 8601)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = [f.name for f in dataclasses.fields(value)] + list(getattr(value, "DERIVED", ()))
        return {name: to_json(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


R = TypeVar("R")


def from_row(cls: type[R], row: object, **overrides: Any) -> R:
    """Build a record from a model row by copying the fields of the same names."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    return cls(**{n: overrides[n] if n in overrides else getattr(row, n) for n in names})


def builder(cls: type[R]) -> Callable[..., R]:
    """A maker of ``cls`` records from all their fields in order, for lists of hundreds.

    A frozen dataclass's own ``__init__`` sets each field through ``object.__setattr__``
    looked up anew every time (0.67 µs for six fields); this one sets the slots through
    their descriptors bound once (0.48 µs). The record is the same frozen, equal, hashable
    object either way."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    assert "__slots__" in vars(cls) and not hasattr(cls, "__post_init__"), cls
    setters = {f"_set{i}": getattr(cls, name).__set__ for i, name in enumerate(names)}
    bound = ", ".join(f"{key}={key}" for key in setters)
    body = "".join(f"    _set{i}(record, {name})\n" for i, name in enumerate(names))
    source = (
        f"def make({', '.join(names)}, *, _new=_new, _cls=_cls, {bound}):\n"
        f"    record = _new(_cls)\n{body}    return record\n"
    )
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(source, scope)  # the source is made of the dataclass's own field names
    make: Callable[..., R] = scope["make"]
    make.__qualname__ = f"builder({cls.__name__})"
    return make


@dataclass(frozen=True, slots=True)
class AccountData:
    id: str
    name: str
    kind: AccountKind
    industry: str
    region: str
    address: str
    phone: str
    website: str
    owner: str  # the owner's display name ("" for none)
    owner_id: str | None
    notes: str
    tags: tuple[str, ...]
    stage: Stage
    lost_reason: LostReason | None
    do_not_serve: bool
    do_not_serve_reason: str
    do_not_serve_at: datetime | None
    created_at: datetime
    updated_at: datetime
    pinyin: str = ""  # a hand-corrected pinyin of an individual's name
    visit_cadence_days: int | None = None  # VIS-3: its own cadence (None: the stage's)
    last_visit_at: datetime | None = None
    next_visit_due: date | None = None

    DERIVED: ClassVar[tuple[str, ...]] = ("trust_phase",)

    @property
    def trust_phase(self) -> TrustPhase:
        return self.stage.trust_phase


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One line of the customer list (only what the list shows)."""

    id: str
    name: str
    stage: Stage
    region: str
    industry: str
    owner: str  # the owner's display name ("" for none)
    do_not_serve: bool
    updated_at: datetime
    owner_id: str | None = None
    last_visit_at: datetime | None = None  # VIS-3: the plan's columns of the list
    next_visit_due: date | None = None


@dataclass(frozen=True, slots=True)
class ContactData:
    id: str
    account_id: str
    name: str
    pinyin: str
    title: str
    department: str
    phone: str
    mobile: str
    email: str
    wechat: str
    birthday: date | None
    family_notes: str
    education_notes: str
    notes: str
    reports_to_id: str | None
    departed: bool
    departed_at: datetime | None
    level: RelationshipLevel
    target_level: RelationshipLevel | None
    depth: ContactDepth | None
    attitude: Attitude
    roles: tuple[BuyingRole, ...]
    is_placeholder: bool
    created_at: datetime
    updated_at: datetime
    last_touch_at: datetime | None = None  # the last visit, call or gift with this person


@dataclass(frozen=True, slots=True)
class StageChangeData:
    id: str
    account_id: str
    from_stage: Stage | None
    to_stage: Stage
    lost_reason: LostReason | None
    reason: str
    changed_at: datetime
    changed_by: str  # the display name of who made the change
    changed_by_id: str | None


@dataclass(frozen=True, slots=True)
class LevelChangeData:
    id: str
    contact_id: str
    from_level: RelationshipLevel | None
    to_level: RelationshipLevel
    reason: str
    changed_at: datetime
    changed_by: str  # the display name of who made the change
    changed_by_id: str | None


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list. ``total`` is the exact count when ``exact``; otherwise counting
    would cost more than the page (a broad search) and ``total`` is a lower bound ("200+").
    ``after`` is the keyset cursor of the last row: pass it back to read the next page at the
    cost of the first (None when there is no next page)."""

    rows: list[T]
    total: int
    offset: int
    after: tuple[Any, ...] | None = None
    exact: bool = True


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person named in another record (a visit's people, a promise's recipient)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class VisitData:
    """VIS-1: a visit, done or planned, with the people met."""

    id: str
    account_id: str
    account_name: str
    at: datetime
    done: bool
    channel: Channel
    functions: tuple[ContactFunction, ...]
    activities: tuple[Activity, ...]
    people: tuple[PersonRef, ...]
    notes: str
    outcome: str
    next_step: str
    next_due: date | None
    next_done_at: datetime | None
    gift_value: float | None
    gift_over_limit: bool  # the gift's value is past the team's ceiling (COM-2)
    owner: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class IntelNoteData:
    """VIS-2: a piece of intelligence about a customer."""

    id: str
    account_id: str
    visit_id: str | None
    contact_id: str | None
    contact_name: str
    kind: IntelKind
    text: str
    author: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CommitmentData:
    """COM-1: a promise made to a customer."""

    id: str
    account_id: str
    account_name: str
    contact_id: str | None
    contact_name: str
    owner: str
    visit_id: str | None
    what: str
    due: date | None
    status: CommitmentStatus
    bottom_line: BottomLine | None
    stated_value: float | None
    needs_approval: bool
    approved_at: datetime | None
    overdue: bool  # open and past its due date
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CommitmentChangeData:
    id: str
    commitment_id: str
    from_status: CommitmentStatus | None
    to_status: CommitmentStatus
    reason: str
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True, slots=True)
class AnswerData:
    """VIS-5: a standard answer."""

    id: str
    category: AnswerCategory
    question: str
    answer: str
    tags: str
    lang: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PlanRow:
    """VIS-3: a customer on the visit plan."""

    account_id: str
    account_name: str
    stage: Stage
    last_visit_at: datetime | None
    next_visit_due: date | None
    days_overdue: int  # 0 when not overdue


@dataclass(frozen=True, slots=True)
class NextStepRow:
    """A next step promised at a visit, or a planned visit, with its date."""

    visit_id: str
    account_id: str
    account_name: str
    what: str  # the next step, or the first line of a planned visit's notes
    due: date
    planned_visit: bool
    channel: Channel | None = None  # a planned visit's


@dataclass(frozen=True, slots=True)
class CoolingContact:
    """Seed 004: a person past the rhythm of contact planned with them."""

    contact_id: str
    name: str
    account_id: str
    account_name: str
    depth: ContactDepth
    last_touch_at: datetime | None
    cooling_since: date


@dataclass(frozen=True, slots=True)
class ReminderData:
    """A birthday or care date coming up (情感关怀)."""

    contact_id: str
    name: str
    account_id: str
    account_name: str
    day: date
    days_away: int
    what: str  # "" for a birthday; the care note otherwise
    birthday: bool


@dataclass(frozen=True, slots=True)
class LevelSuggestionData:
    """REL-6: a level the interactions with a person support, with the evidence."""

    contact_id: str
    name: str
    current: RelationshipLevel
    level: RelationshipLevel
    zh: str
    en: str

    def sentence(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en
