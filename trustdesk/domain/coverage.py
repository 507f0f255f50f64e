"""REL-7 relationship scope and REL-8 coverage risks of one account, from its people.

Pure rules over anything shaped like a contact (see ``PersonLike``). "People we have a
relationship with" are those still at the company at level acquaintance or above.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from trustdesk.domain.enums import (
    Attitude,
    BuyingRole,
    CoverageRisk,
    RelationshipLevel,
    RelationshipScope,
)


class PersonLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def roles(self) -> Sequence[BuyingRole]: ...
    @property
    def level(self) -> RelationshipLevel: ...
    @property
    def attitude(self) -> Attitude: ...
    @property
    def departed(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class RiskFinding:
    """One risk, the people it concerns, and a sentence explaining it (zh and en)."""

    risk: CoverageRisk
    people: tuple[str, ...]  # contact ids to highlight
    zh: str
    en: str

    def sentence(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


def _names(people: Iterable[PersonLike], sep: str) -> str:
    return sep.join(p.name for p in people)


def related(people: Iterable[PersonLike]) -> list[PersonLike]:
    """People still at the company with whom we have at least an acquaintance."""
    return [p for p in people if not p.departed and p.level >= RelationshipLevel.ACQUAINTANCE]


def relationship_scope(people: Sequence[PersonLike]) -> RelationshipScope:
    """REL-7: company = several departments including a decision-maker; department = several
    people; individual = one person."""
    ours = related(people)
    if not ours:
        return RelationshipScope.NONE
    if len(ours) == 1:
        return RelationshipScope.INDIVIDUAL
    departments = {p.department.strip() for p in ours if p.department.strip()}
    has_decision_maker = any(BuyingRole.DECISION_MAKER in p.roles for p in ours)
    if len(departments) >= 2 and has_decision_maker:
        return RelationshipScope.COMPANY
    return RelationshipScope.DEPARTMENT


def coverage_risks(people: Sequence[PersonLike]) -> list[RiskFinding]:
    """REL-8, in a fixed order. An account with no people has no findings (nothing to map)."""
    present = [p for p in people if not p.departed]
    findings: list[RiskFinding] = []
    if not people:
        return findings

    supporters = [p for p in present if p.attitude is Attitude.SUPPORTER]
    if not supporters and present:
        findings.append(
            RiskFinding(
                CoverageRisk.NO_SUPPORTER,
                tuple(p.id for p in present),
                "这个客户里还没有支持我们的人。",
                "Nobody at this customer supports us yet.",
            )
        )
    elif len(supporters) == 1:
        (only,) = supporters
        findings.append(
            RiskFinding(
                CoverageRisk.SINGLE_THREADED,
                (only.id,),
                f"只有{only.name}支持我们:鸡蛋放在一个篮子里,他一离开关系就断了。",
                f"Only {only.name} supports us: all eggs in one basket — if they leave, "
                "we lose the account.",
            )
        )

    decision_makers = [p for p in present if BuyingRole.DECISION_MAKER in p.roles]
    close = [p for p in decision_makers if p.level >= RelationshipLevel.PARTNER]
    if present and not close:
        concerned = decision_makers or present
        if decision_makers:
            zh = f"决策者{_names(decision_makers, '、')}与我们的关系还没有达到伙伴或同盟。"
            en = (
                f"The decision-maker(s) {_names(decision_makers, ', ')} are not yet partners "
                "or allies."
            )
        else:
            zh = "还不认识任何决策者,更谈不上伙伴或同盟。"
            en = "We know no decision-maker here, let alone as a partner or ally."
        findings.append(
            RiskFinding(
                CoverageRisk.NO_CLOSE_DECISION_MAKER, tuple(p.id for p in concerned), zh, en
            )
        )

    allies = [p for p in present if p.level is RelationshipLevel.ALLY]
    if len(allies) == 1 and BuyingRole.EXECUTOR in allies[0].roles:
        ally = allies[0]
        findings.append(
            RiskFinding(
                CoverageRisk.ONLY_ALLY_IS_EXECUTOR,
                (ally.id,),
                f"唯一的同盟{ally.name}是执行者:能办事,但左右不了决策。",
                f"Our only ally, {ally.name}, is an executor: helpful, but does not decide.",
            )
        )

    departed_keys = [p for p in people if p.departed and _is_key(p)]
    if departed_keys:
        findings.append(
            RiskFinding(
                CoverageRisk.KEY_CONTACT_DEPARTED,
                tuple(p.id for p in departed_keys),
                f"关键联系人{_names(departed_keys, '、')}已离职:尽快与接任者建立关系。",
                f"Key contact(s) {_names(departed_keys, ', ')} left the company: build a "
                "relationship with the successor soon.",
            )
        )
    return findings


def _is_key(person: PersonLike) -> bool:
    """Key: decides or influences the purchase, or is a partner or ally of ours."""
    roles = set(person.roles)
    return bool(roles & {BuyingRole.DECISION_MAKER, BuyingRole.INFLUENCER}) or (
        person.level >= RelationshipLevel.PARTNER
    )
