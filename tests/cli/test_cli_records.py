"""Everything the app does with records, done from the command line, and read back from it.

Most run in the test process (the ``cli`` fixture) so that long walks through many commands
stay fast; test_cli.py and the usage-error test below run the real process.
"""

import json
import subprocess
import sys

import sqlalchemy.exc

from trustdesk.errors import StorageError
from trustdesk.services import accounts, relationship_map
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.store import open_store


def as_json(cli, *args):
    return json.loads(cli(*args, "--json")[1])


def one_line_error(err, *parts):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    for part in parts:
        assert part in lines[0], err


def test_account_edit_do_not_serve_restore_and_history(cli):
    acc = as_json(cli, "accounts", "add", "Acme", "--phone", "010-1", "--tag", "old")
    edited = as_json(
        cli, "accounts", "edit", acc["id"], "--name", "Acme Holdings", "--kind", "individual",
        "--industry", "电子", "--region", "深圳", "--address", "南山区 1 号", "--phone", "010-2",
        "--website", "acme.example", "--owner", "李雷", "--notes", "pays late",
        "--tag", "重点", "--tag", "战略",
    )  # fmt: skip
    shown = as_json(cli, "accounts", "show", acc["id"])["account"]
    assert {**shown, "tags": sorted(shown["tags"])} == {**edited, "tags": sorted(edited["tags"])}
    expected = {
        "name": "Acme Holdings", "kind": "individual", "industry": "电子", "region": "深圳",
        "address": "南山区 1 号", "phone": "010-2", "website": "acme.example", "owner": "李雷",
        "notes": "pays late", "tags": {"重点", "战略"},
    }  # fmt: skip
    assert {k: shown[k] for k in expected} | {"tags": set(shown["tags"])} == expected
    # Only the options given change; --clear-tags empties the tags.
    after = as_json(cli, "accounts", "edit", acc["id"], "--phone", "", "--clear-tags")
    assert after["phone"] == "" and after["tags"] == [] and after["owner"] == "李雷"
    cli("accounts", "stage", acc["id"], "first-time", "--reason", "first order")

    on = as_json(cli, "accounts", "do-not-serve", acc["id"], "--reason", "unpaid invoices")
    assert on["do_not_serve"] and on["do_not_serve_reason"] == "unpaid invoices"
    listed = as_json(cli, "accounts", "list")
    assert listed[0]["do_not_serve"] is True
    assert "(do not serve)" in cli("accounts", "list")[1]
    off = as_json(cli, "accounts", "do-not-serve", acc["id"], "--off")
    assert not off["do_not_serve"] and off["do_not_serve_reason"] == ""
    _, _, err = cli("accounts", "do-not-serve", acc["id"], expect=2)
    one_line_error(err, "one of the arguments --reason --off is required")

    story = as_json(cli, "accounts", "history", acc["id"])
    lifted = [(e["old_value"], e["new_value"]) for e in story if e["field"] == "do_not_serve"]
    assert lifted == [("True", "False"), ("False", "True")]
    assert all(e["changed_by"] == "tester" and e["changed_at"] for e in story)
    times = [e["changed_at"] for e in story]
    assert times == sorted(times, reverse=True)  # newest first
    stage = next(e for e in story if e["kind"] == "stage")
    assert (stage["old_value"], stage["new_value"], stage["reason"]) == (
        "skeptic", "first-time", "first order"
    )  # fmt: skip
    phone = [(e["old_value"], e["new_value"]) for e in story if e["field"] == "phone"]
    assert phone == [("010-2", ""), ("010-1", "010-2")]
    assert story[-1] == {**story[-1], "kind": "stage", "old_value": None, "new_value": "skeptic"}
    text = cli("accounts", "history", acc["id"])[1]
    assert "tester  Stage: Skeptic → First-time customer  “first order”" in text
    assert "Phone: 010-1 → 010-2" in text and "Tags: old → 战略, 重点" in text
    zh = cli("accounts", "history", acc["id"], lang="zh")[1]
    assert "阶段：怀疑者 →" in zh and "不予服务：否 → 是" in zh

    cli("accounts", "delete", acc["id"])
    _, _, err = cli("accounts", "show", acc["id"], expect=2)
    one_line_error(err, "No customer")
    assert as_json(cli, "accounts", "restore", acc["id"])["name"] == "Acme Holdings"
    assert [a["id"] for a in as_json(cli, "accounts", "list")] == [acc["id"]]
    _, _, err = cli("accounts", "edit", acc["id"], expect=2)
    one_line_error(err, "Nothing to change", "trustdesk accounts edit --help")


