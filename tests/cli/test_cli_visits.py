"""``trustdesk visits``, ``commitments`` and ``answers``: what is saved and listed, and bad
input refused with one line, exit code 2 and nothing written."""

import contextlib
import io
import json
import shutil
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from trustdesk.cli import main


def ids(cli, *args):
    return json.loads(cli(*args, "--json")[1])


@pytest.fixture(scope="module")
def huake_file(tmp_path_factory):
    """Made once (a new database costs its migrations): a customer with two people, and
    another customer with one."""
    path = tmp_path_factory.mktemp("huake") / "template.sqlite3"

    def run(*args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--db", str(path), "--create", *args, "--json"]) == 0
        return json.loads(out.getvalue())["id"]

    acc = run("accounts", "add", "深圳华科电子有限公司", "--stage", "regular")
    zhang = run("contacts", "add", "--account", acc, "张伟", "--depth", "deep")
    li = run("contacts", "add", "--account", acc, "李娜")
    other = run("accounts", "add", "广州远航物流")
    wang = run("contacts", "add", "--account", other, "王芳")
    return path, (acc, zhang, li, other, wang)


@pytest.fixture
def huake(cli, huake_file):
    path, found = huake_file
    shutil.copyfile(path, cli.path)
    return found


def counts(path):
    with sqlite3.connect(path) as con:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("visit", "visit_contact", "intel_note", "commitment", "commitment_change")
        }


def one_line(err, part):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert part in lines[0], err


def test_a_visit_is_saved_with_its_people_and_functions_and_listed(cli, huake):
    acc, zhang, li, _, _ = huake
    made = ids(
        cli, "visits", "add", "--account", acc, "--contact", zhang, "--contact", li,
        "--channel", "当面拜访", "--function", "care", "情报收集", "--at", "2026-03-02 14:30",
        "--notes", "谈了明年的采购计划", "--outcome", "同意试用", "--next-step", "发报价",
        "--next-due", "2026-03-09",
    )  # fmt: skip
    assert made["channel"] == "in-person"
    assert made["functions"] == ["care", "intelligence"]
    assert {p["name"] for p in made["people"]} == {"张伟", "李娜"}
    assert made["activities"] == ["customer-visit"]  # the channel's typical activity
    assert datetime.fromisoformat(made["at"]).astimezone().strftime("%Y-%m-%d %H:%M") == (
        "2026-03-02 14:30"
    )

    listed = ids(cli, "visits", "list", "--account", acc)
    assert [v["id"] for v in listed] == [made["id"]]
    assert listed[0]["next_step"] == "发报价" and listed[0]["next_due"] == "2026-03-09"
    assert listed[0]["notes"] == "谈了明年的采购计划"
    assert [v["id"] for v in ids(cli, "visits", "list", "--contact", li)] == [made["id"]]

    _, out, _ = cli("visits", "list", "--account", acc, lang="zh")
    assert "客户关怀、情报收集" in out and "张伟" in out and "→ 发报价 (2026-03-09)" in out
    # The customer's plan moved: its last visit is this one.
    shown = ids(cli, "accounts", "show", acc)["account"]
    assert shown["last_visit_at"] == made["at"]


def test_the_date_range_filters_the_list(cli, huake):
    acc = huake[0]
    for at in ("2026-01-10 09:00", "2026-02-10 09:00", "2026-03-10 09:00"):
        cli("visits", "add", "--account", acc, "--channel", "phone", "--function", "service",
            "--at", at)  # fmt: skip
    got = ids(cli, "visits", "list", "--from", "2026-02-01", "--to", "2026-03-10")
    assert [v["at"][:10] for v in got] == ["2026-03-10", "2026-02-10"]
    assert ids(cli, "visits", "list", "--to", "2026-01-09") == []


@pytest.mark.parametrize(
    ("args", "lang", "message"),
    [
        (["--channel", "fax", "--function", "care"], "en", "'fax' is not a valid channel"),
        (["--channel", "fax", "--function", "care"], "zh", "“fax”不是有效的取值"),
        (["--channel", "phone", "--function", "gossip"], "en", "not a valid contact function"),
        (["--channel", "phone", "--contact", "WANG", "--function", "care"], "en",
         "works at another customer"),
        (["--channel", "phone", "--contact", "WANG", "--function", "care"], "zh",
         "属于其他客户"),
        (["--channel", "phone", "--function", "care", "--at", "FUTURE"], "en",
         "cannot be in the future"),
        (["--channel", "phone", "--function", "care", "--at", "FUTURE"], "zh",
         "已完成的拜访不能晚于现在"),
        (["--channel", "phone"], "en", "Choose at least one purpose of the contact"),
        (["--channel", "phone"], "zh", "请至少选择一项接触功能"),
        (["--channel", "phone", "--function", "care", "--next-step", "x", "--next-due",
          "tomorrow"], "en", "argument --next-due: not a date like 2026-11-23: 'tomorrow'"),
        (["--channel", "phone", "--function", "care", "--at", "yesterday"], "en",
         "argument --at: not a date and time"),
        (["--channel", "phone", "--function", "care", "--next-due", "2026-12-01"], "en",
         "give --next-step too"),
        (["--channel", "phone", "--function", "care", "--gift-value", "lots"], "zh",
         "礼品价值应为以元计的金额"),
        (["--channel", "phone", "--function", "care", "--notes", "bell\x07"], "en",
         "Notes"),
    ],
)  # fmt: skip
def test_bad_visit_input_is_refused_and_nothing_is_written(cli, huake, args, lang, message):
    acc, _, _, _, wang = huake
    future = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    args = [future if a == "FUTURE" else wang if a == "WANG" else a for a in args]
    before = counts(cli.path)
    _, out, err = cli("visits", "add", "--account", acc, *args, expect=2, lang=lang)
    one_line(err, message)
    assert out == ""
    assert counts(cli.path) == before


