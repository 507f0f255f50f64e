"""Organisations of any size made through the services, for map tests and benchmarks."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from trustdesk.domain.enums import Attitude, BuyingRole, EdgeKind, RelationshipLevel
from trustdesk.services import accounts, contacts, relationship_map

DEPARTMENTS = ("总经办", "采购部", "技术部", "财务部", "生产部", "质量部", "研发中心", "销售部",
               "物流部", "人力资源部", "信息部", "法务部")  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚"


def make_organisation(
    session: Session,
    name: str,
    people: int,
    *,
    links: int | None = None,
    seed: int = 1,
    numbered: bool = True,
) -> str:
    """A customer of ``people`` people in departments under one general manager, with
    reports-to, influence and acquaintance links; returns the account id. ``numbered``
    names end in their index, so each is unique."""
    rng = random.Random(seed)
    account = accounts.create_account(session, name, region="深圳")
    departments = DEPARTMENTS[: max(1, min(len(DEPARTMENTS), people // 12 or 1))]
    ids: list[str] = []
    heads: dict[str, str] = {}
    members: dict[str, list[str]] = {d: [] for d in departments}
    for i in range(people):
        dept = departments[0] if i == 0 else departments[i % len(departments)]
        if i == 0:
            boss = None
        elif dept not in heads:
            boss = ids[0]
        else:
            boss = rng.choice(members[dept][:8])
        person = contacts.create_contact(
            session,
            account.id,
            f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}{i if numbered else ''}",
            title="总经理" if i == 0 else ("部门经理" if dept not in heads else "专员"),
            department=dept,
            reports_to_id=boss,
            level=rng.choice(list(RelationshipLevel)),
            attitude=rng.choices(list(Attitude), [4, 5, 1])[0],
            roles=[BuyingRole.DECISION_MAKER] if i == 0 else [],
        )
        ids.append(person.id)
        heads.setdefault(dept, person.id)
        members[dept].append(person.id)
    drawn: set[tuple[str, str]] = set()
    for n in range(people // 5 if links is None else links):
        a, b = rng.sample(ids, 2)
        if (a, b) not in drawn:
            drawn.add((a, b))
            kind = EdgeKind.INFLUENCES if n % 2 else EdgeKind.KNOWS
            relationship_map.add_edge(session, a, b, kind)
    return account.id
