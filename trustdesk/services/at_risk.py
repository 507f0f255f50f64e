"""DSH-2: the at-risk score of every customer, with its reasons in sentences.

The evidence of all customers is read in a few grouped statements (one per kind of signal, run
through the driver: at 100,000 customers a statement per customer would take minutes), then
``domain.at_risk.assess`` scores each customer. Who is scored: live customers we serve, from
first contact to advocate (a lost customer is won back, not watched; do-not-serve ones are out).

``refresh_risk_scores`` keeps the score on the account (``account.risk_score``) for saved views
and the list; the dashboard computes it afresh each time it opens.
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from trustdesk.db.models import Account
from trustdesk.db.prepared import run
from trustdesk.domain.at_risk import RiskEvidence, RiskReason, assess, score_of, signals
from trustdesk.domain.enums import Stage
from trustdesk.services.progress import Progress
from trustdesk.services.visit_plan import today

# Who is scored; ``{only}`` narrows to the accounts of a JSON array (one customer's "why?").
# The other statements read their own table only (``{only}`` narrows them too): the scored
# customers are picked in Python from the first. Joined to the account table, each statement
# read the customers' rows once per row of its own (0.9–1.7 s each at 100,000 customers).
_ACCOUNTS = (
    "SELECT a.id, a.name, a.stage, a.next_visit_due FROM account a "
    "WHERE a.deleted_at IS NULL AND NOT a.do_not_serve AND a.stage <> 'lost'{only}"
)
_ONLY = " AND {column} IN (SELECT value FROM json_each(:ids))"
# The latest two surveys' mean scores of the last two years (answers to 1–5 questions;
# competitor ratings aside): an older survey says little of today, and reading every survey
# ever taken was the slowest statement here.
_SCORES = """
WITH r AS (
  SELECT sr.account_id AS account_id, avg(sa.score) AS mean,
         row_number() OVER (PARTITION BY sr.account_id ORDER BY sr.taken_at DESC, sr.id DESC) AS n
  FROM survey_response sr JOIN survey_answer sa ON sa.response_id = sr.id
  WHERE sr.deleted_at IS NULL AND sa.deleted_at IS NULL AND sa.score IS NOT NULL
    AND sr.competitor = '' AND sr.taken_at >= :two_years_ago{only}
  GROUP BY sr.id)
SELECT account_id, n, mean FROM r WHERE n <= 2
"""
_COMPLAINTS = """
SELECT c.account_id, sum(c.resolved_at IS NULL), sum(c.received_at >= :year_ago)
FROM complaint c WHERE c.deleted_at IS NULL{only}
GROUP BY c.account_id
"""
_BROKEN = """
SELECT m.account_id, count(*) FROM commitment m
WHERE m.deleted_at IS NULL AND m.status = 'broken' AND m.updated_at >= :year_ago{only}
GROUP BY m.account_id
"""
# REL-8 in SQL, the rule of ``domain.coverage.supports_us``: still there, not an opponent, and
# a partner or ally, or a supporter we have at least met (ix_contact_coverage covers it).
_SUPPORTERS = """
SELECT c.account_id, count(*) FROM contact c
WHERE c.deleted_at IS NULL AND NOT c.departed AND c.attitude <> 'opponent'
  AND (c.level IN ('partner', 'ally') OR (c.attitude = 'supporter' AND c.level <> 'none')){only}
GROUP BY c.account_id
"""
# ``domain.coverage._is_key``: decides or influences, or is a partner or ally (the departed
# are few: ix_contact_departed).
_DEPARTED_KEYS = """
SELECT c.account_id, c.name FROM contact c
WHERE c.departed AND c.deleted_at IS NULL{only}
  AND (c.level IN ('partner', 'ally') OR EXISTS (
        SELECT 1 FROM contact_role r WHERE r.contact_id = c.id AND r.deleted_at IS NULL
          AND r.role IN ('decision-maker', 'influencer')))
ORDER BY c.account_id, c.name
"""
_ORDERS = """
SELECT o.account_id, count(*), min(o.ordered_on), max(o.ordered_on)
FROM sales_order o WHERE o.deleted_at IS NULL{only}
GROUP BY o.account_id
"""


@dataclass(frozen=True, slots=True)
class AtRiskCustomer:
    """A customer's score and why (reasons most weighty first)."""

    account_id: str
    name: str
    stage: Stage
    score: int
    reasons: tuple[RiskReason, ...]

    def explanation(self, lang: str) -> str:
        joiner = "" if lang.startswith("zh") else " "
        return joiner.join(r.sentence(lang) for r in self.reasons)


_STAGES = {stage.code: stage for stage in Stage}


def _day(text: Any) -> date | None:
    return None if text is None else date.fromisoformat(str(text)[:10])


