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
    ComplaintSeverity,
    ContactDepth,
    ContactFunction,
    CoverageRisk,
    DealRole,
    DealStage,
    IntelKind,
    LostReason,
    QuestionKind,
    RecoverySatisfaction,
    RelationshipLevel,
    SalesChannel,
    ScoreBand,
    Stage,
    StageRule,
    StepStatus,
    Tier,
    TrustPhase,
    WinBackStatus,
    WinBackStep,
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
    tier: Tier | None = None  # TIER-1: of the last recompute (None: not tiered)


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


def _in(lang: str, zh: str, en: str) -> str:
    """The text in ``lang``, or the other language's when it has none (a typed template)."""
    return (zh or en) if lang.startswith("zh") else (en or zh)


@dataclass(frozen=True, slots=True)
class QuestionData:
    """SUR-1: one question of a template version."""

    id: str
    key: str
    position: int
    kind: QuestionKind
    text_zh: str
    text_en: str
    choices: tuple[tuple[str, str], ...]  # (zh, en) of each choice, in order
    required: bool
    follows: str | None  # the key of the question whose score decides whether it is asked
    show_below: int | None
    signature: str

    def text(self, lang: str) -> str:
        return _in(lang, self.text_zh, self.text_en)

    def choice_labels(self, lang: str) -> list[str]:
        return [_in(lang, zh, en) for zh, en in self.choices]


@dataclass(frozen=True, slots=True)
class TemplateData:
    """SUR-1: a survey template version with its questions in order."""

    id: str
    family: str
    version: int
    current: bool
    title_zh: str
    title_en: str
    builtin: bool
    questions: tuple[QuestionData, ...]
    responses: int  # surveys filled with this version

    def title(self, lang: str) -> str:
        return _in(lang, self.title_zh, self.title_en)


@dataclass(frozen=True, slots=True)
class SurveyAnswerData:
    """One answer of a filled-in survey, with the question as it was asked."""

    question_id: str
    key: str
    kind: QuestionKind
    text_zh: str
    text_en: str
    score: int | None
    value: str  # yes/no, the choice's label (zh|en), ISO date or text
    band: ScoreBand | None


@dataclass(frozen=True, slots=True)
class SurveyResponseData:
    """SUR-5: a filled-in survey."""

    id: str
    account_id: str
    account_name: str
    contact_id: str | None
    contact_name: str
    visit_id: str | None
    template_id: str
    title_zh: str
    title_en: str
    taken_at: datetime
    competitor: str  # "" when the survey is about us
    owner: str
    answers: tuple[SurveyAnswerData, ...]
    follow_ups: int  # follow-up tasks it created (scores of 1–3)

    def title(self, lang: str) -> str:
        return _in(lang, self.title_zh, self.title_en)


@dataclass(frozen=True, slots=True)
class FollowUpData:
    """SUR-2: a dissatisfied answer to act on."""

    id: str
    account_id: str
    account_name: str
    response_id: str
    answer_id: str
    question_zh: str
    question_en: str
    score: int
    comment: str  # what the customer said would make it a 5, if asked
    taken_at: datetime
    owner: str
    due: date
    done_at: datetime | None
    outcome: str
    overdue: bool


@dataclass(frozen=True, slots=True)
class SurveyPlanRow:
    """SUR-3: a customer on the survey plan."""

    account_id: str
    account_name: str
    stage: Stage
    cycle_months: int
    last_survey_at: datetime | None
    next_survey_due: date | None
    days_overdue: int  # 0 when not overdue


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """SUR-4: the answers to one question (grouped across versions while its wording is
    unchanged): for a 1–5 question the count of each score, else the count of each value."""

    signature: str
    key: str
    kind: QuestionKind
    text_zh: str
    text_en: str
    count: int
    mean: float | None
    distribution: tuple[int, int, int, int, int]  # how many 1s … 5s
    values: tuple[tuple[str, int], ...]  # yes-no and choice answers: (value, count)

    def text(self, lang: str) -> str:
        return _in(lang, self.text_zh, self.text_en)


@dataclass(frozen=True, slots=True)
class MonthIndex:
    """SUR-4: the satisfaction index of one month (share of 5s − share of 1–3s, in points)."""

    month: str  # YYYY-MM
    scores: int
    excellent: int
    dissatisfied: int
    index: float | None


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One score given by a customer, for its trend chart."""

    signature: str
    taken_at: datetime
    score: int
    response_id: str


@dataclass(frozen=True, slots=True)
class CompetitorResult:
    """SUR-4: the mean score of one question, for us ("") or for a competitor."""

    competitor: str
    signature: str
    text_zh: str
    text_en: str
    mean: float
    count: int

    def text(self, lang: str) -> str:
        return _in(lang, self.text_zh, self.text_en)


@dataclass(frozen=True, slots=True)
class SurveyResults:
    """SUR-4: results for one customer or the portfolio over a period."""

    questions: tuple[QuestionResult, ...]
    months: tuple[MonthIndex, ...]
    trend: tuple[TrendPoint, ...]  # one customer's scores over time (empty for the portfolio)
    competitors: tuple[CompetitorResult, ...]  # empty when no competitor was scored
    index: float | None  # over the whole period


@dataclass(frozen=True, slots=True)
class ComplaintData:
    """CMP-1/2: a complaint with its two timers (seconds) as of when it was read."""

    id: str
    account_id: str
    account_name: str
    contact_id: str | None
    contact_name: str
    owner: str
    received_at: datetime
    channel: Channel
    severity: ComplaintSeverity
    description: str
    respond_by: datetime
    resolve_by: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    resolution: str
    apology_given: bool
    apology_words: str
    satisfied: RecoverySatisfaction
    survey_answer_id: str | None
    response_seconds: int  # receipt → first response (or now, while unanswered)
    resolve_seconds: int  # receipt → resolution (or now)
    response_over_seconds: int  # past the response deadline (0: within it)
    resolve_over_seconds: int  # past the resolution deadline (0: within it)

    @property
    def overdue(self) -> bool:
        """Unanswered past its response deadline, or unresolved past its resolution one."""
        if self.resolved_at is not None:
            return False
        late_answer = self.first_response_at is None and self.response_over_seconds > 0
        return late_answer or self.resolve_over_seconds > 0

    DERIVED: ClassVar[tuple[str, ...]] = ("overdue",)


@dataclass(frozen=True, slots=True)
class FailureHistory:
    """CMP-3: a customer's complaints (failures) and what the three-chances rule makes of them."""

    complaints: tuple[ComplaintData, ...]
    risk: CoverageRisk | None
    zh: str
    en: str

    def sentence(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True, slots=True)
