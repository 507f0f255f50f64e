"""Encrypted database files (OFF-4): which driver opens a file, and turning encryption on and
off, and changing the passphrase.

A plain file is opened by the standard library's ``sqlite3``; an encrypted one by
``sqlcipher3`` (SQLCipher 4: AES-256 pages with an HMAC each, its own SQLite with FTS5 and
WAL), given the raw data key (see ``db.keys``) as the first statement on every connection.
A file is encrypted when it has no SQLite header and a key file beside it.

Converting a file never writes into it: the converted copy is written beside it by
``sqlcipher_export``, checked (integrity, and every table's row count against the
original), then renamed over it. A kill at any moment leaves the old file or the new one,
each with what opens it: the key file is written before an encrypted copy replaces a plain
file, and removed only after a plain copy replaced an encrypted one; a plain file opens as
plain whatever lies beside it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from trustdesk import paths
from trustdesk.db import keys
from trustdesk.db.keys import KeyFile
from trustdesk.errors import (
    DatabaseFileError,
    PassphraseNeededError,
    StorageError,
    WrongPassphraseError,
)

log = logging.getLogger("trustdesk.db")

SQLITE_HEADER = b"SQLite format 3\x00"

# Every error either driver raises, for ``except`` clauses that must catch both.
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
DRIVER_DATABASE_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.DatabaseError,
    sqlcipher.DatabaseError,
)
DRIVER_CONNECTIONS: tuple[type[Any], ...] = (sqlite3.Connection, sqlcipher.Connection)

# SQLCipher writes its complaints (a wrong key: "hmac check failed for pgno=1") to stderr,
# where a CLI user would see them; the error TrustDesk raises says it instead.
sqlcipher.connect(":memory:").execute("PRAGMA cipher_log_level = NONE").close()


def has_sqlite_header(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def is_encrypted(path: Path) -> bool:
    """``path`` is an encrypted TrustDesk file: no SQLite header, a key file beside it."""
    path = Path(path)
    return (
        path.is_file()
        and path.stat().st_size > 0
        and keys.key_file_of(path).is_file()
        and not has_sqlite_header(path)
    )


# Each page's HMAC is SHA-256, not SQLCipher 4's default SHA-512. Every page read from disk
# is authenticated before use, and that check was most of what encryption added to a first
# search in a newly opened store (bench_encryption (c), 100,000 customers: 2.6x the plain
# file's time with SHA-512, 2.1x with SHA-256; 'garet' 123 ms, then 69, plain 33). The x86
# and ARM CPUs of recent years compute SHA-256 in hardware (SHA-NI, ARMv8 SHA2), SHA-512 in
# software on x86: HMAC-SHA256 costs about half as much per 4 KB page. A 256-bit HMAC
# under a 256-bit key authenticates a page as well as the file needs (SQLCipher 3 used
# HMAC-SHA1). It is part of the file format: every keyed connection, and every export to an
# encrypted copy, says it.
PAGE_HMAC = "HMAC_SHA256"


def _key_pragma(data_key: bytes) -> str:
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def _key(conn: Any, data_key: bytes) -> None:
    """Key ``conn`` and set the file's cipher settings: before anything else is said on it."""
    conn.execute(_key_pragma(data_key))
    conn.execute(f"PRAGMA cipher_hmac_algorithm = {PAGE_HMAC}")


def connect(target: str | Path, data_key: bytes | None, **kwargs: Any) -> Any:
    """A DB-API connection on ``target`` (a path, or a URI with ``uri=True``): the standard
    ``sqlite3`` for a plain file, ``sqlcipher3`` keyed with ``data_key`` for an encrypted
    one."""
    if data_key is None:
        return sqlite3.connect(target, **kwargs)
    conn = sqlcipher.connect(str(target), **kwargs)
    _key(conn, data_key)
    return conn


def key_for(path: Path) -> bytes | None:
    """The data key that opens ``path``: None for a plain file; the key unlocked in this
    process, or the one the OS keyring remembers, for an encrypted file.

    Raises ``PassphraseNeededError`` when the file is encrypted and neither has it."""
    if not is_encrypted(path):
        return None
    found = keys.unlocked_key(path)
    if found is not None:
        return found
    key_file = keys.read_key_file(path)
    for candidate in [keys.open_with_keyring(key_file), *keys.unlocked_keys()]:
        if candidate is not None and _opens(path, candidate):
            keys.remember(path, candidate)
            return candidate
    raise PassphraseNeededError.at(Path(path).expanduser().absolute())


