"""The vocabulary of TrustDesk, in the order FEATURES.md gives it.

Each member's value is the stable code stored in the database and typed on the command line
(``first-time``, ``decision-maker``); each carries its Chinese label (the seeds' term) and its
English label. Enum order is meaningful: ``list(Stage)`` is the lifecycle order and
``RelationshipLevel`` compares by depth.
"""

from __future__ import annotations

import enum
import unicodedata
from typing import Self


class LabeledEnum(enum.Enum):
    """An enum whose members carry a code, a Chinese label and an English label."""

    zh: str
    en: str

    def __new__(cls, code: str, zh: str, en: str) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.zh = zh
        member.en = en
        return member

    @property
    def code(self) -> str:
        return self._value_

    def label(self, lang: str = "en") -> str:
        """The label shown in the user interface for ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang.startswith("zh") else self.en

    @property
    def position(self) -> int:
        """Zero-based position in the declared order."""
        return list(type(self)).index(self)

    @classmethod
    def parse(cls, text: str | Self) -> Self:
        """Read a member from its code, name, Chinese or English label (case-insensitive).

        Raises ``ValueError`` with the accepted codes in the message.
        """
        if isinstance(text, cls):
            return text
        key = _normalize(str(text))
        for member in cls:
            candidates = {member.code, member.name.lower(), member.zh, member.en.lower()}
            if key in {_normalize(c) for c in candidates}:
                return member
        choices = ", ".join(m.code for m in cls)
        raise ValueError(f"{text!r} is not a valid {cls.kind_label()}; choose one of: {choices}")

    @classmethod
    def codes(cls) -> list[str]:
        return [m.code for m in cls]

    @classmethod
    def kind_label(cls) -> str:
        """A readable name of the enum itself, for error messages."""
        words: list[str] = []
        for ch in cls.__name__:
            if ch.isupper() and words:
                words.append(" ")
            words.append(ch.lower())
        return "".join(words)


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return text.replace("_", "-").replace(" ", "-")


class OrderedLabeledEnum(LabeledEnum):
    """A labeled enum whose members compare by their declared order."""

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.position < other.position

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.position <= other.position

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.position > other.position

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.position >= other.position


class AccountKind(LabeledEnum):
    """ACC-1: an account is a company or an individual."""

    COMPANY = ("company", "企业客户", "Company")
    INDIVIDUAL = ("individual", "个人客户", "Individual")


class Stage(OrderedLabeledEnum):
    """ACC-2: lifecycle stage (客户阶段), in lifecycle order."""

    SKEPTIC = ("skeptic", "怀疑者", "Skeptic")
    EXPLORER = ("explorer", "探寻者", "Explorer")
    FIRST_TIME = ("first-time", "初次客户", "First-time customer")
    REPEAT = ("repeat", "回头客", "Repeat customer")
    REGULAR = ("regular", "老主顾", "Regular patron")
    ADVOCATE = ("advocate", "热心客户", "Advocate")
    LOST = ("lost", "流失的客户", "Lost customer")

    @property
    def trust_phase(self) -> TrustPhase:
        return trust_phase(self)


class TrustPhase(LabeledEnum):
    """ACC-3: the trust task an account's stage calls for."""

    GAIN = ("gain", "赢得信任", "Gain trust")
    KEEP = ("keep", "保持信任", "Keep trust")
    REGAIN = ("regain", "重获信任", "Regain trust")


def trust_phase(stage: Stage) -> TrustPhase:
    """ACC-3: skeptics and explorers must be won, lost customers won back, the rest kept."""
    if stage in (Stage.SKEPTIC, Stage.EXPLORER):
        return TrustPhase.GAIN
    if stage is Stage.LOST:
        return TrustPhase.REGAIN
    return TrustPhase.KEEP


