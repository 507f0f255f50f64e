"""Realistic, reproducible bilingual demo data (``trustdesk demo``).

The same seed gives the same customers, people and histories (dates are laid out backwards
from today). Rows go in through bulk inserts so the benchmark can build 100,000 accounts with
the same generator a newcomer's demo uses. From PIPELINE_MIN customers on they are made up in
a second process while this one writes them (``demo.pipeline``); the rows are the same.
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Connection, Dialect, select
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.orm import Session

from trustdesk.db import search as index
from trustdesk.db.base import Base
from trustdesk.db.bulk import insert_sql, stored_rows, utc_text
from trustdesk.db.models import (
    Account,
    AccountTag,
    Contact,
    ContactEdge,
    ContactRole,
    LevelChange,
    StageChange,
)
from trustdesk.demo import pipeline
from trustdesk.demo.duplicates import add_duplicates
from trustdesk.demo.history import add_history
from trustdesk.demo.showcase import Showcase, showcases
from trustdesk.demo.stories import add_stories
from trustdesk.demo.surveys import add_surveys
from trustdesk.demo.trade import TEAM, Customer, Trade, TradeRows
from trustdesk.domain.enums import (
    AccountKind,
    Attitude,
    BuyingRole,
    ContactDepth,
    EdgeKind,
    LostReason,
    RelationshipLevel,
    Stage,
)
from trustdesk.domain.names import normalize, pinyin_of, sort_key
from trustdesk.services.indexing import account_doc, contact_doc
from trustdesk.services.tags import ensure_tags
from trustdesk.services.tiers import recompute_tiers
from trustdesk.services.users import user_id_for_name

SHOWCASE_MIN = 10
# Up to this many customers (a newcomer's demo, the screenshots') a few people and a customer
# are entered twice, to find and merge; the benchmark-sized demos stay as they were, so their
# figures compare with earlier runs.
DUPLICATES_UP_TO = 1000

CITIES = [
    "深圳",
    "上海",
    "北京",
    "广州",
    "杭州",
    "苏州",
    "成都",
    "武汉",
    "南京",
    "天津",
    "西安",
    "重庆",
    "青岛",
    "厦门",
    "东莞",
    "佛山",
    "宁波",
    "长沙",
]
BRAND_CHARS = "华科恒信博远鼎盛联创宏达新源金桥瑞丰中天蓝海星辰成众合汇通嘉禾明立德安泰"
BRANDS = [
    "华科",
    "恒信",
    "博远",
    "鼎盛",
    "联创",
    "宏达",
    "新源",
    "金桥",
    "瑞丰",
    "中天",
    "蓝海",
    "星辰",
    "天成",
    "众合",
    "汇通",
    "嘉禾",
    "明远",
    "立信",
    "德勤",
    "安泰",
]
CN_INDUSTRIES = [
    ("电子", "电子制造"),
    ("机械", "机械设备"),
    ("医疗器械", "医疗器械"),
    ("物流", "物流"),
    ("食品", "食品饮料"),
    ("化工", "化工"),
    ("软件", "软件"),
    ("建材", "建材"),
    ("汽车零部件", "汽车"),
    ("光电", "电子制造"),
    ("环保科技", "环保"),
    ("纺织", "纺织服装"),
]
CN_SUFFIXES = ["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"]
EN_PREFIXES = [
    "Northwind",
    "Blue Harbor",
    "Summit",
    "Redwood",
    "Apex",
    "Silver Lake",
    "Granite",
    "Pioneer",
    "Evergreen",
    "Crescent",
    "Meridian",
    "Oakridge",
    "Lighthouse",
    "Kestrel",
    "Bright Path",
    "Riverside",
]
EN_INDUSTRIES = [
    ("Logistics", "Logistics"),
    ("Medical", "Medical devices"),
    ("Foods", "Food and beverage"),
    ("Electronics", "Electronics"),
    ("Software", "Software"),
    ("Manufacturing", "Machinery"),
    ("Energy", "Energy"),
    ("Packaging", "Packaging"),
]
EN_SECOND = ["", "Bay", "Point", "Ridge", "Field", "Gate", "Stone", "Works", "Valley", "Peak",
             "Crest", "Line", "Star", "Rock", "Wood", "Way", "Hill", "Port", "Brook",
             "Vale"]  # fmt: skip
EN_SUFFIXES = ["Ltd", "Inc.", "GmbH", "Pte Ltd", "Co."]
EN_GROUPS = ["Group", "Holdings", "International", "Partners", "Systems", "Solutions", "Global"]
GIVEN_CHARS = "伟芳敏静丽强磊军洋勇杰涛明超霞平刚华东博然远"
# unique_customer: widen a name after this many taken ones in a row; number it after more.
WIDEN_AFTER = 20
MISSES_MAX = 200
EN_REGIONS = ["Singapore", "Hong Kong", "Sydney", "London", "Hamburg", "Chicago", "Toronto"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董")
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "三",
    "秀英",
    "桂英",
    "建华",
    "志强",
    "海燕",
    "晓东",
    "文博",
    "子涵",
    "雨欣",
    "浩然",
    "国庆",
    "丽华",
    "俊杰",
    "嘉怡",
    "思远",
    "晓梅",
    "建国",
    "玉兰",
    "立新",
    "慧敏",
    "永强",
    "春燕",
    "宇航",
    "佳琪",
    "振华",
    "红梅",
    "志远",
    "欣怡",
    "天宇",
]
EN_FIRST = [
    "Margaret",
    "James",
    "Olivia",
    "William",
    "Sophia",
    "Daniel",
    "Emma",
    "Henry",
    "Grace",
    "Thomas",
    "Chloe",
    "Michael",
    "Hannah",
    "David",
    "Lucy",
    "Peter",
    "Aisha",
    "Lukas",
    "Priya",
    "Mateo",
    "Yuki",
    "Noah",
    "Isabel",
    "Samuel",
]
EN_LAST = [
    "Thompson",
    "Walker",
    "Bennett",
    "Clarke",
    "Hughes",
    "Fischer",
    "Tan",
    "Wong",
    "Murphy",
    "Patel",
    "Schmidt",
    "Campbell",
    "Reid",
    "Lim",
    "Foster",
    "Hayes",
    "Nakamura",
    "Okafor",
    "Silva",
    "Novak",
    "Rossi",
    "Khan",
    "Larsen",
    "Dubois",
]
OWNERS = ["王磊", "陈静", "Li Na", "刘洋", "Kevin Zhou"]
# 战略 / strategic belong to the hand-made showcase accounts alone (the README says so).
SHOWCASE_TAGS = {True: "战略", False: "strategic"}
CN_TAGS = ["重点", "华南", "华东", "OEM", "渠道", "新客户", "招标"]
EN_TAGS = ["key", "APAC", "EMEA", "OEM", "distributor", "tender"]

# (title zh, title en, department zh, department en, roles)
DM, INF, EXE, SUP = (
    BuyingRole.DECISION_MAKER,
    BuyingRole.INFLUENCER,
    BuyingRole.EXECUTOR,
    BuyingRole.SUPERVISOR,
)
TOP: tuple[str, str, str, str, tuple[BuyingRole, ...]] = (
    "总经理", "General Manager", "总经办", "Management", (DM,),
)  # fmt: skip
HEADS = [
    ("采购经理", "Purchasing Manager", "采购部", "Purchasing", (EXE, INF)),
    ("财务总监", "Finance Director", "财务部", "Finance", (SUP, DM)),
    ("技术总监", "Technical Director", "技术部", "Engineering", (INF,)),
    ("生产经理", "Production Manager", "生产部", "Production", (INF,)),
    ("质量经理", "Quality Manager", "质量部", "Quality", (SUP,)),
]
STAFF = [
    ("采购专员", "Buyer", (EXE,)),
    ("工程师", "Engineer", (INF,)),
    ("会计", "Accountant", ()),
    ("主管", "Supervisor", (EXE,)),
]
# Several wordings per step so histories read like a salesperson's notes, not a template.
STAGE_REASONS: dict[Stage, tuple[tuple[str, str], ...]] = {
    Stage.EXPLORER: (
        ("索取了报价和样品", "asked for a quote and samples"),
        ("参加了我们的技术交流会", "came to our technical seminar"),
        ("主动来电询问交期", "called to ask about lead times"),
    ),
    Stage.FIRST_TIME: (
        ("第一笔订单", "first order"),
        ("试产订单通过验收", "trial order passed inspection"),
        ("中标第一个项目", "won the first tender"),
    ),
    Stage.REPEAT: (
        ("第二笔订单", "second order"),
        ("追加了一批货", "ordered a second batch"),
        ("新项目继续选用我们", "chose us again for a new project"),
    ),
    Stage.REGULAR: (
        ("半年内稳定复购", "steady repeat orders for six months"),
        ("签订年度框架协议", "signed a yearly framework agreement"),
        ("列入合格供应商名录", "added us to the approved supplier list"),
    ),
    Stage.ADVOCATE: (
        ("推荐了两家新客户", "referred two new customers"),
        ("在行业会议上为我们站台", "spoke for us at an industry meeting"),
        ("主动介绍集团兄弟公司", "introduced a sister company"),
    ),
}
LOST_REASONS: dict[LostReason, tuple[str, str]] = {
    LostReason.DISSATISFIED: ("连续两批货质量不稳定", "two batches in a row had defects"),
    LostReason.COMPLAINT_MISHANDLED: ("投诉一个月没有答复", "a complaint unanswered for a month"),
    LostReason.PRICE_OR_POLICY: ("涨价后转向其他供应商", "left us after a price rise"),
    LostReason.COMPETITOR: ("竞争对手低价抢单", "a competitor undercut us"),
    LostReason.NEGLECT: ("半年没有人拜访", "nobody visited for six months"),
    LostReason.OTHER: ("项目取消，两个季度没有订单", "project cancelled, no orders since"),
}  # fmt: skip
LEVEL_ACTIVITIES: dict[RelationshipLevel, tuple[tuple[str, str], ...]] = {
    RelationshipLevel.ACQUAINTANCE: (
        ("电话沟通、首次拜访", "phone call and first visit"),
        ("展会上交换名片", "exchanged cards at a trade fair"),
        ("经同事介绍认识", "introduced by a colleague"),
    ),
    RelationshipLevel.DATE: (
        ("技术交流、参观工厂", "technical exchange and site visit"),
        ("商务午餐", "business lunch"),
        ("邀请试用样品", "trial of our samples"),
    ),
    RelationshipLevel.PARTNER: (
        ("家庭聚会、生日关怀", "family dinner, birthday care"),
        ("一起打球，聊到孩子升学", "golf together, talked about the children's schools"),
        ("明确表态支持我们的方案", "said openly that they back our proposal"),
    ),
    RelationshipLevel.ALLY: (
        ("主动提供情报并引荐", "shares intelligence and introduces us"),
        ("在评标会上为我们说话", "spoke for us at the bid review"),
        ("提醒我们竞争对手的报价", "warned us about a competitor's offer"),
    ),
}
DAY = timedelta(days=1)
BIRTHDAY_FROM = date(1960, 1, 1)
_T = TypeVar("_T")
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]  # by 10-bit value

# Enum lists and weights worked out once, not per person: the draws are the ones
# ``random.choices(members, weights=...)`` makes (the same numbers from the same seed).
LEVELS = list(RelationshipLevel)
LEVEL_CUM_WEIGHTS = list(accumulate([15, 35, 25, 15, 10]))
# The levels a contact climbed through to reach a level (none for "not met").
CLIMBS = {level: LEVELS[1 : i + 1] for i, level in enumerate(LEVELS)}
CLOSE_LEVELS = frozenset(lvl for lvl in LEVELS if lvl >= RelationshipLevel.PARTNER)
ATTITUDES = list(Attitude)
ATTITUDE_CUM_WEIGHTS = list(accumulate([45, 40, 15]))
DEPTHS = list(ContactDepth)
LOST_REASON_LIST = list(LostReason)
EDGE_KINDS = list(EdgeKind)
STAGE_ORDER: list[Stage] = [s for s in Stage if s is not Stage.LOST]


def _weighted(rng: random.Random, members: list[_T], cum_weights: list[int]) -> _T:
    """``rng.choices(members, cum_weights=cum_weights)[0]`` without its per-call set-up."""
    return members[bisect(cum_weights, rng.random() * cum_weights[-1], 0, len(members) - 1)]


# The tables with several rows per customer get tuples of stored values (enum codes, UTC
# text for times, ISO dates) in these columns' order: a dictionary per row and a converter
# per value cost a third of the build at 100,000 customers (3 million rows).
CONTACT_COLUMNS = (
    "id", "account_id", "name", "pinyin", "sort_key", "title", "department", "phone",
    "mobile", "email", "wechat", "birthday", "family_notes", "education_notes", "notes",
    "reports_to_id", "departed", "departed_at", "level", "target_level", "depth", "attitude",
    "is_placeholder", "created_at", "updated_at", "deleted_at",
)  # fmt: skip
ROLE_COLUMNS = ("contact_id", "role", "updated_at", "deleted_at")
STAGE_CHANGE_COLUMNS = ("id", "account_id", "from_stage", "to_stage", "lost_reason", "reason",
                        "changed_at", "changed_by_id")  # fmt: skip
LEVEL_CHANGE_COLUMNS = ("id", "contact_id", "from_level", "to_level", "reason", "changed_at",
                        "changed_by_id")  # fmt: skip
EDGE_COLUMNS = ("id", "account_id", "source_id", "target_id", "kind", "note", "created_at",
                "updated_at", "deleted_at")  # fmt: skip
Row = tuple[Any, ...]


@dataclass
class _Batch:
    accounts: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    roles: list[Row] = field(default_factory=list)
    stage_changes: list[Row] = field(default_factory=list)
    level_changes: list[Row] = field(default_factory=list)
    account_tags: list[dict[str, Any]] = field(default_factory=list)
    edges: list[Row] = field(default_factory=list)
    docs: list[index.DocInput] = field(default_factory=list)
    trade: TradeRows = field(default_factory=TradeRows)
    path: list[tuple[Stage, datetime]] = field(default_factory=list)  # the last account's


class _Generator:
    def __init__(self, seed: int, now: datetime, users: dict[str, str]) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.start = now - timedelta(days=730)
        self.users = users  # display name -> user id (the owners and "demo", the author)
        self.customer_names: set[str] = set()  # no two customers share a name
        self.cn_people = [s + g for s in SURNAMES for g in GIVEN]
        self.en_people = [f"{f} {last}" for f in EN_FIRST for last in EN_LAST]
        self._spelling: dict[str, tuple[str, str]] = {}
        # The business (orders, deals…) from a generator of its own: a seed's customers and
        # people stay what they were before the demo had any.
        self.trade = Trade(seed * 1_000_003 + 15, now, users)

    def ulid(self, at: datetime) -> str:
        """A ULID at ``at`` from the seeded generator (the library's is 10× slower): the
        48-bit time in milliseconds and two 40-bit random numbers in Crockford's base32, two
        characters (10 bits) at a time. Small numbers, not one 130-bit one: Python's
        arithmetic on those is what the ids cost (2 million of them at 100,000 customers)."""
        ms = int(at.timestamp() * 1000)
        a = self.rng.getrandbits(40)
        b = self.rng.getrandbits(40)
        p = _PAIRS
        return (
            p[ms >> 40] + p[(ms >> 30) & 1023] + p[(ms >> 20) & 1023] + p[(ms >> 10) & 1023]
            + p[ms & 1023] + p[a >> 30] + p[(a >> 20) & 1023] + p[(a >> 10) & 1023] + p[a & 1023]
            + p[b >> 30] + p[(b >> 20) & 1023] + p[(b >> 10) & 1023] + p[b & 1023]
        )  # fmt: skip

    def moment(self, after: datetime, before: datetime) -> datetime:
        span = max((before - after).total_seconds(), 60.0)
        return after + timedelta(seconds=self.rng.uniform(0, span))

    def spelling(self, name: str) -> tuple[str, str]:
        """(pinyin, sort key) of a person's name, computed once per distinct name."""
        found = self._spelling.get(name)
        if found is None:
            found = self._spelling[name] = (pinyin_of(name), sort_key(name))
        return found

    def company_sort_key(self, parts: Sequence[str]) -> str:
        """``sort_key`` of the joined parts without running pypinyin on every new company name:
        the parts' pinyin is computed once each (a test checks it equals ``sort_key``)."""
        spaced = " ".join(
            p for p in (self.spelling(part)[1].partition("\x00")[0] for part in parts) if p
        )
        return f"{spaced}\x00{normalize(''.join(parts))}"

    def unique_customer(
        self,
        make: Callable[[], tuple[str, ...]],
        widen: Callable[[tuple[str, ...]], tuple[str, ...]],
    ) -> tuple[str, ...]:
        """Parts of a customer name no earlier customer has (name = the parts joined).

        The plain names run out at scale (1,700 Chinese and 576 English people's names for
        the individuals, 12,800 English company names; 100,000 customers need more, and the
        loop used to spin for ever): after WIDEN_AFTER misses in a row the name is
        ``widen``-ed (a third character, a middle initial, a "Group"), and past MISSES_MAX
        it is numbered, which is always new.
        """
        misses = 0
        while True:
            parts = make()
            if misses >= MISSES_MAX:
                parts = (*parts, f" {len(self.customer_names) + 1}")
            elif misses >= WIDEN_AFTER:
                parts = widen(parts)
            name = "".join(parts)
            if name not in self.customer_names:
                self.customer_names.add(name)
                return parts
            misses += 1

    def company(self, chinese: bool) -> dict[str, Any]:
        r = self.rng
        if chinese:
            city = r.choice(CITIES)
            word, industry = r.choice(CN_INDUSTRIES)

            def cn_name() -> tuple[str, ...]:
                brand = r.choice(BRANDS) if r.random() < 0.3 else "".join(r.sample(BRAND_CHARS, 2))
                return (city, brand, word, r.choice(CN_SUFFIXES))

            parts = self.unique_customer(cn_name, lambda parts: parts)  # 769,000 names
            region, website = city, ""
            phone = f"0{r.randint(10, 99)}-{r.randint(2000_0000, 8999_9999)}"
            address = (
                f"{city}市{r.choice(['南山区', '高新区', '经开区', '工业园'])}{r.randint(1, 300)}号"
            )
        else:
            word, industry = r.choice(EN_INDUSTRIES)

            def en_name() -> tuple[str, ...]:
                first, second = r.choice(EN_PREFIXES), r.choice(EN_SECOND)
                prefix = f"{first} {second}" if second else first
                return (prefix, " ", word, " ", r.choice(EN_SUFFIXES))

            def en_wider(parts: tuple[str, ...]) -> tuple[str, ...]:
                return (parts[0], " ", r.choice(EN_GROUPS), *parts[1:])

            parts = self.unique_customer(en_name, en_wider)
            prefix = parts[0]
            region = r.choice(EN_REGIONS)
            website = f"https://www.{prefix.lower().replace(' ', '')}-{word.lower()}.example"
            phone = f"+{r.randint(1, 65)} {r.randint(200, 999)} {r.randint(1000, 9999)}"
            address = (
                f"{r.randint(1, 400)} {r.choice(['Harbour', 'King', 'Market'])} Street, {region}"
            )
        return {
            "name": "".join(parts),
            "sort_key": self.company_sort_key(parts),
            "industry": industry,
            "region": region,
            "website": website,
            "phone": phone,
            "address": address,
        }

    def people_names(self, chinese: bool, count: int) -> list[str]:
        """``count`` different people's names for one company."""
        return self.rng.sample(self.cn_people if chinese else self.en_people, count)

    def individual_name(self, chinese: bool) -> str:
        pool = self.cn_people if chinese else self.en_people
        r = self.rng

        def wider(parts: tuple[str, ...]) -> tuple[str, ...]:
            if chinese:  # 王伟 → 王伟明
                return (parts[0] + r.choice(GIVEN_CHARS),)
            first, _, last = parts[0].partition(" ")  # Emma Walker → Emma J. Walker
            return (f"{first} {r.choice(_CROCKFORD[10:])}. {last}",)

        return self.unique_customer(lambda: (r.choice(pool),), wider)[0]

    def level(self) -> RelationshipLevel:
        return _weighted(self.rng, LEVELS, LEVEL_CUM_WEIGHTS)

    def stage_path(self, final: Stage) -> list[Stage]:
        order = STAGE_ORDER
        if final is Stage.LOST:
            reached = self.rng.choice(order[:5])
            return [*order[: order.index(reached) + 1], Stage.LOST]
        return order[: order.index(final) + 1]

    def steps(self, start: datetime, count: int, gap: tuple[int, int]) -> list[datetime]:
        """``count`` moments from ``start`` on, ``gap`` days apart (min, max), before now.

        Histories spread over months, in order; when ``start`` is too recent for the gaps the
        steps are squeezed into the time left rather than dated in the future.
        """
        r = self.rng
        days = [0.0] + [r.uniform(*gap) for _ in range(count - 1)]
        total = sum(days)
        room = max((self.now - start).total_seconds(), 0.0) / 86400 * 0.95
        scale = min(1.0, room / total) if total > 0 else 1.0
        out: list[datetime] = []
        elapsed = 0.0
        for d in days:
            elapsed += d * scale
            out.append(start + timedelta(days=elapsed))
        return out


def generate(
    session: Session,
    accounts: int = 120,
    *,
    seed: int = 1,
    contacts_per_account: tuple[int, int] = (3, 12),
    batch_size: int = 1000,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    showcase: bool = True,
    history: bool = True,
) -> tuple[int, int]:
    """Add ``accounts`` demo customers with their people and histories; return the counts.

    With ``history``, two years of visits, notes and promises follow (``demo.history``), and
    two years of satisfaction surveys (``demo.surveys``);
    with ``showcase`` too, the stories of complaints and win-back (``demo.stories``), and in
    a demo of up to DUPLICATES_UP_TO customers a few people and one customer entered twice
    (``demo.duplicates``; not in the counts returned, which are
    the customers asked for).

    With ``showcase`` (and at least SHOWCASE_MIN accounts) the first ones are the hand-made
    accounts whose maps show each coverage risk and a company-level strategic account; only
    they are tagged 战略 / strategic. No two customers share a name, nor two people in one
    customer (but for the one entered twice on purpose).
    """
    users = {
        name: str(user_id_for_name(session, name)) for name in [*OWNERS, "demo", *TEAM.values()]
    }
    now = now or datetime.now(UTC).replace(microsecond=0)
    # Customers already there (``demo --force``) keep their names to themselves.
    taken = set(session.scalars(select(Account.name)))
    tag_ids = {
        t.name: t.id for t in ensure_tags(session, CN_TAGS + EN_TAGS + [*SHOWCASE_TAGS.values()])
    }
    plan = (seed, now, users, taken, accounts, contacts_per_account, tag_ids, batch_size, showcase)
    made_accounts = made_contacts = 0
    made_ids: set[str] = set()
    conn = session.connection()
    set_aside = accounts >= max(len(taken), INDEXES_ASIDE_MIN)
    apart = accounts >= PIPELINE_MIN and pipeline.usable()
    with _page_cache(conn, accounts):
        with index.bulk_index(session):
            with _indexes_aside(conn, set_aside), _made(plan, apart) as batches:
                for batch in batches:
                    for sql, rows in batch.statements:
                        conn.exec_driver_sql(sql, rows)
                    if batch.docs:  # left to this process to spell
                        index.index_new_accounts(session, [index.DocInput(*d) for d in batch.docs])
                    made_accounts += len(batch.account_ids)
                    made_contacts += batch.contacts
                    made_ids.update(batch.account_ids)
                    if progress:
                        progress(made_accounts)
            if history and made_ids:
                story_seed = _history_seed(seed, made_ids)
                add_history(session, seed=story_seed, now=now, only=made_ids)
                add_surveys(session, seed=story_seed, now=now, only=made_ids)
        if history and showcase and made_ids:  # seeds 002/000: complaints, recovery, win-back
            add_stories(session, now=now, only=made_ids)
            if accounts <= DUPLICATES_UP_TO:  # OFF-2: a few people entered twice
                add_duplicates(session, only=made_ids)
        if made_ids:  # TIER-1: the tiers of the orders just made (their visit plans follow),
            # in the demo's page cache: its rows are not yet written out of the transaction
            _recompute_tiers(conn, session)
    return made_accounts, made_contacts


def _recompute_tiers(conn: Connection, session: Session) -> None:
    """``recompute_tiers``, keeping the customers' ``updated_at`` the demo's own: the service
    stamps the rows it changes with the build's clock, and the same seed must give the same
    rows whenever it is built."""
    stamps = conn.exec_driver_sql("SELECT id, updated_at FROM account").all()
    recompute_tiers(session)
    conn.exec_driver_sql(
        "UPDATE account SET updated_at = ? WHERE id = ?", [(at, aid) for aid, at in stamps]
    )


# From this many customers on, the rows are made up in a second process while this one
# writes them (``demo.pipeline``): the two halves of the build overlap on two cores. Below,
# the handing over (pickling, a few batches' start and end) costs more than it saves: wall
# times one process / two at 10,000 customers 6.7 / 7.6 s, 20,000 13.1 / 14.7 s, 50,000
# 34.6 / 31.1 s, 100,000 78.5 / 51.5 s.
PIPELINE_MIN = 40_000
Plan = tuple[
    int, datetime, dict[str, str], set[str], int, tuple[int, int], dict[str, str], int, bool
]


class Stored(NamedTuple):
    """One batch as the writer runs it: (SQL, rows in stored form) per table, parents first.
    Tuples and lists only, so a batch pickles cheaply between the processes."""

    account_ids: list[str]
    contacts: int
    statements: list[tuple[str, list[Row]]]
    # The search entries' DocInput fields when the writer spells them (its statements then
    # hold no search rows): the worker leaves that to the writer when the writer is idle.
    docs: list[Row]


@contextmanager
def _made(plan: Plan, apart: bool) -> Iterator[Iterable[Stored]]:
    """The demo's batches, made in a second process when ``apart`` (and one can be started),
    else here as they are written. The same batches either way: one generator makes them."""
    if apart:
        with pipeline.second_process(_stored_batches, plan) as made:
            if made is not None:
                yield made
                return
    yield _stored_batches(*plan, lambda: False)


def _stored_batches(
    seed: int,
    now: datetime,
    users: dict[str, str],
    taken: set[str],
    total: int,
    per_account: tuple[int, int],
    tag_ids: dict[str, str],
    batch_size: int,
    showcase: bool,
    writer_idle: Callable[[], bool],
) -> Iterator[Stored]:
    """Every batch of the demo in stored form; needs no database (it may run in a second
    process). A batch made while ``writer_idle()`` leaves its search entries to the writer
    to spell (a third of the making): the same rows, written in the same order, either way."""
    gen = _Generator(seed, now, users)
    gen.customer_names.update(taken)
    dialect = SQLiteDialect_pysqlite()
    for batch in _batches(gen, total, per_account, tag_ids, batch_size, showcase):
        yield _stored(batch, dialect, spell=not writer_idle())


def _history_seed(seed: int, made_ids: set[str]) -> int:
    """The histories' seed: the demo's, told apart by the customers they are for. A second
    demo with the same seed (``demo --force``) would otherwise draw the first one's visits
    again, at the same times with the same ids."""
    digest = hashlib.sha256(f"{seed} {min(made_ids)}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


# Page cache while generating, per customer (a customer with 4-7 people and their search
# entries is ~13 KB of database). The rows land all over the indexes (ids are random in
# time, search terms in any order): with SQLite's default 2 MB cache each insert past the
# first few thousand customers read its pages back from the file, and the build slowed as it
# grew (the search terms alone took 18 s of a 20,000-customer build, 5 s with the cache).
CACHE_KIB_PER_ACCOUNT = 12
CACHE_KIB_MAX = 1_500_000


@contextmanager
def _page_cache(conn: Connection, accounts: int) -> Iterator[None]:
    """A page cache big enough for the whole demo while it is written; the connection's own
    setting again afterwards (it serves the app)."""
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    wanted = min(accounts * CACHE_KIB_PER_ACCOUNT, CACHE_KIB_MAX)
    # A negative cache_size is in KiB, a positive one in pages.
    page_kib = int(conn.exec_driver_sql("PRAGMA page_size").scalar_one()) // 1024  # SQLCipher: text
    current = -before if before < 0 else before * page_kib
    if wanted <= current:
        yield
        return
    conn.exec_driver_sql(f"PRAGMA cache_size=-{wanted}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={before}")


# The secondary indexes of the tables the demo fills are dropped while it writes them and
# made again afterwards when the demo at least doubles the customers: SQLite builds an index
# from sorted keys in one pass, where keeping it up row by row seeks a random place in it
# for every row (the ids are random in time, the names in any order).
INDEXES_ASIDE_MIN = 1000
_FILLED_TABLES = ("account", "account_tag", "contact", "contact_role", "stage_change",
                  "level_change", "contact_edge", "search_doc", "deal", "deal_member",
                  "sales_order", "order_line", "installed_product", "referral")  # fmt: skip


@contextmanager
def _indexes_aside(conn: Connection, aside: bool) -> Iterator[None]:
    """Without the filled tables' secondary indexes inside (``aside``), with them again after.

    Only the writes happen inside: nothing reads through these indexes (the foreign key
    checks seek parents by primary key, which stays). The DDL is part of the caller's
    transaction: if the demo fails, its rollback brings the indexes back with the rest.
    """
    if not aside:
        yield
        return
    marks = ", ".join("?" for _ in _FILLED_TABLES)
    indexes = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks}) ORDER BY name",
        _FILLED_TABLES,
    ).all()
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.exec_driver_sql(sql)