def _opens(path: Path, data_key: bytes | None) -> bool:
    from trustdesk.db.engine import probe_uri

    try:
        with closing(connect(probe_uri(path), data_key, uri=True)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_DATABASE_ERRORS:
        return False
    return True


def unlock(path: Path, passphrase: str) -> bytes:
    """Open ``path``'s key file with ``passphrase``, check the key opens the database, and
    keep it in this process's memory. Raises ``WrongPassphraseError``."""
    path = Path(path).expanduser().absolute()
    if not is_encrypted(path):
        return b""  # a plain file needs no key
    data_key = keys.open_with_passphrase(path, keys.read_key_file(path), passphrase)
    if not _opens(path, data_key):
        raise DatabaseFileError(
            f"The key file beside {path} does not belong to it (or the file is damaged); "
            "nothing was changed.",
            zh=f"{path} 旁边的密钥文件不属于它（或文件已损坏）；未做任何改动。",
        )
    keys.remember(path, data_key)
    return data_key


# --- converting a file ----------------------------------------------------------------------


def _converted_copy_name(path: Path, what: str) -> Path:
    return path.with_name(f".{path.name}.{what}")


def _tables(conn: Any) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def _counts(conn: Any, tables: list[str]) -> dict[str, int]:
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _refuse_unless_alone(path: Path, data_key: bytes | None) -> None:
    """Leave WAL mode (folds the ``-wal`` into the file and removes it), which SQLite allows
    only to the last connection: another TrustDesk with the file open makes this fail as
    busy, before anything was written.

    The check runs on the driver the file is normally opened with: two SQLite libraries in
    one process (``sqlite3``'s and SQLCipher's) do not see each other's connections."""
    try:
        with closing(connect(path, data_key, isolation_level=None)) as conn:
            conn.execute("PRAGMA busy_timeout = 2000")
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except DRIVER_ERRORS as exc:
        log.warning("conversion refused: %s", getattr(exc, "sqlite_errorname", type(exc)))
        mode = "wal"
    if str(mode).lower() != "delete":
        raise StorageError(
            f"{path} is open in another window or program; close it everywhere, then try "
            "again. Nothing was changed.",
            zh=f"{path} 正在其他窗口或程序中打开；请先全部关闭后再试。未做任何改动。",
            kind="busy",
        )


def export_copy(
    source: Path,
    source_key: bytes | None,
    out: Path,
    out_key: bytes | None,
    *,
    require_alone: bool = False,
) -> None:
    """Write ``source`` to a new file ``out``, encrypted with ``out_key`` (plain for None),
    and check it: integrity and every table's row count. ``out`` must not exist."""
    out.unlink(missing_ok=True)
    for leftover in (f"{out}-journal", f"{out}-wal", f"{out}-shm"):
        Path(leftover).unlink(missing_ok=True)
    if require_alone:
        _refuse_unless_alone(source, source_key)
    os.close(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE))
    try:
        # sqlcipher_export exists on sqlcipher3's connections, keyed or not.
        with closing(sqlcipher.connect(str(source), isolation_level=None)) as src:
            if source_key is not None:
                _key(src, source_key)
            src.execute("PRAGMA busy_timeout = 10000")
            target_key = f"x'{out_key.hex()}'" if out_key is not None else ""
            src.execute("ATTACH DATABASE ? AS converted KEY ?", (str(out), target_key))
            if out_key is not None:
                src.execute(f"PRAGMA converted.cipher_hmac_algorithm = {PAGE_HMAC}")
            src.execute("BEGIN IMMEDIATE")  # nobody writes the source while it is copied
            src.execute("SELECT sqlcipher_export('converted')")
            for pragma in ("user_version", "application_id"):
                value = int(src.execute(f"PRAGMA main.{pragma}").fetchone()[0])
                src.execute(f"PRAGMA converted.{pragma} = {value}")
            tables = _tables(src)
            expected = _counts(src, tables)
            src.execute("COMMIT")
            src.execute("DETACH DATABASE converted")
        with closing(connect(out, out_key, isolation_level=None)) as check:
            lines = [r[0] for r in check.execute("PRAGMA quick_check")]
            found = _counts(check, tables)
            check.execute("PRAGMA journal_mode=WAL")
        if lines != ["ok"] or found != expected:
            log.error("a converted copy did not match its source (%s)", source.name)
            raise DatabaseFileError(
                f"The converted copy of {source} did not match it; nothing was changed.",
                zh=f"{source} 的转换副本与原文件不一致；未做任何改动。",
            )
        paths.make_private(out)
        keys._sync_folder(out.parent)
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def _replace(copy: Path, path: Path) -> None:
    """Rename the checked copy over ``path``; any ``-wal``/``-shm`` of the old file is gone
    (``_alone_on`` folded it in) and must never be read with the new one."""
    for leftover in (f"{path}-wal", f"{path}-shm"):
        Path(leftover).unlink(missing_ok=True)
    os.replace(copy, path)
    keys._sync_folder(path.parent)


