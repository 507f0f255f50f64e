"""``trustdesk deals``, ``orders``, ``installed``, ``referrals`` and ``tiers``: what is typed is
what is stored and printed back (``--json`` the same records the lists show, money as minor
units beside its currency); bad input is refused with one line in the user's language, exit
code 2 and nothing written."""

import json
import sqlite3
from datetime import date, timedelta

import pytest

TABLES = ("deal", "deal_member", "sales_order", "order_line", "installed_product", "referral")
TODAY = date.today()


def data(cli, *args, lang="en"):
    return json.loads(cli(*args, "--json", lang=lang)[1])


def counts(path):
    with sqlite3.connect(path) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def one_line(err, part):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert part in lines[0], err


@pytest.fixture
def acme(cli):
    return data(cli, "accounts", "add", "宁波海诚精密机械")["id"]


def test_an_order_with_two_lines_is_stored_as_typed_and_listed_back(cli, acme):
    made = data(
        cli, "orders", "add", acme, "--line", "水泵 P-200", "2", "24,000", "6,500",
        "--line", "密封圈", "10", "300.50", "--date", "2026-10-01", "--number", "SO-1",
    )  # fmt: skip
    assert made["ordered_on"] == "2026-10-01" and made["currency"] == "CNY"
    assert [(x["product"], x["quantity"], x["amount"], x["margin"]) for x in made["lines"]] == [
        ("水泵 P-200", 2.0, 2_400_000, 650_000), ("密封圈", 10.0, 30_050, None),
    ]  # fmt: skip
    assert made["total"] == 2_430_050
    assert data(cli, "orders", "list", acme) == [made]
    with sqlite3.connect(cli.path) as con:
        assert con.execute("select sum(amount) from order_line").fetchone()[0] == 2_430_050
    _, out, _ = cli("orders", "list", acme)
    assert "¥24,300.50" in out and "水泵 P-200 × 2  ¥24,000  (margin ¥6,500)" in out
    _, out, _ = cli("orders", "list", acme, lang="zh")
    assert "水泵 P-200 × 2  ¥24,000  （毛利 ¥6,500）" in out

    cli("orders", "delete", made["id"])
    assert data(cli, "orders", "list", acme) == []
    _, out, _ = cli("orders", "list", acme, lang="zh")
    assert out.strip() == "没有订单。"


@pytest.mark.parametrize(
    ("line", "lang", "message"),
    [
        (["水泵;2;24000"], "en", "give the product, the quantity, the amount"),
        (["水泵;2;24000"], "zh", "请分别给出产品、数量、金额"),
        (["水泵", "2", "-5"], "en", "The line's amount must be an amount like 12,000"),
        (["水泵", "0", "100"], "en", "Line 1: the quantity must be a number above 0."),
        (["水泵", "1", "100", "200"], "zh", "第 1 行：毛利不能超过金额。"),
        (["水泵", "1", "100", "1", "2"], "en", "give the product, the quantity"),
    ],
)
def test_a_bad_order_line_is_refused_and_nothing_is_written(cli, acme, line, lang, message):
    before = counts(cli.path)
    _, _, err = cli("orders", "add", acme, "--line", *line, expect=2, lang=lang)
    one_line(err, message)
    assert counts(cli.path) == before


def test_an_order_for_tomorrow_or_another_customers_deal_is_refused(cli, acme):
    other = data(cli, "accounts", "add", "Harbor Point Medical")["id"]
    deal = data(cli, "deals", "add", other, "--title", "Pumps")["id"]
    before = counts(cli.path)
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    _, _, err = cli("orders", "add", acme, "--line", "P", "1", "9", "--date", tomorrow, expect=2)
    one_line(err, "An order cannot be placed in the future.")
    _, _, err = cli("orders", "add", acme, "--line", "P", "1", "9", "--deal", deal, expect=2,
                    lang="zh")  # fmt: skip
    one_line(err, "该商机不属于这个客户。")
    assert counts(cli.path) == before