def _batches(
    gen: _Generator,
    total: int,
    per_account: tuple[int, int],
    tag_ids: dict[str, str],
    batch_size: int,
    showcase: bool,
) -> Iterator[_Batch]:
    batch = _Batch()
    cases = showcases() if showcase and total >= SHOWCASE_MIN else ()
    for case in cases:
        if case.name in gen.customer_names:
            continue
        gen.customer_names.add(case.name)
        first = len(batch.contacts)
        _showcase_account(gen, batch, case, tag_ids[SHOWCASE_TAGS[case.chinese]])
        _trade(gen, batch, case.chinese, first)
    stages = list(Stage)
    for n in range(total - len(batch.accounts)):
        first = len(batch.contacts)
        _one_account(gen, batch, stages[n % len(stages)], per_account, tag_ids)
        _trade(gen, batch, None, first)
        if len(batch.accounts) >= batch_size:
            yield batch
            batch = _Batch()
    if batch.accounts:
        yield batch


def _trade(gen: _Generator, batch: _Batch, chinese: bool | None, first_contact: int) -> None:
    """The business of the account just added (``demo.trade``)."""
    account = batch.accounts[-1]
    gen.trade.add(
        batch.trade,
        Customer(
            id=account["id"],
            stage=account["stage"],
            path=batch.path,
            created=account["created_at"],
            owner_id=account["owner_id"],
            chinese=_chinese(account["name"]) if chinese is None else chinese,
            served=not account["do_not_serve"],
            top_contact=batch.contacts[first_contact][0]
            if len(batch.contacts) > first_contact
            else None,
        ),
    )


