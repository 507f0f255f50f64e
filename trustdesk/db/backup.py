"""Backups of a database file: making them (SQLite's online backup API, safe while in use),
naming and listing them, keeping the folder bounded, checking one, and restoring one.

Every file made here is named ``<stem>-<tag>-<UTC stamp>Z-<kind>[-<schema>].sqlite3`` in the
backups folder, where ``tag`` is a short hash of the database's full path: two databases with
the same file name (``--db`` elsewhere) never count, list or prune each other's backups, and a
file that does not match this database's pattern is never removed.

Restoring writes the backup INTO the live file through SQLite's backup API on an ordinary
connection, so the pages go through the live file's own ``-wal`` like any other commit: other
connections (even ones holding uncheckpointed frames) see the restored content on their next
read, and a stale ``-wal`` can never be replayed over it. Copying a file over a live database,
or deleting its ``-wal``, is exactly what corrupts it, so nothing here does either.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trustdesk import paths
from trustdesk.db import cipher, keys
from trustdesk.errors import DatabaseFileError, StorageError

log = logging.getLogger("trustdesk.db")

KINDS = ("daily", "upgrade", "manual", "pre-restore")
_SUFFIXES = ("-wal", "-shm", "-journal", keys.KEY_SUFFIX)

# Retention (see prune_backups).
KEEP_DAILY_DAYS = 7
KEEP_WEEKLY = 4
KEEP_UPGRADE = timedelta(days=90)
KEEP_PRE_RESTORE = timedelta(days=30)
MAX_UPGRADE = 10  # even within 90 days: a bounded folder whatever happens
MAX_PRE_RESTORE = 10
BUSY_SECONDS = 5.0
_COPY_FAILURES: tuple[type[Exception], ...] = (*cipher.DRIVER_ERRORS, OSError)
_CONVERT_FAILURES: tuple[type[Exception], ...] = (*_COPY_FAILURES, DatabaseFileError)


class DamagedFileError(DatabaseFileError):
    """A TrustDesk (SQLite) file whose pages are damaged, as opposed to a file that is not
    TrustDesk's at all (plain ``DatabaseFileError``). ``db backup --verify`` exits 1 for it."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made_at: datetime  # UTC-aware
    kind: str  # "daily" | "upgrade" | "manual" | "pre-restore"
    size: int


@dataclass(frozen=True, slots=True)
class RestoreResult:
    kept_as: Path | None  # the pre-restore copy; None only when there was no database file
    restored_from: Path
    migrated: bool  # the backup was older and has been brought to this version's schema


# --- names ----------------------------------------------------------------------------------


