"""Domain vocabulary: order, labels and parsing as FEATURES.md gives them."""

import pytest

from trustdesk.domain.enums import (
    Attitude,
    BuyingRole,
    Channel,
    ContactDepth,
    ContactFunction,
    LostReason,
    RelationshipLevel,
    Stage,
    TrustPhase,
    trust_phase,
)


def test_stages_in_lifecycle_order_with_seed_terms():
    assert [s.zh for s in Stage] == [
        "怀疑者", "探寻者", "初次客户", "回头客", "老主顾", "热心客户", "流失的客户",
    ]  # fmt: skip
    assert Stage.SKEPTIC < Stage.ADVOCATE


@pytest.mark.parametrize(
    ("stage", "phase"),
    [
        (Stage.SKEPTIC, TrustPhase.GAIN),
        (Stage.EXPLORER, TrustPhase.GAIN),
        (Stage.FIRST_TIME, TrustPhase.KEEP),
        (Stage.REPEAT, TrustPhase.KEEP),
        (Stage.REGULAR, TrustPhase.KEEP),
        (Stage.ADVOCATE, TrustPhase.KEEP),
        (Stage.LOST, TrustPhase.REGAIN),
    ],
)
def test_trust_phase_follows_stage(stage, phase):
    assert trust_phase(stage) is phase
    assert stage.trust_phase is phase


def test_relationship_levels_are_ordered():
    assert [lvl.zh for lvl in RelationshipLevel][1:] == ["认识", "约会", "伙伴", "同盟"]
    assert (
        RelationshipLevel.NONE
        < RelationshipLevel.ACQUAINTANCE
        < RelationshipLevel.DATE
        < RelationshipLevel.PARTNER
        < RelationshipLevel.ALLY
    )
    assert max(RelationshipLevel) is RelationshipLevel.ALLY


def test_vocabularies_match_features():
    assert [r.zh for r in BuyingRole] == ["决策者", "影响者", "执行者", "监督者"]
    assert [d.zh for d in ContactDepth] == ["深接触", "多接触", "浅接触", "不接触"]
    assert [a.code for a in Attitude] == ["supporter", "neutral", "opponent"]
    assert [f.zh for f in ContactFunction] == [
        "客户关怀", "信息传递", "关系发展", "服务提供", "情报收集",
    ]  # fmt: skip
    assert len(Channel) == 9
    assert len(LostReason) == 6


@pytest.mark.parametrize("text", ["decision-maker", "Decision_Maker", "决策者", "DECISION_MAKER"])
def test_parse_accepts_codes_names_and_labels(text):
    assert BuyingRole.parse(text) is BuyingRole.DECISION_MAKER


def test_parse_rejects_unknown_with_choices():
    with pytest.raises(ValueError, match="none, acquaintance, date, partner, ally"):
        RelationshipLevel.parse("friend")


def test_label_by_language():
    assert Stage.REPEAT.label("zh") == "回头客"
    assert Stage.REPEAT.label("zh_CN") == "回头客"
    assert Stage.REPEAT.label("en") == "Repeat customer"
