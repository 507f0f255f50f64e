"""Two years of satisfaction surveys on the demo customers (issue 12).

Added after the visit history, in bulk, so the 100,000-customer database gets its surveys from
the same code a newcomer's demo uses. About a third of the customers we serve are surveyed,
each at its own cycle (monthly, quarterly, yearly or the team's default), mostly filled in
during an in-person visit (linked to it and to a person met there). The mix is realistic
(seed 000/002): most scores are 4 or 5; some customers are at risk (mostly 4s); a few fall,
survey after survey, to a 2 on the last one, whose follow-up task is still open. Every score of
1–3 has its follow-up task, as the app makes them: the old ones done, with what was done.
Showcases: 宁波海诚 (the single-threaded customer) is falling, and 深圳华科 (the strategic
account, surveyed monthly) scores us and a competitor each time. Each customer's last survey
and next due date are written with it, as ``services.survey_plan`` computes them.
"""

from __future__ import annotations

import random
from base64 import b32encode
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from trustdesk.db.base import Base, utc_moment
from trustdesk.db.bulk import insert_sql, utc_text
from trustdesk.db.models import Account, SurveyTemplate
from trustdesk.demo.history import CHINA, SINGLE_THREADED
from trustdesk.demo.showcase import showcases
from trustdesk.domain.enums import QuestionKind, RelationshipLevel, Stage, SurveyCycle
from trustdesk.domain.surveys import (
    add_months,
    needs_follow_up,
    next_survey_due,
    on_survey_plan,
)
from trustdesk.services.records import QuestionData, TemplateData
from trustdesk.services.survey_templates import get_template
from trustdesk.services.team_settings import get_setting

FALLING_SHOWCASE = SINGLE_THREADED  # 宁波海诚: its one supporter cannot hold it up
# 深圳华科, the strategic account: surveyed monthly, about us and about a competitor.
COMPETITOR_SHOWCASE = showcases()[0].name
COMPETITORS = ("华东精机", "East China Precision")  # (zh customers, en customers)
SURVEYED_SHARE = 0.35
DONE_SHARE = 0.8  # surveys of a cycle that really happened (the rest were skipped)
SERVED = frozenset({Stage.FIRST_TIME, Stage.REPEAT, Stage.REGULAR, Stage.ADVOCATE})
CYCLES = [
    (None, 55),
    (SurveyCycle.QUARTERLY, 20),
    (SurveyCycle.YEARLY, 18),
    (SurveyCycle.MONTHLY, 7),
]
# How a customer feels: (mood, weight); the scores each mood gives, by weight of 1…5.
MOODS = [("happy", 78), ("at-risk", 14), ("unhappy", 3), ("falling", 5)]
SCORES = {
    "happy": (0.4, 0.6, 2, 30, 67),
    "at-risk": (0.5, 1.5, 8, 62, 28),
    "unhappy": (4, 14, 32, 36, 14),
    "rival": (2, 6, 22, 45, 25),  # what our customers give a competitor
}
FALLING = (5, 5, 4, 4, 3, 2)  # the last surveys of a falling customer
TO_FIVE = [
    ("交期再缩短一些。", "Shorter delivery times."),
    ("报价能更有竞争力。", "More competitive prices."),
    ("售后响应再快一点。", "Faster after-sales response."),
    ("技术支持人员多来现场。", "Technical support on site more often."),
    ("包装再结实一些。", "Sturdier packaging."),
    ("发票和对账更及时。", "Invoices and statements on time."),
]
BETTER = [
    ("希望定期通报订单进度。", "Tell us regularly how our orders are doing."),
    ("新产品资料早点给我们。", "Send information on new products earlier."),
    ("换人对接时提前告知。", "Tell us in advance when our contact changes."),
]
NEXT_WHAT = [("备件", "Spare parts"), ("新型号设备", "The new model"), ("维保服务", "Maintenance")]
EXPECT = [("保持稳定的质量。", "Steady quality."), ("多做培训。", "More training.")]
MOMENT = [
    ("第一次交货", "The first delivery"),
    ("安装调试", "Installation"),
    ("售后维修", "Repairs"),
]
OUTCOMES = [
    ("已与客户沟通，安排专人跟进。", "Talked it through; a named person follows it up."),
    ("已调整交货计划并告知客户。", "Changed the delivery plan and told the customer."),
    ("上门拜访，问题已解决。", "Visited; the problem is solved."),
]