def _chinese(name: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in name)


def _one_account(
    gen: _Generator,
    batch: _Batch,
    stage: Stage,
    per_account: tuple[int, int],
    tag_ids: dict[str, str],
) -> None:
    r = gen.rng
    chinese = r.random() < 0.7
    individual = r.random() < 0.05
    if individual:
        name = gen.individual_name(chinese)
        fields = {
            "name": name,
            "sort_key": gen.spelling(name)[1],
            "industry": "",
            "region": r.choice(CITIES if chinese else EN_REGIONS),
            "website": "",
            "phone": f"1{r.randint(30, 89)}{r.randint(1000_0000, 9999_9999)}",
            "address": "",
        }
    else:
        fields = gen.company(chinese)
    tags = r.sample(CN_TAGS if chinese else EN_TAGS, k=r.randint(0, 2))
    account_id, created = _add_account(
        gen, batch, fields, stage, chinese, individual, [tag_ids[t] for t in tags]
    )
    count = 1 if individual else r.randint(*per_account)
    _people(gen, batch, account_id, fields["name"], created, chinese, count, individual)


def _add_account(
    gen: _Generator,
    batch: _Batch,
    fields: dict[str, Any],
    stage: Stage,
    chinese: bool,
    individual: bool,
    tag_ids: list[str],
    notes: str | None = None,
) -> tuple[str, datetime]:
    """One account row with its stage history, tags and search entry."""
    r = gen.rng
    created = gen.moment(gen.start, gen.now - timedelta(days=60))
    account_id = gen.ulid(created)
    path = gen.stage_path(stage)
    lang = 0 if chinese else 1
    lost_reason = r.choice(LOST_REASON_LIST) if path[-1] is Stage.LOST else None
    when = created
    batch.path = []
    for i, (step, when) in enumerate(
        zip(path, gen.steps(created, len(path), (25, 150)), strict=True)
    ):
        if i == 0:
            reason = ""
        elif step is Stage.LOST:
            assert lost_reason is not None
            reason = LOST_REASONS[lost_reason][lang]
        else:
            reason = r.choice(STAGE_REASONS[step])[lang]
        batch.path.append((step, when))
        batch.stage_changes.append(
            (
                gen.ulid(when),
                account_id,
                path[i - 1].code if i else None,
                step.code,
                lost_reason.code if lost_reason is not None and step is Stage.LOST else None,
                reason,
                utc_text(when),
                gen.users["demo"],
            )
        )
    dns = r.random() < 0.02 and notes is None
    care = "客户关怀：逢年过节问候；关注交期。" if chinese else "Care: season's greetings."
    batch.accounts.append(
        {
            "id": account_id,
            "website": "",
            "phone": "",
            "address": "",
            **fields,
            "sort_key": fields.get("sort_key") or sort_key(fields["name"], person=individual),
            "kind": AccountKind.INDIVIDUAL if individual else AccountKind.COMPANY,
            "owner_id": gen.users[r.choice(OWNERS)],
            "stage": stage,
            "lost_reason": lost_reason,
            "notes": notes or care,
            "do_not_serve": dns,
            "do_not_serve_reason": (
                "多次恶意拖欠货款" if chinese else "repeated bad-faith non-payment"
            )
            if dns
            else "",
            "do_not_serve_at": when if dns else None,
            "created_at": created,
            "updated_at": when,
            "deleted_at": None,
        }
    )
    for tag_id in tag_ids:
        batch.account_tags.append(
            {"account_id": account_id, "tag_id": tag_id, "updated_at": created, "deleted_at": None}
        )
    batch.docs.append(
        account_doc(
            account_id,
            fields["name"],
            fields["industry"],
            fields["region"],
            individual=individual,
        )
    )
    return account_id, created


