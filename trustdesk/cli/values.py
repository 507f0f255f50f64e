"""Typed values on the command line that several nouns share: days, moments, vocabulary.

A malformed day or time is a usage mistake, refused before the database is opened (like a
number out of bounds). A vocabulary word may be its code or its Chinese or English label
(``in-person``, ``当面拜访``, ``In person``); an unknown one is refused in the interface
language, with the words to choose from, also before anything is opened.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

from trustdesk.domain.enums import LabeledEnum
from trustdesk.services.fields import parse_enum

E = TypeVar("E", bound=LabeledEnum)


def day(text: str) -> date:
    """An argparse ``type``: a calendar day written 2026-11-23."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-23: {text!r}") from None


def moment(text: str) -> datetime:
    """An argparse ``type``: a day and time written 2026-11-23 14:30 (this computer's clock);
    a day alone means its midnight."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date and time like '2026-11-23 14:30': {text!r}"
        ) from None


def word(enum_cls: type[E], value: str, field: str) -> E:
    """The member named by ``value`` (its code or a label)."""
    return parse_enum(enum_cls, value, field)


def maybe_word(enum_cls: type[E], value: str | None, field: str) -> E | None:
    """``word``, or None when the option was not given."""
    return None if value is None else parse_enum(enum_cls, value, field)


def words(enum_cls: type[E], values: Iterable[str] | None, field: str) -> list[E]:
    return [parse_enum(enum_cls, v, field) for v in values or ()]


def one_of(enum_cls: type[LabeledEnum]) -> str:
    """Help text listing the codes (labels in either language are taken too)."""
    return "one of: " + ", ".join(enum_cls.codes()) + " (or its Chinese or English label)"