_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # ULIDs' (Crockford's) base 32
_CROCKFORD = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", _ALPHABET.encode())
CYCLE_WEIGHTS = list(accumulate(w for _, w in CYCLES))
MOOD_WEIGHTS = list(accumulate(w for _, w in MOODS))
SCORE_WEIGHTS = {mood: list(accumulate(weights)) for mood, weights in SCORES.items()}


@dataclass(slots=True)
class _Template:
    id: str
    scales: list[QuestionData]  # the 1–5 questions, in order
    to_five: dict[str, QuestionData]  # a scale question's key → its "what would make it a 5?"
    others: list[QuestionData]  # the rest: text, choice


@dataclass(slots=True)
class _Rows:
    responses: list[tuple[Any, ...]] = field(default_factory=list)
    answers: list[tuple[Any, ...]] = field(default_factory=list)
    tasks: list[tuple[Any, ...]] = field(default_factory=list)
    plans: list[tuple[str | None, str | None, str | None, str]] = field(default_factory=list)
    visit_people: dict[str, str] = field(default_factory=dict)  # visit → a person met there
    asked_visits: list[str] = field(default_factory=list)


class _Surveys:
    def __init__(self, session: Session, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed * 7919 + 12)
        self._moment: datetime | None = None
        self._prefix = ""
        self.now = now
        self.today = now.astimezone(CHINA).date()
        self.default_months = int(get_setting(session, "survey_cycle_months"))  # type: ignore[arg-type]
        self.follow_up_days = int(get_setting(session, "survey_follow_up_days"))  # type: ignore[arg-type]
        builtin = session.scalars(
            select(SurveyTemplate.id)
            .where(SurveyTemplate.builtin, SurveyTemplate.current)
            .where(SurveyTemplate.deleted_at.is_(None))
            .order_by(SurveyTemplate.created_at, SurveyTemplate.version)
        ).all()
        self.templates = [self._template(get_template(session, t)) for t in builtin[:2]]

    @staticmethod
    def _template(data: TemplateData) -> _Template:
        scales = [q for q in data.questions if q.kind is QuestionKind.SCALE]
        to_five = {q.follows: q for q in data.questions if q.follows}
        others = [q for q in data.questions if q.kind is not QuestionKind.SCALE and not q.follows]
        return _Template(data.id, scales, {k: q for k, q in to_five.items() if k}, others)

    def ulid(self, at: datetime) -> str:
        """A ULID of the moment ``at``: its time part is spelled once for the rows of one
        survey, the random part in one C call (a million ids at 100,000 customers)."""
        if at != self._moment:
            ms = int(at.timestamp() * 1000)
            self._moment, self._prefix = (
                at,
                "".join(_ALPHABET[(ms >> (5 * i)) & 31] for i in range(9, -1, -1)),
            )
        return self._prefix + b32encode(self.rng.randbytes(10)).translate(_CROCKFORD).decode()

    def office_hours(self, day: date) -> datetime:
        hour, minute = self.rng.randint(9, 17), self.rng.choice((0, 15, 30, 45))
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA).astimezone(UTC)


def add_surveys(
    session: Session,
    *,
    seed: int = 12,
    now: datetime | None = None,
    chunk: int = 5000,
    only: set[str] | None = None,
) -> int:
    """Surveys, answers and follow-up tasks for the live customers (``only``: just these), and
    every one's survey plan; returns the number of surveys made."""
    gen = _Surveys(session, seed, now or datetime.now(UTC).replace(microsecond=0))
    if len(gen.templates) < 2:  # the built-in templates were retired: nothing to fill in
        return 0
    conn = session.connection()
    made = 0
    for accounts in _chunks(session, chunk):
        rows = _Rows()
        chosen = []
        for account in accounts:
            if only is None or account[0] in only:
                picked = _choose(gen, account)
                if picked is None:
                    _plan(gen, rows, account, None, None)
                else:
                    chosen.append((account, *picked))
        # Only the surveyed customers' visits and people are read (a third of them).
        visits, people = _visits_and_people(conn, [account[0] for account, *_ in chosen])
        for account, cycle, mood in chosen:
            aid = account[0]
            _account_surveys(gen, rows, account, cycle, mood, visits.get(aid, []), people)
        _people_met(conn, rows)
        _write(conn, rows)
        made += len(rows.responses)
    return made


