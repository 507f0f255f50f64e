"""VIS-3 and seed 004: when a customer is due a visit, when a person is cooling, and which
birthdays are near. Pure date arithmetic; the services feed it what the database knows.

Seed 004: relationships fade without contact, so every customer is visited at least once a
year whatever its cadence, and each person has a rhythm from the depth of contact planned
with them (深接触, 多接触, 浅接触; 不接触 has none).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from trustdesk.domain.enums import ContactDepth, Stage

# The floor: however long a customer's cadence, a year is the longest gap between visits.
MAX_CADENCE_DAYS = 365

DEFAULT_CADENCE_DAYS: dict[Stage, int] = {
    Stage.SKEPTIC: 182,
    Stage.EXPLORER: 182,
    Stage.FIRST_TIME: 91,
    Stage.REPEAT: 91,
    Stage.REGULAR: 30,
    Stage.ADVOCATE: 30,
    Stage.LOST: 182,
}
DEFAULT_RHYTHM_DAYS: dict[ContactDepth, int] = {
    ContactDepth.DEEP: 30,
    ContactDepth.FREQUENT: 60,
    ContactDepth.SHALLOW: 120,
}


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def cadence_days(stage: Stage, by_stage: Mapping[Stage, int], override: int | None) -> int:
    """The customer's own cadence if set, else its stage's; never past the once-a-year floor."""
    days = override if override else by_stage.get(stage, DEFAULT_CADENCE_DAYS[stage])
    return max(1, min(days, MAX_CADENCE_DAYS))


def next_visit_due(last_visit: date | None, since: date, cadence: int) -> date:
    """The day the next visit is due: a cadence after the last visit (or after the customer
    was added, when never visited), and never later than the same day a year on."""
    base = last_visit or since
    return min(base + timedelta(days=cadence), add_years(base, 1))


def is_overdue(due: date | None, today: date) -> bool:
    return due is not None and due < today


def rhythm_days(depth: ContactDepth | None, by_depth: Mapping[ContactDepth, int]) -> int | None:
    """How often a person should hear from us; None when no contact is planned (不接触 or
    no depth chosen yet)."""
    if depth is None or depth is ContactDepth.NONE:
        return None
    return by_depth.get(depth, DEFAULT_RHYTHM_DAYS[depth])


def cooling_since(last_touch: date | None, since: date, rhythm: int | None) -> date | None:
    """The day a person starts cooling (past their rhythm without a touch), or None."""
    if rhythm is None:
        return None
    return (last_touch or since) + timedelta(days=rhythm)


def is_cooling(last_touch: date | None, since: date, rhythm: int | None, today: date) -> bool:
    start = cooling_since(last_touch, since, rhythm)
    return start is not None and start < today


def next_birthday(birthday: date, today: date) -> date:
    """This year's birthday, or next year's once this year's has passed (29 February is
    kept on the 28th in other years)."""
    this_year = add_years(birthday, today.year - birthday.year)
    if birthday.month == 2 and birthday.day == 29:
        try:
            this_year = date(today.year, 2, 29)
        except ValueError:
            this_year = date(today.year, 2, 28)
    if this_year >= today:
        return this_year
    return next_birthday(birthday, date(today.year + 1, 1, 1))


@dataclass(frozen=True, slots=True)
class Reminder:
    """A personal date coming up (情感关怀): a birthday or a dated care note."""

    day: date
    days_away: int


def upcoming(day: date, today: date, days_ahead: int, *, yearly: bool) -> Reminder | None:
    """A reminder when ``day`` (or, yearly, its next anniversary) is within ``days_ahead``."""
    when = next_birthday(day, today) if yearly else day
    away = (when - today).days
    if 0 <= away <= days_ahead:
        return Reminder(when, away)
    return None