class LostReason(LabeledEnum):
    """ACC-5: why a customer was lost (seed 000)."""

    DISSATISFIED = ("dissatisfied", "对产品或服务不满", "Product or service dissatisfaction")
    COMPLAINT_MISHANDLED = ("complaint-mishandled", "投诉处理不当", "Complaint mishandled")
    PRICE_OR_POLICY = ("price-or-policy", "涨价或政策变化", "Price rise or policy change")
    COMPETITOR = ("competitor", "竞争对手攻势", "Competitor offensive")
    NEGLECT = ("neglect", "一线人员怠慢", "Front-line neglect")
    OTHER = ("other", "其他", "Other")


class BuyingRole(LabeledEnum):
    """REL-2: a contact's role in the purchase; a contact may hold several."""

    DECISION_MAKER = ("decision-maker", "决策者", "Decision-maker")
    INFLUENCER = ("influencer", "影响者", "Influencer")
    EXECUTOR = ("executor", "执行者", "Executor")
    SUPERVISOR = ("supervisor", "监督者", "Supervisor")


class RelationshipLevel(OrderedLabeledEnum):
    """REL-3: how deep our relationship with a person is, ordered none < … < ally."""

    NONE = ("none", "未接触", "Not met")
    ACQUAINTANCE = ("acquaintance", "认识", "Acquaintance")
    DATE = ("date", "约会", "Date")
    PARTNER = ("partner", "伙伴", "Partner")
    ALLY = ("ally", "同盟", "Ally")


class ContactDepth(LabeledEnum):
    """REL-4: how much contact we plan with a person."""

    DEEP = ("deep", "深接触", "Deep")
    FREQUENT = ("frequent", "多接触", "Frequent")
    SHALLOW = ("shallow", "浅接触", "Shallow")
    NONE = ("none", "不接触", "None")


class Attitude(LabeledEnum):
    """REL-5: a person's attitude toward us."""

    SUPPORTER = ("supporter", "支持者", "Supporter")
    NEUTRAL = ("neutral", "中立", "Neutral")
    OPPONENT = ("opponent", "反对者", "Opponent")


class Channel(LabeledEnum):
    """VIS-1: how a contact happened."""

    IN_PERSON = ("in-person", "当面拜访", "In person")
    PHONE = ("phone", "电话", "Phone")
    EMAIL = ("email", "电子邮件", "Email")
    IM = ("im", "微信/即时通讯", "WeChat / IM")
    VIDEO = ("video", "视频会议", "Video call")
    GIFT = ("gift", "赠送礼品", "Gift")
    ENTERTAINMENT = ("entertainment", "招待", "Entertainment")
    SITE_VISIT = ("site-visit", "参观考察", "Site visit")
    OTHER = ("other", "其他", "Other")


class ContactFunction(LabeledEnum):
    """VIS-1: the five functions of customer contact (seed 004)."""

    CARE = ("care", "客户关怀", "Customer care")
    INFORMATION = ("information", "信息传递", "Information")
    RELATIONSHIP = ("relationship", "关系发展", "Relationship development")
    SERVICE = ("service", "服务提供", "Service")
    INTELLIGENCE = ("intelligence", "情报收集", "Intelligence")


