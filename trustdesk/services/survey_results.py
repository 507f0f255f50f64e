"""SUR-4: survey results for one customer or the whole portfolio over a period: each question's
count, mean and distribution (grouped across template versions while its wording is
unchanged), the satisfaction index per month, a customer's trend, and the comparison with
competitors where their scores were recorded.

Every figure of the portfolio comes from one grouped pass over the answers, and Python only
arranges the few grouped rows, so 200,000 answers cost what one SQLite GROUP BY costs; a
customer's few answers are read one by one (they are its trend) and grouped in Python.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from trustdesk.db.base import utc_moment
from trustdesk.db.prepared import on
from trustdesk.domain.enums import QuestionKind
from trustdesk.domain.surveys import HIGHEST, LOWEST, mean_score, satisfaction_index
from trustdesk.services.records import (
    CompetitorResult,
    MonthIndex,
    QuestionResult,
    SurveyResults,
    TrendPoint,
)

_FROM = """
FROM survey_answer AS a
JOIN survey_response AS r ON r.id = a.response_id
JOIN survey_question AS q ON q.id = a.question_id
WHERE a.deleted_at IS NULL AND r.deleted_at IS NULL {scope}
  AND (a.score IS NOT NULL OR q.kind IN ('yes-no', 'choice'))
"""
# The portfolio: every figure from one grouped pass over the answers (four passes, one per
# figure, took 2.8 s over 290,000 answers; this one takes what one pass costs, ~1 s).
RESULTS_SQL = (
    "SELECT q.signature, strftime('%Y-%m', r.taken_at, :shift), r.competitor, a.score,"
    " CASE WHEN a.score IS NULL THEN a.value END, count(*)" + _FROM + " GROUP BY 1, 2, 3, 4, 5"
)
# One customer: its few answers one by one (they make its trend too), in the order given.
ANSWERS_SQL = (
    "SELECT q.signature, r.taken_at, r.competitor, a.score,"
    " CASE WHEN a.score IS NULL THEN a.value END, r.id" + _FROM + " ORDER BY r.taken_at, q.position"
)
# The wording of each signature: the newest version's (the wording is the same in all).
QUESTIONS_SQL = """
SELECT q.signature, q.key, q.kind, q.text, q.choices, min(q.position)
FROM survey_question AS q JOIN survey_template AS t ON t.id = q.template_id
GROUP BY q.signature ORDER BY t.builtin DESC, t.family, min(q.position)
"""


def _scope(
    account_id: str | None, start: date | None, end: date | None
) -> tuple[str, dict[str, Any]]:
    """The WHERE terms and parameters for a customer and a period of local days [start, end]."""
    terms, params = [], {}
    if account_id is not None:
        terms.append("r.account_id = :account")
        params["account"] = account_id
    if start is not None:
        terms.append("r.taken_at >= :start")
        params["start"] = _utc_text(start)
    if end is not None:
        terms.append("r.taken_at < :end")
        params["end"] = _utc_text(end + timedelta(days=1))
    return "".join(f" AND {t}" for t in terms), params


def _utc_text(day: date) -> str:
    """The start of a local day as stored (naive UTC text, as UTCDateTime writes it)."""
    moment = datetime.combine(day, datetime.min.time()).astimezone().astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(sep=" ")


def _offset() -> timedelta:
    return datetime.now().astimezone().utcoffset() or timedelta()


def _local_shift() -> str:
    """The SQLite modifier moving a stored UTC moment to this laptop's clock (months are
    counted in local time: a survey on the evening of 31 March in Beijing is March's)."""
    return f"{int(_offset().total_seconds() // 60):+d} minutes"


