"""``trustdesk survey``: what is saved, listed and printed, the blank form's PDF, and bad input
refused with one line, exit code 2 and nothing written."""

import contextlib
import io
import json
import shutil
import sqlite3
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from trustdesk.cli import main


def data(cli, *args, **kw):
    return json.loads(cli(*args, "--json", **kw)[1])


@pytest.fixture(scope="module")
def huake_file(tmp_path_factory):
    """Made once: a customer with one person and a visit, another customer with one person."""
    path = tmp_path_factory.mktemp("survey") / "template.sqlite3"

    def run(*args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--db", str(path), "--create", *args, "--json"]) == 0
        return json.loads(out.getvalue())

    acc = run("accounts", "add", "深圳华科电子有限公司", "--stage", "regular")["id"]
    zhang = run("contacts", "add", "--account", acc, "张伟")["id"]
    visit = run(
        "visits", "add", "--account", acc, "--contact", zhang, "--channel", "in-person",
        "--function", "care", "--at", "2026-03-02 14:30",
    )["id"]  # fmt: skip
    other = run("accounts", "add", "广州远航物流", "--stage", "first-time")["id"]
    wang = run("contacts", "add", "--account", other, "王芳")["id"]
    templates = run("survey", "templates")
    return path, {
        "acc": acc, "zhang": zhang, "visit": visit, "other": other, "wang": wang,
        "three": templates[0]["id"], "past": templates[1]["id"],
    }  # fmt: skip


@pytest.fixture
def huake(cli, huake_file):
    path, found = huake_file
    shutil.copyfile(path, cli.path)
    return found


def counts(path):
    with sqlite3.connect(path) as con:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("survey_response", "survey_answer", "survey_follow_up")
        } | {"plan": con.execute("select group_concat(survey_cycle) from account").fetchone()[0]}


def one_line(err, part):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert part in lines[0], err


def fill_low(cli, h, *extra):
    return data(
        cli, "survey", "fill", "--account", h["acc"], "--contact", h["zhang"], "--visit",
        h["visit"], "--template", h["three"], "--at", "2026-03-02 15:00",
        "--answer", "overall=2", "--answer", "overall_to_5=交期再快一点",
        "--answer", "buy_again=5", "--answer", "recommend=4", "--answer", "better=多来看看",
        *extra,
    )  # fmt: skip


def test_templates_list_both_built_in_templates_with_their_questions(cli, huake):
    found = data(cli, "survey", "templates")
    assert [t["title_en"] for t in found] == [
        "Customer score (three questions)",
        "Satisfaction survey (past experience and plans)",
    ]
    keys = [q["key"] for q in found[0]["questions"]]
    assert keys == [
        "overall", "overall_to_5", "buy_again", "buy_again_to_5", "recommend",
        "recommend_to_5", "better",
    ]  # fmt: skip
    assert found[0]["questions"][1]["follows"] == "overall"

    _, out, _ = cli("survey", "templates", lang="zh")
    assert "客户评分（三问）" in out
    assert "（第 1 题低于 5 分时）" in out  # the follow-up question says when it is asked


def test_a_filled_survey_saves_every_answer_and_a_2_makes_one_follow_up(cli, huake):
    h = huake
    saved = fill_low(cli, h)
    assert saved["account_id"] == h["acc"] and saved["contact_id"] == h["zhang"]
    assert saved["visit_id"] == h["visit"]
    assert {a["key"]: a["score"] or a["value"] for a in saved["answers"]} == {
        "overall": 2, "overall_to_5": "交期再快一点", "buy_again": 5, "recommend": 4,
        "better": "多来看看",
    }  # fmt: skip
    assert saved["follow_ups"] == 1
    assert counts(cli.path)["survey_follow_up"] == 1

    tasks = data(cli, "survey", "followups", "--account", h["acc"])
    assert [(t["score"], t["comment"]) for t in tasks] == [(2, "交期再快一点")]
    due = data(cli, "survey", "due")
    assert [t["id"] for t in due["follow_ups"]] == [tasks[0]["id"]]

    _, out, _ = cli("survey", "followups", lang="zh")
    assert "2 分" in out and "深圳华科电子有限公司" in out

    done = data(cli, "survey", "done", tasks[0]["id"], "--outcome", "已安排加急发货")
    assert done["outcome"] == "已安排加急发货" and done["done_at"]
    assert data(cli, "survey", "followups") == []
    every = data(cli, "survey", "followups", "--all")
    assert [t["outcome"] for t in every] == ["已安排加急发货"]


