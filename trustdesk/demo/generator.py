"""Realistic, reproducible bilingual demo data (``trustdesk demo``).

The same seed gives the same customers, people and histories (dates are laid out backwards
from today). Rows go in through bulk inserts so the benchmark can build 100,000 accounts with
the same generator a newcomer's demo uses.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session
from ulid import ULID

from trustdesk.db import search as index
from trustdesk.db.base import Base
from trustdesk.db.models import (
    Account,
    AccountTag,
    Contact,
    ContactEdge,
    ContactRole,
    LevelChange,
    StageChange,
)
from trustdesk.demo.showcase import Showcase, showcases
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
from trustdesk.domain.names import pinyin_of, sort_key
from trustdesk.services.indexing import account_doc, contact_doc
from trustdesk.services.tags import ensure_tags
from trustdesk.services.users import user_id_for_name

SHOWCASE_MIN = 10

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
EN_SUFFIXES = ["Ltd", "Inc.", "GmbH", "Pte Ltd", "Co."]
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
]
OWNERS = ["王磊", "陈静", "Li Na", "刘洋", "Kevin Zhou"]
CN_TAGS = ["重点", "华南", "华东", "战略", "OEM", "渠道", "新客户", "招标"]
EN_TAGS = ["key", "APAC", "EMEA", "strategic", "OEM", "distributor", "tender"]

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
STAGE_REASONS = {
    Stage.EXPLORER: ("索取了报价和样品", "asked for a quote and samples"),
    Stage.FIRST_TIME: ("第一笔订单", "first order"),
    Stage.REPEAT: ("第二笔订单", "second order"),
    Stage.REGULAR: ("半年内稳定复购", "steady repeat orders for six months"),
    Stage.ADVOCATE: ("推荐了两家新客户", "referred two new customers"),
    Stage.LOST: ("连续两个季度没有订单", "no order for two quarters"),
}
LEVEL_ACTIVITIES = {
    RelationshipLevel.ACQUAINTANCE: ("电话沟通、首次拜访", "phone call and first visit"),
    RelationshipLevel.DATE: ("技术交流、参观工厂", "technical exchange and site visit"),
    RelationshipLevel.PARTNER: ("家庭聚会、生日关怀", "family dinner, birthday care"),
    RelationshipLevel.ALLY: ("主动提供情报并引荐", "shares intelligence and introduces us"),
}


@dataclass
class _Batch:
    accounts: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    stage_changes: list[dict[str, Any]] = field(default_factory=list)
    level_changes: list[dict[str, Any]] = field(default_factory=list)
    account_tags: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    docs: list[index.DocInput] = field(default_factory=list)


class _Generator:
    def __init__(self, seed: int, now: datetime, users: dict[str, str]) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.start = now - timedelta(days=730)
        self.users = users  # display name -> user id (the owners and "demo", the author)

    def ulid(self, at: datetime) -> str:
        ms = int(at.timestamp() * 1000).to_bytes(6, "big")
        return str(ULID.from_bytes(ms + self.rng.randbytes(10)))

    def moment(self, after: datetime, before: datetime) -> datetime:
        span = max((before - after).total_seconds(), 60.0)
        return after + timedelta(seconds=self.rng.uniform(0, span))

    def company(self, chinese: bool) -> dict[str, Any]:
        r = self.rng
        if chinese:
            city = r.choice(CITIES)
            word, industry = r.choice(CN_INDUSTRIES)
            name = f"{city}{r.choice(BRANDS)}{word}{r.choice(CN_SUFFIXES)}"
            region, website = city, ""
            phone = f"0{r.randint(10, 99)}-{r.randint(2000_0000, 8999_9999)}"
            address = (
                f"{city}市{r.choice(['南山区', '高新区', '经开区', '工业园'])}{r.randint(1, 300)}号"
            )
        else:
            prefix = r.choice(EN_PREFIXES)
            word, industry = r.choice(EN_INDUSTRIES)
            name = f"{prefix} {word} {r.choice(EN_SUFFIXES)}"
            region = r.choice(EN_REGIONS)
            website = f"https://www.{prefix.lower().replace(' ', '')}-{word.lower()}.example"
            phone = f"+{r.randint(1, 65)} {r.randint(200, 999)} {r.randint(1000, 9999)}"
            address = (
                f"{r.randint(1, 400)} {r.choice(['Harbour', 'King', 'Market'])} Street, {region}"
            )
        return {
            "name": name,
            "industry": industry,
            "region": region,
            "website": website,
            "phone": phone,
            "address": address,
        }

    def person(self, chinese: bool) -> str:
        r = self.rng
        if chinese:
            return r.choice(SURNAMES) + r.choice(GIVEN)
        return f"{r.choice(EN_FIRST)} {r.choice(EN_LAST)}"

    def level(self) -> RelationshipLevel:
        return self.rng.choices(list(RelationshipLevel), weights=[15, 35, 25, 15, 10])[0]

    def stage_path(self, final: Stage) -> list[Stage]:
        order: list[Stage] = [s for s in Stage if s is not Stage.LOST]
        if final is Stage.LOST:
            reached = self.rng.choice(order[:5])
            return [*order[: order.index(reached) + 1], Stage.LOST]
        return order[: order.index(final) + 1]


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
) -> tuple[int, int]:
    """Add ``accounts`` demo customers with their people and histories; return the counts.

    With ``showcase`` (and at least SHOWCASE_MIN accounts) the first ones are the hand-made
    accounts whose maps show each coverage risk and a company-level strategic account.
    """
    users = {name: str(user_id_for_name(session, name)) for name in [*OWNERS, "demo"]}
    gen = _Generator(seed, now or datetime.now(UTC).replace(microsecond=0), users)
    tag_ids = {t.name: t.id for t in ensure_tags(session, CN_TAGS + EN_TAGS)}
    made_accounts = made_contacts = 0
    for batch in _batches(gen, accounts, contacts_per_account, tag_ids, batch_size, showcase):
        _write(session, batch)
        made_accounts += len(batch.accounts)
        made_contacts += len(batch.contacts)
        if progress:
            progress(made_accounts)
    return made_accounts, made_contacts


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
        _showcase_account(gen, batch, case, tag_ids["战略" if case.chinese else "strategic"])
    stages = list(Stage)
    for n in range(total - len(cases)):
        _one_account(gen, batch, stages[n % len(stages)], per_account, tag_ids)
        if len(batch.accounts) >= batch_size:
            yield batch
            batch = _Batch()
    if batch.accounts:
        yield batch


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
        fields = {
            "name": gen.person(chinese),
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
    when = created
    lost_reason = None
    for i, step in enumerate(path):
        reason = "" if i == 0 else STAGE_REASONS[step][0 if chinese else 1]
        lost = r.choice(list(LostReason)) if step is Stage.LOST else None
        lost_reason = lost
        batch.stage_changes.append(
            {
                "id": gen.ulid(when),
                "account_id": account_id,
                "from_stage": path[i - 1] if i else None,
                "to_stage": step,
                "lost_reason": lost,
                "reason": reason,
                "changed_at": when,
                "changed_by_id": gen.users["demo"],
            }
        )
        when = gen.moment(when, min(when + timedelta(days=150), gen.now))
    dns = r.random() < 0.02 and notes is None
    care = "客户关怀:逢年过节问候;关注交期。" if chinese else "Care: season's greetings."
    batch.accounts.append(
        {
            "id": account_id,
            "website": "",
            "phone": "",
            "address": "",
            **fields,
            "sort_key": sort_key(fields["name"]),
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
    batch.docs.append(account_doc(account_id, fields["name"], fields["industry"], fields["region"]))
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
    for n in range(count):
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
            name=account_name if individual else gen.person(chinese),
            title="" if individual else (title_zh if chinese else title_en),
            department="" if individual else (dept_zh if chinese else dept_en),
            roles=roles,
            level=gen.level(),
            attitude=r.choices(list(Attitude), weights=[45, 40, 15])[0],
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
        for kind in r.sample(list(EdgeKind), k=r.randint(1, 2)):
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
    met = gen.moment(created, gen.now)
    contact_id = gen.ulid(met)
    batch.contacts.append(
        {
            "id": contact_id,
            "account_id": account_id,
            "name": name,
            "pinyin": pinyin_of(name),
            "sort_key": sort_key(name),
            "title": title,
            "department": department,
            "phone": "",
            "mobile": f"1{r.randint(30, 89)}{r.randint(1000_0000, 9999_9999)}",
            "email": "" if chinese else f"{name.split()[0].lower()}@example.com",
            "wechat": f"wx_{r.randint(10000, 99999)}" if chinese else "",
            "birthday": (datetime(1960, 1, 1) + timedelta(days=r.randint(0, 13000))).date()
            if r.random() < 0.6
            else None,
            "family_notes": ("孩子今年高考" if chinese else "Daughter starts university")
            if level >= RelationshipLevel.PARTNER
            else "",
            "education_notes": "",
            "notes": "",
            "reports_to_id": boss,
            "departed": departed,
            "departed_at": gen.moment(met, gen.now) if departed else None,
            "level": level,
            "target_level": None,
            "depth": r.choice(list(ContactDepth)) if r.random() < 0.8 else None,
            "attitude": attitude,
            "is_placeholder": False,
            "created_at": met,
            "updated_at": met,
            "deleted_at": None,
        }
    )
    for role in roles:
        batch.roles.append(
            {"contact_id": contact_id, "role": role, "updated_at": met, "deleted_at": None}
        )
    when = met
    previous: RelationshipLevel | None = None
    for step in list(RelationshipLevel)[1 : level.position + 1]:
        batch.level_changes.append(
            {
                "id": gen.ulid(when),
                "contact_id": contact_id,
                "from_level": previous,
                "to_level": step,
                "reason": LEVEL_ACTIVITIES[step][0 if chinese else 1],
                "changed_at": when,
                "changed_by_id": gen.users["demo"],
            }
        )
        previous = step
        when = gen.moment(when, min(when + timedelta(days=120), gen.now))
    batch.docs.append(contact_doc(contact_id, account_id, name, account_name, pinyin_of(name)))
    return contact_id


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
    batch.edges.append(
        {
            "id": gen.ulid(at),
            "account_id": account_id,
            "source_id": source,
            "target_id": target,
            "kind": kind,
            "note": "",
            "created_at": at,
            "updated_at": at,
            "deleted_at": None,
        }
    )


def _write(session: Session, batch: _Batch) -> None:
    session.execute(insert(Account), batch.accounts)
    session.execute(insert(Contact), batch.contacts)
    for model, rows in (
        (AccountTag, batch.account_tags),
        (ContactRole, batch.roles),
        (StageChange, batch.stage_changes),
        (LevelChange, batch.level_changes),
        (ContactEdge, batch.edges),
    ):
        if rows:  # Core inserts: the fastest bulk path, rows are plain dicts
            session.execute(insert(Base.metadata.tables[model.__tablename__]), rows)
    index.index_records(session, batch.docs)
