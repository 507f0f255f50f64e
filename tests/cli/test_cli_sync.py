"""``trustdesk sync`` and ``trustdesk conflicts`` against a real PostgreSQL: two laptop files
edit offline and sync by command; the same field edited on both shows both values and is
resolved by command on both; a wrong password, a server without the schema or out of reach
end in one sentence with nothing lost; ``sync --status`` works with no server at all."""

from __future__ import annotations

import json
import time

import pytest

from tests.cli.test_cli_server import _closed_port, _never_shown

pytestmark = pytest.mark.usefixtures("pg_server")


@pytest.fixture
def laptops(cli, tmp_path):
    """Two laptops' database files, run through the same in-process command line."""

    def on(path):
        def run(*args, **kw):
            return cli(*args, db=path, **kw)

        run.path = path
        return run

    return on(tmp_path / "a.sqlite3"), on(tmp_path / "b.sqlite3")


def _json(run, *args, **kw):
    return json.loads(run(*args, "--json", **kw)[1])


def _status(run) -> dict:
    return _json(run, "sync", "--status")


def _account(run, account_id) -> dict:
    return _json(run, "accounts", "show", account_id)["account"]


def _phone(run, account_id) -> str:
    return _account(run, account_id)["phone"]


def test_two_laptops_edit_offline_sync_and_see_each_other_s_customers(cli, laptops, pg_url):
    a, b = laptops
    at = pg_url.rsplit("@", 1)[1]
    cli("server", "init", pg_url)
    huake = _json(a, "accounts", "add", "深圳华科电子有限公司", "--region", "深圳")["id"]
    a("contacts", "add", "--account", huake, "张伟", "--title", "总经理")
    harbor = _json(b, "accounts", "add", "Harbor Point Medical", "--region", "Boston")["id"]
    assert _status(a)["pending"] > 0

    started = time.perf_counter()
    _, out, _ = a("sync", "--server", pg_url)
    lines = out.splitlines()
    assert lines[0].startswith(f"Synced with {at} in ") and lines[0].endswith(" s.")
    assert lines[1].startswith("Sent ") and lines[1].endswith("; received 0 changed records.")
    assert lines[2:] == ["No open conflicts."]

    first_b = _json(b, "sync", "--server", pg_url)
    assert first_b["server"] == at
    assert first_b["pushed"] > 0
    assert first_b["pulled"] >= 2  # 华科 and 张伟
    assert (first_b["conflicts"], first_b["new_conflicts"]) == (0, 0)
    again_a = _json(a, "sync")  # the remembered server: no --server needed
    assert again_a["pulled"] >= 1
    assert time.perf_counter() - started < 10

    shown = _account(b, huake)
    assert (shown["name"], shown["region"]) == ("深圳华科电子有限公司", "深圳")
    assert [p["name"] for p in _json(b, "contacts", "list", "--account", huake)] == ["张伟"]
    _, found, _ = b("search", "华科")  # the search index knows the pulled customer
    assert huake in found
    assert _account(a, harbor)["name"] == "Harbor Point Medical"

    for run in (a, b):
        state = _status(run)
        assert state["server"] == pg_url  # remembered without a password
        assert (state["pending"], state["open_conflicts"]) == (0, 0)
        assert state["last_sync_at"] is not None
    _, out_zh, _ = b("sync", lang="zh")
    assert out_zh.startswith(f"已与 {at} 同步，用时 ")
    assert out_zh.endswith("没有未解决的冲突。\n")