def test_contact_edit_every_field_and_history(cli):
    acc = as_json(cli, "accounts", "add", "华科")
    boss = as_json(cli, "contacts", "add", "--account", acc["id"], "王总", "--title", "总经理")
    zhang = as_json(
        cli, "contacts", "add", "--account", acc["id"], "张三", "--level", "date",
        "--role", "executor", "--email", "z@huake.cn",
    )  # fmt: skip
    edited = as_json(
        cli, "contacts", "edit", zhang["id"], "--name", "张三丰", "--pinyin", "zhang sanfeng",
        "--title", "采购经理", "--department", "采购部", "--phone", "0755-1", "--mobile", "138",
        "--email", "sf@huake.cn", "--wechat", "wx_sf", "--birthday", "1980-05-17",
        "--family-notes", "两个孩子", "--education-notes", "清华", "--notes", "爱打高尔夫",
        "--reports-to", boss["id"], "--attitude", "supporter", "--departed",
        "--level", "partner", "--reason", "family dinner", "--target-level", "ally",
        "--depth", "deep", "--role", "decision-maker", "--role", "influencer", "--placeholder",
    )  # fmt: skip
    shown = as_json(cli, "contacts", "show", zhang["id"])
    assert shown == edited
    expected = {
        "name": "张三丰", "pinyin": "zhang sanfeng", "title": "采购经理", "department": "采购部",
        "phone": "0755-1", "mobile": "138", "email": "sf@huake.cn", "wechat": "wx_sf",
        "birthday": "1980-05-17", "family_notes": "两个孩子", "education_notes": "清华",
        "notes": "爱打高尔夫", "reports_to_id": boss["id"], "attitude": "supporter",
        "departed": True, "level": "partner", "target_level": "ally", "depth": "deep",
        "roles": ["decision-maker", "influencer"], "is_placeholder": True,
    }  # fmt: skip
    assert {k: shown[k] for k in expected} == expected and shown["departed_at"]
    text = cli("contacts", "show", zhang["id"])[1]
    assert f"Reports to: 王总 ({boss['id']})" in text and "Target level: Ally" in text

    cleared = as_json(
        cli, "contacts", "edit", zhang["id"], "--no-boss", "--not-departed", "--no-roles",
        "--no-target-level", "--no-depth", "--not-placeholder", "--birthday", "",
    )  # fmt: skip
    assert {k: cleared[k] for k in ("reports_to_id", "target_level", "depth", "birthday")} == {
        "reports_to_id": None, "target_level": None, "depth": None, "birthday": None
    }  # fmt: skip
    assert cleared["roles"] == [] and not cleared["departed"] and not cleared["is_placeholder"]
    assert cleared["title"] == "采购经理"  # untouched

    story = as_json(cli, "contacts", "history", zhang["id"])
    level = [(e["old_value"], e["new_value"], e["reason"]) for e in story if e["kind"] == "level"]
    assert level == [("date", "partner", "family dinner"), (None, "date", "")]
    fields = {e["field"] for e in story if e["kind"] == "field"}
    assert {"name", "email", "birthday", "reports_to_id", "roles", "departed"} <= fields
    assert all(e["changed_by"] == "tester" for e in story)
    text = cli("contacts", "history", zhang["id"])[1]
    assert "Relationship level: Date → Partner  “family dinner”" in text
    assert "Roles: Executor → Decision-maker/Influencer" in text

    _, _, err = cli("contacts", "edit", zhang["id"], "--reason", "why", expect=2)
    one_line_error(err, "--level")
    _, _, err = cli("contacts", "edit", zhang["id"], "--email", "nope", expect=2)
    one_line_error(err, "not an email address")
    cli("contacts", "delete", boss["id"])
    assert [p["name"] for p in as_json(cli, "contacts", "list", "--account", acc["id"])] == [
        "张三丰"
    ]
    _, _, err = cli("contacts", "show", boss["id"], expect=2)
    one_line_error(err, "No contact")


