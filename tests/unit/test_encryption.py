"""OFF-4: an encrypted database gives nothing away without its passphrase, and everything
TrustDesk does works on it the same way (issue 18)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from trustdesk import demo
from trustdesk.db import backup, engine, keys
from trustdesk.db.engine import open_database
from trustdesk.db.search import search
from trustdesk.errors import (
    DatabaseDamagedError,
    DatabaseFileError,
    PassphraseNeededError,
    StorageError,
    WrongPassphraseError,
)
from trustdesk.services import accounts, security
from trustdesk.services.store import open_store

PASSPHRASE = "correct horse battery"
SECRET_NAME = "诸葛秘密"  # a customer's name that must never be readable in the file's bytes
SECRET_PHONE = "13912345678"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps its secrets in memory: the OS keyring's API, with no D-Bus."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**14)  # the slot records it: still a real scrypt
    yield
    keys.forget_all()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def _filled(path: Path, customers: int = 30) -> None:
    database = open_database(path)
    with database.transaction() as s:
        demo.generate(s, customers, seed=7)
    database.close()
    store = open_store(path)
    first = store.read(accounts.list_accounts).rows[0]
    store.write(accounts.update_account, first.id, name=SECRET_NAME, phone=SECRET_PHONE)
    store.close()


def _everything(path: Path, key: bytes | None = None) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in order: what a round trip must give back."""
    from trustdesk.db.cipher import connect

    conn = connect(path, key)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        conn.close()


def _bytes_show(path: Path, *secrets: str) -> list[str]:
    data = path.read_bytes()
    return [s for s in secrets if s.encode() in data]


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "laptop.sqlite3"
    _filled(path)
    return path


def test_an_encrypted_file_shows_no_header_and_no_customer_in_any_of_its_files(plain, data_dir):
    assert _bytes_show(plain, SECRET_NAME, SECRET_PHONE), "the check can see a plain file"
    security.encrypt(plain, PASSPHRASE)

    store = open_store(plain)  # unlocked in this process: edits go through the -wal
    (found,) = [a for a in store.read(accounts.list_accounts).rows if a.name == SECRET_NAME]
    store.write(accounts.update_account, found.id, notes=f"{SECRET_NAME} 的电话 {SECRET_PHONE}")
    wal = Path(f"{plain}-wal")
    assert wal.stat().st_size > 0
    written = [plain, wal, *(b.path for b in backup.list_backups(plain))]
    assert len(written) >= 3, "the backup made before encrypting is there"
    for file in written:
        assert not file.read_bytes().startswith(b"SQLite format 3"), file.name
        assert _bytes_show(file, SECRET_NAME, SECRET_PHONE) == [], file.name
    store.close()
    # A backup made now is encrypted too, with the key file beside it.
    made = backup.make_backup(plain, "manual")
    assert _bytes_show(made, SECRET_NAME, SECRET_PHONE) == []
    assert keys.key_file_of(made).is_file()


def test_without_the_passphrase_nothing_opens_it_and_the_sentence_says_why(plain):
    security.encrypt(plain, PASSPHRASE)
    keys.forget_all()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(plain).execute("SELECT count(*) FROM sqlite_master").fetchone()
    with pytest.raises(PassphraseNeededError) as needed:
        open_store(plain)
    assert needed.value.path == plain and "passphrase" in str(needed.value)
    with pytest.raises(WrongPassphraseError) as wrong:
        security.unlock(plain, "not the passphrase")
    assert "Wrong passphrase, or" in str(wrong.value) and "密码错误" in wrong.value.text("zh")
    # Without its key file, the file is refused with a sentence naming the key file.
    keys.key_file_of(plain).rename(plain.with_name("elsewhere.key"))
    with pytest.raises(DatabaseFileError, match=r"laptop\.sqlite3\.key is not beside it"):
        open_store(plain)


def test_encrypt_use_change_passphrase_decrypt_keeps_every_record(plain):
    before = _everything(plain)
    security.encrypt(plain, PASSPHRASE)
    keys.forget_all()
    security.unlock(plain, PASSPHRASE)
    store = open_store(plain)
    hits = store.read(search, SECRET_NAME[:2])  # a two-character query: the short-query path
    assert any(h.name == SECRET_NAME for h in hits)
    store.close()

    security.change_passphrase(plain, PASSPHRASE, "a new passphrase")
    keys.forget_all()
    with pytest.raises(WrongPassphraseError):
        security.unlock(plain, PASSPHRASE)
    security.unlock(plain, "a new passphrase")
    assert _everything(plain, keys.unlocked_key(plain)) == before

    security.decrypt(plain)
    assert plain.read_bytes().startswith(b"SQLite format 3\x00")
    assert not keys.key_file_of(plain).exists()
    assert _everything(plain) == before
    for info in backup.list_backups(plain):  # the backups are plain again, and restore
        assert info.path.read_bytes().startswith(b"SQLite format 3\x00")
        backup.verify_backup(info.path)


