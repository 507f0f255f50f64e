"""Two years of visits, intelligence notes and promises on the demo customers (issue 11).

Added after the customers and people exist, in bulk, so the 100,000-customer benchmark gets
its million visits from the same code a newcomer's demo uses. The history agrees with the
map: the activities logged with a person belong to their level or below (a few reach one level
up, so the app has a level to suggest, REL-6); some customers lapse past their cadence, some
next steps and promises are overdue, a few promises were broken, and one states a discount
beyond the bottom line. The single-threaded showcase customer has seen no one but its one
supporter for months.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from trustdesk.db.base import Base
from trustdesk.db.bulk import insert_many, insert_sql, utc_text
from trustdesk.db.models import Account, Contact
from trustdesk.demo.showcase import SMALL
from trustdesk.domain.bottom_lines import DEFAULT_LIMITS, beyond
from trustdesk.domain.enums import (
    Activity,
    BottomLine,
    Channel,
    CommitmentStatus,
    ContactDepth,
    ContactFunction,
    IntelKind,
    RelationshipLevel,
    Stage,
)
from trustdesk.domain.levels import CHANNEL_ACTIVITY
from trustdesk.domain.names import text_tokens
from trustdesk.domain.visit_plan import DEFAULT_CADENCE_DAYS, DEFAULT_RHYTHM_DAYS, next_visit_due

CHINA = timezone(timedelta(hours=8))
SINGLE_THREADED = SMALL[0].name  # 宁波海诚: only 周丽 supports us
SINGLE_THREAD_PERSON = SMALL[0].people[1].name

# Where more than the channel's own activity happens (a meal, a tour, a talk in person).
FACE_TO_FACE = frozenset({Channel.IN_PERSON, Channel.ENTERTAINMENT, Channel.SITE_VISIT})
# Customers whose people we keep in touch with between visits (all but the lost).
KEPT_UP = frozenset(Stage) - {Stage.LOST}
CHANNELS = [
    (Channel.IN_PERSON, 40),
    (Channel.PHONE, 25),
    (Channel.IM, 12),
    (Channel.EMAIL, 6),
    (Channel.VIDEO, 5),
    (Channel.ENTERTAINMENT, 5),
    (Channel.SITE_VISIT, 4),
    (Channel.GIFT, 3),
]
# (function, zh notes, en notes)
NOTES = {
    ContactFunction.CARE: [
        ("节前问候，了解近况。", "Seasonal greetings; asked how things are going."),
        ("回访上批货的使用情况。", "Followed up on how the last delivery is doing."),
    ],
    ContactFunction.INFORMATION: [
        (
            "介绍新产品线和明年的价格政策。",
            "Presented the new product line and next year's prices.",
        ),
        ("说明交期调整的原因。", "Explained why delivery times are changing."),
    ],
    ContactFunction.RELATIONSHIP: [
        (
            "共进午餐，聊了行业趋势和家庭近况。",
            "Lunch together; talked about the industry and family.",
        ),
        ("陪同参观展会。", "Went round the trade fair together."),
    ],
    ContactFunction.SERVICE: [
        (
            "现场检查设备运行情况，更换易损件。",
            "Checked the equipment on site; replaced worn parts.",
        ),
        ("协助解决安装调试问题。", "Helped with an installation problem."),
    ],
    ContactFunction.INTELLIGENCE: [
        ("了解到对方明年有扩产计划。", "Learned they plan to expand production next year."),
        ("得知竞争对手最近来报过价。", "Heard a competitor quoted recently."),
    ],
}
OUTCOMES = [
    ("客户满意，愿意继续合作。", "Customer satisfied; will keep working with us."),
    ("客户希望交期再缩短一些。", "Customer wants shorter delivery times."),
    ("对新产品有兴趣，需要样品。", "Interested in the new product; wants samples."),
    ("", ""),
]
NEXT_STEPS = [
    ("发送报价单", "Send the quote"),
    ("安排技术交流", "Arrange a technical exchange"),
    ("寄送样品", "Send samples"),
    ("跟进付款进度", "Follow up on the payment"),
    ("预约下次拜访", "Book the next visit"),
]
INTEL = {
    IntelKind.FEEDBACK: (
        "客户反映上批货包装有破损。",
        "Customer says the last shipment's packaging was damaged.",
    ),
    IntelKind.NEEDS_CHANGE: (
        "明年产能扩大，需求预计增加约三成。",
        "Capacity grows next year; demand up about 30%.",
    ),
    IntelKind.PERSONNEL_CHANGE: (
        "采购部下月有人事调整。",
        "Purchasing reshuffles its team next month.",
    ),
    IntelKind.COMPETITOR: ("竞争对手报价比我们低约 8%。", "A competitor quoted about 8% below us."),
}
PROMISES = [
    ("两周内寄送样品", "Samples within two weeks", None),
    ("年底前提供新价格表", "New price list before the year end", None),
    ("免费培训操作人员", "Free training for the operators", None),
    ("下单后 7 天内交货", "Delivery within 7 days of the order", (BottomLine.DELIVERY, 7)),
    ("首单给予 10% 折扣", "10% discount on the first order", (BottomLine.DISCOUNT, 10)),
]
BROKEN_REASONS = [
    ("样品缺货，延误两周。", "Samples out of stock; two weeks late."),
    ("工厂排产冲突，未能按期交货。", "Production clash at the factory; delivered late."),
]


@dataclass(slots=True)
class _Person:
    id: str
    name: str
    level: RelationshipLevel
    depth: ContactDepth | None
    departed: bool
    created: datetime


DEPTH_WEIGHT = {
    ContactDepth.DEEP: 8.0,
    ContactDepth.FREQUENT: 4.0,
    ContactDepth.SHALLOW: 1.5,
    ContactDepth.NONE: 0.2,
    None: 1.0,
}


@dataclass(slots=True)
class _Rows:
    visits: list[tuple[Any, ...]] = field(default_factory=list)  # VISIT_COLUMNS, stored form
    people: list[tuple[str, str, str | None]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    promises: list[dict[str, Any]] = field(default_factory=list)
    promise_changes: list[dict[str, Any]] = field(default_factory=list)
    plans: list[tuple[datetime | None, date | None, str]] = field(default_factory=list)
    touches: dict[str, datetime] = field(default_factory=dict)


class _History:
    def __init__(self, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.today = now.astimezone(CHINA).date()
        self.channels = [c for c, _ in CHANNELS]
        self.weights = [w for _, w in CHANNELS]

    def ulid(self, at: datetime) -> str:
        n = (int(at.timestamp() * 1000) << 80) | self.rng.getrandbits(80)
        alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
        return "".join(alphabet[(n >> (5 * i)) & 31] for i in range(25, -1, -1))

    def office_hours(self, day: date) -> datetime:
        hour, minute = self.rng.randint(9, 17), self.rng.choice((0, 15, 30, 45))
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA).astimezone(UTC)

    def activities(self, channel: Channel, people: list[_Person]) -> list[str]:
        """The channel's typical activity, and now and then one matching the people's level
        (rarely one level above: the evidence for a suggestion)."""
        out = []
        typical = CHANNEL_ACTIVITY.get(channel)
        if typical is not None:
            out.append(typical.code)
        r = self.rng
        if people and channel in FACE_TO_FACE and r.random() < 0.3:
            low = min(RANK[p.level] for p in people)  # the activity happened with all of them
            reach = low if r.random() < 0.995 else min(low + 1, len(RANK) - 1)
            if UP_TO[reach]:
                out.append(r.choice(UP_TO[reach]))
        return list(dict.fromkeys(out))


RANK = {level: n for n, level in enumerate(RelationshipLevel)}
# Codes of the activities of each level and below, by the level's rank.
UP_TO = [[a.code for a in Activity if RANK[a.level] <= n] for n in range(len(RANK))]


def _chinese(name: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in name)


def add_history(
    session: Session,
    *,
    seed: int = 11,
    now: datetime | None = None,
    chunk: int = 5000,
    progress: Callable[[int], None] | None = None,
    only: set[str] | None = None,
) -> int:
    """Visits, notes and promises for the live customers (``only``: just these, the ones the
    demo has just made); returns the number of visits made."""
    hist = _History(seed, now or datetime.now(UTC).replace(microsecond=0))
    conn = session.connection()
    made = 0
    done_accounts = 0
    for accounts, people in _chunks(session, chunk):
        rows = _Rows()
        for account in accounts:
            if only is not None and account[0] not in only:
                continue
            _account_history(hist, rows, account, people.get(account[0], []))
        _write(conn, rows)
        made += len(rows.visits)
        done_accounts += len(accounts)
        if progress:
            progress(done_accounts)
    return made


def _chunks(session: Session, size: int) -> Iterator[tuple[list[Any], dict[str, list[_Person]]]]:
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
                Account.visit_cadence_days,
            )
            .where(Account.deleted_at.is_(None), Account.id > after)
            .order_by(Account.id)
            .limit(size)
        ).all()
        if not accounts:
            return
        after = accounts[-1][0]
        people: dict[str, list[_Person]] = {}
        for cid, aid, name, level, depth, departed, created in session.execute(
            select(
                Contact.id,
                Contact.account_id,
                Contact.name,
                Contact.level,
                Contact.depth,
                Contact.departed,
                Contact.created_at,
            ).where(
                Contact.account_id >= accounts[0][0],
                Contact.account_id <= after,
                Contact.deleted_at.is_(None),
                Contact.is_placeholder.is_(False),
            )
        ):
            people.setdefault(aid, []).append(_Person(cid, name, level, depth, departed, created))
        yield list(accounts), people


def _account_history(hist: _History, rows: _Rows, account: Any, people: list[_Person]) -> None:
    aid, name, stage, created, do_not_serve, owner, cadence = account
    r = hist.rng
    zh = 0 if _chinese(name) else 1
    start = max(created, hist.now - timedelta(days=730))
    span = max((hist.now - start).days, 1)
    cadence_ = min(cadence or DEFAULT_CADENCE_DAYS[stage], 365)
    # Visits come about a cadence apart (a little early more often than late), backwards from
    # the last one; about a fifth of the customers have lapsed: nothing for months.
    lapsed = r.random() < 0.1 or stage is Stage.LOST
    gap_back = r.randint(cadence_ + 5, cadence_ + 150) if lapsed else r.randint(0, cadence_)
    days: list[int] = []
    offset = span - gap_back
    while offset >= 0:
        days.append(offset)
        offset -= max(3, round(cadence_ * r.uniform(0.45, 1.05)))
    days.reverse()
    single = name == SINGLE_THREADED
    last: datetime | None = None
    for offset in days:
        at = hist.office_hours((start + timedelta(days=offset)).astimezone(CHINA).date())
        if at > hist.now:
            continue
        met = _met(hist, people, at, single and offset > span - 240)
        visit_id = _visit(hist, rows, aid, owner, at, met, zh)
        last = at if last is None or at > last else last
        if r.random() < 0.12:
            _note(hist, rows, aid, visit_id, met, at, zh)
        if r.random() < 0.08:
            _promise(hist, rows, aid, owner, visit_id, met, at, zh, bold=False)
    if stage in KEPT_UP and not do_not_serve:
        kept = [p for p in people if p.name == SINGLE_THREAD_PERSON] if single else people
        _keep_in_touch(hist, rows, aid, owner, kept, zh)
    if name == SMALL[1].name and people:  # 苏州瑞泰: one promise beyond the bottom line
        _promise(
            hist, rows, aid, owner, None, people[:1], hist.now - timedelta(days=3), zh, bold=True
        )
    if not do_not_serve and r.random() < 0.06:
        day = hist.today + timedelta(days=r.randint(1, 20))
        _visit(
            hist,
            rows,
            aid,
            owner,
            hist.office_hours(day),
            _met(hist, people, hist.now, False),
            zh,
            planned=True,
        )
    if do_not_serve:
        rows.plans.append((last, None, aid))
        return
    since = created.astimezone(CHINA).date()
    last_day_ = last.astimezone(CHINA).date() if last else None
    rows.plans.append((last, next_visit_due(last_day_, since, cadence_), aid))


def _keep_in_touch(
    hist: _History, rows: _Rows, aid: str, owner: str | None, people: list[_Person], zh: int
) -> None:
    """Calls and messages to the people we planned contact with, between visits, at their
    rhythm (seed 004), over the last four months; about one in seven has been let cool."""
    r = hist.rng
    for person in people:
        rhythm = DEFAULT_RHYTHM_DAYS.get(person.depth) if person.depth else None
        if (
            rhythm is None
            or person.level is RelationshipLevel.NONE
            or person.departed
            or r.random() < 0.15
        ):
            continue
        back = r.randint(0, rhythm - 1)
        while back < 120:
            at = hist.office_hours(hist.today - timedelta(days=back))
            if at <= hist.now:
                _visit(hist, rows, aid, owner, at, [person], zh, light=True)
            back += max(5, round(rhythm * r.uniform(0.6, 1.0)))


def _met(hist: _History, people: list[_Person], at: datetime, only_one: bool) -> list[_Person]:
    if only_one:
        return [p for p in people if p.name == SINGLE_THREAD_PERSON][:1]
    r = hist.rng
    # Only people we have met (level above none; rarely a first meeting) and are still there.
    here = [
        p
        for p in people
        if p.created <= at
        and not p.departed
        and (p.level is not RelationshipLevel.NONE or r.random() < 0.01)
    ]
    if not here:
        return []
    # The contact planned with each person sets how often they are seen (seed 004).
    weights = [DEPTH_WEIGHT[p.depth] for p in here]
    k = min(len(here), r.choice((1, 1, 1, 2, 2, 3)))
    chosen: dict[str, _Person] = {}
    for p in r.choices(here, weights, k=k):
        chosen[p.id] = p
    return list(chosen.values())


def _visit(
    hist: _History,
    rows: _Rows,
    aid: str,
    owner: str | None,
    at: datetime,
    met: list[_Person],
    zh: int,
    *,
    planned: bool = False,
    light: bool = False,
) -> str:
    r = hist.rng
    if light:  # a call or a message to keep in touch
        channel = r.choice((Channel.PHONE, Channel.IM))
        functions = [r.choice((ContactFunction.CARE, ContactFunction.RELATIONSHIP))]
    else:
        channel = Channel.IN_PERSON if planned else r.choices(hist.channels, hist.weights)[0]
        typical = CHANNEL_ACTIVITY.get(channel)
        # A meal or a site visit belongs to a closer relationship than everyone's here.
        if (
            typical is not None
            and met
            and r.random() > 0.005
            and RANK[typical.level] > min(RANK[p.level] for p in met)
        ):
            channel = Channel.IN_PERSON
        functions = r.sample(list(ContactFunction), k=r.choice((1, 1, 2)))
    notes = r.choice(NOTES[functions[0]])[zh]
    step, due, step_done = "", None, None
    if not planned and not light and r.random() < 0.3:
        step = r.choice(NEXT_STEPS)[zh]
        due = at.astimezone(CHINA).date() + timedelta(days=r.randint(3, 21))
        # Older steps were done; those of the last month may still be open (some overdue).
        if hist.now - at > timedelta(days=30) or r.random() < 0.4:
            step_done = at + timedelta(days=r.randint(1, 20))
            if step_done > hist.now:
                step_done = None
    gift = None
    if channel in (Channel.GIFT, Channel.ENTERTAINMENT):
        gift = float(r.choice((150, 200, 300, 380, 450, 600, 880)))
    visit_id = hist.ulid(at)
    stamp = utc_text(at)
    rows.visits.append(
        (
            visit_id,
            aid,
            stamp,
            int(not planned),
            channel.code,
            "[]" if planned else json.dumps([f.code for f in functions]),
            "[]" if planned else json.dumps(hist.activities(channel, met)),
            notes if not planned else "",
            "" if planned else r.choice(OUTCOMES)[zh],
            step,
            None if due is None else due.isoformat(),
            utc_text(step_done),
            gift,
            owner,
            stamp,
            stamp,
        )
    )
    for person in met:
        rows.people.append((visit_id, person.id, stamp))
        if not planned and (person.id not in rows.touches or rows.touches[person.id] < at):
            rows.touches[person.id] = at
    return visit_id


def _note(
    hist: _History, rows: _Rows, aid: str, visit_id: str, met: list[_Person], at: datetime, zh: int
) -> None:
    kind = hist.rng.choice(list(IntelKind))
    rows.notes.append(
        {
            "id": hist.ulid(at),
            "account_id": aid,
            "visit_id": visit_id,
            "contact_id": met[0].id if met and kind is IntelKind.PERSONNEL_CHANGE else None,
            "kind": kind,
            "text": INTEL[kind][zh],
            "author_id": None,
            "created_at": at,
            "updated_at": at,
            "deleted_at": None,
        }
    )


def _promise(
    hist: _History,
    rows: _Rows,
    aid: str,
    owner: str | None,
    visit_id: str | None,
    met: list[_Person],
    at: datetime,
    zh: int,
    *,
    bold: bool,
) -> None:
    r = hist.rng
    if bold:
        what = ("2027 年订单给予 20% 折扣", "20% discount on the 2027 order")[zh]
        line: tuple[BottomLine, float] | None = (BottomLine.DISCOUNT, 20)
    else:
        zh_what, en_what, line = r.choice(PROMISES)
        what = (zh_what, en_what)[zh]
    due = at.astimezone(CHINA).date() + timedelta(days=r.randint(7, 45))
    status = CommitmentStatus.OPEN
    closed: datetime | None = None
    if due < hist.today and not bold:
        roll = r.random()
        status = (
            CommitmentStatus.KEPT
            if roll < 0.8
            else CommitmentStatus.BROKEN
            if roll < 0.9
            else CommitmentStatus.OPEN  # overdue
        )
        if status is not CommitmentStatus.OPEN:
            closed = datetime(due.year, due.month, due.day, 10, tzinfo=CHINA).astimezone(UTC)
    promise_id = hist.ulid(at)
    needs = line is not None and beyond(line[0], line[1], DEFAULT_LIMITS[line[0]])
    rows.promises.append(
        {
            "id": promise_id,
            "account_id": aid,
            "contact_id": met[0].id if met else None,
            "owner_id": owner,
            "visit_id": visit_id,
            "what": what,
            "due": due,
            "status": status,
            "bottom_line": line[0] if line else None,
            "stated_value": line[1] if line else None,
            "needs_approval": needs,
            "approved_at": None,
            "approved_by_id": None,
            "created_at": at,
            "updated_at": closed or at,
            "deleted_at": None,
        }
    )
    changes: list[tuple[CommitmentStatus | None, CommitmentStatus, str, datetime]] = [
        (None, CommitmentStatus.OPEN, "", at)
    ]
    if closed is not None:
        reason = r.choice(BROKEN_REASONS)[zh] if status is CommitmentStatus.BROKEN else ""
        changes.append((CommitmentStatus.OPEN, status, reason, closed))
    for old, new, reason, when in changes:
        rows.promise_changes.append(
            {
                "id": hist.ulid(when),
                "commitment_id": promise_id,
                "from_status": old,
                "to_status": new,
                "reason": reason,
                "changed_at": when,
                "changed_by_id": owner,
            }
        )


def _write(conn: Connection, rows: _Rows) -> None:
    tables = Base.metadata.tables
    if rows.visits:
        conn.exec_driver_sql(insert_sql(tables["visit"], VISIT_COLUMNS), rows.visits)
    if rows.people:
        conn.exec_driver_sql(
            insert_sql(tables["visit_contact"], ("visit_id", "contact_id", "updated_at")),
            rows.people,
        )
    if rows.notes:
        conn.exec_driver_sql(
            "INSERT INTO note_fts (tokens, note_id, account_id) VALUES (?, ?, ?)",
            [(" ".join(text_tokens(n["text"])), n["id"], n["account_id"]) for n in rows.notes],
        )
    for name, data in (
        ("intel_note", rows.notes),
        ("commitment", rows.promises),
        ("commitment_change", rows.promise_changes),
    ):
        if data:
            insert_many(conn, tables[name], data)
    conn.exec_driver_sql(
        "UPDATE account SET last_visit_at = ?, next_visit_due = ? WHERE id = ?",
        [(utc_text(last), due and due.isoformat(), aid) for last, due, aid in rows.plans],
    )
    conn.exec_driver_sql(
        "UPDATE contact SET last_touch_at = ? WHERE id = ?",
        [(utc_text(at), cid) for cid, at in rows.touches.items()],
    )


VISIT_COLUMNS = (
    "id", "account_id", "at", "done", "channel", "functions", "activities", "notes", "outcome",
    "next_step", "next_due", "next_done_at", "gift_value", "owner_id", "created_at", "updated_at",
)  # fmt: skip