def test_a_deal_through_the_pipeline_with_its_team_and_win_rate(cli, acme):
    made = data(
        cli, "deals", "add", acme, "--title", "二号线改造", "--amount", "120,000.50",
        "--channel", "电话销售", "--opened", "2026-09-01", "--expected-close", "2026-12-31",
    )  # fmt: skip
    assert (made["stage"], made["amount"], made["currency"], made["channel"]) == (
        "lead", 12_000_050, "CNY", "phone",
    )  # fmt: skip
    assert made["account_stage"] == "skeptic" and made["cycle_days"] is None
    assert data(cli, "deals", "list", acme) == [made]

    team = data(cli, "deals", "team", made["id"], "--member", "sales-rep=王磊",
                "--member", "财务总监=赵敏")  # fmt: skip
    assert [(m["role"], m["name"]) for m in team] == [
        ("finance-director", "赵敏"), ("sales-rep", "王磊"),
    ]  # fmt: skip
    assert data(cli, "deals", "team", made["id"]) == team
    _, out, _ = cli("deals", "team", made["id"], lang="zh")
    assert "赵敏  财务总监" in out

    edited = data(cli, "deals", "edit", made["id"], "--amount", "150000", "--notes", "含安装")
    assert edited["amount"] == 15_000_000 and edited["notes"] == "含安装"
    cli("deals", "move", made["id"], "proposal")
    won = data(cli, "deals", "move", made["id"], "won", "--closed-on", "2026-10-15")
    assert (won["stage"], won["closed_on"], won["cycle_days"]) == ("won", "2026-10-15", 44)
    assert data(cli, "deals", "list", acme) == [won]

    columns = data(cli, "deals", "pipeline", "--since", "2026-01-01")
    assert [c["stage"] for c in columns] == ["lead", "qualified", "proposal", "won", "lost"]
    assert columns[3]["deals"] == [won] and columns[3]["totals"] == {"CNY": 15_000_000}
    _, out, _ = cli("deals", "pipeline", "--since", "2026-01-01")
    assert "Won  1 deal  ¥150,000" in out

    rates = {r["group"]: r for r in data(cli, "deals", "win-rates")}
    assert rates["prospects"] == {"group": "prospects", "reference": 0.06, "won": 1,
                                  "lost": 0, "closed": 1, "rate": 1.0}  # fmt: skip
    assert rates["new"]["rate"] is None
    _, out, _ = cli("deals", "win-rates", lang="zh")
    assert "潜在客户：100%  （1 个中赢 1 个；参考 6%）" in out

    cli("deals", "delete", made["id"])
    assert data(cli, "deals", "list", acme) == []
    assert counts(cli.path)["deal_member"] == 2  # kept as tombstones


@pytest.mark.parametrize(
    ("args", "lang", "message"),
    [
        (["move", "{id}", "won", "--closed-on", "2099-01-01"], "en",
         "A deal cannot close in the future."),
        (["move", "{id}", "qualified", "--closed-on", "2026-01-01"], "zh",
         "--closed-on 是商机赢单或丢单的日期"),
        (["move", "{id}", "won", "--lost-reason", "贵"], "en", "--lost-reason fits only"),
        (["move", "{id}", "done"], "en", "stage"),
        (["team", "{id}", "--member", "王磊"], "zh", "团队成员的写法是 角色=姓名"),
        (["team", "{id}", "--member", "chef=王磊"], "en", "role"),
        (["edit", "{id}", "--amount", "12.345"], "en", "at most 2 decimals"),
        (["edit", "{id}"], "en", "Nothing to change"),
        (["move", "NOPE", "won"], "zh", "找不到编号为 NOPE 的商机。"),
    ],
)  # fmt: skip
def test_bad_deal_input_is_refused_and_nothing_is_written(cli, acme, args, lang, message):
    deal = data(cli, "deals", "add", acme, "--title", "Pumps")
    before = counts(cli.path)
    _, _, err = cli("deals", *[a.format(id=deal["id"]) for a in args], expect=2, lang=lang)
    one_line(err, message)
    assert counts(cli.path) == before
    assert data(cli, "deals", "list", acme) == [deal]


