"""The log after a run of commands: it goes on when the disk will not take it, and it names
record ids and error classes, never the names, numbers, addresses and notes people typed."""

import errno
import io
import logging

import pytest

from trustdesk import logs
from trustdesk.logs import LogFile, current_log_file
from trustdesk.services import accounts, contacts


@pytest.fixture(autouse=True)
def fresh_logging(monkeypatch):
    monkeypatch.setattr(logs, "_told", set())
    root = logging.getLogger("trustdesk")
    yield
    for handler in [h for h in root.handlers if isinstance(h, LogFile)]:
        root.removeHandler(handler)
        handler.close()


def _log_text(data_dir) -> str:
    for handler in logging.getLogger("trustdesk").handlers:
        handler.flush()
    return (data_dir / "logs" / "trustdesk.log").read_text(encoding="utf-8")


class FullDisk(io.StringIO):
    def write(self, _text):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_bug_while_logging_is_off_says_so_without_a_traceback(cli, data_dir, monkeypatch):

    (data_dir / "logs").write_text("not a folder")

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(accounts, "list_accounts", broken)
    _, _, err = cli("accounts", "list", expect=1, lang="zh")
    assert err.splitlines() == [
        f"trustdesk: 日志文件已停用：{data_dir / 'logs'}: File exists",
        "trustdesk: 出现意外问题（程序错误）；日志文件已停用，未能保存详情",
    ]
    assert current_log_file() is None


def test_the_disk_filling_while_running_turns_the_log_off_once(cli, data_dir, monkeypatch):
    """A command whose log file stops taking lines (ENOSPC) finishes as if nothing happened,
    with one line on stderr instead of a 30-line "Logging error" for every record."""
    real_open = LogFile._open
    monkeypatch.setattr(LogFile, "_open", lambda self: FullDisk())
    _, out, err = cli("accounts", "add", "Acme")
    assert out.startswith("Added customer Acme")
    path = data_dir / "logs" / "trustdesk.log"
    assert err.splitlines() == [
        f"trustdesk: logging to a file is off: {path}: No space left on device"
    ]
    _, _, err = cli("accounts", "show", "01NOPE", expect=2)  # more records, same process
    assert err.splitlines() == ["trustdesk: No customer with id 01NOPE."]
    monkeypatch.setattr(LogFile, "_open", real_open)  # space was freed: the next command logs
    cli("accounts", "list")
    assert current_log_file() == path
    logging.getLogger("trustdesk").handlers[-1].flush()
    assert "trustdesk accounts list" not in path.read_text(encoding="utf-8")  # reads: silent
    cli("accounts", "add", "Beta")
    logging.getLogger("trustdesk").handlers[-1].flush()
    assert "trustdesk accounts add: saved" in path.read_text(encoding="utf-8")


# What people typed in the run below: none of it may reach the log.
COMPANY, RENAMED = "深圳保密科技有限公司", "深圳保密科技集团"
ZHANG, MARGARET, WANG = "张秘密", "Margaret Hidden", "王隐藏"
MOBILES = ("13912345678", "+86 138 7654 3210", "13900001111")
EMAILS = ("zhang.mimi@example.com", "m.hidden@example.org", "margaret.hidden@@nowhere")
NOTES = (
    "董事长喜欢喝普洱",
    "女儿在实验学校读三年级",
    "husband plays golf on Sundays",
    "一起吃了家宴",
)
OTHER = ("0755-88886666", "采购总监", "zhangmimi_wx", "老乡会")


def _as_json(cli, *args):
    import json

    return json.loads(cli(*args, "--json")[1])


def test_the_log_holds_ids_and_error_classes_never_what_people_typed(cli, data_dir, monkeypatch):
    acc = _as_json(cli, "accounts", "add", COMPANY, "--phone", OTHER[0], "--notes", NOTES[0])
    zhang = _as_json(
        cli, "contacts", "add", "--account", acc["id"], ZHANG, "--mobile", MOBILES[0],
        "--email", EMAILS[0], "--family-notes", NOTES[1],
    )  # fmt: skip
    margaret = _as_json(
        cli, "contacts", "add", "--account", acc["id"], MARGARET, "--mobile", MOBILES[1],
        "--email", EMAILS[1], "--family-notes", NOTES[2],
    )  # fmt: skip
    cli("contacts", "edit", zhang["id"], "--title", OTHER[1], "--wechat", OTHER[2],
        "--reports-to", margaret["id"], lang="zh")  # fmt: skip
    cli("contacts", "level", zhang["id"], "partner", "--reason", NOTES[3])
    cli("map", "link", "add", zhang["id"], margaret["id"], "--kind", "knows", "--note", OTHER[3])
    cli("accounts", "edit", acc["id"], "--name", RENAMED)

    # Refused input: the sentence on screen quotes the email, the log must not.
    _, _, err = cli("contacts", "edit", margaret["id"], "--email", EMAILS[2], expect=2)
    assert EMAILS[2] in err
    cli("contacts", "add", "--account", acc["id"], "\x1b[2J" + WANG, expect=2, lang="zh")

    # A busy database: another program holds the write lock.
    import sqlite3

    from trustdesk.db import engine

    other = sqlite3.connect(cli.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # the test need not wait 10 s
    try:
        _, _, err = cli("contacts", "edit", zhang["id"], "--mobile", MOBILES[2], expect=2)
    finally:
        other.rollback()
        other.close()
    assert "Another program is writing" in err

    # Bugs whose messages quote customers' data.
    def broken_list(*_args, **_kwargs):
        raise ValueError(f"cannot sort {ZHANG} ({MOBILES[0]}) before {MARGARET}")

    def broken_show(*_args, **_kwargs):
        raise KeyError(EMAILS[1])

    monkeypatch.setattr(contacts, "list_contacts", broken_list)
    monkeypatch.setattr(accounts, "get_account", broken_show)
    cli("contacts", "list", "--account", acc["id"], expect=1)
    cli("accounts", "show", acc["id"], expect=1)

    logged = _log_text(data_dir)
    for secret in (COMPANY, RENAMED, ZHANG, MARGARET, WANG, *MOBILES, *EMAILS, *NOTES, *OTHER):
        assert secret not in logged, secret
    for digits in ("13912345678", "87654321", "7654 3210", "00001111"):
        assert digits not in logged.replace("-", "")
    for record_id in (acc["id"], zhang["id"], margaret["id"]):
        assert record_id in logged, record_id
    for kind in ("ValidationError, field email", "ValidationError, field name", "busy",
                 "builtins.ValueError", "builtins.KeyError", "Traceback"):  # fmt: skip
        assert kind in logged, kind