def test_an_unknown_customer_is_refused(cli, huake):
    _, _, err = cli("visits", "add", "--account", "NOPE", "--channel", "phone", "--function",
                    "care", expect=2)  # fmt: skip
    one_line(err, "NOPE")
    assert counts(cli.path)["visit"] == 0


def test_overdue_steps_and_plan_and_done_step(cli, huake):
    acc, zhang, _, other, _ = huake
    long_ago = (date.today() - timedelta(days=400)).isoformat() + " 10:00"
    step_due = (date.today() - timedelta(days=3)).isoformat()
    done = ids(cli, "visits", "add", "--account", acc, "--contact", zhang, "--channel", "phone",
               "--function", "care", "--at", long_ago, "--next-step", "寄样品",
               "--next-due", step_due)  # fmt: skip
    planned_day = date.today() - timedelta(days=5)
    planned = ids(cli, "visits", "add", "--account", other, "--channel", "video", "--planned",
                  "--at", f"{planned_day} 09:00")  # fmt: skip

    late = ids(cli, "visits", "list", "--overdue")
    assert {(r["visit_id"], r["planned_visit"]) for r in late} == {
        (done["id"], False),
        (planned["id"], True),
    }
    _, out, _ = cli("visits", "list", "--overdue", lang="zh")
    assert "逾期 3 天" in out and "寄样品" in out and "逾期 5 天" in out
    assert "计划拜访：视频会议" in out
    only = ids(cli, "visits", "list", "--overdue", "--account", other)
    assert [r["visit_id"] for r in only] == [planned["id"]]

    # A regular patron visited 400 days ago is overdue by its monthly cadence.
    plan = ids(cli, "visits", "plan", "--overdue")
    assert [r["account_id"] for r in plan] == [acc]
    assert plan[0]["days_overdue"] == 400 - 30
    _, out, _ = cli("visits", "plan", "--overdue")
    assert "深圳华科电子有限公司" in out and "370 days overdue" in out

    cli("visits", "done-step", done["id"])
    assert [r["visit_id"] for r in ids(cli, "visits", "list", "--overdue")] == [planned["id"]]


def test_a_personnel_change_note_can_mark_the_person_departed(cli, huake):
    acc, zhang, li, _, _ = huake
    note = ids(cli, "visits", "note", "--account", acc, "--kind", "人事变动",
               "--text", "张伟调去集团总部", "--contact", zhang, "--departed")  # fmt: skip
    assert note["kind"] == "personnel-change" and note["contact_name"] == "张伟"
    assert ids(cli, "contacts", "show", zhang)["departed"] is True
    assert ids(cli, "contacts", "show", li)["departed"] is False
    before = counts(cli.path)
    _, _, err = cli("visits", "note", "--account", acc, "--kind", "competitor", "--text", "x",
                    "--contact", li, "--departed", expect=2, lang="zh")  # fmt: skip
    one_line(err, "只有关于某位联系人的人事变动")
    assert counts(cli.path) == before
    assert ids(cli, "contacts", "show", li)["departed"] is False


# --- commitments ----------------------------------------------------------------------------


def test_a_promise_beyond_a_bottom_line_needs_approval_until_approved(cli, huake):
    acc, zhang, _, _, _ = huake
    bold = ids(cli, "commitments", "add", "--account", acc, "--what", "给 20% 折扣",
               "--to", zhang, "--due", "2026-12-01", "--bottom-line", "最大折扣",
               "--value", "20")  # fmt: skip
    fine = ids(cli, "commitments", "add", "--account", acc, "--what", "给 10% 折扣",
               "--bottom-line", "discount", "--value", "10")  # fmt: skip
    assert bold["needs_approval"] is True and fine["needs_approval"] is False
    assert [c["id"] for c in ids(cli, "commitments", "list", "--needs-approval")] == [bold["id"]]
    _, out, _ = cli("commitments", "list", "--needs-approval", lang="zh")
    assert "需审批" in out and "给 20% 折扣" in out and "张伟" in out

    cli("commitments", "approve", bold["id"])
    assert ids(cli, "commitments", "list", "--needs-approval") == []


