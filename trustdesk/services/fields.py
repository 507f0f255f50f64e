"""Checking and applying field edits, with every change written to the field history."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from trustdesk.db.models import FieldChange
from trustdesk.domain.enums import LabeledEnum
from trustdesk.domain.money import DEFAULT_CURRENCY, to_minor
from trustdesk.errors import ValidationError
from trustdesk.services.users import device_user_id

E = TypeVar("E", bound=LabeledEnum)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def current_user(session: Session) -> str:
    """The user id of who is making changes: this device's user (``TRUSTDESK_USER`` or the
    login name), looked up once per process."""
    return device_user_id(session)


Label = tuple[str, str]  # a field's name in English and Chinese, for error messages


# Characters a text field refuses: C0/C1 controls (NUL, ESC and the terminal escapes they
# start), lone surrogates, line/paragraph separators, and the bidi embeddings, overrides and
# isolates that make text display in another order than it is stored ("Trojan Source").
# Multi-line fields (notes, reasons) keep newlines and tabs.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
# Drawn as nothing although they are letters or symbols (Hangul fillers, the blank Braille cell).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
# Zero-width characters are trimmed from the ends like spaces.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def _refused_character(text: str, multiline: bool) -> str | None:
    for ch in text:
        if multiline and ch in "\n\t":
            continue
        if ch in _BIDI_CONTROLS or unicodedata.category(ch) in _REFUSED_CATEGORIES:
            return ch
    return None


def _visible(ch: str) -> bool:
    return not (
        ch.isspace() or ch in _BLANK_LETTERS or unicodedata.category(ch) in _INVISIBLE_CATEGORIES
    )


def _trim(text: str) -> str:
    while True:
        trimmed = text.strip().strip(_ZERO_WIDTH)
        if trimmed == text:
            return text
        text = trimmed


def required_text(
    value: object, field: str, label: Label, max_length: int, *, multiline: bool = False
) -> str:
    """``clean_text`` that must not be empty."""
    text = clean_text(value, field, label, max_length, multiline=multiline)
    if not text:
        en, zh = label
        if isinstance(value, str) and value.strip():  # only zero-width characters
            raise ValidationError(
                f"{en} must contain a visible character (a letter, digit or sign).",
                field,
                zh=f"{zh}必须包含可见的字符（文字、数字或符号）。",
            )
        raise ValidationError(f"{en} cannot be empty.", field, zh=f"{zh}不能为空。")
    return text


def clean_text(
    value: object, field: str, label: Label, max_length: int, *, multiline: bool = False
) -> str:
    """The text to save: trimmed of spaces and zero-width characters, with no control or
    direction characters (``multiline`` fields keep newlines and tabs), at most
    ``max_length`` characters, and, unless empty, at least one visible character. The GUI and
    the CLI both save through here, so a name can never be blank-looking or rewrite a terminal.
    """
    en, zh = label
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{en} must be text.", field, zh=f"{zh}必须是文字。")
    text = value.replace("\r\n", "\n").replace("\r", "\n") if multiline else value
    bad = _refused_character(text, multiline)
    if bad is not None:
        code = f"U+{ord(bad):04X}"
        raise ValidationError(
            f"{en} contains a control character ({code}) that cannot be saved; remove it and "
            "try again.",
            field,
            zh=f"{zh}包含无法保存的控制字符（{code}），请删除后再试。",
        )
    text = _trim(text)
    if len(text) > max_length:
        raise ValidationError(
            f"{en} is too long (at most {max_length} characters).",
            field,
            zh=f"{zh}太长了（最多 {max_length} 个字符）。",
        )
    if text and not any(_visible(ch) for ch in text):
        raise ValidationError(
            f"{en} must contain a visible character (a letter, digit or sign).",
            field,
            zh=f"{zh}必须包含可见的字符（文字、数字或符号）。",
        )
    return text


def clean_email(value: object, field: str = "email") -> str:
    text = clean_text(value, field, ("Email", "电子邮件"), 200)
    if text and not _EMAIL.match(text):
        raise ValidationError(
            f"{text!r} is not an email address.", field, zh=f"“{text}”不是有效的电子邮件地址。"
        )
    return text


def clean_date(value: object, field: str, label: Label) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        en, zh = label
        raise ValidationError(
            f"{en} must be a date like 1980-05-17.", field, zh=f"{zh}应为日期，例如 1980-05-17。"
        ) from None


def clean_moment(value: object, field: str) -> datetime:
    """A moment typed or picked (``2026-11-23 14:30``; without a zone: this laptop's clock),
    as UTC."""
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"{text!r} is not a date and time; write it like 2026-11-23 14:30.",
                field,
                zh=f"“{text}”不是有效的日期时间，请写成 2026-11-23 14:30 这样的格式。",
            ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def clean_amount(value: object, field: str, message: Label) -> float | None:
    """A non-negative number typed by a person (``1,200``, ``20%`` and ``3.5`` are read as
    1200, 20 and 3.5), or None when empty; ``message`` (en, zh) says what was expected, and
    may name what was typed as ``{value}``."""
    if value in (None, ""):
        return None
    try:
        number = float(str(value).replace(",", "").strip().rstrip("%"))
    except ValueError:
        number = -1.0
    if not number >= 0 or number > 1e9:
        en, zh = message
        raise ValidationError(en.format(value=value), field, zh=zh.format(value=value))
    return number


def parse_enum(enum_cls: type[E], value: object, field: str) -> E:
    try:
        return enum_cls.parse(value)  # type: ignore[arg-type]
    except ValueError as exc:
        choices = "、".join(m.zh for m in enum_cls)
        raise ValidationError(
            str(exc), field, zh=f"“{value}”不是有效的取值，请从以下选择：{choices}。"
        ) from None


def check_known_fields(changes: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        names = ", ".join(unknown)
        what = "field" if len(unknown) == 1 else "fields"
        raise ValidationError(f"Unknown {what}: {names}.", unknown[0], zh=f"未知字段：{names}。")


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, LabeledEnum):
        return value.code
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def apply_changes(
    session: Session, record: Any, record_kind: str, values: Mapping[str, Any]
) -> set[str]:
    """Set checked ``values`` on ``record``; log each real change; return the changed fields."""
    changed: set[str] = set()
    for field, new in values.items():
        old = getattr(record, field)
        if old == new:
            continue
        setattr(record, field, new)
        changed.add(field)
        log_change(session, record_kind, record.id, field, old, new)
    return changed


def log_change(
    session: Session, record_kind: str, record_id: str, field: str, old: object, new: object
) -> None:
    """ACC-1: one row of field history (who changed what, from what, to what)."""
    session.add(
        FieldChange(
            record_kind=record_kind,
            record_id=record_id,
            field=field,
            old_value=_as_text(old),
            new_value=_as_text(new),
            changed_by_id=current_user(session),
        )
    )


def clean_money(value: object, field: str, label: Label) -> int:
    """An amount in major units as typed (``12,000.50``, or the number 12000.5) as whole minor
    units (分/cents); empty is 0."""
    if value in (None, ""):
        return 0
    minor = to_minor(value)
    if minor is None:
        en, zh = label
        raise ValidationError(
            f"{en} must be an amount like 12,000 or 12000.50 (not negative, at most 2 decimals).",
            field,
            zh=f"{zh}应为金额，例如 12,000 或 12000.50（不能为负数，最多两位小数）。",
        )
    return minor


def clean_currency(value: object) -> str:
    code = str(value or "").strip().upper() or DEFAULT_CURRENCY
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise ValidationError(
            f"{value!r} is not a currency code; use three letters such as CNY or USD.",
            "currency",
            zh=f"“{value}”不是货币代码，请使用三个字母，例如 CNY 或 USD。",
        )
    return code
