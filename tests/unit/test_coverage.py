"""REL-7 scope and REL-8 risks, rule by rule, on small hand-built accounts."""

from dataclasses import dataclass

import pytest

from trustdesk.domain.coverage import coverage_risks, relationship_scope
from trustdesk.domain.enums import (
    Attitude,
    BuyingRole,
    CoverageRisk,
    RelationshipLevel,
    RelationshipScope,
)

DM, INF, EXE, SUP = (
    BuyingRole.DECISION_MAKER,
    BuyingRole.INFLUENCER,
    BuyingRole.EXECUTOR,
    BuyingRole.SUPERVISOR,
)
L, A = RelationshipLevel, Attitude


@dataclass(frozen=True)
class P:
    id: str
    name: str = "x"
    department: str = ""
    roles: tuple = ()
    level: RelationshipLevel = L.ACQUAINTANCE
    attitude: Attitude = A.NEUTRAL
    departed: bool = False


def risks(people):
    return [f.risk for f in coverage_risks(people)]


def finding(people, risk):
    return next(f for f in coverage_risks(people) if f.risk is risk)


# --- scope ---------------------------------------------------------------------------------


def test_scope_none_without_relationships():
    assert relationship_scope([]) is RelationshipScope.NONE
    assert relationship_scope([P("a", level=L.NONE)]) is RelationshipScope.NONE


def test_scope_individual_with_one_person():
    assert relationship_scope([P("a"), P("b", level=L.NONE)]) is RelationshipScope.INDIVIDUAL


def test_scope_department_with_several_in_one_department():
    people = [P("a", department="采购部", roles=(DM,)), P("b", department="采购部")]
    assert relationship_scope(people) is RelationshipScope.DEPARTMENT


def test_scope_department_when_several_departments_lack_a_decision_maker():
    people = [P("a", department="采购部"), P("b", department="技术部")]
    assert relationship_scope(people) is RelationshipScope.DEPARTMENT


def test_scope_company_with_departments_and_a_decision_maker():
    people = [P("a", department="总经办", roles=(DM,)), P("b", department="采购部")]
    assert relationship_scope(people) is RelationshipScope.COMPANY


def test_departed_people_do_not_count_for_scope():
    people = [P("a", department="总经办", roles=(DM,), departed=True), P("b", department="采购部")]
    assert relationship_scope(people) is RelationshipScope.INDIVIDUAL


# --- risks ---------------------------------------------------------------------------------


def test_single_threaded_when_one_supporter():
    people = [P("a", name="周丽", attitude=A.SUPPORTER), P("b"), P("c")]
    f = finding(people, CoverageRisk.SINGLE_THREADED)
    assert f.people == ("a",)
    assert "周丽" in f.zh and "鸡蛋" in f.zh
    assert "one basket" in f.en


def test_two_supporters_are_not_single_threaded():
    people = [P("a", attitude=A.SUPPORTER), P("b", attitude=A.SUPPORTER)]
    assert CoverageRisk.SINGLE_THREADED not in risks(people)
    assert CoverageRisk.NO_SUPPORTER not in risks(people)


def test_no_supporter():
    assert CoverageRisk.NO_SUPPORTER in risks([P("a"), P("b", attitude=A.OPPONENT)])


def test_departed_supporter_leaves_none():
    people = [P("a", attitude=A.SUPPORTER, departed=True), P("b")]
    assert CoverageRisk.NO_SUPPORTER in risks(people)


@pytest.mark.parametrize(
    ("level", "flagged"),
    [(L.NONE, True), (L.ACQUAINTANCE, True), (L.DATE, True), (L.PARTNER, False), (L.ALLY, False)],
)
def test_no_decision_maker_at_partner_or_ally(level, flagged):
    people = [P("boss", name="林总", roles=(DM,), level=level), P("b", attitude=A.SUPPORTER)]
    assert (CoverageRisk.NO_CLOSE_DECISION_MAKER in risks(people)) is flagged
    if flagged:
        f = finding(people, CoverageRisk.NO_CLOSE_DECISION_MAKER)
        assert f.people == ("boss",) and "林总" in f.zh


def test_no_decision_maker_known_at_all():
    f = finding([P("a"), P("b")], CoverageRisk.NO_CLOSE_DECISION_MAKER)
    assert "决策者" in f.zh
    assert set(f.people) == {"a", "b"}


def test_only_ally_is_the_executor():
    people = [
        P("e", name="宋涛", roles=(EXE,), level=L.ALLY, attitude=A.SUPPORTER),
        P("d", roles=(DM,), level=L.DATE),
    ]
    f = finding(people, CoverageRisk.ONLY_ALLY_IS_EXECUTOR)
    assert f.people == ("e",) and "宋涛" in f.zh


def test_two_allies_or_a_non_executor_ally_are_fine():
    two = [P("e", roles=(EXE,), level=L.ALLY), P("i", roles=(INF,), level=L.ALLY)]
    other = [P("i", roles=(INF,), level=L.ALLY)]
    assert CoverageRisk.ONLY_ALLY_IS_EXECUTOR not in risks(two)
    assert CoverageRisk.ONLY_ALLY_IS_EXECUTOR not in risks(other)


@pytest.mark.parametrize(
    ("person", "flagged"),
    [
        (P("x", roles=(DM,), departed=True), True),
        (P("x", roles=(INF,), departed=True), True),
        (P("x", level=L.PARTNER, departed=True), True),
        (P("x", roles=(EXE,), level=L.DATE, departed=True), False),
        (P("x", roles=(DM,)), False),
    ],
)
def test_key_contact_departed(person, flagged):
    people = [person, P("b", attitude=A.SUPPORTER)]
    assert (CoverageRisk.KEY_CONTACT_DEPARTED in risks(people)) is flagged


def test_healthy_account_has_no_findings():
    people = [
        P("d", department="总经办", roles=(DM,), level=L.ALLY, attitude=A.SUPPORTER),
        P("e", department="采购部", roles=(EXE,), level=L.PARTNER, attitude=A.SUPPORTER),
        P("i", department="技术部", roles=(INF,), level=L.DATE, attitude=A.SUPPORTER),
    ]
    assert coverage_risks(people) == []
    assert relationship_scope(people) is RelationshipScope.COMPANY


def test_empty_account_has_no_findings():
    assert coverage_risks([]) == []
