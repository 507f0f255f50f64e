"""``trustdesk server init|status`` against a real PostgreSQL: the schema made once and kept,
the counts read back, and every way of getting it wrong (password, closed port, an address
that is not PostgreSQL's) ending in one sentence that never holds the password — not on
stdout, not on stderr, not in the log file."""

from __future__ import annotations

import json
import logging
import os
import pty
import select
import socket
import sys
import time

import pytest
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from trustdesk.sync.server_models import ChangeLog, Device


def _log_text(data_dir) -> str:
    for handler in logging.getLogger("trustdesk").handlers:
        handler.flush()
    path = data_dir / "logs" / "trustdesk.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _never_shown(secret: str, out: str, err: str, data_dir) -> None:
    assert secret not in out
    assert secret not in err
    assert secret not in _log_text(data_dir)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


def _tables(pg_url, password) -> set[str]:
    engine = create_engine(make_url(pg_url).set(password=password))
    try:
        with engine.connect() as conn:
            return set(
                conn.execute(
                    text(
                        "SELECT table_name FROM information_schema.tables "
                        "WHERE table_schema = 'public'"
                    )
                ).scalars()
            )
    finally:
        engine.dispose()


def test_init_makes_the_schema_and_twice_is_harmless(cli, pg_url, pg_server, data_dir):
    at = pg_url.rsplit("@", 1)[1]
    _, out, _ = cli("server", "init", pg_url)
    assert out == f"{at}: schema 0002 created.\n"
    assert _tables(pg_url, pg_server.password) >= {
        "change_log", "field_state", "conflict", "device", "server_schema_version",
    }  # fmt: skip

    _, out, err = cli("server", "init", pg_url)
    assert out == f"{at}: already at schema 0002.\n"
    _, out_zh, _ = cli("server", "init", pg_url, lang="zh")
    assert out_zh == f"{at}：结构已是 0002。\n"
    _never_shown(pg_server.password, out + out_zh, err, data_dir)


def test_a_wrong_password_says_so_and_never_shows_either_password(
    cli, pg_url, pg_server, data_dir, monkeypatch
):
    wrong = "Wr0ng-" + pg_server.password[:10]
    monkeypatch.setenv("TRUSTDESK_SERVER_PASSWORD", wrong)
    _, out, err = cli("server", "init", pg_url, expect=2)
    at = pg_url.rsplit("@", 1)[1]
    assert err == (
        f"trustdesk: The server at {at} refused the user name or password; check them and "
        "try again.\n"
    )
    _, out_zh, err_zh = cli("server", "status", pg_url, expect=2, lang="zh")
    assert err_zh == f"trustdesk: {at} 上的服务器拒绝了用户名或密码；请检查后重试。\n"
    for secret in (wrong, pg_server.password):
        _never_shown(secret, out + out_zh, err + err_zh, data_dir)
    assert "server " + at + ": cannot connect (password)" in _log_text(data_dir)
    assert _tables(pg_url, pg_server.password) == set()  # nothing was made


def test_pgpassword_is_read_when_trustdesk_s_own_variable_is_not_set(
    cli, pg_url, pg_server, monkeypatch
):
    monkeypatch.delenv("TRUSTDESK_SERVER_PASSWORD")
    monkeypatch.setenv("PGPASSWORD", pg_server.password)
    _, out, _ = cli("server", "init", pg_url)
    assert out.endswith("schema 0002 created.\n")


def test_a_closed_port_says_the_server_cannot_be_reached(cli, pg_server, data_dir):
    port = _closed_port()
    url = f"postgresql+psycopg://{pg_server.user}@127.0.0.1:{port}/team"
    started = time.perf_counter()
    _, out, err = cli("server", "init", url, expect=2)
    assert time.perf_counter() - started < 5
    assert err == (
        f"trustdesk: Could not reach the server at 127.0.0.1:{port}/team: check the address "
        "and the network, and that PostgreSQL is running there.\n"
    )
    _, _, err_zh = cli("server", "status", url, expect=2, lang="zh")
    assert err_zh.startswith(f"trustdesk: 无法连接到 127.0.0.1:{port}/team 上的服务器")
    _never_shown(pg_server.password, out, err + err_zh, data_dir)


