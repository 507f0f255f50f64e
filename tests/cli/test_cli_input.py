"""Bad input on the command line: always one line (plus the --help to read) and exit code 2,
never "unexpected error", never a database made or changed by mistake."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from trustdesk.cli import main


def one_line(err, *parts):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    for part in parts:
        assert part in lines[0], err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["accounts", "list", "--limit", "99999999999999999999"], "--limit: must be from 1 to"),
        (["accounts", "list", "--limit", "0"], "--limit: must be from 1 to 10,000"),
        (["accounts", "list", "--limit", "10001"], "--limit: must be from 1 to 10,000"),
        (["accounts", "list", "--offset", "-1"], "--offset: must be from 0 to"),
        (["accounts", "list", "--offset", "99999999999999999999"], "--offset: must be from 0"),
        (["search", "zs", "--limit", "0"], "--limit: must be from 1 to 10,000"),
        (["demo", "--accounts", "0"], "--accounts: must be from 1 to 200,000"),
        (["demo", "--accounts", "1000000000"], "--accounts: must be from 1 to 200,000"),
        (["map", "move", "C", "nan", "1"], "argument x: must be a number"),
        (["map", "move", "C", "1", "1e999"], "argument y: must be a number"),
        (["accounts", "list", "--limit", "ten"], "--limit: not a whole number: 'ten'"),
    ],
)
def test_numbers_out_of_bounds_are_usage_errors(cli, args, message):
    _, out, err = cli(*args, expect=2)
    one_line(err, "trustdesk: error: argument ", message, "--help')")
    assert out == "" and not cli.path.exists()


def test_bounds_that_fit_are_taken(cli):
    cli("demo", "--accounts", "3")
    listed = json.loads(cli("accounts", "list", "--limit", "10000", "--offset", "1", "--json")[1])
    assert len(listed) == 2
    name = listed[0]["name"]
    hits = json.loads(cli("search", name, "--limit", "1", "--json")[1])
    assert len(hits) == 1 and hits[0]["name"] == name  # was "No matches." with --limit 0


def test_an_empty_db_name_is_a_usage_error_not_the_default(data_dir, capsys):
    for args in (["--db", "", "accounts", "list"], ["accounts", "list", "--db", " "]):
        assert main(args) == 2
        out, err = capsys.readouterr()
        one_line(err, "argument --db: needs a file name", "--help')")
        assert out == ""
    assert not (data_dir / "trustdesk.sqlite3").exists()


def test_an_argument_that_is_not_utf8_is_refused(tmp_path):
    db = tmp_path / "x.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-m", "trustdesk", "--db", str(db), "--create", "accounts", "add",
         b"\xff\xfeAcme"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2 and proc.stdout == ""
    one_line(proc.stderr, "argument 6 is not valid UTF-8 text", "(see 'trustdesk --help')")
    assert not db.exists()


def test_a_missing_db_file_is_refused_unless_asked_to_create_it(cli, tmp_path, monkeypatch):
    typo = tmp_path / "typo.sqlite3"
    commands = [
        ["accounts", "list"],
        ["accounts", "add", "Acme"],
        ["db", "check"],
        ["search", "x"],
        ["screenshot", "customers", "--out", str(tmp_path / "s.png")],
    ]
    for args in commands:
        _, out, err = cli(*args, db=typo, create=False, expect=2)
        one_line(err, f"There is no database at {typo}", "--create", "db upgrade")
        assert out == "" and not typo.exists()
    _, _, err = cli("accounts", "list", db=typo, create=False, lang="zh", expect=2)
    one_line(err, f"{typo} 处没有数据库", "--create")

    monkeypatch.setenv("TRUSTDESK_DB", str(typo))  # a typo in the environment, likewise
    assert main(["accounts", "list"]) == 2 and not typo.exists()
    monkeypatch.delenv("TRUSTDESK_DB")

    cli("accounts", "add", "Acme", db=typo, create=True)  # --create makes it
    assert "Acme" in cli("accounts", "list", db=typo, create=False)[1]
    made = tmp_path / "made.sqlite3"
    assert "schema upgraded" in cli("db", "upgrade", db=made, create=False)[1]
    demo = tmp_path / "fresh" / "demo.sqlite3"  # packaging/setup.sh run, on a fresh machine
    demo.parent.mkdir()
    assert "Added 2 demo customers" in cli("demo", "--if-empty", "--accounts", "2", db=demo,
                                           create=False)[1]  # fmt: skip
    assert "already has customers" in cli("demo", "--if-empty", db=demo, create=False)[1]


def test_the_default_database_is_made_on_first_use(data_dir, capsys):
    assert main(["--lang", "en", "accounts", "list"]) == 0  # the README's first steps
    assert capsys.readouterr().out == "(0 of 0 customers)\n"
    assert (data_dir / "trustdesk.sqlite3").exists()


def test_the_gui_on_a_missing_db_is_refused_before_a_window_opens(tmp_path):
    typo = tmp_path / "typo.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-m", "trustdesk", "--db", str(typo)],
        capture_output=True, text=True, timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )  # fmt: skip
    assert proc.returncode == 2
    one_line(proc.stderr, "There is no database at", "--create")
    assert not typo.exists()


def test_a_screenshot_must_be_a_png(cli, tmp_path):
    cli("demo", "--accounts", "1")
    for name in ("s.txt", "s", "s.png.txt"):
        _, _, err = cli("screenshot", "customers", "--out", str(tmp_path / name), expect=2)
        one_line(err, "--out must name a .png file")
        assert not (tmp_path / name).exists()


def test_text_with_control_characters_is_refused_in_both_languages(cli):
    for bad, code in [("\x1b[31mred", "U+001B"), ("a\u202egnp", "U+202E"), ("x\x00", "U+0000")]:
        _, _, err = cli("accounts", "add", bad, expect=2)
        one_line(err, "Customer name contains a control character", code)
        _, _, err = cli("accounts", "add", bad, expect=2, lang="zh")
        one_line(err, "客户名称包含无法保存的控制字符", code)
    _, _, err = cli("accounts", "add", "\u200b\u200b", expect=2)
    one_line(err, "Customer name must contain a visible character")
    listed = json.loads(cli("accounts", "list", "--json")[1])
    assert listed == []


def test_old_data_with_control_characters_is_printed_escaped(cli):
    acc = json.loads(cli("accounts", "add", "Acme", "--region", "深圳", "--json")[1])
    contact = json.loads(
        cli("contacts", "add", "--account", acc["id"], "张三", "--title", "经理", "--json")[1]
    )
    with sqlite3.connect(cli.path) as conn:  # saved by an older version, or another program
        conn.execute("UPDATE account SET name = ?, region = ?", ("\x1b[2JEvil\u202eCorp", "a\nb"))
        conn.execute("UPDATE contact SET name = ?, title = ?", ("\x07Bell", "\x9b31m"))
    conn.close()
    out = cli("accounts", "list")[1] + cli("contacts", "list", "--account", acc["id"])[1]
    out += cli("accounts", "show", acc["id"])[1] + cli("contacts", "show", contact["id"])[1]
    assert not any(ch in out for ch in "\x1b\u202e\x07\x9b")
    assert "\\x1b[2JEvil\\u202eCorp" in out and "\\x07Bell" in out and "\\x9b31m" in out
    assert "a\\nb" in cli("accounts", "list")[1]  # one line per customer


def test_demo_refuses_a_database_with_customers_unless_forced(cli):
    assert "Added 12 demo customers" in cli("demo", "--accounts", "12")[1]
    _, out, err = cli("demo", "--accounts", "12", expect=2)
    one_line(err, "already has 12 customers", "Add --force")
    assert out == ""
    _, _, err = cli("demo", "--accounts", "12", expect=2, lang="zh")
    one_line(err, "已有 12 个客户；演示数据只写入空数据库。")
    listed = json.loads(cli("accounts", "list", "--json")[1])
    assert len(listed) == 12  # nothing was added
    assert "Added 1 demo customer with" in cli("demo", "--accounts", "1", "--force")[1]
    names = [a["name"] for a in json.loads(cli("accounts", "list", "--json")[1])]
    assert len(names) == 13 == len(set(names))