def test_map_links_and_positions(cli):
    acc = as_json(cli, "accounts", "add", "华科")
    a = as_json(cli, "contacts", "add", "--account", acc["id"], "王总")["id"]
    b = as_json(cli, "contacts", "add", "--account", acc["id"], "张三")["id"]
    link = as_json(cli, "map", "link", "add", b, a, "--kind", "influences", "--note", "老乡")
    assert (link["source_id"], link["target_id"], link["kind"], link["note"]) == (
        b, a, "influences", "老乡"
    )  # fmt: skip
    assert as_json(cli, "map", "link", "list", "--account", acc["id"]) == [link]
    assert f"{link['id']}  张三 → 王总  (Influences)  “老乡”" in cli(
        "map", "link", "list", "--account", acc["id"]
    )[1]  # fmt: skip
    edited = as_json(cli, "map", "link", "edit", link["id"], "--kind", "knows", "--note", "")
    assert (edited["kind"], edited["note"]) == ("knows", "")
    assert as_json(cli, "map", "link", "list", "--account", acc["id"]) == [edited]
    _, _, err = cli("map", "link", "add", a, b, "--kind", "knows", expect=2)  # knows is mutual
    one_line_error(err, "already on the map")
    cli("map", "link", "remove", link["id"])
    assert as_json(cli, "map", "link", "list", "--account", acc["id"]) == []
    _, _, err = cli("map", "link", "remove", link["id"], expect=2)
    one_line_error(err, "No link")

    cli("map", "move", a, "-120.5", "40")
    store = open_store(cli.path)
    try:
        assert store.read(relationship_map.load_map, acc["id"]).positions == {a: (-120.5, 40.0)}
        cli("map", "relayout", "--account", acc["id"])
        assert store.read(relationship_map.load_map, acc["id"]).positions == {}
    finally:
        store.close()


def test_list_filters_are_the_app_list_filters(cli):
    cli("demo", "--accounts", "15", "--seed", "3")
    store = open_store(cli.path)
    try:
        everyone = store.read(accounts.list_accounts, limit=500).rows
        shunned = everyone[2]
        cli("accounts", "do-not-serve", shunned.id, "--reason", "fraud")
        stage = everyone[0].stage
        tag = store.read(accounts.list_tags)[0]
        cases = [
            ([], AccountFilter()),
            (["--stage", stage.code], AccountFilter(stage=stage)),
            (["--tag", tag], AccountFilter(tag=tag)),
            (["--search", "hk"], AccountFilter(text="hk")),
            (["--search", "科技"], AccountFilter(text="科技")),
            (["--hide-do-not-serve"], AccountFilter(include_do_not_serve=False)),
            (["--stage", stage.code, "--tag", tag, "--hide-do-not-serve"],
             AccountFilter(stage=stage, tag=tag, include_do_not_serve=False)),
        ]  # fmt: skip
        for options, where in cases:
            listed = as_json(cli, "accounts", "list", "--limit", "500", *options)
            app = store.read(accounts.list_accounts, where, limit=500).rows
            assert [r["id"] for r in listed] == [r.id for r in app], options
        assert len(as_json(cli, "accounts", "list", "--hide-do-not-serve")) == len(everyone) - 1
        assert any(len(store.read(accounts.list_accounts, w).rows) not in (0, 15) for _, w in cases)
    finally:
        store.close()