def test_the_plain_fill_says_what_was_saved_and_the_task_it_made(cli, huake):
    _, out, _ = cli(
        "survey", "fill", "--account", huake["acc"], "--template", huake["three"],
        "--answer", "overall=1", "--answer", "buy_again=5", "--answer", "recommend=5",
    )  # fmt: skip
    assert "Saved the survey of 深圳华科电子有限公司" in out
    assert "Dissatisfied" in out and "Excellent" in out
    assert "1 follow-up task created" in out


def test_results_give_mean_count_distribution_and_the_index_by_month(cli, huake):
    h = huake
    fill_low(cli, h)
    for when, score in (("2026-03-20 10:00", "5"), ("2026-04-10 10:00", "3")):
        cli(
            "survey", "fill", "--account", h["other"], "--template", h["three"], "--at", when,
            "--answer", f"overall={score}", "--answer", "buy_again=5", "--answer", "recommend=5",
        )  # fmt: skip
    res = data(cli, "survey", "results")
    overall = next(q for q in res["questions"] if q["key"] == "overall")
    assert overall["count"] == 3 and overall["distribution"] == [0, 1, 1, 0, 1]
    assert overall["mean"] == pytest.approx(10 / 3)
    # March: overall 2 and 5, buy_again 5 and 5, recommend 4 and 5 → 4 fives, 1 low of 6.
    assert [(m["month"], m["scores"], m["index"]) for m in res["months"]] == [
        ("2026-03", 6, pytest.approx(100 * (4 - 1) / 6)),
        ("2026-04", 3, pytest.approx(100 * (2 - 1) / 3)),
    ]

    one = data(cli, "survey", "results", "--account", h["other"])
    assert next(q for q in one["questions"] if q["key"] == "overall")["count"] == 2
    april = data(cli, "survey", "results", "--from", "2026-04-01", "--to", "2026-04-30")
    assert [m["month"] for m in april["months"]] == ["2026-04"]

    _, out, _ = cli("survey", "results")
    line = next(x for x in out.splitlines() if x.startswith("How would you rate"))
    assert line.split()[-7:] == ["3", "3.33", "0", "1", "1", "0", "1"]
    assert "2026-03" in out and "+50.0" in out
    _, out, _ = cli("survey", "results", lang="zh")
    assert "每月满意度指数" in out and "满意度指数 = 5分所占比例" in out


def test_a_survey_about_a_competitor_is_compared_and_makes_no_task(cli, huake):
    h = huake
    fill_low(cli, h)
    about = fill_low(cli, h, "--competitor", "华南精工")
    assert about["competitor"] == "华南精工" and about["follow_ups"] == 0
    res = data(cli, "survey", "results", "--account", h["acc"])
    overall = [c for c in res["competitors"] if c["text_en"].startswith("How would you rate")]
    assert {(c["competitor"], c["mean"]) for c in overall} == {("", 2.0), ("华南精工", 2.0)}
    assert next(q for q in res["questions"] if q["key"] == "overall")["count"] == 1  # us only


def test_cycle_sets_the_next_due_date_and_due_lists_it(cli, huake):
    h = huake
    fill_low(cli, h)  # surveyed on 2026-03-02
    row = data(cli, "survey", "cycle", h["acc"], "monthly")
    assert row["cycle_months"] == 1 and row["next_survey_due"] == "2026-04-02"
    row = data(cli, "survey", "cycle", h["acc"], "每年")
    assert row["cycle_months"] == 12 and row["next_survey_due"] == "2027-03-02"
    row = data(cli, "survey", "cycle", h["acc"], "default")
    assert row["cycle_months"] == 3 and row["next_survey_due"] == "2026-06-02"
    assert counts(cli.path)["plan"] is None

    due = data(cli, "survey", "due", "--days", "3660")
    listed = {r["account_id"] for r in due["overdue"] + due["due_soon"]}
    assert h["acc"] in listed and h["other"] in listed
    _, out, _ = cli("survey", "due")
    assert "Overdue surveys" in out and "Open follow-up tasks (1)" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_blank_form_holds_every_question_as_text(qapp, cli, huake, tmp_path, lang):
    # ``qapp``: the form draws with Qt in this process; a QApplication made first serves the
    # later widget tests too (a bare QGuiApplication could not)
    for template in (huake["three"], huake["past"]):
        out = tmp_path / f"form-{lang}.pdf"
        _, said, _ = cli("survey", "form", "--template", template, "--out", str(out), lang=lang)
        assert str(out) in said
        reader = PdfReader(out)
        assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
        text = "".join(page.extract_text() for page in reader.pages)
        squeezed = "".join(text.split())
        found = data(cli, "survey", "templates")
        questions = next(t for t in found if t["id"] == template)["questions"]
        for q in questions:
            wording = q["text_zh"] if lang == "zh" else q["text_en"]
            assert "".join(wording.split()) in squeezed, wording
            assert q["key"] in squeezed
        below = "（低于5分时填写）" if lang == "zh" else "(ifbelow5)"
        if template == huake["three"]:
            assert squeezed.count(below) == 3
        assert ("客户名称" if lang == "zh" else "Customer:") in squeezed


