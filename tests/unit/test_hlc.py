"""OFF-3: the hybrid logical clock orders edits across laptops whose clocks disagree."""

from __future__ import annotations

from itertools import pairwise

import pytest

from trustdesk.domain.hlc import MAX_COUNTER, Hlc, receive, tick, zero

OURS = "01JDEVICEAAAAAAAAAAAAAAAAA"
THEIRS = "01JDEVICEBBBBBBBBBBBBBBBBB"
HOUR_MS = 3_600_000
NOW = 1_732_367_000_123


def test_encoded_text_sorts_as_the_clock():
    stamps = [
        Hlc(NOW, 0, THEIRS),
        Hlc(NOW, 0, OURS),
        Hlc(NOW, 12, OURS),
        Hlc(NOW, 2, THEIRS),
        Hlc(NOW + 1, 0, OURS),
        Hlc(999, 9999, THEIRS),
    ]
    assert sorted(s.encode() for s in stamps) == [s.encode() for s in sorted(stamps)]
    assert Hlc(NOW, 2, OURS).encode() == f"000{NOW}-0002-{OURS}"
    assert Hlc.decode(Hlc(NOW, 2, OURS).encode()) == Hlc(NOW, 2, OURS)


@pytest.mark.parametrize("text", ["", "1732367000123-0000-X", f"000{NOW}-00002-{OURS}"])
def test_malformed_stamps_are_refused(text):
    with pytest.raises(ValueError):
        Hlc.decode(text)


def test_tick_follows_the_wall_clock_when_it_moves_on():
    assert tick(Hlc(NOW, 5, OURS), NOW + 10) == Hlc(NOW + 10, 0, OURS)


def test_tick_never_goes_back_when_the_wall_clock_does():
    last = Hlc(NOW, 3, OURS)
    stamps = [last]
    for now in (NOW - HOUR_MS, NOW, NOW - 1, NOW + 1, NOW + 1):
        stamps.append(tick(stamps[-1], now))
    assert all(a < b for a, b in pairwise(stamps))
    assert stamps[1] == Hlc(NOW, 4, OURS)  # an hour back: same time, next counter


def test_counter_full_carries_into_the_next_millisecond():
    assert tick(Hlc(NOW, MAX_COUNTER, OURS), NOW) == Hlc(NOW + 1, 0, OURS)
    many = zero(OURS)
    for _ in range(3 * (MAX_COUNTER + 1)):
        nxt = tick(many, 5)
        assert nxt > many
        many = nxt
    assert many.physical_ms == 7  # 30,000 stamps in one millisecond moved two ms ahead


def test_a_remote_clock_hours_ahead_keeps_ours_monotonic_and_after_it():
    ours = Hlc(NOW, 7, OURS)
    remote = Hlc(NOW + 5 * HOUR_MS, 2, THEIRS)
    seen = receive(ours, remote, NOW + 1)
    assert seen > remote and seen > ours
    assert seen == Hlc(NOW + 5 * HOUR_MS, 3, OURS)
    # Our next edits, with our wall clock still hours behind, come after the remote one.
    after = tick(seen, NOW + 2)
    assert after > remote and after.device == OURS


def test_a_remote_clock_hours_behind_does_not_pull_ours_back():
    ours = Hlc(NOW, 7, OURS)
    seen = receive(ours, Hlc(NOW - 3 * HOUR_MS, 40, THEIRS), NOW - 5)
    assert seen == Hlc(NOW, 8, OURS)


def test_receive_at_the_same_millisecond_takes_the_larger_counter():
    assert receive(Hlc(NOW, 3, OURS), Hlc(NOW, 9, THEIRS), NOW) == Hlc(NOW, 10, OURS)
    assert receive(Hlc(NOW, 3, OURS), Hlc(NOW, 9, THEIRS), NOW + 1) == Hlc(NOW + 1, 0, OURS)


def test_two_devices_never_make_equal_stamps():
    assert Hlc(NOW, 0, OURS) != Hlc(NOW, 0, THEIRS)
    assert (Hlc(NOW, 0, OURS) < Hlc(NOW, 0, THEIRS)) == (OURS < THEIRS)
