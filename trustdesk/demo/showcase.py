"""Hand-made demo accounts whose relationship maps each show one lesson of seed 004:
every REL-8 risk, and a company-level strategic account of about forty people."""

from __future__ import annotations

import random
from dataclasses import dataclass

from trustdesk.domain.enums import Attitude, BuyingRole, EdgeKind, RelationshipLevel, Stage

DM, INF, EXE, SUP = (
    BuyingRole.DECISION_MAKER,
    BuyingRole.INFLUENCER,
    BuyingRole.EXECUTOR,
    BuyingRole.SUPERVISOR,
)
L = RelationshipLevel
A = Attitude


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    department: str
    roles: tuple[BuyingRole, ...]
    level: RelationshipLevel
    attitude: Attitude
    boss: int | None  # index of the boss in the account's list
    departed: bool = False


@dataclass(frozen=True)
class Showcase:
    name: str
    region: str
    industry: str
    stage: Stage
    chinese: bool
    people: tuple[Person, ...]
    edges: tuple[tuple[int, int, EdgeKind], ...]
    notes: str


K, I_ = EdgeKind.KNOWS, EdgeKind.INFLUENCES

SMALL = (
    Showcase(
        "宁波海诚精密机械有限公司", "宁波", "机械设备", Stage.FIRST_TIME, True,
        (
            Person("陈国庆", "总经理", "总经办", (DM,), L.ACQUAINTANCE, A.NEUTRAL, None),
            Person("周丽", "采购经理", "采购部", (EXE, INF), L.PARTNER, A.SUPPORTER, 0),
            Person("吴强", "技术总监", "技术部", (INF,), L.ACQUAINTANCE, A.NEUTRAL, 0),
            Person("郑敏", "财务总监", "财务部", (SUP,), L.NONE, A.OPPONENT, 0),
        ),
        ((1, 2, K),),
        "风险示范：单线联系——只有采购经理周丽支持我们。",
    ),
    Showcase(
        "苏州瑞泰生物医药有限公司", "苏州", "医疗器械", Stage.REPEAT, True,
        (
            Person("林志强", "总经理", "总经办", (DM,), L.DATE, A.NEUTRAL, None),
            Person("何芳", "采购经理", "采购部", (EXE,), L.PARTNER, A.SUPPORTER, 0),
            Person("郭磊", "研发总监", "研发中心", (INF,), L.ALLY, A.SUPPORTER, 0),
            Person("马静", "质量经理", "质量部", (SUP,), L.DATE, A.SUPPORTER, 0),
            Person("罗杰", "采购专员", "采购部", (EXE,), L.ACQUAINTANCE, A.NEUTRAL, 1),
        ),
        ((2, 0, I_), (3, 1, K)),
        "风险示范：决策者林志强与我们只是约会关系。",
    ),
    Showcase(
        "厦门蓝海物流集团有限公司", "厦门", "物流", Stage.REGULAR, True,
        (
            Person("黄建华", "总经理", "总经办", (DM,), L.DATE, A.NEUTRAL, None),
            Person("谢娜", "物流总监", "运营部", (INF,), L.ACQUAINTANCE, A.SUPPORTER, 0),
            Person("宋涛", "采购主管", "采购部", (EXE,), L.ALLY, A.SUPPORTER, 0),
            Person("唐艳", "财务总监", "财务部", (SUP,), L.ACQUAINTANCE, A.NEUTRAL, 0),
        ),
        ((2, 1, K),),
        "风险示范：唯一的同盟宋涛是执行者。",
    ),
    Showcase(
        "广州德胜汽车零部件有限公司", "广州", "汽车", Stage.REGULAR, True,
        (
            Person("梁文博", "总经理", "总经办", (DM,), L.PARTNER, A.SUPPORTER, None),
            Person("许晓东", "技术总监", "技术部", (INF,), L.ALLY, A.SUPPORTER, 0, True),
            Person("韩子涵", "技术总监（接任）", "技术部", (INF,), L.NONE, A.NEUTRAL, 0),
            Person("冯雨欣", "采购经理", "采购部", (EXE,), L.DATE, A.SUPPORTER, 0),
            Person("邓浩然", "工程师", "技术部", (), L.ACQUAINTANCE, A.NEUTRAL, 2),
        ),
        ((1, 4, K), (1, 0, I_)),
        "风险示范：关键联系人许晓东已离职，需尽快与接任者韩子涵建立关系。",
    ),
    Showcase(
        "Harbor Point Medical Ltd", "Singapore", "Medical devices", Stage.ADVOCATE, False,
        (
            Person("Margaret Thompson", "Managing Director", "Management", (DM,), L.ALLY,
                   A.SUPPORTER, None),
            Person("Daniel Walker", "Finance Director", "Finance", (SUP, DM), L.PARTNER,
                   A.NEUTRAL, 0),
            Person("Grace Tan", "Head of Procurement", "Purchasing", (EXE, INF), L.PARTNER,
                   A.SUPPORTER, 0),
            Person("Henry Clarke", "Chief Engineer", "Engineering", (INF,), L.DATE,
                   A.SUPPORTER, 0),
            Person("Lucy Wong", "Buyer", "Purchasing", (EXE,), L.DATE, A.SUPPORTER, 2),
            Person("Peter Hughes", "QA Manager", "Quality", (SUP,), L.ACQUAINTANCE,
                   A.OPPONENT, 0),
            Person("Hannah Lim", "Engineer", "Engineering", (), L.ACQUAINTANCE, A.NEUTRAL, 3),
            Person("Thomas Reid", "Engineer", "Engineering", (), L.NONE, A.NEUTRAL, 3),
        ),
        ((3, 0, I_), (2, 1, K), (6, 4, K), (5, 1, I_)),
        "Strategic account: company-level relationships, allies in management.",
    ),
)  # fmt: skip