def _showcase_account(gen: _Generator, batch: _Batch, case: Showcase, tag_id: str) -> None:
    fields = {"name": case.name, "industry": case.industry, "region": case.region}
    account_id, created = _add_account(
        gen, batch, fields, case.stage, case.chinese, False, [tag_id], case.notes
    )
    ids: list[str] = []
    for person in case.people:
        ids.append(
            _add_person(
                gen,
                batch,
                account_id=account_id,
                account_name=case.name,
                chinese=case.chinese,
                name=person.name,
                title=person.title,
                department=person.department,
                roles=person.roles,
                level=person.level,
                attitude=person.attitude,
                boss=None if person.boss is None else ids[person.boss],
                departed=person.departed,
                created=created,
            )
        )
    for source, target, kind in case.edges:
        _add_edge(gen, batch, account_id, ids[source], ids[target], kind, created)


def _people(
    gen: _Generator,
    batch: _Batch,
    account_id: str,
    account_name: str,
    created: datetime,
    chinese: bool,
    count: int,
    individual: bool,
) -> None:
    r = gen.rng
    heads: list[str] = []
    top_id: str | None = None
    ids: list[str] = []
    names = [account_name] if individual else gen.people_names(chinese, count)
    for n, name in enumerate(names):
        if n == 0:
            title_zh, title_en, dept_zh, dept_en, roles = TOP
            boss = None
        elif n <= len(HEADS) and (n < 3 or r.random() < 0.7):
            title_zh, title_en, dept_zh, dept_en, roles = HEADS[(n - 1) % len(HEADS)]
            boss = top_id
        else:
            title_zh, title_en, roles = r.choice(STAFF)
            dept_zh, dept_en = ("采购部", "Purchasing") if not heads else ("", "")
            boss = r.choice(heads) if heads else top_id
        contact_id = _add_person(
            gen,
            batch,
            account_id=account_id,
            account_name=account_name,
            chinese=chinese,
            name=name,
            title="" if individual else (title_zh if chinese else title_en),
            department="" if individual else (dept_zh if chinese else dept_en),
            roles=roles,
            level=gen.level(),
            attitude=_weighted(r, ATTITUDES, ATTITUDE_CUM_WEIGHTS),
            boss=boss,
            departed=r.random() < 0.05,
            created=created,
        )
        ids.append(contact_id)
        if not individual and dept_zh and boss == top_id and n:
            heads.append(contact_id)
        if n == 0:
            top_id = contact_id
    if len(ids) >= 4:  # a couple of links beside the org chart
        for kind in r.sample(EDGE_KINDS, k=r.randint(1, 2)):
            a, b = r.sample(ids, 2)
            _add_edge(gen, batch, account_id, a, b, kind, created)


