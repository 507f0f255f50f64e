"""DEA-1 and DEA-5: rules of the deal pipeline — cycle time, and win rates by the stage the
customer was at when the deal was opened, against the seed-004 reference (prospects 6%, new
customers 15%, repeat and loyal customers 50%: selling to a customer who already trusts us is
the cheapest sale there is)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from trustdesk.domain.enums import DealStage, LabeledEnum, Stage


class WinGroup(LabeledEnum):
    """DEA-5: the three groups seed 004 gives a reference win rate for."""

    reference: float

    def __new__(cls, code: str, zh: str, en: str, reference: float) -> WinGroup:
        member = object.__new__(cls)
        member._value_ = code
        member.zh = zh
        member.en = en
        member.reference = reference
        return member

    PROSPECTS = ("prospects", "潜在客户", "Prospects", 0.06)
    NEW = ("new", "新客户", "New customers", 0.15)
    LOYAL = ("loyal", "回头客和忠诚客户", "Repeat and loyal customers", 0.50)


_GROUP_OF = {
    Stage.SKEPTIC: WinGroup.PROSPECTS,
    Stage.EXPLORER: WinGroup.PROSPECTS,
    Stage.FIRST_TIME: WinGroup.NEW,
    Stage.REPEAT: WinGroup.LOYAL,
    Stage.REGULAR: WinGroup.LOYAL,
    Stage.ADVOCATE: WinGroup.LOYAL,
    Stage.LOST: WinGroup.PROSPECTS,  # winning a lost customer back is selling anew
}


def win_group(stage: Stage) -> WinGroup:
    return _GROUP_OF[stage]


def cycle_days(opened: date, closed: date | None) -> int | None:
    """Days from opening to closing (None while open)."""
    return None if closed is None else max((closed - opened).days, 0)


@dataclass(frozen=True, slots=True)
class WinRate:
    group: WinGroup
    won: int
    lost: int

    @property
    def closed(self) -> int:
        return self.won + self.lost

    @property
    def rate(self) -> float | None:
        """Won of closed (None before any deal closed)."""
        return self.won / self.closed if self.closed else None


def win_rates(closed_deals: Iterable[tuple[Stage, DealStage, int]]) -> list[WinRate]:
    """Win rate per group from (customer's stage at opening, closing stage, how many deals)."""
    counts = {group: [0, 0] for group in WinGroup}
    for stage, outcome, number in closed_deals:
        if outcome is DealStage.WON:
            counts[win_group(stage)][0] += number
        elif outcome is DealStage.LOST:
            counts[win_group(stage)][1] += number
    return [WinRate(group, won, lost) for group, (won, lost) in counts.items()]
