"""SUR-2, SUR-3, SUR-5: filling in a survey, the follow-up tasks its low scores create, and the
survey plan (when each customer is due its next survey).

Filling in a survey keeps everything in step in one transaction: the answers, one follow-up
task per score of 1–3 about us (seed 000: act on every answer, with no extra step), and the
customer's last survey and next due date.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from trustdesk.db.base import utc_moment, utcnow
from trustdesk.db.models import (
    Account,
    Contact,
    SurveyAnswer,
    SurveyFollowUp,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
    User,
    Visit,
)
from trustdesk.domain.enums import QuestionKind, SurveyCycle
from trustdesk.domain.surveys import (
    HIGHEST,
    LOWEST,
    band_of,
    is_shown,
    needs_follow_up,
)
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services.fields import (
    clean_date,
    clean_moment,
    clean_text,
    current_user,
    parse_enum,
)
from trustdesk.services.records import (
    FollowUpData,
    SurveyAnswerData,
    SurveyPlanRow,
    SurveyResponseData,
)
from trustdesk.services.survey_plan import refresh_survey_plans, survey_plan_of
from trustdesk.services.survey_templates import _load as load_template
from trustdesk.services.survey_templates import get_template
from trustdesk.services.team_settings import get_setting
from trustdesk.services.visit_plan import today

TEXT_LIMIT = 5000
_YES = {"yes", "y", "true", "1", "是", "是的", "对"}
_NO = {"no", "n", "false", "0", "否", "不是", "不"}


def _not_found(what_en: str, what_zh: str, item_id: str) -> NotFoundError:
    return NotFoundError(
        f"No {what_en} with id {item_id}.", zh=f"找不到编号为 {item_id} 的{what_zh}。"
    )


def _value(question: Any, raw: object, number: int) -> tuple[int | None, str]:
    """An answer as stored: (score, value), or a clear error naming the question."""
    text = str(raw).strip()
    label = (f"Question {number}", f"第 {number} 题")
    kind = question.kind
    if kind is QuestionKind.SCALE:
        if text.isdigit() and LOWEST <= int(text) <= HIGHEST:
            return int(text), ""
        raise ValidationError(
            f"Question {number} takes a score from {LOWEST} to {HIGHEST}, not {text!r}.",
            question.key,
            zh=f"第 {number} 题的分数应为 {LOWEST} 到 {HIGHEST}，不是“{text}”。",
        )
    if kind is QuestionKind.YES_NO:
        if text.lower() in _YES:
            return None, "yes"
        if text.lower() in _NO:
            return None, "no"
        raise ValidationError(
            f"Question {number} takes yes or no, not {text!r}.",
            question.key,
            zh=f"第 {number} 题应回答“是”或“否”，不是“{text}”。",
        )
    if kind is QuestionKind.CHOICE:
        labels = [(zh, en) for zh, en in question.choices]
        for index, (zh, en) in enumerate(labels, start=1):
            if text in (str(index), zh, en) or text.lower() == en.lower():
                return None, str(index)
        raise ValidationError(
            f"Question {number} takes one of its choices (1–{len(labels)}), not {text!r}.",
            question.key,
            zh=f"第 {number} 题应从选项（1–{len(labels)}）中选择，不是“{text}”。",
        )
    if kind is QuestionKind.DATE:
        day = clean_date(text, question.key, label)
        return None, day.isoformat() if day else ""
    return None, clean_text(text, question.key, label, TEXT_LIMIT, multiline=True)


def _check_visit(session: Session, account_id: str, visit_id: str | None) -> None:
    if visit_id is None:
        return
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None or visit.account_id != account_id:
        raise ValidationError(
            f"Visit {visit_id} is not a visit to this customer.",
            "visit",
            zh=f"拜访 {visit_id} 不是对该客户的拜访。",
        )


def fill_survey(
    session: Session,
    account_id: str,
    template_id: str,
    answers: Mapping[str, object],
    *,
    contact_id: str | None = None,
    visit_id: str | None = None,
    taken_at: object = None,
    competitor: str = "",
) -> SurveyResponseData:
    """SUR-5: save a filled-in survey. ``answers`` are keyed by question id or key; a question
    asked only below some score may be answered only when it was asked; a required question
    that was asked must be answered. Each score of 1–3 about us creates a follow-up task."""
    account = accounts.load(session, account_id)
    template = load_template(session, template_id)
    contacts.check_of_account(session, account.id, contact_id)
    _check_visit(session, account.id, visit_id)
    about = clean_text(competitor, "competitor", ("Competitor", "竞争对手"), 100)
    moment = clean_moment(taken_at, "taken_at") if taken_at not in (None, "") else utcnow()
    questions = get_template(session, template.id).questions
    by_name = {q.id: q for q in questions} | {q.key: q for q in questions}
    given: dict[str, object] = {}
    for name, raw in answers.items():
        question = by_name.get(str(name).strip())
        if question is None:
            keys = ", ".join(q.key for q in questions)
            raise ValidationError(
                f"This survey has no question {name!r}; its questions are: {keys}.",
                "answers",
                zh=f"这份调查没有“{name}”这个问题；问题代号为：{keys}。",
            )
        if raw is not None and str(raw).strip() != "":
            given[question.key] = raw
    stored: dict[str, tuple[int | None, str]] = {}
    for number, question in enumerate(questions, start=1):
        parent = stored.get(question.follows or "", (None, ""))[0]
        asked = is_shown(question.show_below if question.follows else None, parent)
        if question.key in given and not asked:
            raise ValidationError(
                f"Question {number} is asked only when question {question.follows!r} scores "
                f"below {question.show_below}.",
                question.key,
                zh=f"第 {number} 题只在“{question.follows}”低于 {question.show_below} 分时提问。",
            )
        if question.key in given:
            stored[question.key] = _value(question, given[question.key], number)
        elif asked and question.required:
            raise ValidationError(
                f"Question {number} needs an answer: {question.text('en')}",
                question.key,
                zh=f"第 {number} 题必须回答：{question.text('zh')}",
            )
    if not stored:
        raise ValidationError(
            "Nothing was answered; nothing was saved.", "answers", zh="没有任何回答，未保存。"
        )
    owner = current_user(session)
    response = SurveyResponse(
        account_id=account.id,
        contact_id=contact_id,
        visit_id=visit_id,
        template_id=template.id,
        taken_at=moment,
        competitor=about,
        owner_id=owner,
    )
    session.add(response)
    session.flush()
    due = today() + timedelta(days=int(get_setting(session, "survey_follow_up_days")))  # type: ignore[arg-type]
    for question in questions:
        if question.key not in stored:
            continue
        score, value = stored[question.key]
        answer = SurveyAnswer(
            response_id=response.id, question_id=question.id, score=score, value=value
        )
        session.add(answer)
        if score is not None and needs_follow_up(score) and not about:
            session.flush()
            session.add(
                SurveyFollowUp(
                    account_id=account.id,
                    response_id=response.id,
                    answer_id=answer.id,
                    owner_id=owner,
                    due=due,
                )
            )
    session.flush()
    refresh_survey_plans(session, [account.id])
    return get_response(session, response.id)


def _response_data(session: Session, response: SurveyResponse) -> SurveyResponseData:
    template = session.get(SurveyTemplate, response.template_id)
    assert template is not None
    rows = session.execute(
        select(SurveyAnswer, SurveyQuestion)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .where(SurveyAnswer.response_id == response.id, SurveyAnswer.deleted_at.is_(None))
        .order_by(SurveyQuestion.position)
    ).all()
    answers = []
    for answer, question in rows:
        value = answer.value
        if question.kind is QuestionKind.CHOICE and value.isdigit():
            choice = question.choices[int(value) - 1] if int(value) <= len(question.choices) else {}
            value = choice.get("zh") or choice.get("en") or value
            if choice.get("en") and choice.get("zh"):
                value = f"{choice['zh']}|{choice['en']}"
        answers.append(
            SurveyAnswerData(
                question_id=question.id,
                key=question.key,
                kind=question.kind,
                text_zh=question.text.get("zh", ""),
                text_en=question.text.get("en", ""),
                score=answer.score,
                value=value,
                band=band_of(answer.score) if answer.score is not None else None,
            )
        )
    account = session.get(Account, response.account_id)
    contact = session.get(Contact, response.contact_id) if response.contact_id else None
    owner = session.get(User, response.owner_id) if response.owner_id else None
    follow_ups = session.scalar(
        select(func.count())
        .select_from(SurveyFollowUp)
        .where(SurveyFollowUp.response_id == response.id, SurveyFollowUp.deleted_at.is_(None))
    )
    return SurveyResponseData(
        id=response.id,
        account_id=response.account_id,
        account_name=account.name if account else "",
        contact_id=response.contact_id,
        contact_name=contact.name if contact else "",
        visit_id=response.visit_id,
        template_id=response.template_id,
        title_zh=template.title.get("zh", ""),
        title_en=template.title.get("en", ""),
        taken_at=utc_moment(response.taken_at),
        competitor=response.competitor,
        owner=owner.name if owner else "",
        answers=tuple(answers),
        follow_ups=int(follow_ups or 0),
    )


def _live_response(session: Session, response_id: str) -> SurveyResponse:
    response = session.get(SurveyResponse, response_id)
    if response is None or response.deleted_at is not None:
        raise _not_found("survey", "调查", response_id)
    return response


def get_response(session: Session, response_id: str) -> SurveyResponseData:
    return _response_data(session, _live_response(session, response_id))


def list_responses(
    session: Session, account_id: str, *, limit: int = 200
) -> list[SurveyResponseData]:
    """A customer's surveys, newest first."""
    accounts.load(session, account_id)
    rows = session.scalars(
        select(SurveyResponse)
        .where(SurveyResponse.account_id == account_id, SurveyResponse.deleted_at.is_(None))
        .order_by(SurveyResponse.taken_at.desc(), SurveyResponse.id.desc())
        .limit(limit)
    )
    return [_response_data(session, r) for r in rows]