def _chunks(session: Session, size: int) -> Iterator[list[Any]]:
    """The live customers by id, ``size`` at a time."""
    after = ""
    while True:
        accounts = session.execute(
            select(
                Account.id,
                Account.name,
                Account.stage,
                Account.created_at,
                Account.do_not_serve,
                Account.owner_id,
            )
            .where(Account.deleted_at.is_(None), Account.id > after)
            .order_by(Account.id)
            .limit(size)
        ).all()
        if not accounts:
            return
        after = accounts[-1][0]
        yield list(accounts)


def _visits_and_people(
    conn: Connection, ids: list[str]
) -> tuple[dict[str, list[tuple[datetime, str]]], dict[str, list[str]]]:
    """These customers' in-person visits done (when, id), oldest first, and the people we
    could have asked (met, still there)."""
    visits: dict[str, list[tuple[datetime, str]]] = {}
    people: dict[str, list[str]] = {}
    none = RelationshipLevel.NONE.code
    for start in range(0, len(ids), 900):
        part = tuple(ids[start : start + 900])
        marks = ",".join("?" * len(part))
        # ``+done``: by the customer's index; SQLite, without statistics, would take the index
        # on ``done`` and walk every visit done for each part.
        for vid, aid, at in conn.exec_driver_sql(
            f"SELECT id, account_id, at FROM visit WHERE account_id IN ({marks}) AND +done = 1"
            " AND channel IN ('in-person', 'site-visit') AND deleted_at IS NULL",
            part,
        ):
            visits.setdefault(aid, []).append((datetime.fromisoformat(at).replace(tzinfo=UTC), vid))
        for cid, aid in conn.exec_driver_sql(
            f"SELECT id, account_id FROM contact WHERE account_id IN ({marks})"
            " AND deleted_at IS NULL AND is_placeholder = 0 AND departed = 0 AND level != ?",
            (*part, none),
        ):
            people.setdefault(aid, []).append(cid)
    for found in visits.values():
        found.sort()
    return visits, people


def _local_day(moment: datetime) -> date:
    """As ``services.survey_plan`` counts days: on this laptop's clock."""
    return moment.astimezone().date()


def _choose(gen: _Surveys, account: Any) -> tuple[SurveyCycle | None, str] | None:
    """Whether a customer is surveyed: its cycle and how it feels; None when it is not."""
    _, name, stage, _, do_not_serve, _ = account
    r = gen.rng
    if name == FALLING_SHOWCASE:
        return SurveyCycle.QUARTERLY, "falling"
    if name == COMPETITOR_SHOWCASE:
        return SurveyCycle.MONTHLY, "happy"
    if stage not in SERVED or do_not_serve or r.random() >= SURVEYED_SHARE:
        return None
    cycle = r.choices([c for c, _ in CYCLES], cum_weights=CYCLE_WEIGHTS)[0]
    mood = r.choices([m for m, _ in MOODS], cum_weights=MOOD_WEIGHTS)[0]
    return cycle, mood


def _plan(
    gen: _Surveys, rows: _Rows, account: Any, cycle: SurveyCycle | None, last: datetime | None
) -> None:
    """The customer's cycle, last survey and next due date, as ``survey_plan`` keeps them."""
    aid, _, stage, created, do_not_serve, _ = account
    months = cycle.months if cycle else gen.default_months
    due = (
        None
        if not on_survey_plan(stage, do_not_serve)
        else next_survey_due(
            _local_day(last) if last else None, _local_day(utc_moment(created)), months
        )
    )
    rows.plans.append(
        (cycle.code if cycle else None, utc_text(last), due.isoformat() if due else None, aid)
    )


