"""CMP-4 "请您说，我们听，我们做" (you speak, we listen, we act): improvement actions linked to the
feedback that asked for them — complaints, dissatisfied survey answers, intelligence notes —
and, once done, each customer concerned marked as told (when, how)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustdesk.db.base import utc_moment, utcnow
from trustdesk.db.models import (
    Account,
    Complaint,
    ImprovementAction,
    ImprovementInformed,
    ImprovementSource,
    IntelNote,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    User,
)
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services.fields import (
    clean_date,
    clean_moment,
    clean_text,
    current_user,
    required_text,
)
from trustdesk.services.records import ImprovementData, ImprovementSourceData, InformedData

SOURCE_KINDS = ("complaint", "survey-answer", "note")
# How a missing piece of feedback is named to the user (not by its code: "找不到…的note").
_KIND_WORDS = {
    "complaint": ("complaint", "投诉"),
    "survey-answer": ("survey answer", "调查回答"),
    "note": ("intelligence note", "情报"),
}
_SUMMARY = 80


def _load(session: Session, action_id: str) -> ImprovementAction:
    action = session.get(ImprovementAction, action_id)
    if action is None or action.deleted_at is not None:
        raise NotFoundError(
            f"No improvement action with id {action_id}.",
            zh=f"找不到编号为 {action_id} 的改进措施。",
        )
    return action


def _source(session: Session, kind: str, ref_id: str) -> tuple[str, str]:
    """(account id, a short summary) of a piece of feedback, or a clear error."""
    summary: str | None = None
    account_id: str | None = None
    if kind == "complaint":
        row = session.get(Complaint, ref_id)
        if row is not None and row.deleted_at is None:
            account_id, summary = row.account_id, row.description
    elif kind == "survey-answer":
        found = session.execute(
            select(SurveyResponse.account_id, SurveyAnswer.score, SurveyQuestion.text)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
            .where(SurveyAnswer.id == ref_id, SurveyAnswer.deleted_at.is_(None))
        ).first()
        if found is not None:
            text = found.text.get("zh") or found.text.get("en", "")
            account_id, summary = found.account_id, f"{found.score} — {text}"
    elif kind == "note":
        note = session.get(IntelNote, ref_id)
        if note is not None and note.deleted_at is None:
            account_id, summary = note.account_id, note.text
    else:
        raise ValidationError(
            f"Feedback is a {', '.join(SOURCE_KINDS)}, not {kind!r}.",
            "kind",
            zh=f"反馈的类型应为 {'、'.join(SOURCE_KINDS)}，不是“{kind}”。",
        )
    if account_id is None or summary is None:
        en, zh = _KIND_WORDS[kind]
        raise NotFoundError(f"No {en} with id {ref_id}.", zh=f"找不到编号为 {ref_id} 的{zh}。")
    return account_id, summary


def add_action(
    session: Session,
    what: str,
    *,
    sources: Iterable[tuple[str, str]] = (),
    due: date | str | None = None,
) -> ImprovementData:
    """An improvement, owned by this device's user, answering the given feedback
    ((kind, id) pairs)."""
    action = ImprovementAction(
        what=required_text(what, "what", ("The improvement", "改进措施"), 5000, multiline=True),
        owner_id=current_user(session),
        due=clean_date(due, "due", ("The due date", "期限")),
    )
    session.add(action)
    session.flush()
    for kind, ref_id in sources:
        link_feedback(session, action.id, kind, ref_id)
    return get_action(session, action.id)


def link_feedback(session: Session, action_id: str, kind: str, ref_id: str) -> ImprovementData:
    """CMP-4: the improvement answers this feedback too; its customer will be told."""
    action = _load(session, action_id)
    account_id, _ = _source(session, kind, ref_id)
    row = session.get(ImprovementSource, (action.id, kind, ref_id))
    if row is None:
        session.add(
            ImprovementSource(action_id=action.id, kind=kind, ref_id=ref_id, account_id=account_id)
        )
    else:
        row.deleted_at = None
    session.flush()
    return get_action(session, action.id)


def complete_action(session: Session, action_id: str, *, at: object = None) -> ImprovementData:
    """Done: the customers who asked for it now wait to be told."""
    action = _load(session, action_id)
    action.done_at = utcnow() if at in (None, "") else clean_moment(at, "at")
    session.flush()
    return get_action(session, action.id)


def mark_informed(
    session: Session, action_id: str, account_id: str, *, how: str = "", at: object = None
) -> ImprovementData:
    """The customer was told the improvement it asked for is done (when, how)."""
    action = _load(session, action_id)
    if action.done_at is None:
        raise ValidationError(
            "The improvement is not done yet: tell the customer once it is.",
            "informed",
            zh="改进措施尚未完成：完成后再告知客户。",
        )
    concerned = session.scalar(
        select(func.count())
        .select_from(ImprovementSource)
        .where(
            ImprovementSource.action_id == action.id,
            ImprovementSource.account_id == account_id,
            ImprovementSource.deleted_at.is_(None),
        )
    )
    if not concerned:
        raise ValidationError(
            f"Customer {account_id} gave none of the feedback this improvement answers.",
            "account",
            zh=f"客户 {account_id} 没有提出这项改进所回应的反馈。",
        )
    moment = utcnow() if at in (None, "") else clean_moment(at, "at")
    words = clean_text(how, "how", ("How they were told", "告知方式"), 500)
    row = session.get(ImprovementInformed, (action.id, account_id))
    if row is None:
        session.add(
            ImprovementInformed(
                action_id=action.id, account_id=account_id, informed_at=moment, how=words
            )
        )
    else:
        row.informed_at, row.how, row.deleted_at = moment, words, None
    session.flush()
    return get_action(session, action.id)


def _build(session: Session, actions: list[ImprovementAction]) -> list[ImprovementData]:
    ids = [a.id for a in actions]
    if not ids:
        return []
    names = dict(session.execute(select(User.id, User.name)).all())
    sources: dict[str, list[ImprovementSourceData]] = defaultdict(list)
    customers: dict[str, dict[str, str]] = defaultdict(dict)
    for row, account_name in session.execute(
        select(ImprovementSource, Account.name)
        .join(Account, Account.id == ImprovementSource.account_id)
        .where(ImprovementSource.action_id.in_(ids), ImprovementSource.deleted_at.is_(None))
    ):
        try:
            _, summary = _source(session, row.kind, row.ref_id)
        except NotFoundError:
            continue  # the feedback was taken back since
        short = summary if len(summary) <= _SUMMARY else summary[: _SUMMARY - 1] + "…"
        sources[row.action_id].append(
            ImprovementSourceData(row.kind, row.ref_id, row.account_id, account_name, short)
        )
        customers[row.action_id][row.account_id] = account_name
    told = {
        (r.action_id, r.account_id): r
        for r in session.scalars(
            select(ImprovementInformed).where(
                ImprovementInformed.action_id.in_(ids), ImprovementInformed.deleted_at.is_(None)
            )
        )
    }
    out = []
    for action in actions:
        people = []
        for account_id, name in customers[action.id].items():
            informed = told.get((action.id, account_id))
            people.append(
                InformedData(
                    account_id,
                    name,
                    utc_moment(informed.informed_at) if informed else None,
                    informed.how if informed else "",
                )
            )
        out.append(
            ImprovementData(
                id=action.id,
                what=action.what,
                owner=names.get(action.owner_id or "", ""),
                due=action.due,
                done_at=utc_moment(action.done_at),
                sources=tuple(sources[action.id]),
                customers=tuple(people),
            )
        )
    return out


def get_action(session: Session, action_id: str) -> ImprovementData:
    return _build(session, [_load(session, action_id)])[0]


def list_actions(
    session: Session, *, open_only: bool = False, account_id: str | None = None
) -> list[ImprovementData]:
    """Improvements (open ones first, by due date), or those concerning one customer."""
    query = select(ImprovementAction).where(ImprovementAction.deleted_at.is_(None))
    if open_only:
        query = query.where(ImprovementAction.done_at.is_(None))
    if account_id is not None:
        query = query.where(
            ImprovementAction.id.in_(
                select(ImprovementSource.action_id).where(
                    ImprovementSource.account_id == account_id,
                    ImprovementSource.deleted_at.is_(None),
                )
            )
        )
    query = query.order_by(
        ImprovementAction.done_at.is_not(None),
        ImprovementAction.due.is_(None),
        ImprovementAction.due,
        ImprovementAction.created_at,
    )
    return _build(session, list(session.scalars(query)))


def customers_to_inform(session: Session) -> list[tuple[ImprovementData, InformedData]]:
    """CMP-4: done improvements and each customer not told yet (the open list)."""
    done = session.scalars(
        select(ImprovementAction)
        .where(ImprovementAction.deleted_at.is_(None), ImprovementAction.done_at.is_not(None))
        .order_by(ImprovementAction.done_at)
    )
    return [(a, c) for a in _build(session, list(done)) for c in a.to_inform]
