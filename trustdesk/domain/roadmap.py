"""DSH-3: the stage roadmap (活动路径图, seed 003) — for each stage, what moves a customer up one
stage. Seed 003: "开发系统化的模型以及设计活动路径，来增加向上浮动一级客户关系阶段的机会"; the steps
follow the evidence the stage suggestions read (ACC-4) and the trust-building of seed 002/004."""

from __future__ import annotations

from dataclasses import dataclass

from trustdesk.domain.enums import Stage

LADDER = (
    Stage.SKEPTIC,
    Stage.EXPLORER,
    Stage.FIRST_TIME,
    Stage.REPEAT,
    Stage.REGULAR,
    Stage.ADVOCATE,
)


@dataclass(frozen=True, slots=True)
class RoadmapStep:
    """From ``stage`` to ``next_stage``: what it takes, in a sentence."""

    stage: Stage
    next_stage: Stage
    zh: str
    en: str

    def sentence(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


ROADMAP = (
    RoadmapStep(
        Stage.SKEPTIC,
        Stage.EXPLORER,
        "先建立接触：一次当面拜访，找到一位愿意听我们说的人。",
        "Make contact: a first visit in person, and one person willing to listen.",
    ),
    RoadmapStep(
        Stage.EXPLORER,
        Stage.FIRST_TIME,
        "拿下第一张订单：找到决策者的需求，给出一个低风险的开始。",
        "Win the first order: find the decision-maker's need and offer a low-risk start.",
    ),
    RoadmapStep(
        Stage.FIRST_TIME,
        Stage.REPEAT,
        "第二张订单：按时兑现第一次的每个承诺，交付后回访。",
        "A second order: keep every promise of the first, and follow up after delivery.",
    ),
    RoadmapStep(
        Stage.REPEAT,
        Stage.REGULAR,
        "持续下单（一年约四张）：按周期拜访，满意度调查跟进到 5 分。",
        "Steady orders (about four a year): visit on cadence and follow surveys up to a 5.",
    ),
    RoadmapStep(
        Stage.REGULAR,
        Stage.ADVOCATE,
        "愿意推荐我们：请满意的客户介绍一位同行，并感谢每次推荐。",
        "Willing to recommend us: ask a satisfied customer to introduce a peer, and thank "
        "every referral.",
    ),
)


def step_from(stage: Stage) -> RoadmapStep | None:
    return next((s for s in ROADMAP if s.stage is stage), None)