def delete_response(session: Session, response_id: str) -> None:
    """Take back a survey entered by mistake, with its answers and its open follow-ups."""
    response = _live_response(session, response_id)
    now = utcnow()
    response.deleted_at = now
    for answer in session.scalars(
        select(SurveyAnswer).where(SurveyAnswer.response_id == response.id)
    ):
        answer.deleted_at = now
    for task in session.scalars(
        select(SurveyFollowUp).where(
            SurveyFollowUp.response_id == response.id, SurveyFollowUp.done_at.is_(None)
        )
    ):
        task.deleted_at = now
    session.flush()
    refresh_survey_plans(session, [response.account_id])


# --- follow-up tasks (SUR-2) -------------------------------------------------------------


def follow_ups(
    session: Session,
    *,
    account_id: str | None = None,
    open_only: bool = True,
    on: date | None = None,
    limit: int = 200,
) -> list[FollowUpData]:
    """Follow-up tasks of dissatisfied answers, the most urgent first."""
    day = on or today()
    question, comment_q, comment = (
        aliased(SurveyQuestion),
        aliased(SurveyQuestion),
        aliased(SurveyAnswer),
    )
    comment_text = (
        select(comment.value)
        .join(comment_q, comment_q.id == comment.question_id)
        .where(
            comment.response_id == SurveyFollowUp.response_id,
            comment.deleted_at.is_(None),
            comment_q.follows == question.key,
            comment_q.template_id == question.template_id,
        )
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            SurveyFollowUp,
            Account.name,
            question.text,
            SurveyAnswer.score,
            func.coalesce(comment_text, ""),
            SurveyResponse.taken_at,
            func.coalesce(User.name, ""),
        )
        .join(Account, Account.id == SurveyFollowUp.account_id)
        .join(SurveyAnswer, SurveyAnswer.id == SurveyFollowUp.answer_id)
        .join(question, question.id == SurveyAnswer.question_id)
        .join(SurveyResponse, SurveyResponse.id == SurveyFollowUp.response_id)
        .outerjoin(User, User.id == SurveyFollowUp.owner_id)
        .where(SurveyFollowUp.deleted_at.is_(None), Account.deleted_at.is_(None))
    )
    if account_id is not None:
        query = query.where(SurveyFollowUp.account_id == account_id)
    if open_only:
        query = query.where(SurveyFollowUp.done_at.is_(None)).order_by(
            SurveyFollowUp.due, SurveyFollowUp.id
        )
    else:
        query = query.order_by(SurveyFollowUp.done_at.is_not(None), SurveyFollowUp.due.desc())
    out = []
    for task, name, text, score, said, taken_at, owner in session.execute(query.limit(limit)):
        out.append(
            FollowUpData(
                id=task.id,
                account_id=task.account_id,
                account_name=name,
                response_id=task.response_id,
                answer_id=task.answer_id,
                question_zh=text.get("zh", ""),
                question_en=text.get("en", ""),
                score=int(score),
                comment=said,
                taken_at=utc_moment(taken_at),
                owner=owner,
                due=task.due,
                done_at=task.done_at,
                outcome=task.outcome,
                overdue=task.done_at is None and task.due < day,
            )
        )
    return out