def test_the_form_refuses_a_wrong_file_name_and_writes_nothing(cli, huake, tmp_path):
    tmp_path = tmp_path / "forms"
    tmp_path.mkdir()
    _, _, err = cli(
        "survey", "form", "--template", huake["three"], "--out", str(tmp_path / "f.txt"), expect=2
    )
    one_line(err, ".pdf")
    _, _, err = cli(
        "survey", "form", "--template", huake["three"], "--out",
        str(tmp_path / "no" / "f.pdf"), expect=2,
    )  # fmt: skip
    one_line(err, "does not exist")
    _, _, err = cli("survey", "form", "--template", "NOPE", "--out", str(tmp_path / "f.pdf"),
                    expect=2)  # fmt: skip
    one_line(err, "No survey template with id NOPE")
    assert list(tmp_path.iterdir()) == []


def _bad_cases(h):
    fill = ["survey", "fill", "--account", h["acc"], "--template", h["three"]]
    ok = ["--answer", "buy_again=5", "--answer", "recommend=5"]
    return [
        ([*fill, "--answer", "overall"], "QUESTION=VALUE"),
        ([*fill, "--answer", "=4", *ok], "QUESTION=VALUE"),
        ([*fill, "--answer", "overall=7", *ok], "score from 1 to 5"),
        ([*fill, "--answer", "overall=good", *ok], "score from 1 to 5"),
        ([*fill, "--answer", "overall=5", "--answer", "price=3", *ok], "no question 'price'"),
        ([*fill, "--answer", "overall=5", "--answer", "overall_to_5=x", *ok], "asked only"),
        ([*fill, *ok], "needs an answer"),
        ([*fill, "--answer", "overall=4", "--answer", "overall=5", *ok], "answered twice"),
        ([*fill, "--answer", "overall=4", *ok, "--contact", h["wang"]], "not one of"),
        ([*fill, "--answer", "overall=4", *ok, "--at", "yesterday"], "date and time"),
        (
            [
                "survey",
                "fill",
                "--account",
                "NOPE",
                "--template",
                h["three"],
                "--answer",
                "overall=4",
                *ok,
            ],
            "NOPE",
        ),
        (
            [
                "survey",
                "fill",
                "--account",
                h["acc"],
                "--template",
                h["past"],
                "--answer",
                "purchase=5",
                "--answer",
                "service=5",
                "--answer",
                "use=5",
                "--answer",
                "next_when=tomorrow",
            ],
            "choices",
        ),
        (["survey", "results", "--from", "2026-05-01", "--to", "2026-04-01"], "is after"),
        (["survey", "results", "--from", "May"], "not a date"),
        (["survey", "results", "--account", "NOPE"], "NOPE"),
        (["survey", "cycle", h["acc"], "weekly"], "weekly"),
        (["survey", "cycle", "NOPE", "monthly"], "NOPE"),
        (["survey", "done", "NOPE"], "No follow-up task with id NOPE"),
        (["survey", "followups", "--account", "NOPE"], "NOPE"),
        (["survey", "due", "--days", "-1"], "--days"),
        (["survey"], "choose an action"),
    ]


def test_bad_input_is_refused_with_one_line_and_nothing_written(cli, huake):
    before = counts(cli.path)
    for args, part in _bad_cases(huake):
        _, _, err = cli(*args, expect=2)
        one_line(err, part)
    assert counts(cli.path) == before


def test_bad_input_is_refused_in_chinese_too(cli, huake):
    h = huake
    _, _, err = cli(
        "survey", "fill", "--account", h["acc"], "--template", h["three"], "--answer",
        "overall=9", "--answer", "buy_again=5", "--answer", "recommend=5", expect=2, lang="zh",
    )  # fmt: skip
    one_line(err, "第 1 题的分数应为 1 到 5")
    _, _, err = cli("survey", "cycle", h["acc"], "每周", expect=2, lang="zh")
    one_line(err, "不是有效的取值")


def test_a_follow_up_is_due_a_week_after_the_survey_is_typed_in(cli, huake):
    saved = fill_low(cli, huake)
    task = data(cli, "survey", "followups")[0]
    assert task["response_id"] == saved["id"]
    assert date.fromisoformat(task["due"]) - date.today() == timedelta(days=7)