def _tag(db_path: Path) -> str:
    full = str(Path(db_path).expanduser().resolve())
    return hashlib.sha256(full.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _now(now: datetime | None) -> datetime:
    moment = now or datetime.now(UTC)
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def backup_file_name(
    db_path: Path, kind: str = "manual", schema: str = "", *, now: datetime | None = None
) -> str:
    """The name of a new backup of ``db_path`` (stamp in UTC, to the microsecond)."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    stamp = _now(now).strftime("%Y%m%d-%H%M%S-%f")
    extra = f"-{schema}" if schema else ""
    return f"{db_path.stem}-{_tag(db_path)}-{stamp}Z-{kind}{extra}.sqlite3"


def _pattern(db_path: Path) -> re.Pattern[str]:
    kinds = "|".join(re.escape(k) for k in KINDS)
    return re.compile(
        rf"{re.escape(db_path.stem)}-{_tag(db_path)}-(?P<stamp>\d{{8}}-\d{{6}}-\d{{6}})Z"
        rf"-(?P<kind>{kinds})(?:-[0-9A-Za-z_]+)?\.sqlite3"
    )


def _legacy_pattern(db_path: Path) -> re.Pattern[str]:
    # Made by TrustDesk before backups were tagged: local time, "-before-<rev>" on upgrades.
    # Listed (they restore) but never pruned: the name does not prove which database they are.
    return re.compile(
        rf"{re.escape(db_path.stem)}-(?P<stamp>\d{{8}}-\d{{6}}-\d{{6}})"
        rf"(?P<kind>-before-[0-9A-Za-z_]+)?\.sqlite3"
    )


def _folder() -> Path:
    """The backups folder, private to the user whatever the umask."""
    folder = paths.backups_dir()
    os.chmod(folder, 0o700)
    return folder


def _scan(db_path: Path) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """(ours, legacy) backups of ``db_path`` in the backups folder, newest first."""
    ours: list[BackupInfo] = []
    legacy: list[BackupInfo] = []
    pattern, old = _pattern(db_path), _legacy_pattern(db_path)
    for entry in os.scandir(paths.backups_dir()):
        if not entry.is_file(follow_symlinks=False):
            continue
        if m := pattern.fullmatch(entry.name):
            made = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
            ours.append(BackupInfo(Path(entry.path), made, m["kind"], entry.stat().st_size))
        elif m := old.fullmatch(entry.name):
            local = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f").astimezone(UTC)
            kind = "upgrade" if m["kind"] else "manual"
            legacy.append(BackupInfo(Path(entry.path), local, kind, entry.stat().st_size))
    ours.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    legacy.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return ours, legacy


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of ``db_path`` in the backups folder, newest first."""
    ours, legacy = _scan(Path(db_path))
    return sorted(ours + legacy, key=lambda b: (b.made_at, b.path.name), reverse=True)


# --- making one -----------------------------------------------------------------------------


def _create_private(path: Path) -> None:
    """Create ``path`` empty with mode 0600; refuse if it exists (never overwrite)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise DatabaseFileError(
            f"{path} already exists; choose another file for the backup.",
            zh=f"{path} 已存在，请为备份另选一个文件。",
        ) from None
    except FileNotFoundError:
        raise DatabaseFileError(
            f"The folder {path.parent} does not exist; create it first.",
            zh=f"文件夹 {path.parent} 不存在，请先创建。",
        ) from None
    except OSError as exc:  # a read-only USB stick, a folder of someone else's, a full disk
        raise _cannot_write_at(path.parent, exc) from None
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _unlink_with_companions(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in _SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def _cannot_write_at(folder: Path, exc: OSError) -> DatabaseFileError:
    """A backup's place refused by the file system, as a sentence naming the folder."""
    log.warning("backup could not be created: errno %s", exc.errno)
    if exc.errno in _FULL:
        return _disk_full()
    if exc.errno in _READ_ONLY:
        return _read_only_place(folder)
    return DatabaseFileError(
        f"The backup could not be written to {folder} (a disk or file problem); check that "
        "the disk is still connected. No backup was made.",
        zh=f"无法把备份写入 {folder}（磁盘或文件问题），请确认磁盘仍已连接。未生成备份。",
    )


def _disk_full() -> DatabaseFileError:
    return DatabaseFileError(
        "The backup could not be written: the disk is full. Free some space and try again.",
        zh="无法写入备份：磁盘已满。请清理磁盘空间后再试。",
    )


def _read_only_place(folder: Path) -> DatabaseFileError:
    return DatabaseFileError(
        f"The backup could not be written to {folder}: it is read-only, or you have no "
        "permission there. Choose another place; no backup was made.",
        zh=f"无法把备份写入 {folder}：该位置只读或没有写入权限。请另选位置；未生成备份。",
    )


def _copy_failed(db_path: Path, exc: BaseException, out: Path | None = None) -> DatabaseFileError:
    log.warning("backup of a database failed: %s", type(exc).__name__)
    code = getattr(exc, "sqlite_errorname", "") or ""
    if code.startswith("SQLITE_FULL") or getattr(exc, "errno", None) in _FULL:
        return _disk_full()
    if out is not None and (
        code.startswith("SQLITE_READONLY") or getattr(exc, "errno", None) in _READ_ONLY
    ):
        return _read_only_place(out.parent)
    return DatabaseFileError(
        f"{db_path} could not be copied (it may be damaged or unreadable); no backup was made.",
        zh=f"无法复制 {db_path}（文件可能已损坏或无法读取），未生成备份。",
    )


def backup_database(db_path: Path, out: Path) -> Path:
    """Copy ``db_path`` (with what its ``-wal`` holds) to a new file ``out``, 0600, in rollback
    journal mode so the copy is one self-contained file; never overwrites."""
    if not Path(db_path).is_file():
        raise DatabaseFileError(
            f"There is no database at {db_path} to back up.", zh=f"{db_path} 处没有可备份的数据库。"
        )
    key = cipher.key_for(db_path)  # an encrypted file's backup is encrypted with its key
    _create_private(out)
    try:
        with (
            closing(cipher.connect(f"file:{db_path}?mode=ro", key, uri=True)) as src,
            closing(cipher.connect(out, key, isolation_level=None)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        if key is not None:  # what opens it: the key file as it is now
            keys.write_key_file(out, keys.read_key_file(db_path))
    except _COPY_FAILURES as exc:
        _unlink_with_companions(out)
        raise _copy_failed(db_path, exc, out) from exc
    log.info("backed up a database to %s", out.name)
    return out


def _raw_copy(db_path: Path, out: Path) -> Path:
    """Byte copy of a file SQLite cannot read (and of its ``-wal``), so it is kept as it is."""
    _create_private(out)
    try:
        shutil.copyfile(db_path, out)
        if keys.key_file_of(db_path).is_file():
            shutil.copyfile(keys.key_file_of(db_path), keys.key_file_of(out))
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            _create_private(Path(f"{out}-wal"))
            shutil.copyfile(wal, f"{out}-wal")
    except OSError as exc:
        _unlink_with_companions(out)
        raise _copy_failed(db_path, exc) from exc
    return out


def make_backup(db_path: Path, kind: str, schema: str = "", *, now: datetime | None = None) -> Path:
    """A new backup of ``kind`` in the backups folder."""
    return backup_database(db_path, _folder() / backup_file_name(db_path, kind, schema, now=now))


# --- keeping the folder bounded -------------------------------------------------------------


def _kept(backups: list[BackupInfo], now: datetime) -> set[Path]:
    keep: set[Path] = set()
    daily = [b for b in backups if b.kind == "daily"]  # newest first
    days: dict[object, Path] = {}
    weeks: dict[object, Path] = {}
    for b in daily:
        local = b.made_at.astimezone()
        days.setdefault(local.date(), b.path)
        weeks.setdefault(local.isocalendar()[:2], b.path)
    keep.update(list(days.values())[:KEEP_DAILY_DAYS])
    keep.update(list(weeks.values())[:KEEP_WEEKLY])
    for kind, age, most in (
        ("upgrade", KEEP_UPGRADE, MAX_UPGRADE),
        ("pre-restore", KEEP_PRE_RESTORE, MAX_PRE_RESTORE),
    ):
        of_kind = [b for b in backups if b.kind == kind]
        keep.update(b.path for b in of_kind[:most] if now - b.made_at <= age)
        keep.update(b.path for b in of_kind[:1])  # the newest one stays whatever its age
    keep.update(b.path for b in backups if b.kind == "manual")
    return keep


def prune_backups(db_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Remove this database's backups that the retention rule no longer keeps; return them.

    Kept: the newest daily backup of each of the last 7 days that have one, and of each of the
    last 4 weeks that have one; upgrade backups for 90 days (at most the 10 newest);
    pre-restore ones for 30 days (at most the 10 newest); the newest upgrade and pre-restore
    backup whatever their age; manual ones always. Only files named by this module for this
    database are candidates; anything else in the folder is never touched.
    """
    ours, _legacy = _scan(Path(db_path))
    keep = _kept(ours, _now(now))
    removed = []
    for b in ours:
        if b.path in keep:
            continue
        try:
            _unlink_with_companions(b.path)
        except OSError as exc:
            log.warning("could not remove old backup %s: %s", b.path.name, type(exc).__name__)
            continue
        removed.append(b.path)
    if removed:
        log.info("pruned %d old backups", len(removed))
    return removed


def daily_backup(db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Today's automatic backup, if this database has none yet today (local date); then
    prune. Cheap when already done (one folder listing). None when nothing was made."""
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    moment = _now(now)
    today = moment.astimezone().date()
    ours, _legacy = _scan(db_path)
    if any(b.kind == "daily" and b.made_at.astimezone().date() == today for b in ours):
        return None
    made = make_backup(db_path, "daily", now=moment)
    prune_backups(db_path, now=moment)
    return made


# --- checking one ---------------------------------------------------------------------------


def _not_ours(path: Path, why_en: str, why_zh: str) -> DatabaseFileError:
    return DatabaseFileError(
        f"{path} is not a TrustDesk backup ({why_en}); nothing was changed.",
        zh=f"{path} 不是 TrustDesk 备份（{why_zh}）；未做任何改动。",
    )


def _damaged(path: Path) -> DamagedFileError:
    return DamagedFileError(
        f"{path} is damaged (SQLite's integrity check fails); it cannot be restored. "
        "Choose an older backup.",
        zh=f"{path} 已损坏（SQLite 完整性检查未通过），无法用于恢复。请选择更早的备份。",
    )


def _check_staged(original: Path, staged: Path, key: bytes | None) -> str:
    """Check the private copy of a backup (encrypted with ``key``); return its schema
    revision."""
    from trustdesk.db.migrate import head_revision, is_known_revision

    if key is None and not cipher.has_sqlite_header(staged):
        raise _not_ours(original, "it is not an SQLite file", "不是 SQLite 文件")
    try:
        with closing(cipher.connect(staged, key, isolation_level=None)) as conn:
            # The integrity check reads every page once more than a 64 MB cache holds; for
            # an encrypted copy each re-read page is decrypted and authenticated again.
            conn.execute("PRAGMA cache_size=-262144")
            # Folds a -wal copied beside it into the file, as SQLite itself would read it.
            conn.execute("PRAGMA journal_mode=DELETE")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if revision is None or "account" not in tables:
                raise _not_ours(original, "another program's SQLite file", "其他程序的 SQLite 文件")
            lines = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except cipher.DRIVER_DATABASE_ERRORS as exc:
        log.warning("backup check failed: %s", getattr(exc, "sqlite_errorname", type(exc)))
        raise _damaged(original) from None
    if lines != ["ok"]:
        raise _damaged(original)
    if not is_known_revision(revision):
        raise DatabaseFileError(
            f"{original} was written by a newer TrustDesk (schema {revision}, this version "
            f"has {head_revision()}); update TrustDesk to restore it.",
            zh=f"{original} 由更新版本的 TrustDesk 创建（结构 {revision}，本版本为 "
            f"{head_revision()}），请先升级 TrustDesk 再恢复。",
        )
    return str(revision)


@contextmanager
def _staged(backup: Path) -> Iterator[tuple[Path, bytes | None]]:
    """A checked private copy of ``backup`` (and of a ``-wal`` beside it), removed after,
    with the key that opens it (None: plain).

    Checks run on the copy, so the backup and its folder stay exactly as they were (even
    opening a WAL file read-only would create a ``-shm`` beside it)."""
    backup = Path(backup).expanduser().absolute()
    if not backup.is_file():
        raise DatabaseFileError(f"{backup} does not exist.", zh=f"{backup} 不存在。")
    key = cipher.key_for(backup)  # PassphraseNeededError: an encrypted backup not unlocked
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=_folder()) as tmp:
        staged = Path(tmp) / "backup.sqlite3"
        with_wal = Path(f"{backup}-wal").is_file()
        try:
            _create_private(staged)
            shutil.copyfile(backup, staged)
            if with_wal:
                _create_private(Path(f"{staged}-wal"))
                shutil.copyfile(f"{backup}-wal", f"{staged}-wal")
        except OSError as exc:
            raise DatabaseFileError(
                f"{backup} could not be read: {exc.strerror}.",
                zh=f"无法读取 {backup}:{exc.strerror}。",
            ) from exc
        try:
            _check_staged(backup, staged, key)
        except DamagedFileError:
            if not with_wal:
                raise
            # The file alone may be fine and the -wal beside it another database's: say so.
            for leftover in (f"{staged}-wal", f"{staged}-shm", f"{staged}-journal"):
                Path(leftover).unlink(missing_ok=True)
            shutil.copyfile(backup, staged)
            try:
                _check_staged(backup, staged, key)
            except DatabaseFileError:
                raise _damaged(backup) from None
            raise DamagedFileError(
                f"{backup}-wal beside the backup does not belong to it (the two together are "
                f"damaged); move {backup.name}-wal away and try again.",
                zh=f"备份旁边的 {backup}-wal 不属于该备份（两者合在一起已损坏）；"
                f"请移走 {backup.name}-wal 后再试。",
            ) from None
        yield staged, key


def verify_backup(path: Path) -> None:
    """Raise unless ``path`` is a TrustDesk database that passes SQLite's integrity check,
    at this version's schema or an older one. ``DamagedFileError`` for a damaged one,
    ``DatabaseFileError`` for a file that is not TrustDesk's (or is from a newer version).
    The file is not modified: the checks run on a private copy."""
    with _staged(path):
        pass


# --- encryption turned on or off ------------------------------------------------------------


def convert_backups(
    db_path: Path, old_key: bytes | None, new_key: bytes | None, key_file: keys.KeyFile | None
) -> int:
    """Re-encrypt ``db_path``'s backups that were made with ``old_key`` (None: plain) with
    ``new_key`` (None: plain), each as a checked copy renamed over it, so the backups
    folder never keeps what the database file no longer shows. Returns how many; a backup
    that cannot be converted (damaged, another key) is left as it is and logged."""
    converted = 0
    for info in list_backups(db_path):
        backup = info.path
        plain = cipher.has_sqlite_header(backup)
        if (old_key is None) != plain or Path(f"{backup}-wal").exists():
            continue
        copy = backup.with_name(f".{backup.name}.converting")
        try:
            cipher.export_copy(backup, old_key, copy, new_key)
        except _CONVERT_FAILURES as exc:
            log.warning("a backup was not converted (%s): %s", backup.name, type(exc).__name__)
            continue
        if key_file is not None:
            keys.write_key_file(backup, key_file)
        os.replace(copy, backup)
        if key_file is None:
            keys.key_file_of(backup).unlink(missing_ok=True)
        converted += 1
    log.info("converted %d backups of %s", converted, db_path.name)
    return converted


# --- restoring one --------------------------------------------------------------------------


def _busy() -> StorageError:
    return StorageError(
        "Another program is using the database; close TrustDesk (and anything else using "
        "the file) and restore again. The current database was not changed.",
        zh="另一个程序正在使用数据库；请关闭 TrustDesk（以及其他使用该文件的程序）后再恢复。"
        "当前数据库未被修改。",
        kind="busy",
    )


def _refuse_foreign_live(db_path: Path) -> None:
    """Refuse to restore over a file that is not a database of ours (a typo'd ``--db``)."""
    if not cipher.has_sqlite_header(db_path) and not cipher.is_encrypted(db_path):
        raise DatabaseFileError(
            f"{db_path} is not a TrustDesk database; nothing was restored over it.",
            zh=f"{db_path} 不是 TrustDesk 数据库；未在其上恢复。",
        )
    key = cipher.key_for(db_path)
    try:
        with closing(cipher.connect(f"file:{db_path}?mode=ro", key, uri=True)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except cipher.DRIVER_DATABASE_ERRORS:
        return  # damaged: restoring over it is the point
    if tables and "alembic_version" not in tables:
        raise DatabaseFileError(
            f"{db_path} is another program's SQLite file; nothing was restored over it.",
            zh=f"{db_path} 是其他程序的 SQLite 文件；未在其上恢复。",
        )


def _keep_current(db_path: Path, now: datetime) -> Path:
    out = _folder() / backup_file_name(db_path, "pre-restore", now=now)
    try:
        return backup_database(db_path, out)
    except DatabaseFileError:
        if out.exists():
            raise
        log.warning("current database unreadable by SQLite; keeping a byte copy")
        return _raw_copy(db_path, out)


def _write_into(db_path: Path, staged: Path, staged_key: bytes | None, busy_seconds: float) -> None:
    """Replace the content of the live file with the staged copy, as one write transaction
    through the live file's own journal (its ``-wal``). A backup encrypted otherwise than the
    live file (made before encryption was turned on or off) is converted to the live file's
    key first: SQLite's backup API copies pages as they are."""
    if not db_path.exists():
        _create_private(db_path)
    live_key = cipher.key_for(db_path) if db_path.stat().st_size else None
    if live_key != staged_key:
        converted = staged.with_name("converted.sqlite3")
        cipher.export_copy(staged, staged_key, converted, live_key)
        staged, staged_key = converted, live_key
    deadline = time.monotonic() + busy_seconds

    def give_up_when_busy(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and (
            time.monotonic() >= deadline
        ):
            raise _busy()

    try:
        with (
            closing(cipher.connect(staged, staged_key)) as src,
            closing(cipher.connect(db_path, live_key, timeout=busy_seconds)) as dst,
        ):
            src.backup(dst, progress=give_up_when_busy, sleep=0.05)
    except StorageError:
        raise
    except cipher.DRIVER_ERRORS as exc:
        code = getattr(exc, "sqlite_errorname", "") or ""
        log.warning("restore write failed: %s", code or type(exc).__name__)
        if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise _busy() from None
        if code.startswith("SQLITE_FULL"):
            raise _copy_failed(db_path, exc) from None
        raise DatabaseFileError(
            f"{db_path} could not be written in place (it is read-only or too damaged). Close "
            "TrustDesk, move the file and its -wal away, then restore again.",
            zh=f"无法在原处写入 {db_path}（只读或损坏过重）。请关闭 TrustDesk，将该文件及其 "
            "-wal 文件移走，然后再恢复。",
        ) from None


def restore_backup(
    db_path: Path,
    backup: Path,
    *,
    now: datetime | None = None,
    busy_seconds: float = BUSY_SECONDS,
) -> RestoreResult:
    """Replace the database at ``db_path`` with ``backup``, keeping the current one.

    The caller must have closed its own engine (``Store.close``) first: its sessions would
    hold the replaced data. Another process writing the file makes this refuse with a
    ``StorageError`` (kind ``busy``) after ``busy_seconds``; another connection merely open
    is safe (it reads the restored content next). Steps: check a private copy of the backup;
    keep the current file as a "pre-restore" backup (online backup API, ``-wal`` included);
    write the backup into the live file through its own WAL; migrate it if it is older.
    """
    from trustdesk.db.engine import check_database_file, open_database

    db_path = Path(db_path).expanduser().absolute()
    backup = Path(backup).expanduser().absolute()
    check_database_file(db_path)
    if backup.exists() and db_path.exists() and backup.samefile(db_path):
        raise DatabaseFileError(
            f"{backup} is the database itself; choose a backup file.",
            zh=f"{backup} 就是当前数据库本身；请选择一个备份文件。",
        )
    moment = _now(now)
    has_current = db_path.is_file() and db_path.stat().st_size > 0
    if has_current:
        _refuse_foreign_live(db_path)
    with _staged(backup) as (staged, staged_key):
        kept = _keep_current(db_path, moment) if has_current else None
        _write_into(db_path, staged, staged_key, busy_seconds)
    log.info("restored a database from %s", backup.name)
    database = open_database(db_path)  # brings an older backup to this version's schema
    migrated = database.migrated
    database.close()
    return RestoreResult(kept_as=kept, restored_from=backup, migrated=migrated)


__all__ = [
    "BackupInfo",
    "DamagedFileError",
    "RestoreResult",
    "backup_database",
    "backup_file_name",
    "convert_backups",
    "daily_backup",
    "list_backups",
    "make_backup",
    "prune_backups",
    "restore_backup",
    "verify_backup",
]
