"""``trustdesk db encrypt | decrypt | passphrase | remember``, and every other command on an
encrypted file (issue 18, OFF-4)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time

import pytest

from tests.faults.conftest import REPO
from trustdesk.db import keys

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**14)
    monkeypatch.delenv("TRUSTDESK_PASSPHRASE", raising=False)
    yield
    keys.forget_all()


@pytest.fixture
def encrypted(cli, monkeypatch):
    cli("accounts", "add", "诸葛商行", "--phone", "13912345678")
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", PASSPHRASE)
    _, out, err = cli("db", "encrypt")
    assert f"key file is {cli.path}.key" in out
    assert "rewriting the database" in err  # each step is said as it starts
    monkeypatch.delenv("TRUSTDESK_PASSPHRASE")
    keys.forget_all()  # a new command is a new process
    return cli


def test_encrypt_then_every_command_asks_for_the_passphrase(encrypted, monkeypatch):
    cli = encrypted
    raw = cli.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and "诸葛商行".encode() not in raw
    _, _, err = cli("accounts", "list", expect=2)
    assert "set TRUSTDESK_PASSPHRASE" in err and "Traceback" not in err
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", "not it at all")
    _, _, err = cli("accounts", "list", expect=2, lang="zh")
    assert "密码错误" in err and "Traceback" not in err
    keys.forget_all()
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", PASSPHRASE)
    _, out, _ = cli("accounts", "list")
    assert "诸葛商行" in out
    _, out, _ = cli("db", "check")
    assert "integrity ok" in out


def test_change_the_passphrase_then_decrypt(encrypted, monkeypatch):
    cli = encrypted
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("TRUSTDESK_NEW_PASSPHRASE", "second passphrase")
    _, out, _ = cli("db", "passphrase")
    assert "not re-encrypted" in out
    keys.forget_all()
    _, _, err = cli("accounts", "list", expect=2)
    assert "Wrong passphrase" in err
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", "second passphrase")
    keys.forget_all()
    cli("db", "decrypt")
    monkeypatch.delenv("TRUSTDESK_PASSPHRASE")
    keys.forget_all()
    assert cli.path.read_bytes().startswith(b"SQLite format 3\x00")
    _, out, _ = cli("accounts", "list")
    assert "诸葛商行" in out


def test_a_short_passphrase_and_a_second_encrypt_are_refused(cli, monkeypatch):
    cli("accounts", "add", "华科电子")
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", "short")
    _, _, err = cli("db", "encrypt", expect=2)
    assert "at least 8 characters" in err
    assert cli.path.read_bytes().startswith(b"SQLite format 3\x00")
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", PASSPHRASE)
    cli("db", "encrypt")
    _, out, _ = cli("db", "encrypt")
    assert "already encrypted" in out


def test_remember_needs_a_secure_keyring(encrypted, monkeypatch):
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", PASSPHRASE)
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # a machine with no keyring service
    try:
        _, _, err = encrypted("db", "remember", "on", expect=2)
    finally:
        keyring.set_keyring(before)
    assert "no secure keyring" in err


def test_the_passphrase_is_asked_at_a_terminal_without_echo(encrypted, data_dir):
    """A real ``trustdesk`` process on a terminal: the prompt, a wrong try, the right one."""
    leader, follower = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != "TRUSTDESK_PASSPHRASE"}
    process = subprocess.Popen(
        [sys.executable, "-m", "trustdesk", "--db", str(encrypted.path), "--lang", "en",
         "accounts", "list"],
        cwd=REPO, env=env, stdin=follower, stdout=follower, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    seen = b""

    def read_until(marker: bytes, times: int = 1, timeout: float = 30) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while seen.count(marker) < times and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(leader, 4096)
                except OSError:
                    break
        assert seen.count(marker) >= times, seen.decode(errors="replace")

    try:
        # getpass prints its prompt once echo is off: typing after the prompt is never lost
        prompt = b"Passphrase for records.sqlite3:"
        read_until(prompt)
        os.write(leader, b"wrong guess\n")
        read_until(prompt, times=2)
        assert b"Wrong passphrase" in seen
        os.write(leader, PASSPHRASE.encode() + b"\n")
        read_until("诸葛商行".encode())
        assert process.wait(30) == 0
    finally:
        process.kill()
        process.wait()
    os.close(leader)
    assert b"wrong guess" not in seen and PASSPHRASE.encode() not in seen, "never echoed"


def test_export_everything_from_an_encrypted_file_reads_back_in_excel(encrypted, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", PASSPHRASE)
    out = encrypted.path.with_name("export")
    encrypted("export", "all", "--out", str(out))
    (book,) = out.rglob("customers.xlsx")
    sheet = load_workbook(book, read_only=True).active
    assert any("诸葛商行" in (str(c) for c in row) for row in sheet.iter_rows(values_only=True))


def test_no_passphrase_or_key_reaches_the_log(encrypted, monkeypatch, data_dir):
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", "wrong passphrase here")
    encrypted("accounts", "list", expect=2)
    monkeypatch.setenv("TRUSTDESK_PASSPHRASE", PASSPHRASE)
    keys.forget_all()
    encrypted("accounts", "list")
    key = keys.unlocked_key(encrypted.path)
    assert key is not None
    log = "\n".join(p.read_text() for p in (data_dir / "logs").glob("*.log*"))
    assert "a passphrase did not open the key file" in log  # the log does say what happened
    for secret in ("wrong passphrase here", PASSPHRASE, key.hex(), "诸葛商行"):
        assert secret not in log


def test_the_command_line_and_the_services_read_the_same_variable():
    from trustdesk.cli import passphrase
    from trustdesk.services import security

    assert passphrase.PASSPHRASE_VARIABLE == security.PASSPHRASE_VARIABLE == "TRUSTDESK_PASSPHRASE"
