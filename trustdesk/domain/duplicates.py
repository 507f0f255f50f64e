"""OFF-2: when two records are the same person. Pure rules: the keys two records share when
they are duplicates. Names compare folded (width, case, traditional → simplified, spaces) and
by pinyin, and only inside one customer (two 张伟 at two companies are two people); phones
and emails compare everywhere."""

from __future__ import annotations

import re
from collections.abc import Sequence

from trustdesk.domain.names import normalize, pinyin_of

_NOT_DIGIT = re.compile(r"\D")
MIN_PHONE_DIGITS = 5


def phone_key(text: str) -> str:
    """The digits that identify a phone number: ``+86 138-0013-8000``, ``0086 13800138000``
    and ``13800138000`` give one key; ``+86 10 6552 9988`` and ``010-65529988`` another.
    "" for text with too few digits to be a number."""
    # ASCII text folds to itself as far as digits go: the fold (~2 µs) only for the rest.
    digits = _NOT_DIGIT.sub("", text if text.isascii() else normalize(text))
    had_country = False
    if text.strip().startswith("+") and digits.startswith("86"):
        digits, had_country = digits[2:], True
    elif digits.startswith("0086"):
        digits, had_country = digits[4:], True
    elif len(digits) == 13 and digits.startswith("861"):
        digits, had_country = digits[2:], True
    is_mobile = len(digits) == 11 and digits.startswith("1")
    if had_country and not is_mobile and not digits.startswith("0"):
        digits = "0" + digits  # an area code written after the country code drops its 0
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""


def email_key(text: str) -> str:
    """An address compared without case or surrounding spaces ("" when not an address)."""
    text = (text.lower() if text.isascii() else normalize(text)).replace(" ", "")
    return text if "@" in text.strip("@") else ""


def name_key(text: str) -> str:
    """A name folded as search folds it, without spaces: 張偉, 张 伟 compare equal, and so do
    ＺＨＡＮＧ Wei and zhangwei."""
    return normalize(text).replace(" ", "")


def pinyin_key(text: str, *, spelled: str | None = None) -> str:
    """The name's toneless pinyin without spaces (张伟 and 章伟 → zhangwei); "" for a name
    without Chinese characters (a Latin name's own spelling is its ``name_key``).
    ``spelled``: the name's pinyin when already worked out (``names.pinyin_of``)."""
    if spelled is None:
        spelled = pinyin_of(text) if text else ""
    return spelled.replace(" ", "").lower()


def sound_key(text: str) -> str:
    """What a name sounds like, for "sounds the same": its pinyin (张伟, 章伟 → zhangwei),
    or for a name without Chinese characters its folded spelling, so that ``Zhang Wei``
    typed from a business card meets 张伟."""
    return pinyin_key(text) or name_key(text)


# A number or address held by more records than this is a shared line or mailbox (a
# company's switchboard, info@…), not a person's: not a sign of a duplicate.
SHARED_KEY_LIMIT = 5
# Records sharing one key are proposed two by two up to this many; beyond, each is proposed
# with the oldest only (merging them all into it), not every pair of them.
ALL_PAIRS_UP_TO = 4


def pairs_of(ids: Sequence[str]) -> list[tuple[str, str]]:
    """The pairs to propose among records sharing a key, oldest first in each pair (ULIDs
    sort by creation time): every pair of a small group, else the oldest with each other."""
    ordered = sorted(set(ids))
    if len(ordered) <= ALL_PAIRS_UP_TO:
        return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    return [(ordered[0], other) for other in ordered[1:]]


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The pair in one order whichever way it is named (the smaller id first)."""
    return (a, b) if a <= b else (b, a)
