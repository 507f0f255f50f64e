"""Pure rules of issue 11: the visit plan (VIS-3), cooling people and birthdays (seed 004),
the suggested level (REL-6) and the bottom lines (COM-2)."""

from datetime import date

import pytest

from trustdesk.domain.bottom_lines import beyond
from trustdesk.domain.enums import Activity, BottomLine, ContactDepth, RelationshipLevel, Stage
from trustdesk.domain.levels import Evidence, suggest_level
from trustdesk.domain.visit_plan import (
    DEFAULT_CADENCE_DAYS,
    cadence_days,
    is_cooling,
    is_overdue,
    next_birthday,
    next_visit_due,
    rhythm_days,
    upcoming,
)


def test_cadence_by_stage_with_override_and_the_once_a_year_floor():
    assert cadence_days(Stage.ADVOCATE, DEFAULT_CADENCE_DAYS, None) == 30
    assert cadence_days(Stage.FIRST_TIME, DEFAULT_CADENCE_DAYS, None) == 91
    assert cadence_days(Stage.SKEPTIC, DEFAULT_CADENCE_DAYS, None) == 182
    assert cadence_days(Stage.SKEPTIC, DEFAULT_CADENCE_DAYS, 10) == 10
    assert cadence_days(Stage.LOST, {Stage.LOST: 900}, None) == 365
    assert cadence_days(Stage.LOST, DEFAULT_CADENCE_DAYS, 4000) == 365


def test_next_due_and_overdue():
    due = next_visit_due(date(2026, 1, 10), date(2020, 1, 1), 30)
    assert due == date(2026, 2, 9)
    assert not is_overdue(due, date(2026, 2, 9))
    assert is_overdue(due, date(2026, 2, 10))
    assert not is_overdue(None, date(2030, 1, 1))
    # Never visited: counted from the day the customer was added.
    assert next_visit_due(None, date(2026, 3, 1), 91) == date(2026, 5, 31)


def test_once_a_year_across_leap_years():
    # 2024 is a leap year: 365 days after 2024-01-01 is 2024-12-31, within a year.
    assert next_visit_due(date(2024, 1, 1), date(2020, 1, 1), 365) == date(2024, 12, 31)
    # A visit on 29 February is due again by 28 February of the next year, not 1 March.
    assert next_visit_due(date(2024, 2, 29), date(2020, 1, 1), 365) == date(2025, 2, 28)
    # From 2023-03-01, 365 days reach 2024-02-29 (leap), one day short of a year.
    assert next_visit_due(date(2023, 3, 1), date(2020, 1, 1), 365) == date(2024, 2, 29)


def test_cooling_per_depth():
    rhythms = {ContactDepth.DEEP: 30, ContactDepth.FREQUENT: 60, ContactDepth.SHALLOW: 120}
    assert rhythm_days(ContactDepth.DEEP, rhythms) == 30
    assert rhythm_days(ContactDepth.NONE, rhythms) is None
    assert rhythm_days(None, rhythms) is None
    touched = date(2026, 9, 1)
    today = date(2026, 11, 1)  # 61 days later
    assert is_cooling(touched, date(2025, 1, 1), 30, today)
    assert is_cooling(touched, date(2025, 1, 1), 60, today)
    assert not is_cooling(touched, date(2025, 1, 1), 120, today)
    assert not is_cooling(touched, date(2025, 1, 1), None, today)
    # Never touched: counted from when the person was added.
    assert is_cooling(None, date(2026, 8, 1), 60, today)


def test_birthday_reminders_across_the_year_end():
    assert next_birthday(date(1980, 1, 3), date(2026, 12, 30)) == date(2027, 1, 3)
    hit = upcoming(date(1980, 1, 3), date(2026, 12, 30), 7, yearly=True)
    assert hit is not None and hit.days_away == 4 and hit.day == date(2027, 1, 3)
    assert upcoming(date(1980, 1, 3), date(2026, 12, 20), 7, yearly=True) is None
    # 29 February is remembered on the 28th in other years, on the 29th in leap years.
    assert next_birthday(date(1992, 2, 29), date(2026, 2, 1)) == date(2026, 2, 28)
    assert next_birthday(date(1992, 2, 29), date(2028, 2, 1)) == date(2028, 2, 29)
    # A one-off care date is not repeated.
    assert upcoming(date(2026, 11, 25), date(2026, 11, 22), 7, yearly=False) is not None
    assert upcoming(date(2025, 11, 25), date(2026, 11, 22), 7, yearly=False) is None


