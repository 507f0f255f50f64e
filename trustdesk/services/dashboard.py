"""DSH-1 and DSH-3: the dashboard (评估看板, seed 003) — the figures a salesperson reads first
thing in the morning, each one clickable to the customers behind it (``customers_behind``).

Every figure is over the trailing twelve months unless it says otherwise, read in grouped
statements through the driver (one pass per figure, not one per customer: at 100,000 customers
the dashboard must paint within a second). The at-risk list is read apart
(``services.at_risk.top_at_risk``), so the figures paint first.

Definitions, decided here (the CLI's ``dashboard --json`` prints the same):

* **churn rate**: of the customers who were buying at the start of the period (first-time
  customer to advocate then, by the stage history), the share moved to *lost* during it;
  **retention rate** is the rest. Seed 000 gives 20–40% a year as the usual churn.
* **repeat-purchase rate**: of the customers who ordered in the period, the share who ordered
  at least twice in it.
* **referral rate**: of the customers added in the period, the share that came by a referral.
* **satisfaction trend**: the satisfaction index (share of 5s minus share of 1–3s) per month.
* **overdue**: a planned visit past its day; a promise still open past its due day; a complaint
  not answered by its response deadline or not resolved by its resolution deadline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from trustdesk.db.prepared import run
from trustdesk.domain.deals import WinRate
from trustdesk.domain.enums import Stage, Tier
from trustdesk.domain.roadmap import ROADMAP, RoadmapStep
from trustdesk.domain.surveys import satisfaction_index
from trustdesk.errors import ValidationError
from trustdesk.services import accounts
from trustdesk.services.deals import deal_win_rates
from trustdesk.services.records import AccountRow
from trustdesk.services.referrals import ReferralRate, referral_rate
from trustdesk.services.visit_plan import today

PERIOD_DAYS = 365
BUYING = ("first-time", "repeat", "regular", "advocate")
_BUYING_SQL = ", ".join(f"'{s}'" for s in BUYING)


@dataclass(frozen=True, slots=True)
class Rate:
    """``part`` of ``whole``; ``rate`` None when the whole is empty."""

    part: int
    whole: int

    @property
    def rate(self) -> float | None:
        return self.part / self.whole if self.whole else None


@dataclass(frozen=True, slots=True)
class MonthSatisfaction:
    month: str  # YYYY-MM, local time
    index: float | None
    responses: int


@dataclass(frozen=True, slots=True)
class RoadmapRow:
    """DSH-3: one step up the ladder; how many customers stand at its stage now, and how many
    took the step in each of the last four quarters (oldest first)."""

    step: RoadmapStep
    at_stage: int
    moved: tuple[tuple[str, int], ...]  # (quarter label "2026 Q3", customers moved up)


@dataclass(frozen=True, slots=True)
class DashboardData:
    as_of: date
    since: date  # the start of the trailing twelve months
    customers: int
    by_stage: dict[Stage, int]
    by_tier: dict[Tier, int]
    untiered: int
    churn: Rate  # lost during the period, of those buying at its start
    repeat_purchase: Rate
    referral: ReferralRate
    satisfaction: tuple[MonthSatisfaction, ...]
    overdue_visits: int
    open_commitments: int
    overdue_commitments: int
    open_complaints: int
    overdue_complaints: int
    win_rates: tuple[WinRate, ...]
    roadmap: tuple[RoadmapRow, ...]

    @property
    def retention_rate(self) -> float | None:
        return None if self.churn.rate is None else 1 - self.churn.rate


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def _start_of(day: date) -> str:
    return _utc_text(datetime.combine(day, time.min).astimezone())


def _shift() -> str:
    offset = datetime.now().astimezone().utcoffset() or timedelta()
    return f"{int(offset.total_seconds() // 60):+d} minutes"


# Rows of the customers' own tables are counted unless their customer was deleted (few: read
# once, ``_GONE``); joined to the account table instead, each statement read a customer's row
# per row of its own (0.7–1.6 s each at 100,000 customers).
_GONE = "(SELECT id FROM account WHERE deleted_at IS NOT NULL)"
# Each customer's stage at the start of the period: its last change before then (SQLite takes
# ``to_stage`` from the row holding the max), read from ix_stage_change_account_time.
_BEFORE = (
    "SELECT s.account_id, s.to_stage, max(s.changed_at) FROM stage_change s "
    f"WHERE s.changed_at < :start AND s.account_id NOT IN {_GONE} GROUP BY s.account_id"
)
_LOST_SINCE = (
    "EXISTS (SELECT 1 FROM stage_change l WHERE l.account_id = b.account_id "
    "AND l.to_stage = 'lost' AND l.changed_at >= :start)"
)
_CHURN = f"""
SELECT count(*), count(*) FILTER (WHERE {_LOST_SINCE})
FROM ({_BEFORE}) b WHERE b.to_stage IN ({_BUYING_SQL})
"""
_CHURNED_IDS = f"""
SELECT b.account_id FROM ({_BEFORE}) b WHERE b.to_stage IN ({_BUYING_SQL}) AND {_LOST_SINCE}
"""
_REPEAT = f"""
SELECT count(*), count(*) FILTER (WHERE n >= 2) FROM (
  SELECT o.account_id, count(*) AS n FROM sales_order o
  WHERE o.deleted_at IS NULL AND o.ordered_on > :since_day AND o.account_id NOT IN {_GONE}
  GROUP BY o.account_id)