def _evidence(
    session: Session, account_ids: Iterable[str] | None, day: date
) -> list[tuple[str, str, Stage, RiskEvidence]]:
    """(id, name, stage, evidence) of each scored customer (all, or those of the ids)."""
    year_ago = datetime.combine(day - timedelta(days=365), time.min).astimezone()
    ids = None if account_ids is None else list(account_ids)

    def rows(sql: str, column: str) -> list[Any]:
        only = "" if ids is None else _ONLY.format(column=column)
        return run(session, sql.format(only=only), values)

    values = {
        "ids": json.dumps(ids or []),
        "year_ago": year_ago.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" "),
        "two_years_ago": (year_ago - timedelta(days=365))
        .astimezone(UTC)
        .replace(tzinfo=None)
        .isoformat(sep=" "),
    }
    accounts = rows(_ACCOUNTS, "a.id")
    scores: dict[str, dict[int, float]] = defaultdict(dict)
    for account_id, n, mean in rows(_SCORES, "sr.account_id"):
        scores[account_id][int(n)] = float(mean)
    complaints = {a: (int(o or 0), int(y or 0)) for a, o, y in rows(_COMPLAINTS, "c.account_id")}
    broken = dict(rows(_BROKEN, "m.account_id"))
    supporters = dict(rows(_SUPPORTERS, "c.account_id"))
    departed: dict[str, list[str]] = defaultdict(list)
    for account_id, name in rows(_DEPARTED_KEYS, "c.account_id"):
        departed[account_id].append(name)
    orders = {
        a: (int(n), _day(first), _day(last)) for a, n, first, last in rows(_ORDERS, "o.account_id")
    }
    out = []
    for account_id, name, stage, due in accounts:
        open_complaints, recent_complaints = complaints.get(account_id, (0, 0))
        n_orders, first, last = orders.get(account_id, (0, None, None))
        mine = scores.get(account_id, {})
        evidence = RiskEvidence(
            today=day,
            next_visit_due=_day(due),
            latest_score=mine.get(1),
            previous_score=mine.get(2),
            open_complaints=open_complaints,
            complaints_last_year=recent_complaints,
            broken_promises=int(broken.get(account_id, 0)),
            supporters=int(supporters.get(account_id, 0)),
            departed_key_contacts=tuple(departed.get(account_id, ())),
            orders=n_orders,
            first_order=first,
            last_order=last,
        )
        out.append((account_id, name, _STAGES[stage], evidence))
    return out


def _explained(account_id: str, name: str, stage: Stage, e: RiskEvidence) -> AtRiskCustomer:
    found = assess(e)
    reasons = tuple(sorted(found.reasons, key=lambda r: -r.signal.weight))
    return AtRiskCustomer(account_id, name, stage, found.score, reasons)


def assess_accounts(
    session: Session, account_ids: Iterable[str] | None = None, *, on: date | None = None
) -> dict[str, AtRiskCustomer]:
    """The score and reasons of each scored customer (all of them, or those of the ids)."""
    rows = _evidence(session, account_ids, on or today())
    return {row[0]: _explained(*row) for row in rows}


def risk_scores(session: Session, *, on: date | None = None) -> dict[str, int]:
    """Every scored customer's score, without the sentences."""
    return {a: score_of(signals(e)) for a, _, _, e in _evidence(session, None, on or today())}


def top_at_risk(
    session: Session, limit: int = 50, *, on: date | None = None
) -> list[AtRiskCustomer]:
    """The customers most at risk, highest score first (ties by name), scores above 0 only.
    All are ranked by their signals; only those shown are put in sentences."""
    ranked = []
    for account_id, name, stage, e in _evidence(session, None, on or today()):
        score = score_of(signals(e))
        if score > 0:
            ranked.append((-score, name, account_id, stage, e))
    top = heapq.nsmallest(limit, ranked, key=lambda r: (r[0], r[1], r[2]))
    return [_explained(account_id, name, stage, e) for _, name, account_id, stage, e in top]


def explain(session: Session, account_id: str, *, on: date | None = None) -> AtRiskCustomer | None:
    """One customer's score and reasons ("why is this customer at risk?"); None when the
    customer is not scored (lost, do-not-serve, deleted)."""
    return assess_accounts(session, [account_id], on=on).get(account_id)


def refresh_risk_scores(
    session: Session, *, on: date | None = None, progress: Progress | None = None
) -> int:
    """Store every scored customer's score on the account (others: None). Returns how many
    scores changed."""
    if progress is not None:
        progress.step(0, 0)
    scored = risk_scores(session, on=on)
    current = dict(run(session, "SELECT id, risk_score FROM account WHERE deleted_at IS NULL", []))
    rows = [
        {"id": a, "risk_score": scored.get(a)} for a, old in current.items() if scored.get(a) != old
    ]
    for start in range(0, len(rows), 5000):
        if progress is not None:
            progress.step(start, len(rows))
        session.execute(update(Account), rows[start : start + 5000])
    session.flush()
    return len(rows)


__all__ = [
    "AtRiskCustomer",
    "assess_accounts",
    "explain",
    "refresh_risk_scores",
    "risk_scores",
    "top_at_risk",
]
