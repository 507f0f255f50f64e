"""REL-7 scope and REL-8 risks, rule by rule, on small hand-built accounts."""

import random
from dataclasses import dataclass

import pytest

from trustdesk.domain.coverage import coverage_risks, relationship_scope
from trustdesk.domain.enums import (
    Attitude,
    BuyingRole,
    CoverageRisk,
    RelationshipLevel,
    RelationshipScope,
    Severity,
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

S = A.SUPPORTER


def test_scope_none_without_supporters():
    assert relationship_scope([]) is RelationshipScope.NONE
    assert relationship_scope([P("a", level=L.NONE, attitude=S)]) is RelationshipScope.NONE
    # people we merely know, whatever their rank, are not a relationship that holds
    people = [P("a", department="总经办", roles=(DM,), level=L.DATE), P("b", department="采购部")]
    assert relationship_scope(people) is RelationshipScope.NONE


def test_scope_individual_with_one_supporter():
    people = [P("a", attitude=S), P("b", level=L.NONE, attitude=S), P("c", level=L.DATE)]
    assert relationship_scope(people) is RelationshipScope.INDIVIDUAL


def test_partner_and_ally_count_as_support_unless_opponents():
    neutral_partner = P("a", department="总经办", roles=(DM,), level=L.PARTNER)
    ally = P("b", department="采购部", level=L.ALLY)
    assert relationship_scope([neutral_partner, ally]) is RelationshipScope.COMPANY
    opposed = P("b", department="采购部", level=L.ALLY, attitude=A.OPPONENT)
    assert relationship_scope([neutral_partner, opposed]) is RelationshipScope.INDIVIDUAL


def test_scope_department_with_several_in_one_department():
    people = [
        P("a", department="采购部", roles=(DM,), attitude=S),
        P("b", department="采购部", attitude=S),
    ]
    assert relationship_scope(people) is RelationshipScope.DEPARTMENT


def test_scope_department_when_several_departments_lack_a_decision_maker():
    people = [P("a", department="采购部", attitude=S), P("b", department="技术部", attitude=S)]
    assert relationship_scope(people) is RelationshipScope.DEPARTMENT


def test_a_decision_maker_who_does_not_support_us_does_not_make_company_scope():
    people = [
        P("a", department="总经办", roles=(DM,), level=L.DATE),
        P("b", department="采购部", attitude=S),
        P("c", department="技术部", attitude=S),
    ]
    assert relationship_scope(people) is RelationshipScope.DEPARTMENT


def test_scope_company_with_departments_and_a_decision_maker():
    people = [
        P("a", department="总经办", roles=(DM,), attitude=S),
        P("b", department="采购部", attitude=S),
    ]
    assert relationship_scope(people) is RelationshipScope.COMPANY


def test_departed_people_do_not_count_for_scope():
    people = [
        P("a", department="总经办", roles=(DM,), attitude=S, departed=True),
        P("b", department="采购部", attitude=S),
    ]
    assert relationship_scope(people) is RelationshipScope.INDIVIDUAL


def test_single_threaded_customer_with_many_people_met_is_individual():
    """The issue's case: a dozen people met in four departments, one of them supports us."""
    depts = ["总经办", "采购部", "技术部", "财务部"]
    people = [
        P(str(n), department=depts[n % 4], roles=(DM,) if n == 0 else (), level=L.DATE)
        for n in range(12)
    ]
    people.append(P("fan", department="采购部", attitude=S, level=L.PARTNER))
    assert relationship_scope(people) is RelationshipScope.INDIVIDUAL
    assert CoverageRisk.SINGLE_THREADED in risks(people)


# --- scope never contradicts the risks ---------------------------------------------------

_OPTIONS = [
    (attitude, level, departed, department, roles)
    for attitude in A
    for level in L
    for departed in (False, True)
    for department in ("采购部", "技术部", "")
    for roles in ((), (DM,), (EXE,))
]


def _agrees(people) -> None:
    found = set(risks(people))
    scope = relationship_scope(people)
    wide = {RelationshipScope.DEPARTMENT, RelationshipScope.COMPANY}
    if found & {
        CoverageRisk.SINGLE_THREADED,
        CoverageRisk.NO_SUPPORTER,
        CoverageRisk.NO_ONE_MAPPED,
    }:
        assert scope not in wide, (people, found, scope)
    if CoverageRisk.SINGLE_THREADED in found:
        assert scope is RelationshipScope.INDIVIDUAL
    if found & {CoverageRisk.NO_SUPPORTER, CoverageRisk.NO_ONE_MAPPED}:
        assert scope is RelationshipScope.NONE
    if scope in wide:
        assert not found & {CoverageRisk.SINGLE_THREADED, CoverageRisk.NO_SUPPORTER}
    assert (CoverageRisk.NO_ONE_MAPPED in found) is (not people)


def test_scope_agrees_with_risks_for_every_pair_of_people():
    _agrees([])
    for i, a in enumerate(_OPTIONS):
        _agrees([P("a", "甲", a[3], a[4], a[1], a[0], a[2])])
        for b in _OPTIONS[i:]:
            _agrees(
                [
                    P("a", "甲", a[3], a[4], a[1], a[0], a[2]),
                    P("b", "乙", b[3], b[4], b[1], b[0], b[2]),
                ]
            )


def test_scope_agrees_with_risks_for_generated_accounts():
    rng = random.Random(10)
    for _ in range(5000):
        people = []
        for n in range(rng.randint(1, 9)):
            attitude, level, departed, department, roles = rng.choice(_OPTIONS)
            people.append(P(str(n), f"人{n}", department, roles, level, attitude, departed))
        _agrees(people)


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


def test_a_customer_with_no_one_mapped_says_so():
    (only,) = coverage_risks([])
    assert only.risk is CoverageRisk.NO_ONE_MAPPED
    assert "联系人" in only.sentence("zh_CN") and "No one" in only.sentence("en")


def test_every_risk_has_a_short_chip_label_and_a_severity():
    for risk in CoverageRisk:
        assert 2 <= len(risk.short("zh")) <= 4, risk
        assert 1 <= len(risk.short("en").split()) <= 2, risk
        assert risk.severity in Severity
    assert CoverageRisk.SINGLE_THREADED.short("zh") == "单线"
    assert CoverageRisk.SINGLE_THREADED.short("en") == "Single thread"
    assert CoverageRisk.SINGLE_THREADED.severity is Severity.HIGH
    assert CoverageRisk.ONLY_ALLY_IS_EXECUTOR.severity < CoverageRisk.NO_SUPPORTER.severity


def test_one_and_several_departed_key_contacts_read_as_english():
    one = finding(
        [P("x", name="Ann", roles=(DM,), departed=True)], CoverageRisk.KEY_CONTACT_DEPARTED
    )
    two = finding(
        [
            P("x", name="Ann", roles=(DM,), departed=True),
            P("y", name="Bo", roles=(INF,), departed=True),
        ],
        CoverageRisk.KEY_CONTACT_DEPARTED,
    )
    assert one.en.startswith("Key contact Ann left") and "(s)" not in one.en
    assert two.en.startswith("Key contacts Ann, Bo left")