def test_the_same_field_on_two_laptops_keeps_both_until_one_is_kept_on_both(cli, laptops, pg_url):
    a, b = laptops
    cli("server", "init", pg_url)
    huake = _json(a, "accounts", "add", "深圳华科电子有限公司")["id"]
    a("sync", "--server", pg_url)
    b("sync", "--server", pg_url)
    a("accounts", "edit", huake, "--phone", "0755-1111")
    b("accounts", "edit", huake, "--phone", "0755-2222")

    a("sync")
    _, out, _ = b("sync")
    assert "Conflicts: 1 open (1 new); see 'trustdesk conflicts list'." in out
    assert _json(a, "sync")["conflicts"] == 1  # the conflict reaches the other laptop too

    for run in (a, b):
        [c] = _json(run, "conflicts", "list")
        assert (c["record_label"], c["kind"], c["field"]) == (
            "深圳华科电子有限公司",
            "field",
            "phone",
        )
        assert {c["winner_value"], c["loser_value"]} == {"0755-1111", "0755-2222"}
        assert c["resolved_at"] is None
    loser = c["loser_value"]
    assert _phone(a, huake) == _phone(b, huake) == c["winner_value"]

    _, listed, _ = b("conflicts", "list")
    lines = listed.splitlines()
    assert lines[0].startswith(f"Conflict {c['id']}  customer 深圳华科电子有限公司  Phone  (found ")
    assert lines[1].startswith(f"  winner  {c['winner_value']}  ")
    assert lines[1].endswith("  ← here now")
    assert lines[2].startswith(f"  loser   {loser}  ")
    assert lines[3] == f"  keep one: trustdesk conflicts resolve {c['id']} --keep winner|loser"
    _, listed_zh, _ = b("conflicts", "list", lang="zh")
    assert listed_zh.startswith(f"冲突 {c['id']}  客户 深圳华科电子有限公司  电话  （发现于 ")

    _, out, _ = b("conflicts", "resolve", str(c["id"]), "--keep", "loser")
    assert out == (
        f"Conflict {c['id']} resolved: kept {loser} (loser). The other laptops get it with "
        "their next 'trustdesk sync'.\n"
    )
    assert _phone(b, huake) == loser
    _, _, err = b("conflicts", "resolve", str(c["id"]), "--keep", "winner", expect=2)
    assert err == f"trustdesk: Conflict {c['id']} is already resolved.\n"

    b("sync")
    a("sync")
    for run in (a, b):
        assert _phone(run, huake) == loser
        assert run("conflicts", "list")[1] == "No open conflicts.\n"
        [done] = [x for x in _json(run, "conflicts", "list", "--all") if x["id"] == c["id"]]
        assert done["resolved_at"] is not None
        assert _status(run)["open_conflicts"] == 0


def test_a_delete_against_an_edit_shows_both_and_keeping_the_delete_deletes_everywhere(
    cli, laptops, pg_url
):
    a, b = laptops
    cli("server", "init", pg_url)
    huake = _json(a, "accounts", "add", "深圳华科电子有限公司")["id"]
    a("sync", "--server", pg_url)
    b("sync", "--server", pg_url)
    a("accounts", "delete", huake)
    b("accounts", "edit", huake, "--phone", "0755-2222")
    b("sync")
    assert _json(a, "sync")["new_conflicts"] == 1
    _, listed, _ = a("conflicts", "list")
    lines = listed.splitlines()
    what = "  customer 深圳华科电子有限公司  deleted on one laptop, edited on another  (found "
    assert what in lines[0]
    assert lines[1].startswith("  winner  kept, edited (0755-2222)  ")
    assert lines[2].startswith("  loser   deleted  ")
    assert _account(a, huake)["name"] == "深圳华科电子有限公司"  # kept until one is chosen

    conflict_id = _json(a, "conflicts", "list")[0]["id"]
    _, out, _ = a("conflicts", "resolve", str(conflict_id), "--keep", "loser")
    assert out.startswith(f"Conflict {conflict_id} resolved: kept deleted (loser).")
    a("sync")
    b("sync")
    for run in (a, b):
        assert huake not in run("accounts", "list")[1]
        assert run("conflicts", "list")[1] == "No open conflicts.\n"


