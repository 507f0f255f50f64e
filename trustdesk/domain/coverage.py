"""REL-7 relationship scope and REL-8 coverage risks of one account, from its people.

Pure rules over anything shaped like a contact (see ``PersonLike``).

Who counts (seed 004): scope is about having more than one person on the customer's side —
“如果没有‘储备’人选或得不到客户其他人员支持，任何变数都会导致失去这个客户” — so both
scope and the supporter risks count the same people, those who *support us*:

* still at the company (a departed person supports nobody there), and
* not an opponent, and
* either marked a supporter with whom we have at least an acquaintance (a supporter we have
  never met is hearsay, not a relationship), or at partner or ally level whatever the
  recorded attitude (seed 004 defines 伙伴 as "获得客户个人的明确和坚定的支持" and 同盟 as
  acting for us: the level itself is the support).

Scope (REL-7) over those supporters: none with no supporter; individual with one;
department with several; company with several across at least two named departments, one of
them a decision-maker. Because the single-threaded and no-supporter risks count exactly the
same supporters, a single-threaded customer is at most individual-level and a customer with
no supporter has no scope: scope and risks cannot contradict each other.
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


def supports_us(person: PersonLike) -> bool:
    """The rule in the module docstring: this person counts for scope and supporter risks."""
    if person.departed or person.attitude is Attitude.OPPONENT:
        return False
    if person.level >= RelationshipLevel.PARTNER:
        return True
    return person.attitude is Attitude.SUPPORTER and person.level >= RelationshipLevel.ACQUAINTANCE


def supporters(people: Iterable[PersonLike]) -> list[PersonLike]:
    """The people who support us, in the given order."""
    return [p for p in people if supports_us(p)]


def relationship_scope(people: Sequence[PersonLike]) -> RelationshipScope:
    """REL-7 over the people who support us: company = several in two or more departments
    including a decision-maker; department = several; individual = one."""
    ours = supporters(people)
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
    """REL-8, in a fixed order. A customer with nobody mapped has that one finding."""
    if not people:
        return [
            RiskFinding(
                CoverageRisk.NO_ONE_MAPPED,
                (),
                "还没有为这个客户建档任何联系人：先添加第一个认识的人。",
                "No one is mapped at this customer yet: add the first person you know.",
            )
        ]
    present = [p for p in people if not p.departed]
    findings: list[RiskFinding] = []

    ours = supporters(people)
    if not ours:
        findings.append(
            RiskFinding(
                CoverageRisk.NO_SUPPORTER,
                tuple(p.id for p in present),
                "这个客户里还没有支持我们的人。",
                "Nobody at this customer supports us yet.",
            )
        )
    elif len(ours) == 1:
        (only,) = ours
        findings.append(
            RiskFinding(
                CoverageRisk.SINGLE_THREADED,
                (only.id,),
                f"只有{only.name}支持我们：鸡蛋放在一个篮子里，此人一离开，关系就断了。",
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
                f"The decision-maker {decision_makers[0].name} is not yet a partner or ally."
                if len(decision_makers) == 1
                else f"The decision-makers {_names(decision_makers, ', ')} are not yet "
                "partners or allies."
            )
        else:
            zh = "还不认识任何决策者，更谈不上伙伴或同盟。"
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
                f"唯一的同盟{ally.name}是执行者：能办事，但左右不了决策。",
                f"Our only ally, {ally.name}, is an executor: helpful, but does not decide.",
            )
        )

    departed_keys = [p for p in people if p.departed and _is_key(p)]
    if departed_keys:
        findings.append(
            RiskFinding(
                CoverageRisk.KEY_CONTACT_DEPARTED,
                tuple(p.id for p in departed_keys),
                f"关键联系人{_names(departed_keys, '、')}已离职：尽快与接任者建立关系。",
                (
                    f"Key contact {departed_keys[0].name} left the company: build a "
                    "relationship with the successor soon."
                    if len(departed_keys) == 1
                    else f"Key contacts {_names(departed_keys, ', ')} left the company: build "
                    "relationships with their successors soon."
                ),
            )
        )
    return findings


def _is_key(person: PersonLike) -> bool:
    """Key: decides or influences the purchase, or is a partner or ally of ours."""
    roles = set(person.roles)
    return bool(roles & {BuyingRole.DECISION_MAKER, BuyingRole.INFLUENCER}) or (
        person.level >= RelationshipLevel.PARTNER
    )


def promise_risks(overdue: int, broken: int) -> list[RiskFinding]:
    """COM-3: promises not kept put the account at risk as a thin relationship does."""
    out = []
    if broken:
        out.append(
            RiskFinding(
                CoverageRisk.BROKEN_COMMITMENT,
                (),
                f"有 {broken} 项承诺未能兑现。",
                f"{broken} promise{'s' if broken > 1 else ''} broken.",
            )
        )
    if overdue:
        out.append(
            RiskFinding(
                CoverageRisk.OVERDUE_COMMITMENT,
                (),
                f"有 {overdue} 项承诺已过期限仍未兑现。",
                f"{overdue} promise{'s are' if overdue > 1 else ' is'} past due.",
            )
        )
    return out
