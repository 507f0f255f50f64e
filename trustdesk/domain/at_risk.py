"""DSH-2: one at-risk score per customer, explained in sentences.

Each signal the app holds adds its weight (``RiskSignal.weight``); the score is their sum,
capped at 100. The signals, and when each is present:

* visit overdue — the next planned visit is past (VIS-3);
* satisfied, not loyal — the latest survey averages a 4, not a 5 (seed 002: a satisfied
  customer still leaves for a better offer; only a 5 is loyal);
* falling scores — the latest survey averages half a point or more below the one before
  (surveys of the last two years: an older one says little of today);
* open complaint — a complaint not yet resolved;
* repeated complaints — two or more complaints in the last twelve months;
* broken promise — a promise broken in the last twelve months (COM-3);
* single-threaded — exactly one person supports us there (REL-8, ``domain.coverage``);
* key contact left — a decision-maker, influencer, partner or ally has left (REL-8);
* order gap — no order for half again the customer's usual gap between orders (at least 30
  days), or for a year after a single order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustdesk.domain.enums import RiskSignal

SATISFIED_FROM, LOYAL_FROM = 3.5, 4.5  # a mean score that rounds to 4: satisfied, not loyal
FALL = 0.5
REPEATED_COMPLAINTS = 2
GAP_FACTOR = 1.5
MIN_GAP_DAYS = 30
SINGLE_ORDER_GAP_DAYS = 365


@dataclass(frozen=True, slots=True)
class RiskEvidence:
    """What the app knows of one customer, as of ``today``."""

    today: date
    next_visit_due: date | None = None
    latest_score: float | None = None  # mean answer score of the latest survey (1–5)
    previous_score: float | None = None
    open_complaints: int = 0
    complaints_last_year: int = 0
    broken_promises: int = 0  # in the last twelve months
    supporters: int | None = None  # people who support us (None: not known)
    departed_key_contacts: tuple[str, ...] = ()  # their names
    orders: int = 0
    first_order: date | None = None
    last_order: date | None = None


@dataclass(frozen=True, slots=True)
class RiskReason:
    signal: RiskSignal
    zh: str
    en: str

    def sentence(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    score: int
    reasons: tuple[RiskReason, ...]


def usual_gap_days(orders: int, first: date | None, last: date | None) -> float | None:
    """The customer's mean days between orders (None with fewer than two)."""
    if orders < 2 or first is None or last is None:
        return None
    return (last - first).days / (orders - 1)


def order_gap(e: RiskEvidence) -> tuple[int, int] | None:
    """(days since the last order, the gap allowed) when the gap is too long, else None."""
    if e.orders == 0 or e.last_order is None:
        return None
    since = (e.today - e.last_order).days
    usual = usual_gap_days(e.orders, e.first_order, e.last_order)
    allowed = (
        SINGLE_ORDER_GAP_DAYS if usual is None else max(MIN_GAP_DAYS, round(usual * GAP_FACTOR))
    )
    return (since, allowed) if since > allowed else None


def signals(e: RiskEvidence) -> list[RiskSignal]:
    """The signals present, in the order of the module docstring (cheap: no sentences, so a
    whole book of customers can be ranked before the few shown are explained)."""
    found = []
    if e.next_visit_due is not None and e.next_visit_due < e.today:
        found.append(RiskSignal.VISIT_OVERDUE)
    if e.latest_score is not None and SATISFIED_FROM <= e.latest_score < LOYAL_FROM:
        found.append(RiskSignal.SATISFIED_NOT_LOYAL)
    if (
        e.latest_score is not None
        and e.previous_score is not None
        and e.latest_score <= e.previous_score - FALL
    ):
        found.append(RiskSignal.FALLING_SCORES)
    if e.open_complaints:
        found.append(RiskSignal.OPEN_COMPLAINT)
    if e.complaints_last_year >= REPEATED_COMPLAINTS:
        found.append(RiskSignal.REPEATED_COMPLAINTS)
    if e.broken_promises:
        found.append(RiskSignal.BROKEN_COMMITMENT)
    if e.supporters == 1:
        found.append(RiskSignal.SINGLE_THREADED)
    if e.departed_key_contacts:
        found.append(RiskSignal.KEY_CONTACT_DEPARTED)
    if e.orders and order_gap(e) is not None:
        found.append(RiskSignal.ORDER_GAP)
    return found


def score_of(found: list[RiskSignal]) -> int:
    return min(100, sum(signal.weight for signal in found))


def _reason(signal: RiskSignal, e: RiskEvidence) -> RiskReason:
    """The sentence of one present signal."""
    if signal is RiskSignal.VISIT_OVERDUE:
        assert e.next_visit_due is not None
        days = (e.today - e.next_visit_due).days
        return RiskReason(
            signal,
            f"拜访已逾期 {days} 天。",
            f"The visit is {days} day{'s' if days != 1 else ''} overdue.",
        )
    if signal is RiskSignal.SATISFIED_NOT_LOYAL:
        return RiskReason(
            signal,
            f"最近一次调查平均 {e.latest_score:.1f} 分：满意，但还不忠诚，"
            "更好的报价就可能把它带走。",
            f"The latest survey averages {e.latest_score:.1f}: satisfied but not loyal — "
            "a better offer could take this customer away.",
        )
    if signal is RiskSignal.FALLING_SCORES:
        return RiskReason(
            signal,
            f"满意度从 {e.previous_score:.1f} 分降到 {e.latest_score:.1f} 分。",
            f"Satisfaction fell from {e.previous_score:.1f} to {e.latest_score:.1f}.",
        )
    if signal is RiskSignal.OPEN_COMPLAINT:
        n = e.open_complaints
        return RiskReason(
            signal,
            f"有 {n} 件投诉尚未解决。",
            f"{n} complaint{'s are' if n != 1 else ' is'} not resolved yet.",
        )
    if signal is RiskSignal.REPEATED_COMPLAINTS:
        n = e.complaints_last_year
        return RiskReason(
            signal, f"过去十二个月投诉了 {n} 次。", f"{n} complaints in the last twelve months."
        )
    if signal is RiskSignal.BROKEN_COMMITMENT:
        n = e.broken_promises
        return RiskReason(
            signal,
            f"过去十二个月有 {n} 个承诺没有兑现。",
            f"{n} promise{'s' if n != 1 else ''} broken in the last twelve months.",
        )
    if signal is RiskSignal.SINGLE_THREADED:
        return RiskReason(
            signal,
            "只有一个人支持我们：此人一离开，关系就断了。",
            "Only one person supports us: if they leave, the relationship goes with them.",
        )
    if signal is RiskSignal.KEY_CONTACT_DEPARTED:
        many = len(e.departed_key_contacts) != 1
        return RiskReason(
            signal,
            f"关键联系人{'、'.join(e.departed_key_contacts)}已离职。",
            f"Key contact{'s' if many else ''} {', '.join(e.departed_key_contacts)} "
            f"{'have' if many else 'has'} left.",
        )
    gap = order_gap(e)
    assert signal is RiskSignal.ORDER_GAP and gap is not None
    since, allowed = gap
    return RiskReason(
        signal,
        f"已经 {since} 天没有下单（通常不超过 {allowed} 天）。",
        f"No order for {since} days (usually no more than {allowed}).",
    )


def assess(e: RiskEvidence) -> RiskAssessment:
    """The score and a sentence per signal."""
    found = signals(e)
    return RiskAssessment(score_of(found), tuple(_reason(signal, e) for signal in found))