def test_usage_mistake_is_one_line_with_the_help_hint(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "trustdesk", "--db", str(tmp_path / "x.sqlite3"),
         "accounts", "list", "--stage", "x"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2 and proc.stdout == ""
    one_line_error(
        proc.stderr,
        "trustdesk: error: argument --stage: invalid choice: 'x'",
        "(see 'trustdesk accounts list --help')",
    )
    assert not (tmp_path / "x.sqlite3").exists()


def test_missing_action_and_exclusive_options(cli):
    _, _, err = cli("accounts", expect=2)
    one_line_error(
        err, "choose an action: add, edit, list, show,", "(see 'trustdesk accounts --help')"
    )
    _, _, err = cli("map", "link", expect=2)
    one_line_error(err, "choose an action: add, list, edit, remove", "'trustdesk map link --help'")
    _, _, err = cli("contacts", "edit", "X", "--reports-to", "Y", "--no-boss", expect=2)
    one_line_error(err, "--no-boss: not allowed with argument --reports-to")
    _, _, err = cli("map", "link", "add", "A", "B", "--kind", "hates", expect=2)
    one_line_error(err, "invalid choice: 'hates'", "'trustdesk map link add --help'")


def test_a_bug_shows_the_log_file_not_the_exception(cli, data_dir, monkeypatch):
    secret = "SELECT * FROM contact WHERE name = '张三' AND mobile = '13800000000'"

    def broken(*_args, **_kwargs):
        raise sqlalchemy.exc.InvalidRequestError(secret)

    monkeypatch.setattr(accounts, "list_accounts", broken)
    _, out, err = cli("accounts", "list", expect=1)
    log_file = data_dir / "logs" / "trustdesk.log"
    one_line_error(err, "unexpected problem", str(log_file))
    assert "张三" not in err + out and "SELECT" not in err
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "cli/accounts.py" in logged and "InvalidRequestError" in logged
    assert "张三" not in logged and "13800000000" not in logged

    def busy(*_args, **_kwargs):
        raise StorageError(
            "The database is busy; try again.", zh="数据库正忙，请重试。", kind="busy"
        )

    monkeypatch.setattr(accounts, "list_accounts", busy)
    _, _, err = cli("accounts", "list", expect=2, lang="zh")
    one_line_error(err, "数据库正忙，请重试。")


def test_db_check_names_broken_links_without_data(cli):
    import sqlite3

    acc = as_json(cli, "accounts", "add", "华科")
    cli("db", "check")
    with sqlite3.connect(cli.path) as conn:  # a reference to nobody, as a damaged file has
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            "INSERT INTO map_position (contact_id, account_id, x, y, updated_at)"
            " VALUES (?, ?, 1, 2, '2026-01-01 00:00:00')",
            ("01NOBODY", acc["id"]),
        )
    conn.close()
    _, out, err = cli("db", "check", expect=1)
    lines = err.strip().splitlines()
    assert out == "" and lines[0].endswith("is damaged; problems found: 1.")
    assert lines[1] == "  - Row 1 of table map_position refers to a record missing from contact."
    assert lines[2].startswith("Nothing was changed.") and "01NOBODY" not in err


def test_link_edit_cannot_make_a_duplicate(cli):
    acc = as_json(cli, "accounts", "add", "华科")
    a = as_json(cli, "contacts", "add", "--account", acc["id"], "王总")["id"]
    b = as_json(cli, "contacts", "add", "--account", acc["id"], "张三")["id"]
    as_json(cli, "map", "link", "add", a, b, "--kind", "knows")
    sways = as_json(cli, "map", "link", "add", b, a, "--kind", "influences")
    _, _, err = cli("map", "link", "edit", sways["id"], "--kind", "knows", expect=2)
    one_line_error(err, "already on the map")
    kinds = sorted(e["kind"] for e in as_json(cli, "map", "link", "list", "--account", acc["id"]))
    assert kinds == ["influences", "knows"]


def test_cli_corrects_an_individual_customers_pinyin(cli):
    _, out, _ = cli("accounts", "add", "李乐乐", "--kind", "individual")
    account_id = out.split("id ")[-1].split(")")[0]
    cli("accounts", "edit", account_id, "--pinyin", "li yue yue")
    _, out, _ = cli("search", "lyy")
    assert "李乐乐" in out