def complete_follow_up(session: Session, follow_up_id: str, outcome: str = "") -> FollowUpData:
    """Mark a follow-up task done, with what was done about it."""
    task = session.get(SurveyFollowUp, follow_up_id)
    if task is None or task.deleted_at is not None:
        raise _not_found("follow-up task", "跟进任务", follow_up_id)
    task.outcome = clean_text(
        outcome, "outcome", ("Outcome", "处理结果"), TEXT_LIMIT, multiline=True
    )
    task.done_at = task.done_at or utcnow()
    session.flush()
    done = follow_ups(session, account_id=task.account_id, open_only=False, limit=10_000)
    return next(f for f in done if f.id == task.id)


def open_follow_up_count(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(SurveyFollowUp)
            .join(Account, Account.id == SurveyFollowUp.account_id)
            .where(
                SurveyFollowUp.done_at.is_(None),
                SurveyFollowUp.deleted_at.is_(None),
                Account.deleted_at.is_(None),
            )
        )
        or 0
    )


# --- the survey plan (SUR-3) -------------------------------------------------------------


def set_survey_cycle(
    session: Session, account_id: str, cycle: SurveyCycle | str | None
) -> SurveyPlanRow:
    """A customer's own survey cycle (monthly, quarterly, yearly), or None for the default."""
    account = accounts.load(session, account_id)
    account.survey_cycle = (
        None if cycle in (None, "") else parse_enum(SurveyCycle, cycle, "survey_cycle")
    )
    session.flush()
    refresh_survey_plans(session, [account.id])
    return survey_plan_of(session, account.id)
