"""``trustdesk complaints``, ``improvements`` and ``service``: one unhappy customer from a survey
score of 2 to a complaint, a first-person apology, a resolution, an improvement and *informed*;
bad input refused with one line, exit code 2 and nothing written."""

import contextlib
import io
import json
import shutil
import sqlite3

import pytest

from trustdesk.cli import main
from trustdesk.services import survey_templates, surveys
from trustdesk.services.store import open_store

TABLES = (
    "complaint",
    "improvement_action",
    "improvement_source",
    "improvement_informed",
    "service_record",
)


def ids(cli, *args):
    return json.loads(cli(*args, "--json")[1])


@pytest.fixture(scope="module")
def shop_file(tmp_path_factory):
    """Made once: a regular customer with one person and a survey scored 2 overall (its
    follow-up's answer id), and a second customer."""
    path = tmp_path_factory.mktemp("shop") / "template.sqlite3"

    def run(*args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--db", str(path), "--create", *args, "--json"]) == 0
        return json.loads(out.getvalue())["id"]

    acc = run("accounts", "add", "深圳华科电子有限公司", "--stage", "regular")
    zhang = run("contacts", "add", "--account", acc, "张伟")
    other = run("accounts", "add", "广州远航物流")
    store = open_store(path)
    try:
        template = next(
            t
            for t in store.read(survey_templates.list_templates)
            if t.title_en.startswith("Customer score")
        )
        store.write(
            surveys.fill_survey, acc, template.id, {"overall": 2, "buy_again": 4, "recommend": 3}
        )
        answer = store.read(surveys.follow_ups, account_id=acc)[0].answer_id
    finally:
        store.close()
    return path, (acc, zhang, other, answer)


@pytest.fixture
def shop(cli, shop_file):
    path, found = shop_file
    shutil.copyfile(path, cli.path)
    return found


def counts(path):
    with sqlite3.connect(path) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def one_line(err, part):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert part in lines[0], err


def test_an_unhappy_customer_from_a_score_of_2_to_informed(cli, shop):
    acc, zhang, _, answer = shop
    made = ids(
        cli, "complaints", "add", "--account", acc, "--contact", zhang, "--channel", "电话",
        "--severity", "major", "--description", "整体只打了2分：交货晚了三天",
        "--from-answer", answer, "--at", "2026-03-02 09:00",
    )  # fmt: skip
    assert made["survey_answer_id"] == answer and made["severity"] == "major"
    assert made["contact_name"] == "张伟" and made["overdue"] is True  # long past by now

    overdue = ids(cli, "complaints", "list", "--state", "overdue")
    assert [c["id"] for c in overdue] == [made["id"]]
    _, out, _ = cli("complaints", "list", "--state", "overdue")
    assert "OVERDUE: unanswered" in out and "整体只打了2分" in out
    _, out, _ = cli("complaints", "list", "--state", "overdue", lang="zh")
    assert "已逾期：未回应，超时" in out

    apology = "对不起，是我没有盯紧发货，我来负责补救。"
    answered = ids(
        cli, "complaints", "respond", made["id"], "--apology", apology, "--at", "2026-03-02 11:30"
    )
    assert answered["apology_given"] and answered["apology_words"] == apology
    assert answered["response_seconds"] == 2.5 * 3600
    _, out, _ = cli(
        "complaints", "resolve", made["id"], "--resolution", "连夜补发，运费由我们承担",
        "--satisfied", "yes", "--at", "2026-03-03 09:00",
    )  # fmt: skip
    assert out.strip() == "Resolved 1d after it came in (customer: satisfied)."
    assert ids(cli, "complaints", "list", "--state", "overdue") == []
    resolved = ids(cli, "complaints", "list", "--state", "resolved", "--account", acc)
    assert resolved[0]["satisfied"] == "yes" and resolved[0]["resolve_seconds"] == 86400
    _, out, _ = cli("complaints", "history", acc)
    assert out.startswith("One failure, put right well: normal.")

    action = ids(
        cli, "improvements", "add", "--what", "发货前一天电话确认交期", "--due", "2026-04-01",
        "--complaint", made["id"], "--answer", answer,
    )  # fmt: skip
    assert {s["kind"] for s in action["sources"]} == {"complaint", "survey-answer"}
    assert [c["account_id"] for c in action["customers"]] == [acc]
    assert ids(cli, "improvements", "list", "--to-inform") == []  # not done yet
    cli("improvements", "done", action["id"])
    waiting = ids(cli, "improvements", "list", "--to-inform")
    assert [(w["action"]["id"], w["customer"]["account_id"]) for w in waiting] == [
        (action["id"], acc)
    ]
    _, out, _ = cli("improvements", "list", "--to-inform", lang="zh")
    assert "深圳华科电子有限公司" in out and "发货前一天电话确认交期" in out
    told = ids(cli, "improvements", "inform", action["id"], "--account", acc, "--how", "电话")
    assert told["customers"][0]["how"] == "电话" and told["customers"][0]["informed_at"]
    _, out, _ = cli("improvements", "list", "--to-inform")
    assert out.strip() == "Every customer concerned has been told."
    _, out, _ = cli("improvements", "list", lang="zh")
    assert "告知（电话）" in out

    record = ids(
        cli, "service", "add", "--account", acc, "--what", "连夜补发货物",
        "--value", "产线没有停", "--complaint", made["id"], "--day", "2026-03-03",
    )  # fmt: skip
    listed = ids(cli, "service", "list", "--account", acc)
    assert [(r["id"], r["day"], r["complaint_id"]) for r in listed] == [
        (record["id"], "2026-03-03", made["id"])
    ]
    _, out, _ = cli("service", "list", "--account", acc, lang="zh")
    assert "连夜补发货物  (价值：产线没有停)" in out


def test_improvements_link_more_feedback_all_or_nothing(cli, shop):
    acc, _, other, _ = shop
    first = ids(cli, "complaints", "add", "--account", acc, "--description", "包装破损",
                "--channel", "email", "--severity", "minor")  # fmt: skip
    second = ids(cli, "complaints", "add", "--account", other, "--description", "发票开错",
                 "--channel", "phone", "--severity", "minor")  # fmt: skip
    action = ids(cli, "improvements", "add", "--what", "出库前检查包装")
    before = counts(cli.path)
    _, _, err = cli(
        "improvements", "link", action["id"], "--complaint", first["id"], "--note", "NOPE",
        expect=2,
    )  # fmt: skip
    one_line(err, "No intelligence note with id NOPE.")
    assert counts(cli.path) == before  # the good link was not kept either
    _, _, err = cli("improvements", "link", action["id"], "--note", "NOPE", expect=2, lang="zh")
    one_line(err, "找不到编号为 NOPE 的情报")
    linked = ids(cli, "improvements", "link", action["id"], "--complaint", first["id"],
                 "--complaint", second["id"])  # fmt: skip
    assert {c["account_id"] for c in linked["customers"]} == {acc, other}
    assert [a["id"] for a in ids(cli, "improvements", "list", "--account", other)] == [action["id"]]


@pytest.mark.parametrize(
    ("args", "part"),
    [
        (["complaints", "add", "--account", "{acc}", "--description", "x", "--channel", "fax",
          "--severity", "minor"], "'fax' is not a valid"),
        (["complaints", "add", "--account", "{acc}", "--description", "x", "--channel", "phone",
          "--severity", "huge"], "'huge' is not a valid"),
        (["complaints", "add", "--account", "{acc}", "--description", "  ", "--channel",
          "phone", "--severity", "minor"], "The complaint cannot be empty"),
        (["complaints", "add", "--account", "NOPE", "--description", "x", "--channel", "phone",
          "--severity", "minor"], "No customer with id NOPE"),
        (["complaints", "add", "--account", "{acc}", "--description", "x", "--channel", "phone",
          "--severity", "minor", "--at", "2999-01-01"], "cannot be received in the future"),
        (["complaints", "add", "--account", "{acc}", "--description", "x", "--channel", "phone",
          "--severity", "minor", "--at", "yesterday"], "not a date and time"),
        (["complaints", "add", "--account", "{other}", "--description", "x", "--channel",
          "phone", "--severity", "minor", "--from-answer", "{answer}"], "not a dissatisfied"),
        (["complaints", "add", "--account", "{other}", "--description", "x", "--channel",
          "phone", "--severity", "minor", "--contact", "{zhang}"], "not one of this customer"),
        (["complaints", "add", "--account", "{acc}", "--channel", "phone", "--severity",
          "minor"], "required: --description"),
        (["complaints", "list", "--state", "late"], "invalid choice: 'late'"),
        (["complaints", "respond", "NOPE"], "No complaint with id NOPE"),
        (["complaints", "resolve", "NOPE", "--resolution", "x"], "No complaint with id NOPE"),
        (["complaints"], "choose an action"),
        (["complaints", "history", "NOPE"], "No customer with id NOPE"),
        (["improvements", "add", "--what", ""], "cannot be empty"),
        (["improvements", "add", "--what", "x", "--complaint", "NOPE"], "No complaint with id"),
        (["improvements", "add", "--what", "x", "--due", "soon"], "not a date like"),
        (["improvements", "done", "NOPE"], "No improvement action with id NOPE"),
        (["improvements", "link", "NOPE", "--complaint", "x"], "No improvement action"),
        (["service", "add", "--account", "{acc}", "--what", ""], "cannot be empty"),
        (["service", "add", "--account", "NOPE", "--what", "x"], "No customer with id NOPE"),
        (["service", "add", "--account", "{acc}", "--what", "x", "--visit", "NOPE"],
         "not this customer's"),
        (["service", "list"], "required: --account"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(cli, shop, args, part):
    acc, zhang, other, answer = shop
    before = counts(cli.path)
    filled = [a.format(acc=acc, other=other, answer=answer, zhang=zhang) for a in args]
    _, out, err = cli(*filled, expect=2)
    one_line(err, part)
    assert out == ""
    assert counts(cli.path) == before


def test_an_unresolved_resolution_and_informing_too_early_are_refused(cli, shop):
    acc, _, _, _ = shop
    made = ids(cli, "complaints", "add", "--account", acc, "--description", "电话没人接",
               "--channel", "phone", "--severity", "minor", "--at", "2026-03-02 09:00")  # fmt: skip
    _, _, err = cli("complaints", "resolve", made["id"], "--resolution", "x",
                    "--satisfied", "maybe", expect=2)  # fmt: skip
    one_line(err, "'maybe' is not a valid")
    _, _, err = cli("complaints", "respond", made["id"], "--at", "2026-03-01 09:00", expect=2,
                    lang="zh")  # fmt: skip
    one_line(err, "回应时间不能早于投诉接收时间")
    action = ids(cli, "improvements", "add", "--what", "加一条热线", "--complaint", made["id"])
    before = counts(cli.path)
    _, _, err = cli("improvements", "inform", action["id"], "--account", acc, expect=2)
    one_line(err, "not done yet")
    cli("improvements", "done", action["id"])
    _, _, err = cli("improvements", "inform", action["id"], "--account", "NOPE", expect=2)
    one_line(err, "gave none of the feedback")
    assert counts(cli.path)["improvement_informed"] == before["improvement_informed"]
