"""How team sync words things: kinds of record, fields and stored codes, moments, the steps
of a sync (translated, context ``TeamTexts``; field names shared with the duplicates dialog)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from trustdesk.domain import enums
from trustdesk.ui.duplicates.texts import FIELDS as PERSON_AND_CUSTOMER_FIELDS
from trustdesk.ui.i18n import label

CTX = "TeamTexts"

# The kind of record of each synchronised table, as a person names it.
TABLES = {
    "account": QT_TRANSLATE_NOOP("TeamTexts", "Customer"),
    "contact": QT_TRANSLATE_NOOP("TeamTexts", "Person"),
    "visit": QT_TRANSLATE_NOOP("TeamTexts", "Visit"),
    "intel_note": QT_TRANSLATE_NOOP("TeamTexts", "Note"),
    "commitment": QT_TRANSLATE_NOOP("TeamTexts", "Promise"),
    "complaint": QT_TRANSLATE_NOOP("TeamTexts", "Complaint"),
    "deal": QT_TRANSLATE_NOOP("TeamTexts", "Deal"),
    "sales_order": QT_TRANSLATE_NOOP("TeamTexts", "Order"),
    "survey_response": QT_TRANSLATE_NOOP("TeamTexts", "Survey"),
    "standard_answer": QT_TRANSLATE_NOOP("TeamTexts", "Standard answer"),
    "survey_template": QT_TRANSLATE_NOOP("TeamTexts", "Survey form"),
    "survey_question": QT_TRANSLATE_NOOP("TeamTexts", "Survey question"),
}
NAMED_TABLES = frozenset({"account", "contact"})  # their label is the name

FIELDS = {
    "deleted_at": QT_TRANSLATE_NOOP("TeamTexts", "Deleted"),
    "created_at": QT_TRANSLATE_NOOP("TeamTexts", "Created"),
    "text": QT_TRANSLATE_NOOP("TeamTexts", "Text"),
    "summary": QT_TRANSLATE_NOOP("TeamTexts", "Summary"),
    "status": QT_TRANSLATE_NOOP("TeamTexts", "Status"),
    "due_date": QT_TRANSLATE_NOOP("TeamTexts", "Due date"),
    "question": QT_TRANSLATE_NOOP("TeamTexts", "Question"),
    "answer": QT_TRANSLATE_NOOP("TeamTexts", "Answer"),
}

# A record deleted on one laptop and edited on another (the edit kept it).
DELETED_OR_EDITED = QT_TRANSLATE_NOOP("TeamTexts", "Deleted and edited")
KEPT_RECORD = QT_TRANSLATE_NOOP("TeamTexts", "Kept, with the edit")
DELETED = QT_TRANSLATE_NOOP("TeamTexts", "Deleted")

# Stored codes shown with their labels: (table, field) → the vocabulary.
VOCABULARY: dict[tuple[str, str], type[enums.LabeledEnum]] = {
    ("account", "kind"): enums.AccountKind,
    ("account", "stage"): enums.Stage,
    ("account", "survey_cycle"): enums.SurveyCycle,
    ("contact", "level"): enums.RelationshipLevel,
    ("contact", "target_level"): enums.RelationshipLevel,
    ("contact", "depth"): enums.ContactDepth,
    ("contact", "attitude"): enums.Attitude,
    ("deal", "stage"): enums.DealStage,
}

# What ``sync_now`` reports it is doing, in words.
STEPS = {
    "connect": QT_TRANSLATE_NOOP("TeamTexts", "Connecting to the team server…"),
    "seal": QT_TRANSLATE_NOOP("TeamTexts", "Gathering your edits…"),
    "push": QT_TRANSLATE_NOOP("TeamTexts", "Sending your edits to the team…"),
    "pull": QT_TRANSLATE_NOOP("TeamTexts", "Receiving the team's changes…"),
    "index": QT_TRANSLATE_NOOP("TeamTexts", "Indexing the team's customers for search…"),
}


def tr(text: object) -> str:
    return QCoreApplication.translate(CTX, str(text))


def step_words() -> dict[str, str]:
    """The steps' words in the current language (read on the GUI thread, used by the worker)."""
    return {step: tr(text) for step, text in STEPS.items()}


def table_label(table: str) -> str:
    return tr(TABLES[table]) if table in TABLES else table.replace("_", " ")


def field_label(table: str, field: str) -> str:
    """A field as the forms name it; an unknown one by its column name, readably."""
    if field in FIELDS:
        return tr(FIELDS[field])
    if field in PERSON_AND_CUSTOMER_FIELDS:
        return QCoreApplication.translate("DuplicateTexts", str(PERSON_AND_CUSTOMER_FIELDS[field]))
    return field.removesuffix("_id").replace("_", " ").capitalize()


def record_label(table: str, record_id: str, name: str) -> str:
    """The record's name (customers, people), else its kind and the start of its id."""
    if table in NAMED_TABLES and not name.startswith(f"{table} "):
        return name
    return f"{table_label(table)} {record_id[:8]}…"


def value_label(table: str, field: str, shown: str) -> str:
    """A value as ``conflicts.shown`` gives it, with a code put in words."""
    vocabulary = VOCABULARY.get((table, field))
    if vocabulary is not None:
        member = next((m for m in vocabulary if m.code == shown), None)
        return label(member, shown)
    return shown


def moment(when: datetime, now: datetime | None = None) -> str:
    """A moment in local time: "14:32" today, "2025-11-21 14:32" another day."""
    local = when.astimezone()
    today = (now or datetime.now().astimezone()).date()
    if local.date() == today:
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")
