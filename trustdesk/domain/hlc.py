"""OFF-3: the hybrid logical clock that orders every edit of every laptop.

A stamp is (physical milliseconds, logical counter, device id). It never goes back on one
device, even when the laptop's wall clock does, and after a laptop has seen a stamp from
another device (``receive``) its own stamps come after it, even when that device's clock runs
hours ahead. The device id breaks ties, so two stamps of two devices are never equal.

Encoded as fixed-width text that sorts as the clock does (``0001732367000123-0000-<ULID>``),
so SQL compares and orders stamps as plain text: the capture triggers
(``db.sync_capture``) make the same text in SQL, with the same rules as ``tick``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MS_DIGITS = 16  # milliseconds since 1970: 16 digits last until the year 318857
COUNTER_DIGITS = 4
MAX_COUNTER = 10**COUNTER_DIGITS - 1
DEVICE_CHARS = 26  # a ULID
ENCODED_CHARS = MS_DIGITS + 1 + COUNTER_DIGITS + 1 + DEVICE_CHARS
_ENCODED = re.compile(rf"(\d{{{MS_DIGITS}}})-(\d{{{COUNTER_DIGITS}}})-([0-9A-Z]{{{DEVICE_CHARS}}})")


@dataclass(frozen=True, order=True, slots=True)
class Hlc:
    """One stamp. Compared (and sorted) by milliseconds, then counter, then device."""

    physical_ms: int
    counter: int
    device: str

    def __post_init__(self) -> None:
        if not 0 <= self.physical_ms < 10**MS_DIGITS:
            raise ValueError(f"physical time out of range: {self.physical_ms}")
        if not 0 <= self.counter <= MAX_COUNTER:
            raise ValueError(f"counter out of range: {self.counter}")
        if not re.fullmatch(rf"[0-9A-Z]{{{DEVICE_CHARS}}}", self.device):
            raise ValueError(f"a device id is {DEVICE_CHARS} characters of a ULID")

    def encode(self) -> str:
        return f"{self.physical_ms:0{MS_DIGITS}d}-{self.counter:0{COUNTER_DIGITS}d}-{self.device}"

    @classmethod
    def decode(cls, text: str) -> Hlc:
        match = _ENCODED.fullmatch(text)
        if match is None:
            raise ValueError("not an encoded clock stamp")
        return cls(int(match[1]), int(match[2]), match[3])


def zero(device: str) -> Hlc:
    """The stamp before every other of ``device``: a fresh install's clock."""
    return Hlc(0, 0, device)


def _next(physical_ms: int, counter: int, device: str) -> Hlc:
    """(``physical_ms``, ``counter``), carrying into the milliseconds past MAX_COUNTER: more
    than 10,000 stamps in one millisecond (one bulk UPDATE sees one ``now``) move the clock a
    millisecond ahead rather than overflow the fixed width."""
    carry, counter = divmod(counter, MAX_COUNTER + 1)
    return Hlc(physical_ms + carry, counter, device)


def tick(last: Hlc, now_ms: int) -> Hlc:
    """The stamp of a local edit: the wall clock when it is past the last stamp, else the
    last stamp's time with the next counter (a wall clock that went back)."""
    if now_ms > last.physical_ms:
        return Hlc(now_ms, 0, last.device)
    return _next(last.physical_ms, last.counter + 1, last.device)


def receive(last: Hlc, remote: Hlc, now_ms: int) -> Hlc:
    """Our clock after seeing ``remote`` (a pulled edit): later than both ``last`` and
    ``remote``, and than the wall clock when that is ahead of both. Keeps our device id."""
    physical = max(last.physical_ms, remote.physical_ms, now_ms)
    if physical == last.physical_ms == remote.physical_ms:
        counter = max(last.counter, remote.counter) + 1
    elif physical == last.physical_ms:
        counter = last.counter + 1
    elif physical == remote.physical_ms:
        counter = remote.counter + 1
    else:
        counter = 0
    return _next(physical, counter, last.device)