def _account_surveys(
    gen: _Surveys,
    rows: _Rows,
    account: Any,
    cycle: SurveyCycle | None,
    mood: str,
    visits: list[tuple[datetime, str]],
    people: dict[str, list[str]],
) -> None:
    aid, name, _, created, _, owner = account
    r = gen.rng
    showcase = name in (FALLING_SHOWCASE, COMPETITOR_SHOWCASE)
    months = cycle.months if cycle else gen.default_months
    taken = _occasions(
        gen, utc_moment(created), months, visits, falling=mood == "falling", showcase=showcase
    )
    if mood == "falling" and taken and gen.now - taken[-1] > timedelta(days=45):
        mood = "at-risk"  # a fall that ended long ago would have been acted on
    zh = 0 if any("\u4e00" <= ch <= "\u9fff" for ch in name) else 1
    by_visit = dict(visits)
    for number, at in enumerate(taken):
        from_end = len(taken) - 1 - number
        level = FALLING[-1 - from_end] if mood == "falling" and from_end < len(FALLING) else None
        visit_id = by_visit.get(at)
        # At a visit: one of the people met there (``_people_met``), else someone we know.
        contact = r.choice(people[aid]) if people.get(aid) else None
        template = gen.templates[0 if showcase or level is not None or r.random() < 0.75 else 1]
        _survey(gen, rows, aid, owner, template, at, visit_id, contact, mood, level, zh, "")
        if name == COMPETITOR_SHOWCASE or (r.random() < 0.004 and from_end == 0):
            # The same person scored a competitor too: mostly below us.
            _survey(
                gen, rows, aid, owner, gen.templates[0], at + timedelta(minutes=20), visit_id,
                contact, "rival", None, zh, COMPETITORS[zh],
            )  # fmt: skip
    _plan(gen, rows, account, cycle, taken[-1] if taken else None)


def _occasions(
    gen: _Surveys,
    created: datetime,
    months: int,
    visits: list[tuple[datetime, str]],
    *,
    falling: bool,
    showcase: bool,
) -> list[datetime]:
    """When the surveys were filled in: a cycle apart, backwards from the last one (about one
    customer in eight is overdue), on an in-person visit near the day when there was one."""
    r = gen.rng
    start = max(created, gen.now - timedelta(days=730))
    if falling:  # the last one of late: its follow-up tasks are still open
        last_day = gen.today - timedelta(days=r.randint(3, 6) if showcase else r.randint(4, 20))
    elif not showcase and r.random() < 0.12:
        last_day = add_months(gen.today, -months) - timedelta(days=r.randint(5, 90))
    else:
        last_day = add_months(gen.today, -months) + timedelta(days=r.randint(1, 28 * months))
    last_day = min(last_day, gen.today - timedelta(days=1))
    out: list[datetime] = []
    back = 0
    while True:
        day = add_months(last_day, -months * back) + timedelta(days=r.randint(-6, 6))
        back += 1
        at = gen.office_hours(day)
        if at < start:
            break
        if at > gen.now or (back > 1 and not showcase and r.random() > DONE_SHARE):
            continue
        near = _visit_near(visits, at)
        out.append(near if near is not None else at)
    out.reverse()
    return sorted(set(out))


def _visit_near(visits: list[tuple[datetime, str]], at: datetime) -> datetime | None:
    """An in-person visit within ten days of ``at`` (the form was filled in there), if any."""
    best = None
    for when, _ in visits:
        gap = abs(when - at)
        if gap <= timedelta(days=10) and (best is None or gap < abs(best - at)):
            best = when
    return best