class Activity(OrderedLabeledEnum):
    """REL-6: the typical activities of each relationship level (seed 004), in level order.

    A visit records which of them happened with the people met; the level each belongs to
    is what the app suggests for a person once it has happened with them.
    """

    level: RelationshipLevel

    def __new__(cls, code: str, zh: str, en: str, level: RelationshipLevel) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.zh = zh
        member.en = en
        member.level = level
        return member

    PHONE_CALL = ("phone-call", "电话交谈", "Phone call", RelationshipLevel.ACQUAINTANCE)
    CUSTOMER_VISIT = (
        "customer-visit",
        "客户拜访",
        "Customer visit",
        RelationshipLevel.ACQUAINTANCE,
    )
    BUSINESS_GIFT = ("business-gift", "商务礼品", "Business gift", RelationshipLevel.ACQUAINTANCE)
    ENTERTAINMENT = ("entertainment", "商务招待", "Entertainment", RelationshipLevel.DATE)
    SITE_VISIT = (
        "site-visit",
        "参观考察或技术交流",
        "Site visit or technical exchange",
        RelationshipLevel.DATE,
    )
    PRESALES = ("presales", "售前活动或试用", "Pre-sales service or trial", RelationshipLevel.DATE)
    PRIVATE_CONTACT = (
        "private-contact", "私人交往", "Private or family contact", RelationshipLevel.PARTNER
    )  # fmt: skip
    LEISURE = ("leisure", "亲密活动", "Leisure together", RelationshipLevel.PARTNER)
    PERSONAL_CARE = ("personal-care", "情感关怀", "Personal care", RelationshipLevel.PARTNER)
    GIVES_INTELLIGENCE = (
        "gives-intelligence", "提供情报", "Gave us intelligence", RelationshipLevel.ALLY
    )  # fmt: skip
    INTRODUCES = ("introduces", "充当向导", "Introduced us to others", RelationshipLevel.ALLY)
    CHAMPIONS = ("champions", "协助销售", "Championed us", RelationshipLevel.ALLY)


class IntelKind(LabeledEnum):
    """VIS-2: what an intelligence note (情报) is about."""

    FEEDBACK = ("feedback", "客户反馈", "Customer feedback")
    NEEDS_CHANGE = ("needs-change", "需求变化", "Needs change")
    PERSONNEL_CHANGE = ("personnel-change", "人事变动", "Personnel change")
    COMPETITOR = ("competitor", "竞争动态", "Competitor move")


class CommitmentStatus(LabeledEnum):
    """COM-1: where a promise made to a customer stands."""

    OPEN = ("open", "未兑现", "Open")
    KEPT = ("kept", "已兑现", "Kept")
    BROKEN = ("broken", "未能兑现", "Broken")
    WITHDRAWN = ("withdrawn", "已撤回", "Withdrawn")


class BottomLine(LabeledEnum):
    """COM-2: the company's limits (底线) a promise may state a value against.

    ``higher_is_bolder``: a discount beyond the limit is a larger number; a delivery promised
    faster than the limit is a smaller one.
    """

    unit_zh: str
    unit_en: str
    higher_is_bolder: bool

    def __new__(
        cls, code: str, zh: str, en: str, unit_zh: str, unit_en: str, higher_is_bolder: bool
    ) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.zh = zh
        member.en = en
        member.unit_zh = unit_zh
        member.unit_en = unit_en
        member.higher_is_bolder = higher_is_bolder
        return member

    DISCOUNT = ("discount", "最大折扣", "Maximum discount", "%", "%", True)
    DELIVERY = ("delivery", "最快交货", "Fastest delivery", "天", "days", False)
    FREE_SERVICE = ("free-service", "最长免费服务", "Longest free service", "天", "days", True)
    GIFT_VALUE = ("gift-value", "单件礼品价值上限", "Gift value ceiling", "元", "yuan", True)

    def unit(self, lang: str = "en") -> str:
        return self.unit_zh if lang.startswith("zh") else self.unit_en


class AnswerCategory(LabeledEnum):
    """VIS-5: what a standard answer (标准回答) answers."""

    PRICE = ("price", "价格", "Price")
    COMPLAINT = ("complaint", "投诉", "Complaint")
    COMPETITOR = ("competitor", "竞争对手", "Competitor")
    PRODUCT = ("product", "产品", "Product")
    OTHER = ("other", "其他", "Other")


class QuestionKind(LabeledEnum):
    """SUR-1: how a survey question is answered."""

    SCALE = ("scale", "1–5分", "Score 1–5")
    YES_NO = ("yes-no", "是/否", "Yes / no")
    CHOICE = ("choice", "单选", "Single choice")
    TEXT = ("text", "文字", "Free text")
    DATE = ("date", "日期", "Date")