def test_a_broken_promise_needs_a_reason_and_keeps_its_history(cli, huake):
    acc = huake[0]
    made = ids(cli, "commitments", "add", "--account", acc, "--what", "月底前交货",
               "--due", "2026-11-30")  # fmt: skip
    before = counts(cli.path)
    _, _, err = cli("commitments", "status", made["id"], "broken", expect=2, lang="zh")
    one_line(err, "请写明承诺“未能兑现”的原因")
    assert counts(cli.path) == before
    assert len(ids(cli, "commitments", "history", made["id"])) == 1

    cli("commitments", "status", made["id"], "未能兑现", "--reason", "工厂停产两周")
    history = ids(cli, "commitments", "history", made["id"])
    assert [(h["from_status"], h["to_status"], h["reason"]) for h in history] == [
        (None, "open", ""),
        ("open", "broken", "工厂停产两周"),
    ]
    _, out, _ = cli("commitments", "history", made["id"])
    assert "Open → Broken" in out and "“工厂停产两周”" in out
    assert [c["id"] for c in ids(cli, "commitments", "list", "--status", "broken")] == [made["id"]]


def test_bad_promise_input_is_refused(cli, huake):
    acc, _, _, _, wang = huake
    before = counts(cli.path)
    for args, message in (
        (["--what", "x", "--to", wang], "A promise is made to a person of the same customer"),
        (["--what", "x", "--bottom-line", "discount"], "A bottom line and a value go together"),
        (["--what", "x", "--bottom-line", "bribe", "--value", "1"], "not a valid bottom line"),
        (["--what", "x", "--due", "soon"], "argument --due: not a date"),
        (["--what", " "], "What was promised"),
    ):
        _, out, err = cli("commitments", "add", "--account", acc, *args, expect=2)
        one_line(err, message)
        assert out == ""
    assert counts(cli.path) == before


# --- standard answers -----------------------------------------------------------------------


def test_the_seeded_starters_are_found_in_both_languages(cli):
    zh = ids(cli, "answers", "list", "--search", "价格")
    assert any(a["question"] == "为什么你们的价格比别家高？" for a in zh)
    en = ids(cli, "answers", "list", "--search", "PRICE higher", "--category", "price")
    assert [a["question"] for a in en] == ["Why is your price higher than others'?"]
    _, out, _ = cli("answers", "list", "--search", "价格", lang="zh")
    assert "[价格]  为什么你们的价格比别家高？" in out and "总拥有成本" in out
    added = ids(cli, "answers", "add", "--category", "竞争对手", "--question", "你们和华为比呢？",
                "--answer", "我们专注中小客户。", "--written-in", "zh")  # fmt: skip
    assert [a["id"] for a in ids(cli, "answers", "list", "--search", "华为")] == [added["id"]]
    _, _, err = cli("answers", "list", "--category", "gossip", expect=2)
    one_line(err, "not a valid answer category")


# --- the calendar ---------------------------------------------------------------------------


def test_export_ics_writes_the_calendar(cli, huake, tmp_path):
    from icalendar import Calendar

    acc, zhang, _, _, _ = huake
    cli("contacts", "edit", zhang, "--birthday", "1980-05-17")
    cli("visits", "add", "--account", acc, "--channel", "phone", "--planned",
        "--at", "2027-03-04 14:30", "--contact", zhang)  # fmt: skip
    cli("commitments", "add", "--account", acc, "--what", "送两台样机", "--due", "2027-03-20")
    out_file = tmp_path / "我的日历.ics"
    _, out, _ = cli("export", "ics", "--out", str(out_file), "--from", "2027-03-01",
                    "--to", "2027-05-31", lang="zh")  # fmt: skip
    assert out.startswith(f"已将 3 个日历条目写入 {out_file}")
    cal = Calendar.from_ical(out_file.read_bytes())
    summaries = sorted(str(c["summary"]) for c in cal.walk() if c.name in ("VEVENT", "VTODO"))
    assert summaries == [
        "张伟 生日（深圳华科电子有限公司）",
        "承诺：送两台样机（深圳华科电子有限公司）",
        "拜访 深圳华科电子有限公司（电话）",
    ]
    _, out, _ = cli("export", "ics", "--out", str(out_file), "--lang", "en")
    assert out.startswith("Wrote 3 calendar entries to")
    assert "Visit 深圳华科电子有限公司 (Phone)" in out_file.read_text("utf-8")


@pytest.mark.parametrize(
    ("where", "lang", "message"),
    [
        ("missing/x.ics", "en", "does not exist; choose an existing folder"),
        ("missing/x.ics", "zh", "不存在；请为日历文件选择一个已有的文件夹"),
        (".", "en", "is a folder; give a file name"),
    ],
)
def test_export_ics_refuses_a_place_it_cannot_write(cli, huake, tmp_path, where, lang, message):
    target = tmp_path / where
    _, out, err = cli("export", "ics", "--out", str(target), expect=2, lang=lang)
    one_line(err, message)
    assert out == "" and not (tmp_path / "missing").exists()


def test_export_ics_refuses_a_bad_day(cli, huake, tmp_path):
    _, out, err = cli("export", "ics", "--out", str(tmp_path / "x.ics"), "--from", "3/1",
                      expect=2)  # fmt: skip
    one_line(err, "argument --from: not a date like 2026-11-23: '3/1'")
    assert out == "" and not (tmp_path / "x.ics").exists()
