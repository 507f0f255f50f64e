"""``trustdesk dashboard``, ``risk`` and ``views``: the same figures, scores and customers as
the services give the GUI, readable in Chinese and English; a saved view gives the same
customers in the list, the portfolio report and the command line; mistakes are one line in
the user's language, exit code 2, no traceback."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date, datetime, time, timedelta

import pytest

from trustdesk.services import accounts, complaints, dashboard, saved_views, visits
from trustdesk.services.store import open_store
from trustdesk.services.visit_plan import today
from trustdesk.services.visit_reports import ReportScope, build_report


def as_json(cli, *args, lang="en"):
    return json.loads(cli(*args, "--json", lang=lang)[1])


def one_line(err, part):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert part in lines[0], err


@pytest.fixture
def customers(cli):
    """Four customers visited last month: three in 青岛 (a repeat customer, a regular patron,
    a skeptic) and a repeat customer in 济南. The regular patron is past its visit day with
    an open complaint."""
    cli("accounts", "list")  # makes the database
    store = open_store(cli.path)
    made = {}
    try:
        for name, stage, region in (
            ("青岛海达机械有限公司", "repeat", "青岛"),
            ("青岛瑞丰化工集团", "regular", "青岛"),
            ("济南华通物流有限公司", "repeat", "济南"),
            ("青岛远航食品公司", "skeptic", "青岛"),
        ):
            made[name] = store.write(accounts.create_account, name, stage=stage, region=region).id
            at = datetime.combine(today() - timedelta(days=20), time(10)).astimezone()
            store.write(
                visits.log_visit, made[name], channel="in-person", functions=["care"], at=at
            )
        store.write(complaints.add_complaint, made["青岛瑞丰化工集团"], description="交货晚了三天")
    finally:
        store.close()
    with sqlite3.connect(cli.path) as con:
        late = (today() - timedelta(days=7)).isoformat()
        con.execute(
            "UPDATE account SET next_visit_due = ? WHERE id = ?", (late, made["青岛瑞丰化工集团"])
        )
    return made


def test_dashboard_prints_the_services_figures_in_json_and_in_words(cli, customers):
    store = open_store(cli.path)
    try:
        expected = dashboard.figures_json(store.read(dashboard.dashboard))
    finally:
        store.close()
    got = as_json(cli, "dashboard")
    assert got == expected
    assert got["customers"] == 4 and got["overdue_visits"] == 1
    assert got["complaints"]["open"] == 1 and got["by_stage"]["repeat"] == 2

    _, out, _ = cli("dashboard")
    assert "Customers: 4" in out
    assert "  Repeat customer: 2  [stage:repeat]" in out
    assert "Overdue visits: 1  [overdue-visits]" in out
    assert "Complaints: 1 open [open-complaints], 0 overdue [overdue-complaints]" in out
    _, out, _ = cli("dashboard", lang="zh")
    assert "客户：4" in out and "  回头客：2  [stage:repeat]" in out
    assert "逾期拜访：1  [overdue-visits]" in out
    assert "投诉：1 件未解决 [open-complaints]" in out


def test_the_customers_behind_a_figure(cli, customers):
    got = as_json(cli, "dashboard", "customers", "stage:repeat")
    assert [r["name"] for r in got] == ["济南华通物流有限公司", "青岛海达机械有限公司"]
    got = as_json(cli, "dashboard", "customers", "overdue-visits")
    assert [r["id"] for r in got] == [customers["青岛瑞丰化工集团"]]
    _, out, _ = cli("dashboard", "customers", "open-complaints", lang="zh")
    assert "青岛瑞丰化工集团  [老主顾]  青岛" in out and "（共 1 个客户）" in out

    _, _, err = cli("dashboard", "customers", "overdue", expect=2, lang="zh")
    one_line(err, "没有名为“overdue”的看板数字。")
    _, _, err = cli("dashboard", "customers", "stage:repet", expect=2)
    one_line(err, "'repet' is not a valid stage")


def test_risk_ranks_the_customers_and_says_why(cli, customers):
    risky = customers["青岛瑞丰化工集团"]
    top = as_json(cli, "risk", "--top", "1")
    assert [c["account_id"] for c in top] == [risky]
    signals = {r["signal"] for r in top[0]["reasons"]}
    assert {"visit-overdue", "open-complaint"} <= signals
    assert top[0]["score"] == sum(r["weight"] for r in top[0]["reasons"])
    assert "complaint" in top[0]["explanation"]
    zh = as_json(cli, "risk", "--top", "1", lang="zh")[0]
    assert zh["explanation"] == "".join(r["zh"] for r in zh["reasons"])

    _, out, _ = cli("risk", "show", risky, lang="zh")
    assert out.startswith(f"青岛瑞丰化工集团  [老主顾]  风险分 {top[0]['score']}")
    assert "拜访逾期：" in out and "投诉未解决：" in out
    _, out, _ = cli("risk", "--top", "5")
    assert out.startswith("  1. 青岛瑞丰化工集团  [Regular patron]  score")

    _, _, err = cli("risk", "show", "01NOSUCHCUSTOMER0000000000", expect=2, lang="zh")
    one_line(err, "找不到编号为 01NOSUCHCUSTOMER0000000000 的客户")
    _, _, err = cli("risk", "--top", "0", expect=2)
    one_line(err, "must be from 1")


def test_a_saved_view_gives_the_same_customers_in_the_list_the_report_and_the_cli(
    cli, customers, tmp_path
):
    name = "青岛老客户"
    saved = as_json(cli, "views", "save", name, "--stage", "repeat", "--stage", "regular",
                    "--region", "青岛")  # fmt: skip
    assert saved["spec"] == {"stages": ["repeat", "regular"], "region": "青岛"}
    wanted = {customers["青岛海达机械有限公司"], customers["青岛瑞丰化工集团"]}
    start, end = today() - timedelta(days=60), today()

    store = open_store(cli.path)
    try:
        view = store.read(saved_views.get_view, name)
        in_list = {r.id for r in store.read(accounts.list_accounts, view.filter).rows}
        report = store.read(build_report, ReportScope("portfolio", None, start, end, view=name))
    finally:
        store.close()
    in_report = {c.account.id for c in report.customers}
    in_cli_list = {r["id"] for r in as_json(cli, "accounts", "list", "--view", name)}
    in_cli_view = {r["id"] for r in as_json(cli, "views", "show", name)["customers"]}
    out = tmp_path / "portfolio.csv"
    cli("report", "portfolio", "--from", str(start), "--to", str(end), "--view", name,
        "--out", str(out))  # fmt: skip
    with out.open(encoding="utf-8-sig") as f:
        in_cli_report = {row[0] for row in csv.reader(f) if row and row[0].startswith("青岛")}
    names = {n for n, i in customers.items() if i in wanted}
    assert in_list == in_report == in_cli_list == in_cli_view == wanted
    assert in_cli_report == names
    # Options given with --view narrow it further.
    only = as_json(cli, "accounts", "list", "--view", name, "--stage", "regular")
    assert [r["id"] for r in only] == [customers["青岛瑞丰化工集团"]]


def test_views_are_listed_shown_and_deleted_and_mistakes_are_refused(cli, customers):
    cli("views", "save", "有投诉", "--open-complaints", "--hide-do-not-serve")
    _, out, _ = cli("views", "list", lang="zh")
    assert out.strip() == "有投诉：有未解决的投诉；不含不予服务"
    _, out, _ = cli("views", "show", "有投诉")
    assert out.splitlines()[0] == "有投诉: open complaints; without do-not-serve"
    assert "青岛瑞丰化工集团" in out and "(1 of 1 customers)" in out

    _, _, err = cli("views", "save", "空的", expect=2, lang="zh")
    one_line(err, "视图至少需要一个条件")
    _, _, err = cli("views", "save", "x", "--survey-below", "7", expect=2)
    one_line(err, "The survey score must be above 1 and at most 5.")
    _, _, err = cli("views", "save", "x", "--stage", "nope", expect=2)
    one_line(err, "'nope' is not a valid stage")
    _, _, err = cli("accounts", "list", "--view", "没有这个", expect=2, lang="zh")
    one_line(err, "没有名为“没有这个”的视图。已保存的视图：有投诉。")
    _, _, err = cli("report", "portfolio", "--from", str(date(2020, 1, 1)), "--to",
                    str(today()), "--view", "nope", "--out", "/tmp/x.csv", expect=2)  # fmt: skip
    one_line(err, "No saved view named 'nope'")

    cli("views", "delete", "有投诉")
    assert as_json(cli, "views", "list") == []
    _, _, err = cli("views", "delete", "有投诉", expect=2)
    one_line(err, "No saved view named '有投诉'")


def test_risk_refresh_stores_the_scores_a_saved_view_filters_on(cli, customers):
    risky = customers["青岛瑞丰化工集团"]
    score = as_json(cli, "risk", "--top", "1")[0]["score"]
    view = ["accounts", "list", "--view", "risky"]
    cli("views", "save", "risky", "--risk-at-least", str(score))
    assert as_json(cli, *view) == []  # no score stored yet
    assert as_json(cli, "risk", "refresh")["changed"] >= 1
    assert [r["id"] for r in as_json(cli, *view)] == [risky]
    assert as_json(cli, "risk", "refresh")["changed"] == 0
