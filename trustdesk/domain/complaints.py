"""CMP-1..3: complaint timers and the three-chances rule. Pure rules.

Seed 002: answer a complaint fast and apologise in the first person; the first failure is
forgiven when it is put right well, a second failure puts the customer at high risk, and there
is rarely a third chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from trustdesk.domain.enums import CoverageRisk, RecoverySatisfaction

# Failures older than this no longer count towards the three chances (a setting overrides it).
DEFAULT_FAILURE_WINDOW_DAYS = 730
DEFAULT_RESOLVE_DAYS = 7


@dataclass(frozen=True, slots=True)
class Timer:
    """How long something took or has been waiting, and whether it is past its limit."""

    elapsed: timedelta
    limit: datetime | None
    over: timedelta  # how far past the limit (zero when within it, or no limit)

    @property
    def overdue(self) -> bool:
        return self.over > timedelta(0)


def timer(start: datetime, end: datetime | None, limit: datetime | None, now: datetime) -> Timer:
    """From ``start`` to ``end`` (or ``now`` while still waiting), against ``limit``."""
    until = end or now
    over = until - limit if limit is not None and until > limit else timedelta(0)
    return Timer(elapsed=until - start, limit=limit, over=over)


def response_deadline(received_at: datetime, hours: int) -> datetime:
    return received_at + timedelta(hours=hours)


def resolve_deadline(received_at: datetime, days: int) -> datetime:
    return received_at + timedelta(days=days)


@dataclass(frozen=True, slots=True)
class Failure:
    """A complaint as the three-chances rule sees it."""

    received_at: datetime
    resolved: bool
    satisfied: RecoverySatisfaction


@dataclass(frozen=True, slots=True)
class ChanceFinding:
    risk: CoverageRisk
    zh: str
    en: str


def three_chances(
    failures: Sequence[Failure], now: datetime, window_days: int = DEFAULT_FAILURE_WINDOW_DAYS
) -> ChanceFinding | None:
    """CMP-3: no finding for no failure or one put right; a failure not (yet) put right is a
    medium risk; a second failure within the window is a high risk."""
    recent = [f for f in failures if f.received_at >= now - timedelta(days=window_days)]
    if len(recent) >= 2:
        return ChanceFinding(
            CoverageRisk.SECOND_FAILURE,
            f"{window_days // 365 or 1} 年内第 {len(recent)} 次失误：客户很少给第三次机会。",
            f"Failure number {len(recent)} within {window_days // 365 or 1} year"
            f"{'s' if window_days >= 730 else ''}: customers rarely give a third chance.",
        )
    if recent and not (recent[0].resolved and recent[0].satisfied is RecoverySatisfaction.YES):
        return ChanceFinding(
            CoverageRisk.POOR_RECOVERY,
            "一次失误尚未妥善挽回：把这次挽回做好。",
            "A failure not yet put right to the customer's satisfaction: recover it well.",
        )
    return None