def test_a_wrong_password_is_one_sentence_and_nothing_is_lost(
    cli, laptops, pg_url, pg_server, data_dir, monkeypatch
):
    a, _ = laptops
    at = pg_url.rsplit("@", 1)[1]
    cli("server", "init", pg_url)
    huake = _json(a, "accounts", "add", "深圳华科电子有限公司")["id"]
    before = _status(a)
    wrong = "Wr0ng-" + pg_server.password[:10]
    monkeypatch.setenv("TRUSTDESK_SERVER_PASSWORD", wrong)

    _, out, err = a("sync", "--server", pg_url, expect=2)
    assert out == ""
    assert err == (
        f"trustdesk: The server at {at} refused the user name or password; check them and "
        "try again.\n"
    )
    _, out_json, err_json = a("sync", "--server", pg_url, "--json", expect=2)
    for secret in (wrong, pg_server.password):
        _never_shown(secret, out + out_json, err + err_json, data_dir)
    assert _status(a) == before  # nothing sent, the address not remembered
    assert _account(a, huake)["name"] == "深圳华科电子有限公司"


def test_a_server_without_the_schema_or_out_of_reach_loses_nothing(
    cli, laptops, pg_url, pg_server, data_dir
):
    a, _ = laptops
    at = pg_url.rsplit("@", 1)[1]
    a("accounts", "add", "深圳华科电子有限公司")
    before = _status(a)

    _, out, err = a("sync", "--server", pg_url, expect=2)
    assert (out, err) == ("", f"trustdesk: The server at {at} has no TrustDesk schema yet; "
                              "run 'trustdesk server init' first.\n")  # fmt: skip
    assert _status(a) == before

    port = _closed_port()
    nowhere = f"postgresql+psycopg://{pg_server.user}@127.0.0.1:{port}/team"
    started = time.perf_counter()
    _, _, err = a("sync", "--server", nowhere, expect=2, lang="zh")
    assert time.perf_counter() - started < 5
    assert err.startswith(f"trustdesk: 无法连接到 127.0.0.1:{port}/team 上的服务器")
    assert len(err.splitlines()) == 1
    assert _status(a) == before

    cli("server", "init", pg_url)  # the server is made: the same edits go out whole
    assert _json(a, "sync", "--server", pg_url)["pushed"] > 0
    assert _status(a)["pending"] == 0
    _never_shown(pg_server.password, out, err, data_dir)


def test_sync_status_works_offline_and_a_first_sync_needs_the_address(laptops, pg_server):
    a, _ = laptops
    a("accounts", "add", "深圳华科电子有限公司")
    _, out, _ = a("sync", "--status")
    lines = out.splitlines()
    assert lines[0].startswith("This laptop: device ")
    assert lines[1:3] == ["Server: — (never synced)", "Last sync: never"]
    assert lines[3].startswith("Edits waiting to be sent: ") and lines[3] != (
        "Edits waiting to be sent: 0"
    )
    assert lines[4] == "Open conflicts: 0"
    _, out_zh, _ = a("sync", "--status", lang="zh")
    assert "服务器：—（从未同步）" in out_zh.splitlines()

    _, _, err = a("sync", expect=2)
    assert err.startswith("trustdesk: This laptop has not synced with a server yet: give its "
                          "address once")  # fmt: skip
    _, _, err = a("sync", "--status", "--server", "postgresql+psycopg://u@h/db", expect=2)
    assert "not allowed with argument" in err


def test_a_password_in_the_address_is_refused_and_not_repeated(laptops, pg_server, data_dir):
    a, _ = laptops
    url = f"postgresql://{pg_server.user}:{pg_server.password}@127.0.0.1:{pg_server.port}/x"
    _, out, err = a("sync", "--server", url, expect=2)
    assert "The address must not hold the password" in err
    _never_shown(pg_server.password, out, err, data_dir)
    assert _status(a)["server"] is None


def test_a_laptop_keeps_its_server(cli, laptops, pg_url, pg_server):
    a, _ = laptops
    cli("server", "init", pg_url)
    a("sync", "--server", pg_url)
    other = pg_url.rsplit("/", 1)[0] + "/elsewhere"
    _, _, err = a("sync", "--server", other, expect=2)
    at = pg_url.rsplit("@", 1)[1]
    assert err == (
        f"trustdesk: This database syncs with the server at {at}, not "
        f"127.0.0.1:{pg_server.port}/elsewhere: what it has sent and received is that "
        "server's. Sync it with that server, or use a new database file for the other one.\n"
    )
    assert _status(a)["server"] == pg_url