def _add_person(
    gen: _Generator,
    batch: _Batch,
    *,
    account_id: str,
    account_name: str,
    chinese: bool,
    name: str,
    title: str,
    department: str,
    roles: Sequence[BuyingRole],
    level: RelationshipLevel,
    attitude: Attitude,
    boss: str | None,
    departed: bool,
    created: datetime,
) -> str:
    """One contact with its roles, level history and search entry; returns its id."""
    r = gen.rng
    met = gen.moment(created, min(created + timedelta(days=120), gen.now))
    contact_id = gen.ulid(met)
    pinyin, key = gen.spelling(name)
    lang = 0 if chinese else 1
    climb = CLIMBS[level]
    moments = gen.steps(met, len(climb), (20, 120)) if climb else []
    last = moments[-1] if moments else met
    demo_user = gen.users["demo"]
    met_text = utc_text(met)
    batch.contacts.append(
        (
            contact_id,
            account_id,
            name,
            pinyin,
            key,
            title,
            department,
            "",  # phone
            f"1{r.randint(30, 89)}{r.randint(1000_0000, 9999_9999)}",
            "" if chinese else work_email(name, account_name),
            f"wx_{r.randint(10000, 99999)}" if chinese else "",
            (BIRTHDAY_FROM + timedelta(days=r.randint(0, 13000))).isoformat()
            if r.random() < 0.6
            else None,
            ("孩子今年高考" if chinese else "Daughter starts university")
            if level in CLOSE_LEVELS
            else "",
            "",  # education_notes
            "",  # notes
            boss,
            departed,
            utc_text(gen.moment(last, gen.now)) if departed else None,
            level.code,
            None,  # target_level
            r.choice(DEPTHS).code if r.random() < 0.8 else None,
            attitude.code,
            False,  # is_placeholder
            met_text,
            utc_text(last),
            None,  # deleted_at
        )
    )
    for role in roles:
        batch.roles.append((contact_id, role.code, met_text, None))
    previous: str | None = None
    for step, when in zip(climb, moments, strict=True):
        batch.level_changes.append(
            (
                gen.ulid(when),
                contact_id,
                previous,
                step.code,
                r.choice(LEVEL_ACTIVITIES[step])[lang],
                utc_text(when),
                demo_user,
            )
        )
        previous = step.code
    batch.docs.append(contact_doc(contact_id, account_id, name, account_name, pinyin))
    return contact_id


