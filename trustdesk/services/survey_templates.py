"""SUR-1: survey templates. Editing a template saves a new version; the old one stays as it was,
so the answers already given keep the questions they answered."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustdesk.db.base import new_id, utcnow
from trustdesk.db.models import SurveyQuestion, SurveyResponse, SurveyTemplate
from trustdesk.domain.enums import QuestionKind
from trustdesk.domain.surveys import HIGHEST, LOWEST, question_signature
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services.fields import clean_text, parse_enum
from trustdesk.services.records import QuestionData, TemplateData

MAX_QUESTIONS = 60
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True, slots=True)
class QuestionDraft:
    """A question as the template editor (or the CLI) gives it. ``key``: keep the key of an
    existing question to keep its identity across versions; empty for a new question."""

    kind: QuestionKind | str
    text_zh: str = ""
    text_en: str = ""
    choices: Sequence[tuple[str, str]] = field(default_factory=tuple)
    required: bool = False
    follows: str | None = None
    show_below: int | None = None
    key: str = ""


def _question(row: SurveyQuestion) -> QuestionData:
    return QuestionData(
        id=row.id,
        key=row.key,
        position=row.position,
        kind=row.kind,
        text_zh=row.text.get("zh", ""),
        text_en=row.text.get("en", ""),
        choices=tuple((c.get("zh", ""), c.get("en", "")) for c in row.choices),
        required=row.required,
        follows=row.follows,
        show_below=row.show_below,
        signature=row.signature,
    )


def _data(session: Session, template: SurveyTemplate, responses: int | None = None) -> TemplateData:
    questions = session.scalars(
        select(SurveyQuestion)
        .where(SurveyQuestion.template_id == template.id, SurveyQuestion.deleted_at.is_(None))
        .order_by(SurveyQuestion.position)
    )
    if responses is None:
        responses = int(
            session.scalar(
                select(func.count())
                .select_from(SurveyResponse)
                .where(
                    SurveyResponse.template_id == template.id, SurveyResponse.deleted_at.is_(None)
                )
            )
            or 0
        )
    return TemplateData(
        id=template.id,
        family=template.family,
        version=template.version,
        current=template.current,
        title_zh=template.title.get("zh", ""),
        title_en=template.title.get("en", ""),
        builtin=template.builtin,
        questions=tuple(_question(q) for q in questions),
        responses=responses,
    )


def _load(session: Session, template_id: str) -> SurveyTemplate:
    template = session.get(SurveyTemplate, template_id)
    if template is None or template.deleted_at is not None:
        raise NotFoundError(
            f"No survey template with id {template_id}.",
            zh=f"找不到编号为 {template_id} 的调查模板。",
        )
    return template


def get_template(session: Session, template_id: str) -> TemplateData:
    """One template version, with its questions (an old version too: a filled survey's)."""
    return _data(session, _load(session, template_id))


def list_templates(session: Session, *, all_versions: bool = False) -> list[TemplateData]:
    """The templates to fill in: the current version of each, built-in first."""
    query = select(SurveyTemplate).where(SurveyTemplate.deleted_at.is_(None))
    if not all_versions:
        query = query.where(SurveyTemplate.current)
    counts = dict(
        session.execute(
            select(SurveyResponse.template_id, func.count())
            .where(SurveyResponse.deleted_at.is_(None))
            .group_by(SurveyResponse.template_id)
        ).all()
    )
    rows = session.scalars(
        query.order_by(
            SurveyTemplate.builtin.desc(), SurveyTemplate.created_at, SurveyTemplate.version
        )
    )
    return [_data(session, t, int(counts.get(t.id, 0))) for t in rows]


def _clean_questions(drafts: Sequence[QuestionDraft]) -> list[dict]:
    if not drafts:
        raise ValidationError(
            "A survey needs at least one question.", "questions", zh="调查至少要有一个问题。"
        )
    if len(drafts) > MAX_QUESTIONS:
        raise ValidationError(
            f"A survey holds at most {MAX_QUESTIONS} questions.",
            "questions",
            zh=f"一份调查最多 {MAX_QUESTIONS} 个问题。",
        )
    out: list[dict] = []
    keys: set[str] = set()
    for number, draft in enumerate(drafts, start=1):
        kind = parse_enum(QuestionKind, draft.kind, "kind")
        label = (f"Question {number}", f"第 {number} 题")
        zh = clean_text(draft.text_zh, "text", label, 1000)
        en = clean_text(draft.text_en, "text", label, 1000)
        if not (zh or en):
            raise ValidationError(
                f"Question {number} has no text.", "text", zh=f"第 {number} 题没有题目文字。"
            )
        choices = [
            {
                "zh": clean_text(c_zh, "choices", label, 200),
                "en": clean_text(c_en, "choices", label, 200),
            }
            for c_zh, c_en in draft.choices
        ]
        choices = [c for c in choices if c["zh"] or c["en"]]
        if kind is QuestionKind.CHOICE and len(choices) < 2:
            raise ValidationError(
                f"Question {number} is a single choice: give it at least two choices.",
                "choices",
                zh=f"第 {number} 题是单选题，至少要有两个选项。",
            )
        if kind is not QuestionKind.CHOICE:
            choices = []
        key = draft.key.strip() or new_id().lower()
        if not _KEY.match(key) or key in keys:
            raise ValidationError(
                f"Question {number}'s key {key!r} is not a unique short code.",
                "key",
                zh=f"第 {number} 题的代号“{key}”重复或不是简短代号。",
            )
        follows, below = draft.follows or None, draft.show_below
        if follows is not None:
            parent = next((q for q in out if q["key"] == follows), None)
            if parent is None or parent["kind"] is not QuestionKind.SCALE:
                raise ValidationError(
                    f"Question {number} can only follow a 1–5 question placed before it.",
                    "follows",
                    zh=f"第 {number} 题只能跟随排在它前面的 1–5 分题。",
                )
            if below is None or not LOWEST < below <= HIGHEST:
                raise ValidationError(
                    f"Question {number}: say below which score ({LOWEST + 1}–{HIGHEST}) it is "
                    "asked.",
                    "show_below",
                    zh=f"第 {number} 题：请说明低于几分（{LOWEST + 1}–{HIGHEST}）时提问。",
                )
        else:
            below = None
        keys.add(key)
        out.append(
            {
                "key": key,
                "kind": kind,
                "text": {"zh": zh, "en": en},
                "choices": choices,
                "required": bool(draft.required),
                "follows": follows,
                "show_below": below,
                "signature": question_signature(key, kind, zh, en, choices),
            }
        )
    return out


def save_template(
    session: Session,
    title_zh: str,
    title_en: str,
    questions: Sequence[QuestionDraft],
    *,
    family: str | None = None,
) -> TemplateData:
    """A new template, or (``family``) the next version of one: the version before stops being
    current and keeps its questions for the answers it was given."""
    zh = clean_text(title_zh, "title", ("Title", "标题"), 200)
    en = clean_text(title_en, "title", ("Title", "标题"), 200)
    if not (zh or en):
        raise ValidationError("A survey needs a title.", "title", zh="调查需要一个标题。")
    cleaned = _clean_questions(questions)
    version, builtin = 1, False
    if family is not None:
        previous = session.scalars(
            select(SurveyTemplate).where(
                SurveyTemplate.family == family,
                SurveyTemplate.current,
                SurveyTemplate.deleted_at.is_(None),
            )
        ).first()
        if previous is None:
            raise NotFoundError(
                f"No survey template with id {family}.", zh=f"找不到编号为 {family} 的调查模板。"
            )
        previous.current = False
        version, builtin = previous.version + 1, previous.builtin
    template = SurveyTemplate(
        family=family or "",
        version=version,
        current=True,
        title={"zh": zh, "en": en},
        builtin=builtin,
    )
    template.id = new_id()
    template.family = family or template.id
    session.add(template)
    session.flush()  # the template row first: its questions refer to it
    for position, values in enumerate(cleaned):
        session.add(SurveyQuestion(template_id=template.id, position=position, **values))
    session.flush()
    return _data(session, template, 0)


def retire_template(session: Session, family: str) -> None:
    """No longer offered for filling in; its versions stay for the answers they were given."""
    rows = list(
        session.scalars(
            select(SurveyTemplate).where(
                SurveyTemplate.family == family, SurveyTemplate.deleted_at.is_(None)
            )
        )
    )
    if not rows:
        raise NotFoundError(
            f"No survey template with id {family}.", zh=f"找不到编号为 {family} 的调查模板。"
        )
    now = utcnow()
    for row in rows:
        row.deleted_at = now
    session.flush()
