"""ACC-4 and WIN-1: which stage the evidence suggests for a customer, and whether a lost customer
is worth winning back. Pure rules; the user always confirms (the app never moves a customer).

Stage rules (FEATURES ACC-4): the first order → first-time customer; a second order → repeat
customer; steady repeat orders over a year → regular patron; a "recommend" score of 5 or a
referral → advocate candidate; no order and no contact past a window → at risk of being lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from trustdesk.domain.enums import LostReason, Stage, StageRule

DEFAULT_SILENT_DAYS = 180
STEADY_ORDERS_PER_YEAR = 4  # an order a quarter, for a year, is a regular patron's habit


@dataclass(frozen=True, slots=True)
class StageEvidence:
    """What the app knows of a customer, as of ``today``."""

    stage: Stage
    today: date
    orders: int = 0  # orders ever placed
    orders_last_year: int = 0
    last_order: date | None = None
    last_contact: date | None = None  # the last visit, survey or complaint
    added: date | None = None
    recommend_score: int | None = None  # the latest "would you recommend us?" score
    referrals: int = 0


@dataclass(frozen=True, slots=True)
class StageSuggestion:
    rule: StageRule
    to_stage: Stage
    zh: str
    en: str


_BUYING = {Stage.SKEPTIC, Stage.EXPLORER}


def suggest_stage(
    e: StageEvidence, silent_days: int = DEFAULT_SILENT_DAYS
) -> StageSuggestion | None:
    """The one change the evidence argues for most, or None."""
    if e.stage is Stage.LOST:
        return None
    last_touch = max((d for d in (e.last_order, e.last_contact, e.added) if d), default=None)
    if last_touch is not None and (e.today - last_touch) > timedelta(days=silent_days):
        days = (e.today - last_touch).days
        return StageSuggestion(
            StageRule.SILENT,
            Stage.LOST,
            f"已有 {days} 天没有订单，也没有拜访或联系：有流失的危险。",
            f"No order and no visit or contact for {days} days: at risk of being lost.",
        )
    if e.stage in _BUYING and e.orders >= 1:
        return StageSuggestion(
            StageRule.FIRST_ORDER,
            Stage.FIRST_TIME,
            "客户已下第一张订单：成为初次客户。",
            "The customer placed a first order: a first-time customer now.",
        )
    if e.stage is Stage.FIRST_TIME and e.orders >= 2:
        return StageSuggestion(
            StageRule.SECOND_ORDER,
            Stage.REPEAT,
            f"客户已下 {e.orders} 张订单：成为回头客。",
            f"The customer has ordered {e.orders} times: a repeat customer now.",
        )
    if e.stage is Stage.REPEAT and e.orders_last_year >= STEADY_ORDERS_PER_YEAR:
        return StageSuggestion(
            StageRule.STEADY_ORDERS,
            Stage.REGULAR,
            f"过去一年下了 {e.orders_last_year} 张订单：已是老主顾。",
            f"{e.orders_last_year} orders in the past year: a regular patron.",
        )
    if e.stage in {Stage.REPEAT, Stage.REGULAR} and (e.recommend_score == 5 or e.referrals):
        why_zh = f"介绍了 {e.referrals} 位新客户" if e.referrals else "“愿意推荐”打了5分"
        why_en = (
            f"referred {e.referrals} new customer{'s' if e.referrals > 1 else ''}"
            if e.referrals
            else 'scored 5 on "would you recommend us?"'
        )
        return StageSuggestion(
            StageRule.ADVOCATE,
            Stage.ADVOCATE,
            f"客户{why_zh}：可能成为热心客户。",
            f"The customer {why_en}: an advocate candidate.",
        )
    return None


@dataclass(frozen=True, slots=True)
class WorthCheck:
    worth_it: bool
    zh: str
    en: str


def worth_winning_back(
    past_value: float | None, reason: LostReason | None, do_not_serve: bool
) -> WorthCheck:
    """WIN-1 (seed 000: "assuming the lost customers are worth winning back — sometimes they
    are not"): not a customer we refuse to serve; one with some past value; and a reason we
    can answer (a competitor's offer or our own neglect can be; a price policy may not)."""
    if do_not_serve:
        return WorthCheck(
            False,
            "该客户已标记为不予服务：不必挽回。",
            "Marked do-not-serve: not worth winning back.",
        )
    if not past_value:
        return WorthCheck(
            False,
            "没有过往业务价值的记录：先确认值得挽回再开始。",
            "No past business value recorded: check it is worth it before starting.",
        )
    if reason is LostReason.PRICE_OR_POLICY:
        return WorthCheck(
            True,
            f"过往价值 {past_value:,.0f} 元；因价格或政策流失，需先确认能否给出可接受的条件。",
            f"Past value {past_value:,.0f} yuan; lost over price or policy: check first that "
            "acceptable terms can be offered.",
        )
    return WorthCheck(
        True,
        f"过往价值 {past_value:,.0f} 元，流失原因可以弥补：值得挽回。",
        f"Past value {past_value:,.0f} yuan and a reason we can answer: worth winning back.",
    )
