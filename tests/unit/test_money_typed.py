"""Amounts as people type them: thousands separators only where they group by three, so a
slip such as "12,3,4" is refused rather than read as 1,234."""

from __future__ import annotations

import pytest

from trustdesk.domain.money import to_minor


@pytest.mark.parametrize(
    ("typed", "minor"),
    [
        ("12,000.50", 1200050),
        ("1,234,567", 123456700),
        ("12000", 1200000),
        ("１２，０００", 1200000),
        ("¥8,500.5", 850050),
        (12000.5, 1200050),
    ],
)
def test_amounts_written_the_usual_ways_are_read(typed, minor):
    assert to_minor(typed) == minor


@pytest.mark.parametrize("typed", ["12,3,4", "12,00", "1,2345", ",500", "-5", "1.234", "abc"])
def test_slips_are_refused(typed):
    assert to_minor(typed) is None
