"""DSH-2: the at-risk score of every customer, with its reasons in sentences.

The evidence of all customers is read in a few grouped statements (one per kind of signal, run
through the driver: at 100,000 customers a statement per customer would take minutes), then
``domain.at_risk.assess`` scores each customer. Who is scored: live customers we serve, from
first contact to advocate (a lost customer is won back, not watched; do-not-serve ones are out).

``refresh_risk_scores`` keeps the score on the account (``account.risk_score``) for saved views
and the list; the dashboard computes it afresh each time it opens.
"""

from __future__ import annotations

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
from trustdesk.domain.at_risk import RiskAssessment, RiskEvidence, RiskReason, assess
from trustdesk.domain.enums import Stage
from trustdesk.services.visit_plan import today

# Who is scored; ``{only}`` narrows to the accounts of a JSON array (one customer's "why?").
_SCORED = "a.deleted_at IS NULL AND NOT a.do_not_serve AND a.stage <> 'lost'{only}"
_ONLY = " AND a.id IN (SELECT value FROM json_each(:ids))"
_ACCOUNTS = f"SELECT a.id, a.name, a.stage, a.next_visit_due FROM account a WHERE {_SCORED}"
# The latest two surveys' mean scores (answers to 1–5 questions; competitor ratings aside).
_SCORES = f"""
WITH r AS (
  SELECT sr.account_id AS account_id, avg(sa.score) AS mean,
         row_number() OVER (PARTITION BY sr.account_id ORDER BY sr.taken_at DESC, sr.id DESC) AS n
  FROM survey_response sr JOIN survey_answer sa ON sa.response_id = sr.id
  JOIN account a ON a.id = sr.account_id
  WHERE sr.deleted_at IS NULL AND sa.deleted_at IS NULL AND sa.score IS NOT NULL
    AND sr.competitor = '' AND {_SCORED}
  GROUP BY sr.id)
SELECT account_id, n, mean FROM r WHERE n <= 2
"""
_COMPLAINTS = f"""
SELECT c.account_id,
       sum(c.resolved_at IS NULL),
       sum(c.received_at >= :year_ago)
FROM complaint c JOIN account a ON a.id = c.account_id
WHERE c.deleted_at IS NULL AND {_SCORED}
GROUP BY c.account_id
"""
_BROKEN = f"""
SELECT m.account_id, count(*) FROM commitment m JOIN account a ON a.id = m.account_id
WHERE m.deleted_at IS NULL AND m.status = 'broken' AND m.updated_at >= :year_ago AND {_SCORED}
GROUP BY m.account_id
"""
# REL-8 in SQL, the rule of ``domain.coverage.supports_us``: still there, not an opponent, and
# a partner or ally, or a supporter we have at least met.
_SUPPORTERS = f"""
SELECT c.account_id, count(*) FROM contact c JOIN account a ON a.id = c.account_id
WHERE c.deleted_at IS NULL AND NOT c.departed AND c.attitude <> 'opponent'
  AND (c.level IN ('partner', 'ally') OR (c.attitude = 'supporter' AND c.level <> 'none'))
  AND {_SCORED}
GROUP BY c.account_id
"""
# ``domain.coverage._is_key``: decides or influences, or is a partner or ally.
_DEPARTED_KEYS = f"""
SELECT c.account_id, c.name FROM contact c JOIN account a ON a.id = c.account_id
WHERE c.deleted_at IS NULL AND c.departed AND {_SCORED}
  AND (c.level IN ('partner', 'ally') OR EXISTS (
        SELECT 1 FROM contact_role r WHERE r.contact_id = c.id AND r.deleted_at IS NULL
          AND r.role IN ('decision-maker', 'influencer')))
ORDER BY c.account_id, c.sort_key
"""
_ORDERS = f"""
SELECT o.account_id, count(*), min(o.ordered_on), max(o.ordered_on)
FROM sales_order o JOIN account a ON a.id = o.account_id
WHERE o.deleted_at IS NULL AND {_SCORED}
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


def assess_accounts(
    session: Session, account_ids: Iterable[str] | None = None, *, on: date | None = None
) -> dict[str, AtRiskCustomer]:
    """The score of each scored customer (all of them, or those of ``account_ids``)."""
    day = on or today()
    year_ago = datetime.combine(day - timedelta(days=365), time.min).astimezone()
    ids = None if account_ids is None else list(account_ids)
    only = "" if ids is None else _ONLY

    def rows(template: str) -> list[Any]:
        return run(session, template.format(only=only), values)

    values = {
        "ids": json.dumps(ids or []),
        "year_ago": year_ago.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" "),
    }
    accounts = rows(_ACCOUNTS)
    scores: dict[str, dict[int, float]] = defaultdict(dict)
    for account_id, n, mean in rows(_SCORES):
        scores[account_id][int(n)] = float(mean)
    complaints = {a: (int(o or 0), int(y or 0)) for a, o, y in rows(_COMPLAINTS)}
    broken = dict(rows(_BROKEN))
    supporters = dict(rows(_SUPPORTERS))
    departed: dict[str, list[str]] = defaultdict(list)
    for account_id, name in rows(_DEPARTED_KEYS):
        departed[account_id].append(name)
    orders = {a: (int(n), _day(first), _day(last)) for a, n, first, last in rows(_ORDERS)}
    out: dict[str, AtRiskCustomer] = {}
    for account_id, name, stage, due in accounts:
        open_complaints, recent_complaints = complaints.get(account_id, (0, 0))
        n_orders, first, last = orders.get(account_id, (0, None, None))
        evidence = RiskEvidence(
            today=day,
            next_visit_due=_day(due),
            latest_score=scores[account_id].get(1) if account_id in scores else None,
            previous_score=scores[account_id].get(2) if account_id in scores else None,
            open_complaints=open_complaints,
            complaints_last_year=recent_complaints,
            broken_promises=int(broken.get(account_id, 0)),
            supporters=int(supporters.get(account_id, 0)),
            departed_key_contacts=tuple(departed.get(account_id, ())),
            orders=n_orders,
            first_order=first,
            last_order=last,
        )
        found: RiskAssessment = assess(evidence)
        reasons = tuple(sorted(found.reasons, key=lambda r: -r.signal.weight))
        out[account_id] = AtRiskCustomer(account_id, name, _STAGES[stage], found.score, reasons)
    return out


def top_at_risk(
    session: Session, limit: int = 50, *, on: date | None = None
) -> list[AtRiskCustomer]:
    """The customers most at risk, highest score first (ties by name), scores above 0 only."""
    scored = [c for c in assess_accounts(session, on=on).values() if c.score > 0]
    scored.sort(key=lambda c: (-c.score, c.name, c.account_id))
    return scored[:limit]


def explain(session: Session, account_id: str, *, on: date | None = None) -> AtRiskCustomer | None:
    """One customer's score and reasons ("why is this customer at risk?"); None when the
    customer is not scored (lost, do-not-serve, deleted)."""
    return assess_accounts(session, [account_id], on=on).get(account_id)


def refresh_risk_scores(session: Session, *, on: date | None = None) -> int:
    """Store every scored customer's score on the account (others: None). Returns how many
    scores changed."""
    scored = assess_accounts(session, on=on)
    current = dict(run(session, "SELECT id, risk_score FROM account WHERE deleted_at IS NULL", []))
    rows = [
        {"id": a, "risk_score": scored[a].score if a in scored else None}
        for a, old in current.items()
        if (scored[a].score if a in scored else None) != old
    ]
    for start in range(0, len(rows), 5000):
        session.execute(update(Account), rows[start : start + 5000])
    session.flush()
    return len(rows)


__all__ = [
    "AtRiskCustomer",
    "assess_accounts",
    "explain",
    "refresh_risk_scores",
    "top_at_risk",
]
