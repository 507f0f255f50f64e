"""How the duplicates dialog words fields, values and what moves (translated)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from trustdesk.domain.enums import LabeledEnum
from trustdesk.ui.i18n import label

CTX = "DuplicateTexts"
MAX_CHARS = 60

FIELDS = {
    "name": QT_TRANSLATE_NOOP("DuplicateTexts", "Name"),
    "pinyin": QT_TRANSLATE_NOOP("DuplicateTexts", "Pinyin"),
    "title": QT_TRANSLATE_NOOP("DuplicateTexts", "Title"),
    "department": QT_TRANSLATE_NOOP("DuplicateTexts", "Department"),
    "mobile": QT_TRANSLATE_NOOP("DuplicateTexts", "Mobile"),
    "phone": QT_TRANSLATE_NOOP("DuplicateTexts", "Phone"),
    "email": QT_TRANSLATE_NOOP("DuplicateTexts", "Email"),
    "wechat": QT_TRANSLATE_NOOP("DuplicateTexts", "WeChat id"),
    "birthday": QT_TRANSLATE_NOOP("DuplicateTexts", "Birthday"),
    "reports_to_id": QT_TRANSLATE_NOOP("DuplicateTexts", "Reports to"),
    "level": QT_TRANSLATE_NOOP("DuplicateTexts", "Relationship level"),
    "target_level": QT_TRANSLATE_NOOP("DuplicateTexts", "Target level"),
    "depth": QT_TRANSLATE_NOOP("DuplicateTexts", "Contact depth"),
    "attitude": QT_TRANSLATE_NOOP("DuplicateTexts", "Attitude"),
    "departed": QT_TRANSLATE_NOOP("DuplicateTexts", "Has left"),
    "is_placeholder": QT_TRANSLATE_NOOP("DuplicateTexts", "Placeholder"),
    "family_notes": QT_TRANSLATE_NOOP("DuplicateTexts", "Family notes"),
    "education_notes": QT_TRANSLATE_NOOP("DuplicateTexts", "Education notes"),
    "notes": QT_TRANSLATE_NOOP("DuplicateTexts", "Notes"),
    "kind": QT_TRANSLATE_NOOP("DuplicateTexts", "Kind"),
    "industry": QT_TRANSLATE_NOOP("DuplicateTexts", "Industry"),
    "region": QT_TRANSLATE_NOOP("DuplicateTexts", "Region"),
    "address": QT_TRANSLATE_NOOP("DuplicateTexts", "Address"),
    "website": QT_TRANSLATE_NOOP("DuplicateTexts", "Website"),
    "owner_id": QT_TRANSLATE_NOOP("DuplicateTexts", "Owner"),
    "stage": QT_TRANSLATE_NOOP("DuplicateTexts", "Stage"),
    "do_not_serve": QT_TRANSLATE_NOOP("DuplicateTexts", "Do not serve"),
    "visit_cadence_days": QT_TRANSLATE_NOOP("DuplicateTexts", "Visit every (days)"),
    "survey_cycle": QT_TRANSLATE_NOOP("DuplicateTexts", "Survey cycle"),
}
# What moves to the kept record, by kind of record (``services.changes`` kinds).
MOVING = {
    "contact": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 person"),
                QT_TRANSLATE_NOOP("DuplicateTexts", "{0} people")),
    "visit": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 visit"),
              QT_TRANSLATE_NOOP("DuplicateTexts", "{0} visits")),
    "note": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 note"),
             QT_TRANSLATE_NOOP("DuplicateTexts", "{0} notes")),
    "commitment": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 promise"),
                   QT_TRANSLATE_NOOP("DuplicateTexts", "{0} promises")),
    "survey": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 survey"),
               QT_TRANSLATE_NOOP("DuplicateTexts", "{0} surveys")),
    "complaint": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 complaint"),
                  QT_TRANSLATE_NOOP("DuplicateTexts", "{0} complaints")),
    "deal": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 deal"),
             QT_TRANSLATE_NOOP("DuplicateTexts", "{0} deals")),
    "order": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 order"),
              QT_TRANSLATE_NOOP("DuplicateTexts", "{0} orders")),
    "link": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 link"),
             QT_TRANSLATE_NOOP("DuplicateTexts", "{0} links")),
    "position": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 place on the map"),
                 QT_TRANSLATE_NOOP("DuplicateTexts", "{0} places on the map")),
    "level": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 level change"),
              QT_TRANSLATE_NOOP("DuplicateTexts", "{0} level changes")),
    "stage": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 stage change"),
              QT_TRANSLATE_NOOP("DuplicateTexts", "{0} stage changes")),
    "tag": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 tag"),
            QT_TRANSLATE_NOOP("DuplicateTexts", "{0} tags")),
    "referral": (QT_TRANSLATE_NOOP("DuplicateTexts", "1 referral"),
                 QT_TRANSLATE_NOOP("DuplicateTexts", "{0} referrals")),
}  # fmt: skip
OTHER = (
    QT_TRANSLATE_NOOP("DuplicateTexts", "1 other record"),
    QT_TRANSLATE_NOOP("DuplicateTexts", "{0} other records"),
)


YES = QT_TRANSLATE_NOOP("DuplicateTexts", "Yes")
NO = QT_TRANSLATE_NOOP("DuplicateTexts", "No")
LIST_SEPARATOR = QT_TRANSLATE_NOOP("DuplicateTexts", ", ")


def tr(text: object) -> str:
    return QCoreApplication.translate(CTX, str(text))


def field_label(field: str) -> str:
    return tr(FIELDS[field]) if field in FIELDS else field


def value_text(field: str, value: Any, names: dict[str, str]) -> str:
    """A field's value as the comparison shows it: labels for codes, names for ids, the
    first line of a long text, "—" for nothing."""
    if value is None or value == "":
        return "—"
    if field.endswith("_id") and isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, LabeledEnum):
        return label(value)
    if isinstance(value, bool):
        return tr(YES) if value else tr(NO)
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    first = text.splitlines()[0] if text else ""
    if len(first) > MAX_CHARS or first != text:
        return first[:MAX_CHARS].rstrip() + "…"
    return first


def moving_text(moving: dict[str, int]) -> str:
    """ "3 visits, 1 promise" of what moves (counts by kind; kinds without words of their
    own counted together as other records)."""
    parts: list[str] = []
    others = 0
    for kind, count in sorted(moving.items()):
        if kind not in MOVING:
            others += count
            continue
        one, many = MOVING[kind]
        parts.append(tr(one) if count == 1 else tr(many).format(count))
    if others:
        parts.append(tr(OTHER[0]) if others == 1 else tr(OTHER[1]).format(others))
    return tr(LIST_SEPARATOR).join(parts)