def _ev(activity: Activity, day: str) -> Evidence:
    return Evidence(activity, date.fromisoformat(day))


@pytest.mark.parametrize(
    ("activity", "level"),
    [
        (Activity.PHONE_CALL, RelationshipLevel.ACQUAINTANCE),
        (Activity.CUSTOMER_VISIT, RelationshipLevel.ACQUAINTANCE),
        (Activity.BUSINESS_GIFT, RelationshipLevel.ACQUAINTANCE),
        (Activity.ENTERTAINMENT, RelationshipLevel.DATE),
        (Activity.SITE_VISIT, RelationshipLevel.DATE),
        (Activity.PRESALES, RelationshipLevel.DATE),
        (Activity.PRIVATE_CONTACT, RelationshipLevel.PARTNER),
        (Activity.LEISURE, RelationshipLevel.PARTNER),
        (Activity.PERSONAL_CARE, RelationshipLevel.PARTNER),
        (Activity.GIVES_INTELLIGENCE, RelationshipLevel.ALLY),
        (Activity.INTRODUCES, RelationshipLevel.ALLY),
        (Activity.CHAMPIONS, RelationshipLevel.ALLY),
    ],
)
def test_each_typical_activity_suggests_its_level(activity, level):
    found = suggest_level(RelationshipLevel.NONE, [_ev(activity, "2026-10-12")])
    assert found is not None and found.level is level


def test_suggestion_takes_the_highest_level_says_why_and_respects_the_user():
    history = [
        _ev(Activity.PHONE_CALL, "2026-09-01"),
        _ev(Activity.ENTERTAINMENT, "2026-10-12"),
        _ev(Activity.SITE_VISIT, "2026-11-02"),
    ]
    found = suggest_level(RelationshipLevel.ACQUAINTANCE, history)
    assert found is not None and found.level is RelationshipLevel.DATE
    assert found.interactions == 3
    assert found.sentence("en") == (
        "Entertainment on 2026-10-12 and Site visit or technical exchange on 2026-11-02 are "
        "typical of Date (约会): suggest Date."
    )
    assert found.sentence("zh") == (
        "2026-10-12的商务招待、2026-11-02的参观考察或技术交流属于“约会”阶段的典型活动，"
        "建议将关系等级调为约会。"
    )
    # Already there or beyond: nothing to suggest; a dismissed level is not offered again.
    assert suggest_level(RelationshipLevel.DATE, history) is None
    assert suggest_level(RelationshipLevel.PARTNER, history) is None
    assert suggest_level(RelationshipLevel.ACQUAINTANCE, history, RelationshipLevel.DATE) is None
    assert suggest_level(RelationshipLevel.NONE, []) is None
    # A higher level than the dismissed one is still suggested.
    more = [*history, _ev(Activity.INTRODUCES, "2026-11-20")]
    found = suggest_level(RelationshipLevel.ACQUAINTANCE, more, RelationshipLevel.DATE)
    assert found is not None and found.level is RelationshipLevel.ALLY


def test_bottom_lines_in_both_directions():
    assert beyond(BottomLine.DISCOUNT, 20, 15)
    assert not beyond(BottomLine.DISCOUNT, 15, 15)
    assert beyond(BottomLine.DELIVERY, 3, 7)  # faster than the fastest allowed
    assert not beyond(BottomLine.DELIVERY, 10, 7)
    assert beyond(BottomLine.GIFT_VALUE, 800, 500)
    assert beyond(BottomLine.FREE_SERVICE, 400, 365)