class ImprovementSourceData:
    """CMP-4: feedback an improvement answers (kind: complaint, survey-answer, note)."""

    kind: str
    ref_id: str
    account_id: str
    account_name: str
    summary: str  # the complaint, the answer or the note, shortened


@dataclass(frozen=True, slots=True)
class InformedData:
    """CMP-4: a customer concerned by an improvement, and whether it has been told."""

    account_id: str
    account_name: str
    informed_at: datetime | None
    how: str


@dataclass(frozen=True, slots=True)
class ImprovementData:
    """CMP-4: an improvement action (请您说，我们听，我们做)."""

    id: str
    what: str
    owner: str
    due: date | None
    done_at: datetime | None
    sources: tuple[ImprovementSourceData, ...]
    customers: tuple[InformedData, ...]

    @property
    def to_inform(self) -> tuple[InformedData, ...]:
        """Done, and these customers have not been told yet."""
        if self.done_at is None:
            return ()
        return tuple(c for c in self.customers if c.informed_at is None)


@dataclass(frozen=True, slots=True)
class WinBackStepData:
    step: WinBackStep
    status: StepStatus
    done_on: date | None
    notes: str


@dataclass(frozen=True, slots=True)
class WinBackPlanData:
    """WIN-1/2: a win-back plan with its worth-it check and its seven steps."""

    id: str
    account_id: str
    account_name: str
    owner: str
    past_value: float | None
    worth_reason: str
    status: WinBackStatus
    started_at: datetime
    closed_at: datetime | None
    steps: tuple[WinBackStepData, ...]


@dataclass(frozen=True, slots=True)
class StageSuggestionData:
    """ACC-4: a suggested change of stage with its evidence in one sentence."""

    account_id: str
    account_name: str
    stage: Stage
    to_stage: Stage
    rule: StageRule
    zh: str
    en: str

    def sentence(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True, slots=True)
class ServiceRecordData:
    """TCH-2: good service delivered to a customer."""

    id: str
    account_id: str
    day: date
    what: str
    value: str
    visit_id: str | None
    complaint_id: str | None


@dataclass(frozen=True, slots=True)
class DealMemberData:
    """DEA-2: one of our team on a deal."""

    role: DealRole
    user_id: str
    name: str


@dataclass(frozen=True, slots=True)
class DealData:
    """DEA-1: an opportunity. ``amount`` in minor units (分/cents) of ``currency``."""

    id: str
    account_id: str
    account_name: str
    title: str
    stage: DealStage
    channel: SalesChannel
    amount: int
    currency: str
    opened_on: date
    expected_close: date | None
    closed_on: date | None
    account_stage: Stage
    owner: str
    lost_reason: str
    notes: str
    team: tuple[DealMemberData, ...] = ()

    DERIVED: ClassVar[tuple[str, ...]] = ("cycle_days",)

    @property
    def cycle_days(self) -> int | None:
        """DEA-1: days from opening to closing (None while open)."""
        return None if self.closed_on is None else max((self.closed_on - self.opened_on).days, 0)


@dataclass(frozen=True, slots=True)
class PipelineColumn:
    """One stage of the pipeline: its deals (most valuable first) and their totals."""

    stage: DealStage
    deals: list[DealData]
    totals: dict[str, int]  # currency → amount in minor units


@dataclass(frozen=True, slots=True)
class OrderLineData:
    id: str
    product: str
    quantity: float
    amount: int  # the line's total, minor units
    margin: int | None


@dataclass(frozen=True, slots=True)
class OrderData:
    """DEA-3: an order with its lines; ``total`` is the sum of the lines' amounts."""

    id: str
    account_id: str
    deal_id: str | None
    number: str
    ordered_on: date
    currency: str
    notes: str
    lines: tuple[OrderLineData, ...]

    DERIVED: ClassVar[tuple[str, ...]] = ("total",)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True, slots=True)
class InstalledProductData:
    """DEA-3: a product in use at a customer; ``remind_from`` is when its replacement is due
    to be offered (``replace_by`` less the team's notice)."""

    id: str
    account_id: str
    account_name: str
    product: str
    installed_on: date | None
    replace_by: date | None
    remind_from: date | None
    notes: str


@dataclass(frozen=True, slots=True)
class ReferralData:
    """DEA-4: ``by_account`` (or a person there, ``by_contact``) referred ``referred``."""

    id: str
    referred_account_id: str
    referred_name: str
    by_account_id: str
    by_account_name: str
    by_contact_id: str | None
    by_contact_name: str
    referred_on: date
    notes: str
