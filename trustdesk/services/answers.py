"""VIS-5: the library of standard answers (标准回答, seed 001): approved words for the
questions customers ask about price, complaints, competitors and products."""

from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import StandardAnswer
from trustdesk.domain.enums import AnswerCategory
from trustdesk.domain.names import normalize
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services.fields import clean_text, parse_enum, required_text
from trustdesk.services.records import AnswerData, from_row

_LANGS = ("", "zh", "en")


def _load(session: Session, answer_id: str) -> StandardAnswer:
    row = session.get(StandardAnswer, answer_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(
            f"No standard answer with id {answer_id}.", zh=f"找不到编号为 {answer_id} 的标准回答。"
        )
    return row


def _lang(value: str) -> str:
    if value not in _LANGS:
        raise ValidationError(
            f"Language must be zh, en or empty (got {value!r}).",
            "lang",
            zh=f"语言只能是 zh、en 或留空（收到的是“{value}”）。",
        )
    return value


def list_answers(
    session: Session,
    *,
    search: str = "",
    category: AnswerCategory | str | None = None,
    lang: str = "",
) -> list[AnswerData]:
    """Answers matching every word of ``search`` in the question, answer or tags (case and
    width folded); those in ``lang`` first, then by category and question."""
    query = select(StandardAnswer).where(StandardAnswer.deleted_at.is_(None))
    if category:
        query = query.where(
            StandardAnswer.category == parse_enum(AnswerCategory, category, "category")
        )
    rows = session.scalars(
        query.order_by(
            case((StandardAnswer.lang == lang, 0), else_=1) if lang else StandardAnswer.lang,
            StandardAnswer.category,
            StandardAnswer.question,
        )
    ).all()
    words = normalize(search).split()
    if words:
        rows = [
            r
            for r in rows
            if all(w in normalize(f"{r.question} {r.answer} {r.tags}") for w in words)
        ]
    return [from_row(AnswerData, r) for r in rows]


def _fields(question: object, answer: object, tags: object) -> dict[str, str]:
    return {
        "question": required_text(question, "question", ("Question", "问题"), 2000, multiline=True),
        "answer": required_text(answer, "answer", ("Answer", "回答"), 20_000, multiline=True),
        "tags": clean_text(tags, "tags", ("Tags", "标签"), 500),
    }


def add_answer(
    session: Session,
    category: AnswerCategory | str,
    question: str,
    answer: str,
    *,
    tags: str = "",
    lang: str = "",
) -> AnswerData:
    row = StandardAnswer(
        category=parse_enum(AnswerCategory, category, "category"),
        lang=_lang(lang),
        **_fields(question, answer, tags),
    )
    session.add(row)
    session.flush()
    return from_row(AnswerData, row)


def update_answer(
    session: Session,
    answer_id: str,
    *,
    category: AnswerCategory | str | None = None,
    question: str | None = None,
    answer: str | None = None,
    tags: str | None = None,
) -> AnswerData:
    row = _load(session, answer_id)
    values = _fields(
        row.question if question is None else question,
        row.answer if answer is None else answer,
        row.tags if tags is None else tags,
    )
    for field, value in values.items():
        setattr(row, field, value)
    if category is not None:
        row.category = parse_enum(AnswerCategory, category, "category")
    row.updated_at = utcnow()
    session.flush()
    return from_row(AnswerData, row)


def delete_answer(session: Session, answer_id: str) -> None:
    row = _load(session, answer_id)
    row.deleted_at = utcnow()
    session.flush()
