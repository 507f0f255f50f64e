"""``trustdesk db backup --verify | backups | prune | restore`` as a user types them."""

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing


def _names(cli, **kw):
    return [a["name"] for a in json.loads(cli("accounts", "list", "--json", **kw)[1])]


def test_backup_change_restore_from_the_command_line(cli):
    cli("accounts", "add", "Acme")
    cli("db", "backup")
    listed = json.loads(cli("db", "backups", "--json")[1])
    assert [b["kind"] for b in listed] == ["manual"]
    made = listed[0]["path"]
    cli("accounts", "add", "Added After Backup")

    _, out, _ = cli("db", "restore", made, "--yes")

    assert _names(cli) == ["Acme"]
    assert f"Restored {cli.path}" in out
    kept = out.split("The previous database is kept as ")[1].strip().rstrip(".")
    assert _names(cli, db=kept) == ["Acme", "Added After Backup"]
    _, table, _ = cli("db", "backups")
    lines = table.splitlines()
    assert len(lines) == 2 and "pre-restore" in lines[0] and "manual" in lines[1]
    assert kept in lines[0] and made in lines[1]


def test_restore_without_yes_and_no_terminal_refuses(tmp_path):
    live = tmp_path / "live.sqlite3"
    run = [sys.executable, "-m", "trustdesk", "--db", str(live), "--lang", "en"]
    subprocess.run([*run, "--create", "accounts", "add", "Acme"], check=True, capture_output=True)
    out = tmp_path / "b.sqlite3"
    subprocess.run([*run, "db", "backup", "--out", str(out)], check=True, capture_output=True)
    subprocess.run([*run, "accounts", "add", "Beta"], check=True, capture_output=True)

    proc = subprocess.run(
        [*run, "db", "restore", str(out)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "trustdesk: restoring replaces the database; add --yes to confirm (no terminal to ask)."
    ]
    with closing(sqlite3.connect(live)) as conn:
        assert conn.execute("SELECT count(*) FROM account").fetchone()[0] == 2


def test_verify_exit_codes(cli, tmp_path):
    cli("accounts", "add", "Acme")
    good = tmp_path / "good.sqlite3"
    cli("db", "backup", "--out", str(good))
    _, out, _ = cli("db", "backup", "--verify", str(good))
    assert "is a good TrustDesk backup" in out

    damaged = tmp_path / "damaged.sqlite3"
    shutil.copyfile(good, damaged)
    with closing(sqlite3.connect(damaged)) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='account'").fetchone()
    with open(damaged, "r+b") as f:
        f.seek((root[0] - 1) * page)
        f.write(b"\xa5" * page)
    _, _, err = cli("db", "backup", "--verify", str(damaged), expect=1)
    assert "is damaged" in err and "Traceback" not in err

    text = tmp_path / "notes.txt"
    text.write_text("hello")
    _, _, err = cli("db", "backup", "--verify", str(text), expect=2)
    assert "is not a TrustDesk backup" in err
    _, _, err = cli("db", "backup", "--verify", str(text), expect=2, lang="zh")
    assert "不是 TrustDesk 备份" in err
    assert text.read_text() == "hello"


def test_prune_prints_what_it_removed(cli, data_dir):
    cli("db", "upgrade")
    from datetime import datetime, timedelta

    from trustdesk.db import backup as backups

    day = datetime.now().astimezone().replace(hour=12, minute=0) - timedelta(days=60)
    old = backups.make_backup(cli.path, "daily", now=day)
    older = backups.make_backup(cli.path, "daily", now=day - timedelta(minutes=1))  # same day
    mine = data_dir / "backups" / "keep-me.sqlite3"
    mine.write_bytes(b"x")

    _, out, _ = cli("db", "prune")

    assert out.splitlines()[0] == f"Removed {older}"
    assert "1 old backups removed" in out
    assert old.exists() and not older.exists() and mine.exists()
    assert json.loads(cli("db", "backups", "--json")[1])[0]["path"] == str(old)