STRATEGIC_DEPARTMENTS = (
    ("采购部", "采购总监", (EXE, INF), ("采购经理", "采购专员", "采购专员", "计划员", "采购助理")),
    ("财务部", "财务总监", (SUP, DM), ("会计主管", "会计", "出纳", "成本分析师")),
    ("技术部", "技术总监", (INF,), ("工程师", "工程师", "高级工程师", "测试工程师", "工艺工程师")),
    ("生产部", "生产总监", (INF,), ("车间主任", "车间主任", "设备经理", "计划主管", "班组长")),
    ("质量部", "质量总监", (SUP,), ("质量工程师", "检验主管", "体系专员", "质量工程师")),
    ("研发中心", "研发总监", (INF,), ("项目经理", "架构师", "研发工程师", "产品经理")),
    ("销售部", "销售总监", (), ("大客户经理", "销售经理", "市场专员", "销售助理")),
)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "霞", "平", "刚", "秀英", "桂英", "建华", "志强", "海燕", "晓东",
         "文博", "子涵", "雨欣", "浩然", "国庆", "丽华", "俊杰", "嘉怡")  # fmt: skip


def strategic_account() -> Showcase:
    """深圳华科电子：公司级关系 — about forty people in seven departments."""
    rng = random.Random(2024)
    used: set[str] = set()

    def name() -> str:
        while True:
            candidate = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if candidate not in used:
                used.add(candidate)
                return candidate

    people = [
        Person(name(), "总经理", "总经办", (DM,), L.ALLY, A.SUPPORTER, None),
        Person(name(), "副总经理", "总经办", (DM, INF), L.PARTNER, A.SUPPORTER, 0),
    ]
    edges: list[tuple[int, int, EdgeKind]] = []
    heads: list[int] = []
    for dept, head_title, head_roles, staff in STRATEGIC_DEPARTMENTS:
        head = len(people)
        heads.append(head)
        level = rng.choice([L.DATE, L.PARTNER, L.PARTNER, L.ALLY])
        attitude = rng.choices([A.SUPPORTER, A.NEUTRAL, A.OPPONENT], [6, 3, 1])[0]
        people.append(Person(name(), head_title, dept, head_roles, level, attitude, 1 if head % 2
                             else 0))  # fmt: skip
        for title in staff:
            level = rng.choices(list(L), [2, 4, 3, 2, 1])[0]
            attitude = rng.choices([A.SUPPORTER, A.NEUTRAL, A.OPPONENT], [4, 5, 1])[0]
            roles = (EXE,) if "采购" in title else ((INF,) if "工程师" in title else ())
            people.append(Person(name(), title, dept, roles, level, attitude, head))
    for _ in range(8):
        a, b = rng.sample(range(2, len(people)), 2)
        edges.append((a, b, I_))
    for _ in range(6):
        a, b = rng.sample(range(len(people)), 2)
        edges.append((a, b, K))
    edges.append((heads[0], 0, I_))
    return Showcase(
        "深圳华科电子有限公司", "深圳", "电子制造", Stage.ADVOCATE, True, tuple(people),
        tuple(edges), "战略客户：公司级关系，总经理是我们的同盟。",
    )  # fmt: skip


def showcases() -> tuple[Showcase, ...]:
    return (strategic_account(), *SMALL)