def work_email(name: str, account_name: str) -> str:
    """An English contact's work address: chloe.reid@brightpath.example.com (the customer's
    first two words), so that no two people of the demo share one by chance."""
    person = ".".join(
        w for w in ("".join(c for c in p if c.isalnum()) for p in name.lower().split()) if w
    )
    domain = "".join(c for c in "".join(account_name.lower().split()[:2]) if c.isalnum()) or "mail"
    return f"{person}@{domain}.example.com"


def _add_edge(
    gen: _Generator,
    batch: _Batch,
    account_id: str,
    source: str,
    target: str,
    kind: EdgeKind,
    created: datetime,
) -> None:
    at = gen.moment(created, gen.now)
    at_text = utc_text(at)
    batch.edges.append(
        (gen.ulid(at), account_id, source, target, kind.code, "", at_text, at_text, None)
    )


def _stored(batch: _Batch, dialect: Dialect, *, spell: bool) -> Stored:
    tables = Base.metadata.tables
    statements = [stored_rows(tables[Account.__tablename__], batch.accounts, dialect)]
    for model, columns, rows in (
        (Contact, CONTACT_COLUMNS, batch.contacts),
        (ContactRole, ROLE_COLUMNS, batch.roles),
        (StageChange, STAGE_CHANGE_COLUMNS, batch.stage_changes),
        (LevelChange, LEVEL_CHANGE_COLUMNS, batch.level_changes),
        (ContactEdge, EDGE_COLUMNS, batch.edges),
    ):
        if rows:
            statements.append((insert_sql(tables[model.__tablename__], columns), rows))
    if batch.account_tags:
        statements.append(
            stored_rows(tables[AccountTag.__tablename__], batch.account_tags, dialect)
        )
    for table, names, trade_rows in batch.trade.tables():
        if trade_rows:
            statements.append((insert_sql(tables[table], names), trade_rows))
    left: list[Row] = []
    if spell:
        docs, terms = index.new_account_rows(batch.docs)
        statements.append((index.NEW_DOC_SQL, docs))
        if terms:
            statements.append((index.NEW_ACCOUNT_TERMS_SQL, terms))
    else:  # plain tuples: a dataclass pickles at several times the cost
        left = [
            (d.kind, d.ref_id, d.account_id, d.name, d.detail, d.alt_spelling, d.person)
            for d in batch.docs
        ]
    return Stored([a["id"] for a in batch.accounts], len(batch.contacts), statements, left)