class ScoreBand(OrderedLabeledEnum):
    """SUR-2: what a 1–5 score means (seed 002: satisfied is not loyal, so a 4 is a risk)."""

    DISSATISFIED = ("dissatisfied", "不满意", "Dissatisfied")
    AT_RISK = ("at-risk", "满意但有风险", "Satisfied but at risk")
    EXCELLENT = ("excellent", "优秀", "Excellent")


class SurveyCycle(LabeledEnum):
    """SUR-3 (seed 001): satisfaction is measured continuously — monthly, quarterly or yearly."""

    MONTHLY = ("monthly", "每月", "Monthly")
    QUARTERLY = ("quarterly", "每季度", "Quarterly")
    YEARLY = ("yearly", "每年", "Yearly")

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "yearly": 12}[self.code]


class ComplaintSeverity(OrderedLabeledEnum):
    """CMP-1: how serious a complaint is."""

    MINOR = ("minor", "一般", "Minor")
    MAJOR = ("major", "严重", "Major")
    CRITICAL = ("critical", "紧急", "Critical")


class RecoverySatisfaction(LabeledEnum):
    """CMP-1: whether the customer was satisfied with how a complaint was put right."""

    UNKNOWN = ("unknown", "未知", "Unknown")
    YES = ("yes", "满意", "Satisfied")
    NO = ("no", "不满意", "Not satisfied")


class WinBackStep(OrderedLabeledEnum):
    """WIN-2 (seed 000): the seven steps to win back a lost customer, in order."""

    ASK = (
        "ask",
        "询问：我们需要做些什么才能再次为您服务？",
        "Ask: what must we do to serve you again?",
    )
    LISTEN = ("listen", "仔细倾听客户的回答", "Listen carefully to the answer")
    FULFIL = (
        "fulfil",
        "满足要求，完成后及时告知，并再次请求恢复生意",
        "Fulfil the request, tell them when it is done, and ask for the business again",
    )
    PATIENCE = ("patience", "要有耐心：伤口的愈合需要时间", "Be patient: wounds take time to heal")
    KEEP_IN_TOUCH = ("keep-in-touch", "保持沟通", "Keep in touch")
    SINCERE = (
        "sincere",
        "诚恳些：客户回来时不说“我早就说过”",
        'Be sincere: no "I told you so" when they come back',
    )
    CHERISH = (
        "cherish",
        "客户回来后，珍惜与他做生意的每一天",
        "Once back, cherish every day of business",
    )


class StepStatus(LabeledEnum):
    """WIN-2: where one step of a win-back plan stands."""

    TODO = ("todo", "未开始", "To do")
    DOING = ("doing", "进行中", "In progress")
    DONE = ("done", "已完成", "Done")


class WinBackStatus(LabeledEnum):
    """WIN-2: a win-back plan under way, won back, or given up."""

    ACTIVE = ("active", "挽回中", "Under way")
    WON_BACK = ("won-back", "已赢回", "Won back")
    ABANDONED = ("abandoned", "已放弃", "Given up")


class StageRule(LabeledEnum):
    """ACC-4: the evidence behind a suggested change of stage."""

    FIRST_ORDER = ("first-order", "首次下单", "First order")
    SECOND_ORDER = ("second-order", "再次下单", "Second order")
    STEADY_ORDERS = ("steady-orders", "持续下单", "Steady orders")
    ADVOCATE = ("advocate", "愿意推荐", "Recommends us")
    SILENT = ("silent", "长期无联系", "No contact for long")


class EdgeKind(LabeledEnum):
    """REL-9: links drawn on the map besides reports-to."""

    INFLUENCES = ("influences", "影响", "Influences")  # directed: source sways target
    KNOWS = ("knows", "熟识", "Knows")  # undirected


class RelationshipScope(OrderedLabeledEnum):
    """REL-7: how wide our relationships in an account reach (关系范围)."""

    NONE = ("none", "尚未建立", "None yet")
    INDIVIDUAL = ("individual", "个人级", "Individual")
    DEPARTMENT = ("department", "部门级", "Department")
    COMPANY = ("company", "公司级", "Company")


