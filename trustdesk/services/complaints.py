"""CMP-1..3: complaints, their two timers, and each customer's failure and recovery history.

The response deadline comes from the team's service level for the customer's stage (hours);
the resolution deadline from the team's limit in days. A complaint can be opened from a
dissatisfied survey answer (score 1–3), which stays linked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from trustdesk.db.base import utc_moment, utcnow
from trustdesk.db.models import (
    Account,
    Complaint,
    Contact,
    SurveyAnswer,
    SurveyResponse,
    User,
)
from trustdesk.domain.complaints import (
    Failure,
    resolve_deadline,
    response_deadline,
    three_chances,
    timer,
)
from trustdesk.domain.coverage import RiskFinding
from trustdesk.domain.enums import (
    Channel,
    ComplaintSeverity,
    CoverageRisk,
    RecoverySatisfaction,
)
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services.fields import (
    check_known_fields,
    clean_moment,
    clean_text,
    current_user,
    parse_enum,
    required_text,
)
from trustdesk.services.records import ComplaintData, FailureHistory
from trustdesk.services.team_settings import get_setting, tier_levels

TEXT_LIMIT = 10_000
STATES = ("open", "overdue", "resolved", "all")


def _load(session: Session, complaint_id: str) -> Complaint:
    complaint = session.get(Complaint, complaint_id)
    if complaint is None or complaint.deleted_at is not None:
        raise NotFoundError(
            f"No complaint with id {complaint_id}.", zh=f"找不到编号为 {complaint_id} 的投诉。"
        )
    return complaint


def _moment(value: object, field: str) -> datetime:
    return utcnow() if value in (None, "") else clean_moment(value, field)


def _survey_answer(session: Session, account_id: str, answer_id: str | None) -> str | None:
    """The dissatisfied survey answer a complaint is opened from: of this customer, 1–3."""
    if answer_id in (None, ""):
        return None
    row = session.execute(
        select(SurveyAnswer.score, SurveyResponse.account_id)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyAnswer.id == answer_id, SurveyAnswer.deleted_at.is_(None))
    ).first()
    if row is None or row.account_id != account_id or row.score is None or row.score > 3:
        raise ValidationError(
            f"Survey answer {answer_id} is not a dissatisfied score (1–3) of this customer.",
            "survey_answer",
            zh=f"调查回答 {answer_id} 不是该客户的不满意评分（1–3分）。",
        )
    return str(answer_id)


def _response_hours(session: Session, account: Account, by_stage: dict[Any, int]) -> int:
    """TIER-3: the customer's tier sets how fast a complaint is answered, once it has one;
    else its stage does."""
    if account.tier is not None:
        return tier_levels(session)[1][account.tier]
    return int(by_stage[account.stage])


def add_complaint(
    session: Session,
    account_id: str,
    *,
    description: str,
    channel: Channel | str = Channel.PHONE,
    severity: ComplaintSeverity | str = ComplaintSeverity.MINOR,
    contact_id: str | None = None,
    received_at: object = None,
    survey_answer_id: str | None = None,
) -> ComplaintData:
    """CMP-1: a complaint received now (or at ``received_at``), owned by this device's user,
    with its response deadline from the customer's stage and its resolution deadline."""
    account = accounts.load(session, account_id)
    what = required_text(
        description, "description", ("The complaint", "投诉内容"), TEXT_LIMIT, multiline=True
    )
    contacts.check_of_account(session, account.id, contact_id)
    received = _moment(received_at, "received_at")
    if received > utcnow():
        raise ValidationError(
            "A complaint cannot be received in the future.",
            "received_at",
            zh="投诉的接收时间不能晚于现在。",
        )
    hours = get_setting(session, "complaint_response_hours")
    assert isinstance(hours, dict)
    days = int(get_setting(session, "complaint_resolve_days"))  # type: ignore[arg-type]
    complaint = Complaint(
        account_id=account.id,
        contact_id=contact_id or None,
        owner_id=current_user(session),
        received_at=received,
        channel=parse_enum(Channel, channel, "channel"),
        severity=parse_enum(ComplaintSeverity, severity, "severity"),
        description=what,
        respond_by=response_deadline(received, _response_hours(session, account, hours)),
        resolve_by=resolve_deadline(received, days),
        survey_answer_id=_survey_answer(session, account.id, survey_answer_id),
    )
    session.add(complaint)
    session.flush()
    return get_complaint(session, complaint.id)


def _apology(words: object) -> str:
    return clean_text(words, "apology_words", ("The apology", "道歉"), 2000, multiline=True)


def respond(
    session: Session, complaint_id: str, *, at: object = None, apology_words: str = ""
) -> ComplaintData:
    """CMP-2: the first response (seed 002: in the first person — "I am sorry", not "the
    company apologises"); the words of the apology are kept when given."""
    complaint = _load(session, complaint_id)
    moment = _moment(at, "at")
    if moment < utc_moment(complaint.received_at):
        raise ValidationError(
            "The response cannot come before the complaint was received.",
            "at",
            zh="回应时间不能早于投诉接收时间。",
        )
    complaint.first_response_at = complaint.first_response_at or moment
    words = _apology(apology_words)
    if words:
        complaint.apology_given, complaint.apology_words = True, words
    session.flush()
    return get_complaint(session, complaint.id)


