"""The command line as a user types it: exit codes, JSON, readable errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args, db: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if db is not None:
        env["TRUSTDESK_DB"] = str(db)
    proc = subprocess.run(
        [sys.executable, "-m", "trustdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "cli.sqlite3"
    path.touch()  # an empty file, as a user would point TRUSTDESK_DB at
    return path


def test_issue_walkthrough(db_file):
    assert "schema upgraded" in run("db", "upgrade", db=db_file).stdout
    account = json.loads(
        run("accounts", "add", "深圳华科电子有限公司", "--json", db=db_file).stdout
    )
    assert account["name"] == "深圳华科电子有限公司" and account["id"]
    zhang = json.loads(
        run("contacts", "add", "--account", account["id"], "张三", "--title", "采购经理",
            "--level", "date", "--role", "decision-maker", "--role", "influencer", "--json",
            db=db_file).stdout
    )  # fmt: skip
    assert zhang["roles"] == ["decision-maker", "influencer"]
    assert zhang["level"] == "date"
    margaret = json.loads(
        run("contacts", "add", "--account", account["id"], "Margaret Thompson", "--json",
            db=db_file).stdout
    )  # fmt: skip
    for query, expected in [("张三", zhang), ("zhangsan", zhang), ("zs", zhang),
                            ("garet", margaret)]:  # fmt: skip
        hits = json.loads(run("search", query, "--json", db=db_file).stdout)
        assert {"kind": "contact", "id": expected["id"], "name": expected["name"]}.items() <= hits[
            0
        ].items(), query
    assert "Added 120 demo customers" in run("demo", "--force", db=db_file).stdout
    assert run("db", "check", db=db_file).returncode == 0
    listed = json.loads(run("accounts", "list", "--limit", "500", "--json", db=db_file).stdout)
    assert len(listed) == 121
    assert {"id", "name", "stage"} <= listed[0].keys()


def _assert_refused(proc, message):
    """``proc``: a finished process, or the (code, stdout, stderr) of the ``cli`` fixture."""
    code, stderr = (proc[0], proc[2]) if isinstance(proc, tuple) else (proc.returncode, proc.stderr)
    assert code == 2
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], stderr


def test_missing_folder(tmp_path):
    proc = run("--db", str(tmp_path / "nope" / "x.sqlite3"), "db", "upgrade", check=False)
    _assert_refused(proc, "does not exist")
    assert not (tmp_path / "nope").exists()


def test_not_sqlite_left_untouched(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"my precious notes\n" * 100)
    before = bad.read_bytes()
    proc = run("--db", str(bad), "accounts", "list", check=False)
    _assert_refused(proc, "not SQLite")
    assert bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "userdata"]


def test_unknown_id(cli):
    _assert_refused(cli("accounts", "show", "01NOPE", expect=2), "No customer")
    _assert_refused(
        cli("contacts", "add", "--account", "01NOPE", "张三", expect=2),
        "No customer",
    )


def test_bad_values(cli):
    _assert_refused(cli("accounts", "add", "  ", expect=2), "cannot be empty")
    _, _, err = cli("contacts", "add", "--account", "x", "A", "--level", "friend", expect=2)
    assert "invalid choice" in err


def test_db_check_fails_on_old_schema(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    run("--db", str(path), "db", "upgrade")
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("DROP TABLE field_change")
    proc = run("--db", str(path), "db", "check", check=False)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr


def test_backup_is_a_readable_copy(cli, tmp_path):
    cli("accounts", "add", "Acme")
    out = tmp_path / "copy.sqlite3"
    assert "Backed up" in cli("db", "backup", "--out", str(out))[1]
    listed = json.loads(cli("accounts", "list", "--json", db=out)[1])
    assert [a["name"] for a in listed] == ["Acme"]
    _assert_refused(cli("db", "backup", "--out", str(out), expect=2), "already exists")


def test_stage_change_from_cli(cli):
    acc = json.loads(cli("accounts", "add", "Acme", "--json")[1])
    cli("accounts", "stage", acc["id"], "first-time", "--reason", "first order")
    shown = json.loads(cli("accounts", "show", acc["id"], "--json")[1])
    assert shown["account"]["stage"] == "first-time"
    assert shown["stage_history"][0]["reason"] == "first order"
    _assert_refused(
        cli("accounts", "stage", acc["id"], "lost", "--reason", "gone", expect=2), "Say why"
    )


def test_demo_is_reproducible(cli, tmp_path):
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for path in (a, b):
        cli("demo", "--accounts", "15", "--seed", "7", db=path)
    names = [[x["name"] for x in json.loads(cli("accounts", "list", "--json", db=p)[1])]
             for p in (a, b)]  # fmt: skip
    assert names[0] == names[1] and len(names[0]) == 15


def test_map_export_from_the_cli(tmp_path):
    import xml.etree.ElementTree as ET

    from PySide6.QtGui import QImage

    db = tmp_path / "map.sqlite3"
    run("--db", str(db), "demo", "--accounts", "12")
    listed = json.loads(run("--db", str(db), "accounts", "list", "--tag", "战略", "--json").stdout)
    big = next(a for a in listed if a["name"] == "深圳华科电子有限公司")
    people = json.loads(
        run("--db", str(db), "contacts", "list", "--account", big["id"], "--json").stdout
    )
    png, svg = tmp_path / "big.png", tmp_path / "big.svg"
    assert (
        "Saved"
        in run("--db", str(db), "map", "export", "--account", big["id"], "--out", str(png)).stdout
    )
    run("--db", str(db), "--lang", "zh", "map", "export", "--account", big["id"], "--out", str(svg))
    image = QImage(str(png))
    assert image.width() > 1000 and image.height() > 600
    texts = "".join(
        t.text or "" for t in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}text")
    )
    assert all(p["name"] in texts for p in people) and len(people) >= 38
    bad = run(
        "--db",
        str(db),
        "map",
        "export",
        "--account",
        big["id"],
        "--out",
        str(tmp_path / "x.gif"),
        check=False,
    )
    _assert_refused(bad, "use .png or .svg")
    _assert_refused(
        run(
            "--db", str(db), "map", "export", "--account", "01NOPE", "--out", str(png), check=False
        ),
        "No customer",
    )


def test_errors_follow_the_language(tmp_path):
    proc = run(
        "--db", str(tmp_path / "nope" / "x.sqlite3"), "--lang", "zh", "db", "upgrade", check=False
    )
    _assert_refused(proc, "不存在，请先创建")