def test_no_password_and_no_terminal_to_ask_in_says_what_to_set(
    cli, pg_url, pg_server, monkeypatch
):
    monkeypatch.delenv("TRUSTDESK_SERVER_PASSWORD")
    _, _, err = cli("server", "init", pg_url, expect=2)
    assert "asks for a password: set TRUSTDESK_SERVER_PASSWORD" in err


@pytest.mark.parametrize(
    "url",
    ["sqlite:///team.sqlite3", "mysql://sales@db/crm", "https://crm.example.com"],
)
def test_an_address_that_is_not_postgresql_is_one_sentence(cli, url):
    _, out, err = cli("server", "init", url, expect=2)
    assert out == ""
    assert err.startswith("trustdesk: The team server must be PostgreSQL. The server address")
    assert len(err.splitlines()) == 1


def test_a_password_typed_into_the_address_is_refused_and_not_repeated(cli, pg_server, data_dir):
    url = f"postgresql://{pg_server.user}:{pg_server.password}@127.0.0.1:{pg_server.port}/x"
    _, out, err = cli("server", "init", url, expect=2, lang="zh")
    assert "地址中不能包含密码" in err
    _never_shown(pg_server.password, out, err, data_dir)


def test_status_reports_the_schema_counts_and_devices(cli, pg_url, pg_server):
    _, _, err = cli("server", "status", pg_url, expect=2)
    assert "has no TrustDesk schema yet; run 'trustdesk server init' first" in err
    cli("server", "init", pg_url)
    engine = create_engine(make_url(pg_url).set(password=pg_server.password))
    with engine.begin() as conn:
        conn.execute(
            insert(ChangeLog),
            [
                {"op_id": f"op-{n}", "device_id": "laptop-a", "table_name": "account",
                 "record_id": "r1", "field": "name", "value": f"v{n}", "hlc": str(n),
                 "base_op": None}
                for n in range(4)
            ],
        )  # fmt: skip
        conn.execute(insert(Device).values(device_id="laptop-a", name="王伟的电脑",
                                           last_push_seq=4))  # fmt: skip
    engine.dispose()

    _, out, _ = cli("server", "status", pg_url, "--json")
    status = json.loads(out)
    assert {k: status[k] for k in ("revision", "head", "changes", "conflicts",
                                   "open_conflicts")} == {
        "revision": "0002", "head": "0002", "changes": 4, "conflicts": 0, "open_conflicts": 0,
    }  # fmt: skip
    assert [(d["device_id"], d["name"], d["last_push_seq"]) for d in status["devices"]] == [
        ("laptop-a", "王伟的电脑", 4)
    ]
    assert status["server"] == pg_url.rsplit("@", 1)[1]

    _, out, _ = cli("server", "status", pg_url)
    lines = out.splitlines()
    assert lines[0].endswith(": schema 0002 (current)")
    assert lines[1:4] == ["Changes in the log: 4", "Conflicts: 0 (0 open)", "Devices: 1"]
    assert lines[4].startswith("  laptop-a  王伟的电脑  first seen ")
    assert lines[4].endswith(", pushed to 4, pulled to —")


def _read_until(fd: int, marker: bytes, limit: float = 30) -> bytes:
    seen = b""
    deadline = time.monotonic() + limit
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_the_password_is_asked_in_the_terminal_and_not_echoed(pg_url, pg_server, data_dir):
    """The real command in a terminal with no password in the environment: it asks, the
    typed password is not echoed, and the schema is made."""
    env = {k: v for k, v in os.environ.items() if k not in ("TRUSTDESK_SERVER_PASSWORD",
                                                             "PGPASSWORD")}  # fmt: skip
    env["LANG"] = "C.UTF-8"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the installed command's entry point in a new interpreter
        try:
            os.execve(sys.executable, [sys.executable, "-m", "trustdesk", "--lang", "en",
                                       "server", "init", pg_url], env)  # fmt: skip
        finally:
            os._exit(127)
    prompt = f"Password for {pg_server.user}@{pg_url.rsplit('@', 1)[1]}: ".encode()
    try:
        asked = _read_until(fd, prompt)
        assert asked.endswith(prompt), asked
        os.write(fd, pg_server.password.encode() + b"\n")
        rest = _read_until(fd, b"created.")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    shown = (asked + rest).decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0, shown
    assert "schema 0002 created." in shown
    assert pg_server.password not in shown