def resolve(
    session: Session,
    complaint_id: str,
    *,
    resolution: str,
    satisfied: RecoverySatisfaction | str = RecoverySatisfaction.UNKNOWN,
    at: object = None,
    apology_words: str = "",
) -> ComplaintData:
    """CMP-1: put right, with what was done and whether the customer was satisfied with it."""
    complaint = _load(session, complaint_id)
    moment = _moment(at, "at")
    if moment < utc_moment(complaint.received_at):
        raise ValidationError(
            "The resolution cannot come before the complaint was received.",
            "at",
            zh="解决时间不能早于投诉接收时间。",
        )
    complaint.resolution = required_text(
        resolution, "resolution", ("The resolution", "解决办法"), TEXT_LIMIT, multiline=True
    )
    complaint.satisfied = parse_enum(RecoverySatisfaction, satisfied, "satisfied")
    complaint.resolved_at = moment
    complaint.first_response_at = complaint.first_response_at or moment
    words = _apology(apology_words)
    if words:
        complaint.apology_given, complaint.apology_words = True, words
    session.flush()
    return get_complaint(session, complaint.id)


_EDITABLE = {"description", "severity", "channel", "satisfied", "apology_words", "contact_id"}


def update_complaint(session: Session, complaint_id: str, **changes: Any) -> ComplaintData:
    """Correct a complaint's details, or record later whether the customer was satisfied."""
    check_known_fields(changes, _EDITABLE)
    complaint = _load(session, complaint_id)
    if "description" in changes:
        complaint.description = required_text(
            changes["description"], "description", ("The complaint", "投诉内容"), TEXT_LIMIT,
            multiline=True,
        )  # fmt: skip
    if "severity" in changes:
        complaint.severity = parse_enum(ComplaintSeverity, changes["severity"], "severity")
    if "channel" in changes:
        complaint.channel = parse_enum(Channel, changes["channel"], "channel")
    if "satisfied" in changes:
        complaint.satisfied = parse_enum(RecoverySatisfaction, changes["satisfied"], "satisfied")
    if "apology_words" in changes:
        words = _apology(changes["apology_words"])
        complaint.apology_given, complaint.apology_words = bool(words), words
    if "contact_id" in changes:
        contact_id = changes["contact_id"] or None
        contacts.check_of_account(session, complaint.account_id, contact_id)
        complaint.contact_id = contact_id
    session.flush()
    return get_complaint(session, complaint.id)


def delete_complaint(session: Session, complaint_id: str) -> None:
    """Take back a complaint entered by mistake (soft: the team sees the tombstone)."""
    _load(session, complaint_id).deleted_at = utcnow()
    session.flush()


def _query() -> Any:
    contact, owner = aliased(Contact), aliased(User)
    return (
        select(
            Complaint,
            Account.name,
            func.coalesce(contact.name, ""),
            func.coalesce(owner.name, ""),
        )
        .join(Account, Account.id == Complaint.account_id)
        .outerjoin(contact, contact.id == Complaint.contact_id)
        .outerjoin(owner, owner.id == Complaint.owner_id)
        .where(Complaint.deleted_at.is_(None), Account.deleted_at.is_(None))
    )


def _data(row: Complaint, account: str, contact: str, owner: str, now: datetime) -> ComplaintData:
    received = utc_moment(row.received_at)
    assert received is not None
    answered = utc_moment(row.first_response_at)
    resolved = utc_moment(row.resolved_at)
    response = timer(received, answered, utc_moment(row.respond_by), now)
    resolution = timer(received, resolved, utc_moment(row.resolve_by), now)
    return ComplaintData(
        id=row.id,
        account_id=row.account_id,
        account_name=account,
        contact_id=row.contact_id,
        contact_name=contact,
        owner=owner,
        received_at=received,
        channel=row.channel,
        severity=row.severity,
        description=row.description,
        respond_by=utc_moment(row.respond_by),
        resolve_by=utc_moment(row.resolve_by),
        first_response_at=answered,
        resolved_at=resolved,
        resolution=row.resolution,
        apology_given=row.apology_given,
        apology_words=row.apology_words,
        satisfied=row.satisfied,
        survey_answer_id=row.survey_answer_id,
        response_seconds=int(response.elapsed.total_seconds()),
        resolve_seconds=int(resolution.elapsed.total_seconds()),
        response_over_seconds=int(response.over.total_seconds()),
        resolve_over_seconds=int(resolution.over.total_seconds()),
    )


def get_complaint(
    session: Session, complaint_id: str, *, now: datetime | None = None
) -> ComplaintData:
    _load(session, complaint_id)
    row = session.execute(_query().where(Complaint.id == complaint_id)).one()
    complaint, account, contact, owner = row
    return _data(complaint, account, contact, owner, now or utcnow())


