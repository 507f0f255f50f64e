"""``trustdesk winback`` and ``suggestions``: a lost customer through the worth-it check and the
seven steps back to repeat customer; a silent customer suggested as lost, nothing moved until
accepted; bad input refused with one line, exit code 2 and nothing written."""

import json
import sqlite3
from datetime import datetime, timedelta

import pytest

TABLES = ("winback_plan", "winback_step", "stage_change", "stage_suggestion_dismissal")


def ids(cli, *args):
    return json.loads(cli(*args, "--json")[1])


def counts(path):
    with sqlite3.connect(path) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def one_line(err, part):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert part in lines[0], err


@pytest.fixture
def lost(cli):
    acc = ids(cli, "accounts", "add", "广州远航物流")["id"]
    cli("accounts", "stage", acc, "lost", "--reason", "对手低价抢单", "--lost-reason",
        "competitor")  # fmt: skip
    return acc


def test_a_lost_customer_through_the_seven_steps_back_to_repeat(cli, lost):
    _, out, _ = cli("winback", "check", lost, "--past-value", "0", lang="zh")
    assert out.startswith("不值得挽回：")
    check = ids(cli, "winback", "check", lost, "--past-value", "120,000")
    assert check["worth_it"] is True
    plan = ids(cli, "winback", "start", lost, "--past-value", "120000", "--reason", "老客户")
    assert plan["status"] == "active" and plan["past_value"] == 120000
    assert [s["step"] for s in plan["steps"]] == [
        "ask", "listen", "fulfil", "patience", "keep-in-touch", "sincere", "cherish",
    ]  # fmt: skip

    said = "“交期再稳定一点，我们就回来。”"
    cli("winback", "step", plan["id"], "1", "--status", "done", "--date", "2026-09-01",
        "--notes", said)  # fmt: skip
    cli("winback", "step", plan["id"], "listen", "--status", "已完成")  # a label too
    now = ids(cli, "winback", "step", plan["id"], "3", "--status", "doing")
    assert [(s["status"], s["done_on"]) for s in now["steps"][:3]] == [
        ("done", "2026-09-01"), ("done", datetime.now().date().isoformat()), ("doing", None),
    ]  # fmt: skip
    assert now["steps"][0]["notes"] == said
    _, out, _ = cli("winback", "show", plan["id"], lang="zh")
    assert (
        "已完成 2/7 步" in out
        and "1. [已完成 2026-09-01] 询问：我们需要做些什么才能再次为您服务？" in out
    )
    assert f"备注：{said}" in out
    assert [p["id"] for p in ids(cli, "winback", "list", "--status", "active")] == [plan["id"]]

    cli("accounts", "stage", lost, "repeat", "--reason", "重新下单")
    assert ids(cli, "winback", "list", "--status", "active") == []
    won = ids(cli, "winback", "list", "--status", "won-back", "--account", lost)
    assert [p["id"] for p in won] == [plan["id"]] and won[0]["closed_at"]
    history = ids(cli, "accounts", "history", lost)
    back = next(h for h in history if h["field"] == "stage" and h["new_value"] == "repeat")
    assert "won back" in back["reason"]
    _, _, err = cli("winback", "step", plan["id"], "4", "--status", "done", expect=2)
    one_line(err, "This plan is closed (Won back).")


def test_a_plan_can_be_given_up(cli, lost):
    plan = ids(cli, "winback", "start", lost, "--past-value", "5000")
    given_up = ids(cli, "winback", "abandon", plan["id"], "--reason", "对方已签三年合同")
    assert given_up["status"] == "abandoned" and "三年合同" in given_up["worth_reason"]
    _, out, _ = cli("winback", "list", lang="zh")
    assert "[已放弃" in out