"""
_OPEN_COMMITMENTS = (
    f"FROM commitment m WHERE m.deleted_at IS NULL AND m.status = 'open' "
    f"AND m.account_id NOT IN {_GONE}"
)
_OPEN_COMPLAINTS = (
    "FROM complaint c WHERE c.deleted_at IS NULL AND c.resolved_at IS NULL "
    f"AND c.account_id NOT IN {_GONE}"
)
_LATE_COMPLAINT = "((c.first_response_at IS NULL AND c.respond_by < :now) OR c.resolve_by < :now)"
_COUNTS = f"""
SELECT
  (SELECT count(*) FROM account a WHERE a.deleted_at IS NULL),
  (SELECT count(*) FROM account a WHERE a.deleted_at IS NULL AND NOT a.do_not_serve
     AND a.next_visit_due < :today_day),
  (SELECT count(*) {_OPEN_COMMITMENTS}),
  (SELECT count(*) {_OPEN_COMMITMENTS} AND m.due < :today_day),
  (SELECT count(*) {_OPEN_COMPLAINTS}),
  (SELECT count(*) {_OPEN_COMPLAINTS} AND {_LATE_COMPLAINT})
"""
# Read from ix_account_stage_tier alone.
_BY_STAGE_TIER = """
SELECT a.stage, a.tier, count(*) FROM account a WHERE a.deleted_at IS NULL
GROUP BY a.stage, a.tier
"""
_SATISFACTION = f"""
SELECT strftime('%Y-%m', r.taken_at, :shift) AS month, a2.score, count(*),
       count(DISTINCT r.id)
FROM survey_response r JOIN survey_answer a2 ON a2.response_id = r.id
WHERE r.deleted_at IS NULL AND a2.deleted_at IS NULL AND a2.score IS NOT NULL
  AND r.competitor = '' AND r.taken_at >= :start AND r.account_id NOT IN {_GONE}
GROUP BY month, a2.score
"""
# Moves one stage up (ix_stage_change_time covers it).
_MOVED = f"""
SELECT s.from_stage, date(s.changed_at, :shift), count(*) FROM stage_change s
WHERE s.changed_at >= :quarters_start AND s.from_stage IS NOT NULL
  AND s.account_id NOT IN {_GONE} AND s.to_stage = (
    CASE s.from_stage WHEN 'skeptic' THEN 'explorer' WHEN 'explorer' THEN 'first-time'
      WHEN 'first-time' THEN 'repeat' WHEN 'repeat' THEN 'regular'
      WHEN 'regular' THEN 'advocate' END)