def _survey(
    gen: _Surveys,
    rows: _Rows,
    aid: str,
    owner: str | None,
    template: _Template,
    at: datetime,
    visit_id: str | None,
    contact: str | None,
    mood: str,
    level: int | None,
    zh: int,
    competitor: str,
) -> str:
    r = gen.rng
    response_id = gen.ulid(at)
    stamp = utc_text(at)
    rows.responses.append(
        (response_id, aid, contact, visit_id, template.id, stamp, competitor, owner, stamp, stamp)
    )
    if visit_id is not None:
        rows.asked_visits.append(visit_id)
    weights = SCORE_WEIGHTS["at-risk" if mood == "falling" else mood]
    for question in template.scales:
        if level is not None:  # a falling customer: the trend, the first question exactly
            score = level if question is template.scales[0] else min(5, level + r.choice((0, 0, 1)))
        else:
            score = r.choices((1, 2, 3, 4, 5), cum_weights=weights)[0]
        answer_id = gen.ulid(at)
        rows.answers.append((answer_id, response_id, question.id, score, "", stamp, stamp))
        to_five = template.to_five.get(question.key)
        if to_five is not None and score < (to_five.show_below or 5) and r.random() < 0.6:
            text = r.choice(TO_FIVE)[zh]
            rows.answers.append((gen.ulid(at), response_id, to_five.id, None, text, stamp, stamp))
        if needs_follow_up(score) and not competitor:
            _task(gen, rows, aid, owner, response_id, answer_id, at, zh)
    for question in template.others:
        value = ""
        if question.kind is QuestionKind.CHOICE:
            value = str(r.randint(1, len(question.choices))) if r.random() < 0.5 else ""
        elif r.random() < 0.25:
            words = {"better": BETTER, "next_what": NEXT_WHAT, "expect": EXPECT, "moment": MOMENT}
            value = r.choice(words.get(question.key, BETTER))[zh]
        if value:
            rows.answers.append((gen.ulid(at), response_id, question.id, None, value, stamp, stamp))
    return response_id


def _task(
    gen: _Surveys,
    rows: _Rows,
    aid: str,
    owner: str | None,
    response_id: str,
    answer_id: str,
    at: datetime,
    zh: int,
) -> None:
    """The follow-up task the app makes for a score of 1–3: done a few days later, unless the
    survey is of the last weeks."""
    r = gen.rng
    due = _local_day(at) + timedelta(days=gen.follow_up_days)
    done_at: datetime | None = None
    outcome = ""
    if gen.now - at > timedelta(days=30):
        done_at = at + timedelta(days=r.randint(1, 12), hours=r.randint(0, 6))
        outcome = r.choice(OUTCOMES)[zh]
    stamp = utc_text(at)
    rows.tasks.append(
        (
            gen.ulid(at), aid, response_id, answer_id, owner, due.isoformat(), utc_text(done_at),
            outcome, stamp, utc_text(done_at) or stamp,
        )
    )  # fmt: skip


def _people_met(conn: Connection, rows: _Rows) -> None:
    """The person who answered a survey filled in at a visit: one of the people met there."""
    ids = list(dict.fromkeys(rows.asked_visits))
    for start in range(0, len(ids), 900):
        part = ids[start : start + 900]
        marks = ",".join("?" * len(part))
        for vid, cid in conn.exec_driver_sql(
            f"SELECT visit_id, min(contact_id) FROM visit_contact WHERE visit_id IN ({marks})"
            " GROUP BY visit_id",
            tuple(part),
        ):
            rows.visit_people[vid] = cid
    if rows.visit_people:
        rows.responses = [
            (*row[:2], rows.visit_people.get(row[3], row[2]), *row[3:]) for row in rows.responses
        ]


RESPONSE_COLUMNS = (
    "id", "account_id", "contact_id", "visit_id", "template_id", "taken_at", "competitor",
    "owner_id", "created_at", "updated_at",
)  # fmt: skip
ANSWER_COLUMNS = ("id", "response_id", "question_id", "score", "value", "created_at", "updated_at")
TASK_COLUMNS = (
    "id", "account_id", "response_id", "answer_id", "owner_id", "due", "done_at", "outcome",
    "created_at", "updated_at",
)  # fmt: skip


def _write(conn: Connection, rows: _Rows) -> None:
    tables = Base.metadata.tables
    # In key order: each row lands next to the one before in the primary key's B-tree.
    for name, columns, data in (
        ("survey_response", RESPONSE_COLUMNS, rows.responses),
        ("survey_answer", ANSWER_COLUMNS, rows.answers),
        ("survey_follow_up", TASK_COLUMNS, rows.tasks),
    ):
        if data:
            conn.exec_driver_sql(insert_sql(tables[name], columns), sorted(data))
    if rows.plans:
        conn.exec_driver_sql(
            "UPDATE account SET survey_cycle = ?, last_survey_at = ?, next_survey_due = ?"
            " WHERE id = ?",
            sorted(rows.plans, key=lambda plan: plan[3]),
        )