def list_complaints(
    session: Session,
    *,
    account_id: str | None = None,
    state: str = "all",
    now: datetime | None = None,
    limit: int = 500,
) -> list[ComplaintData]:
    """Complaints by state: open (unresolved, oldest first), overdue (unresolved and past a
    deadline, the most overdue first), resolved (newest first), all (newest first)."""
    if state not in STATES:
        raise ValidationError(
            f"Unknown complaint state {state!r}; use one of {', '.join(STATES)}.",
            "state",
            zh=f"未知的投诉状态“{state}”；可用：{'、'.join(STATES)}。",
        )
    moment = now or utcnow()
    query = _query()
    if account_id is not None:
        query = query.where(Complaint.account_id == account_id)
    if state in ("open", "overdue"):
        query = query.where(Complaint.resolved_at.is_(None)).order_by(Complaint.received_at)
    elif state == "resolved":
        query = query.where(Complaint.resolved_at.is_not(None)).order_by(
            Complaint.resolved_at.desc()
        )
    else:
        query = query.order_by(Complaint.received_at.desc())
    if state == "overdue":
        query = query.where(
            (Complaint.resolve_by < moment)
            | (Complaint.first_response_at.is_(None) & (Complaint.respond_by < moment))
        )
    rows = [_data(c, a, p, o, moment) for c, a, p, o in session.execute(query.limit(limit))]
    if state == "overdue":
        rows.sort(key=lambda c: -max(c.response_over_seconds, c.resolve_over_seconds))
    return rows


def overdue_complaint_count(session: Session, *, now: datetime | None = None) -> int:
    moment = now or utcnow()
    return int(
        session.scalar(
            select(func.count())
            .select_from(Complaint)
            .join(Account, Account.id == Complaint.account_id)
            .where(
                Complaint.deleted_at.is_(None),
                Account.deleted_at.is_(None),
                Complaint.resolved_at.is_(None),
                (Complaint.resolve_by < moment)
                | (Complaint.first_response_at.is_(None) & (Complaint.respond_by < moment)),
            )
        )
        or 0
    )


def _window(session: Session) -> int:
    return int(get_setting(session, "failure_window_days"))  # type: ignore[arg-type]


def failure_history(
    session: Session, account_id: str, *, now: datetime | None = None
) -> FailureHistory:
    """CMP-3: the customer's complaints (newest first) and the three-chances finding."""
    accounts.load(session, account_id)
    moment = now or utcnow()
    found = list_complaints(session, account_id=account_id, now=moment, limit=10_000)
    failures = [Failure(c.received_at, c.resolved_at is not None, c.satisfied) for c in found]
    finding = three_chances(sorted(failures, key=lambda f: f.received_at), moment, _window(session))
    if finding is None:
        zh, en = (
            ("一次失误已妥善挽回：属于正常。", "One failure, put right well: normal.")
            if found
            else ("没有投诉记录。", "No complaints on record.")
        )
        return FailureHistory(tuple(found), None, zh, en)
    return FailureHistory(tuple(found), finding.risk, finding.zh, finding.en)


def risks_by_account(
    session: Session, account_ids: Iterable[str], *, now: datetime | None = None
) -> dict[str, list[RiskFinding]]:
    """The risk column's complaint findings: the three-chances rule and overdue complaints."""
    moment = now or utcnow()
    ids = list(account_ids)
    failures: dict[str, list[Failure]] = defaultdict(list)
    late: dict[str, int] = defaultdict(int)
    window = _window(session)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(
                Complaint.account_id,
                Complaint.received_at,
                Complaint.resolved_at,
                Complaint.satisfied,
                Complaint.respond_by,
                Complaint.resolve_by,
                Complaint.first_response_at,
            )
            .where(Complaint.account_id.in_(chunk), Complaint.deleted_at.is_(None))
            .order_by(Complaint.received_at)
        )
        for aid, received, resolved, satisfied, respond_by, resolve_by, answered in rows:
            failures[aid].append(Failure(utc_moment(received), resolved is not None, satisfied))
            if resolved is None and (
                utc_moment(resolve_by) < moment
                or (answered is None and utc_moment(respond_by) < moment)
            ):
                late[aid] += 1
    out: dict[str, list[RiskFinding]] = {}
    for aid in set(failures) | set(late):
        findings = []
        chance = three_chances(failures.get(aid, []), moment, window)
        if chance is not None:
            findings.append(RiskFinding(chance.risk, (), chance.zh, chance.en))
        if late.get(aid):
            n = late[aid]
            findings.append(
                RiskFinding(
                    CoverageRisk.OVERDUE_COMPLAINT,
                    (),
                    f"有 {n} 项投诉已超过处理时限。",
                    f"{n} complaint{'s are' if n > 1 else ' is'} past the time limit.",
                )
            )
        out[aid] = findings
    return out