def test_installed_products_and_the_replacements_due(cli, acme):
    soon = (TODAY + timedelta(days=30)).isoformat()
    later = (TODAY + timedelta(days=400)).isoformat()
    due = data(cli, "installed", "add", acme, "--product", "空压机 AC-37", "--installed",
               "2020-05-01", "--replace-by", soon)  # fmt: skip
    not_yet = data(cli, "installed", "add", acme, "--product", "数控加工中心",
                   "--replace-by", later)  # fmt: skip
    assert due["remind_from"] == (TODAY + timedelta(days=30 - 90)).isoformat()
    assert data(cli, "installed", "list", acme) == [due, not_yet]
    assert data(cli, "installed", "due") == [due]
    _, out, _ = cli("installed", "due", lang="zh")
    assert "空压机 AC-37  宁波海诚精密机械  安装于 2020-05-01" in out

    before = counts(cli.path)
    _, _, err = cli("installed", "add", acme, "--product", "X", "--installed", "2026-01-01",
                    "--replace-by", "2025-01-01", expect=2)  # fmt: skip
    one_line(err, "The replacement day must come after the installation day.")
    assert counts(cli.path) == before

    cli("installed", "delete", due["id"])
    assert data(cli, "installed", "due") == []
    _, out, _ = cli("installed", "due")
    assert out.strip() == "No replacement is due."


def test_referrals_and_the_referral_rate(cli, acme):
    fan = data(cli, "accounts", "add", "苏州瑞泰生物医药")["id"]
    made = data(cli, "referrals", "add", acme, "--by", fan, "--notes", "饭局上介绍")
    assert (made["referred_account_id"], made["by_account_id"], made["referred_on"]) == (
        acme, fan, TODAY.isoformat(),
    )  # fmt: skip
    assert data(cli, "referrals", "list", acme) == [made] == data(cli, "referrals", "list", fan)
    _, out, _ = cli("referrals", "list", fan, lang="zh")
    assert "苏州瑞泰生物医药 推荐了 宁波海诚精密机械" in out
    rate = data(cli, "referrals", "rate")
    assert (rate["added"], rate["referred"], rate["rate"]) == (2, 1, 0.5)
    _, out, _ = cli("referrals", "rate")
    assert "50.0% (1 of 2 customers added came by a referral)" in out

    before = counts(cli.path)
    _, _, err = cli("referrals", "add", acme, "--by", acme, expect=2, lang="zh")
    one_line(err, "客户不能推荐自己。")
    _, _, err = cli("referrals", "add", acme, "--by", fan, expect=2)
    one_line(err, "is already recorded as referring")
    assert counts(cli.path) == before
    cli("referrals", "delete", made["id"])
    assert data(cli, "referrals", "list", acme) == []


def test_tiers_recompute_and_show_the_same_figures(cli):
    ids = []
    for n, amount in enumerate(["50,000", "20,000", "9,000", "5,000", "1,000"]):
        account = data(cli, "accounts", "add", f"客户{n}")["id"]
        cli("accounts", "stage", account, "first-time", "--reason", "首单")
        cli("orders", "add", account, "--line", "水泵", "1", amount)
        ids.append(account)
    prospect = data(cli, "accounts", "add", "潜在客户甲")["id"]
    cli("orders", "add", prospect, "--line", "水泵", "1", "99,000")  # not tiered: a prospect

    _, out, _ = cli("tiers", "show")
    assert out.strip() == "No customer has a tier yet: run 'trustdesk tiers recompute'."
    done = data(cli, "tiers", "recompute")
    assert done["counts"] == {"key": 1, "standard": 3, "low": 1}
    assert done["values"] == {"key": 5_000_000, "standard": 3_400_000, "low": 100_000}
    assert (done["currency"], done["basis"], done["changed"]) == ("CNY", "revenue", 5)
    assert done["key_value_share"] == pytest.approx(50_000 / 85_000)
    shown = data(cli, "tiers", "show")
    assert {k: v for k, v in shown.items() if k != "changed"} == {
        k: v for k, v in done.items() if k != "changed"
    }
    with sqlite3.connect(cli.path) as con:
        stored = dict(con.execute("select id, tier from account where tier is not null"))
    assert stored == {ids[0]: "key", ids[1]: "standard", ids[2]: "standard",
                      ids[3]: "standard", ids[4]: "low"}  # fmt: skip
    _, out, _ = cli("tiers", "show", lang="zh")
    assert "关键客户：1 (20%)  ¥50,000" in out
    assert "关键客户贡献了 59% 的价值（共 ¥85,000）。" in out
