"""The dashboard, the at-risk list and the tier recompute at scale (issue 15, item 11):
100,000 customers, 1,000,000 visits, 500,000 orders.

Run:  .venv/bin/python -m tests.benchmarks.bench_dashboard [--repeat 5]
Each figure is the service through the store (the path the GUI's worker takes) against the
best raw ``sqlite3`` way to get the same answers, measured in the same run, as a ratio
(aim: the dashboard within 1 s and 2x its raw aggregates):
(a) ``dashboard.dashboard()`` against one raw statement per figure, with the same results
    (checked: the benchmark stops if a figure differs);
(b) ``at_risk.top_at_risk(50)`` against the raw evidence statements scored by the same
    domain rule (``domain.at_risk.assess``);
(c) ``tiers.recompute_tiers()`` through ``store.write`` against one grouped sum, the same
    cut-offs, one ``executemany`` update and one statement per tier moving the visit days, in
    a transaction rolled back; measured once with every tier changing (the first recompute,
    which also re-plans the visits of those customers) and then with none changing (a
    recompute later the same day, which writes nothing).

Measured (2 cores shared with other engineers, load 5-7): the first recompute took 127 s
(ratio 19.6): the change tracking read ``session.dirty`` once per changed row (quadratic)
and the visit planner read every visit of 57,000 customers again. With the tracking fixed,
the period's orders summed from the day index and the plans redone from the stored last
visit: 19.5 s (2.6), 6.9 s for a second recompute (1.45). The dashboard (main's statements
and indexes of migration 0013): 2.6 s against 4.3 s for these raw statements (0.6); the
at-risk list 6.8 s against 7.6 s (0.9).

The database is the cached 100,000-customer one with surveys (schema 0011, upgraded to this
checkout's head in a copy) with visits, orders and their lines, complaints, promises,
referrals and deals added by raw bulk inserts (the demo makes none of them at this size yet).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from trustdesk.domain import at_risk as risk_rules
from trustdesk.domain.at_risk import RiskEvidence
from trustdesk.domain.deals import win_rates
from trustdesk.domain.enums import DealStage, Stage, TierBasis
from trustdesk.domain.surveys import satisfaction_index
from trustdesk.domain.tiers import TIERED_STAGES, TRAILING_DAYS, assign_tiers
from trustdesk.services import at_risk, dashboard, tiers
from trustdesk.services.store import open_store
from trustdesk.services.team_settings import tier_levels
from trustdesk.services.visit_plan import today

from .common import CACHE

SOURCE = Path(os.environ.get("TD_BENCH_SOURCE", "/tmp/td/sv.sqlite3"))  # schema 0011, surveys
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _ids(rng: random.Random, n: int, prefix: str) -> list[str]:
    """``n`` unique ids shaped like ULIDs (26 characters), sorted like ones made in order."""
    return [f"{prefix}{i:012d}" + "".join(rng.choices(ALPHABET, k=12)) for i in range(n)]


def _moment(day: date, rng: random.Random) -> str:
    return f"{day.isoformat()} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}:00.000000"


def _fill(raw: sqlite3.Connection, visits: int, orders: int, seed: int = 15) -> None:
    """Visits, orders with lines, complaints, promises, referrals and deals, as the app
    stores them, spread over the last two years with a long tail of value (a few customers
    buy much more: the key accounts)."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(tzinfo=None)
    stamp = now.isoformat(sep=" ")
    day0 = date.today()
    accounts = raw.execute("SELECT id, stage FROM account WHERE deleted_at IS NULL").fetchall()
    buying = [
        a for a, s in accounts if s in ("first-time", "repeat", "regular", "advocate", "lost")
    ]
    users = [u for (u,) in raw.execute("SELECT id FROM app_user")]
    all_ids = [a for a, _ in accounts]

    def days_ago(most: int) -> date:
        return day0 - timedelta(days=rng.randrange(most))

    have = raw.execute("SELECT count(*) FROM visit").fetchone()[0]
    rows = []
    for vid in _ids(rng, max(0, visits - have), "V"):
        d = days_ago(730)
        done = d <= day0 and rng.random() < 0.95
        rows.append(
            (vid, rng.choice(all_ids), _moment(d, rng), done, "face-to-face", "[]", "[]", "",
             "", "", None, None, None, rng.choice(users), stamp, stamp, None)
        )  # fmt: skip
        if len(rows) == 50_000:
            raw.executemany("INSERT INTO visit (id, account_id, at, done, channel, functions, "
                            "activities, notes, outcome, next_step, next_due, next_done_at, "
                            "gift_value, owner_id, created_at, updated_at, deleted_at) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)  # fmt: skip
            rows.clear()
            print(f"  visits: {raw.execute('SELECT max(rowid) FROM visit').fetchone()[0]:,}",
                  end="\r", flush=True)  # fmt: skip
    if rows:
        raw.executemany("INSERT INTO visit (id, account_id, at, done, channel, functions, "
                        "activities, notes, outcome, next_step, next_due, next_done_at, "
                        "gift_value, owner_id, created_at, updated_at, deleted_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)  # fmt: skip
    # Orders: weights with a long tail, so the top fifth holds most of the value.
    weight = {a: rng.paretovariate(1.3) for a in buying}
    chosen = rng.choices(buying, weights=[weight[a] for a in buying], k=orders)
    order_rows, line_rows = [], []
    line_ids = iter(_ids(rng, orders * 3, "L"))
    for oid, account in zip(_ids(rng, orders, "O"), chosen, strict=True):
        order_rows.append((oid, account, None, "", days_ago(730).isoformat(), "CNY", "",
                           stamp, stamp, None))  # fmt: skip
        for _ in range(rng.choice((1, 1, 2, 3))):
            amount = int(rng.lognormvariate(11, 1.0))
            margin = None if rng.random() < 0.1 else int(amount * rng.uniform(0.05, 0.4))
            product = rng.choice(("泵", "阀门", "电机", "Pump"))
            line_rows.append((next(line_ids), oid, product, float(rng.randrange(1, 20)),
                              amount, margin, stamp, stamp, None))  # fmt: skip
    raw.executemany("INSERT INTO sales_order (id, account_id, deal_id, number, ordered_on, "
                    "currency, notes, created_at, updated_at, deleted_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?)", order_rows)  # fmt: skip
    raw.executemany("INSERT INTO order_line (id, order_id, product, quantity, amount, margin, "
                    "created_at, updated_at, deleted_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    line_rows)  # fmt: skip
    print(f"\n  orders: {len(order_rows):,}, lines: {len(line_rows):,}")
    # Complaints (a fifth still open, some past their deadlines), promises, referrals, deals.
    rows = []
    for cid in _ids(rng, 30_000, "C"):
        received = datetime.combine(days_ago(500), datetime.min.time()) + timedelta(hours=9)
        is_open = rng.random() < 0.2
        responded = None if is_open and rng.random() < 0.5 else received + timedelta(hours=5)
        rows.append(
            (cid, rng.choice(all_ids), None, rng.choice(users), str(received), "phone",
             "minor", "交货延迟", str(received + timedelta(hours=24)),
             str(received + timedelta(days=7)), responded and str(responded),
             None if is_open else str(received + timedelta(days=3)), "", False, "", "unknown",
             stamp, stamp, None)
        )  # fmt: skip
    cols = [r[1] for r in raw.execute("PRAGMA table_info(complaint)")]
    known = ["id", "account_id", "contact_id", "owner_id", "received_at", "channel", "severity",
             "description", "respond_by", "resolve_by", "first_response_at", "resolved_at",
             "resolution", "apology_given", "apology_words", "satisfied", "created_at",
             "updated_at", "deleted_at"]  # fmt: skip
    extra = [c for c in cols if c not in known]
    extra_values = {r[1]: r[4] for r in raw.execute("PRAGMA table_info(complaint)")}
    raw.executemany(
        f"INSERT INTO complaint ({', '.join(known + extra)}) VALUES "
        f"({', '.join('?' * (len(known) + len(extra)))})",
        [r + tuple(_default(extra_values[c]) for c in extra) for r in rows],
    )
    rows = []
    for mid in _ids(rng, 60_000, "M"):
        status = rng.choices(("open", "kept", "broken"), (3, 6, 1))[0]
        updated = str(datetime.combine(days_ago(500), datetime.min.time()))
        rows.append((mid, rng.choice(all_ids), None, None, None, "送样品", days_ago(400) +
                     timedelta(days=200), status, None, None, False, None, None, stamp,
                     updated, None))  # fmt: skip
    raw.executemany("INSERT INTO commitment (id, account_id, contact_id, owner_id, visit_id, what, "
                    "due, status, bottom_line, stated_value, needs_approval, approved_at, "
                    "approved_by_id, created_at, updated_at, deleted_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)  # fmt: skip
    rows = [
        (fid, rng.choice(all_ids), rng.choice(buying), None, days_ago(700).isoformat(), "",
         stamp, stamp, None)
        for fid in _ids(rng, 15_000, "F")
    ]  # fmt: skip
    raw.executemany("INSERT INTO referral (id, referred_account_id, by_account_id, by_contact_id, "
                    "referred_on, notes, created_at, updated_at, deleted_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?)", rows)  # fmt: skip
    rows = []
    stages = ("lead", "qualified", "proposal", "won", "lost")
    for did, (account, stage) in zip(_ids(rng, 40_000, "D"), rng.choices(accounts, k=40_000),
                                     strict=True):  # fmt: skip
        opened = days_ago(700)
        outcome = rng.choice(stages)
        closed = (opened + timedelta(days=rng.randrange(10, 120))).isoformat() if outcome in (
            "won", "lost") else None  # fmt: skip
        amount = rng.randrange(10**7)
        rows.append((did, account, "项目", outcome, "face-to-face", amount, "CNY",
                     opened.isoformat(), None, closed, stage, None, "", "", stamp, stamp,
                     None))  # fmt: skip
    raw.executemany("INSERT INTO deal (id, account_id, title, stage, channel, amount, currency, "
                    "opened_on, expected_close, closed_on, account_stage, owner_id, "
                    "lost_reason, notes, created_at, updated_at, deleted_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)  # fmt: skip


def _default(text: str | None) -> Any:
    if text is None:
        return None
    text = text.strip("'\"")
    return int(text) if text.isdigit() else text


def dashboard_database(visits: int, orders: int) -> Path:
    """The cached 100,000-customer database at this checkout's schema with ``visits``
    visits and ``orders`` orders, built once (a copy; the source stays as it is)."""
    path = CACHE / f"dashboard-100000-{visits}-{orders}.sqlite3"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    CACHE.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, partial)
    started = time.perf_counter()
    data_dir = CACHE / "bench-data"  # the upgrade's backup goes here, then away
    os.environ["TRUSTDESK_DATA_DIR"] = str(data_dir)
    open_store(partial).close()  # upgrades to head
    shutil.rmtree(data_dir, ignore_errors=True)
    raw = sqlite3.connect(partial, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("BEGIN")
    _fill(raw, visits, orders)
    raw.execute("COMMIT")
    raw.execute("ANALYZE")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    partial.rename(path)
    print(f"  built {path} in {time.perf_counter() - started:.0f} s")
    return path


# --- the raw baselines ---------------------------------------------------------------------


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def _day_start(day: date) -> str:
    return _utc(datetime.combine(day, datetime.min.time()).astimezone())


def raw_dashboard(raw: sqlite3.Connection, day: date) -> dict[str, Any]:
    """The dashboard's headline figures in one pass per table, as plain values."""
    since = day - timedelta(days=dashboard.PERIOD_DAYS)
    start = _day_start(since)
    now = _utc(datetime.now(UTC))
    out: dict[str, Any] = {}
    by_stage: dict[str, int] = defaultdict(int)
    by_tier: dict[str, int] = defaultdict(int)
    overdue = 0
    for stage, tier, late, n in raw.execute(
        "SELECT stage, tier, NOT do_not_serve AND next_visit_due < ?, count(*) FROM account "
        "WHERE deleted_at IS NULL GROUP BY 1, 2, 3",
        (day.isoformat(),),
    ):
        by_stage[stage] += n
        by_tier[tier or "untiered"] += n
        overdue += n if late else 0
    out["customers"] = sum(by_stage.values())
    out["by_stage"] = {s.code: by_stage.get(s.code, 0) for s in Stage}
    out["by_tier"] = dict(by_tier)
    out["overdue_visits"] = overdue
    # The stage at the period's start: each customer's last change before it (SQLite takes
    # the bare column from the row of the max), and who moved to lost since.
    live = {a for (a,) in raw.execute("SELECT id FROM account WHERE deleted_at IS NULL")}
    at_start = {
        a: s
        for a, s, _ in raw.execute(
            "SELECT account_id, to_stage, max(changed_at) FROM stage_change "
            "WHERE changed_at < ? GROUP BY account_id",
            (start,),
        )
    }
    lost_since = {
        a
        for (a,) in raw.execute(
            "SELECT DISTINCT account_id FROM stage_change WHERE to_stage = 'lost' "
            "AND changed_at >= ?",
            (start,),
        )
    }
    base = [a for a, s in at_start.items() if s in dashboard.BUYING and a in live]
    lost = sum(a in lost_since for a in base)
    out["churn"] = {"lost": lost, "base": len(base)}
    buyers = repeaters = 0
    for (n,) in raw.execute(
        "SELECT count(*) FROM sales_order o JOIN account a ON a.id = o.account_id "
        "WHERE o.deleted_at IS NULL AND a.deleted_at IS NULL AND o.ordered_on > ? "
        "GROUP BY o.account_id",
        (since.isoformat(),),
    ):
        buyers += 1
        repeaters += n >= 2
    out["repeat_purchase"] = {"repeat_buyers": repeaters, "buyers": buyers}
    c_open, c_overdue = raw.execute(
        "SELECT count(*), count(*) FILTER (WHERE m.due < ?) FROM commitment m "
        "JOIN account a ON a.id = m.account_id WHERE m.deleted_at IS NULL "
        "AND a.deleted_at IS NULL AND m.status = 'open'",
        (day.isoformat(),),
    ).fetchone()
    out["commitments"] = {"open": c_open, "overdue": c_overdue}
    k_open, k_overdue = raw.execute(
        "SELECT count(*), count(*) FILTER (WHERE (c.first_response_at IS NULL AND "
        "c.respond_by < :now) OR c.resolve_by < :now) FROM complaint c "
        "JOIN account a ON a.id = c.account_id WHERE c.deleted_at IS NULL "
        "AND a.deleted_at IS NULL AND c.resolved_at IS NULL",
        {"now": now},
    ).fetchone()
    out["complaints"] = {"open": k_open, "overdue": k_overdue}
    months: dict[str, dict[int, int]] = defaultdict(dict)
    for month, score, n in raw.execute(
        "SELECT strftime('%Y-%m', r.taken_at, :shift), s.score, count(*) "
        "FROM survey_response r JOIN survey_answer s ON s.response_id = r.id "
        "JOIN account a ON a.id = r.account_id WHERE r.deleted_at IS NULL "
        "AND s.deleted_at IS NULL AND s.score IS NOT NULL AND r.competitor = '' "
        "AND a.deleted_at IS NULL AND r.taken_at >= :start GROUP BY 1, 2",
        {"shift": dashboard._shift(), "start": start},
    ):
        months[month][int(score)] = n
    out["satisfaction"] = {
        m: None if (i := satisfaction_index(months[m])) is None else round(i, 1)
        for m in sorted(months)
    }
    rates = win_rates(
        (Stage.parse(s), DealStage.parse(o), n)
        for s, o, n in raw.execute(
            "SELECT d.account_stage, d.stage, count(*) FROM deal d "
            "JOIN account a ON a.id = d.account_id WHERE d.deleted_at IS NULL "
            "AND a.deleted_at IS NULL AND d.stage IN ('won', 'lost') GROUP BY 1, 2"
        )
    )
    out["win_rates"] = {w.group.code: (w.won, w.lost) for w in rates}
    return out


def service_view(figures: dict[str, Any]) -> dict[str, Any]:
    """The service's ``figures_json`` in the raw baseline's shape."""
    return {
        "customers": figures["customers"],
        "by_stage": figures["by_stage"],
        "by_tier": {k: v for k, v in figures["by_tier"].items() if v},
        "overdue_visits": figures["overdue_visits"],
        "churn": {k: figures["churn"][k] for k in ("lost", "base")},
        "repeat_purchase": {k: figures["repeat_purchase"][k] for k in ("repeat_buyers", "buyers")},
        "commitments": figures["commitments"],
        "complaints": figures["complaints"],
        "satisfaction": {m["month"]: m["index"] for m in figures["satisfaction"]},
        "win_rates": {w["group"]: (w["won"], w["lost"]) for w in figures["win_rates"]},
    }


RISK_EVIDENCE = {
    "accounts": "SELECT id, stage, next_visit_due FROM account WHERE deleted_at IS NULL "
    "AND NOT do_not_serve AND stage <> 'lost'",
    "scores": "SELECT account_id, mean FROM (SELECT r.account_id, avg(s.score) AS mean, "
    "row_number() OVER (PARTITION BY r.account_id ORDER BY r.taken_at DESC, r.id DESC) AS n "
    "FROM survey_response r JOIN survey_answer s ON s.response_id = r.id "
    "WHERE r.deleted_at IS NULL AND s.deleted_at IS NULL AND s.score IS NOT NULL "
    "AND r.competitor = '' GROUP BY r.id) WHERE n <= 2 ORDER BY account_id, n",
    "complaints": "SELECT account_id, sum(resolved_at IS NULL), sum(received_at >= :year_ago) "
    "FROM complaint WHERE deleted_at IS NULL GROUP BY account_id",
    "broken": "SELECT account_id, count(*) FROM commitment WHERE deleted_at IS NULL "
    "AND status = 'broken' AND updated_at >= :year_ago GROUP BY account_id",
    "supporters": "SELECT account_id, count(*) FROM contact WHERE deleted_at IS NULL "
    "AND NOT departed AND attitude <> 'opponent' AND (level IN ('partner', 'ally') "
    "OR (attitude = 'supporter' AND level <> 'none')) GROUP BY account_id",
    "departed": "SELECT c.account_id, c.name FROM contact c WHERE c.deleted_at IS NULL "
    "AND c.departed AND (c.level IN ('partner', 'ally') OR EXISTS (SELECT 1 FROM contact_role r "
    "WHERE r.contact_id = c.id AND r.deleted_at IS NULL "
    "AND r.role IN ('decision-maker', 'influencer'))) ORDER BY c.account_id, c.sort_key",
    "orders": "SELECT account_id, count(*), min(ordered_on), max(ordered_on) FROM sales_order "
    "WHERE deleted_at IS NULL GROUP BY account_id",
}


def _score(evidence: RiskEvidence) -> int:
    """The score by the domain's rule: its signals alone where the domain has them (no
    sentences), else the whole assessment."""
    if hasattr(risk_rules, "score_of"):
        return int(risk_rules.score_of(risk_rules.signals(evidence)))
    return risk_rules.assess(evidence).score


def raw_top_at_risk(raw: sqlite3.Connection, day: date, limit: int) -> list[tuple[str, int]]:
    """The evidence read per table (no join with the customers: kept in Python), scored by
    the same domain rule."""
    year_ago = {"year_ago": _day_start(day - timedelta(days=365))}
    scores: dict[str, list[float]] = defaultdict(list)
    for account, mean in raw.execute(RISK_EVIDENCE["scores"]):
        scores[account].append(mean)
    complaints = {a: (o, y) for a, o, y in raw.execute(RISK_EVIDENCE["complaints"], year_ago)}
    broken = dict(raw.execute(RISK_EVIDENCE["broken"], year_ago).fetchall())
    supporters = dict(raw.execute(RISK_EVIDENCE["supporters"]).fetchall())
    departed: dict[str, list[str]] = defaultdict(list)
    for account, name in raw.execute(RISK_EVIDENCE["departed"]):
        departed[account].append(name)
    orders = {a: (n, f, last) for a, n, f, last in raw.execute(RISK_EVIDENCE["orders"])}
    found = []
    for account, _stage, due in raw.execute(RISK_EVIDENCE["accounts"]):
        means = scores.get(account, [])
        n, first, last = orders.get(account, (0, None, None))
        o, y = complaints.get(account, (0, 0))
        score = _score(
            RiskEvidence(
                today=day,
                next_visit_due=due and date.fromisoformat(due),
                latest_score=means[0] if means else None,
                previous_score=means[1] if len(means) > 1 else None,
                open_complaints=o,
                complaints_last_year=y,
                broken_promises=broken.get(account, 0),
                supporters=supporters.get(account, 0),
                departed_key_contacts=tuple(departed.get(account, ())),
                orders=n,
                first_order=first and date.fromisoformat(first),
                last_order=last and date.fromisoformat(last),
            )
        )
        if score > 0:
            found.append((account, score))
    found.sort(key=lambda x: -x[1])
    return found[:limit]


def raw_recompute(
    raw: sqlite3.Connection, day: date, basis: TierBasis, cadence: dict[str, int], *, write: bool
) -> dict[str, Any]:
    """Tiers from one grouped sum (the period's orders by their day) and the same cut-offs;
    with ``write``, every tiered row updated and the visit days of each tier moved in SQL
    (a tier's cadence after the last visit), in a transaction rolled back."""
    since = (day - timedelta(days=TRAILING_DAYS)).isoformat()
    counted = "l.amount" if basis is TierBasis.REVENUE else "coalesce(l.margin, 0)"
    stages = ", ".join(f"'{s.code}'" for s in TIERED_STAGES)
    sums = dict(
        raw.execute(
            f"SELECT o.account_id, sum({counted}) FROM sales_order o INDEXED BY "
            "ix_sales_order_day JOIN order_line l ON l.order_id = o.id WHERE o.ordered_on > ? "
            "AND o.deleted_at IS NULL AND l.deleted_at IS NULL GROUP BY o.account_id",
            (since,),
        )
    )
    values = {
        a: int(sums.get(a) or 0)
        for (a,) in raw.execute(
            f"SELECT id FROM account WHERE deleted_at IS NULL AND stage IN ({stages})"
        )
    }
    tiers_of = assign_tiers(values)
    if write:
        raw.execute("BEGIN")
        raw.executemany(
            "UPDATE account SET tier = ?, tier_value = ? WHERE id = ?",
            [(t.code, values[a], a) for a, t in tiers_of.items()],
        )
        for tier, days in cadence.items():
            raw.execute(
                "UPDATE account SET next_visit_due = min(date(coalesce(last_visit_at, "
                "created_at), ?), date(coalesce(last_visit_at, created_at), '+1 year')) "
                "WHERE tier = ? AND NOT do_not_serve AND visit_cadence_days IS NULL",
                (f"+{days} days", tier),
            )
        raw.execute("ROLLBACK")
    else:  # the stored tiers read to compare, as a second recompute does
        raw.execute("SELECT id, tier, tier_value FROM account WHERE tier IS NOT NULL").fetchall()
    return {t.code: sum(1 for x in tiers_of.values() if x is t) for t in set(tiers_of.values())}


# --- measuring -----------------------------------------------------------------------------


def _median(fn: Any, repeat: int) -> tuple[float, Any]:
    result = fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = dashboard_database(args.visits, args.orders)
    work = Path("/tmp") / f"bench-dashboard-{os.getpid()}.sqlite3"
    shutil.copyfile(path, work)  # the tier recompute writes
    try:
        _measure(work, args.repeat)
    finally:
        for p in work.parent.glob(work.name + "*"):
            p.unlink()


def _measure(path: Path, repeat: int) -> None:
    raw = sqlite3.connect(path, isolation_level=None)
    counts = {
        t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("account", "visit", "sales_order", "order_line", "complaint", "commitment")
    }
    print("  " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(f"  load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    store = open_store(path)
    day = today()
    report = {}

    cadence = {t.code: n for t, n in store.read(tier_levels)[0].items()}
    s_tiers = time.perf_counter()
    summary = store.write(tiers.recompute_tiers)
    first_recompute = time.perf_counter() - s_tiers
    basis = summary.basis
    counts = {t.code: n for t, n in summary.counts.items() if n}
    r_first, raw_counts = _median(
        lambda: raw_recompute(raw, day, basis, cadence, write=True), max(1, repeat // 2)
    )
    assert raw_counts == counts, (raw_counts, summary)
    again, _ = _median(lambda: store.write(tiers.recompute_tiers), max(1, repeat // 2))
    r_again, _ = _median(
        lambda: raw_recompute(raw, day, basis, cadence, write=False), max(1, repeat // 2)
    )
    report["tiers (first: all change)"] = (first_recompute, r_first)
    report["tiers (none change)"] = (again, r_again)

    s_dash, data = _median(lambda: store.read(dashboard.dashboard), repeat)
    r_dash, raw_figures = _median(lambda: raw_dashboard(raw, day), repeat)
    mine = service_view(dashboard.figures_json(data))
    assert mine == raw_figures, json.dumps([mine, raw_figures], default=str, indent=1)
    report["dashboard()"] = (s_dash, r_dash)

    s_risk, top = _median(lambda: store.read(at_risk.top_at_risk, 50), repeat)
    r_risk, raw_top = _median(lambda: raw_top_at_risk(raw, day, 50), repeat)
    assert sorted(c.score for c in top) == sorted(s for _, s in raw_top)
    report["top_at_risk(50)"] = (s_risk, r_risk)
    store.close()
    raw.close()
    print(f"  {'':28} {'service':>9} {'raw':>9} {'ratio':>6}")
    for name, (service, baseline) in report.items():
        print(f"  {name:28} {service:8.3f}s {baseline:8.3f}s {service / baseline:6.2f}")
    print(f"  load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
