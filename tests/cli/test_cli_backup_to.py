"""Backup to a chosen place (issue 16, 5): ``trustdesk db backup --out PATH`` onto another
folder (a USB stick, a synced folder) makes one file that ``trustdesk db restore`` takes back;
a place that cannot take it is one sentence, and nothing is left there."""

import json

import pytest

from tests.faults.conftest import read_only


def _names(cli, **kw):
    return [a["name"] for a in json.loads(cli("accounts", "list", "--json", **kw)[1])]


def test_a_backup_on_another_folder_restores(cli, tmp_path):
    cli("accounts", "add", "深圳华科电子有限公司")
    cli("accounts", "add", "Acme")
    stick = tmp_path / "U盘" / "备份"
    stick.mkdir(parents=True)
    copy = stick / "trustdesk-2026.sqlite3"

    _, out, _ = cli("db", "backup", "--out", str(copy))

    assert out.strip() == f"Backed up {cli.path} to {copy}."
    assert [p.name for p in stick.iterdir()] == [copy.name], "one file, no -wal beside it"
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    cli("db", "backup", "--verify", str(copy))
    cli("accounts", "add", "Added After The Backup")

    _, out, _ = cli("db", "restore", str(copy), "--yes")

    assert f"Restored {cli.path} from {copy}." in out
    assert _names(cli) == ["Acme", "深圳华科电子有限公司"]
    assert copy.is_file(), "the backup is still there for next time"


def test_an_existing_backup_is_never_overwritten(cli, tmp_path):
    cli("accounts", "add", "Acme")
    copy = tmp_path / "b.sqlite3"
    copy.write_bytes(b"an older backup")
    _, _, err = cli("db", "backup", "--out", str(copy), expect=2)
    assert "already exists; choose another file" in err
    assert copy.read_bytes() == b"an older backup"


def test_a_read_only_place_is_one_sentence(cli, tmp_path, monkeypatch):
    cli("accounts", "add", "Acme")
    stick = tmp_path / "stick"
    stick.mkdir()
    with read_only(stick, monkeypatch) as how:
        if how == "patched os.access":  # the backup asks the file system, not os.access
            pytest.skip("no way to make a folder read-only for this user here")
        _, _, err = cli("db", "backup", "--out", str(stick / "b.sqlite3"), expect=2, lang="zh")
    assert err.strip() == (
        f"trustdesk: 无法把备份写入 {stick}：该位置只读或没有写入权限。请另选位置；未生成备份。"
    )
    assert "Traceback" not in err and list(stick.iterdir()) == []