class Severity(OrderedLabeledEnum):
    """How urgent a coverage risk is, ordered low < medium < high (the colour of its chip)."""

    LOW = ("low", "低", "Low")
    MEDIUM = ("medium", "中", "Medium")
    HIGH = ("high", "高", "High")


class CoverageRisk(LabeledEnum):
    """REL-8: ways an account's relationships are fragile (and COM-3: promises not kept).

    Besides its label each risk has a short label for a chip in a list (2–4 Chinese
    characters, one or two English words; the sentence of the finding goes in a tooltip) and
    a severity: high when one departure or the lack of any supporter can lose the account,
    medium when the relationship is thin but held, low when it is held but could be stronger.
    """

    short_zh: str
    short_en: str
    severity: Severity

    def __new__(
        cls, code: str, zh: str, en: str, short_zh: str, short_en: str, severity: Severity
    ) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.zh = zh
        member.en = en
        member.short_zh = short_zh
        member.short_en = short_en
        member.severity = severity
        return member

    NO_ONE_MAPPED = (
        "no-one-mapped", "尚无联系人", "No one mapped yet", "未建档", "Unmapped", Severity.MEDIUM,
    )  # fmt: skip
    NO_SUPPORTER = (
        "no-supporter", "没有支持者", "No supporter", "无支持", "No supporter", Severity.HIGH,
    )  # fmt: skip
    SINGLE_THREADED = (
        "single-threaded", "单线联系", "Single-threaded", "单线", "Single thread", Severity.HIGH,
    )  # fmt: skip
    NO_CLOSE_DECISION_MAKER = (
        "no-close-decision-maker",
        "决策者关系不足",
        "No close decision-maker",
        "决策者远",
        "Distant decider",
        Severity.MEDIUM,
    )
    ONLY_ALLY_IS_EXECUTOR = (
        "only-ally-is-executor",
        "唯一同盟是执行者",
        "Only ally is the executor",
        "同盟无权",
        "Executor ally",
        Severity.LOW,
    )
    KEY_CONTACT_DEPARTED = (
        "key-contact-departed",
        "关键联系人已离职",
        "Key contact left",
        "关键离职",
        "Key left",
        Severity.HIGH,
    )
    # COM-3: promises feed the same column (a broken promise costs trust as a lost ally does).
    BROKEN_COMMITMENT = (
        "broken-commitment", "有未兑现的承诺", "A promise was broken", "失信", "Broken promise",
        Severity.HIGH,
    )  # fmt: skip
    OVERDUE_COMMITMENT = (
        "overdue-commitment", "承诺已逾期", "A promise is overdue", "承诺逾期", "Promise overdue",
        Severity.MEDIUM,
    )  # fmt: skip
    SECOND_FAILURE = (
        "second-failure", "第二次失误", "Second failure", "二次失误", "2nd failure", Severity.HIGH,
    )  # fmt: skip
    POOR_RECOVERY = (
        "poor-recovery", "失误未能挽回", "Failure not put right", "未挽回", "Not recovered",
        Severity.MEDIUM,
    )  # fmt: skip
    OVERDUE_COMPLAINT = (
        "overdue-complaint", "投诉超时未处理", "Complaint overdue", "投诉超时", "Late complaint",
        Severity.HIGH,
    )  # fmt: skip

    def short(self, lang: str = "en") -> str:
        """The chip's label for ``lang`` (``zh`` or ``en``)."""
        return self.short_zh if lang.startswith("zh") else self.short_en


class DealStage(OrderedLabeledEnum):
    """DEA-1: where an opportunity (商机) stands, in pipeline order; won and lost close it."""

    LEAD = ("lead", "线索", "Lead")
    QUALIFIED = ("qualified", "已确认需求", "Qualified")
    PROPOSAL = ("proposal", "方案报价", "Proposal")
    WON = ("won", "赢单", "Won")
    LOST = ("lost", "丢单", "Lost")

    @property
    def closed(self) -> bool:
        return self in (DealStage.WON, DealStage.LOST)