@pytest.mark.parametrize(
    ("args", "part"),
    [
        (["winback", "start", "{acc}", "--past-value", "abc"], "must be a number of yuan"),
        (["winback", "start", "{acc}", "--past-value", "0"], "No past business value"),
        (["winback", "start", "{other}", "--past-value", "100"], "Only a lost customer"),
        (["winback", "start", "NOPE", "--past-value", "100"], "No customer with id NOPE"),
        (["winback", "start", "{acc}"], "required: --past-value"),
        (["winback", "check", "NOPE", "--past-value", "100"], "No customer with id NOPE"),
        (["winback", "step", "{plan}", "8", "--status", "done"], "from 1 to 7, not 8"),
        (["winback", "step", "{plan}", "dance", "--status", "done"], "'dance' is not a valid"),
        (["winback", "step", "{plan}", "1", "--status", "finished"], "'finished' is not a"),
        (["winback", "step", "{plan}", "1"], "Nothing to change"),
        (["winback", "step", "{plan}", "1", "--date", "2026-01-01"], "give --status done"),
        (["winback", "step", "NOPE", "1", "--status", "done"], "No win-back plan with id"),
        (["winback", "list", "--status", "winning"], "'winning' is not a valid"),
        (["winback", "abandon", "NOPE"], "No win-back plan with id NOPE"),
        (["winback", "show", "NOPE"], "No win-back plan with id NOPE"),
        (["winback"], "choose an action"),
        (["suggestions", "list", "--limit", "0"], "must be from 1"),
        (["suggestions", "accept", "{other}", "silent"], "no longer holds"),
        (["suggestions", "accept", "{other}", "sleepy"], "'sleepy' is not a valid"),
        (["suggestions", "dismiss", "NOPE", "silent"], "No customer with id NOPE"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(cli, lost, args, part):
    other = ids(cli, "accounts", "add", "深圳华科电子有限公司", "--stage", "regular")["id"]
    plan = ids(cli, "winback", "start", lost, "--past-value", "100")["id"]
    if args[:2] == ["winback", "start"] and args[2] == "{acc}":
        cli("winback", "abandon", plan)  # so that a new plan could start
    before = counts(cli.path)
    _, out, err = cli(*[a.format(acc=lost, other=other, plan=plan) for a in args], expect=2)
    one_line(err, part)
    assert out == ""
    assert counts(cli.path) == before


def _silent(cli, name):
    """A customer added 400 days ago and not contacted since."""
    acc = ids(cli, "accounts", "add", name, "--stage", "regular")["id"]
    old = (datetime.now() - timedelta(days=400)).strftime("%Y-%m-%d %H:%M:%S")
    with sqlite3.connect(cli.path) as con:
        con.execute("update account set created_at = ? where id = ?", (old, acc))
    return acc


def test_a_silent_customer_is_suggested_and_moves_only_when_accepted(cli):
    silent = _silent(cli, "久未联系公司")
    other = _silent(cli, "Northwind Logistics Ltd")
    found = ids(cli, "suggestions", "list")
    assert {(f["account_id"], f["rule"], f["to_stage"]) for f in found} == {
        (silent, "silent", "lost"), (other, "silent", "lost"),
    }  # fmt: skip
    assert ids(cli, "accounts", "show", silent)["account"]["stage"] == "regular"  # nothing moved
    _, out, _ = cli("suggestions", "list", lang="zh")
    assert "久未联系公司  老主顾 → 流失的客户  [silent]  已有 400 天没有" in out

    dismissed = ids(cli, "suggestions", "dismiss", other, "silent")
    assert dismissed == {"account_id": other, "rule": "silent", "dismissed": True}
    assert [f["account_id"] for f in ids(cli, "suggestions", "list")] == [silent]

    moved = ids(cli, "suggestions", "accept", silent, "silent", "--lost-reason", "competitor",
                "--lang", "zh")  # fmt: skip
    assert moved["stage"] == "lost" and moved["lost_reason"] == "competitor"
    last = ids(cli, "accounts", "history", silent)[0]
    assert last["new_value"] == "lost" and "没有" in last["reason"]  # the Chinese evidence
    assert ids(cli, "suggestions", "list") == []