def _checked_copy(
    path: Path,
    key: bytes | None,
    new_key: bytes | None,
    what: str,
    progress: Callable[[str], None] | None,
) -> Path:
    """The first steps of a conversion, which write nothing into ``path``: a verified
    backup, then the converted copy beside it, checked. ``progress`` hears each step."""
    from trustdesk.db import backup

    if progress:
        progress("backup")
    backup.verify_backup(backup.make_backup(path, "manual"))
    copy = _converted_copy_name(path, what)
    if progress:
        progress("database")
    export_copy(path, key, copy, new_key, require_alone=True)
    return copy


def encrypt_file(
    path: Path,
    passphrase: str,
    *,
    remember: bool = False,
    progress: Callable[[str], None] | None = None,
) -> KeyFile:
    """Encrypt the plain database at ``path`` in place (see the module's docstring) and its
    backups; keep its key unlocked in this process."""
    from trustdesk.db import backup

    path = Path(path).expanduser().absolute()
    keys.check_new_passphrase(passphrase)
    if is_encrypted(path):
        raise DatabaseFileError(f"{path} is already encrypted.", zh=f"{path} 已经加密。")
    _refuse_not_ours(path)
    data_key = os.urandom(keys.KEY_BYTES)
    key_file = keys.new_key_file(data_key, passphrase, remember=remember)
    copy = _checked_copy(path, None, data_key, "encrypting", progress)
    keys.write_key_file(path, key_file)
    _replace(copy, path)
    keys.remember(path, data_key)
    log.info("encrypted a database (%s)", path.name)
    if progress:
        progress("backups")
    backup.convert_backups(path, None, data_key, key_file)
    return key_file


def decrypt_file(path: Path, progress: Callable[[str], None] | None = None) -> None:
    """Turn encryption off: the database (already unlocked) and its backups become plain."""
    from trustdesk.db import backup

    path = Path(path).expanduser().absolute()
    data_key = key_for(path)
    if data_key is None:
        raise DatabaseFileError(f"{path} is not encrypted.", zh=f"{path} 没有加密。")
    key_file = keys.read_key_file(path)
    copy = _checked_copy(path, data_key, None, "decrypting", progress)
    _replace(copy, path)
    keys.forget_in_keyring(key_file)
    keys.key_file_of(path).unlink(missing_ok=True)
    keys.forget(path)
    log.info("decrypted a database (%s)", path.name)
    if progress:
        progress("backups")
    backup.convert_backups(path, data_key, None, None)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """A new passphrase slot for the same data key: nothing is re-encrypted. The key files
    of the backups made with this key get the new slot too, so one passphrase opens all."""
    from trustdesk.db import backup

    path = Path(path).expanduser().absolute()
    keys.check_new_passphrase(new)
    key_file = keys.read_key_file(path)
    data_key = keys.open_with_passphrase(path, key_file, old)
    slot = keys.passphrase_slot(key_file.key_id, data_key, new)
    updated = key_file.without("passphrase")
    updated.slots.insert(0, slot)
    keys.write_key_file(path, updated)
    for info in backup.list_backups(path):
        try:
            same_key = keys.read_key_file(info.path).key_id == key_file.key_id
        except DatabaseFileError:  # a plain backup, or one of another key
            continue
        if same_key:
            keys.write_key_file(info.path, updated.without("keyring"))
    log.info("changed the passphrase of %s", path.name)


def set_remembered(path: Path, remember: bool) -> None:
    """Add or remove the keyring slot of ``path`` (which must be unlocked)."""
    path = Path(path).expanduser().absolute()
    data_key = key_for(path)
    if data_key is None:
        raise DatabaseFileError(f"{path} is not encrypted.", zh=f"{path} 没有加密。")
    key_file = keys.read_key_file(path)
    if remember:
        if key_file.slot("keyring") is not None and keys.open_with_keyring(key_file):
            return
        updated = key_file.without("keyring")
        updated.slots.append(keys.keyring_slot(updated, data_key))
    else:
        keys.forget_in_keyring(key_file)
        updated = key_file.without("keyring")
    keys.write_key_file(path, updated)


def _refuse_not_ours(path: Path) -> None:
    from trustdesk.db.engine import inspect_file, refuse_foreign

    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseFileError(f"There is no database at {path}.", zh=f"{path} 处没有数据库。")
    refuse_foreign(path, inspect_file(path))


__all__ = [
    "DRIVER_CONNECTIONS",
    "DRIVER_DATABASE_ERRORS",
    "DRIVER_ERRORS",
    "PassphraseNeededError",
    "WrongPassphraseError",
    "change_passphrase",
    "connect",
    "decrypt_file",
    "encrypt_file",
    "is_encrypted",
    "key_for",
    "set_remembered",
    "unlock",
]