class SalesChannel(LabeledEnum):
    """DEA-1: the channel a deal comes through (seed 000's sales channels)."""

    FACE_TO_FACE = ("face-to-face", "面对面销售", "Face to face")
    PHONE = ("phone", "电话销售", "Phone")
    DISTRIBUTOR = ("distributor", "经销商", "Distributor")
    ONLINE = ("online", "网上销售", "Online")
    CALL_CENTER = ("call-center", "呼叫中心", "Call center")
    EMAIL = ("email", "电子邮件", "Email")
    IM = ("im", "即时通讯", "IM")


class DealRole(OrderedLabeledEnum):
    """DEA-2: the roles of our own team on a deal (seed 000)."""

    GENERAL_MANAGER = ("general-manager", "总经理", "General manager")
    FINANCE_DIRECTOR = ("finance-director", "财务总监", "Finance director")
    SALES_DIRECTOR = ("sales-director", "销售总监", "Sales director")
    SALES_REP = ("sales-rep", "销售代表", "Sales rep")
    IMPLEMENTATION_MANAGER = ("implementation-manager", "实施经理", "Implementation manager")
    LOGISTICS = ("logistics", "物流", "Logistics")


class Tier(OrderedLabeledEnum):
    """TIER-1: a customer's value tier, from the top down (关键客户: 优质、优先、优惠)."""

    KEY = ("key", "关键客户", "Key account")
    STANDARD = ("standard", "普通客户", "Standard")
    LOW = ("low", "低价值客户", "Low value")


class TierBasis(LabeledEnum):
    """TIER-1: what a customer's trailing-12-month value counts."""

    REVENUE = ("revenue", "销售额", "Revenue")
    MARGIN = ("margin", "毛利", "Margin")


class RiskSignal(LabeledEnum):
    """DSH-2: the signals combined into one at-risk score, each with its weight (points)."""

    weight: int

    def __new__(cls, code: str, zh: str, en: str, weight: int) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.zh = zh
        member.en = en
        member.weight = weight
        return member

    VISIT_OVERDUE = ("visit-overdue", "拜访逾期", "Visit overdue", 15)
    SATISFIED_NOT_LOYAL = ("satisfied-not-loyal", "满意但不忠诚", "Satisfied, not loyal", 10)
    FALLING_SCORES = ("falling-scores", "满意度下降", "Falling scores", 15)
    OPEN_COMPLAINT = ("open-complaint", "投诉未解决", "Open complaint", 15)
    REPEATED_COMPLAINTS = ("repeated-complaints", "反复投诉", "Repeated complaints", 15)
    BROKEN_COMMITMENT = ("broken-commitment", "承诺未兑现", "Broken promise", 20)
    SINGLE_THREADED = ("single-threaded", "单线联系", "Single-threaded", 15)
    KEY_CONTACT_DEPARTED = ("key-contact-departed", "关键联系人离职", "Key contact left", 20)
    ORDER_GAP = ("order-gap", "订单中断", "Order gap", 20)


class DuplicateKind(LabeledEnum):
    """OFF-2: what kind of record two duplicates are."""

    CONTACT = ("contact", "联系人", "Person")
    ACCOUNT = ("account", "客户", "Customer")


class DuplicateReason(OrderedLabeledEnum):
    """OFF-2: why two records look like one, strongest sign first. A name that only sounds
    the same (张伟, 章伟) is the weakest: often two people."""

    SAME_PHONE = ("same-phone", "电话号码相同", "Same phone number")
    SAME_EMAIL = ("same-email", "电子邮件相同", "Same email address")
    SAME_NAME = ("same-name", "同名", "Same name")
    # Written differently: traditional or simplified characters, full or half width, case.
    NAME_VARIANT = ("name-variant", "同名（写法不同）", "Same name, written differently")
    SOUNDS_ALIKE = ("sounds-alike", "姓名读音相同", "Name sounds the same")