def survey_results(
    session: Session,
    *,
    account_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> SurveyResults:
    """Results for one customer (``account_id``) or the portfolio, over local days
    [start, end] (either open)."""
    scope, params = _scope(account_id, start, end)
    # Straight to the driver (``db.prepared.on``): these are fixed text statements, and the
    # session's execution layers cost more than one customer's few answers (~0.2 ms).
    _, conn = on(session)
    shift = _local_shift()
    # (signature, month, competitor, score, value, count) for the portfolio; a customer's
    # answers are grouped here, and give its trend.
    grouped: dict[tuple[str, str, str, int | None, str | None], int] = defaultdict(int)
    trend: tuple[TrendPoint, ...] = ()
    if account_id is None:
        for signature, month, competitor, score, value, count in conn.execute(
            RESULTS_SQL.format(scope=scope), {**params, "shift": shift}
        ).fetchall():
            grouped[signature, month, competitor, score, value] += count
    else:
        offset = _offset()
        points = []
        seen: dict[str, tuple[datetime, str]] = {}  # a survey's moment and local month
        for signature, taken, competitor, score, value, response_id in conn.execute(
            ANSWERS_SQL.format(scope=scope), params
        ).fetchall():
            if taken not in seen:
                moment = utc_moment(taken)
                seen[taken] = moment, (moment + offset).strftime("%Y-%m")
            moment, month = seen[taken]
            grouped[signature, month, competitor, score, value] += 1
            if score is not None and not competitor:
                points.append(TrendPoint(signature, moment, int(score), response_id))
        trend = tuple(points)
    scores: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    values: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_month: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    rivals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for (signature, month, competitor, score, value), count in grouped.items():
        if score is None:
            if not competitor:
                values[signature][value or ""] += count
            continue
        total = rivals[competitor, signature]
        total[0] += int(score) * count
        total[1] += count
        if not competitor:
            scores[signature][int(score)] += count
            by_month[month][int(score)] += count
    wording = {row[0]: row for row in conn.execute(QUESTIONS_SQL).fetchall()}
    questions = []
    for signature, (_, key, kind, raw_text, raw_choices, _pos) in wording.items():
        if signature not in scores and signature not in values:
            continue
        question_text = _json(raw_text)
        counts = scores.get(signature, {})
        kind = _KINDS[kind]
        named = _named_values(kind, values.get(signature, {}), _json(raw_choices))
        questions.append(
            QuestionResult(
                signature=signature,
                key=key,
                kind=kind,
                text_zh=question_text.get("zh", ""),
                text_en=question_text.get("en", ""),
                count=sum(counts.values()) + sum(n for _, n in named),
                mean=mean_score(counts),
                distribution=tuple(counts.get(s, 0) for s in range(LOWEST, HIGHEST + 1)),  # type: ignore[arg-type]
                values=named,
            )
        )
    months = tuple(_month(month, counts) for month, counts in sorted(by_month.items()))
    overall: dict[int, int] = defaultdict(int)
    for counts in scores.values():
        for score, count in counts.items():
            overall[score] += count
    found = [(c, sig, total / n, n) for (c, sig), (total, n) in rivals.items()]
    return SurveyResults(
        questions=tuple(questions),
        months=months,
        trend=trend,
        competitors=_competitors(found, wording),
        index=satisfaction_index(overall),
    )


_KINDS = {kind.code: kind for kind in QuestionKind}


def _json(raw: Any) -> Any:
    return json.loads(raw) if isinstance(raw, str) else raw


def _named_values(
    kind: QuestionKind, counts: dict[str, int], choices: list[dict[str, str]]
) -> tuple[tuple[str, int], ...]:
    """Yes/no and choice answers counted per value, in the question's order."""
    if kind is QuestionKind.YES_NO:
        return tuple((v, counts[v]) for v in ("yes", "no") if v in counts)
    if kind is QuestionKind.CHOICE:
        out = []
        for number, choice in enumerate(choices, start=1):
            if str(number) in counts:
                label = f"{choice.get('zh', '')}|{choice.get('en', '')}".strip("|")
                out.append((label, counts[str(number)]))
        return tuple(out)
    return ()


def _month(month: str, counts: dict[int, int]) -> MonthIndex:
    return MonthIndex(
        month=month,
        scores=sum(counts.values()),
        excellent=counts.get(HIGHEST, 0),
        dissatisfied=sum(n for s, n in counts.items() if s < HIGHEST - 1),
        index=satisfaction_index(counts),
    )


def _competitors(found: list[Any], wording: dict[str, Any]) -> tuple[CompetitorResult, ...]:
    """Us ("") against each competitor, for the questions a competitor was scored on; empty
    when no survey was about a competitor."""
    if not any(competitor for competitor, *_ in found):
        return ()
    compared = {signature for competitor, signature, *_ in found if competitor}
    out = []
    for competitor, signature, mean, count in sorted(found, key=lambda r: (r[1], r[0])):
        if signature not in compared or signature not in wording:
            continue
        question_text = _json(wording[signature][3])
        out.append(
            CompetitorResult(
                competitor=competitor,
                signature=signature,
                text_zh=question_text.get("zh", ""),
                text_en=question_text.get("en", ""),
                mean=float(mean),
                count=int(count),
            )
        )
    return tuple(out)
