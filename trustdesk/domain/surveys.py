"""SUR-1..SUR-4: what a score means, when a survey is due, which questions are asked, and the
satisfaction index. Pure rules; the services feed them what the database knows.

Seed 000: ask for a score of 1 to 5 where 5 is excellent and below 5 is not satisfied, then ask
"what would make it a 5?". Seed 002: a satisfied customer is not a loyal one, so a 4 is
"satisfied but at risk" and only a 5 counts as excellent. Every score of 1–3 is acted on: it
becomes a follow-up task without any extra step. Seed 001: satisfaction is measured
continuously, monthly, quarterly or yearly.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date

from trustdesk.domain.enums import (
    QuestionKind,
    ScoreBand,
    Stage,
    SurveyCycle,
    TrustPhase,
    trust_phase,
)

LOWEST, HIGHEST = 1, 5
# A follow-up question is shown when its parent's score is below this (seed 000: "what would
# make it a 5?" under any score below 5).
DEFAULT_SHOW_BELOW = 5
DEFAULT_CYCLE = SurveyCycle.QUARTERLY
DEFAULT_FOLLOW_UP_DAYS = 7

INDEX_FORMULA_EN = (
    "Satisfaction index = share of scores of 5 − share of scores of 1–3, in points "
    "(−100 to +100); a 4 counts in neither share."
)
INDEX_FORMULA_ZH = (
    "满意度指数 = 5分所占比例 − 1–3分所占比例，单位为百分点（−100 至 +100）；4分不计入两者。"
)


def on_survey_plan(stage: Stage, do_not_serve: bool) -> bool:
    """SUR-3: satisfaction is asked of customers who buy from us (the keep-trust stages:
    first-time to advocate). Prospects have nothing to rate yet, a lost customer is won back
    (WIN-2) rather than surveyed, and a do-not-serve customer is out of every plan."""
    return not do_not_serve and trust_phase(stage) is TrustPhase.KEEP


def band_of(score: int) -> ScoreBand:
    """SUR-2: 5 excellent; 4 satisfied but at risk; 1–3 dissatisfied."""
    if not LOWEST <= score <= HIGHEST:
        raise ValueError(f"a score is a whole number from {LOWEST} to {HIGHEST}, not {score}")
    if score == HIGHEST:
        return ScoreBand.EXCELLENT
    if score == HIGHEST - 1:
        return ScoreBand.AT_RISK
    return ScoreBand.DISSATISFIED


def needs_follow_up(score: int) -> bool:
    """A dissatisfied score always becomes a follow-up task (seed 000: act on the answers)."""
    return band_of(score) is ScoreBand.DISSATISFIED


def is_shown(show_below: int | None, parent_score: int | None) -> bool:
    """Whether a follow-up question is asked: its parent was scored, below ``show_below``.
    A question with no condition is always asked."""
    if show_below is None:
        return True
    return parent_score is not None and parent_score < show_below


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, on the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_survey_due(last_survey: date | None, since: date, months: int) -> date:
    """A cycle of ``months`` after the last survey, or after the customer was added when never
    surveyed (the team's default cycle is any number of months; a customer's own is a
    ``SurveyCycle``: ``cycle.months``)."""
    return add_months(last_survey or since, months)


def satisfaction_index(counts: Mapping[int, int]) -> float | None:
    """Share of 5s minus share of 1–3s, in points (−100…100); None when nothing was scored."""
    total = sum(counts.get(s, 0) for s in range(LOWEST, HIGHEST + 1))
    if not total:
        return None
    low = sum(counts.get(s, 0) for s in range(LOWEST, HIGHEST - 1))
    return 100.0 * (counts.get(HIGHEST, 0) - low) / total


def mean_score(counts: Mapping[int, int]) -> float | None:
    total = sum(counts.get(s, 0) for s in range(LOWEST, HIGHEST + 1))
    if not total:
        return None
    return sum(s * counts.get(s, 0) for s in range(LOWEST, HIGHEST + 1)) / total


def question_signature(
    key: str, kind: QuestionKind, text_zh: str, text_en: str, choices: Sequence[Mapping[str, str]]
) -> str:
    """The identity of a question and its wording: answers with the same signature are grouped
    in the results across template versions (an edited question starts a new group). The
    built-in templates' migration (0010) computes it the same way."""
    blob = json.dumps(
        [key, kind.code, text_zh.strip(), text_en.strip(), [dict(c) for c in choices]],
        ensure_ascii=False,
    )
    return hashlib.sha1(blob.encode()).hexdigest()[:16]