def test_a_large_encrypted_file_opens_and_a_truncated_one_is_called_damaged(plain, monkeypatch):
    """Above QUICK_CHECK_MAX_BYTES (64 MB, some 3,500 customers) opening only probes the
    file: its length against its header's page count. SQLCipher answers ``PRAGMA page_size``
    as text, and every encrypted file that large failed to open (found by bench_encryption)."""
    monkeypatch.setattr(engine, "QUICK_CHECK_MAX_BYTES", 0)
    security.encrypt(plain, PASSPHRASE)
    store = open_store(plain)
    assert any(a.name == SECRET_NAME for a in store.read(accounts.list_accounts).rows)
    store.close()
    with open(plain, "r+b") as f:
        f.truncate(plain.stat().st_size - 3 * 4096)
    with pytest.raises(DatabaseDamagedError):
        open_store(plain)


def test_a_lost_keyring_loses_nothing_the_passphrase_still_opens(plain, memory_keyring):
    security.encrypt(plain, PASSPHRASE, remember=True)
    keys.forget_all()
    assert not security.needs_passphrase(plain), "remembered on this device"
    store = open_store(plain)
    store.close()

    keys.forget_all()
    memory_keyring.secrets.clear()  # a new OS account, a reset keyring
    assert security.needs_passphrase(plain)
    security.unlock(plain, PASSPHRASE)
    open_store(plain).close()

    keys.forget_all()
    keyring.set_keyring(MemoryKeyring())  # a keyring that never had it: same
    assert security.needs_passphrase(plain)


def test_a_plaintext_keyring_is_refused(plain, monkeypatch):
    class PlaintextKeyring(MemoryKeyring):
        pass

    before = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        assert security.encryption_state(plain).keyring_available is False
        with pytest.raises(Exception, match="no secure keyring"):
            security.encrypt(plain, PASSPHRASE, remember=True)
    finally:
        keyring.set_keyring(before)
    assert plain.read_bytes().startswith(b"SQLite format 3\x00"), "nothing was changed"


def test_a_second_program_with_the_file_open_stops_the_conversion(plain):
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(plain)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        with pytest.raises(StorageError, match="open in another window or program"):
            security.encrypt(plain, PASSPHRASE)
    finally:
        other.kill()
        other.communicate()
    assert plain.read_bytes().startswith(b"SQLite format 3\x00")
    assert not security.encryption_state(plain).encrypted
    security.encrypt(plain, PASSPHRASE)  # once it is closed, it goes
    assert security.encryption_state(plain).encrypted


HOLD_OPEN = """
import sys, time
from trustdesk.services.store import open_store
from trustdesk.services import accounts
store = open_store(sys.argv[1])
store.read(accounts.list_accounts)
print("open", flush=True)
time.sleep(60)
"""


def test_migrations_run_on_an_encrypted_file(tmp_path, data_dir):
    from alembic import command

    from trustdesk.db import cipher
    from trustdesk.db.engine import SCHEMA_HEAD, make_engine
    from trustdesk.db.migrate import alembic_config

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0012")
        conn.exec_driver_sql(
            "INSERT INTO account (id, name, sort_key, kind, industry, region, address, phone, "
            "website, notes, stage, do_not_serve, do_not_serve_reason, created_at, updated_at) "
            f"VALUES ('01OLD', '{SECRET_NAME}', 'zhu', 'company', '', '', '', '', '', '', "
            "'regular', 0, '', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        )
    engine.dispose()
    security.encrypt(path, PASSPHRASE)
    keys.forget_all()
    security.unlock(path, PASSPHRASE)
    database = open_database(path)
    assert database.migrated
    database.close()
    key = keys.unlocked_key(path)
    conn = cipher.connect(path, key)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    assert conn.execute("SELECT name FROM account").fetchall() == [(SECRET_NAME,)]
    conn.close()
    upgrade_backups = [b for b in backup.list_backups(path) if b.kind == "upgrade"]
    assert upgrade_backups, "the migration made its backup first"
    for info in upgrade_backups:
        assert _bytes_show(info.path, SECRET_NAME) == []


def test_restoring_a_plain_backup_into_an_encrypted_file_keeps_it_encrypted(plain, tmp_path):
    old = tmp_path / "before.sqlite3"
    backup.backup_database(plain, old)  # outside the backups folder: stays plain
    security.encrypt(plain, PASSPHRASE)
    from trustdesk.services import maintenance

    maintenance.restore_backup(plain, old)
    assert not plain.read_bytes().startswith(b"SQLite format 3")
    assert _bytes_show(plain, SECRET_NAME) == []
    keys.forget_all()
    security.unlock(plain, PASSPHRASE)
    store = open_store(plain)
    assert any(a.name == SECRET_NAME for a in store.read(accounts.list_accounts).rows)
    store.close()