GROUP BY s.from_stage, date(s.changed_at, :shift)
"""


def _quarters(day: date) -> list[tuple[date, date, str]]:
    """The last four calendar quarters including the current one: (start, end, label)."""
    out = []
    year, q = day.year, (day.month - 1) // 3
    for _ in range(4):
        start = date(year, q * 3 + 1, 1)
        end = date(year + (q == 3), (q * 3 + 3) % 12 + 1, 1)
        out.append((start, end, f"{year} Q{q + 1}"))
        q -= 1
        if q < 0:
            q, year = 3, year - 1
    return out[::-1]


def dashboard(session: Session, *, on: date | None = None) -> DashboardData:
    """Every figure of the dashboard but the at-risk list."""
    day = on or today()
    since = day - timedelta(days=PERIOD_DAYS)
    now = datetime.now(UTC)
    quarters = _quarters(day)
    values: dict[str, Any] = {
        "start": _start_of(since),
        "since_day": since.isoformat(),
        "today_day": day.isoformat(),
        "now": _utc_text(now),
        "shift": _shift(),
        "quarters_start": _start_of(quarters[0][0]),
    }
    base, lost = run(session, _CHURN, values)[0]
    buyers, repeaters = run(session, _REPEAT, values)[0]
    customers, overdue, c_open, c_overdue, k_open, k_overdue = run(session, _COUNTS, values)[0]
    by_stage = dict.fromkeys(Stage, 0)
    by_tier = dict.fromkeys(Tier, 0)
    untiered = 0
    for stage, tier, n in run(session, _BY_STAGE_TIER, values):
        by_stage[Stage.parse(stage)] += n
        if tier is None:
            untiered += n
        else:
            by_tier[Tier.parse(tier)] += n
    months: dict[str, dict[int, int]] = defaultdict(dict)
    responses: dict[str, int] = defaultdict(int)
    for month, score, n, distinct in run(session, _SATISFACTION, values):
        months[month][int(score)] = int(n)
        responses[month] = max(responses[month], int(distinct))
    satisfaction = tuple(
        MonthSatisfaction(m, satisfaction_index(months[m]), responses[m]) for m in sorted(months)
    )
    moved: dict[tuple[str, int], int] = defaultdict(int)
    for from_stage, changed_on, n in run(session, _MOVED, values):
        local = date.fromisoformat(changed_on)  # the local day of the move
        for at, (start, end, _) in enumerate(quarters):
            if start <= local < end:
                moved[(from_stage, at)] += int(n)
    roadmap = tuple(
        RoadmapRow(
            step,
            by_stage[step.stage],
            tuple(
                (label, moved[(step.stage.code, at)]) for at, (_, _, label) in enumerate(quarters)
            ),
        )
        for step in ROADMAP
    )
    return DashboardData(
        as_of=day,
        since=since,
        customers=int(customers),
        by_stage=by_stage,
        by_tier=by_tier,
        untiered=untiered,
        churn=Rate(int(lost or 0), int(base or 0)),
        repeat_purchase=Rate(int(repeaters or 0), int(buyers or 0)),
        referral=referral_rate(session, days=PERIOD_DAYS),
        satisfaction=satisfaction,
        overdue_visits=int(overdue or 0),
        open_commitments=int(c_open),
        overdue_commitments=int(c_overdue),
        open_complaints=int(k_open),
        overdue_complaints=int(k_overdue),
        win_rates=tuple(deal_win_rates(session)),
        roadmap=roadmap,
    )


# --- the customers behind a figure ----------------------------------------------------------

_BEHIND = {
    "overdue-visits": "SELECT a.id FROM account a WHERE a.deleted_at IS NULL "
    "AND NOT a.do_not_serve AND a.next_visit_due < :today_day ORDER BY a.next_visit_due",
    "open-commitments": "SELECT DISTINCT m.account_id FROM commitment m "
    "WHERE m.deleted_at IS NULL AND m.status = 'open'",
    "overdue-commitments": "SELECT DISTINCT m.account_id FROM commitment m "
    "WHERE m.deleted_at IS NULL AND m.status = 'open' AND m.due < :today_day",
    "open-complaints": "SELECT DISTINCT c.account_id FROM complaint c "
    "WHERE c.deleted_at IS NULL AND c.resolved_at IS NULL",
    "overdue-complaints": "SELECT DISTINCT c.account_id FROM complaint c "
    "WHERE c.deleted_at IS NULL AND c.resolved_at IS NULL "
    "AND ((c.first_response_at IS NULL AND c.respond_by < :now) OR c.resolve_by < :now)",
    "churned": _CHURNED_IDS,
    "repeat-buyers": "SELECT o.account_id FROM sales_order o WHERE o.deleted_at IS NULL "
    "AND o.ordered_on > :since_day GROUP BY o.account_id HAVING count(*) >= 2",
    "buyers": "SELECT DISTINCT o.account_id FROM sales_order o WHERE o.deleted_at IS NULL "
    "AND o.ordered_on > :since_day",
    "referred": "SELECT DISTINCT f.referred_account_id FROM referral f "
    "JOIN account a ON a.id = f.referred_account_id "
    "WHERE f.deleted_at IS NULL AND a.created_at >= :start",
    "untiered": "SELECT a.id FROM account a WHERE a.deleted_at IS NULL AND a.tier IS NULL",
    "stage": "SELECT a.id FROM account a WHERE a.deleted_at IS NULL AND a.stage = :code",
    "tier": "SELECT a.id FROM account a WHERE a.deleted_at IS NULL AND a.tier = :code",
    "moved": "SELECT DISTINCT s.account_id FROM stage_change s WHERE s.from_stage = :code "
    "AND s.changed_at >= :from_moment AND s.changed_at < :to_moment AND s.to_stage = :to_code",
}
FIGURE_KEYS = tuple(_BEHIND)


def customers_behind(
    session: Session, key: str, *, limit: int = 1000, on: date | None = None
) -> list[AccountRow]:
    """The customers a dashboard figure counts, in name order (at most ``limit``). ``key``
    is a figure's key: ``overdue-visits``, ``stage:repeat``, ``tier:key``, ``moved:repeat:2026 Q3``
    (the customers who moved up from that stage in that quarter)…"""
    day = on or today()
    name, _, rest = key.partition(":")
    if name not in _BEHIND:
        raise ValidationError(
            f"Unknown dashboard figure {key!r}; known: {', '.join(FIGURE_KEYS)}.",
            "key",
            zh=f"没有名为“{key}”的看板数字。",
        )
    values: dict[str, Any] = {
        "start": _start_of(day - timedelta(days=PERIOD_DAYS)),
        "since_day": (day - timedelta(days=PERIOD_DAYS)).isoformat(),
        "today_day": day.isoformat(),
        "now": _utc_text(datetime.now(UTC)),
        "code": rest,
    }
    if name == "moved":
        code, _, label = rest.partition(":")
        found = next(((s, e) for s, e, lab in _quarters(day) if lab == label), None)
        step = next((s for s in ROADMAP if s.stage.code == code), None)
        if found is None or step is None:
            raise ValidationError(
                f"Unknown roadmap figure {key!r}.", "key", zh=f"没有名为“{key}”的路径图数字。"
            )
        values.update(
            code=code,
            to_code=step.next_stage.code,
            from_moment=_start_of(found[0]),
            to_moment=_start_of(found[1]),
        )
    ids = [row[0] for row in run(session, _BEHIND[name], values)]
    rows = accounts.account_rows(session, ids)
    return sorted(rows.values(), key=lambda r: r.name)[:limit]


def figures_json(data: DashboardData) -> dict[str, Any]:
    """Every figure as plain JSON (the CLI's ``dashboard --json``)."""

    def rate(r: Rate | ReferralRate) -> float | None:
        return None if r.rate is None else round(r.rate, 4)

    return {
        "as_of": data.as_of.isoformat(),
        "since": data.since.isoformat(),
        "customers": data.customers,
        "by_stage": {s.code: n for s, n in data.by_stage.items()},
        "by_tier": {**{t.code: n for t, n in data.by_tier.items()}, "untiered": data.untiered},
        "churn": {"lost": data.churn.part, "base": data.churn.whole, "rate": rate(data.churn)},
        "retention_rate": None if data.retention_rate is None else round(data.retention_rate, 4),
        "repeat_purchase": {
            "repeat_buyers": data.repeat_purchase.part,
            "buyers": data.repeat_purchase.whole,
            "rate": rate(data.repeat_purchase),
        },
        "referral": {
            "referred": data.referral.referred,
            "added": data.referral.added,
            "rate": rate(data.referral),
        },
        "satisfaction": [
            {
                "month": m.month,
                "index": None if m.index is None else round(m.index, 1),
                "responses": m.responses,
            }
            for m in data.satisfaction
        ],
        "overdue_visits": data.overdue_visits,
        "commitments": {"open": data.open_commitments, "overdue": data.overdue_commitments},
        "complaints": {"open": data.open_complaints, "overdue": data.overdue_complaints},
        "win_rates": [
            {
                "group": w.group.code,
                "won": w.won,
                "lost": w.lost,
                "rate": None if w.rate is None else round(w.rate, 4),
                "reference": w.group.reference,
            }
            for w in data.win_rates
        ],
        "roadmap": [
            {
                "stage": r.step.stage.code,
                "next_stage": r.step.next_stage.code,
                "at_stage": r.at_stage,
                "moved": dict(r.moved),
                "what_moves_up": {"en": r.step.en, "zh": r.step.zh},
            }
            for r in data.roadmap
        ],
    }


__all__ = [
    "FIGURE_KEYS",
    "DashboardData",
    "MonthSatisfaction",
    "Rate",
    "RoadmapRow",
    "customers_behind",
    "dashboard",
    "figures_json",
]
