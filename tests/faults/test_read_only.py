"""A database on a read-only file or folder (a USB stick, a mounted backup) opens read-only:
reads work, every write is refused with a sentence, nothing is created beside the file."""

from __future__ import annotations

import filecmp
import shutil
import sqlite3
import stat

import pytest

from tests.faults.conftest import read_only
from trustdesk.errors import DatabaseFileError, StorageError
from trustdesk.services import accounts
from trustdesk.services.store import open_store


@pytest.fixture
def stick(tmp_path):
    """A folder holding a TrustDesk database of three customers, cleanly closed."""
    folder = tmp_path / "stick"
    folder.mkdir()
    store = open_store(folder / "crm.sqlite3")
    for name in ("华科", "Acme", "Globex"):
        store.write(accounts.create_account, name)
    store.close()
    reference = tmp_path / "reference.sqlite3"
    shutil.copyfile(folder / "crm.sqlite3", reference)
    return folder / "crm.sqlite3", reference


def _reads_but_refuses_writes(path):
    store = open_store(path)
    try:
        assert store.read_only
        assert store.read(accounts.count_accounts) == 3
        with pytest.raises(StorageError) as refused:
            store.write(accounts.create_account, "新客户")
        assert refused.value.kind == "readonly"
        assert str(refused.value).startswith("Read-only: changes are off")
        assert refused.value.zh.startswith("只读：无法修改")
        assert store.read(accounts.count_accounts) == 3
    finally:
        store.close()


def _writable_again(path):
    store = open_store(path)
    assert not store.read_only
    store.write(accounts.create_account, "新客户")  # no stale read-only -shm in the way
    assert store.read(accounts.count_accounts) == 4
    store.close()


@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_folder_or_file_opens_read_only(stick, what, monkeypatch, capsys):
    path, reference = stick
    with read_only(path.parent if what == "folder" else path, monkeypatch) as how:
        _reads_but_refuses_writes(path)
        assert [p.name for p in path.parent.iterdir()] == ["crm.sqlite3"]  # no -wal, -shm
    with capsys.disabled():
        print(f" [read-only {what} by {how}]", end="")
    assert filecmp.cmp(path, reference, shallow=False)
    _writable_again(path)


def test_a_mounted_backup_with_its_wal_shows_every_committed_row(tmp_path, monkeypatch):
    """Copied while TrustDesk was running: the last commits are only in the -wal."""
    live = tmp_path / "live.sqlite3"
    store = open_store(live)
    for name in ("华科", "Acme"):
        store.write(accounts.create_account, name)
    holder = sqlite3.connect(live)  # keeps the -wal from being folded into the file
    holder.execute("PRAGMA wal_autocheckpoint=0")
    store.write(accounts.create_account, "Globex")
    backup = tmp_path / "mounted"
    backup.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{live}{suffix}", backup / f"crm.sqlite3{suffix}")
    store.close()
    holder.close()
    with read_only(backup, monkeypatch):
        _reads_but_refuses_writes(backup / "crm.sqlite3")
        assert sorted(p.name for p in backup.iterdir()) == [
            "crm.sqlite3",
            "crm.sqlite3-shm",
            "crm.sqlite3-wal",
        ]


def test_no_new_database_in_a_read_only_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cdrom"
    folder.mkdir()
    with (
        read_only(folder, monkeypatch),
        pytest.raises(DatabaseFileError, match="cannot be written"),
    ):
        open_store(folder / "new.sqlite3")
    assert list(folder.iterdir()) == []


def test_a_stale_read_only_shm_does_not_block_writes(stick):
    """An earlier read-only open left a 0444 -shm; once the file is writable, writes work."""
    path, _ = stick
    shm = path.parent / "crm.sqlite3-shm"
    shm.write_bytes(b"")
    shm.chmod(0o444)
    store = open_store(path)
    assert not store.read_only
    assert stat.S_IMODE(shm.stat().st_mode) == 0o600
    store.write(accounts.create_account, "新客户")
    assert store.read(accounts.count_accounts) == 4
    store.close()
