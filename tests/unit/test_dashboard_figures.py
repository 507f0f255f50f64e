"""DSH-1, DSH-3: every figure of the dashboard equals an independent count over the same data,
and the customers behind each figure are exactly the ones it counts.

The data is made by hand: ten customers whose stage histories cross the start of the twelve
months (bought before and lost in it, lost before it, lost and won back, moved up in it), one
deleted customer with orders, complaints, promises, a survey and a deal that must count
nowhere, a do-not-serve customer past its visit day, orders on the day the period starts and
the day after, referrals, complaints and promises open, overdue and closed, surveys in and
out of the period and about a competitor, deals won, lost and open. The independent figures
are worked out in plain Python from the rows read with ``sqlite3`` (not the service's
statements), and a few are also stated as the numbers the data was made to give.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from trustdesk.domain.enums import Stage
from trustdesk.domain.roadmap import ROADMAP
from trustdesk.services import (
    accounts,
    commitments,
    complaints,
    dashboard,
    deals,
    orders,
    referrals,
    survey_templates,
    surveys,
)
from trustdesk.services.visit_plan import today

DAY = today()
SINCE = DAY - timedelta(days=dashboard.PERIOD_DAYS)
BUYING = {"first-time", "repeat", "regular", "advocate"}
GROUP = {"skeptic": "prospects", "explorer": "prospects", "lost": "prospects",
         "first-time": "new", "repeat": "loyal", "regular": "loyal",
         "advocate": "loyal"}  # fmt: skip


def ago(days: int) -> datetime:
    """Noon local time ``days`` ago, as an aware moment."""
    return datetime.combine(DAY - timedelta(days=days), time(12)).astimezone()


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


START = utc_text(datetime.combine(SINCE, time.min).astimezone())


@pytest.fixture
def world(db, tmp_path: Path) -> dict[str, str]:
    """The hand-made customers by name; the database file is ``tmp_path / test.sqlite3``."""
    ids: dict[str, str] = {}
    old: list[str] = []  # customers of ours since long before the period
    with db.transaction() as s:

        def add(name: str, stage: str, *, is_old: bool = True) -> str:
            ids[name] = accounts.create_account(s, name, stage=stage).id
            if is_old:
                old.append(ids[name])
            return ids[name]

        def move(name: str, stage: str, days: int) -> None:
            lost = "competitor" if stage == "lost" else None
            accounts.change_stage(s, ids[name], stage, "test", lost_reason=lost, at=ago(days))

        add("甲", "first-time")
        move("甲", "lost", 100)  # buying at the start, lost in the period: churned
        add("乙", "skeptic")
        move("乙", "explorer", 700)
        move("乙", "first-time", 600)
        move("乙", "repeat", 500)  # buying at the start, still: retained
        add("丙", "regular")
        move("丙", "lost", 400)  # lost before the period: not in the base
        add("丁", "explorer")
        move("丁", "first-time", 30)  # moved up in the period, not buying at its start
        add("戊", "advocate")
        accounts.set_do_not_serve(s, ids["戊"], True, "拖欠货款")
        add("己", "repeat")  # deleted below
        add("庚", "explorer", is_old=False)
        add("辛", "skeptic", is_old=False)
        add("壬", "first-time")
        move("壬", "repeat", 300)
        move("壬", "regular", 20)
        add("癸", "repeat")
        move("癸", "lost", 200)
        move("癸", "repeat", 50)  # lost and won back in the period: churned all the same
        add("子", "repeat", is_old=False)  # new in the period, already buying: not in the base

        line = [{"product": "泵", "quantity": 1, "amount": "1,000.00"}]
        for name, days in (("乙", 10), ("乙", 200), ("乙", 400), ("丁", 365), ("丁", 364),
                           ("己", 5), ("己", 6), ("壬", 100), ("壬", 90), ("壬", 80),
                           ("子", 3)):  # fmt: skip
            orders.add_order(s, ids[name], line, ordered_on=DAY - timedelta(days=days))
        referrals.add_referral(s, ids["庚"], ids["乙"])  # a new customer, referred
        referrals.add_referral(s, ids["丙"], ids["乙"])  # an old customer: not "added"

        def complaint(name: str, days: int, *, answer: bool = False, close: bool = False) -> None:
            received = ago(days) if days else None  # 0: now
            made = complaints.add_complaint(
                s, ids[name], description="交货晚了", received_at=received
            )
            if answer or close:
                complaints.respond(s, made.id, at=ago(days) + timedelta(hours=1))
            if close:
                complaints.resolve(s, made.id, resolution="补发", at=ago(days) + timedelta(hours=2))

        complaint("戊", 10)  # open, past both deadlines
        complaint("辛", 0)  # open, received today: not overdue
        complaint("辛", 40, close=True)
        complaint("壬", 30, answer=True)  # answered, not resolved: past its resolution day
        complaint("己", 10)

        def promise(name: str, due_in: int, status: str = "open") -> None:
            made = commitments.add_commitment(s, ids[name], "送样品", due=DAY + timedelta(due_in))
            if status != "open":
                commitments.set_status(s, made.id, status, "客户不再需要")

        promise("庚", -5)  # open, overdue
        promise("庚", 10)  # open
        promise("乙", -3, "kept")
        promise("壬", -1)  # open, overdue
        promise("己", -5)

        template = next(
            t for t in survey_templates.list_templates(s) if t.title_en.startswith("Customer")
        )

        def survey(name: str, days: int, overall: int, competitor: str = "") -> None:
            surveys.fill_survey(
                s,
                ids[name],
                template.id,
                {"overall": overall, "buy_again": 5, "recommend": 4},
                taken_at=ago(days),
                competitor=competitor,
            )

        survey("乙", 40, 5)
        survey("壬", 40, 2)
        survey("壬", 100, 3)
        survey("乙", 400, 1)  # before the period
        survey("壬", 10, 1, competitor="对手公司")  # about a competitor
        survey("己", 10, 1)

        def deal(name: str, outcome: str | None) -> None:
            made = deals.add_deal(
                s, ids[name], "新项目", amount="50,000", opened_on=DAY - timedelta(60)
            )
            if outcome:
                deals.move_deal(s, made.id, outcome, closed_on=DAY - timedelta(days=5))

        deal("乙", "won")
        deal("乙", "lost")
        deal("庚", "lost")
        deal("丁", "won")  # opened when 丁 was a first-time customer: "new"
        deal("辛", None)
        deal("己", "won")
        accounts.delete_account(s, ids["己"])
    path = tmp_path / "test.sqlite3"
    with sqlite3.connect(path) as con:  # by hand: history older than the test, plans, tiers
        long_ago = utc_text(ago(800))
        for a in old:
            con.execute("UPDATE account SET created_at = ? WHERE id = ?", (long_ago, a))
            con.execute(
                "UPDATE stage_change SET changed_at = ? "
                "WHERE account_id = ? AND from_stage IS NULL",
                (long_ago, a),
            )
        con.execute("UPDATE account SET next_visit_due = NULL")
        for name, due in (("庚", -3), ("戊", -3), ("乙", 5), ("壬", -1), ("己", -10), ("子", 0)):
            day = (DAY + timedelta(days=due)).isoformat()
            con.execute("UPDATE account SET next_visit_due = ? WHERE id = ?", (day, ids[name]))
        for name, tier in (("乙", "key"), ("壬", "standard"), ("癸", "low"), ("己", "key")):
            con.execute("UPDATE account SET tier = ? WHERE id = ?", (tier, ids[name]))
    return ids


def quarters() -> list[tuple[date, date, str]]:
    out = []
    year, q = DAY.year, (DAY.month - 1) // 3
    for _ in range(4):
        start = date(year, 3 * q + 1, 1)
        end = date(year + 1, 1, 1) if q == 3 else date(year, 3 * q + 4, 1)
        out.append((start, end, f"{year} Q{q + 1}"))
        year, q = (year - 1, 3) if q == 0 else (year, q - 1)
    return out[::-1]


def local_day(stored: str) -> date:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).astimezone().date()


def independent(path: Path) -> tuple[dict, dict[str, set[str]]]:
    """The figures (in ``figures_json``'s shape) and the customers behind each key, from the
    rows themselves."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    rows = {t: con.execute(f"SELECT * FROM {t}").fetchall()
            for t in ("account", "stage_change", "sales_order", "referral", "commitment",
                      "complaint", "survey_response", "survey_answer", "deal")}  # fmt: skip
    con.close()
    live = {a["id"]: a for a in rows["account"] if a["deleted_at"] is None}
    behind: dict[str, set[str]] = defaultdict(set)
    for a in live.values():
        behind[f"stage:{a['stage']}"].add(a["id"])
        behind[f"tier:{a['tier']}" if a["tier"] else "untiered"].add(a["id"])
        if not a["do_not_serve"] and a["next_visit_due"] and a["next_visit_due"] < DAY.isoformat():
            behind["overdue-visits"].add(a["id"])
    changes = sorted(
        (c for c in rows["stage_change"] if c["account_id"] in live),
        key=lambda c: (c["changed_at"], c["id"]),
    )
    at_start: dict[str, str] = {}
    for c in changes:
        if c["changed_at"] < START:
            at_start[c["account_id"]] = c["to_stage"]
    base = {a for a, stage in at_start.items() if stage in BUYING}
    behind["churned"] = {
        c["account_id"]
        for c in changes
        if c["account_id"] in base and c["to_stage"] == "lost" and c["changed_at"] >= START
    }
    in_period = Counter(
        o["account_id"]
        for o in rows["sales_order"]
        if o["deleted_at"] is None
        and o["account_id"] in live
        and o["ordered_on"] > SINCE.isoformat()
    )
    behind["buyers"] = set(in_period)
    behind["repeat-buyers"] = {a for a, n in in_period.items() if n >= 2}
    added = {a for a, row in live.items() if row["created_at"] >= START}
    behind["referred"] = {
        r["referred_account_id"]
        for r in rows["referral"]
        if r["deleted_at"] is None and r["referred_account_id"] in added
    }
    now = utc_text(datetime.now(UTC))
    promises = [m for m in rows["commitment"] if m["deleted_at"] is None
                and m["account_id"] in live and m["status"] == "open"]  # fmt: skip
    late_promises = [m for m in promises if m["due"] and m["due"] < DAY.isoformat()]
    open_complaints = [k for k in rows["complaint"] if k["deleted_at"] is None
                       and k["account_id"] in live and k["resolved_at"] is None]  # fmt: skip
    late_complaints = [
        k
        for k in open_complaints
        if (k["first_response_at"] is None and k["respond_by"] < now) or k["resolve_by"] < now
    ]
    for key, found in (("open-commitments", promises), ("overdue-commitments", late_promises),
                       ("open-complaints", open_complaints),
                       ("overdue-complaints", late_complaints)):  # fmt: skip
        behind[key] = {x["account_id"] for x in found}
    # Satisfaction: answers scored 1–5 about us, per local month, in the period.
    responses = {
        r["id"]: r
        for r in rows["survey_response"]
        if r["deleted_at"] is None and r["account_id"] in live and r["competitor"] == ""
        and r["taken_at"] >= START
    }  # fmt: skip
    scores: dict[str, list[int]] = defaultdict(list)
    answered: dict[str, set[str]] = defaultdict(set)
    for answer in rows["survey_answer"]:
        response = responses.get(answer["response_id"])
        if response is not None and answer["deleted_at"] is None and answer["score"] is not None:
            month = local_day(response["taken_at"]).strftime("%Y-%m")
            scores[month].append(answer["score"])
            answered[month].add(response["id"])
    satisfaction = [
        {
            "month": m,
            "index": round(100 * (v.count(5) - sum(x <= 3 for x in v)) / len(v), 1),
            "responses": len(answered[m]),
        }
        for m, v in sorted(scores.items())
    ]
    won_lost: dict[str, list[int]] = {"prospects": [0, 0], "new": [0, 0], "loyal": [0, 0]}
    for d in rows["deal"]:
        if d["deleted_at"] is None and d["account_id"] in live and d["stage"] in ("won", "lost"):
            won_lost[GROUP[d["account_stage"]]][d["stage"] == "lost"] += 1
    ladder = {step.stage.code: step.next_stage.code for step in ROADMAP}
    moved: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in changes:
        if c["from_stage"] and ladder.get(c["from_stage"]) == c["to_stage"]:
            for start, end, label in quarters():
                if start <= local_day(c["changed_at"]) < end:
                    moved[(c["from_stage"], label)].add(c["id"])
                    behind[f"moved:{c['from_stage']}:{label}"].add(c["account_id"])

    def rate(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    churned, buyers, repeat = len(behind["churned"]), len(in_period), len(behind["repeat-buyers"])
    figures = {
        "as_of": DAY.isoformat(),
        "since": SINCE.isoformat(),
        "customers": len(live),
        "by_stage": {s.code: len(behind[f"stage:{s.code}"]) for s in Stage},
        "by_tier": {t: len(behind[f"tier:{t}"]) for t in ("key", "standard", "low")}
        | {"untiered": len(behind["untiered"])},
        "churn": {"lost": churned, "base": len(base), "rate": rate(churned, len(base))},
        "retention_rate": None if not base else round(1 - churned / len(base), 4),
        "repeat_purchase": {
            "repeat_buyers": repeat,
            "buyers": buyers,
            "rate": rate(repeat, buyers),
        },
        "referral": {
            "referred": len(behind["referred"]),
            "added": len(added),
            "rate": rate(len(behind["referred"]), len(added)),
        },
        "satisfaction": satisfaction,
        "overdue_visits": len(behind["overdue-visits"]),
        "commitments": {"open": len(promises), "overdue": len(late_promises)},
        "complaints": {"open": len(open_complaints), "overdue": len(late_complaints)},
        "win_rates": [
            {"group": g, "won": w, "lost": n, "rate": rate(w, w + n)}
            for g, (w, n) in won_lost.items()
        ],
        "roadmap": [
            {
                "stage": step.stage.code,
                "next_stage": step.next_stage.code,
                "at_stage": len(behind[f"stage:{step.stage.code}"]),
                "moved": {label: len(moved[(step.stage.code, label)]) for *_, label in quarters()},
            }
            for step in ROADMAP
        ],
    }
    return figures, behind


def test_every_figure_equals_an_independent_count(db, world, tmp_path):
    with db.reading() as s:
        got = dashboard.figures_json(dashboard.dashboard(s))
    expected, _ = independent(tmp_path / "test.sqlite3")
    for w in got["win_rates"]:
        del w["reference"]
    for r in got["roadmap"]:
        del r["what_moves_up"]
    assert got == expected
    # …and the numbers the data was made to give.
    assert got["customers"] == 10  # 己 deleted
    assert got["churn"] == {"lost": 2, "base": 5, "rate": 0.4}  # 甲 癸 of 甲 乙 戊 壬 癸
    assert got["repeat_purchase"] == {"repeat_buyers": 2, "buyers": 4, "rate": 0.5}  # 乙 壬
    assert got["referral"] == {"referred": 1, "added": 3, "rate": 0.3333}  # 庚 of 庚 辛 子
    assert got["overdue_visits"] == 2  # 庚 壬: 戊 is not served, 己 is deleted
    assert got["commitments"] == {"open": 3, "overdue": 2}
    assert got["complaints"] == {"open": 3, "overdue": 2}  # 戊 壬: 辛's is fresh
    assert got["by_tier"] == {"key": 1, "standard": 1, "low": 1, "untiered": 7}
    assert [(w["group"], w["won"], w["lost"]) for w in got["win_rates"]] == [
        ("prospects", 0, 1), ("new", 1, 0), ("loyal", 1, 1),
    ]  # fmt: skip
    months = {m["month"]: m for m in got["satisfaction"]}
    assert sum(m["responses"] for m in months.values()) == 3  # 乙 and 壬 (twice) in the period


def test_the_customers_behind_each_figure_are_the_ones_it_counts(db, world, tmp_path):
    figures, behind = independent(tmp_path / "test.sqlite3")
    keys = [k for k in dashboard.FIGURE_KEYS if k not in ("stage", "tier", "moved")]
    keys += [f"stage:{s.code}" for s in Stage] + ["tier:key", "tier:standard", "tier:low"]
    keys += [f"moved:{step.stage.code}:{label}" for step in ROADMAP for *_, label in quarters()]
    with db.reading() as s:
        for key in keys:
            rows = dashboard.customers_behind(s, key)
            assert {r.id for r in rows} == behind.get(key, set()), key
            assert [r.name for r in rows] == sorted(r.name for r in rows)
    # The figures that count customers count exactly those.
    assert len(behind["churned"]) == figures["churn"]["lost"]
    assert len(behind["buyers"]) == figures["repeat_purchase"]["buyers"]
    assert len(behind["overdue-visits"]) == figures["overdue_visits"]
    assert {world[n] for n in ("甲", "癸")} == behind["churned"]
    assert behind["overdue-complaints"] == {world["戊"], world["壬"]}
    assert world["己"] not in set().union(*behind.values())
