"""Backups that restore: the live file's -wal, stale -wal files, older schemas, busy writers.

Every restore is checked the way a user would notice a failure: the rows they see afterwards,
SQLite's integrity check, and the files left in the folders.
"""

from __future__ import annotations

import filecmp
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command

from trustdesk.db import backup as backups
from trustdesk.db.engine import make_engine, open_database
from trustdesk.db.migrate import alembic_config, head_revision
from trustdesk.errors import DatabaseFileError, StorageError
from trustdesk.services import accounts


def _add(path: Path, *names: str) -> None:
    db = open_database(path)
    with db.transaction() as s:
        for name in names:
            accounts.create_account(s, name=name)
    db.close()


def _names(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM account"))


def _integrity(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]


def _content(path: Path) -> list[str]:
    """Every row of every table, as SQL text: equal content, whatever the page layout."""
    with closing(sqlite3.connect(path)) as conn:
        return [line for line in conn.iterdump() if not line.startswith("PRAGMA")]


def _folder_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_backup_change_restore_loses_the_change_and_keeps_it_aside(tmp_path):
    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    made = backups.make_backup(live, "manual")
    _add(live, "Added After Backup")

    result = backups.restore_backup(live, made)

    assert _names(live) == ["Acme"]
    assert result.restored_from == made and not result.migrated
    assert result.kept_as is not None and result.kept_as.exists()
    assert _names(result.kept_as) == ["Acme", "Added After Backup"]
    assert [b.kind for b in backups.list_backups(live)] == ["pre-restore", "manual"]
    assert _integrity(live) == ["ok"]


def test_restore_beside_a_wal_with_uncheckpointed_commits(tmp_path):
    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    made = backups.make_backup(live, "manual")
    expected = _content(made)

    # Another connection commits into the -wal and keeps it from being checkpointed.
    other = sqlite3.connect(live, isolation_level=None)
    other.execute("PRAGMA wal_autocheckpoint=0")
    other.execute("SELECT count(*) FROM account").fetchone()  # now its close is the last one
    db = open_database(live)
    with db.transaction() as s:
        for i in range(200):
            accounts.create_account(s, name=f"In The Wal {i}")
    db.close()
    assert other.execute("SELECT count(*) FROM account").fetchone()[0] == 201
    wal = Path(f"{live}-wal")
    assert wal.exists() and wal.stat().st_size > 100_000  # the commits sit in the -wal

    result = backups.restore_backup(live, made)

    # The open connection sees the restored content, not a mix with its old frames.
    assert other.execute("SELECT count(*) FROM account").fetchone()[0] == 1
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    other.close()
    assert _integrity(live) == ["ok"]
    assert _content(live) == expected
    assert result.kept_as is not None
    assert len(_names(result.kept_as)) == 201  # the -wal's commits were kept, not lost


def test_copying_over_a_live_file_is_what_restore_avoids(tmp_path):
    """Why restore writes through the WAL: a plain copy leaves the old -wal to be replayed."""
    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    made = backups.make_backup(live, "manual")
    other = sqlite3.connect(live, isolation_level=None)
    other.execute("PRAGMA wal_autocheckpoint=0")
    other.execute("SELECT count(*) FROM account").fetchone()
    _add(live, *(f"In The Wal {i}" for i in range(200)))
    shutil.copyfile(made, live)  # what a user might do by hand
    seen = other.execute("SELECT count(*) FROM account").fetchone()[0]
    other.close()
    assert seen != 1  # the stale -wal wins: the "restored" file does not hold the backup


def test_a_wal_copied_by_hand_beside_a_backup_is_read_and_left_alone(tmp_path):
    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    other = sqlite3.connect(live, isolation_level=None)
    other.execute("PRAGMA wal_autocheckpoint=0")
    other.execute("SELECT count(*) FROM account").fetchone()
    _add(live, "Only In The Wal")
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = usb / "live.sqlite3"
    shutil.copyfile(live, copy)  # the user copied the folder while the app ran
    shutil.copyfile(f"{live}-wal", f"{copy}-wal")
    other.close()
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    shutil.copyfile(copy, pristine / "db")
    shutil.copyfile(f"{copy}-wal", pristine / "wal")
    _add(live, "Later")

    backups.verify_backup(copy)
    backups.restore_backup(live, copy)

    assert _names(live) == ["Acme", "Only In The Wal"]  # the copied -wal's commit counts
    assert _integrity(live) == ["ok"]
    assert filecmp.cmp(copy, pristine / "db", shallow=False)
    assert filecmp.cmp(f"{copy}-wal", pristine / "wal", shallow=False)
    assert _folder_files(usb) == {"live.sqlite3", "live.sqlite3-wal"}  # no -shm left behind


def test_a_garbage_wal_beside_a_backup_is_ignored_and_left_alone(tmp_path):
    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    made = backups.make_backup(live, "manual")
    expected = _content(made)
    Path(f"{made}-wal").write_bytes(bytes(range(256)) * 256)  # no valid WAL header
    _add(live, "Current")

    backups.restore_backup(live, made)

    assert _content(live) == expected
    assert Path(f"{made}-wal").read_bytes() == bytes(range(256)) * 256


def test_a_stale_wal_of_another_database_beside_a_backup_never_mixes_into_the_live_file(
    tmp_path,
):
    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    made = backups.make_backup(live, "manual")
    stranger = tmp_path / "stranger.sqlite3"
    _add(stranger, "Stranger")
    keep_open = sqlite3.connect(stranger, isolation_level=None)
    keep_open.execute("PRAGMA wal_autocheckpoint=0")
    keep_open.execute("SELECT count(*) FROM account").fetchone()
    _add(stranger, *(f"Other {i}" for i in range(300)))
    shutil.copyfile(f"{stranger}-wal", f"{made}-wal")  # a -wal that is not the backup's
    keep_open.close()
    pair = tmp_path / "pair"  # what SQLite itself reads from the backup and that -wal
    pair.mkdir()
    shutil.copyfile(made, pair / "b.sqlite3")
    shutil.copyfile(f"{made}-wal", pair / "b.sqlite3-wal")
    _add(live, "Current")
    before = _content(live)

    try:
        backups.restore_backup(live, made)
    except backups.DamagedFileError as refused:
        # SQLite cannot tell whose -wal it is; when the pair is damaged, the sentence says why.
        assert "does not belong to it" in str(refused) and refused.zh
        assert _content(live) == before
        Path(f"{made}-wal").unlink()  # the user follows the sentence
        backups.restore_backup(live, made)
        assert _names(live) == ["Acme"]
    else:
        assert _integrity(live) == ["ok"]
        assert _content(live) == _content(pair / "b.sqlite3")
    assert _integrity(live) == ["ok"]


def _database_at(path: Path, revision: str) -> None:
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.exec_driver_sql(
            "INSERT INTO account (id, name, sort_key, kind, industry, region, address, phone, "
            "website, owner, notes, stage, do_not_serve, do_not_serve_reason, created_at, "
            "updated_at) VALUES ('01OLD', '老客户', 'lao ke hu', 'company', '', '', '', '', '', "
            "'', '', 'regular', 0, '', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        )
    engine.dispose()


def test_an_older_schema_backup_is_migrated_and_keeps_its_rows(tmp_path):
    old = tmp_path / "old-release.sqlite3"
    _database_at(old, "0002")
    backups.verify_backup(old)  # older is fine: it is migrated on restore
    live = tmp_path / "live.sqlite3"
    _add(live, "Current")

    result = backups.restore_backup(live, old)

    assert result.migrated
    assert _names(live) == ["老客户"]
    with closing(sqlite3.connect(live)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
    db = open_database(live)  # the app can use it at once
    with db.reading() as s:
        assert [a.name for a in accounts.list_accounts(s).rows] == ["老客户"]
    db.close()


def _corrupt_table(path: Path, table: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


@pytest.mark.parametrize("kind", ["text", "foreign", "empty", "corrupt", "newer"])
def test_verify_refuses_without_changing_the_file(tmp_path, kind):
    folder = tmp_path / "suspect"
    folder.mkdir()
    path = folder / "file.sqlite3"
    if kind == "text":
        path.write_text("not a database\n")
    elif kind == "foreign":
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE photos (id INTEGER)")
            conn.commit()
    elif kind == "empty":
        path.touch()
    else:
        live = tmp_path / "live.sqlite3"
        _add(live, *(f"Customer {i}" for i in range(300)))
        shutil.copyfile(backups.make_backup(live, "manual"), path)
        if kind == "corrupt":
            _corrupt_table(path, "account")
        else:
            with closing(sqlite3.connect(path)) as conn:
                conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
                conn.commit()
    pristine = tmp_path / "pristine"
    shutil.copyfile(path, pristine)
    expected = {
        "text": "not an SQLite file",
        "foreign": "another program",
        "empty": "not an SQLite file",
        "corrupt": "damaged",
        "newer": "newer TrustDesk",
    }[kind]

    with pytest.raises(DatabaseFileError, match=expected) as refused:
        backups.verify_backup(path)
    assert isinstance(refused.value, backups.DamagedFileError) == (kind == "corrupt")
    assert refused.value.zh

    live = tmp_path / "target.sqlite3"
    _add(live, "Current")
    before = _content(live)
    with pytest.raises(DatabaseFileError, match=expected):
        backups.restore_backup(live, path)
    assert _content(live) == before
    assert filecmp.cmp(path, pristine, shallow=False)
    assert _folder_files(folder) == {"file.sqlite3"}
    assert not [b for b in backups.list_backups(live) if b.kind == "pre-restore"]


def test_restore_refuses_when_another_program_is_writing(tmp_path):
    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    made = backups.make_backup(live, "manual")
    _add(live, "Newer")
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a saving app would
    try:
        with pytest.raises(StorageError, match="Another program is using") as refused:
            backups.restore_backup(live, made, busy_seconds=0.3)
        assert refused.value.kind == "busy"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert _names(live) == ["Acme", "Newer"]


def test_restore_onto_a_new_computer_creates_the_database(tmp_path):
    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    made = backups.make_backup(live, "manual")
    fresh = tmp_path / "new-laptop" / "trustdesk.sqlite3"
    fresh.parent.mkdir()

    result = backups.restore_backup(fresh, made)

    assert result.kept_as is None
    assert _names(fresh) == ["Acme"]
    assert fresh.stat().st_mode & 0o777 == 0o600


def test_backups_are_private_whatever_the_umask(tmp_path, data_dir):
    import os

    live = tmp_path / "live.sqlite3"
    _add(live, "Acme")
    old = os.umask(0o022)
    try:
        made = backups.make_backup(live, "daily")
        kept = backups.restore_backup(live, made).kept_as
    finally:
        os.umask(old)
    assert (data_dir / "backups").stat().st_mode & 0o777 == 0o700
    assert kept is not None
    for path in (made, kept):
        assert path.stat().st_mode & 0o777 == 0o600
    assert _folder_files(data_dir / "backups") == {made.name, kept.name}  # no temp leftovers
